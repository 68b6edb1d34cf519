"""Complexity indices, proximity, relatedness density and complexity outlook on a 0/1 matrix.

Everything here takes a regions x sectors presence matrix ``M`` (a labelled
DataFrame, a numpy array or a scipy.sparse matrix) and works on whole arrays:
no loops over regions or sectors.
"""

from __future__ import annotations

import contextlib
import threading
import warnings

import numpy as np
import pandas as pd
import scipy.linalg
import scipy.sparse as sp
import scipy.sparse.linalg as spla

from hromada.econ._blas import one_blas_thread
from hromada.econ._panel import _first
from hromada.econ.errors import DegenerateResultWarning, HromadaDataError

METHODS = ("eigenvalues", "reflections", "fitness")
NORMALIZATIONS = ("standard", "atlas")
# Above this many nodes on the smaller side, eigenvectors come from Lanczos
# (scipy.sparse.linalg.eigsh) on a matrix-free operator instead of a dense eigh.
_DENSE_EIGH_MAX = 1500
# Up to this size a full LAPACK eigh (MRRR, 3 eigenpairs); above, Lanczos on the dense matrix.
_SMALL_EIGH_MAX = 200


# --------------------------------------------------------------------------- inputs
def _as_matrix(M, *, name="M", regions=None, sectors=None, binary=True):
    """Return ``(X, regions, sectors)``: X float64 ndarray or CSR sparse, labels as Index."""
    if isinstance(M, pd.DataFrame):
        if any(isinstance(t, pd.SparseDtype) for t in M.dtypes):
            X = sp.csr_array(M.sparse.to_coo(), dtype=np.float64)
        else:
            try:
                X = M.to_numpy(dtype=np.float64)
            except (TypeError, ValueError):
                raise HromadaDataError(
                    f"'{name}' must hold numbers (0/1 presence); columns "
                    f"{_first([c for c in M.columns if not pd.api.types.is_numeric_dtype(M[c])])} "
                    "are not numeric."
                ) from None
        rows, cols = M.index, M.columns
    elif sp.issparse(M):
        X = sp.csr_array(M, dtype=np.float64)
        X.sum_duplicates()
        rows = pd.RangeIndex(X.shape[0]) if regions is None else pd.Index(regions)
        cols = pd.RangeIndex(X.shape[1]) if sectors is None else pd.Index(sectors)
    else:
        X = np.asarray(M, dtype=np.float64)
        if X.ndim != 2:
            raise HromadaDataError(
                f"'{name}' must be 2-D (regions x sectors); got an array of shape {X.shape}."
            )
        rows = pd.RangeIndex(X.shape[0]) if regions is None else pd.Index(regions)
        cols = pd.RangeIndex(X.shape[1]) if sectors is None else pd.Index(sectors)
    if len(rows) != X.shape[0] or len(cols) != X.shape[1]:
        raise HromadaDataError(
            f"'regions'/'sectors' labels ({len(rows)}, {len(cols)}) do not match the shape "
            f"of '{name}' {X.shape}."
        )
    values = X.data if sp.issparse(X) else X
    if not np.all(np.isfinite(values)):
        raise HromadaDataError(f"'{name}' holds NaN or infinite values; use 0 for absence.")
    if binary and not np.all((values == 0) | (values == 1)):
        bad = np.unique(values[(values != 0) & (values != 1)])
        raise HromadaDataError(
            f"'{name}' must be a 0/1 presence matrix; it holds {_first(bad)}. "
            "Binarise it first, e.g. presence(panel) or (rca >= 1).astype(int)."
        )
    return X, rows, cols


def _rowsum(X):
    return np.asarray(X.sum(axis=1)).ravel()


def _colsum(X):
    return np.asarray(X.sum(axis=0)).ravel()


def _valid(X, rows, cols):
    """Masks of regions with diversity > 0 and sectors with ubiquity > 0 (warning if any drop)."""
    div, ubi = _rowsum(X), _colsum(X)
    rmask, cmask = div > 0, ubi > 0
    if not rmask.all() or not cmask.all():
        parts = []
        if not rmask.all():
            parts.append(f"regions with no sector present {_first(rows[~rmask])}")
        if not cmask.all():
            parts.append(f"sectors present in no region {_first(cols[~cmask])}")
        warnings.warn(
            f"{' and '.join(parts)} are left out of the complexity indices (NaN), "
            "as ecomplexity does.",
            DegenerateResultWarning,
            stacklevel=3,
        )
    return rmask, cmask


