"""The industry space in KVED (= NACE Rev. 2) codes: proximity and complexity of industries.

Derived from US County Business Patterns 2019 (933 metropolitan and micropolitan areas,
through the NAICS 2017 -> NACE Rev. 2 correspondence) at division, group and class level,
and from Eurostat structural business statistics 2015 (NUTS-2 regions) at division level,
by ``python -m hromada.refdata.build.industry_space`` (choices in its docstring and
``docs/diversify.md``). Not Ukrainian: it says which industries tend to be found together
in other economies.

Examples
--------
>>> from hromada.refdata import industry_space, industry_complexity
>>> phi = industry_space("division")
>>> phi.shape[0] == phi.shape[1] > 80, bool(phi.loc["10", "11"] == phi.loc["11", "10"])
(True, True)
>>> industry_complexity("class")["pci"].index[:2].tolist()
['01.61', '01.62']
>>> industry_complexity("division").loc["12", ["pci_excluded"]].tolist()
['small_share']
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from hromada.refdata._files import read_csv
from hromada.refdata.locations import data_dir

__all__ = [
    "INDUSTRY_SOURCES",
    "industry_complexity",
    "industry_presence",
    "industry_space",
    "industry_space_comparison",
    "industry_space_layout",
]

#: Sources of the industry space: key -> (title, levels it has).
INDUSTRY_SOURCES: dict[str, tuple[str, tuple[str, ...]]] = {
    "cbp2019": (
        "US County Business Patterns 2019, 933 metropolitan and micropolitan areas "
        "(NAICS -> NACE Rev. 2)",
        ("division", "group", "class"),
    ),
    "sbs2015": (
        "Eurostat structural business statistics 2015, NUTS-2 regions (sections B-N without K)",
        ("division",),
    ),
}
_SPACE = "relatedness/industry_space.csv"
_INFO = "relatedness/industry_complexity.csv"
_PRESENCE = "relatedness/industry_presence.csv"


def _check(level: str, source: str) -> None:
    if source not in INDUSTRY_SOURCES:
        raise ValueError(
            f"Unknown industry-space source {source!r}; use one of {', '.join(INDUSTRY_SOURCES)}."
        )
    levels = INDUSTRY_SOURCES[source][1]
    if level not in levels:
        raise ValueError(f"Source {source!r} has the levels {', '.join(levels)}; not {level!r}.")


@lru_cache(maxsize=4)
def _info(root: Path) -> pd.DataFrame:
    return read_csv(
        _INFO, root, dtype={"code": str, "source": str, "level": str, "pci_excluded": str}
    )


@lru_cache(maxsize=4)
def _pairs(root: Path) -> pd.DataFrame:
    return read_csv(_SPACE, root, dtype={"a": str, "b": str, "source": str, "level": str})


@lru_cache(maxsize=16)
def _space(root: Path, level: str, source: str) -> pd.DataFrame:
    codes = industry_complexity(level, source).index
    pos = pd.Series(np.arange(len(codes)), index=codes)
    pairs = _pairs(root)
    pairs = pairs[(pairs["source"] == source) & (pairs["level"] == level)]
    P = np.eye(len(codes))
    i = pos.reindex(pairs["a"]).to_numpy()
    j = pos.reindex(pairs["b"]).to_numpy()
    P[i, j] = P[j, i] = pairs["proximity"].to_numpy()
    return pd.DataFrame(P, index=codes.copy(), columns=codes.copy())


def industry_space(level: str = "division", source: str = "cbp2019") -> pd.DataFrame:
    """Return the proximity between KVED industries: a square DataFrame, diagonal 1.

    Parameters
    ----------
    level : {"division", "group", "class"}
        KVED codes "01".."99", "NN.N" or "NN.NN".
    source : {"cbp2019", "sbs2015"}
        ``sbs2015`` has divisions only (B-N without K).

    Returns
    -------
    DataFrame
        Industries x industries, proximity in [0, 1] (the minimum of the two conditional
        probabilities that a reference area specialised in one is specialised in the
        other; Hidalgo et al. 2007), rounded to 4 decimals. Industries the source does
        not cover (e.g. farming, public administration in CBP) are absent.

    Examples
    --------
    >>> phi = industry_space("class")
    >>> phi.index[0], bool((np.diag(phi) == 1).all())
    ('01.61', True)
    """
    _check(level, source)
    return _space(data_dir(), level, source).copy()


def industry_complexity(level: str = "division", source: str = "cbp2019") -> pd.DataFrame:
    """Return complexity (PCI), ubiquity and employment share of the space's industries.

    Indexed by KVED code, in the order of :func:`industry_space`; columns ``pci``
    (eigenvalue method, z-scored over the industries that have one), ``pci_excluded``
    (why an industry has no PCI, "" when it has one), ``ubiquity`` (reference areas
    specialised in it), ``employment`` (in the reference) and ``share`` of the
    reference's employment.

    As the Atlas of Economic Complexity, PCI is computed without the smallest industries:
    NaN with ``pci_excluded`` ``small_share`` (among the smallest industries that
    together make up at most 0.025 % of the reference's employment), ``few_areas`` (2 or
    fewer effective areas: 1 / Herfindahl index of its employment across areas),
    ``low_ubiquity`` (2 or fewer areas specialised in it) or ``no_employment``, "+"
    joined. Thresholds of the Growth Lab's Atlas pipeline (repository
    harvard-growth-lab/comtrade-mirroring, ``Complexity.filter_least_traded_products``);
    the industries stay in the space. A ranking takes a missing PCI as 0 (the average).

    Examples
    --------
    >>> info = industry_complexity("division", "sbs2015")
    >>> round(float(info["share"].sum()), 6)
    1.0
    """
    _check(level, source)
    info = _info(data_dir())
    info = info[(info["source"] == source) & (info["level"] == level)]
    out = info.set_index("code")[["pci", "pci_excluded", "ubiquity", "employment", "share"]].copy()
    out["pci_excluded"] = out["pci_excluded"].fillna("").astype(str)
    return out


@lru_cache(maxsize=16)
def _presence(root: Path, level: str, source: str) -> pd.DataFrame:
    raw = read_csv(_PRESENCE, root, dtype=str)
    raw = raw[(raw["source"] == source) & (raw["level"] == level)]
    codes = industry_complexity(level, source).index
    pos = pd.Series(np.arange(len(codes)), index=codes)
    M = np.zeros((len(raw), len(codes)), dtype=np.int8)
    for r, text in enumerate(raw["codes"].fillna("")):
        M[r, pos.reindex(text.split()).to_numpy()] = 1
    return pd.DataFrame(
        M, index=pd.Index(raw["region"].to_numpy(), name="region"), columns=codes.copy()
    )


def industry_presence(level: str = "division", source: str = "cbp2019") -> pd.DataFrame:
    """Return the reference areas x industries 0/1 presence (RCA >= 1) the space is built on.

    Examples
    --------
    >>> M = industry_presence("division")
    >>> M.shape[0], M.columns.equals(industry_space("division").index)
    (933, True)
    """
    _check(level, source)
    return _presence(data_dir(), level, source).copy()


def industry_space_layout() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the bundled drawing of the division-level CBP space.

    Nodes (code, x, y in [0, 1]) and links (a, b), computed once by the build script.

    Examples
    --------
    >>> nodes, links = industry_space_layout()
    >>> len(nodes) == len(industry_space("division")), len(links) >= len(nodes) - 1
    (True, True)
    """
    nodes = read_csv("relatedness/industry_space_layout_division.csv", dtype={"code": str})
    links = read_csv("relatedness/industry_space_links_division.csv", dtype=str)
    return nodes, links


def industry_space_comparison() -> pd.DataFrame:
    """Return the rank correlations of the spaces with each other and with Metroverse."""
    return read_csv("relatedness/industry_space_comparison.csv")
