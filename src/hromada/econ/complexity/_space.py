"""One region's diversification opportunities on a reference industry space.

The region (a hromada) is not part of the reference: its own employment by industry is
placed on a proximity matrix and complexity computed elsewhere (e.g. US metropolitan
areas by NACE class, :func:`hromada.refdata.industry_space`). The functions here are pure:
they take the region's values, the space, the complexity and the reference's
employment shares, and return tables.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from hromada.econ._blas import one_blas_thread
from hromada.econ.errors import HromadaDataError

__all__ = [
    "MIN_INDUSTRIES_TO_RANK",
    "PRESETS",
    "PRESET_SOURCE",
    "kved_level",
    "local_presence",
    "rank_stability",
    "recommended_preset",
    "space_opportunities",
    "to_level",
]

#: Fewer industries than this do not produce a ranking (10-20 sectors give noise:
#: the sign of PCI flips with the panel; complexity is built for hundreds of industries).
MIN_INDUSTRIES_TO_RANK = 40

#: Weights of the Atlas of Economic Complexity's strategic approaches (distance, PCI, COG),
#: here on density = 1 - distance. Source: PRESET_SOURCE.
PRESETS: dict[str, dict[str, float]] = {
    "low_hanging_fruit": {"density": 0.60, "pci": 0.15, "cog": 0.25},
    "balanced_light_touch": {"density": 0.60, "pci": 0.20, "cog": 0.20},
    "balanced_parsimonious": {"density": 0.55, "pci": 0.20, "cog": 0.25},
    "balanced_strategic_bets": {"density": 0.50, "pci": 0.15, "cog": 0.35},
    "long_jumps": {"density": 0.45, "pci": 0.20, "cog": 0.35},
}
PRESET_SOURCE = (
    "Atlas of Economic Complexity (Harvard Growth Lab), country pages, growth "
    "opportunities: score = w_d x normalised distance + w_p x PCI + w_g x COG; weights as "
    "documented by a Growth Lab researcher (repository shreyasgm/ask-atlas, "
    "src/docs/product_space_and_relatedness.md)"
)

_LEVEL_LEN = {2: "division", 4: "group", 5: "class"}
_LEN_OF = {"division": 2, "group": 4, "class": 5}


def kved_level(codes) -> str:
    """Return the KVED level of ``codes``; raise if they are mixed or not KVED codes.

    The levels: ``"division"`` ("01"), ``"group"`` ("01.1"), ``"class"`` ("01.11").

    Examples
    --------
    >>> kved_level(["01", "10"]), kved_level(["10.1"]), kved_level(["10.11", "62.01"])
    ('division', 'group', 'class')
    """
    codes = pd.Index([str(c).strip() for c in codes])
    ok = codes.str.fullmatch(r"\d\d(\.\d\d?)?")
    if len(codes) == 0 or not ok.all():
        bad = list(codes[~ok][:3]) if len(codes) else []
        raise HromadaDataError(
            f"Industry codes must be KVED divisions ('01'), groups ('01.1') or classes "
            f"('01.11'); got {bad or 'no codes'}."
        )
    levels = {_LEVEL_LEN[n] for n in codes.str.len()}
    if len(levels) > 1:
        raise HromadaDataError(f"Industry codes mix KVED levels {sorted(levels)}; use one.")
    return levels.pop()


def to_level(values: pd.Series, level: str) -> pd.Series:
    """Sum KVED ``values`` (code -> employment) to a coarser ``level``.

    Examples
    --------
    >>> to_level(pd.Series({"10.11": 2.0, "10.12": 3.0, "62.01": 1.0}), "division").to_dict()
    {'10': 5.0, '62': 1.0}
    """
    if level not in _LEN_OF:
        raise HromadaDataError(f"'level' must be division, group or class; got {level!r}.")
    values = pd.Series(values, dtype=float)
    have = kved_level(values.index)
    if _LEN_OF[have] < _LEN_OF[level]:
        raise HromadaDataError(f"Data at KVED {have} level cannot be split into {level}s.")
    codes = pd.Index([str(c).strip() for c in values.index]).str[: _LEN_OF[level]]
    return values.groupby(codes.to_numpy()).sum()


def local_presence(values, share, *, threshold: float = 1.0) -> pd.DataFrame:
    r"""Return the region's revealed comparative advantage against reference shares, and presence.

    Parameters
    ----------
    values : Series
        Region's employment (or output) by industry code; non-negative.
    share : Series
        Each industry's share of the comparison economy's total (Ukraine's when known,
        else the reference space's own), by the same codes.
    threshold : float
        Presence when RCA >= threshold (1 by the Balassa convention).

    Returns
    -------
    DataFrame
        Indexed by the codes of ``share``: ``value``, ``local_share``, ``rca``,
        ``present`` (bool). Codes of ``values`` missing from ``share`` are in
        ``.attrs["outside"]`` (their employment is left out of the totals).

    Notes
    -----
    :math:`RCA_p = (x_p / \sum_{q \in S} x_q) / s_p` over the industries S of the space.

    Examples
    --------
    >>> out = local_presence(pd.Series({"a": 6.0, "b": 4.0}), pd.Series({"a": 0.2, "b": 0.8}))
    >>> out["rca"].round(2).tolist(), out["present"].tolist()
    ([3.0, 0.5], [True, False])
    """
    values = pd.Series(values, dtype=float)
    share = pd.Series(share, dtype=float)
    if values.isna().any() or (values < 0).any():
        bad = values[values.isna() | (values < 0)]
        raise HromadaDataError(
            f"Employment must be a non-negative number; industry {bad.index[0]!r} has "
            f"{float(bad.iloc[0])!r}."
        )
    if (share <= 0).any() or share.isna().any():
        raise HromadaDataError("'share' must be positive for every industry of the space.")
    outside = [str(c) for c in values.index if c not in share.index and values[c] > 0]
    x = values.reindex(share.index).fillna(0.0)
    total = float(x.sum())
    if total <= 0:
        raise HromadaDataError(
            "None of the region's industries is in the reference space; nothing to place."
        )
    local_share = x / total
    rca = local_share / share
    out = pd.DataFrame(
        {"value": x, "local_share": local_share, "rca": rca, "present": rca >= threshold}
    )
    out.attrs["outside"] = outside
    return out


def _zscore(v: np.ndarray) -> np.ndarray:
    sd = v.std()
    return (v - v.mean()) / sd if sd > 0 else np.zeros_like(v)


def _weights(weights) -> tuple[str, dict[str, float]]:
    if isinstance(weights, str):
        if weights not in PRESETS:
            raise HromadaDataError(
                f"Unknown ranking preset {weights!r}; use one of {', '.join(PRESETS)} or "
                "a dict of weights for density, pci and cog."
            )
        return weights, dict(PRESETS[weights])
    w = {k: float(weights.get(k, 0.0)) for k in ("density", "pci", "cog")}
    extra = set(weights) - set(w)
    if extra:
        raise HromadaDataError(f"Unknown weight(s) {sorted(extra)}; use density, pci, cog.")
    if any(v < 0 or not np.isfinite(v) for v in w.values()) or sum(w.values()) <= 0:
        raise HromadaDataError(f"Weights must be non-negative with a positive sum; got {w}.")
    total = sum(w.values())
    return "custom", {k: v / total for k, v in w.items()}


def _scores(m, P, q, S, w):
    """Density, COG (Atlas, own term) and the score of every industry for one presence m.

    P proximity (k x k), q PCI (k,), S row sums of P (k,), w weights dict. Returns
    (density, cog, score); score NaN where m = 1.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        d = np.where(S > 0, P @ m / S, 0.0)
        Bq = np.where(S > 0, q / S, 0.0)
    absent = 1.0 - m
    # COG_p = sum_{q != p} (1 - m_q) phi_pq PCI_q / S_q - d_p PCI_p  (Atlas; exact change of COI)
    cog = P @ (absent * Bq) - np.diagonal(P) * Bq - d * q
    cand = m == 0
    score = np.full(len(m), np.nan)
    if cand.sum() > 1:
        score[cand] = (
            w["density"] * _zscore(d[cand])
            + w["pci"] * _zscore(q[cand])
            + w["cog"] * _zscore(cog[cand])
        )
    return d, np.where(cand, cog, 0.0), score


def _align(phi, pci):
    if not isinstance(phi, pd.DataFrame) or not phi.index.equals(phi.columns):
        raise HromadaDataError("'phi' must be a square DataFrame with the same codes on both axes.")
    pci = pd.Series(pci, dtype=float)
    missing = phi.index.difference(pci.index)
    if len(missing):
        raise HromadaDataError(f"'pci' has no value for the industries {list(missing[:3])}.")
    return phi.to_numpy(dtype=float), pci.reindex(phi.index).fillna(0.0).to_numpy()


def space_opportunities(
    values,
    phi,
    pci,
    share,
    *,
    weights="low_hanging_fruit",
    threshold: float = 1.0,
    n_reasons: int = 3,
    min_industries: int = MIN_INDUSTRIES_TO_RANK,
    region: str = "the region",
) -> pd.DataFrame:
    r"""Rank the industries a region lacks by relatedness and complexity on a reference space.

    Parameters
    ----------
    values : Series
        The region's employment by industry code (the codes of ``phi``; others are left
        out and listed in ``.attrs["outside"]``).
    phi : DataFrame
        Proximity between industries, square, same codes on both axes.
    pci : Series
        Product complexity of the industries (same reference).
    share : Series
        Each industry's share of the comparison economy (Ukraine's when known, else the
        reference's), for the region's RCA.
    weights : str or dict
        A preset of :data:`PRESETS` or ``{"density": .., "pci": .., "cog": ..}``
        (non-negative, normalised to sum 1).
    threshold : float
        Presence when RCA >= threshold.
    n_reasons : int
        How many present industries to name as the reason of each candidate.
    min_industries : int
        A space with fewer industries raises (too coarse to rank).
    region : str
        The region's name in the reasons.

    Returns
    -------
    DataFrame
        One row per candidate (present = False), best first: ``code``, ``rank`` (1 =
        best), ``score``, ``density``, ``pci``, ``cog``, ``rca``, ``z_density``,
        ``z_pci``, ``z_cog``, ``related`` (list of (code, proximity)), ``reasons``.
        ``.attrs``: ``weights``, ``preset``, ``present`` (codes), ``outside``, ``eci``
        (mean PCI of the present industries), ``coi``.

    Notes
    -----
    density :math:`d_p = \sum_q m_q\phi_{pq}/\sum_q\phi_{pq}`; COG is the Atlas's
    (``complexity_outlook(own_term=True)``): the exact change of the region's COI if it
    added p. score :math:`= w_d z(d) + w_p z(PCI) + w_g z(COG)`, each z-scored over the
    candidates (mean 0, sd 1): the values themselves, so two candidates with nearly the
    same density get nearly the same contribution (percentile ranks would spread them
    apart). The Atlas uses normalised distance with a negative sign; :math:`z(d) =
    -z(1-d)`.

    References
    ----------
    Hidalgo et al. (2007), Science 317; Hausmann et al. (2014), The Atlas of Economic
    Complexity; presets: :data:`PRESET_SOURCE`.

    Examples
    --------
    >>> import numpy as np
    >>> codes = ["a", "b", "c", "d"]
    >>> phi = pd.DataFrame(np.array([[1, .8, .1, .1], [.8, 1, .2, .1], [.1, .2, 1, .5],
    ...                              [.1, .1, .5, 1]]), index=codes, columns=codes)
    >>> out = space_opportunities(pd.Series({"a": 10.0, "c": 1.0}), phi,
    ...     pd.Series([0.0, 1.0, -1.0, 0.5], index=codes), pd.Series(0.25, index=codes),
    ...     min_industries=2)
    >>> out["code"].tolist()
    ['b', 'c', 'd']
    """
    P, q = _align(phi, pci)
    codes = phi.index
    if len(codes) < min_industries:
        raise HromadaDataError(
            f"The space has {len(codes)} industries, fewer than {min_industries}: too coarse "
            "to rank (relatedness and complexity need many industries)."
        )
    preset, w = _weights(weights)
    pres = local_presence(values, pd.Series(share).reindex(codes), threshold=threshold)
    m = pres["present"].to_numpy(dtype=float)
    if m.sum() == 0:
        raise HromadaDataError(
            f"{region} is specialised (RCA >= {threshold}) in none of the space's industries."
        )
    S = P.sum(axis=1)
    d, cog, score = _scores(m, P, q, S, w)
    cand = np.flatnonzero(m == 0)
    held = np.flatnonzero(m > 0)
    zd, zp, zg = (np.full(len(m), np.nan) for _ in range(3))
    zd[cand], zp[cand], zg[cand] = _zscore(d[cand]), _zscore(q[cand]), _zscore(cog[cand])
    k = max(int(n_reasons), 0)
    related, texts = [], []
    for p in cand:
        row = P[p, held]
        order = np.argsort(-row, kind="stable")[:k]
        pairs = [(str(codes[held[i]]), float(row[i])) for i in order if row[i] > 0]
        related.append(pairs)
        if pairs:
            named = ", ".join(f"{c} ({v:.0%})" for c, v in pairs)
            texts.append(
                f"Close to what {region} already does: {named}. Places specialised "
                "in these are often specialised in this one too (the % is the "
                "proximity)."
            )
        else:
            texts.append(f"None of {region}'s present industries is related to it.")
    out = pd.DataFrame(
        {
            "code": codes[cand].astype(str),
            "score": score[cand],
            "density": d[cand],
            "pci": q[cand],
            "cog": cog[cand],
            "rca": pres["rca"].to_numpy()[cand],
            "z_density": zd[cand],
            "z_pci": zp[cand],
            "z_cog": zg[cand],
            "related": related,
            "reasons": texts,
        }
    )
    out = out.sort_values(["score", "code"], ascending=[False, True], kind="stable")
    out.insert(1, "rank", np.arange(1, len(out) + 1))
    out = out.reset_index(drop=True)
    coi = float(np.sum(d[cand] * q[cand]))
    out.attrs.update(
        weights=w,
        preset=preset,
        present=[str(c) for c in codes[held]],
        outside=pres.attrs["outside"],
        eci=float(q[held].mean()),
        coi=coi,
    )
    return out


def rank_stability(
    values,
    M,
    pci,
    share,
    *,
    weights="low_hanging_fruit",
    threshold: float = 1.0,
    draws: int = 200,
    seed: int = 0,
    top: int = 10,
    robust: float = 0.8,
) -> pd.DataFrame:
    r"""Rank of each candidate when the reference regions are resampled (bootstrap).

    Parameters
    ----------
    values, pci, share, weights, threshold
        As :func:`space_opportunities`.
    M : DataFrame
        The reference's presence matrix (reference regions x industries, 0/1) from which
        the space was computed; its columns are the industries.
    draws : int
        Bootstrap draws (regions resampled with replacement).
    seed : int
        Seed of the generator (the same seed gives the same bands).
    top : int
        ``in_top`` is the share of draws in which the candidate ranks in the first ``top``.
    robust : float
        ``robust`` is True when ``in_top >= robust``.

    Returns
    -------
    DataFrame
        Indexed by candidate code: ``rank_low`` (5th percentile), ``rank_median``,
        ``rank_high`` (95th percentile), ``in_top``, ``robust``.

    Notes
    -----
    Each draw recomputes proximity :math:`\phi = M' W M / \max(u_p, u_q)` (W the
    draw's counts, u the resampled ubiquities), then density, COG and the score;
    PCI is held at its full-reference value (the eigenvector of every draw would cost
    seconds at class level). The region's presence does not change.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> M = pd.DataFrame((rng.random((60, 8)) < 0.4).astype(int), columns=list("abcdefgh"))
    >>> out = rank_stability(pd.Series({"a": 5.0, "b": 3.0}), M,
    ...     pd.Series(np.linspace(-1, 1, 8), index=M.columns), pd.Series(1 / 8, index=M.columns),
    ...     draws=50, top=3)
    >>> sorted(out.index) == list("cdefgh"), bool(out["rank_low"].le(out["rank_high"]).all())
    (True, True)
    """
    if not isinstance(M, pd.DataFrame):
        raise HromadaDataError("'M' must be a DataFrame of reference regions x industries.")
    X = M.to_numpy(dtype=np.float64)
    if not np.isin(X, (0.0, 1.0)).all():
        raise HromadaDataError("'M' must hold 0/1 presence.")
    if int(draws) < 1:
        raise HromadaDataError(f"'draws' must be at least 1; got {draws!r}.")
    codes = M.columns
    q = pd.Series(pci, dtype=float).reindex(codes).fillna(0.0).to_numpy()
    _, w = _weights(weights)
    pres = local_presence(values, pd.Series(share).reindex(codes), threshold=threshold)
    m = pres["present"].to_numpy(dtype=float)
    cand = np.flatnonzero(m == 0)
    n = X.shape[0]
    rng = np.random.default_rng(seed)
    ranks = np.empty((int(draws), len(cand)))
    # float32 is exact here: 0/1 times whole counts, sums below 2**24
    X32 = X.astype(np.float32)
    order0 = np.arange(len(cand))
    with one_blas_thread():  # many small products: threads only add synchronisation
        for b in range(int(draws)):
            cnt = np.bincount(rng.integers(0, n, n), minlength=n).astype(np.float32)
            drawn = cnt > 0  # about 63 % of the regions: the others add nothing
            Xd = X32[drawn]
            C = (Xd.T @ (Xd * cnt[drawn, None])).astype(np.float64)
            u = np.diagonal(C).copy()
            with np.errstate(divide="ignore", invalid="ignore"):
                P = C / np.maximum(u[:, None], u[None, :])
            P[~np.isfinite(P)] = 0.0
            _, _, score = _scores(m, P, q, P.sum(axis=1), w)
            s = score[cand]
            r = np.empty(len(s))
            r[np.lexsort((order0, -s))] = np.arange(1, len(s) + 1)
            ranks[b] = r
    out = pd.DataFrame(
        {
            "rank_low": np.percentile(ranks, 5, axis=0),
            "rank_median": np.median(ranks, axis=0),
            "rank_high": np.percentile(ranks, 95, axis=0),
            "in_top": (ranks <= top).mean(axis=0),
        },
        index=pd.Index(codes[cand].astype(str), name="code"),
    )
    out["robust"] = out["in_top"] >= robust
    return out


def recommended_preset(eci: float, coi: float, reference_eci, reference_coi) -> str:
    """Return the Atlas's strategic approach for a region's ECI and COI vs the reference.

    ``eci``, ``coi`` the region's; ``reference_eci``, ``reference_coi`` the same numbers
    of the reference regions, against which both are z-scored. Approach: COI >= 0 and
    ECI >= 0: light touch; COI >= 0 and ECI < 0: parsimonious industrial policy; COI < 0:
    strategic bets (:data:`PRESET_SOURCE`).

    Examples
    --------
    >>> recommended_preset(0.5, -1.0, [0.0, 1.0], [0.0, 1.0])
    'balanced_strategic_bets'
    """
    re_, rc = np.asarray(reference_eci, float), np.asarray(reference_coi, float)
    ze = (eci - re_.mean()) / (re_.std() or 1.0)
    zc = (coi - rc.mean()) / (rc.std() or 1.0)
    if zc < 0:
        return "balanced_strategic_bets"
    return "balanced_light_touch" if ze >= 0 else "balanced_parsimonious"
