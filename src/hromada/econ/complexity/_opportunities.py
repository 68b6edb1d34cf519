"""``opportunities()``: the sectors a region could grow next, ranked, with reasons in words."""

from __future__ import annotations

import numpy as np
import pandas as pd

from hromada.econ._panel import _first, check_panel, check_year
from hromada.econ.complexity._core import (
    _density_array,
    _outlook_arrays,
    _proximity_array,
    complexity_indices,
)
from hromada.econ.complexity._presence import (
    PRESENCE_METHODS,
    _mcp_arrays,
    _population_vector,
    _Slices,
    _std_columns,
)
from hromada.econ.errors import HromadaDataError


def _reference_growth(ref, year, sectors):
    """Annual growth of each sector's total in ``ref`` from its first year before ``year``."""
    if ref is None or "year" not in ref.columns:
        return None
    totals = ref.groupby(["year", "sector"])["value"].sum().unstack("sector")
    earlier = [y for y in totals.index if y < year]
    if not earlier or year not in totals.index:
        return None
    y0 = min(earlier)
    start = totals.loc[y0].reindex(sectors)
    end = totals.loc[year].reindex(sectors)
    with np.errstate(divide="ignore", invalid="ignore"):
        g = (end / start) ** (1.0 / (year - y0)) - 1.0
    return g.where(np.isfinite(g) & (start > 0))


def _join(names):
    names = [str(n) for n in names]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def opportunities(
    panel,
    region,
    year=None,
    *,
    presence_test="rca",
    threshold=1.0,
    population=None,
    method="eigenvalues",
    reference=None,
    density_weight=0.5,
    pci_weight=0.2,
    cog_weight=0.2,
    growth_weight=0.1,
    n_reasons=3,
    top=None,
    columns=None,
):
    r"""Return the sectors ``region`` does not have yet, ranked by feasibility and attractiveness.

    Parameters
    ----------
    panel : DataFrame
        Long panel region, sector, value[, year] (e.g. employment by hromada
        and KVED section), all regions of the comparison.
    region : label
        The region to advise (a value of the region column).
    year : int, optional
        Year of the analysis; default the last year of the panel.
    presence_test : {"rca", "rpop", "manual"}
        How presence is decided (see :func:`presence`); ``threshold`` and
        ``population`` as there.
    method : {"eigenvalues", "reflections", "fitness"}
        Complexity method for PCI (normalization "standard").
    reference : DataFrame, optional
        Panel (sector, value, year[, region]) whose sector totals give the
        growth (e.g. national employment); default ``panel`` summed over regions.
    density_weight, pci_weight, cog_weight, growth_weight : float
        Weights of the composite score (default 0.5 / 0.2 / 0.2 / 0.1). Set one
        to 0 to ignore it. Growth is left out when the reference has no earlier
        year.
    n_reasons : int
        How many related existing sectors to name in ``reasons``.
    top : int, optional
        Keep only the best ``top`` rows.
    columns : mapping, optional
        Standard name -> your column name (panel and reference).

    Returns
    -------
    DataFrame
        One row per sector the region lacks (M = 0), best first: ``rank``,
        ``sector``, ``score`` (0-1), ``feasibility`` and ``attractiveness``
        (0-1, for the opportunity chart), ``density``, ``pci``, ``cog``,
        ``growth`` (annual, NaN without an earlier year), ``rca`` (current) and
        ``reasons`` (plain words).

    Notes
    -----
    Each component is turned into its percentile rank among the candidate
    sectors (0 = lowest, 1 = highest), so weights compare like with like:

    .. math::
        \text{feasibility}=r(d_{cp}),\quad
        \text{attractiveness}=\frac{w_{pci}r(\mathrm{PCI})+w_{cog}r(\mathrm{COG})
        +w_g r(g)}{w_{pci}+w_{cog}+w_g},\quad
        \text{score}=\frac{w_d r(d)+w_{pci}r(\mathrm{PCI})+w_{cog}r(\mathrm{COG})
        +w_g r(g)}{\sum w}.

    A sector without growth data gets the neutral rank 0.5. ``reasons`` names
    the region's present sectors q with the highest proximity
    :math:`\phi_{pq}` to the candidate p. Growth is the compound annual growth
    of the sector's reference total from the first available year to ``year``.

    References
    ----------
    Hausmann, R., et al. (2014). The Atlas of Economic Complexity; Hidalgo, C.
    A., et al. (2018). The principle of relatedness. Springer Proceedings in
    Complexity; Harvard Growth Lab, Metroverse (feasibility vs attractiveness).

    Examples
    --------
    >>> import pandas as pd
    >>> p = pd.DataFrame({"region": list("aabbbcc"), "sector": list("xyxyzyz"),
    ...                   "value": [5.0, 1.0, 1.0, 1.0, 4.0, 1.0, 1.0]})
    >>> sorted(opportunities(p, "a")["sector"])  # the sectors "a" lacks, here 2 of 3
    ['y', 'z']
    """
    weights = _check_weights(
        presence_test,
        density_weight=density_weight,
        pci_weight=pci_weight,
        cog_weight=cog_weight,
        growth_weight=growth_weight,
    )
    mapping = _std_columns(columns)
    df = check_panel(panel, columns=mapping)
    year, cur = _at_year(df, year)
    sl = _Slices(cur)
    V, r, s = sl.matrix(0)
    sl.warn_dropped()
    regions, sectors = sl.regions[r], sl.sectors[s]
    if region not in regions:
        known = region in sl.regions
        raise HromadaDataError(
            f"'region'={region!r} "
            + ("has a zero total" if known else "is not in the panel")
            + (f" in {year}" if year is not None else "")
            + f"; regions are {_first(regions, 8)}."
        )
    i = regions.get_loc(region)
    pop = _population_vector(population, regions, year) if presence_test == "rpop" else None
    rca_t, _, mcp = _mcp_arrays(V, presence_test, float(threshold), pop)
    M = pd.DataFrame(mcp, index=regions, columns=sectors)
    _, pci_s = complexity_indices(M, method=method)
    pci = pci_s.to_numpy()
    phi = _proximity_array(mcp, 1)
    dens = _density_array(mcp, phi)
    _, cog = _outlook_arrays(mcp, phi, dens, np.nan_to_num(pci))

    cand = np.flatnonzero(mcp[i] == 0)
    held = np.flatnonzero(mcp[i] == 1)
    if reference is None:
        ref = df
    else:
        ref = check_panel(reference, columns=mapping, require=("sector", "value"), name="reference")
    growth = _reference_growth(ref, year, sectors) if year is not None else None
    out = pd.DataFrame(
        {
            "sector": sectors[cand],
            "density": dens[i, cand],
            "pci": pci[cand],
            "cog": cog[i, cand],
            "growth": np.nan if growth is None else growth.to_numpy()[cand],
            "rca": rca_t[i, cand],
        }
    )
    _score(out, weights, has_growth=growth is not None)
    out["reasons"] = _reasons(phi, cand, held, sectors, region, max(int(n_reasons), 0))
    out = out.sort_values(["score", "density"], ascending=False, kind="stable")
    out.insert(0, "rank", np.arange(1, len(out) + 1))
    out = out[_COLUMNS].reset_index(drop=True)
    return out.head(top) if top is not None else out


