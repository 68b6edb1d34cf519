"""The municipality's own KVED employment placed on the bundled industry space.

Glue between :mod:`hromada.refdata.relatedness` and
:func:`hromada.econ.complexity.space_opportunities`; no database access (the selectors
gather the municipality's data).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from hromada.econ.complexity import (
    MIN_INDUSTRIES_TO_RANK,
    PRESETS,
    complexity_outlook,
    kved_level,
    rank_stability,
    recommended_preset,
    space_opportunities,
    to_level,
)
from hromada.econ.errors import HromadaDataError, HromadaError
from hromada.refdata import (
    INDUSTRY_SOURCES,
    ReferenceDataMissingError,
    industry_complexity,
    industry_presence,
    industry_space,
    kved_lookup,
)

log = logging.getLogger(__name__)

ORDER = ("class", "group", "division")
MIN_INDUSTRIES = MIN_INDUSTRIES_TO_RANK
DRAWS = {"division": 200, "group": 200, "class": 100}
TOP = 10


def panel_key(source: str, level: str) -> str:
    """The shortlist's 'panel' of an opportunity found on the industry space."""
    return f"kved-{source}-{level}"


def parse_panel_key(key: str) -> tuple[str, str] | None:
    parts = key.split("-")
    if len(parts) == 3 and parts[0] == "kved" and parts[1] in INDUSTRY_SOURCES:
        if parts[2] in INDUSTRY_SOURCES[parts[1]][1]:
            return parts[1], parts[2]
    return None


def space_level(data_level: str, source: str) -> str:
    """The finest level of ``source`` not finer than the municipality's data."""
    have = INDUSTRY_SOURCES[source][1]
    for level in ORDER[ORDER.index(data_level) :]:
        if level in have:
            return level
    return "division"


def names(codes, lang: str = "en") -> dict[str, str]:
    table = kved_lookup(list(codes))
    col = "name_uk" if lang.startswith("uk") else "name_en"
    return {c: (n if isinstance(n, str) else c) for c, n in zip(codes, table[col], strict=True)}


def sections(codes) -> dict[str, str]:
    table = kved_lookup(list(codes))
    return {
        c: (s if isinstance(s, str) else "") for c, s in zip(codes, table["section"], strict=True)
    }


@dataclass
class KvedRanking:
    source: str
    level: str
    data_level: str
    preset: str
    weights: dict
    recommended: str
    table: pd.DataFrame  # ranked candidates with bands, names, sections
    present: pd.DataFrame  # code, name, rca of present industries
    outside: list[str]
    national: bool  # RCA against Ukraine's totals (else the reference's)
    draws: int
    uncertain: bool
    other_source: str | None = None
    notes: list[str] = field(default_factory=list)
    #: code, name of the industries the municipality lacks that have no PCI in the
    #: reference (the Atlas's cut-off: too small there to measure complexity): not ranked
    unranked: pd.DataFrame = field(default_factory=lambda: pd.DataFrame({"code": [], "name": []}))


@lru_cache(maxsize=8)
def _reference_position(level: str, source: str) -> tuple[np.ndarray, np.ndarray]:
    """ECI (mean PCI of the present industries) and COI of every reference area.

    A missing PCI (the Atlas's cut-off) counts as 0, as in the ranking
    (:func:`space_opportunities`), so that the municipality's ECI and COI compare.
    """
    M = industry_presence(level, source)
    pci = industry_complexity(level, source)["pci"].fillna(0.0)
    eci = (M.to_numpy() @ pci.to_numpy()) / np.maximum(M.sum(axis=1).to_numpy(), 1)
    coi, _ = complexity_outlook(M, industry_space(level, source), pci, cog=False)
    return eci, coi.to_numpy()


def _shares(national: pd.Series | None, level: str, info: pd.DataFrame) -> tuple[pd.Series, bool]:
    """Ukraine's employment shares over the space's industries where known, else the
    reference's; True when Ukraine's were used."""
    ref = info["share"]
    if national is None or national.empty:
        return ref, False
    try:
        nat = to_level(national, level)
    except HromadaDataError:  # a national table at a coarser level is not used
        return ref, False
    nat = nat.reindex(ref.index)
    known = nat.notna() & (nat > 0)
    if known.mean() < 0.5:
        return ref, False
    # Ukraine's share where known; the reference's share for the rest, scaled to the part
    # of the economy they stand for
    s = (nat[known] / nat[known].sum()) * ref[known].sum()
    return pd.concat([s, ref[~known]]).reindex(ref.index), True


