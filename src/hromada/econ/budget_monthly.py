"""Monthly budget execution as one tidy frame of monthly (not cumulative) amounts.

OpenBudget ``localBudgetData`` answers and the BOOST layout are turned into that frame.

Pure pandas/numpy: the caller reads the file (``hromada.budget.importing`` decodes the
API's windows-1251 ``;``-separated text); here a DataFrame goes in and a DataFrame comes
out. Every problem raises :class:`~hromada.econ.errors.HromadaDataError` naming the
column, the first offending rows (1-based data rows) and values.

The tidy frame (:data:`TIDY_COLUMNS`) has one row per budget, fund, code and month:

``budget``
    the 10-digit budget code (:func:`normalise_budget_code`);
``fund``
    ``C`` general fund, ``S`` special fund, ``T`` total (kept apart, never added);
``code``
    the income code (``COD_INCO``, 8 digits) or the economic classification of
    expenses (``COD_CONS_EK``, 4 digits);
``month``
    the first day of the month (``datetime64``);
``cumulative``
    executed from January to the end of the month (``FAKT_AMT``), UAH;
``amount``
    executed in the month, UAH: ``cumulative(m) - cumulative(m - 1)`` within a year,
    ``cumulative`` in January, so that the months of a year add up to December's
    cumulative exactly.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from hromada.econ.errors import HromadaDataError

__all__ = [
    "TIDY_COLUMNS",
    "FUNDS",
    "normalise_budget_code",
    "parse_periods",
    "decumulate",
    "from_openbudget",
    "from_boost",
]

TIDY_COLUMNS = ("budget", "fund", "code", "month", "cumulative", "amount")
FUNDS = {"C": "general fund", "S": "special fund", "T": "total"}
#: The code column of each ``localBudgetData`` answer the importer understands.
CODE_COLUMNS = ("COD_INCO", "COD_CONS_EK")


def _first(values, n: int = 5) -> str:
    values = list(values)
    shown = ", ".join(repr(v) for v in values[:n])
    return shown + (f" and {len(values) - n} more" if len(values) > n else "")


def _rows(mask: np.ndarray, n: int = 5) -> str:
    rows = np.flatnonzero(mask) + 1
    return _first(rows.tolist(), n)


def normalise_budget_code(codes) -> pd.Series:
    """Return the 10-digit budget code from the API's 10- or 11-digit form.

    Convention: OpenBudget answers ``COD_BUDGET`` with 11 digits (the 10-digit code plus
    a trailing ``0``) for 2021-2022 and with 10 digits from 2023; Kyiv is ``26000000000``.
    Both forms of one budget give the same 10-digit code. A code read as a number that
    lost its leading zero (9 or 10 digits) is padded back.

    Parameters
    ----------
    codes : array-like of str or int

    Returns
    -------
    pandas.Series of str (10 digits)

    Raises
    ------
    HromadaDataError
        A code that is not 9-11 digits, or 11 digits not ending in 0.

    Examples
    --------
    >>> normalise_budget_code(["02536000000", "0253600000", "26000000000"]).tolist()
    ['0253600000', '0253600000', '2600000000']
    """
    s = (
        pd.Series(codes, dtype="object")
        .astype(str)
        .str.strip()
        .str.replace(r"\.0$", "", regex=True)
    )
    bad = ~s.str.fullmatch(r"\d{9,11}")
    if bad.any():
        raise HromadaDataError(
            f"column COD_BUDGET: rows {_rows(bad.to_numpy())} are not budget codes of 10 or "
            f"11 digits: {_first(s[bad].unique())}. Write the code as text (leading zeros kept)."
        )
    eleven = s.str.len() == 11
    wrong = eleven & ~s.str.endswith("0")
    if wrong.any():
        raise HromadaDataError(
            f"column COD_BUDGET: 11-digit codes must end in 0 (the API's old form); rows "
            f"{_rows(wrong.to_numpy())}: {_first(s[wrong].unique())}."
        )
    s = s.where(~eleven, s.str[:10])
    return s.str.zfill(10)


_PATTERNS = (
    (re.compile(r"^(\d{4})-(\d{1,2})(?:-\d{1,2})?(?:[ T].*)?$"), 1, 2),  # 2021-01-31, 2021-01
    (re.compile(r"^(?:\d{1,2}\.)?(\d{1,2})\.(\d{4})$"), 2, 1),  # 31.01.2021, 01.2021
    (re.compile(r"^(\d{4})(\d{2})$"), 1, 2),  # 202101
)


def parse_periods(values) -> pd.Series:
    """Return the month (first day, ``datetime64``) of each ``REP_PERIOD``.

    Accepts ``2021-01-31`` (the month's last day), ``2021-01``, ``01.2021``,
    ``31.01.2021`` and ``202101``; raises :class:`HromadaDataError` naming the rows that
    match none.

    Examples
    --------
    >>> parse_periods(["2021-01-31", "02.2021", "31.03.2021"]).dt.strftime("%Y-%m").tolist()
    ['2021-01', '2021-02', '2021-03']
    """
    s = pd.Series(values, dtype="object").astype(str).str.strip()
    uniq = pd.unique(s)
    mapping = {}
    bad = []
    for u in uniq:
        for pattern, yi, mi in _PATTERNS:
            m = pattern.match(u)
            if m:
                year, month = int(m.group(yi)), int(m.group(mi))
                if 1 <= month <= 12 and 1990 <= year <= 2100:
                    mapping[u] = np.datetime64(f"{year:04d}-{month:02d}-01")
                break
        if u not in mapping:
            bad.append(u)
    if bad:
        mask = s.isin(bad).to_numpy()
        raise HromadaDataError(
            f"column REP_PERIOD: rows {_rows(mask)} are not months: {_first(bad)}. Expected "
            f"the month's last day (2021-01-31) or month.year (01.2021)."
        )
    return pd.to_datetime(s.map(mapping))


def _amounts(values, column: str) -> np.ndarray:
    s = pd.Series(values)
    if pd.api.types.is_numeric_dtype(s):
        out = s.to_numpy(dtype=float)
        bad = ~np.isfinite(out) & s.notna().to_numpy()
    else:
        text = s.astype(str).str.strip().str.replace("\u00a0", "").str.replace(" ", "")
        text = text.str.replace(",", ".", regex=False)
        text = text.mask(s.isna() | text.isin(["", "nan", "None"]), "0")
        out = pd.to_numeric(text, errors="coerce").to_numpy(dtype=float)
        bad = ~np.isfinite(out)
    if bad.any():
        raise HromadaDataError(
            f"column {column}: rows {_rows(bad)} are not amounts: "
            f"{_first(pd.Series(values)[bad].unique())}. Write amounts in UAH as numbers."
        )
    return np.nan_to_num(out, nan=0.0)


def decumulate(frame: pd.DataFrame) -> pd.DataFrame:
    """Monthly amounts from amounts cumulative from January.

    Formula: within one budget, fund, code and year, on the months from January to the
    last month the budget reports that year, ``amount(m) = C(m) - C(m - 1)`` with
    ``C(0) = 0``. A month in which a code is absent while the budget reports other codes
    carries the code's previous cumulative (no receipts that month); a code absent since
    January has ``C = 0`` there. Hence the identity ``sum(amount over the year's months) =
    C(last month)`` holds exactly. Negative monthly amounts (refunds larger than receipts)
    are kept.

    Parameters
    ----------
    frame : DataFrame
        Columns ``budget``, ``fund``, ``code``, ``month`` (first day), ``cumulative``;
        one row per key and month.

    Returns
    -------
    DataFrame with :data:`TIDY_COLUMNS`, sorted by budget, fund, code, month.

    Examples
    --------
    >>> f = pd.DataFrame({"budget": "0253600000", "fund": "C", "code": "11010100",
    ...     "month": pd.to_datetime(["2021-01-01", "2021-02-01", "2021-03-01"]),
    ...     "cumulative": [10.0, 25.0, 27.0]})
    >>> decumulate(f)["amount"].tolist()
    [10.0, 15.0, 2.0]
    """
    keys = ["budget", "fund", "code"]
    missing = [c for c in (*keys, "month", "cumulative") if c not in frame.columns]
    if missing:
        raise HromadaDataError(f"decumulate: columns {missing} are missing.")
    f = frame.loc[:, [*keys, "month", "cumulative"]].copy()
    f["month"] = pd.to_datetime(f["month"]).dt.to_period("M").dt.to_timestamp()
    dup = f.duplicated([*keys, "month"], keep=False).to_numpy()
    if dup.any():
        ex = f.loc[dup, [*keys, "month"]].head(3).astype(str).agg(" ".join, axis=1).tolist()
        raise HromadaDataError(
            f"rows {_rows(dup)} repeat the same budget, fund, code and month ({_first(ex, 3)}). "
            f"Keep one row per budget, fund, code and month."
        )
    f["year"] = f["month"].dt.year
    # Months each budget reports in each year: January .. its last reported month.
    last = f.groupby(["budget", "year"])["month"].max().dt.month
    # One code of the grid per (budget, fund, code, year) seen.
    series = f[[*keys, "year"]].drop_duplicates()
    series = series.join(last.rename("last"), on=["budget", "year"])
    n = series["last"].to_numpy()
    rep = np.repeat(np.arange(len(series)), n)
    months_in = np.concatenate([np.arange(1, k + 1) for k in n]) if len(n) else np.array([], int)
    grid = series.iloc[rep, :4].reset_index(drop=True)
    grid["month"] = pd.to_datetime(dict(year=grid["year"], month=months_in, day=1))
    grid = grid.merge(f[[*keys, "month", "cumulative"]], on=[*keys, "month"], how="left")
    grid = grid.sort_values([*keys, "month"], kind="stable").reset_index(drop=True)
    block = grid[[*keys, "year"]].ne(grid[[*keys, "year"]].shift()).any(axis=1).cumsum()
    cum = grid["cumulative"].groupby(block.to_numpy()).ffill().fillna(0.0)
    prev = cum.groupby(block.to_numpy()).shift(fill_value=0.0)
    grid["cumulative"] = cum.to_numpy()
    grid["amount"] = (cum - prev).to_numpy()
    return grid.loc[:, list(TIDY_COLUMNS)]


def from_openbudget(raw: pd.DataFrame) -> pd.DataFrame:
    """Return the tidy monthly frame of an OpenBudget ``localBudgetData`` answer.

    The answer (INCOMES, or EXPENSES by ECONOMIC classification) is read with every column
    as text.

    Validates: the columns ``REP_PERIOD``, ``FUND_TYP``, ``COD_BUDGET``, ``FAKT_AMT`` and a
    code column (:data:`CODE_COLUMNS`) are present; periods are months; funds are C, S or T;
    budget codes are 10 or 11 digits; amounts are numbers. Then normalises the budget code,
    and turns the cumulative ``FAKT_AMT`` into monthly amounts (:func:`decumulate`).

    Examples
    --------
    >>> raw = pd.DataFrame({"REP_PERIOD": ["01.2023", "02.2023"], "FUND_TYP": ["C", "C"],
    ...     "COD_BUDGET": ["2055400000"] * 2, "COD_INCO": ["11010100"] * 2,
    ...     "FAKT_AMT": ["100,5", "250"]})
    >>> from_openbudget(raw)[["code", "amount"]].values.tolist()
    [['11010100', 100.5], ['11010100', 149.5]]
    """
    if not isinstance(raw, pd.DataFrame):
        raise HromadaDataError("from_openbudget expects a DataFrame of the API's answer.")
    cols = {str(c).strip().upper(): c for c in raw.columns}
    code_col = next((c for c in CODE_COLUMNS if c in cols), None)
    missing = [c for c in ("REP_PERIOD", "FUND_TYP", "COD_BUDGET", "FAKT_AMT") if c not in cols]
    if code_col is None:
        missing.append(" or ".join(CODE_COLUMNS))
    if missing:
        raise HromadaDataError(
            f"columns {', '.join(missing)} are missing; found {_first(list(raw.columns), 12)}. "
            f"Upload the OpenBudget localBudgetData answer as it comes (INCOMES, or EXPENSES "
            f"by ECONOMIC classification)."
        )
    assert code_col is not None  # a missing code column raised just above
    if raw.empty:
        raise HromadaDataError("the file has no data rows.")
    fund = raw[cols["FUND_TYP"]].astype(str).str.strip().str.upper()
    bad = ~fund.isin(list(FUNDS)).to_numpy()
    if bad.any():
        raise HromadaDataError(
            f"column FUND_TYP: rows {_rows(bad)} are not a fund (C, S or T): "
            f"{_first(fund[bad].unique())}."
        )
    code = raw[cols[code_col]].astype(str).str.strip().str.replace(r"\.0$", "", regex=True)
    bad = ~code.str.fullmatch(r"\d{4,8}").to_numpy()
    if bad.any():
        raise HromadaDataError(
            f"column {code_col}: rows {_rows(bad)} are not codes: {_first(code[bad].unique())}."
        )
    frame = pd.DataFrame(
        {
            "budget": normalise_budget_code(raw[cols["COD_BUDGET"]]).to_numpy(),
            "fund": fund.to_numpy(),
            "code": code.to_numpy(),
            "month": parse_periods(raw[cols["REP_PERIOD"]]).to_numpy(),
            "cumulative": _amounts(raw[cols["FAKT_AMT"]].to_numpy(), "FAKT_AMT"),
        }
    )
    return decumulate(frame)


_BOOST_COLUMN = re.compile(r"^(\d{4})_(\d{1,2})_EXECUTED$")


def from_boost(raw: pd.DataFrame) -> pd.DataFrame:
    """Return the tidy monthly frame of a BOOST export (Ministry of Finance / World Bank).

    The export has one row per income code (``INCO4``) and local budget (``ADMIN4``: budget
    code then name), columns ``YYYY_M_EXECUTED`` with the amount executed **in** the month
    (not cumulative).

    Rows without a budget (the all-budgets totals at the top of each code) are left out.
    The fund is ``T`` (BOOST does not split funds); ``cumulative`` is the running sum from
    January, so the identity of :func:`decumulate` holds.

    Examples
    --------
    >>> raw = pd.DataFrame({"INCO4": ["11010100 ПДФО", "11010100 ПДФО"],
    ...     "ADMIN4": [None, "2055400000 Харків"], "2021_1_EXECUTED": [9.0, 4.0],
    ...     "2021_2_EXECUTED": [9.0, 5.0]})
    >>> from_boost(raw)[["budget", "amount", "cumulative"]].values.tolist()
    [['2055400000', 4.0, 4.0], ['2055400000', 5.0, 9.0]]
    """
    if not isinstance(raw, pd.DataFrame):
        raise HromadaDataError("from_boost expects a DataFrame of the BOOST export.")
    cols = {str(c).strip().upper(): c for c in raw.columns}
    matches = {c: _BOOST_COLUMN.match(str(c).strip().upper()) for c in raw.columns}
    months = {c: m for c, m in matches.items() if m}
    missing = [c for c in ("INCO4", "ADMIN4") if c not in cols]
    if missing or not months:
        raise HromadaDataError(
            f"columns {', '.join(missing) or 'YYYY_M_EXECUTED'} are missing; the BOOST layout "
            f"has INCO4, ADMIN4 and one column per month such as 2021_1_EXECUTED."
        )
    admin = raw[cols["ADMIN4"]]
    keep = admin.notna() & admin.astype(str).str.strip().ne("")
    sub = raw.loc[keep]
    budget_text = sub[cols["ADMIN4"]].astype(str).str.strip().str.extract(r"^(\d{9,11})")[0]
    bad = budget_text.isna().to_numpy()
    if bad.any():
        rows = np.flatnonzero(keep.to_numpy())[bad] + 1
        raise HromadaDataError(
            f"column ADMIN4: rows {_first(rows.tolist())} do not start with a budget code: "
            f"{_first(sub.loc[bad, cols['ADMIN4']].unique())}."
        )
    code = sub[cols["INCO4"]].astype(str).str.strip().str.extract(r"^(\d{4,8})")[0]
    bad = code.isna().to_numpy()
    if bad.any():
        rows = np.flatnonzero(keep.to_numpy())[bad] + 1
        raise HromadaDataError(
            f"column INCO4: rows {_first(rows.tolist())} do not start with an income code: "
            f"{_first(sub.loc[bad, cols['INCO4']].unique())}."
        )
    budget = normalise_budget_code(budget_text).to_numpy()
    parts = []
    for col, m in sorted(months.items(), key=lambda kv: (int(kv[1].group(1)), int(kv[1].group(2)))):
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            raise HromadaDataError(f"column {col}: month {month} is not 1-12.")
        parts.append(
            pd.DataFrame(
                {
                    "budget": budget,
                    "fund": "T",
                    "code": code.to_numpy(),
                    "month": np.datetime64(f"{year:04d}-{month:02d}-01"),
                    "amount": _amounts(sub[col].to_numpy(), str(col)),
                }
            )
        )
    tidy = pd.concat(parts, ignore_index=True)
    tidy = tidy.groupby(["budget", "fund", "code", "month"], as_index=False)["amount"].sum()
    tidy["month"] = pd.to_datetime(tidy["month"])
    tidy["year"] = tidy["month"].dt.year
    tidy["cumulative"] = tidy.groupby(["budget", "fund", "code", "year"])["amount"].cumsum()
    return (
        tidy.loc[:, list(TIDY_COLUMNS)]
        .sort_values(["budget", "fund", "code", "month"])
        .reset_index(drop=True)
    )
