"""Benchmark: hromada.econ.complexity vs ecomplexity 0.5.3 (Harvard Growth Lab).

Run once: ``.venv/bin/python benchmarks/bench_complexity.py [--skip-peer] [--skip-large]
[--only-large] [--float64] [--traced] [--repeat N]``.

Case 1: the same seeded panel of 1,500 regions x 600 sectors x 10 years
(lognormal values, 35 % zeros), default options of both, full long output.
Case 2: one year of 50,000 regions x 5,000 sectors with 2 % ones, sparse end to
end (scipy.sparse input; ECI/PCI by Lanczos on the sector side, proximity by a
sparse product, COI from density at the held cells only: no dense
regions x sectors or regions x regions array).

How it measures, the same way for both implementations: each call runs in a
fresh worker process (``--worker``) that first builds the input panel and
collects garbage, then resets the kernel's resident-set high-water mark
(``/proc/self/clear_refs``) and reads its RSS.

* time: wall time (``perf_counter``) of that one call, nothing traced; each call
  runs in ``--repeat`` (default 3) fresh workers, the fastest counts (on a
  shared machine the others' load only ever adds time) and all are printed;
* peak: the high-water mark of the worker's RSS during the call minus the RSS
  just before it, i.e. the memory the call needs on top of its input: every
  allocation (numpy, pandas, Python, BLAS buffers, allocator slack), and the
  returned table, which is alive at the end (the largest over the repeats).
  Printed in GiB (2**30 bytes) and GB (10**9 bytes).

``--traced`` adds a second call per implementation in its own worker under
``tracemalloc`` and reports its peak of traced (Python and numpy) allocations as
a cross-check; its time is not used. ``--float64`` adds a run of ours with
``dtype="float64"`` (ecomplexity's precision; the default ``dtype="auto"`` stores
float32 results at this size, over 2 million rows).
The ecomplexity worker also runs ours afterwards (outside the measurement) and
prints the largest difference between the two tables.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import json
import os
import subprocess
import sys
import time
import tracemalloc
import warnings

import numpy as np
import pandas as pd
import scipy.sparse as sp

GIB = 2**30


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


def matrix_case2():
    rng = np.random.default_rng(1)
    n_r, n_s, dens = 50_000, 5_000, 0.02
    M = sp.random_array((n_r, n_s), density=dens, format="csr", rng=rng, dtype=np.float64)
    M.data[:] = 1.0
    return M


# ------------------------------------------------------------------ worker side
def _status(key):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    raise KeyError(key)


def measure(fn, traced):
    """(result, seconds, peak bytes above the RSS before the call, how peak was measured)."""
    gc.collect()
    if traced:
        tracemalloc.start()
        tracemalloc.reset_peak()
        out = fn()
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return out, None, peak, "tracemalloc"
    with open("/proc/self/clear_refs", "w") as f:  # reset VmHWM to the current RSS
        f.write("5")
    before = _status("VmRSS")
    t0 = time.perf_counter()
    out = fn()
    dt = time.perf_counter() - t0
    return out, dt, _status("VmHWM") - before, "rss"


def _peer_call(panel):
    import ecomplexity as ec

    cols = {"time": "year", "loc": "region", "prod": "sector", "val": "value"}

    def run():
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("ignore")
            return ec.ecomplexity(panel, cols)

    return run


def _max_difference(theirs, ours):
    keys = ["year", "region", "sector"]
    a = theirs.dropna(subset=["eci"]).merge(
        ours.astype({"region": str, "sector": str}), on=keys, suffixes=("_t", "_o")
    )
    worst = max(
        float(np.nanmax(np.abs(a[f"{c}_t"].to_numpy(float) - a[f"{c}_o"].to_numpy(float))))
        for c in ["rca", "eci", "pci", "density", "coi", "cog"]
    )
    exact = all(
        np.array_equal(a[f"{c}_t"].to_numpy(float), a[f"{c}_o"].to_numpy(float))
        for c in ["mcp", "diversity", "ubiquity"]
    )
    return len(a), worst, exact


def worker(which, traced):
    res = {}
    if which == "large":
        from hromada.econ.complexity import complexity_indices, complexity_outlook, proximity

        M = matrix_case2()
        res["nnz"] = int(M.nnz)

        def run():
            eci, pci = complexity_indices(M)
            phi = proximity(M)
            coi, _ = complexity_outlook(M, phi, pci, cog=False)
            return eci, pci, phi, coi

        (eci, _, _, coi), dt, peak, how = measure(run, traced)
        assert np.isfinite(eci).all() and np.isfinite(coi).all()
    else:
        from hromada.econ.complexity import ecomplexity

        panel = panel_case1()
        res["rows_in"] = len(panel)
        if which == "peer":
            panel = panel.astype({"region": str, "sector": str})  # ecomplexity wants labels
            theirs, dt, peak, how = measure(_peer_call(panel), traced)
            if not traced:
                for dtype in ("float64", "float32"):
                    ours = ecomplexity(panel, dtype=dtype)
                    res[f"compare_{dtype}"] = _max_difference(theirs, ours)
                    del ours
        else:
            # ours: default options, as for ecomplexity (dtype "auto": float32 at 9 M rows)
            options = {"dtype": "float64"} if which == "ours64" else {}
            out, dt, peak, how = measure(lambda: ecomplexity(panel, **options), traced)
            res["rows_out"] = len(out)
            res["output_bytes"] = int(out.memory_usage(deep=True).sum())
    res.update(seconds=dt, peak=peak, how=how)
    print("RESULT " + json.dumps(res))


# ------------------------------------------------------------------ driver side
REPEAT = 1


def _one_worker(which, traced):
    cmd = [sys.executable, os.path.abspath(__file__), "--worker", which]
    if traced:
        cmd.append("--traced")
    p = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if p.returncode != 0:
        sys.stderr.write(p.stderr)
        raise SystemExit(f"worker {which} failed")
    line = [x for x in p.stdout.splitlines() if x.startswith("RESULT ")][-1]
    return json.loads(line[len("RESULT ") :])


def run_worker(which, traced=False):
    """REPEAT fresh workers (one for traced): time = the fastest, peak = the largest."""
    runs = [_one_worker(which, traced) for _ in range(1 if traced else REPEAT)]
    best = min(runs, key=lambda r: r["seconds"] or 0)
    best["all_seconds"] = [r["seconds"] for r in runs]
    best["peak"] = max(r["peak"] for r in runs)
    return best


def report(label, r, traced_r=None):
    extra = f"   (traced peak {traced_r['peak'] / GIB:5.2f} GiB)" if traced_r else ""
    times = ""
    if len(r["all_seconds"]) > 1:
        times = "   runs: " + ", ".join(f"{t:.2f}" for t in r["all_seconds"])
    print(
        f"  {label:<26}: {r['seconds']:7.2f} s   peak {r['peak'] / GIB:5.3f} GiB"
        f" ({r['peak'] / 1e9:.3f} GB){extra}{times}"
    )


def case1(skip_peer, float64, traced):
    print("case 1: 9,000,000 rows (1,500 regions x 600 sectors x 10 years, 35 % zeros)")
    ours = run_worker("ours")
    report("hromada (default: float32 here)", ours, run_worker("ours", True) if traced else None)
    print(
        f"  {'':<26}  returned table {ours['output_bytes'] / GIB:.2f} GiB, "
        f"{ours['rows_out']:,} rows"
    )
    if float64:
        ours64 = run_worker("ours64")
        report("hromada dtype='float64'", ours64, run_worker("ours64", True) if traced else None)
        print(f"  {'':<26}  returned table {ours64['output_bytes'] / GIB:.2f} GiB")
    if skip_peer:
        return
    peer = run_worker("peer")
    report("ecomplexity 0.5.3", peer, run_worker("peer", True) if traced else None)
    print(
        f"  speed-up {peer['seconds'] / ours['seconds']:.1f}x, "
        f"peak memory {peer['peak'] / ours['peak']:.1f}x less"
    )
    for dtype in ("float64", "float32"):
        n, worst, exact = peer[f"compare_{dtype}"]
        print(
            f"  dtype={dtype}: rows compared {n:,}; max |difference| (rca, eci, pci, density, "
            f"coi, cog) {worst:.1e}; mcp, diversity, ubiquity identical: {exact}"
        )


def case2(traced):
    r = run_worker("large")
    print(f"case 2: 50,000 x 5,000 sparse M, {r['nnz']:,} ones (2%)")
    report("hromada (ECI/PCI, phi, COI)", r, run_worker("large", True) if traced else None)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--skip-peer", action="store_true")
    ap.add_argument("--skip-large", action="store_true")
    ap.add_argument("--only-large", action="store_true")
    ap.add_argument("--float64", action="store_true", help="also time ours with dtype='float64'")
    ap.add_argument("--traced", action="store_true", help="also a tracemalloc pass per call")
    ap.add_argument(
        "--repeat", type=int, default=3, help="fresh workers per call; the fastest is reported"
    )
    ap.add_argument("--worker", choices=["ours", "ours64", "peer", "large"], help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker:
        worker(a.worker, a.traced)
        raise SystemExit(0)
    REPEAT = max(1, a.repeat)
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    if not a.only_large:
        case1(a.skip_peer, a.float64, a.traced)
    if not a.skip_large:
        case2(a.traced)
    print(f"load average at end: {os.getloadavg()[0]:.2f}")
