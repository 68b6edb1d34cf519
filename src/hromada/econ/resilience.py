"""Resilience to a shock.

How hard a shock (for Ukraine, 2022) hit each region compared with the reference, and
whether it is recovering.

:func:`shock_indices` gives the resistance and recovery indices of Martin (2012) and
Martin, Sunley, Gardiner & Tyler (2016) for every region (and sector) at once, with the
split of the gap between actual and expected change into a structural (sector mix) and
a competitive part.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from hromada.econ.errors import DegenerateResultWarning, HromadaDataError
from hromada.econ.shiftshare import _check_start_sectors, _check_start_totals, _kernel
from hromada.econ.structure import _build_cube

__all__ = ["shock_indices"]


def _check_phase_years(pre, trough, post):
    try:
        years = [int(pre), int(trough)] + ([] if post is None else [int(post)])
    except (TypeError, ValueError):
        raise HromadaDataError(
            f"'pre', 'trough' and 'post' must be years; got pre={pre!r}, trough={trough!r}, "
            f"post={post!r}."
        ) from None
    if any(a >= b for a, b in zip(years[:-1], years[1:], strict=False)):
        raise HromadaDataError(
            f"the years must be in order pre < trough < post; got pre={pre!r}, "
            f"trough={trough!r}, post={post!r}."
        )
    return years


def _ratio(num, den, what, *, warn=True):
    """Return num / |den|, NaN (with a warning) where den is zero."""
    zero = den == 0
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(zero, np.nan, num / np.abs(np.where(zero, 1.0, den)))
    if warn and zero.any():
        warnings.warn(
            f"the expected change is zero for {int(zero.sum())} case(s) of the {what} index "
            "(the reference did not change), so the index is undefined; returning NaN there.",
            DegenerateResultWarning,
            stacklevel=4,
        )
    return out


def shock_indices(
    panel: pd.DataFrame,
    pre,
    trough,
    post=None,
    *,
    reference: pd.DataFrame | None = None,
    columns=None,
    by_sector: bool = False,
) -> pd.DataFrame:
    """Resistance (pre -> trough) and recovery (trough -> post) indices of every region.

    Parameters
    ----------
    panel : DataFrame
        Long panel with ``region``, ``sector``, ``year``, ``value`` (e.g. employment).
    pre, trough : int
        The last year before the shock and the year of the trough (e.g. 2021, 2022).
    post : int, optional
        A later year for the recovery indices.
    reference : DataFrame, optional
        ``sector``, ``year``, ``value`` of the nation; default the sum over all regions.
    columns : mapping, optional
        Column mapping.
    by_sector : bool, default False
        One row per region and sector, comparing each sector with the same sector of
        the reference.

    Returns
    -------
    DataFrame
        Per region: ``value_pre``, ``value_trough`` [, ``value_post``];
        ``shock_growth`` (``g_r``) and ``reference_shock_growth`` (``g_N``),
        ``sensitivity`` (``g_r / g_N``, Martin 2012), the levels
        ``shock_actual_change``, ``shock_expected_change``, ``shock_structural_effect``,
        ``shock_competitive_effect`` and the indices ``resistance``,
        ``resistance_structural``, ``resistance_competitive``; the same with
        ``recovery`` when ``post`` is given.
        With ``by_sector``: per region and sector the values, actual and expected
        changes and the ``resistance`` (``recovery``) index against the sector's
        national change.

    Notes
    -----
    For a phase from year 0 to year 1, with the reference growth ``g_N = N_1/N_0 - 1`` and
    sector growth ``g_i = n_i1/n_i0 - 1`` (Martin et al. 2016, eqs. 1-2 and 5-7)::

        actual      = E_r1 - E_r0
        expected    = E_r0 g_N
        structural  = sum_i e_ri0 g_i - E_r0 g_N        (shift-share industry mix)
        competitive = actual - sum_i e_ri0 g_i          (shift-share regional share)
        index       = (actual - expected) / |expected|  = (g_r - g_N) / |g_N|
                    = structural / |expected| + competitive / |expected|

    Positive resistance: the region lost relatively less than the reference in the
    shock; positive recovery: it grew faster in the recovery. The indices are NaN (with
    a DegenerateResultWarning) when the reference did not change (``g_N = 0``); per
    sector also where the region had none of that sector at the start.

    Raises
    ------
    HromadaDataError
        Years not in the panel or out of order, a region with a zero total at the start of
        a phase, a sector with a zero reference total at the start of a phase, bad panel.

    References
    ----------
    Martin, R. (2012). Regional economic resilience, hysteresis and recessionary shocks.
    Journal of Economic Geography 12(1), 1-32.
    Martin, R., Sunley, P., Gardiner, B. & Tyler, P. (2016). How regions react to
    recessions: resilience and the role of economic structure. Regional Studies 50(4),
    561-585.

    Examples
    --------
    >>> import pandas as pd
    >>> p = pd.DataFrame({"region": ["a", "a", "b", "b"], "sector": ["x"] * 4,
    ...                   "year": [2021, 2022] * 2, "value": [100.0, 90, 100, 70]})
    >>> shock_indices(p, 2021, 2022)["resistance"].round(4).tolist()
    [0.5, -0.5]
    """
    years = _check_phase_years(pre, trough, post)
    names = ["pre", "trough", "post"][: len(years)]
    cube = _build_cube(
        panel,
        reference=reference,
        columns=columns,
        year="required",
        years=years,
        names=names,
        year_major=True,
    )
    phases = [("shock", "resistance", 0)] + (
        [("recovery", "recovery", 1)] if post is not None else []
    )
    _check_start_totals(cube, len(phases))
    _check_start_sectors(cube, len(phases))
    X, ref = cube.x, cube.ref
    R, S = X.shape[1:]
    labels = ["pre", "trough", "post"]

    if by_sector:
        data = {
            "region": pd.Categorical.from_codes(np.repeat(np.arange(R), S), cube.regions),
            "sector": pd.Categorical.from_codes(np.tile(np.arange(S), R), cube.sectors),
        }
        for k in range(len(years)):
            data[f"value_{labels[k]}"] = X[k].reshape(-1)
        for phase, index, k in phases:
            gi = ref[k + 1] / ref[k] - 1.0
            actual = X[k + 1] - X[k]
            expected = X[k] * gi[None, :]
            idx = _ratio(actual - expected, expected, index, warn=False)
            nbad = int(np.isnan(idx).sum())
            if nbad:
                warnings.warn(
                    f"the sector {index} index is undefined for {nbad} region-sector cell(s) "
                    "with no value at the start or no change of the sector in the reference; "
                    "returning NaN there.",
                    DegenerateResultWarning,
                    stacklevel=2,
                )
            data[f"{phase}_actual_change"] = actual.reshape(-1)
            data[f"{phase}_expected_change"] = expected.reshape(-1)
            data[index] = idx.reshape(-1)
        return pd.DataFrame(data)

    E = X.sum(axis=2)  # (Y, R)
    data = {"region": np.asarray(cube.regions, dtype=object)}
    for k in range(len(years)):
        data[f"value_{labels[k]}"] = E[k]
    for phase, index, k in phases:
        comp = _kernel(X[k], X[k + 1], ref[k], ref[k + 1], "dunn")
        gN = ref[k + 1].sum() / ref[k].sum() - 1.0
        expected = comp["national_share"]
        g_r = E[k + 1] / E[k] - 1.0
        data[f"{phase}_growth"] = g_r
        data[f"reference_{phase}_growth"] = np.full(R, gN)
        if phase == "shock":
            data["sensitivity"] = g_r / gN if gN != 0 else np.full(R, np.nan)
        data[f"{phase}_actual_change"] = comp["growth"]
        data[f"{phase}_expected_change"] = expected
        data[f"{phase}_structural_effect"] = comp["industry_mix"]
        data[f"{phase}_competitive_effect"] = comp["regional_share"]
        data[index] = _ratio(comp["growth"] - expected, expected, index)
        data[f"{index}_structural"] = _ratio(comp["industry_mix"], expected, index, warn=False)
        data[f"{index}_competitive"] = _ratio(comp["regional_share"], expected, index, warn=False)
    return pd.DataFrame(data)
