"""Benchmark: hromada.econ.structure / shiftshare on 1,500 regions x 600 sectors x 10 years.

Builds a seeded synthetic panel (9 M rows, lognormal values, 35 % zeros), times
``location_quotients``, ``profile``, ``decompose`` and ``dynamic`` with their peak memory,
then plain pandas LQ (two ways: groupby/merge and groupby.transform) and Dunn shift-share
on the same data, checks that they give the same numbers and prints the speed ratio against
the faster pandas way. Every time is the best of at least ``--repeat`` runs, more for
calls under 1 s (ours and pandas alike, see ``timed``).
The same comparison is repeated on a copy with the rows shuffled (the panel as built is
sorted by year, region, sector, which ``hromada.econ`` reads as one slice per year).

Run: ``.venv/bin/python benchmarks/bench_structure.py [--regions 1500 --sectors 600 --years 10]``
"""

from __future__ import annotations

import argparse
import gc
import resource
import time
import tracemalloc

import numpy as np
import pandas as pd

from hromada.econ._panel import panel_cube
from hromada.econ.shiftshare import decompose, dynamic
from hromada.econ.structure import location_quotients, profile


def build_panel(regions: int, sectors: int, years: int, seed: int = 2024) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = regions * sectors * years
    value = rng.lognormal(mean=3.0, sigma=1.5, size=n)
    value[rng.random(n) < 0.35] = 0.0
    r = np.tile(np.repeat(np.arange(regions, dtype=np.int32), sectors), years)
    s = np.tile(np.arange(sectors, dtype=np.int32), regions * years)
    y = np.repeat(np.arange(2014, 2014 + years, dtype=np.int64), regions * sectors)
    return pd.DataFrame(
        {
            "region": pd.Categorical.from_codes(r, [f"UA{i:05d}" for i in range(regions)]),
            "sector": pd.Categorical.from_codes(s, [f"K{i:03d}" for i in range(sectors)]),
            "year": y,
            "value": value,
        }
    )


# ---- the plain pandas way -----------------------------------------------------------


def pandas_lq_merge(df: pd.DataFrame) -> pd.DataFrame:
    """Totals by groupby, merged back onto the rows."""
    E = df.groupby(["year", "region"], observed=True, as_index=False)["value"].sum()
    n = df.groupby(["year", "sector"], observed=True, as_index=False)["value"].sum()
    N = n.groupby("year", as_index=False)["value"].sum()
    m = (
        df.merge(E.rename(columns={"value": "E_r"}), on=["year", "region"])
        .merge(n.rename(columns={"value": "n_i"}), on=["year", "sector"])
        .merge(N.rename(columns={"value": "N"}), on="year")
    )
    m["lq"] = (m["value"] / m["E_r"]) / (m["n_i"] / m["N"])
    return m[["region", "sector", "year", "lq"]]


def pandas_lq_transform(df: pd.DataFrame) -> pd.DataFrame:
    """Totals by groupby.transform, aligned with the rows (no merge)."""
    E = df.groupby(["year", "region"], observed=True)["value"].transform("sum")
    n = df.groupby(["year", "sector"], observed=True)["value"].transform("sum")
    N = df.groupby("year")["value"].transform("sum")
    out = df[["region", "sector", "year"]].copy()
    out["lq"] = (df["value"] / E) / (n / N)
    return out


