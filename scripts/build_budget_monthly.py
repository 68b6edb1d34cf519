"""Build the lean bundled form of the OpenBudget monthly incomes of 25 city and oblast budgets.

Input: the raw answers ``ukraine/budget_monthly/openbudget_incomes_25cities_2021_2026.csv.gz``
(227,999 rows, cumulative ``FAKT_AMT``, funds C, S and T) and the registry of hromadas.
Output, in ``src/hromada/refdata/bundled/ukraine/budget_monthly/``:

* ``openbudget_monthly_25cities_2021_2026.csv.gz``: budget (10 digits), fund (C, S; the
  total T = C + S exactly in the raw data, checked here, so it is left out), code, month
  (YYYY-MM), amount (UAH executed in the month, to the kopiyka), via
  ``hromada.econ.budget_monthly.from_openbudget``;
* ``openbudget_budget_hromada.csv``: budget code -> city -> KATOTTG code of the hromada
  (matched on the hromada's centre and type "міська"; Kyiv and the two oblast budgets
  have no hromada in the registry).

Run: ``.venv/bin/python scripts/build_budget_monthly.py [RAW_FILE]``.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/hromada/refdata/bundled/ukraine/budget_monthly"
RAW = OUT / "openbudget_incomes_25cities_2021_2026.csv.gz"

#: City labels of the raw file whose hromada centre has another English spelling.
CENTRE = {"Kryvyi Rih": "Kryvyi Rih", "Ivano-Frankivsk": "Ivano-Frankivsk"}


def main(raw_path: Path = RAW) -> None:
    from hromada.econ.budget_monthly import from_openbudget, normalise_budget_code
    from hromada.refdata import hromadas

    raw = pd.read_csv(raw_path, dtype=str, keep_default_na=False)
    amounts = raw["FAKT_AMT"].replace("", "0").astype(float)
    wide = (
        raw.assign(F=amounts)
        .pivot_table(
            index=["COD_BUDGET", "REP_PERIOD", "COD_INCO"],
            columns="FUND_TYP",
            values="F",
            aggfunc="sum",
        )
        .fillna(0.0)
    )
    assert (wide["C"] + wide["S"] - wide["T"]).abs().max() < 0.01, "T is not C + S"
    tidy = from_openbudget(raw[raw["FUND_TYP"] != "T"])
    tidy = tidy[tidy["amount"].abs() > 0.004]
    out = pd.DataFrame(
        {
            "budget": tidy["budget"],
            "fund": tidy["fund"],
            "code": tidy["code"],
            "month": tidy["month"].dt.strftime("%Y-%m"),
            "amount": tidy["amount"].round(2),
        }
    )
    text = out.to_csv(index=False, lineterminator="\n").encode("utf-8")
    (OUT / "openbudget_monthly_25cities_2021_2026.csv.gz").write_bytes(
        gzip.compress(text, compresslevel=9, mtime=0)
    )

    h = hromadas()
    cities = raw[["CITY", "COD_BUDGET"]].drop_duplicates()
    cities["budget"] = normalise_budget_code(cities["COD_BUDGET"]).to_numpy()
    rows = []
    for (city, budget), _g in cities.groupby(["CITY", "budget"]):
        match = h[(h["centre_en"] == CENTRE.get(city, city)) & (h["type"] == "міська")]
        if len(match) > 1:  # e.g. two Mykolaivska hromadas centred on a Mykolaiv
            match = match[match["is_oblast_centre"].astype(bool)]
        code = match["code"].iloc[0] if len(match) == 1 else ""
        name = match["name_uk"].iloc[0] if len(match) == 1 else ""
        rows.append({"budget": budget, "city": city, "hromada_code": code, "hromada_uk": name})
    mapping = pd.DataFrame(rows).sort_values(["city", "budget"])
    mapping.to_csv(OUT / "openbudget_budget_hromada.csv", index=False, lineterminator="\n")
    print(
        f"{len(out):,} monthly rows; {mapping['hromada_code'].ne('').sum()} of "
        f"{len(mapping)} budget codes tied to a hromada:"
    )
    print(mapping.to_string(index=False))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else RAW)
