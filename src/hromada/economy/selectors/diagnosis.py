"""The diagnosis computation: :func:`diagnosis_compute` and one function per table
(``_*_table(s)``), each section refused by hromada.econ left out with its reason."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hromada.econ import resilience as econ_resilience
from hromada.econ import shiftshare as econ_shiftshare
from hromada.econ import structure as econ_structure
from hromada.econ.errors import HromadaError
from hromada.economy.models import Dataset, DatasetVersion
from hromada.economy.selectors.datasets import dataset_panel
from hromada.refdata import kved

if TYPE_CHECKING:
    pass


# --- The diagnosis -------------------------------------------------------------------------
#
# :func:`diagnosis_compute` returns plain DataFrames keyed by table name; the page's charts
# (``economy/charts.py``), the CSV of each chart and the XLSX of the whole diagnosis
# (``economy/presentation.py``) are all made from them, so what the page shows, what a user
# downloads and what ``hromada.econ`` computes are the same numbers. A diagnosis is
# computed once by a background run (``services.diagnosis_run_execute``) and stored as JSON
# on its :class:`DiagnosisRun`; :func:`diagnosis_from_json` reads it back.

WAR_YEAR = 2022


@dataclass
class DiagnosisParams:
    years: list[int]
    start: int
    end: int
    pre: int | None
    trough: int | None
    post: int | None

    def as_query(self) -> dict[str, int]:
        out = {"start": self.start, "end": self.end}
        for k in ("pre", "trough", "post"):
            value = getattr(self, k)
            if value is not None:
                out[k] = value
        return out


@dataclass
class Diagnosis:
    dataset: Dataset
    version: DatasetVersion | None
    params: DiagnosisParams | None
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)  # section -> message

    @property
    def empty(self) -> bool:
        return self.params is None


def sector_names(codes: Iterable[str], *, lang: str | None = None) -> dict[str, str]:
    """KVED code -> name in the active language (Ukrainian or NACE English)."""
    lang = lang or get_language() or "uk"
    table = kved().set_index("code")
    col = "name_en" if lang.startswith("en") else "name_uk"
    out = {}
    for c in codes:
        name = table[col].get(c)
        if isinstance(name, str):
            out[c] = name.capitalize() if name.isupper() else name
        else:
            out[c] = str(c)
    return out


def _int(value: Any, allowed: Collection[int], default: int | None) -> int | None:
    try:
        v = int(value)
    except (TypeError, ValueError):
        return default
    return v if v in allowed else default


def default_params(
    years: list[int], local: pd.DataFrame, query: Mapping[str, Any] | None = None
) -> DiagnosisParams:
    """The years compared: first and latest for shift-share; for resilience the last
    pre-war year (2021 where present), the trough (lowest total after it) and the latest
    year. ``query`` (e.g. request.GET) overrides each when it names a year of the data."""
    query = query or {}
    start = _int(query.get("start"), years, years[0]) or years[0]
    end = _int(query.get("end"), years, years[-1]) or years[-1]
    if start >= end:
        start, end = years[0], years[-1]
    before = [y for y in years if y < WAR_YEAR]
    pre = _int(query.get("pre"), years, before[-1] if before else None)
    trough = post = None
    if pre is not None:
        after = [y for y in years if y > pre]
        if after:
            totals = local[local["year"].isin(after)].groupby("year")["value"].sum()
            default_trough = int(totals.idxmin()) if len(totals) else after[0]
            trough = _int(query.get("trough"), after, default_trough)
            later = [y for y in years if trough is not None and y > trough]
            post = _int(query.get("post"), later, later[-1] if later else None) if later else None
    return DiagnosisParams(years=years, start=start, end=end, pre=pre, trough=trough, post=post)


def comparable(
    local: pd.DataFrame, reference: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, list[int], list[str]]:
    """The panel and reference restricted to the years both have and to the sectors with a
    positive reference value in each of those years (the others cannot be compared).
    Returns (local, reference, years, dropped sectors)."""
    years = sorted(set(local["year"]) & set(reference["year"]))
    local = local[local["year"].isin(years)]
    reference = reference[reference["year"].isin(years)]
    pos = reference[reference["value"] > 0].groupby("sector")["year"].nunique()
    keep = set(pos[pos == len(years)].index)
    dropped = sorted(set(local["sector"]) - keep)
    local = local[local["sector"].isin(keep)].reset_index(drop=True)
    reference = reference[reference["sector"].isin(keep)].reset_index(drop=True)
    return local, reference, [int(y) for y in years], dropped


def _quiet(fn: Callable[..., pd.DataFrame], *args: Any, **kwargs: Any) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


@dataclass
class _Inputs:
    """What every table of a diagnosis is computed from."""

    local: pd.DataFrame
    reference: pd.DataFrame
    params: DiagnosisParams
    names: dict[str, str]


def diagnosis_compute(
    dataset: Dataset,
    *,
    version: DatasetVersion | None = None,
    query: Mapping[str, Any] | None = None,
) -> Diagnosis:
    """Every table of the diagnosis of ``version`` (default: the newest) for the years
    ``query`` asks. A section hromada.econ cannot compute for these data is left out, its
    reason in ``errors``; the others are still computed."""
    version = version or dataset.latest_version
    local_all, reference_all = dataset_panel(dataset, version=version)
    diag = Diagnosis(dataset=dataset, version=version, params=None)
    if local_all.empty or reference_all.empty:
        return diag
    local, reference, years, dropped = comparable(local_all, reference_all)
    if not years or local.empty:
        diag.notes.append(_("Your municipality and the reference have no year in common."))
        return diag
    if dropped:
        diag.notes.append(
            _("Left out because the reference has no value for them in every year: %(codes)s.")
            % {"codes": ", ".join(dropped)}
        )
    params = default_params(years, local, query)
    diag.params = params
    sectors = sorted(set(local["sector"]) | set(reference["sector"]))
    inputs = _Inputs(local, reference, params, sector_names(sectors))
    _section(diag, "structure", inputs, _structure_tables, _specialisation_table)
    _section(diag, "shiftshare", inputs, _shiftshare_tables)
    _section(diag, "concentration", inputs, _concentration_table)
    if params.pre is not None and params.trough is not None:
        _section(diag, "resilience", inputs, _resilience_tables)
    else:
        diag.errors["resilience"] = _(
            "The data need a year before the shock and a later year to measure resilience."
        )
    return diag


def _section(
    diag: Diagnosis,
    name: str,
    inputs: _Inputs,
    *steps: Callable[[dict[str, pd.DataFrame], _Inputs], None],
) -> None:
    """Run the steps of one section, each adding its tables; the first the library
    refuses (HromadaError) ends the section with its message (tables already made stay)."""
    try:
        for step in steps:
            step(diag.tables, inputs)
    except HromadaError as exc:
        diag.errors[name] = str(exc)


def _structure_tables(t: dict[str, pd.DataFrame], i: _Inputs) -> None:
    """Structure in the latest year (``structure``) and over time (``structure_time``)."""
    sh = _quiet(econ_structure.shares, i.local, i.reference)
    lq = _quiet(econ_structure.location_quotients, i.local, i.reference)
    sh = sh.merge(lq, on=["region", "sector", "year"])
    sh["sector"] = sh["sector"].astype(str)
    val = i.local.groupby(["sector", "year"])["value"].sum()
    sh["value"] = [
        float(val.get((s, y), 0.0)) for s, y in zip(sh["sector"], sh["year"], strict=True)
    ]
    sh["name"] = sh["sector"].map(i.names)
    latest = sh[sh["year"] == i.params.end]
    t["structure"] = (
        latest[["sector", "name", "value", "share", "reference_share", "lq"]]
        .sort_values("share", ascending=False)
        .reset_index(drop=True)
    )
    t["structure_time"] = sh[
        ["year", "sector", "name", "value", "share", "reference_share", "lq"]
    ].reset_index(drop=True)


def _specialisation_table(t: dict[str, pd.DataFrame], i: _Inputs) -> None:
    """Specialisation (LQ) against growth relative to the reference (``specialisation``)."""
    sh = t["structure_time"]
    s0 = sh[sh["year"] == i.params.start].set_index("sector")
    s1 = sh[sh["year"] == i.params.end].set_index("sector")
    r = i.reference.groupby(["sector", "year"])["value"].sum()
    rows = []
    for code in s1.index:
        v0, v1 = s0["value"].get(code, 0.0), s1.loc[code, "value"]
        n0, n1 = r.get((code, i.params.start), np.nan), r.get((code, i.params.end), np.nan)
        g_local = v1 / v0 - 1 if v0 > 0 else np.nan
        g_ref = n1 / n0 - 1 if n0 > 0 else np.nan
        rows.append(
            {
                "sector": code,
                "name": i.names.get(code, code),
                "lq": float(s1.loc[code, "lq"]),
                "value": float(v1),
                "growth": g_local,
                "reference_growth": g_ref,
                "relative_growth": g_local - g_ref,
            }
        )
    bubble = pd.DataFrame(rows)
    bubble["quadrant"] = [
        _quadrant(a, b) for a, b in zip(bubble["lq"], bubble["relative_growth"], strict=True)
    ]
    t["specialisation"] = bubble.sort_values("lq", ascending=False).reset_index(drop=True)


def _quadrant(lq: float, relative_growth: float) -> str:
    if pd.isna(lq) or pd.isna(relative_growth):
        return ""
    if lq >= 1:
        return "leading" if relative_growth >= 0 else "declining"
    return "emerging" if relative_growth >= 0 else "lagging"


def _shiftshare_tables(t: dict[str, pd.DataFrame], i: _Inputs) -> None:
    """Shift-share between two years, Dunn and Esteban-Marquillas, by sector
    (``shiftshare``) and in total (``shiftshare_total``), and the dynamic version
    (``shiftshare_dynamic``)."""
    p = i.params
    panel = i.local[i.local["year"].isin([p.start, p.end])]

    def decompose(**kwargs: Any) -> pd.DataFrame:
        return _quiet(
            econ_shiftshare.decompose, panel, p.start, p.end, reference=i.reference, **kwargs
        )

    dunn = decompose(by_sector=True)
    em = decompose(by_sector=True, method="esteban")
    ss = dunn.drop(columns=["region"]).copy()
    ss["sector"] = ss["sector"].astype(str)
    ss.insert(1, "name", ss["sector"].map(i.names))
    ss["competitive_effect"] = em["regional_share"].to_numpy()
    ss["allocation_effect"] = em["allocation_effect"].to_numpy()
    t["shiftshare"] = ss.reset_index(drop=True)
    tot_d = decompose()
    tot_e = decompose(method="esteban")
    total = tot_d.drop(columns=["region"]).iloc[[0]].copy()
    total["competitive_effect"] = tot_e["regional_share"].to_numpy()
    total["allocation_effect"] = tot_e["allocation_effect"].to_numpy()
    t["shiftshare_total"] = total.reset_index(drop=True)
    dyn = _quiet(econ_shiftshare.dynamic, i.local, p.start, p.end, reference=i.reference)
    t["shiftshare_dynamic"] = dyn.drop(columns=["region"]).reset_index(drop=True)


def _concentration_table(t: dict[str, pd.DataFrame], i: _Inputs) -> None:
    """Concentration, diversity and specialisation over time (``concentration``)."""
    prof = _quiet(econ_structure.profile, i.local, i.reference)
    ref_prof = _quiet(econ_structure.profile, i.reference.assign(region="reference"))
    cols = ["year", "herfindahl", "shannon_entropy"]
    conc = prof[cols + ["krugman_specialisation", "hachman"]].copy()
    conc = conc.merge(
        ref_prof[cols].rename(
            columns={
                "herfindahl": "reference_herfindahl",
                "shannon_entropy": "reference_shannon_entropy",
            }
        ),
        on="year",
    )
    t["concentration"] = conc.reset_index(drop=True)


def _resilience_tables(t: dict[str, pd.DataFrame], i: _Inputs) -> None:
    """War-shock resilience in total (``resilience``) and by sector
    (``resilience_sectors``)."""
    p = i.params

    def indices(**kwargs: Any) -> pd.DataFrame:
        return _quiet(
            econ_resilience.shock_indices,
            i.local,
            p.pre,
            p.trough,
            p.post,
            reference=i.reference,
            **kwargs,
        )

    t["resilience"] = indices().drop(columns=["region"]).reset_index(drop=True)
    by = indices(by_sector=True).drop(columns=["region"])
    by["sector"] = by["sector"].astype(str)
    by.insert(1, "name", by["sector"].map(i.names))
    t["resilience_sectors"] = by.reset_index(drop=True)
