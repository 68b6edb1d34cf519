"""The diagnosis of one dataset: every table behind the diagnosis page, from hromada.econ.

:func:`diagnosis_compute` returns plain DataFrames keyed by table name; the page's charts,
the CSV of each chart and the XLSX of the whole diagnosis are all made from them, so what
the page shows, what a user downloads and what ``hromada.econ`` computes are the same
numbers.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hromada.econ import resilience as econ_resilience
from hromada.econ import shiftshare as econ_shiftshare
from hromada.econ import structure as econ_structure
from hromada.econ.errors import HromadaError
from hromada.economy.models import Dataset, DatasetVersion
from hromada.economy.selectors import dataset_panel

WAR_YEAR = 2022


@dataclass
class DiagnosisParams:
    years: list[int]
    start: int
    end: int
    pre: int | None
    trough: int | None
    post: int | None

    def as_query(self) -> dict:
        out = {"start": self.start, "end": self.end}
        for k in ("pre", "trough", "post"):
            if getattr(self, k) is not None:
                out[k] = getattr(self, k)
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


def sector_names(codes, *, lang: str | None = None) -> dict[str, str]:
    """KVED code -> name in the active language (Ukrainian or NACE English)."""
    from hromada.refdata import kved

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


def _int(value, allowed, default):
    try:
        v = int(value)
    except (TypeError, ValueError):
        return default
    return v if v in allowed else default


def default_params(years: list[int], local: pd.DataFrame, query=None) -> DiagnosisParams:
    """The years compared: first and latest for shift-share; for resilience the last
    pre-war year (2021 where present), the trough (lowest total after it) and the latest
    year. ``query`` (e.g. request.GET) overrides each when it names a year of the data."""
    query = query or {}
    start = _int(query.get("start"), years, years[0])
    end = _int(query.get("end"), years, years[-1])
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
            later = [y for y in years if y > trough]
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


def _quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def diagnosis_compute(
    dataset: Dataset, *, version: DatasetVersion | None = None, query=None
) -> Diagnosis:
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
    names = sector_names(sectors)
    t = diag.tables

    # Structure in the latest year and over time.
    try:
        sh = _quiet(econ_structure.shares, local, reference)
        lq = _quiet(econ_structure.location_quotients, local, reference)
        sh = sh.merge(lq, on=["region", "sector", "year"])
        sh["sector"] = sh["sector"].astype(str)
        val = local.groupby(["sector", "year"])["value"].sum()
        sh["value"] = [
            float(val.get((s, y), 0.0)) for s, y in zip(sh["sector"], sh["year"], strict=True)
        ]
        sh["name"] = sh["sector"].map(names)
        latest = sh[sh["year"] == params.end]
        t["structure"] = (
            latest[["sector", "name", "value", "share", "reference_share", "lq"]]
            .sort_values("share", ascending=False)
            .reset_index(drop=True)
        )
        t["structure_time"] = sh[
            ["year", "sector", "name", "value", "share", "reference_share", "lq"]
        ].reset_index(drop=True)
        # Specialisation against growth relative to the reference.
        s0 = sh[sh["year"] == params.start].set_index("sector")
        s1 = sh[sh["year"] == params.end].set_index("sector")
        r = reference.groupby(["sector", "year"])["value"].sum()
        rows = []
        for code in s1.index:
            v0, v1 = s0["value"].get(code, 0.0), s1.loc[code, "value"]
            n0, n1 = r.get((code, params.start), np.nan), r.get((code, params.end), np.nan)
            g_local = v1 / v0 - 1 if v0 > 0 else np.nan
            g_ref = n1 / n0 - 1 if n0 > 0 else np.nan
            rows.append(
                {
                    "sector": code,
                    "name": names.get(code, code),
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
    except HromadaError as exc:
        diag.errors["structure"] = str(exc)

    # Shift-share for two years, Dunn and Esteban-Marquillas, and the dynamic version.
    try:
        panel = local[local["year"].isin([params.start, params.end])]
        dunn = _quiet(
            econ_shiftshare.decompose,
            panel,
            params.start,
            params.end,
            reference=reference,
            by_sector=True,
        )
        em = _quiet(
            econ_shiftshare.decompose,
            panel,
            params.start,
            params.end,
            reference=reference,
            by_sector=True,
            method="esteban",
        )
        ss = dunn.drop(columns=["region"]).copy()
        ss["sector"] = ss["sector"].astype(str)
        ss.insert(1, "name", ss["sector"].map(names))
        ss["competitive_effect"] = em["regional_share"].to_numpy()
        ss["allocation_effect"] = em["allocation_effect"].to_numpy()
        t["shiftshare"] = ss.reset_index(drop=True)
        tot_d = _quiet(
            econ_shiftshare.decompose, panel, params.start, params.end, reference=reference
        )
        tot_e = _quiet(
            econ_shiftshare.decompose,
            panel,
            params.start,
            params.end,
            reference=reference,
            method="esteban",
        )
        total = tot_d.drop(columns=["region"]).iloc[[0]].copy()
        total["competitive_effect"] = tot_e["regional_share"].to_numpy()
        total["allocation_effect"] = tot_e["allocation_effect"].to_numpy()
        t["shiftshare_total"] = total.reset_index(drop=True)
        dyn = _quiet(econ_shiftshare.dynamic, local, params.start, params.end, reference=reference)
        t["shiftshare_dynamic"] = dyn.drop(columns=["region"]).reset_index(drop=True)
    except HromadaError as exc:
        diag.errors["shiftshare"] = str(exc)

    # Concentration, diversity and specialisation over time.
    try:
        prof = _quiet(econ_structure.profile, local, reference)
        ref_panel = reference.assign(region="reference")
        ref_prof = _quiet(econ_structure.profile, ref_panel)
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
    except HromadaError as exc:
        diag.errors["concentration"] = str(exc)

    # War-shock resilience.
    if params.pre is not None and params.trough is not None:
        try:
            res = _quiet(
                econ_resilience.shock_indices,
                local,
                params.pre,
                params.trough,
                params.post,
                reference=reference,
            )
            t["resilience"] = res.drop(columns=["region"]).reset_index(drop=True)
            by = _quiet(
                econ_resilience.shock_indices,
                local,
                params.pre,
                params.trough,
                params.post,
                reference=reference,
                by_sector=True,
            )
            by = by.drop(columns=["region"])
            by["sector"] = by["sector"].astype(str)
            by.insert(1, "name", by["sector"].map(names))
            t["resilience_sectors"] = by.reset_index(drop=True)
        except HromadaError as exc:
            diag.errors["resilience"] = str(exc)
    else:
        diag.errors["resilience"] = _(
            "The data need a year before the shock and a later year to measure resilience."
        )
    return diag


def _quadrant(lq: float, relative_growth: float) -> str:
    if pd.isna(lq) or pd.isna(relative_growth):
        return ""
    if lq >= 1:
        return "leading" if relative_growth >= 0 else "declining"
    return "emerging" if relative_growth >= 0 else "lagging"


def quadrant_labels() -> dict[str, tuple[str, str]]:
    return {
        "leading": (
            _("Leading"),
            _("Specialised and growing faster than the reference: strengths to keep."),
        ),
        "declining": (
            _("Declining"),
            _("Specialised but growing slower than the reference: strengths at risk."),
        ),
        "emerging": (
            _("Emerging"),
            _("Not yet specialised but growing faster than the reference: candidates to grow."),
        ),
        "lagging": (_("Lagging"), _("Neither specialised nor growing faster than the reference.")),
    }


def diagnosis_sheets(diag: Diagnosis) -> dict[str, pd.DataFrame]:
    """Every table of the diagnosis, for the XLSX download (one sheet each)."""
    sheets = {}
    if diag.params is not None:
        p = diag.params
        about = pd.DataFrame(
            {
                "item": [
                    "dataset",
                    "measure",
                    "unit",
                    "version",
                    "illustrative",
                    "start",
                    "end",
                    "pre",
                    "trough",
                    "post",
                ],
                "value": [
                    diag.dataset.name,
                    diag.dataset.measure,
                    diag.dataset.unit,
                    diag.version.number if diag.version else "",
                    "illustrative, replace with your own" if diag.dataset.is_illustrative else "",
                    p.start,
                    p.end,
                    p.pre,
                    p.trough,
                    p.post,
                ],
            }
        )
        sheets["about"] = about
    sheets.update(diag.tables)
    return sheets


# --- Storing a computed diagnosis (background runs) --------------------------------------

QUERY_KEYS = ("start", "end", "pre", "trough", "post")


def run_query(dataset: Dataset, version: DatasetVersion | None, query) -> dict:
    """The years a diagnosis of ``version`` uses for ``query`` (e.g. request.GET), as a
    query: what a stored run is keyed by. A value that is no year of the data falls back to
    its default, so ``?start=1`` and no ``start`` at all key the same run."""
    local, reference = dataset_panel(dataset, version=version)
    if local.empty or reference.empty:
        return {}
    local, reference, years, _dropped = comparable(local, reference)
    if not years or local.empty:
        return {}
    return default_params(years, local, query).as_query()


def run_key(query, language: str) -> tuple[str, dict]:
    """A stable key of the chosen years and language, and the normalised query."""
    import hashlib
    import json

    clean = {k: str(query.get(k)) for k in QUERY_KEYS if query.get(k)}
    raw = json.dumps({"q": clean, "lang": language}, sort_keys=True)
    return hashlib.sha256(raw.encode()).hexdigest(), clean


def diagnosis_to_json(diag: Diagnosis, charts: dict) -> dict:
    import json
    from dataclasses import asdict

    return {
        "params": asdict(diag.params) if diag.params else None,
        "notes": list(diag.notes),
        "errors": dict(diag.errors),
        "tables": {
            k: json.loads(v.to_json(orient="split", index=False, double_precision=15))
            for k, v in diag.tables.items()
        },
        "charts": {
            section: [
                {
                    "id": c.id,
                    "spec": c.spec,
                    "title": c.title,
                    "explanation": c.explanation,
                    "csv_url": c.csv_url,
                }
                for c in items
            ]
            for section, items in charts.items()
        },
    }


def diagnosis_from_json(
    dataset: Dataset, version: DatasetVersion, data: dict
) -> tuple[Diagnosis, dict]:
    from hromada.core.charts import Chart

    params = DiagnosisParams(**data["params"]) if data.get("params") else None
    tables = {
        k: pd.DataFrame(v["data"], columns=v["columns"]) for k, v in data.get("tables", {}).items()
    }
    diag = Diagnosis(
        dataset=dataset,
        version=version,
        params=params,
        tables=tables,
        notes=data.get("notes", []),
        errors=data.get("errors", {}),
    )
    charts = {
        section: [Chart(**c) for c in items] for section, items in data.get("charts", {}).items()
    }
    return diag, charts