def _sub(X, rmask, cmask):
    if rmask.all() and cmask.all():
        return X
    if sp.issparse(X):
        return sp.csr_array(X[rmask][:, cmask])
    return X[np.ix_(rmask, cmask)]


def _corr_sign(a, b):
    """Return the sign making ``b`` correlate positively with ``a``.

    Ties (|corr| < 1e-10) are broken by the sign of b's skewness (more complex outliers on
    top), then left as they are.
    """
    a = a - a.mean()
    b = b - b.mean()
    scale = np.sqrt((a @ a) * (b @ b))
    c = (a @ b) / scale if scale > 0 else 0.0
    if abs(c) >= 1e-10:
        return float(np.sign(c))
    skew = np.sum(b**3)
    if abs(skew) > 1e-10 * max(np.sum(np.abs(b) ** 3), 1e-300):
        return float(np.sign(skew))
    return 1.0


# --------------------------------------------------------------------------- kernels
# Per-thread state while ecomplexity() runs its years: ``notes`` collects their warnings
# (re-issued once each by the calling thread, with its stack), ``blas_limited`` says
# that ecomplexity() has limited BLAS threads for them already.
_worker = threading.local()


def _warn(message, category=DegenerateResultWarning, stacklevel=2):
    """warnings.warn, or, in a year worker thread, a note for the calling thread."""
    notes = getattr(_worker, "notes", None)
    if notes is not None:
        notes.append((message, category))
    else:
        warnings.warn(message, category, stacklevel=stacklevel + 1)


def _one_blas_thread():
    """Return a context with one BLAS thread around Lanczos.

    Lanczos's ~150 small matrix-vector products stall on thread synchronisation (2 to 3x
    slower on a loaded 2-core machine). The context does nothing in a year worker of
    ecomplexity(), which has limited BLAS already.
    """
    if getattr(_worker, "blas_limited", False):
        return contextlib.nullcontext()
    return one_blas_thread()


def _start(n):
    """Return a fixed generic Lanczos start vector (reproducible results, not an eigenvector)."""
    return np.random.default_rng(20090626).uniform(0.5, 1.5, n)


def _second_eigenpair(G, isq, stacklevel):
    """Return (lambda_2, v_2) of S = isq G isq (G = M'D^-1 M or M U^-1 M', dense).

    Warns if the eigenvalues next to it are (nearly) repeated.
    """
    n = len(isq)
    S = G * isq[:, None] * isq[None, :]
    S = (S + S.T) / 2
    if n <= _SMALL_EIGH_MAX:
        vals, vecs = scipy.linalg.eigh(S, subset_by_index=[max(n - 3, 0), n - 1], driver="evr")
    else:  # Lanczos on the dense symmetric matrix: ~150 BLAS mat-vecs
        with _one_blas_thread():
            vals, vecs = spla.eigsh(S, k=3, which="LA", tol=0, v0=_start(n))
        order = np.argsort(vals)
        vals, vecs = vals[order], vecs[:, order]
    gaps = np.abs(np.diff(vals))
    if np.any(gaps < 1e-9 * max(1.0, abs(vals[-1]))):
        _warn(
            "the second eigenvalue is (nearly) repeated (e.g. disconnected groups of "
            "regions and sectors): ECI/PCI are not unique; compare them with care.",
            DegenerateResultWarning,
            stacklevel=stacklevel,
        )
    return vals[-2], vecs[:, -2]


