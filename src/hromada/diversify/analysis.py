"""The municipality inside a reference panel: its opportunities and the industry space.

Glue between :mod:`hromada.diversify.panels` and :mod:`hromada.econ.complexity`; no
database access (the selectors gather the inputs).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.sparse.csgraph import minimum_spanning_tree

from hromada.diversify.panels import Panel
from hromada.econ.complexity import complexity_indices, opportunities, presence, proximity, rca
from hromada.econ.errors import DegenerateResultWarning

DEFAULT_WEIGHTS = {
    "density_weight": 0.5,
    "pci_weight": 0.2,
    "cog_weight": 0.2,
    "growth_weight": 0.1,
}


@dataclass
class Placement:
    """The municipality's employment in the panel's sectors (panel units)."""

    possible: bool
    values: pd.Series  # panel sector -> value in panel units
    dropped: list[str] = field(default_factory=list)  # KVED sections with no panel sector
    local_year: int | None = None


def place(panel: Panel, local: pd.Series | None, local_year: int | None) -> Placement:
    """Map the municipality's employment by KVED section to the panel's sectors."""
    if local is None or float(pd.Series(local).sum()) <= 0 or not panel.sections:
        return Placement(False, pd.Series(dtype=float), local_year=local_year)
    owner = {sec: ps for ps, secs in panel.sections.items() for sec in secs}
    values: dict[str, float] = {}
    dropped = []
    for sec, v in pd.Series(local, dtype=float).items():
        ps = owner.get(str(sec))
        if ps is None:
            if v > 0:
                dropped.append(str(sec))
            continue
        values[ps] = values.get(ps, 0.0) + float(v) / panel.scale
    series = pd.Series(values, dtype=float)
    return Placement(bool(series.sum() > 0), series, sorted(dropped), local_year)


@dataclass
class Analysis:
    panel: Panel
    year: int
    region: str
    in_panel: bool  # the region is the municipality placed in the panel
    opportunities: pd.DataFrame
    nodes: pd.DataFrame  # sector, name, present, rca, pci, density, employment, x, y
    edges: pd.DataFrame  # source, target, proximity, x, y, x2, y2
    weights: dict
    phi: pd.DataFrame  # proximity between the panel's sectors (municipality included)
    growth_years: tuple[int, int] | None


def _with_region(panel: Panel, year: int, label: str, placement: Placement) -> pd.DataFrame:
    cur = panel.frame
    if not placement.possible:
        return cur
    rows = pd.DataFrame(
        {
            "region": label,
            "sector": placement.values.index,
            "year": year,
            "value": placement.values.to_numpy(),
        }
    )
    return pd.concat([cur, rows], ignore_index=True)


def analyse(
    panel: Panel,
    *,
    region: str,
    placement: Placement | None = None,
    year: int | None = None,
    weights: dict | None = None,
) -> Analysis:
    """Opportunities and the industry space of ``region`` in ``panel`` in ``year``.

    With a ``placement`` the municipality is added to the panel as ``region`` in ``year``;
    otherwise ``region`` must be one of the panel's regions. Growth is measured on the
    panel without the municipality.
    """
    year = int(year or panel.years[-1])
    weights = {**DEFAULT_WEIGHTS, **(weights or {})}
    in_panel = placement is not None and placement.possible
    full = _with_region(panel, year, region, placement) if in_panel else panel.frame
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateResultWarning)
        reference = panel.frame.groupby(["sector", "year"], as_index=False)["value"].sum()
        opp = opportunities(full, region, year, reference=reference, **weights)
        M = presence(full, year=year)
        phi = proximity(M)
        _eci, pci = complexity_indices(M)
        R = rca(full, year=year)
    sectors = list(M.columns)
    held = M.loc[region]
    dens = pd.Series(np.nan, index=sectors)
    dens.update(opp.set_index("sector")["density"])
    employment = (
        panel.frame[panel.frame["year"] == year].groupby("sector")["value"].sum() * panel.scale
    )
    nodes = pd.DataFrame(
        {
            "sector": sectors,
            "name": [panel.name(s) for s in sectors],
            "present": [bool(held[s]) for s in sectors],
            "rca": [float(R.loc[region, s]) if s in R.columns else np.nan for s in sectors],
            "pci": [float(pci.get(s, np.nan)) for s in sectors],
            "density": dens.reindex(sectors).to_numpy(),
            "employment": employment.reindex(sectors).fillna(0.0).to_numpy(),
        }
    )
    edges = _edges(phi)
    pos = spring_layout(phi, edges)
    nodes["x"] = [pos[s][0] for s in sectors]
    nodes["y"] = [pos[s][1] for s in sectors]
    if not edges.empty:
        edges["x"] = [pos[s][0] for s in edges["source"]]
        edges["y"] = [pos[s][1] for s in edges["source"]]
        edges["x2"] = [pos[s][0] for s in edges["target"]]
        edges["y2"] = [pos[s][1] for s in edges["target"]]
    earlier = [y for y in panel.years if y < year]
    return Analysis(
        panel=panel,
        year=year,
        region=region,
        in_panel=in_panel,
        opportunities=opp,
        nodes=nodes,
        edges=edges,
        weights=weights,
        phi=phi,
        growth_years=(earlier[0], year) if earlier else None,
    )


def _edges(phi: pd.DataFrame, extra_per_node: int = 2) -> pd.DataFrame:
    """The maximum spanning tree of proximity plus each sector's strongest links."""
    P = phi.to_numpy(dtype=float).copy()
    np.fill_diagonal(P, 0.0)
    n = len(P)
    keep = np.zeros_like(P, dtype=bool)
    if n > 1 and P.max() > 0:
        # maximum spanning tree = minimum spanning tree of (max + eps - phi) on the links
        cost = np.where(P > 0, P.max() + 1e-9 - P + 1e-12, 0.0)
        tree = minimum_spanning_tree(cost).toarray() > 0
        keep |= tree | tree.T
        for i in range(n):
            order = np.argsort(-P[i], kind="stable")[:extra_per_node]
            for j in order:
                if P[i, j] > 0:
                    keep[i, j] = keep[j, i] = True
    labels = list(phi.index)
    rows = [
        (labels[i], labels[j], float(P[i, j]))
        for i in range(n)
        for j in range(i + 1, n)
        if keep[i, j]
    ]
    return pd.DataFrame(rows, columns=["source", "target", "proximity"])


