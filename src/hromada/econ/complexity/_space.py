"""One region's diversification opportunities on a reference industry space.

The region (a hromada) is not part of the reference: its own employment by industry is
placed on a proximity matrix and complexity computed elsewhere (e.g. US metropolitan
areas by NACE class, :func:`hromada.refdata.industry_space`). The functions here are pure:
they take the region's values, the space, the complexity and the reference's
employment shares, and return tables.
"""

from __future__ import annotations

import hashlib
import operator
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.linalg.blas import dspmv as _spmv

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
        ``.attrs``: ``weights``, ``preset``, ``present`` (codes), ``outside``,
        ``unranked`` (industries absent from the region but without PCI, NaN in ``pci``:
        too small for the Atlas's cut-off, so not ranked), ``eci`` (mean PCI of the
        present industries), ``coi``.

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
    # an industry without PCI (the Atlas's cut-off: too small to measure) is no candidate
    has_pci = np.isfinite(pd.Series(pci, dtype=float).reindex(codes).to_numpy())
    cand = np.flatnonzero((m == 0) & has_pci)
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
        unranked=[str(c) for c in codes[(m == 0) & ~has_pci]],
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
    recompute_pci: bool = True,
) -> pd.DataFrame:
    r"""Rank of each candidate when the reference regions are resampled (bootstrap).

    Parameters
    ----------
    values, pci, share, weights, threshold
        As :func:`space_opportunities`. ``pci`` should be the eigenvalue-method PCI of
        ``M`` (as :func:`hromada.refdata.industry_complexity`'s): it is recomputed the
        same way in every draw over the industries that have one (NaN: left out, e.g. by
        the Atlas's cut-off: not a candidate, and 0 in the other candidates' COG).
    M : DataFrame
        The reference's presence matrix (reference regions x industries, 0/1) from which
        the space was computed; its columns are the industries.
    draws : int
        Bootstrap draws (regions resampled with replacement).
    seed : int
        Seed of the generator: draw b is ``rng.integers(0, n, n)`` for b = 0, 1, ...
        from ``numpy.random.default_rng(seed)`` (the same seed gives the same bands).
    top : int
        ``in_top`` is the share of draws in which the candidate ranks in the first ``top``.
    robust : float
        ``robust`` is True when ``in_top >= robust``.
    recompute_pci : bool
        Recompute PCI in every draw (default); False holds it at ``pci`` (narrower bands:
        the uncertainty of complexity is left out).

    Returns
    -------
    DataFrame
        Indexed by candidate code: ``rank_low`` (5th percentile), ``rank_median``,
        ``rank_high`` (95th percentile), ``in_top``, ``robust``.

    Notes
    -----
    Each draw recomputes proximity :math:`\phi = M' W M / \max(u_p, u_q)` (W the
    draw's multiplicities, u the resampled ubiquities) and PCI (the second eigenvector of
    the resampled panel, sign and z-score as :func:`complexity_indices`), then density,
    COG and the score; the region's presence does not change. Vectorised: the
    co-occurrence counts of all pairs and draws come from one sparse product of the
    pairs x regions incidence with the draws' multiplicities (exact integers, six draws
    packed in 10-bit fields of one int64 with 933 regions); PCI by Lanczos on all draws at once, a draw
    that does not converge by a dense eigen-decomposition. The same numbers as the plain
    loop over draws (``tests/econ/test_complexity_space.py`` checks it against one built
    from :func:`proximity`-style counts and :func:`complexity_indices` per draw). A draw
    without a second dimension of complexity (e.g. identical regions) keeps ``pci``.

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
    X = M.to_numpy()
    if not np.isin(X, (0, 1)).all():
        raise HromadaDataError("'M' must hold 0/1 presence.")
    if int(draws) < 1:
        raise HromadaDataError(f"'draws' must be at least 1; got {draws!r}.")
    codes = M.columns
    pci = pd.Series(pci, dtype=float).reindex(codes)
    pci_cols = np.flatnonzero(np.isfinite(pci.to_numpy()))
    q = pci.fillna(0.0).to_numpy()
    _, w = _weights(weights)
    pres = local_presence(values, pd.Series(share).reindex(codes), threshold=threshold)
    m = pres["present"].to_numpy(dtype=float)
    cand = np.flatnonzero((m == 0) & np.isfinite(pci.to_numpy()))  # as space_opportunities
    X01 = X.astype(np.int8)
    W = _draw_counts(np.random.default_rng(seed), X01.shape[0], int(draws))
    D, Qd, COG = _bootstrap_parts(X01, m, q, pci_cols, W, recompute_pci=recompute_pci)
    ranks = _draw_ranks(D, Qd, COG, cand, w)
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


# --------------------------------------------------------------- bootstrap, vectorised
_PAIRS_CACHE: dict[bytes, tuple] = {}  # a few pair indexes (class level: about 55 MB)
_PAIRS_LOCK = threading.Lock()
_STATS: dict[str, int] = {}  # last run's Lanczos steps and dense fall-backs (benchmarks)


def _pair_incidence(X01: np.ndarray) -> tuple:
    r"""Pairs x regions incidence of the 0/1 matrix ``X01`` (regions x industries), cached.

    Row ``t = j (j + 1) / 2 + i`` (``i <= j``, the packed upper-triangle order of BLAS
    ``?spmv``) lists, in order, the regions where industries i and j are both present, so that
    ``O @ w`` is the co-occurrence count :math:`\sum_r w_r M_{ri} M_{rj}` of every pair
    at once. Returned as two CSR halves of about equal work (two threads), with the
    pair ends ``ii``, ``jj`` and the positions of the diagonal.
    """
    n, k = X01.shape
    key = hashlib.blake2b(np.ascontiguousarray(X01, dtype=np.int8).tobytes(), digest_size=16)
    key.update(np.asarray(X01.shape, dtype=np.int64).tobytes())
    digest = key.digest()
    with _PAIRS_LOCK:
        if digest in _PAIRS_CACHE:
            return _PAIRS_CACHE[digest]
    Xt = np.ascontiguousarray(X01.T, dtype=np.int8)  # industries x regions
    regions, counts = [], []
    for j in range(k):  # pairs (0..j, j) in order: the regions where both are present
        R = np.flatnonzero(Xt[j])
        sub = Xt[: j + 1][:, R]
        _i, r = np.nonzero(sub)
        regions.append(R[r].astype(np.int32))
        counts.append(np.count_nonzero(sub, axis=1))
    indices = np.concatenate(regions)
    indptr = np.concatenate([[0], np.cumsum(np.concatenate(counts))])
    npairs = k * (k + 1) // 2
    ones = np.ones(len(indices), dtype=np.int64)
    # two halves of about equal work (two threads), cut at a row
    cuts = [0, int(np.searchsorted(indptr, len(indices) // 2)), npairs]
    if len(indices) <= 200_000:
        cuts = [0, npairs]
    halves = []
    for lo, hi in zip(cuts[:-1], cuts[1:], strict=True):
        a, b = indptr[lo], indptr[hi]
        halves.append(
            sp.csr_array(
                (ones[a:b], indices[a:b], indptr[lo : hi + 1] - a), shape=(hi - lo, n), copy=False
            )
        )
    parts = tuple(halves)
    jj = np.repeat(np.arange(k), np.arange(1, k + 1))
    ii = np.arange(npairs) - jj * (jj + 1) // 2
    diag = np.arange(k) * (np.arange(k) + 3) // 2
    out = (parts, ii, jj, diag)
    with _PAIRS_LOCK:
        while len(_PAIRS_CACHE) >= 4:
            _PAIRS_CACHE.pop(next(iter(_PAIRS_CACHE)))
        _PAIRS_CACHE[digest] = out
    return out


def _draw_counts(rng, n: int, draws: int) -> np.ndarray:
    """Region multiplicities of ``draws`` bootstrap draws (draws x n), in the order drawn.

    Draw b is ``rng.integers(0, n, n)`` (n regions with replacement) for b = 0, 1, ...:
    the same sequence as drawing one at a time.
    """
    W = np.empty((draws, n), dtype=np.int64)
    for b in range(draws):
        W[b] = np.bincount(rng.integers(0, n, n), minlength=n)
    return W


def _pci_draws(Xp: np.ndarray, W: np.ndarray, q0: np.ndarray, *, steps: int = 80) -> np.ndarray:
    r"""PCI (eigenvalue method, z-scored with ddof 1) of every resampled panel, batched.

    ``Xp`` regions x industries 0/1 (the industries with a PCI), ``W`` draws x regions
    multiplicities, ``q0`` the full-reference PCI (start vector). Draw b's panel repeats
    region r ``W[b, r]`` times: ubiquity :math:`u = X'w`, and PCI is the second
    eigenvector of :math:`U^{-1/2}X'\,\mathrm{diag}(w/d)\,XU^{-1/2}` (d diversity),
    found by Lanczos with full reorthogonalisation on all draws at once, deflated by
    the known first eigenvector :math:`\sqrt u`; sign so that ECI correlates positively
    with diversity over the panel's regions, as :func:`complexity_indices`. A draw that
    does not converge is solved by a dense eigen-decomposition; a draw without a second
    dimension (fewer than 2 industries or regions, or second eigenvalue 0) gets NaN.
    Industries absent from a draw get NaN.
    """
    B = W.shape[0]
    kp = Xp.shape[1]
    out = np.full((B, kp), np.nan)
    if kp < 2:
        return out
    d = Xp.sum(axis=1)
    Xs = sp.csr_array(Xp)  # 0/1, about 16 % filled at class level: sparse products
    XsT = sp.csr_array(Xp.T)
    Wf = W.astype(np.float64) * (d > 0)[None, :]
    u = (XsT @ np.ascontiguousarray(Wf.T)).T  # (B, kp) ubiquities in the draw
    active = u > 0
    isq = np.where(active, 1.0 / np.sqrt(np.where(active, u, 1.0)), 0.0)
    wdT = np.ascontiguousarray((Wf / np.where(d > 0, d, 1.0)[None, :]).T)  # (n, B)
    top = np.sqrt(u)
    top /= np.linalg.norm(top, axis=1, keepdims=True)

    # two threads only when the products are large enough to repay them
    big = Xs.nnz * B > 8_000_000
    halves = [slice(0, B // 2), slice(B // 2, B)] if big else [slice(0, B)]
    pool = ThreadPoolExecutor(len(halves)) if len(halves) > 1 else None

    def part(V, h):
        Z = Xs @ np.ascontiguousarray((isq[h] * V[h]).T)  # (n, b)
        Z *= wdT[:, h]
        return (XsT @ Z).T

    def apply(V):  # (B, kp) -> (B, kp), the operator of every draw (sparse, two threads)
        if pool is None:
            return isq * part(V, halves[0])
        return isq * np.concatenate(list(pool.map(lambda h: part(V, h), halves)), axis=0)

    # start: the full PCI in the symmetric coordinates, orthogonal to the first eigenvector
    v = np.sqrt(u) * (q0[None, :] - (u @ q0)[:, None] / u.sum(axis=1, keepdims=True))
    v = np.where(active, v, 0.0)
    m = int(min(steps, max(int(active.sum(axis=1).max()) - 1, 1)))
    Q = np.zeros((m + 1, B, kp))
    alpha = np.zeros((B, m))
    beta = np.zeros((B, m))
    nv = np.linalg.norm(v, axis=1, keepdims=True)
    Q[0] = np.where(nv > 0, v / np.where(nv > 0, nv, 1.0), 0.0)
    done = m
    tol = 1e-10
    for j in range(m):
        z = apply(Q[j])
        alpha[:, j] = np.einsum("bk,bk->b", Q[j], z)
        for _ in range(2):  # full reorthogonalisation (twice is enough)
            z -= np.einsum("b,bk->bk", np.einsum("bk,bk->b", top, z), top)
            c = np.einsum("jbk,bk->jb", Q[: j + 1], z)
            z -= np.einsum("jb,jbk->bk", c, Q[: j + 1])
        beta[:, j] = np.linalg.norm(z, axis=1)
        ok = beta[:, j] > 1e-12
        Q[j + 1] = np.where(ok[:, None], z / np.where(ok, beta[:, j], 1.0)[:, None], 0.0)
        beta[~ok, j] = 0.0
        if j >= 3 and (j % 2 == 1 or j == m - 1):
            theta, Y = _ritz(alpha[:, : j + 1], beta[:, :j])
            if np.all(np.abs(beta[:, j] * Y[:, -1]) <= tol):
                done = j + 1
                break
    _STATS["lanczos_steps"] = done
    theta, Y = _ritz(alpha[:, :done], beta[:, : done - 1])
    resid = np.abs(beta[:, done - 1] * Y[:, -1])
    vec = np.einsum("jbk,bj->bk", Q[:done], Y)
    bad = np.flatnonzero(resid > 1e-8)
    _STATS["dense_fallbacks"] = len(bad)
    if pool is not None:
        pool.shutdown()
    for bi in bad:  # not converged: dense eigen-decomposition of this draw
        a = active[bi]
        G = (Xp[:, a] * wdT[:, bi][:, None]).T @ Xp[:, a]
        S = G * isq[bi, a][:, None] * isq[bi, a][None, :]
        vals, vecs = np.linalg.eigh((S + S.T) / 2)
        theta[bi] = vals[-2] if len(vals) > 1 else 0.0
        vec[bi] = 0.0
        vec[bi, a] = vecs[:, -2] if len(vals) > 1 else 0.0
    kpr = isq * vec
    kc = (Xs @ np.ascontiguousarray(kpr.T)).T / np.where(d > 0, d, 1.0)[None, :]
    # sign: ECI correlates positively with diversity over the draw's regions (weights W)
    wsum = Wf.sum(axis=1, keepdims=True)
    da = d[None, :] - (Wf @ d)[:, None] / wsum
    kb = kc - (Wf * kc).sum(axis=1, keepdims=True) / wsum
    cov = (Wf * da * kb).sum(axis=1)
    scale = np.sqrt((Wf * da * da).sum(axis=1) * (Wf * kb * kb).sum(axis=1))
    corr = np.where(scale > 0, cov / np.where(scale > 0, scale, 1.0), 0.0)
    skew = (Wf * kb**3).sum(axis=1)
    sign = np.where(
        np.abs(corr) >= 1e-10,
        np.sign(corr),
        np.where(
            np.abs(skew) > 1e-10 * np.maximum((Wf * np.abs(kb) ** 3).sum(axis=1), 1e-300),
            np.sign(skew),
            1.0,
        ),
    )
    kpr *= sign[:, None]
    for b in range(B):
        a = active[b]
        if int(a.sum()) < 2 or not theta[b] > 1e-10:
            continue
        x = kpr[b, a]
        sd = x.std(ddof=1)
        if sd > 0:
            out[b, a] = (x - x.mean()) / sd
    return out


def _ritz(alpha: np.ndarray, beta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Largest eigenpair of each draw's Lanczos tridiagonal matrix: (theta (B,), y (B, m))."""
    B, m = alpha.shape
    T = np.zeros((B, m, m))
    idx = np.arange(m)
    T[:, idx, idx] = alpha
    if m > 1:
        T[:, idx[:-1], idx[1:]] = beta[:, : m - 1]
        T[:, idx[1:], idx[:-1]] = beta[:, : m - 1]
    vals, vecs = np.linalg.eigh(T)
    return vals[:, -1], vecs[:, :, -1]