def _eigen_raw(X):
    """Sign-corrected raw (kc, kp) with kc = D^-1 M kp, kp the 2nd eigenvector of U^-1 M' D^-1 M.

    Solved on the smaller side through the symmetric similar matrix
    S = D^-1/2 M U^-1 M' D^-1/2 (regions) or U^-1/2 M' D^-1 M U^-1/2 (sectors).
    """
    n_r, n_s = X.shape
    div, ubi = _rowsum(X), _colsum(X)
    if min(n_r, n_s) < 2:
        return np.full(n_r, np.nan), np.full(n_s, np.nan)
    sectors_side = n_s <= n_r
    inner = ubi if sectors_side else div  # the side being solved
    outer = div if sectors_side else ubi
    A = X.T if sectors_side else X  # maps the other side to this one
    B = X if sectors_side else X.T
    isq = 1.0 / np.sqrt(inner)
    n = len(inner)
    if n <= _DENSE_EIGH_MAX or not sp.issparse(X):
        if sp.issparse(X):
            Bs = sp.csr_array(B.multiply((1.0 / np.sqrt(outer))[:, None]))
            G = (Bs.T @ Bs).toarray()
        else:
            Bs = B * (1.0 / np.sqrt(outer))[:, None]
            G = Bs.T @ Bs
        lam, v = _second_eigenpair(G, isq, stacklevel=5)
    else:
        w = 1.0 / outer

        def matvec(x):
            x = np.ravel(x) * isq
            return isq * (A @ (w * (B @ x)))

        op = spla.LinearOperator((n, n), matvec=matvec, dtype=np.float64)
        vals, vecs = spla.eigsh(op, k=3, which="LA", tol=1e-14, ncv=min(n, 40), v0=_start(n))
        order = np.argsort(vals)
        lam, v = vals[order[1]], vecs[:, order[1]]
    k_inner = isq * v
    if sectors_side:
        kp = k_inner
        kc = (X @ kp) / div
    else:
        kc = k_inner
        kp = (X.T @ kc) / ubi / lam
    s = _corr_sign(div, kc)
    return s * kc, s * kp


def _reflections_raw(X, iterations):
    div, ubi = _rowsum(X), _colsum(X)
    kc, kp = div.astype(float), ubi.astype(float)
    kc_prev = kc
    for _ in range(iterations - 1):
        kc_prev = kc
        kc, kp = (X @ kp) / div, (X.T @ kc) / ubi
    # R economiccomplexity: ECI from column iterations-1 (odd order), PCI from column
    # iterations (even order); kp[iterations] = U^-1 M' kc[iterations-1].
    kc = kc_prev if iterations > 1 else kc
    s = _corr_sign(div, kc)
    return s * kc, s * kp


def _fitness_raw(X, iterations):
    n_r, n_s = X.shape
    F, Q = np.ones(n_r), np.ones(n_s)
    for _ in range(iterations - 1):
        Fn = X @ Q
        Qn = 1.0 / (X.T @ (1.0 / F))
        F, Q = Fn / Fn.mean(), Qn / Qn.mean()
    return F, Q


def _zscore(x, ddof):
    sd = x.std(ddof=ddof)
    if not np.isfinite(sd) or sd == 0:
        _warn(
            "the index has zero spread (all regions or sectors alike); returning NaN.",
            DegenerateResultWarning,
            stacklevel=4,
        )
        return np.full_like(x, np.nan)
    return (x - x.mean()) / sd


def _normalise(kc, kp, normalization):
    if normalization == "standard":
        return _zscore(kc, 1), _zscore(kp, 1)
    mu, sd = kc.mean(), kc.std()
    if not np.isfinite(sd) or sd == 0:
        return _zscore(kc, 0), np.full_like(kp, np.nan)
    return (kc - mu) / sd, (kp - mu) / sd


def _check_choice(value, choices, name):
    if value not in choices:
        raise HromadaDataError(f"'{name}' must be one of {list(choices)}; got {value!r}.")