def pandas_dunn(df: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    a = df[df["year"] == start][["region", "sector", "value"]]
    b = df[df["year"] == end][["region", "sector", "value"]]
    m = a.merge(b, on=["region", "sector"], suffixes=("0", "1"))
    nat = m.groupby("sector", observed=True)[["value0", "value1"]].sum()
    gN = nat["value1"].sum() / nat["value0"].sum() - 1
    nat["g"] = nat["value1"] / nat["value0"] - 1
    m = m.merge(nat[["g"]], left_on="sector", right_index=True)
    m["growth"] = m["value1"] - m["value0"]
    m["national_share"] = m["value0"] * gN
    m["industry_mix"] = m["value0"] * (m["g"] - gN)
    m["regional_share"] = m["value1"] - m["value0"] * (1 + m["g"])
    cols = ["growth", "national_share", "industry_mix", "regional_share"]
    return m.groupby("region", observed=True)[cols].sum()


def timed(fn, *args, repeat: int = 1, **kwargs):
    """Result and best wall time of at least ``repeat`` calls; short calls are repeated
    until they have run for 1 s in all (at most 30 calls), like ``timeit``, so that a
    20 ms call is not judged on three samples of a busy machine."""
    best, spent, calls = float("inf"), 0.0, 0
    while calls < repeat or (repeat > 1 and spent < 1.0 and calls < 30):
        out = None
        gc.collect()
        t = time.perf_counter()
        out = fn(*args, **kwargs)
        dt = time.perf_counter() - t
        best, spent, calls = min(best, dt), spent + dt, calls + 1
    return out, best


def peak(fn, *args, **kwargs) -> float:
    """Peak traced memory (MB) of one call, above what was allocated before it."""
    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    out = fn(*args, **kwargs)
    p = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    del out
    return p / 1e6


def agree(lq, dec, plq, pdunn) -> None:
    chk = plq.sort_values(["region", "year", "sector"]).reset_index(drop=True)
    np.testing.assert_allclose(lq["lq"].to_numpy(), chk["lq"].to_numpy(), rtol=1e-10)
    d = dec.set_index("region")
    for col in pdunn.columns:
        np.testing.assert_allclose(
            d[col].to_numpy(), pdunn[col].reindex(d.index).to_numpy(), rtol=1e-9, atol=1e-6
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--regions", type=int, default=1500)
    ap.add_argument("--sectors", type=int, default=600)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--repeat", type=int, default=3, help="best of this many runs per timing")
    ap.add_argument("--no-memory", action="store_true", help="skip the tracemalloc pass")
    ap.add_argument("--no-shuffled", action="store_true", help="skip the shuffled-rows pass")
    a = ap.parse_args()
    rep = a.repeat
    df, t_build = timed(build_panel, a.regions, a.sectors, a.years)
    start, end = 2014, 2014 + a.years - 1
    print(
        f"panel: {len(df):,} rows ({a.regions} regions x {a.sectors} sectors x {a.years} "
        f"years), {df.memory_usage(deep=True).sum() / 1e6:.0f} MB, built in {t_build:.1f} s"
    )
    print(f"times: best of >= {rep} runs each (short calls: runs adding up to 1 s)\n")
    _, t_check = timed(panel_cube, df, year_major=None, repeat=rep)
    print(f"  validation + pivot to the dense array (panel_cube, all rows): {t_check:.2f} s")

    ours = {}
    lq, ours["location_quotients"] = timed(location_quotients, df, repeat=rep)
    _, ours["profile"] = timed(profile, df, repeat=rep)
    dec, ours["decompose"] = timed(decompose, df, start, end, repeat=rep)
    _, ours["dynamic"] = timed(dynamic, df, start, end, repeat=rep)
    print("\nhromada.econ                 time (s)")
    for k, v in ours.items():
        print(f"  {k:<26} {v:8.3f}")
    print(f"  {'all four':<26} {sum(ours.values()):8.3f}   (target < 5 s)")

    plq_m, t_plq_m = timed(pandas_lq_merge, df, repeat=rep)
    plq, t_plq = timed(pandas_lq_transform, df, repeat=rep)
    pdunn, t_pdunn = timed(pandas_dunn, df, start, end, repeat=rep)
    print("\nplain pandas                 time (s)")
    print(f"  {'LQ (groupby + merge)':<26} {t_plq_m:8.3f}")
    print(f"  {'LQ (groupby.transform)':<26} {t_plq:8.3f}")
    print(f"  {'Dunn shift-share':<26} {t_pdunn:8.3f}")
    agree(lq, dec, plq, pdunn)
    agree(lq, dec, plq_m, pdunn)
    print("  results agree with ours (LQ rtol 1e-10, Dunn rtol 1e-9)")
    del plq_m, plq, pdunn
    t_plq = min(t_plq, t_plq_m)  # compare with the faster plain-pandas LQ

    def ratios(t_lq, t_ss, o_lq, o_ss):
        return t_lq / o_lq, t_ss / o_ss, (t_lq + t_ss) / (o_lq + o_ss)

    r = ratios(t_plq, t_pdunn, ours["location_quotients"], ours["decompose"])
    print(
        f"\nspeed-up vs pandas: LQ {r[0]:.1f}x, Dunn {r[1]:.1f}x, together {r[2]:.1f}x   "
        "(target >= 5x; LQ against the faster pandas way)"
    )
    del lq, dec

    if not a.no_shuffled:
        sh = df.sample(frac=1.0, random_state=7)  # same rows, random order, shuffled index
        o_lq = timed(location_quotients, sh, repeat=rep)[1]
        o_ss = timed(decompose, sh, start, end, repeat=rep)[1]
        p_lq = min(
            timed(pandas_lq_transform, sh, repeat=rep)[1], timed(pandas_lq_merge, sh, repeat=rep)[1]
        )
        p_ss = timed(pandas_dunn, sh, start, end, repeat=rep)[1]
        r = ratios(p_lq, p_ss, o_lq, o_ss)
        print(
            f"\nrows shuffled (no year slices): ours LQ {o_lq:.3f} s, Dunn {o_ss:.3f} s; "
            f"pandas LQ {p_lq:.3f} s, Dunn {p_ss:.3f} s\n"
            f"  speed-up vs pandas: LQ {r[0]:.1f}x, Dunn {r[1]:.1f}x, together {r[2]:.1f}x"
        )
        del sh

    if not a.no_memory:
        print("\npeak traced memory above the input panel (tracemalloc, MB)")
        for name, fn, args in [
            ("location_quotients", location_quotients, (df,)),
            ("profile", profile, (df,)),
            ("decompose", decompose, (df, start, end)),
            ("dynamic", dynamic, (df, start, end)),
            ("pandas LQ (merge)", pandas_lq_merge, (df,)),
            ("pandas LQ (transform)", pandas_lq_transform, (df,)),
            ("pandas Dunn", pandas_dunn, (df, start, end)),
        ]:
            print(f"  {name:<26} {peak(fn, *args):8.0f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nmax resident set size of the whole run: {rss:.0f} MB   (target < 2048 MB)")


if __name__ == "__main__":
    main()
