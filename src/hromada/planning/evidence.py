"""The evidence the plan draws on (reads): the analysis results of the economy app's imported
data and of the other steps, for the SWOT suggestions and the KPIs bound to an analysis.

Everything here copes with missing data: no dataset, one year only, no budget reference
data; the result then simply has fewer keys (and the SWOT fewer suggestions).
"""

from __future__ import annotations

import logging
import warnings

import pandas as pd
from django.db import DatabaseError

from hromada.econ import shiftshare, structure
from hromada.econ.errors import HromadaError
from hromada.econ.fiscal import transfer_dependence
from hromada.economy.selectors import analysis_dataset, damage_totals, dataset_panel
from hromada.refdata import ReferenceDataMissingError, budgets, kved
from hromada.resilience.selectors import scenario_list, scenario_outcome

log = logging.getLogger(__name__)

#: Where the SWOT's opportunities come from: functions of ``municipality=`` returning
#: items with ``sector``, ``score`` and ``sector_name``. A later step registers its own in
#: its ``AppConfig.ready`` (diversify: its shortlist), so planning imports none of them.
OPPORTUNITY_SOURCES: list = []


def register_opportunity_source(source) -> None:
    """Add ``source`` to :data:`OPPORTUNITY_SOURCES` (once)."""
    if source not in OPPORTUNITY_SOURCES:
        OPPORTUNITY_SOURCES.append(source)


def _dataset(municipality, measure: str = "employment"):
    return analysis_dataset(municipality=municipality, measure=measure) or (
        analysis_dataset(municipality=municipality, measure=None)
        if measure == "employment"
        else None
    )


def binding_illustrative(municipality, measure: str = "employment") -> bool:
    """True when the dataset a KPI bound to ``measure`` reads
    (:func:`hromada.economy.selectors.analysis_dataset`) is illustrative (made-up
    numbers): the KPI's values are then an illustration, and say so on every page,
    report and export."""
    dataset = _dataset(municipality, measure or "employment")
    return bool(dataset is not None and dataset.is_illustrative)


def measure_panel(municipality, measure: str = "employment"):
    """(panel, reference) of the dataset of ``measure`` the analyses use
    (:func:`hromada.economy.selectors.analysis_dataset`); (None, None) without data."""
    dataset = _dataset(municipality, measure)
    if dataset is None:
        return None, None
    panel, reference = dataset_panel(dataset)
    if panel.empty:
        return None, None
    return panel, (reference if not reference.empty else None)


def _sector_names(sectors) -> dict[str, str]:
    try:
        from django.utils.translation import get_language

        table = kved()
        code_col = next(c for c in table.columns if "code" in c.lower())
        lang = "en" if (get_language() or "uk").startswith("en") else "uk"
        name_cols = [c for c in table.columns if "name" in c.lower()]
        name_col = next((c for c in name_cols if c.lower().endswith(lang)), name_cols[0])
        table = table.assign(**{code_col: table[code_col].astype(str)})
        mapping = dict(zip(table[code_col], table[name_col], strict=False))
        return {str(s): mapping[str(s)] for s in sectors if str(s) in mapping}
    except (ReferenceDataMissingError, StopIteration, KeyError):  # the names are a nicety
        return {}


def _fiscal(municipality) -> dict:
    try:
        b = budgets()
        b = b[b["hromada_code"].astype(str) == municipality.code]
        if b.empty:
            return {}
        b = b[b["year"] == b["year"].max()]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            share = transfer_dependence(b)
        return {"transfer_share": float(share.iloc[0]), "year": int(b["year"].iloc[0])}
    except (ReferenceDataMissingError, HromadaError, KeyError, IndexError, ValueError) as exc:
        # reference data missing or malformed
        log.info("no fiscal indicators for %s: %s", municipality.code, exc)
        return {}