_COLUMNS = [
    "rank",
    "sector",
    "score",
    "feasibility",
    "attractiveness",
    "density",
    "pci",
    "cog",
    "growth",
    "rca",
    "reasons",
]


def _check_weights(presence_test, **weights) -> dict:
    """Check the presence test and the score's weights (non-negative numbers); return them."""
    if presence_test not in PRESENCE_METHODS:
        raise HromadaDataError(
            f"'presence_test' must be one of {list(PRESENCE_METHODS)}; got {presence_test!r}."
        )
    for k, w in weights.items():
        if not (isinstance(w, (int, float)) and np.isfinite(w) and w >= 0):
            raise HromadaDataError(f"'{k}' must be a non-negative number; got {w!r}.")
    return weights


def _at_year(df: pd.DataFrame, year):
    """(year, rows of that year): the last year by default; (None, df) without years."""
    if "year" in df.columns:
        year = int(df["year"].max()) if year is None else check_year(df, year)
        return year, df[df["year"] == year].reset_index(drop=True)
    if year is not None:
        check_year(df, year)
    return year, df


def _score(out: pd.DataFrame, weights: dict, *, has_growth: bool) -> None:
    """Add ``feasibility``, ``attractiveness`` and ``score`` (percentile ranks, weighted)."""
    w = dict(weights)
    if not has_growth:
        w["growth_weight"] = 0.0
    ranks = {
        "density_weight": out["density"].rank(pct=True),
        "pci_weight": out["pci"].rank(pct=True).fillna(0.5),
        "cog_weight": out["cog"].rank(pct=True),
        "growth_weight": out["growth"].rank(pct=True).fillna(0.5),
    }
    total = sum(w.values())
    if total == 0:
        raise HromadaDataError("all score weights are 0; give at least one a positive weight.")
    out["feasibility"] = ranks["density_weight"]
    attr_w = total - w["density_weight"]
    out["attractiveness"] = (
        sum(w[k] * ranks[k] for k in ("pci_weight", "cog_weight", "growth_weight")) / attr_w
        if attr_w > 0
        else np.nan
    )
    out["score"] = sum(w[k] * ranks[k] for k in w) / total


def _reasons(phi, cand, held, sectors, region, k: int) -> list[str]:
    """For each candidate, the region's present sectors closest to it, in words."""
    if not len(held) or not k:
        return [f"{region} has no sector with a comparative advantage to build on yet."] * len(cand)
    if not len(cand):
        return []
    sub = phi[np.ix_(cand, held)]
    order = np.argsort(-sub, axis=1, kind="stable")[:, :k]
    best = np.take_along_axis(sub, order, axis=1)
    names = sectors[held].to_numpy()
    texts = []
    for j in range(len(cand)):
        keep = best[j] > 0
        if not keep.any():
            texts.append(f"Not related to any sector {region} already specialises in: a long jump.")
            continue
        pairs = zip(order[j][keep], best[j][keep], strict=True)
        picks = [f"{names[o]} ({b:.0%})" for o, b in pairs]
        texts.append(
            f"Builds on what {region} already does well: {_join(picks)}. "
            "Places specialised in these sectors are often specialised in this one too "
            "(the % is how often, by proximity)."
        )
    return texts