def spring_layout(
    phi: pd.DataFrame, edges: pd.DataFrame, *, iterations: int = 300, seed: int = 7
) -> dict[str, tuple[float, float]]:
    """A deterministic Fruchterman-Reingold layout of the kept links, scaled to [0, 1]."""
    labels = list(phi.index)
    n = len(labels)
    if n == 0:
        return {}
    rng = np.random.default_rng(seed)
    angle = np.linspace(0, 2 * np.pi, n, endpoint=False)
    pos = np.c_[np.cos(angle), np.sin(angle)] + rng.normal(0, 0.01, (n, 2))
    W = np.zeros((n, n))
    index = {s: i for i, s in enumerate(labels)}
    for s, t, w in edges[["source", "target", "proximity"]].itertuples(index=False):
        W[index[s], index[t]] = W[index[t], index[s]] = w
    k = 1.0 / np.sqrt(n)
    temp = 0.2
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt((delta**2).sum(-1)) + 1e-9
        repulse = (k * k / dist**2)[:, :, None] * delta
        attract = (W * dist / k)[:, :, None] * delta
        disp = (repulse - attract).sum(axis=1)
        length = np.sqrt((disp**2).sum(-1)) + 1e-9
        pos += disp / length[:, None] * np.minimum(length, temp)[:, None]
        temp *= 0.985
    pos -= pos.min(axis=0)
    span = pos.max(axis=0)
    pos /= np.where(span > 0, span, 1.0)
    return {s: (float(pos[i, 0]), float(pos[i, 1])) for i, s in enumerate(labels)}


def quadrant(feasibility: float, attractiveness: float) -> str:
    """``possible_entrants``, ``strategic_bets``, ``within_reach`` or ``long_shots``."""
    near = feasibility >= 0.5
    attractive = (attractiveness if attractiveness == attractiveness else 0.0) >= 0.5
    if near:
        return "possible_entrants" if attractive else "within_reach"
    return "strategic_bets" if attractive else "long_shots"
