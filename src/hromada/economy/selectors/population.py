"""The population and workforce registers: population records and relocated enterprises."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from hromada.core.disclosure import outward
from hromada.economy.models import PopulationRecord, RelocatedEnterprise
from hromada.economy.selectors.damage import damage_list

if TYPE_CHECKING:
    from hromada.workspaces.models import Municipality


# --- Population and workforce ----------------------------------------------------------


def population_list(
    *, municipality: Municipality, include_restricted: bool = True
) -> QuerySet[PopulationRecord]:
    return outward(
        PopulationRecord.objects.filter(municipality=municipality),
        include_restricted=include_restricted,
    ).order_by("indicator", "year")


def population_record_get_or_404(*, municipality: Municipality, pk: int) -> PopulationRecord:
    return get_object_or_404(PopulationRecord, pk=pk, municipality=municipality)


def enterprise_get_or_404(*, municipality: Municipality, pk: int) -> RelocatedEnterprise:
    return get_object_or_404(RelocatedEnterprise, pk=pk, municipality=municipality)


def population_frame(
    *, municipality: Municipality, include_restricted: bool = True
) -> pd.DataFrame:
    """year, indicator, value of every population and workforce figure."""
    rows = population_list(
        municipality=municipality, include_restricted=include_restricted
    ).values_list("year", "indicator", "value")
    return pd.DataFrame.from_records(list(rows), columns=["year", "indicator", "value"])


def enterprise_list(
    *, municipality: Municipality, include_restricted: bool = True
) -> QuerySet[RelocatedEnterprise]:
    return outward(
        RelocatedEnterprise.objects.filter(municipality=municipality),
        include_restricted=include_restricted,
    )


def enterprise_frame(
    *, municipality: Municipality, include_restricted: bool = True
) -> pd.DataFrame:
    """year, direction, name, sector, jobs of every relocated enterprise."""
    rows = enterprise_list(
        municipality=municipality, include_restricted=include_restricted
    ).values_list("year", "direction", "name", "sector", "jobs")
    return pd.DataFrame.from_records(
        list(rows), columns=["year", "direction", "name", "sector", "jobs"]
    )


def relocation_by_year(
    *, municipality: Municipality, include_restricted: bool = True
) -> pd.DataFrame:
    """year, direction, enterprises, jobs: relocated enterprises summed by year."""
    frame = enterprise_frame(municipality=municipality, include_restricted=include_restricted)
    if frame.empty:
        return pd.DataFrame(columns=["year", "direction", "enterprises", "jobs"])
    return frame.groupby(["year", "direction"], as_index=False).agg(
        enterprises=("name", "size"), jobs=("jobs", "sum")
    )


def register_counts(*, municipality: Municipality) -> dict[str, int]:
    """How many population figures, relocated enterprises and damage entries the
    municipality recorded (``population_count``, ``enterprise_count``, ``damage_count``)."""
    return {
        "population_count": population_list(municipality=municipality).count(),
        "enterprise_count": enterprise_list(municipality=municipality).count(),
        "damage_count": damage_list(municipality=municipality).count(),
    }
