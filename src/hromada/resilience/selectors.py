"""Reads of the Resilience step: saved scenarios and the inputs of the regional model."""

from __future__ import annotations

import logging

import pandas as pd
from django.db import DatabaseError
from django.utils.translation import gettext as _

from hromada.core.outcome import Outcome
from hromada.econ.errors import HromadaError
from hromada.economy.selectors import analysis_dataset, damage_shock_sizes, dataset_panel
from hromada.refdata import ReferenceDataMissingError, kved_lookup
from hromada.resilience.analysis import RegionModel, project_impact, regional_model, run_scenario
from hromada.resilience.forms import backup_from_params, dependence_from_params
from hromada.resilience.models import Scenario

log = logging.getLogger(__name__)


def scenario_list(*, municipality):
    return Scenario.objects.filter(municipality=municipality).order_by("-created_at", "pk")


def scenario_get(*, municipality, pk: int) -> Scenario | None:
    return Scenario.objects.filter(municipality=municipality, pk=pk).first()


def employment_inputs(*, municipality) -> dict | None:
    """The employment the municipality's analyses use: ``{"dataset", "local",
    "reference", "year"}``, the dataset of
    :func:`~hromada.economy.selectors.analysis_dataset`, its local rows by KVED section
    in its last pre-war year (2021 or the latest before 2022, else the first year) and
    its Ukraine reference in that year when the reference is Ukraine (else None). None
    when nothing was imported."""
    dataset = analysis_dataset(municipality=municipality)
    if dataset is None:
        return None
    local, reference = dataset_panel(dataset)
    if local.empty:
        return None
    years = sorted(int(y) for y in local["year"].unique())
    before = [y for y in years if y < 2022]
    year = before[-1] if before else years[0]

    def by_section(rows: pd.DataFrame) -> pd.Series:
        if rows.empty:
            return pd.Series(dtype=float)
        sections = kved_lookup(rows["sector"].tolist())["section"].to_numpy()
        return (
            rows.assign(section=sections)
            .dropna(subset=["section"])
            .groupby("section")["value"]
            .sum()
            .astype(float)
        )

    loc = by_section(local[local["year"] == year])
    ref = None
    if dataset.reference_level == "ukraine" and not reference.empty:
        ref = by_section(reference[reference["year"] == year])
        if ref.empty:
            ref = None
    return {"dataset": dataset, "local": loc, "reference": ref, "year": year}


def local_employment(*, municipality) -> tuple[pd.Series | None, pd.Series | None, int | None, str]:
    """(local, national reference, year, dataset name) of :func:`employment_inputs`;
    (None, None, None, "") when nothing was imported."""
    found = employment_inputs(municipality=municipality)
    if found is None:
        return None, None, None, ""
    return found["local"], found["reference"], found["year"], found["dataset"].name


def data_kind(dataset) -> str:
    """What a dataset is, in a word or two: illustrative, official, real but foreign (a
    stand-in from elsewhere), the municipality's own records, or not stated."""
    from hromada.economy.models import DataKind

    if dataset.is_illustrative:
        return _("illustrative")
    return {
        DataKind.OFFICIAL: _("official"),
        DataKind.FOREIGN: _("real but foreign"),
        DataKind.OWN: _("own records"),
    }.get(dataset.kind, _("kind not stated"))


def data_used(dataset, year=None) -> dict:
    """What a result says about the municipality's data it used: ``{"dataset", "name",
    "vintage", "kind", "illustrative"}`` (``vintage``: the year used)."""
    return {
        "dataset": dataset,
        "name": dataset.name,
        "vintage": str(year) if year else "",
        "kind": data_kind(dataset),
        "illustrative": bool(dataset.is_illustrative),
    }


def employment_used(*, municipality) -> dict | None:
    """:func:`data_used` of the employment dataset the regional model reads
    (:func:`employment_inputs`); None when the model runs without one (the national
    structure scaled by population)."""
    found = employment_inputs(municipality=municipality)
    return None if found is None else data_used(found["dataset"], found["year"])


def damage_sizes(*, municipality) -> dict[str, float] | None:
    """Shock sizes by KVED section from the war damage register, or None when the economy
    app does not offer them."""
    try:
        return damage_shock_sizes(municipality)
    except (ReferenceDataMissingError, DatabaseError, KeyError, ValueError) as exc:
        # the classifier missing, or a register the economy app cannot read: the page
        # offers no damage-based shock rather than failing
        log.warning("no damage shock sizes for %s: %s", municipality.code, exc)
        return None


