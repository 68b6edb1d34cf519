"""Writes of the Resilience step."""

from __future__ import annotations

from django.db import transaction

from hromada.resilience.models import Scenario


@transaction.atomic
def scenario_create(
    *,
    municipality,
    name: str,
    shocks: list[dict],
    method: str = "flq",
    delta: float = 0.25,
    horizon: int = 365,
    note: str = "",
    params: dict | None = None,
    by=None,
) -> Scenario:
    scenario = Scenario(
        municipality=municipality,
        name=name,
        note=note,
        shocks=shocks,
        method=method,
        delta=delta,
        horizon=horizon,
        params=params or {},
        created_by=by,
    )
    scenario.full_clean()
    if by is not None:
        scenario._history_user = by
    scenario.save()
    return scenario


@transaction.atomic
def scenario_delete(*, scenario: Scenario, by=None) -> None:
    scenario.soft_delete(by=by)