def _bootstrap_parts(X01, m, q, pci_cols, W, *, recompute_pci=True):
    r"""Density, PCI and COG of every industry in every draw (draws x industries each).

    ``X01`` regions x industries 0/1, ``m`` the region's presence (0/1 per industry),
    ``q`` the full-reference PCI (NaN filled with 0), ``pci_cols`` the industries with a
    PCI, ``W`` the draws' region multiplicities (draws x regions). Proximity of draw b is
    :math:`C/\max(u_i, u_j)` with :math:`C = X'\mathrm{diag}(w_b)X` (pairs with
    :math:`u = 0` get 0); density, COG as :func:`_scores`.
    """
    B, n = W.shape
    k = X01.shape[1]
    parts, ii, _jj, diag = _pair_incidence(X01)
    Qd = np.tile(q, (B, 1))
    if recompute_pci and len(pci_cols) >= 2:
        fresh = _pci_draws(X01[:, pci_cols].astype(np.float64), W, q[pci_cols])
        ok = np.isfinite(fresh).any(axis=1)  # draws without a second dimension keep q
        sub = Qd[:, pci_cols]
        sub[ok] = np.nan_to_num(fresh[ok], nan=0.0)
        Qd[:, pci_cols] = sub
    D = np.empty((B, k))
    COG = np.empty((B, k))
    absent = 1.0 - m
    ones = np.ones(k)
    reps = np.arange(1, k + 1)
    # a count is at most n (the draw's size): fields of n.bit_length() bits, as many
    # draws per int64 as fit in 63 bits (6 with 933 regions); sums never carry over
    bits = max(int(n).bit_length(), 1)
    per = 63 // bits
    if per < 1:
        raise HromadaDataError("Too many reference regions to resample.")
    mask = (1 << bits) - 1
    shifts = (bits * np.arange(per)).astype(np.int64)
    small = np.int16 if bits <= 15 else np.int32  # holds one count
    chunk = per * 16  # draws per sparse product (16 int64 columns)
    pool = ThreadPoolExecutor(len(parts)) if len(parts) > 1 else None
    try:
        for s0 in range(0, B, chunk):
            Wc = W[s0 : s0 + chunk]
            nb = Wc.shape[0]
            ncol = -(-nb // per)
            Wp = np.zeros((n, ncol), dtype=np.int64)
            for t in range(nb):
                Wp[:, t // per] += Wc[t].astype(np.int64) << int(shifts[t % per])
            if pool is None:
                R = parts[0] @ Wp
            else:
                R = np.concatenate(
                    list(pool.map(operator.matmul, parts, [Wp] * len(parts))), axis=0
                )
            # unpack: draw t is field t % per of column t // per
            RT = np.ascontiguousarray(R.T)  # (ncol, pairs)
            tmp = np.empty_like(RT)
            fields = np.empty((per, ncol, RT.shape[1]), dtype=small)
            for f in range(per):
                np.right_shift(RT, shifts[f], out=tmp)
                np.bitwise_and(tmp, mask, out=tmp)
                fields[f] = tmp
            for t in range(nb):
                C = fields[t % per, t // per].astype(np.float64)
                u = C[diag]
                np.maximum(u, 1.0, out=u)  # u = 0: its pairs count 0, P = 0
                den = np.take(u, ii)
                np.maximum(den, np.repeat(u, reps), out=den)  # u[J], J = 0,1,1,2,2,2,..
                P = C / den
                S = _spmv(k, 1.0, P, ones)
                Pm = _spmv(k, 1.0, P, m)
                qb = Qd[s0 + t]
                pos = S > 0
                dens = np.where(pos, Pm / np.where(pos, S, 1.0), 0.0)
                Bq = np.where(pos, qb / np.where(pos, S, 1.0), 0.0)
                Pv = _spmv(k, 1.0, P, absent * Bq)
                D[s0 + t] = dens
                COG[s0 + t] = Pv - P[diag] * Bq - dens * qb
    finally:
        if pool is not None:
            pool.shutdown()
    return D, Qd, COG


def _draw_ranks(D, Qd, COG, cand, w) -> np.ndarray:
    """Ranks (1 = best) of the candidates in every draw from z-scored density, PCI, COG.

    Scores are rounded to 10 decimals before ranking, ties broken by the candidates'
    order (their codes), as :func:`space_opportunities`.
    """

    def z(a):
        sd = a.std(axis=1, keepdims=True)
        return np.where(
            sd > 0, (a - a.mean(axis=1, keepdims=True)) / np.where(sd > 0, sd, 1.0), 0.0
        )

    d, q, g = D[:, cand], Qd[:, cand], COG[:, cand]
    score = w["density"] * z(d) + w["pci"] * z(q) + w["cog"] * z(g)
    order = np.argsort(-np.round(score, 10), axis=1, kind="stable")
    ranks = np.empty(score.shape)
    np.put_along_axis(ranks, order, np.arange(1, score.shape[1] + 1, dtype=float)[None, :], axis=1)
    return ranks


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