def region_model_get(
    *, municipality, method: str = "flq", delta: float | None = None
) -> RegionModel:
    local, reference, year, _name = local_employment(municipality=municipality)
    return regional_model(
        local=local,
        year=year,
        national_reference=reference,
        population=municipality.population,
        method=method,
        delta=delta,
    )


def _refused(exc: Exception) -> Outcome:
    return Outcome(error=_("The model could not run: %(error)s") % {"error": exc})


def scenario_run(
    *, municipality, shocks: list[dict], method: str, delta, horizon: int, params=None
) -> Outcome:
    """A scenario run on the municipality's regional model (a
    :class:`~hromada.resilience.analysis.ScenarioOutcome`), or the reason it could not."""
    params = params or {}
    try:
        model = region_model_get(municipality=municipality, method=method, delta=delta)
        return Outcome(
            run_scenario(
                model,
                shocks,
                horizon=horizon,
                backup=backup_from_params(params),
                dependence=dependence_from_params(params),
            )
        )
    except (ValueError, HromadaError) as exc:
        return _refused(exc)


def saved_scenario_run(*, municipality, scenario: Scenario) -> Outcome:
    """:func:`scenario_outcome` as an :class:`~hromada.core.outcome.Outcome`."""
    try:
        return Outcome(scenario_outcome(municipality=municipality, scenario=scenario))
    except (ValueError, HromadaError) as exc:
        return _refused(exc)


def scenario_delta(*, municipality, method: str, delta: float | None) -> float:
    """The FLQ delta a scenario is saved with: the chosen one, else the one the model
    picks by the municipality's size, else 0.25 (the model cannot be built)."""
    if delta is not None:
        return delta
    try:
        return region_model_get(municipality=municipality, method=method).delta
    except (ValueError, HromadaError):
        return 0.25


def scenarios_compared(*, municipality, ids: list[int], most: int):
    """(chosen, named, failed): the saved scenarios of ``ids`` in that order, the first
    ``most`` of them re-run as (name, outcome), and the names of those that could not."""
    chosen = list(scenario_list(municipality=municipality).filter(pk__in=ids))
    chosen.sort(key=lambda s: ids.index(s.pk))
    named, failed = [], []
    for s in chosen[:most]:
        run = saved_scenario_run(municipality=municipality, scenario=s)
        if run.ok:
            named.append((s.name, run.value))
        else:
            failed.append(s.name)
    return chosen, named, failed


def project_multipliers(*, municipality, method: str, delta, sector: str, amount: float) -> Outcome:
    """A project's local impact: ``{"model", "dataset_name", "data_used", "result"}``
    (``data_used``: :func:`employment_used`) (``result`` a
    :class:`~hromada.resilience.analysis.ProjectImpact`, None when the sector has no local
    activity: then the outcome's error says so, and the model's facts still show)."""
    try:
        model = region_model_get(municipality=municipality, method=method, delta=delta)
    except (ValueError, HromadaError) as exc:
        return _refused(exc)
    used = employment_used(municipality=municipality)
    value = {
        "model": model,
        "dataset_name": used["name"] if used else "",
        "data_used": used,
        "result": None,
    }
    if sector not in model.sectors:
        return Outcome(
            value,
            _(
                "The municipality has no activity in this sector in its "
                "data, so a project there has no local multiplier. "
                "Choose another sector."
            ),
        )
    try:
        value["result"] = project_impact(model, sector, amount / 1e6)
    except (ValueError, HromadaError) as exc:
        return Outcome(value, _refused(exc).error)
    return Outcome(value)


def scenario_outcome(*, municipality, scenario: Scenario):
    """A saved scenario re-run on today's data with its own settings (method, delta,
    horizon, backup and dependence), as its page shows it."""
    model = region_model_get(
        municipality=municipality, method=scenario.method, delta=scenario.delta
    )
    params = scenario.params or {}
    return run_scenario(
        model,
        scenario.shocks,
        horizon=scenario.horizon,
        backup=backup_from_params(params),
        dependence=dependence_from_params(params),
    )
