"""Datasets, their versions and stored values (the long frames hromada.econ takes), and
upload drafts."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pandas as pd
from django.shortcuts import get_object_or_404
from django.utils import timezone

from hromada.economy.models import Area, Dataset, DatasetVersion, ImportDraft, Observation

if TYPE_CHECKING:
    from hromada.workspaces.models import Municipality


def dataset_list(*, municipality: Municipality) -> list[Dataset]:
    return list(Dataset.objects.filter(municipality=municipality).order_by("name"))


def dataset_list_with_versions(
    *, municipality: Municipality
) -> list[tuple[Dataset, DatasetVersion | None]]:
    """The municipality's datasets by name, each with its newest version."""
    return [(d, d.latest_version) for d in dataset_list(municipality=municipality)]


def dataset_get(*, municipality: Municipality, pk: int) -> Dataset | None:
    """A dataset of this municipality, or None (also when it belongs to another)."""
    return Dataset.objects.filter(municipality=municipality, pk=pk).first()


def dataset_get_or_404(*, municipality: Municipality, pk: int) -> Dataset:
    """A dataset of this municipality (404 for any other)."""
    return get_object_or_404(Dataset, pk=pk, municipality=municipality)


def dataset_by_name(*, municipality: Municipality, name: str) -> Dataset | None:
    """The municipality's dataset called ``name`` (an upload adds a version to it)."""
    return Dataset.objects.filter(municipality=municipality, name=name).first()


def version_get(dataset: Dataset, number: str | None) -> DatasetVersion | None:
    """The version numbered ``number`` (as a query gives it), or None when it names none."""
    if number and number.isdigit():
        return dataset.versions.filter(number=int(number)).first()
    return None


# --- Upload drafts ---------------------------------------------------------------------------

# A draft still parsing or storing with no sign of life for this long lost its worker
# (killed, power cut) and the page offers a retry (its worker touches it every
# ``services.DRAFT_HEARTBEAT`` seconds).
STALE_DRAFT = timedelta(seconds=90)


def draft_get_or_404(*, municipality: Municipality, pk: int) -> ImportDraft:
    return get_object_or_404(ImportDraft, pk=pk, municipality=municipality)


def draft_is_stale(draft: ImportDraft) -> bool:
    """True when a draft has been parsing or storing so long that its worker must be gone."""
    return bool(draft.in_progress and draft.updated_at < timezone.now() - STALE_DRAFT)


def draft_frame(draft: ImportDraft) -> pd.DataFrame:
    """A checked draft's values: area ("local"/"reference"), sector, year, value."""
    return pd.DataFrame(draft.rows, columns=["area", "sector", "year", "value"])


# --- Dataset values ----------------------------------------------------------------------------


def version_frames(version: DatasetVersion) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(local, reference) long frames with columns sector, year, value."""
    rows = Observation.objects.filter(version=version).values_list(
        "area", "sector", "year", "value"
    )
    frame = pd.DataFrame.from_records(list(rows), columns=["area", "sector", "year", "value"])
    local = frame[frame["area"] == Area.LOCAL].drop(columns="area").reset_index(drop=True)
    reference = frame[frame["area"] == Area.REFERENCE].drop(columns="area").reset_index(drop=True)
    return local, reference


def dataset_panel(
    dataset: Dataset, *, version: DatasetVersion | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The municipality's panel (region = its code) and its reference (sector, year, value),
    from ``version`` or the newest one; empty frames when nothing was imported."""
    version = version or dataset.latest_version
    if version is None:
        empty = pd.DataFrame(columns=["sector", "year", "value"])
        return empty.assign(region=pd.Series(dtype=str)), empty
    local, reference = version_frames(version)
    local.insert(0, "region", dataset.municipality.code)
    return local, reference


def version_list(dataset: Dataset) -> list[DatasetVersion]:
    return list(dataset.versions.order_by("-number"))


def dataset_data_frame(dataset: Dataset, *, version: DatasetVersion | None = None) -> pd.DataFrame:
    """The stored values in the import layout (area, kved, year, value): a file that
    re-imports to the same observations."""
    version = version or dataset.latest_version
    if version is None:
        return pd.DataFrame(columns=["area", "kved", "year", "value"])
    rows = (
        Observation.objects.filter(version=version)
        .order_by("area", "sector", "year")
        .values_list("area", "sector", "year", "value")
    )
    frame = pd.DataFrame.from_records(list(rows), columns=["area", "kved", "year", "value"])
    frame["area"] = frame["area"].map({Area.LOCAL: "municipality", Area.REFERENCE: "reference"})
    return frame
