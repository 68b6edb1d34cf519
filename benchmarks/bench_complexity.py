"""Benchmark: hromada.econ.complexity vs ecomplexity 0.5.3 (Harvard Growth Lab).

Run once: ``.venv/bin/python benchmarks/bench_complexity.py [--skip-peer] [--skip-large]``.

Case 1: the same seeded panel of 1,500 regions x 600 sectors x 10 years
(lognormal values, 35 % zeros), default options of both, full long output.
Case 2: one year of 50,000 regions x 5,000 sectors with 2 % ones, sparse end to
end (scipy.sparse input; ECI/PCI by Lanczos on the sector side, proximity by a
sparse product, COI from density at the held cells only: no dense
regions x sectors or regions x regions array).
Peak memory by tracemalloc (numpy allocations are traced), wall time by perf_counter.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import time
import tracemalloc
import warnings

import numpy as np
import pandas as pd
import scipy.sparse as sp


def panel_case1(seed=0, n_regions=1500, n_sectors=600, n_years=10, zeros=0.35):
    rng = np.random.default_rng(seed)
    n = n_regions * n_sectors * n_years
    year = np.repeat(np.arange(2011, 2011 + n_years), n_regions * n_sectors)
    region = np.tile(np.repeat(np.arange(n_regions), n_sectors), n_years)
    sector = np.tile(np.arange(n_sectors), n_regions * n_years)
    value = rng.lognormal(10, 2, n) * (rng.random(n) >= zeros)
    return pd.DataFrame(
        {
            "year": year,
            "region": pd.Categorical.from_codes(region, [f"r{i:04d}" for i in range(n_regions)]),
            "sector": pd.Categorical.from_codes(sector, [f"s{j:03d}" for j in range(n_sectors)]),
            "value": value,
        }
    )


def measure(fn):
    tracemalloc.start()
    tracemalloc.reset_peak()
    t0 = time.perf_counter()
    out = fn()
    dt = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return out, dt, peak / 2**30


def case1(skip_peer):
    from hromada.econ.complexity import ecomplexity

    panel = panel_case1()
    print(f"case 1: {len(panel):,} rows (1,500 regions x 600 sectors x 10 years, 35 % zeros)")
    ours, t_ours, m_ours = measure(lambda: ecomplexity(panel))
    print(
        f"  hromada     : {t_ours:7.2f} s   peak {m_ours:5.2f} GB   "
        f"(output itself {ours.memory_usage(deep=True).sum() / 2**30:.2f} GB, {len(ours):,} rows)"
    )
    if skip_peer:
        return
    import ecomplexity as ec

    cols = {"time": "year", "loc": "region", "prod": "sector", "val": "value"}
    peer_panel = panel.astype({"region": str, "sector": str})

    def run_peer():
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("ignore")
            return ec.ecomplexity(peer_panel, cols)

    theirs, t_peer, m_peer = measure(run_peer)
    print(f"  ecomplexity : {t_peer:7.2f} s   peak {m_peer:5.2f} GB")
    print(f"  speed-up {t_peer / t_ours:.1f}x, memory {m_peer / m_ours:.1f}x less")
    # same numbers?
    keys = ["year", "region", "sector"]
    a = theirs.dropna(subset=["eci"]).merge(
        ours.astype({"region": str, "sector": str}), on=keys, suffixes=("_t", "_o")
    )
    worst = max(
        float(np.nanmax(np.abs(a[f"{c}_t"] - a[f"{c}_o"])))
        for c in ["eci", "pci", "density", "coi", "cog"]
    )
    print(
        f"  rows compared {len(a):,}; max |difference| (eci, pci, density, coi, cog): {worst:.1e}"
    )


def case2():
    from hromada.econ.complexity import complexity_indices, complexity_outlook, proximity

    rng = np.random.default_rng(1)
    n_r, n_s, dens = 50_000, 5_000, 0.02
    M = sp.random_array((n_r, n_s), density=dens, format="csr", rng=rng, dtype=np.float64)
    M.data[:] = 1.0
    print(f"case 2: {n_r:,} x {n_s:,} sparse M, {M.nnz:,} ones ({dens:.0%})")

    def run():
        eci, pci = complexity_indices(M)
        phi = proximity(M)
        coi, _ = complexity_outlook(M, phi, pci, cog=False)
        return eci, pci, phi, coi

    (eci, pci, phi, coi), t, m = measure(run)
    print(f"  hromada     : {t:7.2f} s   peak {m:5.2f} GB  (ECI/PCI, proximity, COI)")
    assert np.isfinite(eci).all() and np.isfinite(coi).all()


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--skip-peer", action="store_true")
    ap.add_argument("--skip-large", action="store_true")
    ap.add_argument("--only-large", action="store_true")
    a = ap.parse_args()
    if not a.only_large:
        case1(a.skip_peer)
    if not a.skip_large:
        case2()
