"""Benchmark: the industry space in KVED codes (issue 20).

Run: ``.venv/bin/python benchmarks/bench_industry_space.py [DATA/relatedness] [--draws N]``
(default folder: ``$HROMADA_DATA_DIR/relatedness``, else ``../shared/data/relatedness``).

1. Build the class-level space from the CBP file (569,017 rows): read, impute suppressed
   cells, NAICS -> NACE split, presence, proximity and PCI, in a fresh process; wall time
   and the process's peak resident memory (``ru_maxrss``). Target: under 10 s, under 1 GB.
2. One hromada's ranking with bootstrap bands (``space_opportunities`` +
   ``rank_stability``, 200 draws) on the bundled division- and class-level spaces.
   Target: under 0.5 s (division).
3. Proximity on the same input (the CBP class-level panel: 933 areas x 573 classes):
   ``hromada.econ.complexity.presence`` + ``proximity`` against ecomplexity 0.5.3's
   ``proximity`` (which computes RCA, M and phi too); the ratio printed, the matrices
   compared.

Figures are wall times on a shared 2-core machine (the fastest of ``--repeat`` runs).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd


def _folder(arg):
    if arg:
        return Path(arg)
    env = os.environ.get("HROMADA_DATA_DIR")
    if env and (Path(env) / "relatedness").is_dir():
        return Path(env) / "relatedness"
    return Path(__file__).resolve().parents[2] / "shared" / "data" / "relatedness"


def build_worker(folder: Path) -> None:
    from hromada.refdata.build import industry_space as b

    t = time.perf_counter()
    classes = b.cbp_classes(folder)
    ref = b.reference(classes)
    dt = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MiB on Linux
    print(f"{dt:.3f} {peak:.0f} {ref['M'].shape[0]} {ref['M'].shape[1]}")


def bench_build(folder: Path, repeat: int) -> None:
    runs = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, __file__, str(folder), "--build-worker"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        runs.append((float(out[0]), float(out[1])))
    best = min(r[0] for r in runs)
    peak = max(r[1] for r in runs)
    print(
        f"1. class-level space from the CBP file ({out[2]} areas x {out[3]} classes): "
        f"{best:.2f} s (runs {', '.join(f'{r[0]:.2f}' for r in runs)}), peak RSS of the "
        f"whole process {peak:.0f} MiB  [target < 10 s, < 1 GB]"
    )


def bench_ranking(draws: int, repeat: int) -> None:
    from hromada.econ.complexity import rank_stability, space_opportunities
    from hromada.refdata import industry_complexity, industry_presence, industry_space

    for level in ("division", "class"):
        phi, info, M = industry_space(level), industry_complexity(level), industry_presence(level)
        rng = np.random.default_rng(7)
        values = pd.Series(
            rng.lognormal(3, 1.5, len(phi)) * (rng.random(len(phi)) < 0.4), index=phi.index
        )
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            out = space_opportunities(values, phi, info["pci"], info["share"])
            bands = rank_stability(values, M, info["pci"], info["share"], draws=draws)
            times.append(time.perf_counter() - t)
        print(
            f"2. one hromada's ranking + {draws} bootstrap draws, {level} "
            f"({len(phi)} industries, {len(out)} candidates, {int(bands['robust'].sum())} "
            f"robust): {min(times):.3f} s (runs {', '.join(f'{x:.3f}' for x in times)})"
            + ("  [target < 0.5 s]" if level == "division" else "")
        )


def bench_proximity(folder: Path, repeat: int) -> None:
    import warnings

    from ecomplexity import proximity as eproximity

    from hromada.econ.complexity import presence, proximity
    from hromada.refdata.build import industry_space as b

    panel = b.cbp_classes(folder).assign(year=2019)
    ours, theirs = [], []
    for _ in range(repeat):
        t = time.perf_counter()
        phi = proximity(presence(panel, year=2019))
        ours.append(time.perf_counter() - t)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            t = time.perf_counter()
            e = eproximity(
                panel, {"time": "year", "loc": "region", "prod": "sector", "val": "value"}
            )
            theirs.append(time.perf_counter() - t)
    wide = (
        e.pivot(index="sector_1", columns="sector_2", values="proximity")
        if "sector_1" in e.columns
        else None
    )
    diff = float("nan")
    if wide is not None:
        wide = wide.reindex(index=phi.index, columns=phi.columns)
        off = ~np.eye(len(phi), dtype=bool)
        diff = float(np.nanmax(np.abs(wide.to_numpy()[off] - phi.to_numpy()[off])))
    print(
        f"3. proximity, {panel['region'].nunique()} areas x {panel['sector'].nunique()} "
        f"classes (RCA, M, phi): hromada {min(ours):.3f} s, ecomplexity {min(theirs):.3f} s, "
        f"ratio ecomplexity/hromada {min(theirs) / min(ours):.1f}x; largest difference "
        f"off the diagonal {diff:.1e}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", nargs="?")
    ap.add_argument("--draws", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--build-worker", action="store_true")
    args = ap.parse_args()
    folder = _folder(args.folder)
    if args.build_worker:
        build_worker(folder)
        return
    bench_build(folder, args.repeat)
    bench_ranking(args.draws, args.repeat)
    bench_proximity(folder, args.repeat)


if __name__ == "__main__":
    main()
