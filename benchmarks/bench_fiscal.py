"""Time hromada.econ.fiscal against a plain per-hromada pandas/Python implementation.

Run: .venv/bin/python benchmarks/bench_fiscal.py
Data: a seeded synthetic budget shaped like KSE's table (n hromadas x 3 years, lognormal
revenues by source), at the real size (1,469) and 10x; plus percentiles against
scipy.stats.percentileofscore called per hromada.
"""

from __future__ import annotations

import time
import tracemalloc
import warnings

import numpy as np
import pandas as pd
from scipy.stats import percentileofscore

from hromada.econ import fiscal
from hromada.econ.errors import DegenerateResultWarning

warnings.simplefilter("ignore", DegenerateResultWarning)
OTHER = [fiscal.KSE_COLUMNS[s] for s in fiscal.OWN_SOURCES]


def synthetic_budget(n: int, seed: int = 12) -> tuple[pd.DataFrame, pd.Series]:
    rng = np.random.default_rng(seed)
    codes = [f"UA{i:017d}" for i in range(n)]
    rows = []
    for year in (2021, 2022, 2023):
        df = pd.DataFrame({"hromada_code": codes, "year": year})
        df["income_pdfo"] = rng.lognormal(16, 1.2, n)
        df["income_military"] = df["income_pdfo"] * rng.uniform(0, 0.6 if year > 2021 else 0.05, n)
        for c in OTHER:
            df[c] = rng.lognormal(13, 1.5, n)
        df["income_own"] = df["income_pdfo"] + df[OTHER].sum(axis=1)
        df["income_transfert"] = rng.lognormal(17, 1.0, n)
        df["income_total"] = df["income_own"] + df["income_transfert"]
        rows.append(df)
    pop = pd.Series(rng.integers(1_000, 300_000, n), index=codes)
    return pd.concat(rows, ignore_index=True), pop


def naive_indicators(budget: pd.DataFrame, population: pd.Series, year: int) -> pd.DataFrame:
    out = {}
    for code, g in budget.groupby("hromada_code"):
        r = {int(row["year"]): row for _, row in g.iterrows()}
        x = r[year]
        own, mil = x["income_own"], x["income_military"]
        srcs = [x["income_pdfo"] - mil, mil] + [x[c] for c in OTHER]
        srcs.append(own - x["income_pdfo"] - sum(x[c] for c in OTHER))
        pos = [max(s, 0) for s in [x["income_transfert"]] + srcs]
        tot = sum(pos)
        out[code] = {
            "transfer_share": x["income_transfert"] / x["income_total"],
            "military_share_own": mil / own,
            "hhi_total": sum((s / tot) ** 2 for s in pos),
            "own_per_capita": own / population[code],
            "own_change_2021_2022": r[2022]["income_own"] / r[2021]["income_own"] - 1,
            "own_excl_military_change_2021_2022": (
                (r[2022]["income_own"] - r[2022]["income_military"])
                / (r[2021]["income_own"] - r[2021]["income_military"])
                - 1
            ),
        }
    return pd.DataFrame.from_dict(out, orient="index")


def timed(fn, *args, **kw):
    tracemalloc.start()
    t = time.perf_counter()
    res = fn(*args, **kw)
    dt = time.perf_counter() - t
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return res, dt, peak


def main() -> None:
    print(
        f"{'task':46s} {'n':>6s} {'ours s':>8s} {'MiB':>6s} {'naive s':>8s} {'MiB':>6s} "
        f"{'ratio':>7s}"
    )
    for n in (1469, 14690):
        budget, pop = synthetic_budget(n)
        ours, t1, m1 = timed(fiscal.fiscal_indicators, budget, pop, year=2022)
        naive, t2, m2 = timed(naive_indicators, budget, pop, 2022)
        cols = naive.columns
        np.testing.assert_allclose(ours.loc[naive.index, cols], naive[cols], rtol=1e-9)
        print(
            f"{'fiscal_indicators vs per-hromada loop':46s} {n:6d} {t1:8.3f} {m1:6.1f} "
            f"{t2:8.3f} {m2:6.1f} {t2 / t1:7.1f}"
        )
        groups = pd.Series(np.arange(n) % 24, index=ours.index)
        vals = ours["own_change_2021_2022"]
        p1, t1, m1 = timed(fiscal.peer_percentiles, vals, groups, kind="weak")
        if n <= 1469:

            def naive_pct(vals, groups):
                return pd.Series(
                    {
                        h: percentileofscore(vals[groups == groups[h]], vals[h], kind="weak")
                        for h in vals.index
                    }
                )

            p2, t2, m2 = timed(naive_pct, vals, groups)
            np.testing.assert_allclose(p1[p2.index], p2)
            print(
                f"{'peer_percentiles vs scipy percentileofscore':46s} {n:6d} {t1:8.3f} "
                f"{m1:6.1f} {t2:8.3f} {m2:6.1f} {t2 / t1:7.1f}"
            )


if __name__ == "__main__":
    main()