# --------------------------------------------------------------------------- public
def complexity_indices(
    M,
    *,
    method="eigenvalues",
    iterations=20,
    normalization="standard",
    regions=None,
    sectors=None,
):
    r"""Return the Economic (ECI) and Product (PCI) Complexity Indices of a 0/1 matrix.

    Parameters
    ----------
    M : DataFrame, ndarray or scipy.sparse matrix
        Regions x sectors presence matrix (1 = the region is specialised in the
        sector), e.g. from :func:`presence`.
    method : {"eigenvalues", "reflections", "fitness"}
        Eigenvector solution (Hausmann et al. 2014), the method of reflections
        (Hidalgo & Hausmann 2009) or fitness-complexity (Tacchella et al. 2012).
    iterations : int
        Number of iterations (columns) for reflections and fitness, as in R
        economiccomplexity; at least 2.
    normalization : {"standard", "atlas"}
        Eigenvalues/reflections only. ``"standard"`` z-scores ECI and PCI each
        by its own mean and sample sd (R economiccomplexity); ``"atlas"``
        reproduces ecomplexity 0.5.3 / the Atlas Stata code (ECI by its mean and
        population sd; PCI by ECI's mean and sd, so that ECI is the mean PCI of
        a region's sectors). Fitness must use ``"standard"``.
    regions, sectors : sequence, optional
        Labels when ``M`` is an array or a sparse matrix.

    Returns
    -------
    eci : Series (index: regions, name "eci")
    pci : Series (index: sectors, name "pci")
        Regions without any sector and sectors held by no region get NaN (with a
        :class:`DegenerateResultWarning`).

    Notes
    -----
    With diversity :math:`k_{c,0}=\sum_p M_{cp}` (D) and ubiquity
    :math:`k_{p,0}=\sum_c M_{cp}` (U):

    * eigenvalues: PCI is the eigenvector of the second largest eigenvalue of
      :math:`U^{-1}M^\top D^{-1}M`, ECI :math:`=D^{-1}M\,\mathrm{PCI}`.
      It is computed from the symmetric similar matrix
      :math:`U^{-1/2}M^\top D^{-1}MU^{-1/2}` (or :math:`D^{-1/2}MU^{-1}M^\top
      D^{-1/2}`, whichever side is smaller) with ``scipy.linalg.eigh``, or with
      Lanczos (``eigsh``) on a sparse matrix-free operator for large sparse
      inputs. Sign: ECI correlates positively with diversity.
    * reflections: :math:`k_{c,n}=\frac{1}{k_{c,0}}\sum_p M_{cp}k_{p,n-1}`,
      :math:`k_{p,n}=\frac{1}{k_{p,0}}\sum_c M_{cp}k_{c,n-1}`; with columns
      numbered 1..``iterations`` as in R, ECI is column ``iterations-1`` (odd
      order) and PCI column ``iterations`` (even order), both z-scored.
    * fitness: :math:`\tilde F_c^{(n)}=\sum_p M_{cp}Q_p^{(n-1)}`,
      :math:`\tilde Q_p^{(n)}=1/\sum_c M_{cp}/F_c^{(n-1)}` (both from step
      n-1, a simultaneous update), each divided by its mean at every step,
      starting from ones; the result is column ``iterations`` (``iterations-1``
      updates), not z-scored. This reproduces the published values of R
      economiccomplexity (``complexity_measures(method = "fitness")``) to 1e-11.

    References
    ----------
    Hidalgo, C. A., & Hausmann, R. (2009). The building blocks of economic
    complexity. PNAS 106(26), 10570-10575.
    Hausmann, R., Hidalgo, C. A., et al. (2014). The Atlas of Economic
    Complexity. MIT Press.
    Tacchella, A., et al. (2012). A new metrics for countries' fitness and
    products' complexity. Scientific Reports 2, 723.
    Vargas Sepulveda, M. economiccomplexity (R package), and ecomplexity 0.5.3
    (Harvard Growth Lab, Python).

    Examples
    --------
    >>> import pandas as pd
    >>> M = pd.DataFrame([[1, 1, 1], [1, 1, 0], [1, 0, 0]],
    ...                  index=["a", "b", "c"], columns=["x", "y", "z"])
    >>> eci, pci = complexity_indices(M)
    >>> bool(eci["a"] > eci["c"])
    True
    """
    _check_choice(method, METHODS, "method")
    _check_choice(normalization, NORMALIZATIONS, "normalization")
    if method == "fitness" and normalization != "standard":
        raise HromadaDataError(
            "normalization='atlas' is defined for the eigenvalue and reflections methods only; "
            "fitness values are normalised by their means (use normalization='standard')."
        )
    if method != "eigenvalues" and (
        not isinstance(iterations, (int, np.integer)) or iterations < 2
    ):
        raise HromadaDataError(f"'iterations' must be an integer >= 2; got {iterations!r}.")
    X, rows, cols = _as_matrix(M, regions=regions, sectors=sectors)
    rmask, cmask = _valid(X, rows, cols)
    Xv = _sub(X, rmask, cmask)
    eci = np.full(len(rows), np.nan)
    pci = np.full(len(cols), np.nan)
    if rmask.sum() >= 2 and cmask.sum() >= 2:
        if method == "eigenvalues":
            kc, kp = _eigen_raw(Xv)
            kc, kp = _normalise(kc, kp, normalization)
        elif method == "reflections":
            kc, kp = _reflections_raw(Xv, int(iterations))
            kc, kp = _normalise(kc, kp, normalization)
        else:
            kc, kp = _fitness_raw(Xv, int(iterations))
        eci[rmask], pci[cmask] = kc, kp
    else:
        warnings.warn(
            "fewer than two regions or sectors with any presence: complexity is undefined (NaN).",
            DegenerateResultWarning,
            stacklevel=2,
        )
    return pd.Series(eci, index=rows, name="eci"), pd.Series(pci, index=cols, name="pci")