def gather_analysis(municipality) -> dict:
    """The analysis results for :func:`hromada.planning.swot.swot_suggestions`."""
    out: dict = {}
    dataset = _dataset(municipality)
    panel, reference = measure_panel(municipality)
    if panel is not None:
        out["illustrative"] = bool(dataset.is_illustrative)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            years = sorted(int(y) for y in panel["year"].unique())
            last = years[-1]
            at_last = panel[panel["year"] == last]
            ref_last = reference[reference["year"] == last] if reference is not None else None
            if ref_last is not None and not ref_last.empty:
                lq = structure.location_quotients(at_last, ref_last)
                out["lq"] = lq[["sector", "lq"]].reset_index(drop=True)
            out["year"] = last
            out["concentration"] = {
                "herfindahl": float(structure.herfindahl(at_last["value"].to_numpy())),
                "year": last,
            }
            if ref_last is not None and not ref_last.empty:
                # The reference's concentration over the same sectors: what the
                # municipality's is judged against.
                same = ref_last[ref_last["sector"].isin(set(at_last["sector"]))]
                if not same.empty and same["value"].sum() > 0:
                    out["concentration"].update(
                        {
                            "reference_herfindahl": float(
                                structure.herfindahl(same["value"].to_numpy())
                            ),
                            "reference": dataset.reference_level,
                        }
                    )
            if len(years) > 1 and reference is not None:
                try:
                    ss = shiftshare.decompose(
                        panel, years[0], last, reference=reference, by_sector=True
                    )
                    out["shift_share"] = ss[["sector", "growth", "regional_share"]]
                    out["start"], out["end"] = years[0], last
                except HromadaError as exc:  # e.g. reference lacks a year
                    log.info("no shift-share for %s: %s", municipality.code, exc)
            out["sector_names"] = _sector_names(panel["sector"].unique())
    fiscal = _fiscal(municipality)
    if fiscal:
        out["fiscal"] = fiscal
    out.update(_other_steps(municipality))
    return out


def _other_steps(municipality) -> dict:
    """Threats and opportunities from the other steps: the newest saved shock scenario,
    the war damage register and the Diversify shortlist."""
    out: dict = {}
    try:
        scenario = next(iter(scenario_list(municipality=municipality)), None)
        if scenario is not None:
            outcome = scenario_outcome(municipality=municipality, scenario=scenario)
            out["shocks"] = pd.DataFrame(
                {"sector": outcome.loss.index.astype(str), "loss": outcome.loss.to_numpy()}
            )
            out["shock_scenario"] = scenario.name
    except (ReferenceDataMissingError, HromadaError, KeyError, TypeError, ValueError) as exc:
        # no IO table, a scenario that no longer fits the data
        log.info("no shock ranking for %s: %s", municipality.code, exc)
    try:
        damage = damage_totals(municipality=municipality)
        if not damage.empty and float(damage["total"].sum()) > 0:
            out["damage"] = {
                "total": float(damage["total"].sum()),
                "currency": "UAH thousand",
                "source": "war damage register",
            }
    except DatabaseError as exc:
        log.info("no damage totals for %s: %s", municipality.code, exc)
    try:
        items = [i for source in OPPORTUNITY_SOURCES for i in source(municipality=municipality)]
        if items:
            out["opportunities"] = (
                pd.DataFrame(
                    {"sector": [i.sector for i in items], "score": [i.score for i in items]}
                )
                .sort_values("score", ascending=False)
                .reset_index(drop=True)
            )
            names = out.setdefault("sector_names", {})
            # In the page's language from the classifier where the sector is a KVED code;
            # the shortlist's stored name (the panel's language) otherwise.
            names.update(_sector_names([i.sector for i in items]))
            for i in items:
                names.setdefault(i.sector, i.sector_name)
    except (DatabaseError, KeyError, ValueError) as exc:
        log.info("no opportunities for %s: %s", municipality.code, exc)
    return out


def binding_series(
    municipality, *, binding: str, measure: str = "employment", sector: str = ""
) -> pd.Series:
    """Yearly values of an analysis output (index: year), for KPIs bound to it.

    Empty when there is no data, or the sector is not in it.
    """
    panel, reference = measure_panel(municipality, measure)
    if panel is None or not binding:
        return pd.Series(dtype=float)
    values: dict[int, float] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for year, rows in panel.groupby("year"):
            ref = reference[reference["year"] == year] if reference is not None else None
            value = _binding_value(binding, rows, ref, str(sector))
            if value is not None:
                values[int(year)] = value
    return pd.Series(values, dtype=float).sort_index()


def _binding_value(binding: str, rows: pd.DataFrame, ref, sector: str) -> float | None:
    """The value of ``binding`` in one year's rows (``ref``: the reference's rows of that
    year, or None); None when it cannot be computed (sector absent, no reference)."""
    total = float(rows["value"].sum())
    in_sector = rows[rows["sector"].astype(str) == sector]["value"]
    if binding == "total":
        return total
    if binding == "herfindahl":
        return float(structure.herfindahl(rows["value"].to_numpy()))
    if binding == "shannon":
        return float(structure.shannon_entropy(rows["value"].to_numpy()))
    if in_sector.empty:  # the rest are about one sector
        return None
    if binding == "sector_value":
        return float(in_sector.sum())
    if binding == "sector_share":
        return 100 * float(in_sector.sum()) / total if total > 0 else None
    if binding == "sector_lq" and ref is not None and not ref.empty:
        lq = structure.location_quotients(rows, ref)
        hit = lq[lq["sector"].astype(str) == sector]["lq"]
        return None if hit.empty else float(hit.iloc[0])
    return None