def kved_ranking(
    values: pd.Series,
    national: pd.Series | None = None,
    *,
    source: str = "cbp2019",
    weights="low_hanging_fruit",
    region: str = "",
    lang: str = "en",
    draws: int | None = None,
) -> KvedRanking:
    """Rank the industries the municipality lacks on the bundled industry space.

    An industry the municipality lacks without PCI in the reference (the Atlas's cut-off:
    too small there to measure) is no candidate; it is listed in ``unranked``."""
    values = pd.Series(values, dtype=float)
    values.index = [str(c) for c in values.index]
    data_level = kved_level(values.index)
    level = space_level(data_level, source)
    local = to_level(values, level)
    phi = industry_space(level, source)
    info = industry_complexity(level, source)
    share, is_national = _shares(national, level, info)
    label = region or "the municipality"
    M = industry_presence(level, source)
    first = space_opportunities(local, phi, info["pci"], share, region=label)
    # the Atlas's approach for the municipality's position among the reference areas
    ref_eci, ref_coi = _reference_position(level, source)
    recommended = recommended_preset(first.attrs["eci"], first.attrs["coi"], ref_eci, ref_coi)
    if weights == "recommended":
        weights = recommended
    table = (
        first
        if weights == "low_hanging_fruit"
        else space_opportunities(local, phi, info["pci"], share, weights=weights, region=label)
    )
    preset = table.attrs["preset"]
    attrs = dict(table.attrs)
    n_draws = int(draws if draws is not None else DRAWS[level])
    if n_draws > 0:
        bands = rank_stability(
            local, M, info["pci"], share, weights=weights, draws=n_draws, top=TOP
        )
        table = table.join(bands, on="code")
    else:
        for col in ("rank_low", "rank_median", "rank_high", "in_top"):
            table[col] = np.nan
        table["robust"] = False
    other = None
    if level == "division":
        other = next(
            (s for s in INDUSTRY_SOURCES if s != source and "division" in INDUSTRY_SOURCES[s][1]),
            None,
        )
    if other is not None:
        try:
            info2 = industry_complexity("division", other)
            share2, _n = _shares(national, "division", info2)
            t2 = space_opportunities(
                local,
                industry_space("division", other),
                info2["pci"],
                share2,
                weights=weights,
                min_industries=1,
            )
            table["rank_other"] = table["code"].map(t2.set_index("code")["rank"])
        except (HromadaError, ValueError, KeyError, ReferenceDataMissingError) as exc:
            # the second source is a cross-check only: the ranking stands without it
            log.info("no cross-check on %s: %s", other, exc)
            other = None
    code_names = names(list(table["code"]) + attrs["present"] + attrs["unranked"], lang)
    table["name"] = table["code"].map(code_names)
    table["pci_excluded"] = table["code"].map(info["pci_excluded"]).fillna("")
    table["section"] = table["code"].map(sections(list(table["code"])))
    table["division"] = table["code"].str[:2]
    rca = (local.reindex(phi.index).fillna(0) / local.reindex(phi.index).fillna(0).sum()) / share
    present = pd.DataFrame({"code": attrs["present"]})
    present["name"] = present["code"].map(code_names)
    present["rca"] = present["code"].map(rca)
    unranked = pd.DataFrame({"code": attrs["unranked"]}, dtype=str)
    unranked["name"] = unranked["code"].map(code_names)
    top = table.head(TOP)
    uncertain = bool(n_draws > 0 and top["robust"].sum() < TOP // 2)
    return KvedRanking(
        source=source,
        level=level,
        data_level=data_level,
        preset=preset,
        weights=attrs["weights"],
        recommended=recommended,
        table=table,
        present=present,
        outside=attrs["outside"],
        national=is_national,
        draws=n_draws,
        uncertain=uncertain,
        other_source=other,
        unranked=unranked,
    )


def pick_year(years) -> int:
    """The year a ranking uses: the last pre-war year (before 2022) present, else the first."""
    years = sorted(int(y) for y in years)
    if not years:
        raise ValueError("No year in the data.")
    before = [y for y in years if y < 2022]
    return before[-1] if before else years[0]


def values_from_import(
    frame: pd.DataFrame, *, year: int | None = None, reference_is_ukraine: bool = True
) -> dict:
    """A municipality's KVED values (and Ukraine's) from an import frame.

    ``frame`` as :func:`hromada.economy.importing.parse_upload` returns it (``area``
    local / reference, ``sector``, ``year``, ``value``). The year: ``year`` or
    :func:`pick_year`; the reference rows are Ukraine's totals (for RCA) only when
    ``reference_is_ukraine``. Returns ``{"values", "national", "year"}``.
    """
    local = frame[frame["area"] == "local"]
    if local.empty:
        raise ValueError("The file has no values for the municipality (area 'municipality').")
    chosen = int(year) if year is not None else pick_year(local["year"].unique())
    rows = local[local["year"] == chosen]
    if rows.empty:
        raise ValueError(f"The file has no municipality values for {chosen}.")
    codes = rows["sector"].astype(str).str.strip()
    values = rows.groupby(codes)["value"].sum().astype(float)
    national = None
    if reference_is_ukraine:
        ref = frame[(frame["area"] == "reference") & (frame["year"] == chosen)]
        if not ref.empty:
            national = ref.groupby(ref["sector"].astype(str).str.strip())["value"].sum()
    return {"values": values, "national": national, "year": chosen}


def ranking_frame(ranking: KvedRanking, *, decimals: int = 4) -> pd.DataFrame:
    """The ranking's numbers, one row per candidate, best first: the columns of the page's
    CSV export (without the reasons in words) plus ``rank_median``, ``pci_excluded`` (why
    an industry has no PCI of its own: its ``pci`` 0 is the stand-in the score uses) and
    ``related``.

    Shared by the page's export and ``hromada analyze opportunities``: the same input
    gives the same numbers in both.
    """
    t = ranking.table

    def rounded(col):  # Python's round, as the page's export (numpy's differs at halves)
        return [round(float(v), decimals) for v in t[col]]

    other = t["rank_other"] if "rank_other" in t else pd.Series(np.nan, index=t.index)
    return pd.DataFrame(
        {
            "rank": t["rank"].astype(int),
            "kved": t["code"].astype(str),
            "name": t["name"],
            "score": rounded("score"),
            "density": rounded("density"),
            "pci": rounded("pci"),
            "cog": rounded("cog"),
            "rank_low": t["rank_low"].round().astype("Int64"),
            "rank_median": t["rank_median"],
            "rank_high": t["rank_high"].round().astype("Int64"),
            "share_of_draws_in_top_10": t["in_top"] * 100,
            "robust": t["robust"].astype(bool),
            "rank_other_source": other.astype("Int64"),
            "pci_excluded": t["pci_excluded"] if "pci_excluded" in t else "",
            "related": [" ".join(f"{c}:{v:.2f}" for c, v in r) for r in t["related"]],
        }
    ).reset_index(drop=True)


def division_view(
    ranking: KvedRanking, values: pd.Series, national: pd.Series | None = None
) -> pd.DataFrame:
    """Nodes of the bundled division-level picture: status present / candidate / other.

    Present: divisions where the municipality's RCA is >= 1 (against Ukraine's shares when
    known, as in the ranking, else the CBP reference's); candidate: divisions of the
    top-ranked candidates (at the ranking's level).
    """
    from hromada.refdata import industry_space_layout

    nodes, _links = industry_space_layout()
    info = industry_complexity("division", "cbp2019")
    local = to_level(pd.Series(values, dtype=float), "division").reindex(info.index).fillna(0)
    share, _national = _shares(national, "division", info)
    rca = (local / max(float(local.sum()), 1e-300)) / share
    top = ranking.table.head(TOP)
    best_rank = top.groupby("division")["rank"].min()
    nodes = nodes.set_index("code")
    nodes["rca"] = rca.reindex(nodes.index).round(2)
    nodes["pci"] = info["pci"].reindex(nodes.index).round(2)
    nodes["employment"] = info["employment"].reindex(nodes.index)
    nodes["status"] = np.where(
        rca.reindex(nodes.index).fillna(0).to_numpy() >= 1,
        "present",
        np.where(nodes.index.isin(best_rank.index), "candidate", "other"),
    )
    nodes["best_rank"] = best_rank.reindex(nodes.index)
    return nodes.reset_index()


def preset_choices() -> list[str]:
    return list(PRESETS)