def _proximity_array(X, diagonal=1):
    if sp.issparse(X):
        C = (X.T @ X).toarray()
    elif X.shape[0] < 2**24:
        # 0/1 entries: the co-occurrence counts are integers below 2**24, exact in float32
        # (a float32 product is several times faster than a float64 one).
        X32 = X.astype(np.float32)
        C = (X32.T @ X32).astype(np.float64)
        del X32
    else:
        C = np.asarray(X.T @ X)
    return _proximity_from_counts(C, diagonal)


def _proximity_from_counts(C, diagonal):
    """Return phi from the co-occurrence counts C = M'M (float64; overwritten)."""
    u = np.diag(C).copy()
    with np.errstate(divide="ignore", invalid="ignore"):
        phi = np.divide(C, np.maximum(u[:, None], u[None, :]), out=C)
    phi[~np.isfinite(phi)] = 0.0
    np.fill_diagonal(phi, float(diagonal))
    return phi


def proximity(M, *, diagonal=1, regions=None, sectors=None):
    r"""Return the sector x sector proximity (product space) matrix.

    Parameters
    ----------
    M : DataFrame, ndarray or scipy.sparse matrix
        Regions x sectors 0/1 presence matrix.
    diagonal : {1, 0}
        Value on the diagonal: 1 (Hidalgo et al. 2007, ecomplexity, R
        economiccomplexity) or 0 (as the OEC does, so a sector is not related to
        itself).
    regions, sectors : sequence, optional
        Labels when ``M`` is an array or a sparse matrix.

    Returns
    -------
    DataFrame
        Symmetric sectors x sectors matrix with values in [0, 1].

    Notes
    -----
    :math:`\phi_{pq}=\sum_c M_{cp}M_{cq}/\max(k_{p,0},k_{q,0})`, the minimum of
    the two conditional probabilities P(q | p) and P(p | q). Sectors held by no
    region get proximity 0 to every other sector. Sparse input stays sparse
    (``M'M`` is a sparse product); only the sectors x sectors result is dense.

    References
    ----------
    Hidalgo, C. A., Klinger, B., Barabasi, A.-L., & Hausmann, R. (2007). The
    product space conditions the development of nations. Science 317, 482-487.

    Examples
    --------
    >>> import pandas as pd
    >>> M = pd.DataFrame([[1, 1], [1, 0]], columns=["x", "y"])
    >>> proximity(M).loc["x", "y"]
    np.float64(0.5)
    """
    if diagonal not in (0, 1):
        raise HromadaDataError(f"'diagonal' must be 1 or 0; got {diagonal!r}.")
    X, _, cols = _as_matrix(M, regions=regions, sectors=sectors)
    return pd.DataFrame(_proximity_array(X, diagonal), index=cols, columns=cols)


