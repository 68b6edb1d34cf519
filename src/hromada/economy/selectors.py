"""Reads of economic data, as the long DataFrames that hromada.econ takes."""

from __future__ import annotations

import pandas as pd

from hromada.economy.models import Area, Dataset, DatasetVersion, Observation


def dataset_list(*, municipality) -> list[Dataset]:
    return list(Dataset.objects.filter(municipality=municipality).order_by("name"))


def dataset_get(*, municipality, pk: int) -> Dataset | None:
    """A dataset of this municipality, or None (also when it belongs to another)."""
    return Dataset.objects.filter(municipality=municipality, pk=pk).first()


def version_frames(version: DatasetVersion) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(local, reference) long frames with columns sector, year, value."""
    rows = Observation.objects.filter(version=version).values_list("area", "sector", "year",
                                                                   "value")
    frame = pd.DataFrame.from_records(list(rows), columns=["area", "sector", "year", "value"])
    local = frame[frame["area"] == Area.LOCAL].drop(columns="area").reset_index(drop=True)
    reference = frame[frame["area"] == Area.REFERENCE].drop(columns="area").reset_index(drop=True)
    return local, reference


def dataset_panel(dataset: Dataset, *, version: DatasetVersion | None = None
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
