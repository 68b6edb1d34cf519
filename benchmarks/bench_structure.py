"""Benchmark: hromada.econ.structure / shiftshare on 1,500 regions x 600 sectors x 10 years.

Builds a seeded synthetic panel (9 M rows, lognormal values, 35 % zeros), times
``location_quotients``, ``profile``, ``decompose`` and ``dynamic`` with their peak memory,
then a plain pandas groupby/merge LQ and Dunn shift-share on the same data, checks that
both give the same numbers and prints the speed ratio.

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

from hromada.econ._panel import check_panel
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


def pandas_lq(df: pd.DataFrame) -> pd.DataFrame:
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


def codes_duplicate_check(df: pd.DataFrame) -> bool:
    """What check_panel's duplicate test could cost: integer codes and one bincount."""
    flat = np.zeros(len(df), dtype=np.int64)
    for col in ("year", "region", "sector"):
        codes, uniques = pd.factorize(df[col])
        flat = flat * len(uniques) + codes
    return bool((np.bincount(flat) > 1).any())


def timed(fn, *args, **kwargs):
    gc.collect()
    t = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t


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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--regions", type=int, default=1500)
    ap.add_argument("--sectors", type=int, default=600)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--no-memory", action="store_true", help="skip the tracemalloc pass")
    a = ap.parse_args()
    df, t_build = timed(build_panel, a.regions, a.sectors, a.years)
    start, end = 2014, 2014 + a.years - 1
    print(
        f"panel: {len(df):,} rows ({a.regions} regions x {a.sectors} sectors x {a.years} "
        f"years), {df.memory_usage(deep=True).sum() / 1e6:.0f} MB, built in {t_build:.1f} s"
    )

    _, t_check = timed(check_panel, df)
    print(f"  of which check_panel (shared validation, called once per function): {t_check:.2f} s")

    ours = {}
    lq, ours["location_quotients"] = timed(location_quotients, df)
    _, ours["profile"] = timed(profile, df)
    dec, ours["decompose"] = timed(decompose, df, start, end)
    _, ours["dynamic"] = timed(dynamic, df, start, end)
    print("\nhromada.econ                 time (s)")
    for k, v in ours.items():
        print(f"  {k:<26} {v:8.2f}")
    print(f"  {'all four':<26} {sum(ours.values()):8.2f}   (target < 5 s)")

    # the shared validation (hromada.econ._panel.check_panel) on the rows each function reads
    two = df[df["year"].isin([start, end])]
    _, t_check2 = timed(check_panel, two)
    val = {
        "location_quotients": t_check,
        "profile": t_check,
        "decompose": t_check2,
        "dynamic": t_check,
    }
    print("\n  excluding check_panel (its df.duplicated() dominates):")
    for k, v in ours.items():
        print(f"  {k:<26} {max(v - val[k], 0):8.2f}")
    print(f"  {'all four':<26} {sum(max(ours[k] - val[k], 0) for k in ours):8.2f}")
    _, t_dup = timed(codes_duplicate_check, df)
    print(f"  (a codes-based duplicate check on the same 9 M rows takes {t_dup:.2f} s)")
    del two

    plq, t_plq = timed(pandas_lq, df)
    pdunn, t_pdunn = timed(pandas_dunn, df, start, end)
    print("\nplain pandas groupby/merge   time (s)")
    print(f"  {'LQ':<26} {t_plq:8.2f}")
    print(f"  {'Dunn shift-share':<26} {t_pdunn:8.2f}")

    # same numbers?
    chk = plq.sort_values(["region", "year", "sector"]).reset_index(drop=True)
    np.testing.assert_allclose(lq["lq"].to_numpy(), chk["lq"].to_numpy(), rtol=1e-10)
    d = dec.set_index("region")
    for col in pdunn.columns:
        np.testing.assert_allclose(
            d[col].to_numpy(), pdunn[col].reindex(d.index).to_numpy(), rtol=1e-9, atol=1e-6
        )
    print("  results agree with ours (rtol 1e-9)")
    ratio_lq = t_plq / ours["location_quotients"]
    ratio_ss = t_pdunn / ours["decompose"]
    ratio = (t_plq + t_pdunn) / (ours["location_quotients"] + ours["decompose"])
    print(
        f"\nspeed-up vs pandas: LQ {ratio_lq:.1f}x, Dunn {ratio_ss:.1f}x, "
        f"together {ratio:.1f}x   (target >= 5x)"
    )
    c_lq = max(ours["location_quotients"] - val["location_quotients"], 1e-3)
    c_ss = max(ours["decompose"] - val["decompose"], 1e-3)
    print(
        f"  excluding check_panel: LQ {t_plq / c_lq:.1f}x, Dunn {t_pdunn / c_ss:.1f}x, "
        f"together {(t_plq + t_pdunn) / (c_lq + c_ss):.1f}x"
    )
    del lq, dec, plq, pdunn, chk, d

    if not a.no_memory:
        print("\npeak traced memory above the input panel (tracemalloc, MB)")
        for name, fn, args in [
            ("location_quotients", location_quotients, (df,)),
            ("profile", profile, (df,)),
            ("decompose", decompose, (df, start, end)),
            ("dynamic", dynamic, (df, start, end)),
            ("pandas LQ", pandas_lq, (df,)),
            ("pandas Dunn", pandas_dunn, (df, start, end)),
        ]:
            print(f"  {name:<26} {peak(fn, *args):8.0f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nmax resident set size of the whole run: {rss:.0f} MB   (target < 2048 MB)")


if __name__ == "__main__":
    main()