def _align_phi(phi, cols):
    if isinstance(phi, pd.DataFrame):
        missing = cols.difference(phi.index).union(cols.difference(phi.columns))
        if len(missing):
            raise HromadaDataError(
                f"'phi' has no row/column for the sectors {_first(missing)} of 'M'; "
                "compute it with proximity(M) on the same sectors."
            )
        P = phi.reindex(index=cols, columns=cols).to_numpy(dtype=np.float64)
    else:
        P = np.asarray(phi.toarray() if sp.issparse(phi) else phi, dtype=np.float64)
        if P.shape != (len(cols), len(cols)):
            raise HromadaDataError(
                f"'phi' must be sectors x sectors ({len(cols)} x {len(cols)}); got {P.shape}."
            )
    if not np.all(np.isfinite(P)):
        raise HromadaDataError("'phi' holds NaN or infinite values.")
    return P


def _density_weights(P, stacklevel=4):
    """W with density = M @ W: W_qp = phi_pq / sum_r phi_pr."""
    den = P.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        W = P.T / den[None, :]
    if np.any(den == 0):
        _warn(
            "some sectors have no proximity to any sector (a zero row of 'phi'); "
            "their density is NaN.",
            DegenerateResultWarning,
            stacklevel=stacklevel,
        )
    return W


def _density_array(X, P):
    W = _density_weights(P)
    return np.asarray(X @ W)


def relatedness_density(M, phi, *, regions=None, sectors=None):
    r"""Return the relatedness density of every sector in every region (regions x sectors).

    Parameters
    ----------
    M : DataFrame, ndarray or scipy.sparse matrix
        Regions x sectors 0/1 presence matrix.
    phi : DataFrame or ndarray
        Sectors x sectors proximity, e.g. :func:`proximity` of ``M``; a
        DataFrame is aligned to ``M``'s sectors by label.
    regions, sectors : sequence, optional
        Labels when ``M`` is an array or a sparse matrix.

    Returns
    -------
    DataFrame
        Regions x sectors, values in [0, 1]: the share of sector p's proximity
        that falls on sectors the region already has (feasibility of p).

    Notes
    -----
    :math:`d_{cp}=\sum_q M_{cq}\phi_{pq}/\sum_q\phi_{pq}`, i.e. one minus the
    distance :math:`\sum_q(1-M_{cq})\phi_{pq}/\sum_q\phi_{pq}` of the Atlas;
    the same as ecomplexity's ``density`` (``M @ (phi.T / phi.sum(axis=1))``).
    Computed as one matrix product; a sparse ``M`` is multiplied sparse x dense.

    References
    ----------
    Hidalgo et al. (2007), Science 317, 482-487; Hausmann et al. (2014), The
    Atlas of Economic Complexity, "distance".

    Examples
    --------
    >>> import pandas as pd
    >>> M = pd.DataFrame([[1, 0], [1, 1]], index=["a", "b"], columns=["x", "y"])
    >>> float(relatedness_density(M, proximity(M)).loc["a", "y"])
    0.3333333333333333
    """
    X, rows, cols = _as_matrix(M, regions=regions, sectors=sectors)
    P = _align_phi(phi, cols)
    return pd.DataFrame(_density_array(X, P), index=rows, columns=cols)


def _density_at_held(X, W):
    """Density d_cp = sum_q M_cq W_qp only where M_cp = 1 (X in CSR), in held-cell order.

    Costs sum_c diversity_c^2 gathers instead of a full regions x sectors product. Held
    cells are sorted by their region's diversity so that step k (the k-th held sector q
    of the region) works on a prefix: a loop over k <= max diversity, never over regions.
    """
    X = sp.csr_array(X)
    X.sort_indices()
    indptr, indices = X.indptr.astype(np.int64), X.indices.astype(np.int64)
    L = np.diff(indptr)
    rorder = np.argsort(-L, kind="stable")  # regions by diversity, largest first
    lens, starts = L[rorder], indptr[rorder]
    ends = np.cumsum(lens)
    elem = np.repeat(starts - (ends - lens), lens) + np.arange(X.nnz)  # held cells, regrouped
    p = indices[elem]
    Wf = np.ascontiguousarray(W).ravel()
    n_s = W.shape[1]
    acc = np.zeros(X.nnz)
    neg = -lens
    for k in range(int(lens[0]) if X.nnz else 0):
        nr = int(np.searchsorted(neg, -k, side="left"))  # regions holding more than k sectors
        ne = int(ends[nr - 1])
        flat = np.repeat(indices[starts[:nr] + k] * n_s, lens[:nr])  # row of W: k-th held q
        flat += p[:ne]
        acc[:ne] += np.take(Wf, flat)
    out = np.empty(X.nnz)
    out[elem] = acc
    return out


