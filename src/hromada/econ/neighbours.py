"""Similar municipalities: nearest neighbours of a hromada on standardised features.

Numeric features are standardised to z-scores over all hromadas; categorical ones (type,
war status) are one-hot encoded. The distance is a weighted Euclidean distance whose
square is the sum of per-feature contributions, so a user sees *why* two hromadas are
close and can change the weights. Pure pandas/numpy, no I/O.

Examples
--------
>>> import pandas as pd
>>> f = pd.DataFrame({"pop": [1.0, 2.0, 10.0], "kind": ["a", "a", "b"]},
...                  index=["x", "y", "z"])
>>> similar_municipalities(f, "x", k=1).index.tolist()
['y']
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from hromada.econ.errors import DegenerateResultWarning, HromadaDataError
from hromada.econ.fiscal import _first, fiscal_indicators

__all__ = ["DEFAULT_FEATURES", "feature_table", "similar_municipalities", "standardised_features"]

#: Columns of :func:`feature_table`.
DEFAULT_FEATURES: tuple[str, ...] = (
    "log_population",
    "urban_share",
    "type",
    "war_status",
    "distance_to_russia_km",
    "own_per_capita",
    "transfer_share",
    "military_share_own",
    "share_pit_civil",
    "share_single_tax",
    "share_property_tax",
)


def _is_categorical(s: pd.Series) -> bool:
    return not pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s)


def standardised_features(
    features: pd.DataFrame, *, categorical: Sequence[str] | None = None
) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    r"""Return the encoded feature matrix and which encoded columns belong to each feature.

    Parameters
    ----------
    features : DataFrame
        One row per hromada (index), one column per feature.
    categorical : sequence of str, optional
        Columns to one-hot encode; default every non-numeric or boolean column.

    Returns
    -------
    encoded : DataFrame
        Numeric columns as z-scores :math:`(x - \bar x)/s` (population standard
        deviation; a constant column gives zeros; missing values get 0, the mean);
        categorical columns as dummies ``<feature>=<level>`` scaled by
        :math:`1/\sqrt 2`, so two different levels contribute 1 to the squared distance,
        like one standard deviation of a numeric feature.
    groups : dict
        Feature -> its encoded columns.
    """
    if not isinstance(features, pd.DataFrame):
        raise HromadaDataError(
            f"'features' must be a DataFrame indexed by hromada; got {type(features).__name__}."
        )
    if features.index.duplicated().any():
        raise HromadaDataError(
            f"'features' has duplicate index labels "
            f"{_first(features.index[features.index.duplicated()])}; one row per hromada."
        )
    if features.shape[1] == 0 or len(features) < 2:
        raise HromadaDataError("'features' needs at least one column and two rows.")
    cats = (
        set(categorical)
        if categorical is not None
        else {c for c in features if _is_categorical(features[c])}
    )
    unknown = cats - set(features.columns)
    if unknown:
        raise HromadaDataError(f"'categorical' names unknown columns {_first(sorted(unknown))}.")
    parts, groups = [], {}
    for col in features.columns:
        s = features[col]
        if col in cats:
            dummies = pd.get_dummies(
                s.astype("string"), prefix=str(col), prefix_sep="=", dtype=float
            )
            dummies /= np.sqrt(2.0)
            parts.append(dummies)
            groups[col] = list(dummies.columns)
        else:
            x = pd.to_numeric(s, errors="coerce").astype(float)
            if np.isinf(x).any():
                raise HromadaDataError(
                    f"'features' column {col!r} has infinite values at "
                    f"{_first(x.index[np.isinf(x)])}."
                )
            sd = x.std(ddof=0)
            z = (x - x.mean()) / sd if sd > 0 else x * 0.0
            parts.append(z.fillna(0.0).rename(col).to_frame())
            groups[col] = [col]
    return pd.concat(parts, axis=1), groups


def similar_municipalities(
    features: pd.DataFrame,
    target,
    *,
    weights: Mapping[str, float] | None = None,
    k: int = 10,
    categorical: Sequence[str] | None = None,
) -> pd.DataFrame:
    r"""Return the ``k`` hromadas nearest to ``target`` on standardised, weighted features.

    Parameters
    ----------
    features : DataFrame
        One row per hromada (index), one column per feature (see :func:`feature_table`).
    target : label
        Index label of the hromada whose neighbours are wanted; it is never returned.
    weights : mapping feature -> float >= 0, optional
        Weight of each feature (default 1; features not named keep 1; 0 ignores one).
    k : int, default 10
        Number of neighbours (fewer if there are fewer other hromadas).
    categorical : sequence of str, optional
        Columns to one-hot encode; default the non-numeric and boolean columns.

    Returns
    -------
    DataFrame
        Index: the neighbours, nearest first. Columns ``distance`` and
        ``contribution_<feature>`` for every feature: :math:`w_f c_f`, which add up to
        ``distance ** 2``.

    Notes
    -----
    :math:`d(i,j)^2 = \sum_f w_f \sum_{c \in f} (z_{ic} - z_{jc})^2` over the encoded
    columns :math:`c` of feature :math:`f` (see :func:`standardised_features`). The
    distance is symmetric; standardisation uses all rows of ``features``, so the
    neighbours depend on which hromadas are in the table. Ties are broken by index order.

    References
    ----------
    Hastie, T., Tibshirani, R., Friedman, J. (2009). The Elements of Statistical Learning,
    2nd ed., section 13.3 (nearest-neighbour methods, standardisation of inputs).

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"a": [0.0, 1.0, 3.0], "b": [0.0, 5.0, 0.0]}, index=list("xyz"))
    >>> similar_municipalities(f, "x", k=2, weights={"b": 0}).index.tolist()
    ['y', 'z']
    """
    if k < 1:
        raise HromadaDataError(f"'k' must be >= 1; got {k}.")
    encoded, groups = standardised_features(features, categorical=categorical)
    if target not in encoded.index:
        raise HromadaDataError(
            f"'target' {target!r} is not in the index of 'features' "
            f"({len(encoded)} rows, e.g. {_first(encoded.index, 3)})."
        )
    w = {f: 1.0 for f in groups}
    if weights:
        unknown = set(weights) - set(groups)
        if unknown:
            raise HromadaDataError(
                f"'weights' names unknown features {_first(sorted(unknown))}; "
                f"features: {', '.join(map(str, groups))}."
            )
        for f, v in weights.items():
            v = float(v)
            if not np.isfinite(v) or v < 0:
                raise HromadaDataError(f"'weights'[{f!r}] must be a finite number >= 0; got {v}.")
            w[f] = v
    if all(v == 0 for v in w.values()):
        warnings.warn(
            "similar_municipalities: all weights are 0, every distance is 0.",
            DegenerateResultWarning,
            stacklevel=2,
        )
    z = encoded.to_numpy()
    pos = encoded.index.get_loc(target)
    sq = (z - z[pos]) ** 2  # (n, encoded columns)
    col_feature = np.concatenate([[i] * len(cols) for i, cols in enumerate(groups.values())])
    contrib = np.zeros((len(z), len(groups)))
    np.add.at(contrib.T, col_feature, sq.T)
    contrib *= np.array([w[f] for f in groups])
    dist = np.sqrt(contrib.sum(axis=1))
    order = np.argsort(dist, kind="stable")
    order = order[order != pos][:k]
    out = pd.DataFrame(
        contrib[order],
        index=encoded.index[order],
        columns=[f"contribution_{f}" for f in groups],
    )
    out.insert(0, "distance", dist[order])
    return out


def feature_table(
    registry: pd.DataFrame,
    budget: pd.DataFrame | None = None,
    *,
    year: int = 2022,
    budget_columns: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    r"""Return the default features of :func:`similar_municipalities`, one row per hromada.

    Parameters
    ----------
    registry : DataFrame
        The hromada registry (``hromada.refdata.hromadas()``): columns ``code`` (or the
        index), ``population``, ``urban_share``, ``type``, ``war_status``,
        ``distance_to_russia_km``.
    budget : DataFrame, optional
        Budget rows (``hromada.refdata.budgets()``); adds the fiscal features.
    year : int, default 2022
        Year of the fiscal features.
    budget_columns : mapping, optional
        ``columns=`` of :mod:`hromada.econ.fiscal` for a budget named otherwise.

    Returns
    -------
    DataFrame
        Index hromada code; columns of :data:`DEFAULT_FEATURES` (the fiscal ones only
        with ``budget``): ``log_population`` = :math:`\ln P`, ``urban_share``, ``type``,
        ``war_status``, ``distance_to_russia_km``, ``own_per_capita`` (UAH), and the
        revenue structure ``transfer_share``, ``military_share_own``, ``share_pit_civil``,
        ``share_single_tax``, ``share_property_tax``.

    Examples
    --------
    >>> import pandas as pd
    >>> reg = pd.DataFrame({"code": ["A", "B"], "population": [1000, 5000],
    ...     "urban_share": [0.0, 0.5], "type": ["сільська", "міська"],
    ...     "war_status": ["not occupied", "occupied"], "distance_to_russia_km": [400, 20]})
    >>> feature_table(reg).columns.tolist()[:3]
    ['log_population', 'urban_share', 'type']
    """
    reg = registry.set_index("code") if "code" in registry.columns else registry
    needed = ["population", "urban_share", "type", "war_status", "distance_to_russia_km"]
    missing = [c for c in needed if c not in reg.columns]
    if missing:
        raise HromadaDataError(
            f"'registry' lacks the columns {', '.join(missing)}; pass "
            "hromada.refdata.hromadas() or a table with these columns."
        )
    pop = reg["population"].astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = pd.DataFrame({"log_population": np.log(pop.where(pop > 0))}, index=reg.index)
    out["urban_share"] = reg["urban_share"].astype(float)
    out["type"] = reg["type"].astype("string")
    out["war_status"] = reg["war_status"].astype("string")
    out["distance_to_russia_km"] = reg["distance_to_russia_km"].astype(float)
    if budget is not None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DegenerateResultWarning)
            ind = fiscal_indicators(budget, pop, year=year, columns=budget_columns)
        for col in DEFAULT_FEATURES[5:]:
            out[col] = ind[col].reindex(out.index)
    out.index.name = "code"
    return out
