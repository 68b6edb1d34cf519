"""The inoperability input-output model (IIM) and its dynamic form (DIIM).

Inoperability ``q_i`` is the share of sector ``i``'s *planned* output that it cannot
produce (0 = fully working, 1 = stopped). A perturbation ``c*`` (a share of planned
output lost directly, e.g. because the power plant is down) cascades through the
normalised interdependency matrix ``A*``. The model keeps the input-output
assumptions (fixed technology, no substitution, no inventories or rerouting), so it
gives the cascade a municipality should plan for, not a forecast.

Examples
--------
>>> import numpy as np
>>> inoperability([[0.0, 0.8], [0.2, 0.0]], [0.0, 0.6]).round(3)
array([0.571, 0.714])
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.linalg import expm

from hromada.econ._blas import one_blas_thread
from hromada.econ.errors import DegenerateResultWarning, HromadaDataError, SingularSystemError
from hromada.econ.inputoutput import _check_A, _first, _matrix, _to_float, _vector

__all__ = [
    "interdependency_matrix",
    "inoperability",
    "economic_loss",
    "dynamic_inoperability",
    "recovery_rates",
    "recovery",
    "scenario",
    "ScenarioResult",
    "LIFELINES",
    "default_dependence",
]


def _labels(*objs):
    for o in objs:
        if isinstance(o, pd.DataFrame):
            return o.columns
        if isinstance(o, pd.Series):
            return o.index
    return None


def _astar(Astar, name="Astar"):
    arr, rows, cols = _matrix(Astar, name)
    if arr.ndim != 2:
        raise HromadaDataError(f"'{name}' must be one (n, n) matrix; got shape {arr.shape}.")
    if (arr < 0).any():
        raise HromadaDataError(
            f"'{name}' has negative entries (min {arr.min():.6g}); interdependencies are >= 0."
        )
    return arr, cols


def interdependency_matrix(A, x, side="demand"):
    r"""Return the normalised interdependency matrix ``A*``.

    Parameters
    ----------
    A : array_like or DataFrame, shape (n, n)
        Technical coefficients (:func:`hromada.econ.inputoutput.technical_coefficients`).
    x : array_like or Series, shape (n,)
        Gross (planned) output, all > 0.
    side : {"demand", "supply"}, default "demand"
        ``"demand"``: Haimes & Jiang / Santos & Haimes demand-side IIM;
        ``"supply"``: the supply-side (Ghosh-based) form of Leung, Haimes & Santos (2007).

    Returns
    -------
    Astar : ndarray or DataFrame, shape (n, n)

    Notes
    -----
    Demand side: :math:`A^* = \hat x^{-1} A \hat x`, :math:`a^*_{ij} = a_{ij} x_j / x_i`:
    the loss of ``i``'s output per unit loss of ``j``'s output, both as shares of planned
    output. Supply side: :math:`A^{s*} = \hat x^{-1} B^T \hat x` with the allocation
    coefficients :math:`B = \hat x^{-1} Z`, which equals :math:`A^T`:
    :math:`a^{s*}_{ij} = z_{ji} / x_i` (a shortage of input ``j`` disables ``i``).
    ``A*`` has the same eigenvalues as ``A``, so the system is productive whenever ``A`` is.

    References
    ----------
    Haimes, Y. Y. & Jiang, P. (2001). Leontief-based model of risk in complex interconnected
    infrastructures. *J. Infrastructure Systems* 7(1), 1-12.
    Santos, J. R. & Haimes, Y. Y. (2004). Modeling the demand reduction input-output (I-O)
    inoperability due to terrorism of interconnected infrastructures. *Risk Analysis* 24(6).
    Leung, M., Haimes, Y. Y. & Santos, J. R. (2007). Supply- and output-side extensions to the
    inoperability input-output model for interdependent infrastructures. *J. Infrastructure
    Systems* 13(4), 299-310.

    Examples
    --------
    >>> interdependency_matrix([[0.15, 0.25], [0.2, 0.05]], [1000.0, 2000.0])
    array([[0.15, 0.5 ],
           [0.1 , 0.05]])
    """
    arr, rows, cols = _matrix(A, "A")
    if arr.ndim != 2:
        raise HromadaDataError(f"'A' must be one (n, n) matrix; got shape {arr.shape}.")
    n = arr.shape[0]
    xv = _vector(x, "x", cols, n)
    if xv.ndim != 1:
        raise HromadaDataError(f"'x' must be 1-D (n,); got shape {xv.shape}.")
    if (xv <= 0).any():
        bad = np.flatnonzero(xv <= 0)
        names = [cols[i] for i in bad] if cols is not None else list(bad)
        raise HromadaDataError(
            f"'x' must be > 0; sectors {_first(names)} have zero or negative output. A sector "
            f"that produces nothing cannot be inoperable: drop it from A and x first."
        )
    if (arr < 0).any():
        raise HromadaDataError(f"'A' has negative coefficients (min {arr.min():.6g}).")
    if side == "demand":
        out = arr * xv[None, :] / xv[:, None]
    elif side == "supply":
        B = arr * xv[None, :] / xv[:, None]  # allocation coefficients z_ij / x_i
        out = (B.T * xv[None, :]) / xv[:, None]
    else:
        raise HromadaDataError(f"'side' must be 'demand' or 'supply'; got {side!r}.")
    if rows is not None:
        return pd.DataFrame(out, index=rows, columns=cols)
    return out


def _iterative(M, c):
    """Solve M q = c for few right-hand sides by GMRES; None if it does not converge."""
    from scipy.sparse.linalg import gmres

    cols = c.reshape(-1, M.shape[0])
    out = np.empty_like(cols)
    for k, rhs in enumerate(cols):
        if not rhs.any():
            out[k] = 0.0
            continue
        sol, info = gmres(M, rhs, rtol=1e-13, atol=0.0, restart=200, maxiter=50)
        if info != 0 or not np.allclose(M @ sol, rhs, rtol=1e-10, atol=1e-14):
            return None
        out[k] = sol
    return out.reshape(c.shape)


def _solve(Astar_arr, c, method="auto"):
    n = Astar_arr.shape[0]
    M = np.eye(n) - Astar_arr
    if method not in ("auto", "direct", "iterative"):
        raise HromadaDataError(f"'method' must be 'auto', 'direct' or 'iterative'; got {method!r}.")
    nrhs = 1 if c.ndim == 1 else int(np.prod(c.shape[:-1]))
    if method == "iterative" or (method == "auto" and n >= 1000 and nrhs <= 20):
        q = _iterative(M, c)
        if q is not None:
            return q
    try:
        if c.ndim == 1:
            q = np.linalg.solve(M, c)
        else:
            q = np.linalg.solve(M, c.reshape(-1, n).T).T.reshape(c.shape)
    except np.linalg.LinAlgError:
        raise SingularSystemError(
            "'Astar': I - A* is singular, so the inoperability is not defined. Check that "
            "every sector has value added or imports (A column sums < 1)."
        ) from None
    return q


def inoperability(Astar, cstar, clip=True, *, method="auto"):
    r"""Return the equilibrium inoperability ``q = (I - A*)^-1 c*``.

    Parameters
    ----------
    Astar : array_like or DataFrame, shape (n, n)
        Interdependency matrix (:func:`interdependency_matrix`).
    cstar : array_like, Series or DataFrame, shape (n,) or (m, n)
        Perturbation: the share of each sector's planned output lost directly; a batch of
        ``m`` scenarios in rows.
    clip : bool, default True
        Clip ``q`` to [0, 1] (a sector cannot lose more than all of its output).
    method : {"auto", "direct", "iterative"}, default "auto"
        ``"direct"``: LU solve; ``"iterative"``: GMRES (relative tolerance 1e-13, checked,
        falling back to LU); ``"auto"``: GMRES for 1,000+ sectors and at most 20
        scenarios, LU otherwise.

    Returns
    -------
    q : ndarray, Series or DataFrame, same shape as ``cstar``

    Notes
    -----
    :math:`q = A^* q + c^* \Rightarrow q = (I - A^*)^{-1} c^*` (Haimes & Jiang 2001;
    Santos & Haimes 2004). Clipping is applied to the solution (the linear model itself
    has no bound); a clipped value signals a sector that would stop completely.

    References
    ----------
    Haimes & Jiang (2001); Santos & Haimes (2004).

    Examples
    --------
    >>> inoperability([[0.15, 0.5], [0.1, 0.05]], [0.0, 0.1]).round(3)
    array([0.066, 0.112])
    """
    arr, cols = _astar(Astar)
    n = arr.shape[0]
    c = _vector(cstar, "cstar", cols, n)
    q = _solve(arr, c, method)
    if clip:
        q = np.clip(q, 0.0, 1.0)
    return _like(q, cstar, cols)


def _like(arr, template, cols, name="inoperability"):
    labels = cols if cols is not None else _labels(template)
    if labels is None:
        return arr
    if arr.ndim == 1:
        return pd.Series(arr, index=labels, name=name)
    index = template.index if isinstance(template, pd.DataFrame) else None
    return pd.DataFrame(arr, index=index, columns=labels)


def economic_loss(q, x):
    r"""Return the economic loss ``q * x`` by sector (same units and period as ``x``).

    Parameters
    ----------
    q : array_like, Series or DataFrame, shape (..., n)
        Inoperability (share of planned output lost).
    x : array_like or Series, shape (n,)
        Planned output in the same period (e.g. daily output for daily ``q``).

    Returns
    -------
    ndarray, Series or DataFrame, same shape as ``q``

    Notes
    -----
    :math:`\ell_i = q_i x_i` (Santos & Haimes 2004). Sum over sectors for the total, and
    over time steps of a DIIM trajectory (with ``x`` per step) for the cumulative loss.

    References
    ----------
    Santos & Haimes (2004).

    Examples
    --------
    >>> economic_loss([0.1, 0.5], [1000.0, 2000.0])
    array([ 100., 1000.])
    """
    labels = _labels(q)
    n = np.shape(q)[-1]
    qa = _vector(q, "q", labels if labels is not None else None, n)
    xv = _vector(x, "x", labels, n)
    out = qa * xv
    if isinstance(q, pd.DataFrame):
        return pd.DataFrame(out, index=q.index, columns=q.columns)
    if isinstance(q, pd.Series):
        return pd.Series(out, index=q.index, name="economic_loss")
    if isinstance(x, pd.Series) and out.ndim == 1:
        return pd.Series(out, index=x.index, name="economic_loss")
    return out


def _k(K, n, cols):
    if isinstance(K, pd.DataFrame):
        Karr, _, _ = _matrix(K, "K")
    else:
        Karr = _vector(K, "K", cols, n) if isinstance(K, pd.Series) else _to_float(K, "K")
    if Karr.ndim == 0:
        Karr = np.full(n, float(Karr))
    if Karr.shape[-1] != n:
        raise HromadaDataError(f"'K' must have one entry per sector ({n}); got {Karr.shape}.")
    if (Karr < 0).any():
        raise HromadaDataError("'K' (recovery rates) must be >= 0.")
    return Karr


def dynamic_inoperability(Astar, K, q0, cstar=None, *, steps=100, clip=True):
    r"""Return the DIIM trajectory ``q(0), q(1), ..., q(steps)``.

    Parameters
    ----------
    Astar : array_like or DataFrame, shape (n, n)
        Interdependency matrix.
    K : array_like or Series, shape (n,), (m, n) or (n, n)
        Resilience (recovery) coefficients: a diagonal given as a vector (per scenario
        in rows for a batch), or a full (n, n) matrix.
    q0 : array_like, Series or DataFrame, shape (n,) or (m, n)
        Initial inoperability; ``m`` scenarios in rows for a batch.
    cstar : array_like, optional
        Perturbation: (n,) or (m, n) constant, or (steps, n) / (m, steps, n) varying with
        time (row ``t`` applies in the step from ``t`` to ``t+1``). Default: none.
    steps : int, default 100
        Number of time steps (days, if ``K`` is per day).
    clip : bool, default True
        Clip ``q`` to [0, 1] after every step.

    Returns
    -------
    ndarray or DataFrame
        Shape (steps + 1, n), or (m, steps + 1, n) for a batch. A labelled single run is a
        DataFrame indexed by step.

    Notes
    -----
    :math:`q(t+1) = q(t) + K [A^* q(t) + c^*(t) - q(t)]` (Lian & Haimes 2006). With a
    constant :math:`c^*` it converges to the static :math:`(I - A^*)^{-1} c^*` when
    :math:`0 < k_i (1 - a^*_{ii}) \le 1`.

    References
    ----------
    Lian, C. & Haimes, Y. Y. (2006). Managing the risk of terrorism to interdependent
    infrastructure systems through the dynamic inoperability input-output model.
    *Systems Engineering* 9(3), 241-258.

    Examples
    --------
    >>> q = dynamic_inoperability([[0.15, 0.5], [0.1, 0.05]], [0.2, 0.2], [0.0, 0.0],
    ...                           [0.0, 0.1], steps=200)
    >>> q[-1].round(3)
    array([0.066, 0.112])
    """
    arr, cols = _astar(Astar)
    n = arr.shape[0]
    Karr = _k(K, n, cols)
    q = _vector(q0, "q0", cols, n).copy()
    batch = q.ndim == 2
    steps = int(steps)
    if steps < 0:
        raise HromadaDataError(f"'steps' must be >= 0; got {steps}.")
    m = q.shape[0] if batch else 1
    qb = q.reshape(m, n)
    c_t = None if cstar is None else _perturbation(cstar, n, m, batch, steps)
    full = Karr.ndim == 2 and Karr.shape == (n, n) and not (batch and Karr.shape[0] == m)
    out = np.empty((steps + 1, m, n))
    out[0] = np.clip(qb, 0.0, 1.0) if clip else qb
    cur = out[0]
    AT = np.ascontiguousarray(arr.T)
    with one_blas_thread():
        for t in range(steps):
            gap = cur @ AT - cur
            if c_t is not None:
                gap = gap + c_t(t)
            cur = cur + (gap @ Karr.T if full else Karr * gap)
            if clip:
                np.clip(cur, 0.0, 1.0, out=cur)
            out[t + 1] = cur
    if batch:
        return np.ascontiguousarray(out.transpose(1, 0, 2))
    res = out[:, 0, :]
    labels = cols if cols is not None else _labels(q0)
    if labels is not None:
        return pd.DataFrame(res, index=pd.RangeIndex(steps + 1, name="step"), columns=labels)
    return res


def _perturbation(cstar, n, m, batch, steps):
    """Return the DIIM perturbation as a function of the step ``t``.

    ``cstar`` is constant ((n,) or, for a batch, (m, n)) or varies in time ((steps, n) or
    (m, steps, n)); its shape is checked against ``n`` sectors, ``m`` scenarios and ``steps``.
    """
    c = _to_float(
        cstar.to_numpy() if isinstance(cstar, pd.DataFrame | pd.Series) else cstar, "cstar"
    )
    if c.shape[-1] != n:
        raise HromadaDataError(f"'cstar' must have one entry per sector ({n}); got {c.shape}.")
    if c.ndim == 1:
        return lambda t: c
    elif c.ndim == 2 and batch and c.shape[0] == m and not (c.shape[0] == steps and m != steps):
        return lambda t: c
    elif c.ndim == 2:
        if c.shape[0] < steps:
            raise HromadaDataError(
                f"'cstar' varying in time needs at least 'steps' ({steps}) rows; got {c.shape[0]}."
            )
        return lambda t: c[t]
    elif c.ndim == 3:
        if c.shape[0] != m or c.shape[1] < steps:
            raise HromadaDataError(
                f"'cstar' of shape (m, steps, n) must be ({m}, >= {steps}, {n}); got {c.shape}."
            )
        return lambda t: c[:, t]
    else:
        raise HromadaDataError(f"'cstar' has too many dimensions: {c.shape}.")


def recovery_rates(Astar, recovery_days, residual=0.01):
    r"""Return the resilience coefficients ``k_i`` from each sector's recovery time.

    Parameters
    ----------
    Astar : array_like or DataFrame, shape (n, n)
        Interdependency matrix.
    recovery_days : float or array_like, shape (n,) or (m, n)
        Time ``T_i`` (in steps, e.g. days) sector ``i`` needs to bring its inoperability
        down to ``residual`` times its initial value.
    residual : float, default 0.01
        ``q_i(T_i) / q_i(0)``.

    Returns
    -------
    K : ndarray or Series, shape (n,) or (m, n)
        Diagonal of the resilience matrix.

    Notes
    -----
    :math:`k_i = \ln(q_i(0) / q_i(T_i)) / (T_i (1 - a^*_{ii}))` (Lian & Haimes 2006), i.e.
    :math:`\ln(1/\text{residual}) / (T_i (1 - a^*_{ii}))`. For a stable daily DIIM step
    :math:`k_i (1 - a^*_{ii}) \le 1`, i.e. :math:`T_i \ge \ln(1/\text{residual})`
    (about 4.6 days for 1 %); shorter times raise an error.

    References
    ----------
    Lian & Haimes (2006).

    Examples
    --------
    >>> recovery_rates([[0.0, 0.8], [0.2, 0.0]], [30.0, 60.0]).round(4)
    array([0.1535, 0.0768])
    """
    arr, cols = _astar(Astar)
    n = arr.shape[0]
    T = (
        _vector(recovery_days, "recovery_days", cols, n)
        if np.ndim(recovery_days)
        else (np.full(n, _to_float(recovery_days, "recovery_days")))
    )
    r = float(residual)
    if not 0 < r < 1:
        raise HromadaDataError(f"'residual' must be in (0, 1); got {residual}.")
    if (T <= 0).any():
        raise HromadaDataError("'recovery_days' must be > 0 for every sector.")
    diag = np.diag(arr)
    if (diag >= 1).any():
        raise HromadaDataError("'Astar' diagonal must be < 1.")
    rate = np.log(1.0 / r)
    if (T < rate - 1e-12).any():
        raise HromadaDataError(
            f"'recovery_days' must be at least ln(1/residual) = {rate:.2f} steps for a stable "
            f"daily model; got {T.min():g}. Use a finer time step (hours) for faster recovery."
        )
    K = rate / (T * (1.0 - diag))
    labels = cols if cols is not None else _labels(recovery_days)
    if labels is not None and K.ndim == 1:
        return pd.Series(K, index=labels, name="recovery_rate")
    return K


def recovery(Astar, K, q0, t):
    r"""Return the closed-form recovery path ``q(t) = expm(-K (I - A*) t) q(0)``.

    Parameters
    ----------
    Astar : array_like or DataFrame, shape (n, n)
    K : array_like or Series, shape (n,) or (n, n)
        Resilience coefficients (diagonal as a vector, or the full matrix).
    q0 : array_like or Series, shape (n,)
        Inoperability at time 0.
    t : float or array_like of float
        Time(s) since the shock ended.

    Returns
    -------
    ndarray, Series or DataFrame
        Shape (n,) for a scalar ``t``, (len(t), n) for several times.

    Notes
    -----
    Continuous DIIM without perturbation: :math:`\dot q = -K (I - A^*) q`, so
    :math:`q(t) = e^{-K (I - A^*) t} q(0)` (Lian & Haimes 2006).

    References
    ----------
    Lian & Haimes (2006).

    Examples
    --------
    >>> recovery([[0.15, 0.5], [0.1, 0.05]], [0.2, 0.2], [0.0, 0.1], 10).round(5)
    array([0.01711, 0.01658])
    """
    arr, cols = _astar(Astar)
    n = arr.shape[0]
    Karr = _k(K, n, cols)
    Kmat = np.diag(Karr) if Karr.ndim == 1 else Karr
    q = _vector(q0, "q0", cols, n)
    ts = _to_float(t, "t")
    M = -Kmat @ (np.eye(n) - arr)
    if ts.ndim == 0:
        res = expm(M * float(ts)) @ q
    else:
        E = expm(M[None, :, :] * ts.reshape(-1, 1, 1))
        res = np.einsum("tij,j->ti", E, q)
    labels = cols if cols is not None else _labels(q0)
    if labels is None:
        return res
    if res.ndim == 1:
        return pd.Series(res, index=labels, name="inoperability")
    return pd.DataFrame(res, index=pd.Index(ts, name="t"), columns=labels)


@dataclass
class ScenarioResult:
    """What :func:`scenario` returns.

    Attributes
    ----------
    daily : ndarray (m, horizon + 1, n) or DataFrame
        Inoperability per scenario, day and sector (labelled: rows (scenario, day)).
    loss_by_sector : ndarray (m, n) or DataFrame
        Cumulative economic loss per scenario and sector, in the units of ``x`` (per year
        output spread over ``periods_per_year`` days).
    total_loss : ndarray (m,) or Series
        Sum of ``loss_by_sector``.
    direct_loss : ndarray (m,) or Series
        The loss the shocked sectors would suffer alone (A* = 0).
    indirect_share : ndarray (m,) or Series
        ``1 - direct_loss / total_loss``: the share of the loss due to the cascade.
    ranking : ndarray (m, n) or DataFrame
        Sectors from most to least affected by cumulative loss (labels, or indices).
    peak : ndarray (m, n) or DataFrame
        Highest daily inoperability of each sector.
    lifeline_loss : ndarray (m,) or Series
        The loss of the lifelines' users because they cannot work without the lost input
        (dependence x lost share x (1 - backup)), before any input-output cascade
        (A* = 0); zero without ``critical``. The cascade is then
        ``total_loss - direct_loss - lifeline_loss``.
    model : str
        ``"input constraint"`` when ``critical`` reached a user, else ``"demand"`` or
        ``"supply"`` (the interdependency matrix of the cascade).
    """

    daily: object
    loss_by_sector: object
    total_loss: object
    direct_loss: object
    indirect_share: object
    ranking: object
    peak: object
    lifeline_loss: object = None
    model: str = "demand"


#: Lifelines of the default dependence table: the KVED 2010 / NACE Rev. 2 section that
#: produces each (gas and district heat are part of section D, like electricity).
LIFELINES = {"electricity": "D", "water": "E", "transport": "H", "communications": "J"}

# Share of a section's output that stops when the lifeline is fully out and the firm has
# no backup: rows lifeline section, columns user sections A-T (see default_dependence).
_DEPENDENCE = {
    # users A-R on the first line, S and T on the second
    "D": [
        0.5,
        0.9,
        0.9,
        0.0,
        0.9,
        0.5,
        0.7,
        0.5,
        0.8,
        0.9,
        0.8,
        0.3,
        0.7,
        0.6,
        0.6,
        0.6,
        0.7,
        0.7,
        0.6,
        0.2,
    ],
    "E": [
        0.5,
        0.4,
        0.5,
        0.3,
        0.0,
        0.4,
        0.2,
        0.1,
        0.8,
        0.1,
        0.1,
        0.2,
        0.1,
        0.3,
        0.2,
        0.5,
        0.8,
        0.5,
        0.6,
        0.1,
    ],
    "H": [
        0.4,
        0.6,
        0.5,
        0.2,
        0.2,
        0.5,
        0.5,
        0.0,
        0.3,
        0.1,
        0.1,
        0.1,
        0.2,
        0.3,
        0.2,
        0.3,
        0.3,
        0.3,
        0.3,
        0.1,
    ],
    "J": [
        0.1,
        0.2,
        0.2,
        0.3,
        0.2,
        0.1,
        0.4,
        0.4,
        0.3,
        0.0,
        0.9,
        0.3,
        0.6,
        0.4,
        0.5,
        0.3,
        0.3,
        0.3,
        0.2,
        0.0,
    ],
}


#: Half-width of the range around every default dependence (see default_dependence).
DEPENDENCE_SPREAD = 0.2
DEPENDENCE_BOUNDS = ("central", "low", "high")


def default_dependence(bound: str = "central"):
    """Return the default dependence of each KVED section on each lifeline.

    Parameters
    ----------
    bound : {"central", "low", "high"}
        The project's central estimate, or the low or high end of its range: every
        non-zero cell +/- :data:`DEPENDENCE_SPREAD` (0.2), clipped to [0, 1]. Run a
        scenario with both ends to show its result as a range.

    Returns
    -------
    DataFrame, shape (4, 20)
        Rows the lifeline sections ``D`` (electricity, gas, heat), ``E`` (water),
        ``H`` (transport), ``J`` (communications); columns the user sections ``A``-``T``;
        values in [0, 1]: the share of the user's output that stops when the lifeline is
        completely out and the user has no backup. The diagonal (a lifeline on itself)
        is 0: a lifeline's own loss is its shock.

    Raises
    ------
    HromadaDataError
        ``bound`` is not one of ``"central"``, ``"low"``, ``"high"``.

    Notes
    -----
    **The numbers are the project's own estimate, not published figures.** No table of
    published dependence factors per industry and lifeline could be found or read
    offline (searched: ATC-25's importance factors, Chang et al.'s Memphis study, Rose et
    al.'s Los Angeles blackout study, Tierney's business surveys); the values are
    informed by those sources, rounded to tenths, and given with a range of +/- 0.2
    (``bound``) that the scenario's result is shown over. Replace them with local
    knowledge (the web scenario builder lets the user edit them).

    A planning default to edit, not a measurement (kind "D" in the project's
    references: derived here). Its pattern follows the lifeline-disruption literature:
    ATC-25 (1991) rates each industry's loss of function without electricity, water and
    transport ("importance factors"), with electricity the most important lifeline for
    almost every industry, water for food, accommodation, health and agriculture, and
    transport for goods-handling sectors; Chang, Seligson & Eguchi (1996) and Tierney's
    business surveys behind them use such factors for direct business-interruption
    losses; Rose, Oladosu & Liao (2007) show that customer resilience (backup,
    conservation, rescheduling) cuts electricity-outage losses by up to 86 %, which is
    why backup is a separate input (:func:`scenario` ``backup``). ATC-25's own values
    could not be read offline; the numbers here are rounded to tenths and should be
    replaced by local knowledge (the web scenario builder lets the user edit them).
    Ukrainian business surveys of 2022-2026 (EBA, IER) report 66-90 % of firms with
    alternative power; they inform ``backup``, not the dependence.

    References
    ----------
    Applied Technology Council (1991). *ATC-25: Seismic Vulnerability and Impact of
    Disruption of Lifelines in the Conterminous United States*. FEMA 224.
    Chang, S. E., Seligson, H. A. & Eguchi, R. T. (1996). *Estimation of the Economic
    Impact of Multiple Lifeline Disruption: Memphis Light, Gas and Water Division Case
    Study*. NCEER-96-0011.
    Rose, A., Oladosu, G. & Liao, S.-Y. (2007). Business interruption impacts of a
    terrorist attack on the electric power system of Los Angeles: customer resilience
    to a total blackout. *Risk Analysis* 27(3), 513-531.

    Examples
    --------
    >>> d = default_dependence()
    >>> float(d.loc["D", "C"]), d.shape
    (0.9, (4, 20))
    >>> float(default_dependence("low").loc["D", "C"]), float(default_dependence("high").loc["D", "C"])
    (0.7, 1.0)
    """
    if bound not in DEPENDENCE_BOUNDS:
        raise HromadaDataError(
            f"'bound' must be one of {DEPENDENCE_BOUNDS}; got {bound!r} (default_dependence)."
        )
    users = pd.Index(list("ABCDEFGHIJKLMNOPQRST"), name="user")
    lifelines = pd.Index(list(_DEPENDENCE), name="lifeline")
    d = pd.DataFrame(list(_DEPENDENCE.values()), index=lifelines, columns=users)
    if bound == "low":
        d = (d - DEPENDENCE_SPREAD).clip(lower=0.0).round(10)
    elif bound == "high":
        d = (d + DEPENDENCE_SPREAD).clip(upper=1.0).where(d > 0, 0.0).round(10)
    return d


def _share_in_unit(arr, name, where):
    bad = ~((arr >= 0) & (arr <= 1))
    if bad.any():
        k = np.argwhere(bad)[0]
        raise HromadaDataError(
            f"'{name}' must be shares in [0, 1]; got {arr[tuple(k)]!r} for {where(k)}."
        )


def _dependence(critical, cols, n):
    """Return the (n, n) dependence matrix D[i, j] (lifeline i, user j), diagonal 0."""
    D = np.zeros((n, n))
    pos = {c: k for k, c in enumerate(cols)} if cols is not None else None

    def index(label, role):
        return _sector_position(label, role, pos, cols, n)

    if isinstance(critical, dict):
        _dependence_pairs(critical, D, index)
    elif isinstance(critical, pd.DataFrame):
        arr = _to_float(critical.to_numpy(), "critical")
        _share_in_unit(
            arr,
            "critical",
            lambda k: f"lifeline {critical.index[k[0]]!r}, user {critical.columns[k[1]]!r}",
        )
        rows = [index(r, "the lifeline") for r in critical.index]
        users = [index(c, "the user") for c in critical.columns]
        D[np.ix_(rows, users)] = arr
    else:
        arr = _to_float(critical, "critical")
        if arr.shape != (n, n):
            raise HromadaDataError(
                f"'critical' must be a DataFrame (lifelines x users), a dict of (lifeline, "
                f"user) pairs, or an (n, n) array ({n}, {n}); got shape {arr.shape}."
            )
        _share_in_unit(arr, "critical", lambda k: f"lifeline {k[0]}, user {k[1]}")
        D = arr.copy()
    np.fill_diagonal(D, 0.0)
    return D


def _sector_position(label, role, pos, cols, n):
    """Return the position in A of the sector ``label`` that ``critical`` names as ``role``."""
    if pos is None:
        if isinstance(label, int | np.integer) and 0 <= label < n:
            return int(label)
        raise HromadaDataError(
            f"'critical' names {role} {label!r}; with an unlabelled A use positions 0-{n - 1}."
        )
    if label not in pos:
        raise HromadaDataError(
            f"'critical' names {role} {label!r}, which is not a sector of A; the sectors "
            f"are {_first(cols, 10)}."
        )
    return pos[label]


def _dependence_pairs(critical, D, index):
    """Fill ``D`` from a dict ``{(lifeline, user): dependence}``, checking each pair."""
    for key, value in critical.items():
        if not (isinstance(key, tuple) and len(key) == 2):
            raise HromadaDataError(
                "'critical' as a dict maps (lifeline, user) pairs to a dependence; got "
                f"the key {key!r}."
            )
        v = _to_float(value, "critical")
        if v.ndim:
            raise HromadaDataError(f"'critical'[{key!r}] must be one number; got {value!r}.")
        _share_in_unit(v.reshape(1), "critical", lambda k, key=key: f"the pair {key!r}")
        D[index(key[0], "the lifeline"), index(key[1], "the user")] = float(v)


def _backup(backup, m, n, cols):
    if isinstance(backup, dict):
        if cols is None:
            b = pd.Series(backup, dtype=float).reindex(range(n), fill_value=0.0)
        else:
            unknown = [k for k in backup if k not in cols]
            if unknown:
                raise HromadaDataError(
                    f"'backup' names sectors that are not in A: {_first(unknown)}."
                )
            b = pd.Series(backup, dtype=float).reindex(cols, fill_value=0.0)
        backup = b.to_numpy()
    elif isinstance(backup, pd.Series) and cols is not None:
        unknown = backup.index.difference(cols)
        if len(unknown):
            raise HromadaDataError(f"'backup' names sectors that are not in A: {_first(unknown)}.")
        backup = backup.reindex(cols, fill_value=0.0)
    B = _per_scenario(backup, m, n, "backup", cols, "sector")
    names = cols if cols is not None else range(n)
    _share_in_unit(B, "backup", lambda k: f"sector {list(names)[k[-1]]!r}")
    return B


def _per_scenario(value, m, n, name, cols, prefer):
    if isinstance(value, pd.DataFrame):
        arr = _vector(value, name, cols, n)
    elif isinstance(value, pd.Series):
        if cols is not None and set(value.index) <= set(cols) and len(value) == n:
            arr = _vector(value, name, cols, n)
        else:
            arr = _to_float(value.to_numpy(), name)
    else:
        arr = _to_float(value, name)
    if arr.ndim == 0:
        return np.full((m, n), float(arr))
    if arr.ndim == 1:
        by_sector = arr.shape[0] == n and (prefer == "sector" or arr.shape[0] != m)
        if isinstance(value, pd.Series) and cols is not None and set(value.index) <= set(cols):
            by_sector = True
        if by_sector:
            return np.broadcast_to(arr, (m, n)).astype(float)
        if arr.shape[0] == m:
            return np.broadcast_to(arr[:, None], (m, n)).astype(float)
    if arr.shape == (m, n):
        return arr
    raise HromadaDataError(
        f"'{name}' must be a number, one value per sector ({n}), one per scenario ({m}), or "
        f"(scenarios, sectors) = ({m}, {n}); got shape {arr.shape}."
    )


def scenario(
    A,
    x,
    shocks,
    *,
    days=30,
    recovery_days=90,
    horizon=365,
    side="demand",
    residual=0.01,
    periods_per_year=365,
    critical=None,
    backup=None,
):
    r"""Simulate critical-infrastructure outages and their cascade, many scenarios at once.

    Parameters
    ----------
    A : array_like or DataFrame, shape (n, n)
        National (or regional) technical coefficients.
    x : array_like or Series, shape (n,)
        Planned output per year.
    shocks : array_like (n,) or (m, n), Series, DataFrame (scenarios x sectors), or dict
        Share of capacity each sector loses (0-1); a dict maps sector -> share for one
        scenario. Sectors not named lose nothing directly.
    days : float or array_like, default 30
        How long the capacity loss lasts: a number, per scenario (m,), per sector (n,),
        or (m, n).
    recovery_days : float or array_like, default 90
        Days each sector needs, once the outage is over, to get back to ``residual`` of
        its inoperability: a number, per sector, or (m, n).
    horizon : int, default 365
        Days simulated.
    side : {"demand", "supply"}, default "demand"
        Which interdependency matrix (:func:`interdependency_matrix`).
    residual : float, default 0.01
        See :func:`recovery_rates`.
    periods_per_year : int, default 365
        Steps per year, to turn annual ``x`` into output per step.
    critical : DataFrame, dict or array_like (n, n), optional
        Lifeline outages as an input constraint: the dependence ``d_ij`` in [0, 1] of user
        ``j`` on lifeline ``i`` (the share of ``j``'s output that stops when ``i`` is
        fully out). A DataFrame with lifelines in rows and users in columns (missing
        pairs are 0), a dict ``{(lifeline, user): d}``, or an (n, n) array. Default:
        none, the plain model. :func:`default_dependence` is a default for KVED sections.
    backup : float, Series, dict or array_like (n,) or (m, n), optional
        Share of each user's output that can go on without the lifeline (generators,
        tanks, own transport), in [0, 1]; default 0. Used only with ``critical``.

    Returns
    -------
    ScenarioResult
        Daily inoperability, cumulative loss per sector and in total, the ranking of the
        most affected sectors, and the indirect share of the loss.

    Notes
    -----
    Each scenario starts with :math:`q(0) = c^*` (capacity lost at once), keeps the
    perturbation :math:`c^*(t) = c^*` while :math:`t < \text{days}`, then sets it to 0 and
    lets the DIIM :math:`q(t+1) = q(t) + K [A^* q(t) + c^*(t) - q(t)]` recover, with
    :math:`K` from :func:`recovery_rates`. Loss per step is :math:`q_i(t) x_i / 365`
    (each step of the horizon, day 0 included, counts as a day of lost output). The
    direct loss is that of the same shocks with :math:`A^* = 0` (in closed form).

    With ``critical`` (an input constraint: in a value-based table electricity is ~1-2 %
    of a factory's inputs, but a factory without power stops), while lifeline ``i`` is
    out each user ``j`` loses directly
    :math:`e_{ij}(t) = d_{ij} \, c^*_i \, 1[t < \text{days}_i] \, (1 - b_j)`; losses
    from several lifelines and the user's own shock combine as independent losses,
    :math:`c^{eff}_j(t) = 1 - (1 - c^*_j(t)) \prod_i (1 - e_{ij}(t))`, which replaces
    :math:`c^*(t)` in the DIIM (and in :math:`q(0)`). The cascade and the recovery are
    unchanged. ``lifeline_loss`` is the users' extra loss with :math:`A^* = 0`.
    With ``backup = 1`` (or no dependence) the result equals the plain model.

    References
    ----------
    Lian & Haimes (2006); Santos, J. R., Yu, K. D. S., Pagsuyoin, S. A. T. & Tan, R. R.
    (2014). Time-varying disaster recovery model for interdependent economic systems using
    hybrid input-output and event tree analysis. *Economic Systems Research* 26(1), 60-80.
    Applied Technology Council (1991), ATC-25; Rose, Oladosu & Liao (2007) (see
    :func:`default_dependence`).

    Examples
    --------
    >>> A = [[0.15, 0.25], [0.2, 0.05]]
    >>> r = scenario(A, [1000.0, 2000.0], [0.4, 0.0], days=30, recovery_days=90)
    >>> r.daily.shape
    (1, 366, 2)
    >>> bool(r.indirect_share[0] > 0)
    True
    >>> rc = scenario(A, [1000.0, 2000.0], [0.4, 0.0], critical={(0, 1): 1.0}, backup=0.5)
    >>> float(rc.peak[0, 1]) >= 0.2, rc.model
    (True, 'input constraint')
    """
    _check_A(A)
    Astar = interdependency_matrix(A, x, side=side)
    arr, cols = _astar(Astar)
    n = arr.shape[0]
    xv = _vector(x, "x", cols, n)
    c, scen_index = _shock_matrix(shocks, cols, n)
    m = c.shape[0]
    horizon = int(horizon)
    if horizon < 1:
        raise HromadaDataError(f"'horizon' must be >= 1 day; got {horizon}.")
    D = _per_scenario(days, m, n, "days", cols, "scenario")
    if (D < 0).any():
        raise HromadaDataError("'days' must be >= 0.")
    T = _per_scenario(recovery_days, m, n, "recovery_days", cols, "sector")
    K = np.asarray(recovery_rates(arr, T, residual=residual))
    constraint = _lifeline_constraint(critical, backup, c, cols, m, n)
    daily, acc, peak, dec_sum = _simulate(arr, c, D, K, T, residual, horizon, constraint)
    per_day = xv / float(periods_per_year)
    loss = acc * per_day  # (m, n)
    direct = _direct_loss(c, D, T, residual, horizon, per_day)
    if constraint is not None:
        lifeline = np.maximum((dec_sum * per_day).sum(axis=1) - direct, 0.0)
        model = "input constraint"
    else:
        lifeline = np.zeros(m)
        model = side
    total = loss.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        indirect = np.where(total > 0, 1.0 - direct / total, np.nan)
    if (total == 0).any():
        warnings.warn(
            f"{int((total == 0).sum())} scenarios have no loss; their indirect share is NaN.",
            DegenerateResultWarning,
            stacklevel=2,
        )
    order = np.argsort(-loss, axis=1, kind="stable")
    if cols is None and scen_index is None:
        return ScenarioResult(daily, loss, total, direct, indirect, order, peak, lifeline, model)
    sectors = cols if cols is not None else pd.RangeIndex(n)
    scen = scen_index if scen_index is not None else pd.RangeIndex(m, name="scenario")
    if scen.name is None:
        scen = scen.rename("scenario")
    idx = pd.MultiIndex.from_product([scen, pd.RangeIndex(horizon + 1)], names=[scen.name, "day"])
    ranking = pd.DataFrame(
        np.asarray(sectors)[order], index=scen, columns=pd.RangeIndex(1, n + 1, name="rank")
    )
    return ScenarioResult(
        daily=pd.DataFrame(daily.reshape(-1, n), index=idx, columns=sectors),
        loss_by_sector=pd.DataFrame(loss, index=scen, columns=sectors),
        total_loss=pd.Series(total, index=scen, name="total_loss"),
        direct_loss=pd.Series(direct, index=scen, name="direct_loss"),
        indirect_share=pd.Series(indirect, index=scen, name="indirect_share"),
        ranking=ranking,
        peak=pd.DataFrame(peak, index=scen, columns=sectors),
        lifeline_loss=pd.Series(lifeline, index=scen, name="lifeline_loss"),
        model=model,
    )


def _shock_matrix(shocks, cols, n: int):
    """Check the shocks; return them as an (m, n) array of shares in [0, 1].

    Also returns the scenarios' labels (the rows of a DataFrame), or None.
    """
    scen_index = None
    if isinstance(shocks, dict):
        if cols is None:
            shocks = pd.Series(shocks).reindex(range(n), fill_value=0.0)
            c = shocks.to_numpy(dtype=float)[None, :]
        else:
            unknown = [k for k in shocks if k not in cols]
            if unknown:
                raise HromadaDataError(
                    f"'shocks' names sectors that are not in A: {_first(unknown)}; the sectors "
                    f"are {_first(cols, 10)}."
                )
            c = pd.Series(shocks, dtype=float).reindex(cols, fill_value=0.0).to_numpy()[None, :]
    elif isinstance(shocks, pd.DataFrame):
        if cols is not None:
            unknown = shocks.columns.difference(cols)
            if len(unknown):
                raise HromadaDataError(
                    f"'shocks' has columns that are not sectors of A: {_first(unknown)}."
                )
            shocks = shocks.reindex(columns=cols, fill_value=0.0)
        c = _vector(shocks, "shocks", None, n)
        scen_index = shocks.index
    else:
        c = _vector(shocks, "shocks", cols, n)
        if c.ndim == 1:
            c = c[None, :]
    if c.ndim != 2:
        raise HromadaDataError(f"'shocks' must be (n,) or (m, n); got {c.shape}.")
    if ((c < 0) | (c > 1)).any():
        raise HromadaDataError("'shocks' are shares of capacity lost and must be in [0, 1].")
    return c, scen_index


def _lifeline_constraint(critical, backup, c, cols, m: int, n: int):
    """Return (lifelines, weights (m, k, n)) of the input constraint.

    None for the plain model: no ``critical``, or no shocked lifeline that anyone needs.
    """
    if critical is None:
        if backup is not None:
            raise HromadaDataError(
                "'backup' needs 'critical' (the users' dependence on lifelines)."
            )
        return None
    dep = _dependence(critical, cols, n)
    W = dep[None, :, :] * (1.0 - _backup(0.0 if backup is None else backup, m, n, cols))[:, None, :]
    # only lifelines that are shocked and needed by someone enter the loop
    life = np.flatnonzero((c > 0).any(axis=0) & (W > 0).any(axis=(0, 2)))
    return (life, W[:, life, :]) if len(life) else None  # (k,), (m, k, n)


def _simulate(arr, c, D, K, T, residual: float, steps: int, constraint):
    """Run the DIIM's time loop.

    Returns daily q (m, steps + 1, n), cumulative q, peak q, and the cumulative q of the
    decoupled model under the constraint (None without one).
    """
    m, n = c.shape

    def perturbation(active, rows=slice(None)):
        """c_eff of the scenarios ``rows`` for the (m, n) mask of shocks still on."""
        own = np.where(active[rows], c[rows], 0.0)
        if constraint is None:
            return own
        life, Wl = constraint
        hit = own[:, life][:, :, None] * Wl[rows]  # (rows, k, n)
        keep = np.prod(1.0 - hit, axis=1) * (1.0 - own)
        return 1.0 - keep

    # the perturbation changes only when an outage ends: recompute it at those steps
    ends = np.ceil(D)
    change = set(np.unique(ends[(ends > 0) & (ends < steps)]).astype(int).tolist())
    # scenario-major storage, the result's layout: no transposed copy at the end; the loss
    # and the peak accumulate while the block is hot
    daily = np.empty((m, steps + 1, n))
    start = perturbation(np.ones((m, n), dtype=bool))
    cur = np.clip(start, 0.0, 1.0)
    daily[:, 0, :] = cur
    acc = cur.copy()
    peak = cur.copy()
    pert = perturbation(0 < D)
    dec_sum = None
    if constraint is not None:
        k_dec = np.log(1.0 / residual) / T  # the decoupled (A* = 0) rate
        dec = cur.copy()
        dec_sum = dec.copy()
        step = np.empty_like(dec)
    AT = np.ascontiguousarray(arr.T)
    gap = np.empty_like(cur)
    with one_blas_thread():
        for t in range(steps):
            if t in change:  # only the scenarios with an outage ending today
                rows = np.flatnonzero((ends == t).any(axis=1))
                pert[rows] = perturbation(t < D, rows)
            np.matmul(cur, AT, out=gap)
            gap += pert
            gap -= cur
            gap *= K
            cur += gap
            np.clip(cur, 0.0, 1.0, out=cur)
            daily[:, t + 1, :] = cur
            acc += cur
            np.maximum(peak, cur, out=peak)
            if dec_sum is not None:
                np.subtract(pert, dec, out=step)
                step *= k_dec
                dec += step
                dec_sum += dec
    return daily, acc, peak, dec_sum


def _direct_loss(c, D, T, residual: float, steps: int, per_day):
    """Return the loss of the same shocks with A* = 0, per scenario, in closed form.

    The decoupled DIIM keeps q = c* for t <= ceil(days), then q(ceil(days) + j) =
    c* (1 - k0)^j with k0 = ln(1/r) / T.
    """
    k0 = np.log(1.0 / residual) / T
    on = np.minimum(np.ceil(D), steps)
    j = steps - on
    decay = 1.0 - k0
    with np.errstate(divide="ignore", invalid="ignore"):
        tail = np.where(decay == 1.0, j, decay * (1.0 - decay**j) / (1.0 - decay))
    tail = np.where(decay == 0.0, 0.0, tail)
    return ((c * (on + 1.0 + tail)) * per_day).sum(axis=1)