def _gain_weights(P, pci):
    """(B, 1'B) with B_qp = phi_qp pci_q / sum_r phi_qr, so that COG = (1 - M) @ B off M."""
    with np.errstate(divide="ignore", invalid="ignore"):
        B = P * (pci / P.sum(axis=1))[:, None]
    B[~np.isfinite(B)] = 0.0
    return B, B.sum(axis=0)


def _own_term(B, d, pci):
    """Return the Atlas term of COG: (d_cp + phi_pp / sum_k phi_pk) PCI_p, regions x sectors.

    ``d_cp PCI_p`` is the Atlas's ``(1 - distance) PCI_p``: sector p leaves the sum of
    COI once it is held. ``B_pp = phi_pp PCI_p / sum_k phi_pk`` removes p's own term
    from the sum over q (0 when the diagonal of phi is 0). With both, COG equals the
    exact change of COI when the region adds sector p.
    """
    return d * pci[None, :] + np.diagonal(B)[None, :]


def _outlook_rows(X, B, B_total, d, pci, own_term=False, out=None):
    """COI and COG of the regions (rows) of a dense X; X is overwritten with 1 - X.

    Rows are independent, so ecomplexity() runs this on row blocks. ``out``: optional
    array for COG.
    """
    gain = np.matmul(X, B, out=out)  # in place from here: one regions x sectors array
    np.subtract(B_total[None, :], gain, out=gain)
    if own_term:
        gain -= _own_term(B, d, pci)
    absent = np.subtract(1.0, X, out=X)
    gain *= absent
    coi = np.multiply(d, absent, out=absent) @ pci
    return coi, gain


def _outlook_arrays(X, P, d, pci, own_term=False):
    """COI (n_r,) and COG (n_r, n_s) from arrays; ``d`` the density array.

    Uses (1 - M) @ B = 1'B - M @ B so that a sparse M is never densified.
    """
    B, B_total = _gain_weights(P, pci)
    if not sp.issparse(X):
        return _outlook_rows(X.copy(), B, B_total, d, pci, own_term)
    gain = np.asarray(X @ B)
    gain = B_total[None, :] - gain
    if own_term:
        gain -= _own_term(B, d, pci)
    held = X.nonzero()
    coi = d @ pci - np.bincount(held[0], weights=d[held] * pci[held[1]], minlength=X.shape[0])
    gain[held] = 0.0
    return coi, gain


