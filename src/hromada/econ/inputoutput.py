"""Input-output multipliers, impacts and regionalised coefficient matrices.

Textbook notation of Miller & Blair (2009) and pymrio: ``Z`` inter-industry flows
(rows sell, columns buy), ``x`` gross output, ``A = Z diag(x)^-1`` technical
coefficients, ``L = (I - A)^-1`` the Leontief inverse, ``f`` final demand.

Every function accepts numpy arrays or labelled pandas objects and returns the
same kind, keeping the labels. Arrays may carry leading *batch* dimensions
(a stack of regions ``(R, n, n)``), which every function vectorises over.

Assumptions a user must understand: fixed technology (constant input shares),
no substitution between inputs, no capacity limits, and (for regionalised
tables) that a region uses the national recipe and buys locally what the
location quotient says it can.

Examples
--------
>>> import numpy as np
>>> Z = np.array([[150.0, 500.0], [200.0, 100.0]])
>>> x = np.array([1000.0, 2000.0])
>>> L = leontief_inverse(technical_coefficients(Z, x))
>>> np.round(output_multipliers(L), 4)
array([1.5182, 1.4521])
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from hromada.econ._panel import check_panel
from hromada.econ.errors import DegenerateResultWarning, HromadaDataError, SingularSystemError

__all__ = [
    "gross_output",
    "technical_coefficients",
    "leontief_inverse",
    "output_multipliers",
    "income_multipliers",
    "employment_multipliers",
    "close_households",
    "impact",
    "regionalise",
    "regionalise_households",
    "location_quotient_matrix",
    "multiplier_table",
]

HOUSEHOLDS = "households"
_METHODS = ("slq", "cilq", "flq", "aflq")


# --------------------------------------------------------------------------- helpers
def _first(values, n: int = 5) -> str:
    values = list(values)
    shown = ", ".join(repr(v) for v in values[:n])
    return shown + (f" ... ({len(values)} in all)" if len(values) > n else "")


def _to_float(obj, name: str) -> np.ndarray:
    try:
        arr = np.asarray(obj, dtype=float)
    except (TypeError, ValueError):
        raise HromadaDataError(
            f"'{name}' must be numeric; it holds values that are not numbers. "
            f"Remove text, thousands separators or units."
        ) from None
    if not np.all(np.isfinite(arr)):
        bad = np.argwhere(~np.isfinite(arr))
        raise HromadaDataError(
            f"'{name}' must be finite; entries at positions {_first(map(tuple, bad))} are "
            f"NaN or infinite. Enter 0 where a flow is truly zero."
        )
    return arr


def _matrix(M, name: str) -> tuple[np.ndarray, pd.Index | None, pd.Index | None]:
    """Return (array, row labels, column labels) of a square matrix or a stack of them."""
    if isinstance(M, pd.DataFrame):
        arr = _to_float(M.to_numpy(), name)
        rows, cols = M.index, M.columns
    else:
        arr = _to_float(M, name)
        rows = cols = None
    if arr.ndim < 2 or arr.shape[-1] != arr.shape[-2]:
        raise HromadaDataError(
            f"'{name}' must be a square matrix (sectors x sectors) or a stack of them; "
            f"got shape {arr.shape}."
        )
    if rows is not None and not rows.equals(cols):
        if set(rows) == set(cols) and len(rows) == len(cols):
            raise HromadaDataError(
                f"'{name}' has the same sectors in its rows and columns but in a different "
                f"order; reorder with {name}.loc[order, order]."
            )
        raise HromadaDataError(
            f"'{name}' rows and columns must name the same sectors; rows only: "
            f"{_first(rows.difference(cols))}; columns only: {_first(cols.difference(rows))}."
        )
    return arr, rows, cols


def _vector(v, name: str, labels: pd.Index | None, n: int) -> np.ndarray:
    """Return ``v`` as an array whose last axis has ``n`` sectors (aligned to ``labels``)."""
    if isinstance(v, pd.Series | pd.DataFrame):
        index = v.index if isinstance(v, pd.Series) else v.columns
        if labels is not None:
            if not index.equals(labels):
                missing = labels.difference(index)
                extra = index.difference(labels)
                if len(missing) or len(extra) or index.has_duplicates:
                    raise HromadaDataError(
                        f"'{name}' must have one entry per sector of the matrix ({n}); "
                        f"sectors missing: {_first(missing)}; unknown sectors: {_first(extra)}."
                    )
                v = v.reindex(labels) if isinstance(v, pd.Series) else v.reindex(columns=labels)
        arr = _to_float(v.to_numpy(), name)
    else:
        arr = _to_float(v, name)
    if arr.ndim == 0 or arr.shape[-1] != n:
        raise HromadaDataError(
            f"'{name}' must have one entry per sector ({n}); got shape {arr.shape}."
        )
    return arr


def _check_nonnegative(arr: np.ndarray, name: str, rows, cols) -> None:
    if (arr < 0).any():
        idx = np.argwhere(arr < 0)[:5]
        where = [
            (rows[i[-2]], cols[i[-1]]) if rows is not None else tuple(int(k) for k in i)
            for i in idx
        ]
        raise HromadaDataError(
            f"'{name}' has negative entries at {_first(where)} (min {arr.min():.6g}); "
            f"input-output flows and coefficients must be >= 0. Move negative items "
            f"(e.g. subsidies, inventory changes) to final demand or value added."
        )


def _wrap_matrix(arr: np.ndarray, rows, cols):
    if rows is None or arr.ndim != 2:
        return arr
    return pd.DataFrame(arr, index=rows, columns=cols)


def _wrap_vector(arr: np.ndarray, labels, like=None, name=None):
    if labels is None:
        return arr
    if arr.ndim == 1:
        return pd.Series(arr, index=labels, name=name)
    if arr.ndim == 2:
        index = like.index if isinstance(like, pd.DataFrame) else None
        return pd.DataFrame(arr, index=index, columns=labels)
    return arr


def _labels_of(*objs) -> pd.Index | None:
    for o in objs:
        if isinstance(o, pd.DataFrame):
            return o.columns
        if isinstance(o, pd.Series):
            return o.index
    return None


# --------------------------------------------------------------------------- coefficients
def gross_output(Z, final_demand):
    r"""Return gross output ``x = Z 1 + f`` (row sums of flows plus final demand).

    Parameters
    ----------
    Z : array_like or DataFrame, shape (..., n, n)
        Inter-industry flows.
    final_demand : array_like, Series or DataFrame, shape (..., n) or (n, k)
        Total final demand by sector, or a DataFrame of final demand categories (sectors in
        rows, categories in columns), which is summed over the categories.

    Returns
    -------
    x : ndarray or Series, shape (..., n)

    Notes
    -----
    :math:`x = Z \iota + f` (Miller & Blair 2009, eq. 2.1; pymrio ``calc_x``).

    References
    ----------
    Miller & Blair (2009), ch. 2.

    Examples
    --------
    >>> gross_output([[150.0, 500.0], [200.0, 100.0]], [350.0, 1700.0])
    array([1000., 2000.])
    """
    Zarr, rows, cols = _matrix(Z, "Z")
    n = Zarr.shape[-1]
    if isinstance(final_demand, pd.DataFrame):
        if rows is not None and not final_demand.index.equals(rows):
            if set(final_demand.index) != set(rows):
                raise HromadaDataError(
                    "'final_demand' rows must be the sectors of 'Z'; missing: "
                    f"{_first(rows.difference(final_demand.index))}."
                )
            final_demand = final_demand.reindex(rows)
        f = _to_float(final_demand.to_numpy(), "final_demand").sum(axis=1)
    else:
        f = _vector(final_demand, "final_demand", rows, n)
    x = Zarr.sum(axis=-1) + f
    return _wrap_vector(x, rows, name="x")


def technical_coefficients(Z, x):
    """Return the technical coefficient matrix ``A = Z diag(x)^-1``.

    Parameters
    ----------
    Z : array_like or DataFrame, shape (..., n, n)
        Inter-industry flows; ``Z[i, j]`` is what sector ``j`` buys from sector ``i``.
    x : array_like or Series, shape (..., n)
        Gross output of each sector (same units as ``Z``).

    Returns
    -------
    A : ndarray or DataFrame, shape (..., n, n)
        ``A[i, j] = Z[i, j] / x[j]``: input from ``i`` per unit of output of ``j``.

    Raises
    ------
    HromadaDataError
        Non-square ``Z``, negative flows or output, mismatched labels, or a sector with
        zero output that still buys inputs.

    Notes
    -----
    :math:`a_{ij} = z_{ij} / x_j` (Miller & Blair 2009, eq. 2.4). A sector with zero
    output and no purchases (a column of zeros) gets a column of zero coefficients; this
    is the only case where a division by zero is given a value.

    References
    ----------
    Miller, R. E. & Blair, P. D. (2009). *Input-Output Analysis: Foundations and
    Extensions*, 2nd ed., Cambridge University Press, ch. 2.

    Examples
    --------
    >>> technical_coefficients([[150.0, 500.0], [200.0, 100.0]], [1000.0, 2000.0])
    array([[0.15, 0.25],
           [0.2 , 0.05]])
    """
    Zarr, rows, cols = _matrix(Z, "Z")
    n = Zarr.shape[-1]
    xarr = _vector(x, "x", cols, n)
    _check_nonnegative(Zarr, "Z", rows, cols)
    if (xarr < 0).any():
        raise HromadaDataError(f"'x' (gross output) must be >= 0; got minimum {xarr.min():.6g}.")
    zero = xarr == 0
    if zero.any():
        bought = np.broadcast_to(
            Zarr.sum(axis=-2) > 0, np.broadcast_shapes(zero.shape, Zarr.shape[:-1])
        )
        bad = np.broadcast_to(zero, bought.shape) & bought
        if bad.any():
            pos = np.argwhere(bad)[:, -1]
            names = [cols[p] for p in pos] if cols is not None else [int(p) for p in pos]
            raise HromadaDataError(
                f"'x' is zero for sectors {_first(names)} that buy inputs in 'Z'; a sector "
                f"with inputs must have positive output. Check the output row."
            )
    safe = np.where(zero, 1.0, xarr)
    A = Zarr / safe[..., None, :]
    return _wrap_matrix(A, rows, cols)


def _check_A(A, name: str = "A"):
    arr, rows, cols = _matrix(A, name)
    _check_nonnegative(arr, name, rows, cols)
    colsum = arr.sum(axis=-2)
    if (colsum >= 1).any():
        pos = np.unique(np.argwhere(colsum >= 1)[:, -1])
        names = [cols[p] for p in pos] if cols is not None else [int(p) for p in pos]
        raise HromadaDataError(
            f"'{name}' column sums must be < 1 (every sector must create value added); "
            f"sectors {_first(names)} have column sums >= 1 (max {colsum.max():.6g}), so the "
            f"economy is not productive. Check that Z and x are in the same units and that "
            f"x is gross output, not value added."
        )
    return arr, rows, cols


def leontief_inverse(A):
    r"""Return the Leontief inverse ``L = (I - A)^-1``.

    Parameters
    ----------
    A : array_like or DataFrame, shape (..., n, n)
        Technical coefficients, non-negative, column sums < 1.

    Returns
    -------
    L : ndarray or DataFrame, shape (..., n, n)
        Total (direct and indirect) output of ``i`` per unit of final demand for ``j``.

    Raises
    ------
    HromadaDataError
        Non-square ``A``, negative coefficients, or column sums >= 1.
    SingularSystemError
        ``I - A`` is singular or its inverse is not non-negative.

    Notes
    -----
    :math:`L = (I - A)^{-1}`, so that :math:`x = L f` (Miller & Blair 2009, eq. 2.11).
    Column sums < 1 (the Hawkins-Simon condition in its sufficient form) guarantee
    :math:`L \ge I` elementwise, hence Leontief column sums >= 1.

    References
    ----------
    Miller & Blair (2009), ch. 2.

    Examples
    --------
    >>> leontief_inverse([[0.15, 0.25], [0.2, 0.05]]).round(4)
    array([[1.2541, 0.33  ],
           [0.264 , 1.1221]])
    """
    arr, rows, cols = _check_A(A)
    n = arr.shape[-1]
    eye = np.eye(n)
    try:
        L = np.linalg.inv(eye - arr)
    except np.linalg.LinAlgError:
        raise SingularSystemError(
            "'A': I - A is singular, so the Leontief inverse does not exist. Check for "
            "sectors that only buy from each other with no value added."
        ) from None
    if not np.all(np.isfinite(L)) or (L < -1e-9).any():
        raise SingularSystemError(
            "'A': the Leontief inverse is not non-negative (I - A is close to singular)."
        )
    return _wrap_matrix(L, rows, cols)


# --------------------------------------------------------------------------- multipliers
def _truncate(L: np.ndarray, households: bool) -> np.ndarray:
    return L[..., :-1, :-1] if households else L


def output_multipliers(L, *, households=False):
    r"""Return the output multiplier of each sector (column sums of ``L``).

    Parameters
    ----------
    L : array_like or DataFrame, shape (..., n, n)
        Leontief inverse; from :func:`close_households` for Type II multipliers.
    households : bool, default False
        True when ``L`` is the closed (n+1) inverse whose last row and column are
        households; they are then left out ("truncated" Type II output multipliers).

    Returns
    -------
    m : ndarray or Series, shape (..., n)

    Notes
    -----
    :math:`m(o)_j = \sum_i l_{ij}` (Miller & Blair 2009, sect. 6.2.1). With an open
    model this is the Type I (simple) multiplier; with households closed the Type II
    (total) one.

    References
    ----------
    Miller & Blair (2009), ch. 6.

    Examples
    --------
    >>> output_multipliers([[1.25, 0.33], [0.26, 1.12]])
    array([1.51, 1.45])
    """
    arr, rows, cols = _matrix(L, "L")
    m = _truncate(arr, households).sum(axis=-2)
    labels = cols[:-1] if (households and cols is not None) else cols
    return _wrap_vector(m, labels, name="output_multiplier")


def _factor_multipliers(L, factor, x, *, kind, households, name, label):
    arr, rows, cols = _matrix(L, "L")
    Lt = _truncate(arr, households)
    labels = cols[:-1] if (households and cols is not None) else cols
    n = Lt.shape[-1]
    f = _vector(factor, name, labels, n)
    xv = _vector(x, "x", labels, n)
    if (xv <= 0).any():
        raise HromadaDataError(
            f"'x' must be > 0 for every sector to form {label} coefficients; got "
            f"{int((xv <= 0).sum())} sectors with zero or negative output. Drop them first."
        )
    h = f / xv
    simple = np.einsum("...i,...ij->...j", h, Lt)
    if kind == "simple":
        out = simple
    elif kind in ("type", "ratio"):
        with np.errstate(divide="ignore", invalid="ignore"):
            out = simple / h
        if (h == 0).any():
            warnings.warn(
                f"{label} multipliers of kind='type' are undefined (NaN) for sectors with "
                f"no direct {label}.",
                DegenerateResultWarning,
                stacklevel=3,
            )
            out = np.where(h == 0, np.nan, out)
    else:
        raise HromadaDataError(f"'kind' must be 'simple' or 'type'; got {kind!r}.")
    return _wrap_vector(out, labels, name=f"{label}_multiplier")


def income_multipliers(L, value_added_or_wages, x, *, kind="simple", households=False):
    r"""Return income (value added or wages) multipliers.

    Parameters
    ----------
    L : array_like or DataFrame, shape (..., n, n)
        Leontief inverse (open for Type I, closed with :func:`close_households` for Type II).
    value_added_or_wages : array_like or Series, shape (..., n)
        Income created directly by each sector (compensation of employees for household
        income multipliers, gross value added for GDP multipliers).
    x : array_like or Series, shape (..., n)
        Gross output.
    kind : {"simple", "type"}, default "simple"
        ``"simple"``: income per unit of final demand, :math:`h L` (pymrio's ``M``).
        ``"type"``: that divided by the direct coefficient :math:`h_j`, i.e. the Type I
        (open ``L``) or Type II (closed ``L``) income multiplier.
    households : bool, default False
        ``L`` is the closed inverse with households last (its household row/column is
        dropped).

    Returns
    -------
    ndarray or Series, shape (..., n)

    Notes
    -----
    :math:`h_j = w_j / x_j`; simple multiplier :math:`m(h)_j = \sum_i h_i l_{ij}`;
    Type I/II: :math:`m(h)_j / h_j` (Miller & Blair 2009, sect. 6.3). Sectors with
    :math:`h_j = 0` give NaN for ``kind="type"`` with a :class:`DegenerateResultWarning`.

    References
    ----------
    Miller & Blair (2009), ch. 6; pymrio ``calc_M`` for the simple form.

    Examples
    --------
    >>> L = [[1.25412541, 0.330033], [0.2640264, 1.12211221]]
    >>> income_multipliers(L, [300.0, 500.0], [1000.0, 2000.0]).round(4)
    array([0.4422, 0.3795])
    """
    return _factor_multipliers(
        L,
        value_added_or_wages,
        x,
        kind=kind,
        households=households,
        name="value_added_or_wages",
        label="income",
    )


def employment_multipliers(L, jobs, x, *, kind="simple", households=False):
    r"""Return employment multipliers (jobs per unit of final demand, or Type I/II ratios).

    Parameters
    ----------
    L : array_like or DataFrame, shape (..., n, n)
        Leontief inverse (open or closed).
    jobs : array_like or Series, shape (..., n)
        Employment of each sector (persons or full-time equivalents).
    x : array_like or Series, shape (..., n)
        Gross output.
    kind : {"simple", "type"}, default "simple"
        ``"simple"``: jobs per unit of final demand, :math:`e L`; ``"type"``: divided by
        the direct jobs coefficient :math:`e_j`.
    households : bool, default False
        ``L`` is the closed inverse with households last.

    Returns
    -------
    ndarray or Series, shape (..., n)

    Notes
    -----
    :math:`e_j = \text{jobs}_j / x_j`, :math:`m(e)_j = \sum_i e_i l_{ij}` and the Type
    multiplier :math:`m(e)_j / e_j` (Miller & Blair 2009, sect. 6.4). Units: if ``x`` is in
    million UAH, ``kind="simple"`` is jobs per million UAH of final demand.

    References
    ----------
    Miller & Blair (2009), ch. 6.

    Examples
    --------
    >>> L = [[1.25412541, 0.330033], [0.2640264, 1.12211221]]
    >>> employment_multipliers(L, [300.0, 500.0], [1000.0, 2000.0], kind="type").round(4)
    array([1.4741, 1.5182])
    """
    return _factor_multipliers(
        L, jobs, x, kind=kind, households=households, name="jobs", label="employment"
    )


def close_households(A, x, wages, household_consumption, *, household_income=None):
    r"""Return the coefficient matrix closed with respect to households (Type II model).

    Parameters
    ----------
    A : array_like or DataFrame, shape (..., n, n)
        Technical coefficients.
    x : array_like or Series, shape (..., n)
        Gross output.
    wages : array_like or Series, shape (..., n)
        Compensation of employees (household income earned) by sector.
    household_consumption : array_like or Series, shape (..., n)
        Household final consumption of each (domestic) product.
    household_income : float or array_like, optional
        Total household income that the consumption is spent from; by default the sum of
        ``wages`` (Miller & Blair's convention), which makes the household column the
        consumption per unit of labour income.

    Returns
    -------
    ndarray or DataFrame, shape (..., n + 1, n + 1)
        :math:`\bar A = [[A, h_c], [h_r, 0]]`; a DataFrame gets a ``"households"`` row
        and column.

    Notes
    -----
    :math:`h_{r,j} = w_j / x_j` (labour input coefficients) and
    :math:`h_{c,i} = C_i / W` (consumption coefficients), Miller & Blair (2009),
    sect. 2.5. ``leontief_inverse`` of the result gives Type II multipliers; pass
    ``households=True`` to the multiplier functions to drop the household row/column.

    References
    ----------
    Miller & Blair (2009), sect. 2.5 and 6.2.2.

    Examples
    --------
    >>> Abar = close_households([[0.15, 0.25], [0.2, 0.05]], [1000.0, 2000.0],
    ...                         [300.0, 500.0], [200.0, 400.0])
    >>> Abar.shape
    (3, 3)
    """
    arr, rows, cols = _matrix(A, "A")
    n = arr.shape[-1]
    xv = _vector(x, "x", cols, n)
    w = _vector(wages, "wages", cols, n)
    c = _vector(household_consumption, "household_consumption", cols, n)
    if (xv < 0).any() or (w < 0).any() or (c < 0).any():
        raise HromadaDataError("'x', 'wages' and 'household_consumption' must be >= 0.")
    if ((xv == 0) & (w > 0)).any():
        raise HromadaDataError(
            "'wages' are positive for a sector with zero output 'x'; a sector that pays "
            "wages must have output (sectors absent from a region need zero wages)."
        )
    if household_income is None:
        income = w.sum(axis=-1)
    else:
        income = _to_float(household_income, "household_income")
    income = np.asarray(income, dtype=float)
    if (income <= 0).any():
        raise HromadaDataError("'household_income' (default: the sum of wages) must be > 0.")
    hr = w / np.where(xv == 0, 1.0, xv)
    hc = c / income[..., None]
    batch = np.broadcast_shapes(arr.shape[:-2], hr.shape[:-1], hc.shape[:-1])
    out = np.zeros(batch + (n + 1, n + 1))
    out[..., :n, :n] = arr
    out[..., :n, n] = hc
    out[..., n, :n] = hr
    if rows is not None:
        labels = rows.append(pd.Index([HOUSEHOLDS]))
        return _wrap_matrix(out, labels, labels)
    return out


def impact(L, delta_f, *, x=None, value_added_or_wages=None, jobs=None, households=False):
    r"""Return the change in output, income and jobs by sector for a change in final demand.

    Parameters
    ----------
    L : array_like or DataFrame, shape (n, n)
        Leontief inverse (closed with households last for Type II effects).
    delta_f : array_like, Series or DataFrame, shape (n,) or (m, n)
        Change in final demand by sector (``m`` scenarios in rows for a batch).
    x : array_like or Series, optional
        Gross output; needed for income and jobs.
    value_added_or_wages, jobs : array_like or Series, optional
        Direct income and employment by sector.
    households : bool, default False
        ``L`` is the closed (n+1) inverse; the household component is dropped.

    Returns
    -------
    DataFrame or dict of ndarray
        For labelled input (or a 1-D shock with labels), a DataFrame with columns
        ``output``, ``income``, ``jobs`` (rows: sectors; with a scenario level for a
        batch); otherwise a dict of arrays with the same keys.

    Notes
    -----
    :math:`\Delta x = L \Delta f`; :math:`\Delta w = \hat h \Delta x`;
    :math:`\Delta e = \hat e \Delta x` with :math:`h = w / x`, :math:`e = jobs / x`
    (Miller & Blair 2009, sect. 2.3 and 6.3).

    References
    ----------
    Miller & Blair (2009), ch. 2 and 6.

    Examples
    --------
    >>> L = [[1.25412541, 0.330033], [0.2640264, 1.12211221]]
    >>> impact(L, [600.0, 1500.0])["output"].round(1)
    array([1247.5, 1841.6])
    """
    arr, rows, cols = _matrix(L, "L")
    Lt = _truncate(arr, households)
    labels = cols[:-1] if (households and cols is not None) else cols
    n = Lt.shape[-1]
    df = _vector(delta_f, "delta_f", labels, n)
    dx = np.einsum("...ij,...j->...i", Lt, df) if df.ndim == 1 else df @ Lt.T
    out = {"output": dx}
    if value_added_or_wages is not None or jobs is not None:
        if x is None:
            raise HromadaDataError("'x' (gross output) is needed to compute income or jobs.")
        xv = _vector(x, "x", labels, n)
        if (xv <= 0).any():
            raise HromadaDataError("'x' must be > 0 for every sector.")
        if value_added_or_wages is not None:
            out["income"] = dx * (
                _vector(value_added_or_wages, "value_added_or_wages", labels, n) / xv
            )
        if jobs is not None:
            out["jobs"] = dx * (_vector(jobs, "jobs", labels, n) / xv)
    labels = labels if labels is not None else _labels_of(delta_f)
    if labels is None:
        return out
    if dx.ndim == 1:
        return pd.DataFrame(out, index=labels)
    scen = delta_f.index if isinstance(delta_f, pd.DataFrame) else pd.RangeIndex(dx.shape[0])
    frames = {k: pd.DataFrame(v, index=scen, columns=labels).stack() for k, v in out.items()}
    res = pd.DataFrame(frames)
    res.index.names = ["scenario", "sector"]
    return res


def multiplier_table(A, x, *, wages=None, jobs=None, household_consumption=None, value_added=None):
    """Return a table of Type I and (if households are given) Type II multipliers.

    Parameters
    ----------
    A : array_like or DataFrame, shape (n, n)
        Technical coefficients.
    x : array_like or Series, shape (n,)
        Gross output.
    wages, jobs, household_consumption, value_added : array_like or Series, optional
        Compensation of employees, employment, household consumption of domestic
        products and gross value added by sector. Type II needs ``wages`` and
        ``household_consumption``.

    Returns
    -------
    DataFrame
        One row per sector; columns ``output_type1``, ``output_type2``,
        ``income_simple_type1``, ``income_type1``, ``income_type2``,
        ``employment_simple_type1``, ``employment_type1``, ``employment_type2``,
        ``value_added_simple_type1`` as the inputs allow.

    Notes
    -----
    A convenience over :func:`leontief_inverse`, :func:`close_households` and the
    multiplier functions; see their formulas.

    References
    ----------
    Miller & Blair (2009), ch. 6.

    Examples
    --------
    >>> t = multiplier_table([[0.15, 0.25], [0.2, 0.05]], [1000.0, 2000.0])
    >>> list(t.columns)
    ['output_type1']
    """
    L = leontief_inverse(A)
    labels = _labels_of(A, x)
    n = np.shape(L)[-1]
    res = {"output_type1": np.asarray(output_multipliers(L))}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DegenerateResultWarning)
        if value_added is not None:
            res["value_added_simple_type1"] = np.asarray(income_multipliers(L, value_added, x))
        if wages is not None:
            res["income_simple_type1"] = np.asarray(income_multipliers(L, wages, x))
            res["income_type1"] = np.asarray(income_multipliers(L, wages, x, kind="type"))
        if jobs is not None:
            res["employment_simple_type1"] = np.asarray(employment_multipliers(L, jobs, x))
            res["employment_type1"] = np.asarray(employment_multipliers(L, jobs, x, kind="type"))
        if wages is not None and household_consumption is not None:
            L2 = leontief_inverse(close_households(A, x, wages, household_consumption))
            res["output_type2"] = np.asarray(output_multipliers(L2, households=True))
            res["income_type2"] = np.asarray(
                income_multipliers(L2, wages, x, kind="type", households=True)
            )
            if jobs is not None:
                res["employment_type2"] = np.asarray(
                    employment_multipliers(L2, jobs, x, kind="type", households=True)
                )
    order = [
        "output_type1",
        "output_type2",
        "value_added_simple_type1",
        "income_simple_type1",
        "income_type1",
        "income_type2",
        "employment_simple_type1",
        "employment_type1",
        "employment_type2",
    ]
    index = labels if labels is not None else pd.RangeIndex(n, name="sector")
    return pd.DataFrame({k: res[k] for k in order if k in res}, index=index)


# --------------------------------------------------------------------------- regionalisation
def _regional_input(regional_size, national_size, labels, columns):
    """Return the regional input as arrays and labels.

    (R, n) regional sizes, (n,) national sizes, region labels, sector labels, and whether
    a single region was given.
    """
    region_labels = None
    single = False
    if isinstance(regional_size, pd.DataFrame) and (
        columns is not None or {"region", "sector", "value"} <= set(regional_size.columns)
    ):
        panel = check_panel(regional_size, columns=columns, year="forbidden", name="regional_size")
        wide = panel.pivot(index="region", columns="sector", values="value")
        if labels is not None:
            unknown = wide.columns.difference(labels)
            if len(unknown):
                raise HromadaDataError(
                    f"'regional_size' has sectors that are not in 'A_national': "
                    f"{_first(unknown)}. Map them to the table's sectors first."
                )
            wide = wide.reindex(columns=labels)
        regional_size = wide.fillna(0.0)
    if isinstance(regional_size, pd.Series):
        single = True
        regional_size = regional_size.to_frame().T
    if isinstance(regional_size, pd.DataFrame):
        region_labels = regional_size.index
        sector_labels = regional_size.columns
        if labels is not None and not sector_labels.equals(labels):
            missing, extra = labels.difference(sector_labels), sector_labels.difference(labels)
            if len(missing) or len(extra):
                raise HromadaDataError(
                    f"'regional_size' must have one column per sector of 'A_national'; "
                    f"missing: {_first(missing)}; unknown: {_first(extra)}."
                )
            regional_size = regional_size.reindex(columns=labels)
        E = _to_float(regional_size.to_numpy(), "regional_size")
    else:
        E = _to_float(regional_size, "regional_size")
        if E.ndim == 1:
            single = True
            E = E[None, :]
    if E.ndim != 2:
        raise HromadaDataError(
            f"'regional_size' must be (n_sectors,) or (n_regions, n_sectors); got {E.shape}."
        )
    n = E.shape[1]
    if national_size is None:
        N = E.sum(axis=0)
    else:
        N = _vector(national_size, "national_size", labels, n)
    if N.ndim != 1:
        raise HromadaDataError(f"'national_size' must be 1-D (n_sectors,); got {N.shape}.")
    if (E < 0).any() or (N < 0).any():
        raise HromadaDataError("'regional_size' and 'national_size' must be >= 0.")
    bad = (N == 0) & (E > 0).any(axis=0)
    if bad.any():
        raise HromadaDataError(
            f"'national_size' is zero for sectors {_first(np.flatnonzero(bad))} where a region "
            f"has a positive size; regional and national sizes must measure the same thing."
        )
    return E, N, region_labels, single


def location_quotient_matrix(
    regional_size, national_size, *, method="flq", delta=0.25, columns=None
):
    """Return the (uncapped) location-quotient matrix used to regionalise coefficients.

    Parameters
    ----------
    regional_size : array_like (R, n) or (n,), DataFrame (regions x sectors), Series, or a
        long panel (region, sector, value)
        Size of each sector in each region (employment or output).
    national_size : array_like or Series (n,), optional
        National size of each sector; by default the sum over the regions given.
    method : {"slq", "cilq", "flq", "aflq"}
        Which quotient, see :func:`regionalise`.
    delta : float, default 0.25
        FLQ/AFLQ exponent, ``0 <= delta < 1``.
    columns : mapping, optional
        Column names of a long panel (see :func:`hromada.econ._panel.check_panel`).

    Returns
    -------
    ndarray, shape (R, n, n) or (n, n)
        ``LQ[r, i, j]`` for supplying sector ``i`` and purchasing sector ``j``.

    Notes
    -----
    See :func:`regionalise`.

    References
    ----------
    Flegg & Webber (1997); Flegg & Tohmo (2013); McCann & Dewhurst (1998).

    Examples
    --------
    >>> location_quotient_matrix([10.0, 30.0], [100.0, 100.0], method="slq")
    array([[0.5, 0.5],
           [1.5, 1.5]])
    """
    E, N, _, single = _regional_input(regional_size, national_size, None, columns)
    lq = _lq(E, N, method, delta)
    return lq[0] if single else lq


def _lq(E: np.ndarray, N: np.ndarray, method: str, delta: float) -> np.ndarray:
    if method not in _METHODS:
        raise HromadaDataError(f"'method' must be one of {_METHODS}; got {method!r}.")
    delta = float(delta)
    if not 0 <= delta < 1:
        raise HromadaDataError(f"'delta' must be in [0, 1); got {delta}.")
    Er = E.sum(axis=1, keepdims=True)  # (R, 1)
    Nt = N.sum()
    if Nt <= 0:
        raise HromadaDataError("'national_size' must have a positive total.")
    zero_region = Er[:, 0] == 0
    if zero_region.any():
        warnings.warn(
            f"{int(zero_region.sum())} regions have zero total size; their coefficients are NaN.",
            DegenerateResultWarning,
            stacklevel=3,
        )
    share_n = N / Nt
    with np.errstate(divide="ignore", invalid="ignore"):
        share_r = E / np.where(Er == 0, np.nan, Er)
        slq = np.where(N > 0, share_r / np.where(share_n > 0, share_n, 1.0), 0.0)  # (R, n)
    n = E.shape[1]
    if method == "slq":
        return np.broadcast_to(slq[:, :, None], slq.shape + (n,)).copy()
    si = slq[:, :, None]
    sj = slq[:, None, :]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        cilq = np.where(si == 0, 0.0, si / sj)  # sj == 0 -> inf (capped at 1 later)
    diag = np.arange(n)
    cilq[:, diag, diag] = slq
    if method == "cilq":
        return cilq
    with np.errstate(invalid="ignore"):
        lam = np.log2(1.0 + Er[:, 0] / Nt) ** delta  # (R,)
    flq = cilq * lam[:, None, None]
    if method == "flq":
        return flq
    with np.errstate(invalid="ignore"):
        aug = np.where(slq > 1, np.log2(1.0 + slq), 1.0)  # by purchasing sector j
    return flq * aug[:, None, :]


def regionalise(
    A_national, regional_size, national_size=None, method="flq", delta=0.25, *, columns=None
):
    r"""Return regional technical coefficients estimated from national ones by location quotients.

    Parameters
    ----------
    A_national : array_like or DataFrame, shape (n, n)
        National technical coefficients.
    regional_size : array_like (n_regions, n_sectors) or (n_sectors,), DataFrame (regions x
        sectors), Series (one region), or a long panel with columns region, sector, value
        Sector employment (or output) of each region. Many regions go in one call.
    national_size : array_like or Series (n_sectors,), optional
        National employment (or output) by sector; by default the sum over the regions.
    method : {"slq", "cilq", "flq", "aflq"}, default "flq"
        Simple, cross-industry, Flegg, or augmented Flegg location quotient.
    delta : float, default 0.25
        FLQ/AFLQ exponent in [0, 1); larger values shrink coefficients more.
    columns : mapping, optional
        Column names of a long panel, e.g. ``{"region": "hromada", "value": "jobs"}``.

    Returns
    -------
    ndarray (n_regions, n, n) or (n, n), or DataFrame
        Regional coefficients :math:`r_{ij} = a_{ij} \min(LQ_{ij}, 1)`. For labelled input
        with several regions a DataFrame with a (region, sector) row index.

    Notes
    -----
    With :math:`E^r_i` the regional and :math:`E^n_i` national size:

    * SLQ: :math:`SLQ_i = (E^r_i / E^r) / (E^n_i / E^n)`, used for every purchaser j.
    * CILQ: :math:`CILQ_{ij} = SLQ_i / SLQ_j`, with :math:`SLQ_i` on the diagonal
      (Smith & Morrison's convention, as in Flegg & Webber 1997).
    * FLQ: :math:`FLQ_{ij} = CILQ_{ij} \lambda^*`,
      :math:`\lambda^* = [\log_2(1 + E^r / E^n)]^\delta` (Flegg & Webber 1997).
    * AFLQ: :math:`FLQ_{ij} \log_2(1 + SLQ_j)` where :math:`SLQ_j > 1`, else FLQ
      (Flegg & Webber 2000, after McCann & Dewhurst 1998 on regional specialisation).

    Quotients are capped at 1, so a regional coefficient never exceeds the national one
    (AFLQ included). A supplying sector absent from the region gives 0; a purchasing
    sector absent from the region keeps the capped value (it buys nothing anyway).
    Flegg & Tohmo (2013) find delta around 0.2-0.3 for Finnish regions; 0.25 is the
    default.

    References
    ----------
    Flegg, A. T. & Webber, C. D. (1997). On the appropriate use of location quotients in
    generating regional input-output tables: reply. *Regional Studies* 31(8), 795-805.
    Flegg, A. T. & Tohmo, T. (2013). Regional input-output tables and the FLQ formula: a
    case study of Finland. *Regional Studies* 47(5), 703-721.
    McCann, P. & Dewhurst, J. H. L. (1998). Regional size, industrial location and
    input-output expenditure coefficients. *Regional Studies* 32(5), 435-444.

    Examples
    --------
    >>> A = [[0.15, 0.25], [0.2, 0.05]]
    >>> regionalise(A, [10.0, 30.0], [100.0, 100.0], method="slq")
    array([[0.075, 0.125],
           [0.2  , 0.05 ]])
    """
    arr, rows, cols = _check_A(A_national, "A_national")
    if arr.ndim != 2:
        raise HromadaDataError(f"'A_national' must be one (n, n) matrix; got shape {arr.shape}.")
    E, N, region_labels, single = _regional_input(regional_size, national_size, cols, columns)
    if E.shape[1] != arr.shape[0]:
        raise HromadaDataError(
            f"'regional_size' must have one column per sector of 'A_national' "
            f"({arr.shape[0]}); got {E.shape[1]}."
        )
    lq = _lq(E, N, method, delta)
    R = arr[None, :, :] * np.minimum(lq, 1.0)
    if single:
        return _wrap_matrix(R[0], rows, cols)
    if cols is None and region_labels is None:
        return R
    sectors = cols if cols is not None else pd.RangeIndex(arr.shape[0])
    regions = region_labels if region_labels is not None else pd.RangeIndex(E.shape[0])
    index = pd.MultiIndex.from_product([regions, sectors], names=["region", "sector"])
    return pd.DataFrame(R.reshape(-1, arr.shape[0]), index=index, columns=sectors)


def regionalise_households(
    c_national, regional_size, national_size=None, method="flq", delta=0.25, *, columns=None
):
    r"""Return households' local purchase coefficients, regionalised like intermediate inputs.

    Parameters
    ----------
    c_national : array_like or Series, shape (n,)
        National household purchases of each domestic product per unit of household
        income (e.g. per UAH of disposable income).
    regional_size, national_size, method, delta, columns
        As in :func:`regionalise`.

    Returns
    -------
    ndarray (n_regions, n) or (n,), Series or DataFrame
        :math:`c^r_i = c_i \min(LQ_{ih}, 1)` with households as the purchasing sector.

    Notes
    -----
    Households buy with the same location quotients as firms (Miller & Blair 2009,
    sect. 3.3 and 6.2: a regional Type II model closes households with *regional*
    purchase coefficients). Households are an average purchaser (their own SLQ is 1), so
    :math:`LQ_{ih} = SLQ_i` for SLQ and CILQ, and :math:`SLQ_i \lambda^*` for FLQ and
    AFLQ (no specialisation term). A product the region does not make is bought
    outside: 0.

    References
    ----------
    Miller & Blair (2009), ch. 3 and 6; Flegg & Tohmo (2013).

    Examples
    --------
    >>> regionalise_households([0.3, 0.2], [10.0, 30.0], [100.0, 100.0], method="slq")
    array([0.15, 0.2 ])
    """
    labels = _labels_of(c_national)
    E, N, region_labels, single = _regional_input(regional_size, national_size, labels, columns)
    n = E.shape[1]
    c = _vector(c_national, "c_national", labels, n)
    if c.ndim != 1:
        raise HromadaDataError(f"'c_national' must be 1-D (n_sectors,); got shape {c.shape}.")
    if (c < 0).any():
        raise HromadaDataError(
            f"'c_national' must be >= 0; got {c.min():.6g} (a household purchase coefficient)."
        )
    lq = _lq(E, N, "slq", 0.0)[:, :, 0]  # (R, n): SLQ_i
    if method in ("flq", "aflq"):
        _lq(E, N, method, delta)  # validates delta
        lam = np.log2(1.0 + E.sum(axis=1) / N.sum()) ** float(delta)
        lq = lq * lam[:, None]
    elif method not in _METHODS:
        raise HromadaDataError(f"'method' must be one of {_METHODS}; got {method!r}.")
    out = c[None, :] * np.minimum(lq, 1.0)
    if single:
        return _wrap_vector(out[0], labels, name="household_consumption")
    if labels is None and region_labels is None:
        return out
    cols = labels if labels is not None else pd.RangeIndex(n)
    return pd.DataFrame(out, index=region_labels, columns=cols)