def complexity_outlook(M, phi, pci, *, own_term=False, cog=True, regions=None, sectors=None):
    r"""Return the Complexity Outlook Index (COI) of regions and Gain (COG) of region-sectors.

    Parameters
    ----------
    M : DataFrame, ndarray or scipy.sparse matrix
        Regions x sectors 0/1 presence matrix.
    phi : DataFrame or ndarray
        Sectors x sectors proximity (e.g. :func:`proximity` of ``M``).
    pci : Series or ndarray
        Sector complexity (e.g. from :func:`complexity_indices`); a Series is
        aligned to ``M``'s sectors by label. NaN PCI (sectors held by no region)
        counts as 0, with a warning.
    own_term : bool, default False
        Subtract the Atlas's own term :math:`(1-\mathrm{dist}_{cp})\mathrm{PCI}_p
        = d_{cp}\mathrm{PCI}_p` (density, not distance, times PCI) and the sum's
        term :math:`q=p` (:math:`\phi_{pp}\mathrm{PCI}_p/\sum_k\phi_{pk}`,
        0 when the diagonal of ``phi`` is 0): COG is then exactly the change of
        :math:`\mathrm{COI}_c` when region c adds sector p. The default follows
        ecomplexity / R economiccomplexity (the published values) without it.
    cog : bool, default True
        ``False`` computes COI only and returns ``(coi, None)``: density is then
        evaluated only where :math:`M_{cp}=1` (cost :math:`\sum_c k_{c,0}^2`),
        so a large sparse ``M`` never becomes a dense regions x sectors array.
    regions, sectors : sequence, optional
        Labels when ``M`` is an array or a sparse matrix.

    Returns
    -------
    coi : Series (index: regions, name "coi")
    cog : DataFrame (regions x sectors) or None
        0 where the region already has the sector; None with ``cog=False``.

    Notes
    -----
    With density :math:`d_{cp}` (:func:`relatedness_density`):

    .. math::
        \mathrm{COI}_c = \sum_p d_{cp}(1-M_{cp})\mathrm{PCI}_p, \qquad
        \mathrm{COG}_{cp} = (1-M_{cp})\sum_q (1-M_{cq})
            \frac{\phi_{pq}}{\sum_k\phi_{qk}}\mathrm{PCI}_q .

    With ``own_term=True`` (the Atlas, Hausmann et al. 2014, with the distance
    :math:`1-d_{cp}`):

    .. math::
        \mathrm{COG}_{cp} = (1-M_{cp})\Big[\sum_{q\ne p} (1-M_{cq})
            \frac{\phi_{pq}}{\sum_k\phi_{qk}}\mathrm{PCI}_q
            - d_{cp}\mathrm{PCI}_p\Big]
            = \mathrm{COI}_c(M + e_{cp}) - \mathrm{COI}_c(M).

    No normalisation is applied here (ecomplexity z-scores COI and divides COG
    by the sd of ECI; :func:`ecomplexity` with ``normalization="atlas"`` does).

    References
    ----------
    Hausmann et al. (2014), The Atlas of Economic Complexity, ch. "Complexity
    outlook"; ecomplexity 0.5.3 ``calc_coi_cog``; R economiccomplexity
    ``complexity_outlook``.

    Examples
    --------
    >>> import pandas as pd
    >>> M = pd.DataFrame([[1, 0], [1, 1]], index=["a", "b"], columns=["x", "y"])
    >>> coi, cog = complexity_outlook(M, proximity(M), pd.Series({"x": -1.0, "y": 1.0}))
    >>> round(float(coi["a"]), 4), float(coi["b"])
    (0.3333, 0.0)
    """
    X, rows, cols = _as_matrix(M, regions=regions, sectors=sectors)
    P = _align_phi(phi, cols)
    if cog not in (True, False):
        raise HromadaDataError(f"'cog' must be True or False; got {cog!r}.")
    if isinstance(pci, pd.Series):
        missing = cols.difference(pci.index)
        if len(missing):
            raise HromadaDataError(f"'pci' has no value for the sectors {_first(missing)} of 'M'.")
        q = pci.reindex(cols).to_numpy(dtype=np.float64)
    else:
        q = np.asarray(pci, dtype=np.float64).ravel()
        if q.shape != (len(cols),):
            raise HromadaDataError(
                f"'pci' must have one value per sector of 'M' ({len(cols)}); got {q.shape}."
            )
    if np.isnan(q).any():
        warnings.warn(
            f"'pci' is NaN for the sectors {_first(cols[np.isnan(q)])}; they count as 0.",
            DegenerateResultWarning,
            stacklevel=2,
        )
        q = np.nan_to_num(q)
    if not cog:
        # COI only: sum_p d_cp PCI_p - sum_{p held} d_cp PCI_p, with d at held cells only.
        den = P.sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            W = P.T / den[None, :]
        Xs = sp.csr_array(X)
        d_held = _density_at_held(Xs, W)
        held_rows = np.repeat(np.arange(Xs.shape[0]), np.diff(Xs.indptr))
        coi = Xs @ (W @ q) - np.bincount(
            held_rows, weights=d_held * q[Xs.indices], minlength=Xs.shape[0]
        )
        return pd.Series(coi, index=rows, name="coi"), None
    d = _density_array(X, P)
    coi_v, cog_v = _outlook_arrays(X, P, d, q, own_term=own_term)
    return pd.Series(coi_v, index=rows, name="coi"), pd.DataFrame(cog_v, index=rows, columns=cols)
