"""Benchmark: the industry space in KVED codes (issue 20).

Run: ``.venv/bin/python benchmarks/bench_industry_space.py [DATA/relatedness] [--draws N]
[--ranking-only]``
(default folder: ``$HROMADA_DATA_DIR/relatedness``, else ``../shared/data/relatedness``).

1. Build the class-level space from the CBP file (569,017 rows): read, impute suppressed
   cells, NAICS -> NACE split, presence, proximity and PCI, in a fresh process; wall time
   and the process's peak resident memory (``ru_maxrss``). Target: under 10 s, under 1 GB.
2. One hromada's ranking with bootstrap bands (``space_opportunities`` +
   ``rank_stability``, 200 draws, PCI recomputed in every draw) on the bundled
   division- and class-level spaces, in one run: a plain per-draw loop (the draw's
   proximity from its counts, its PCI from ``complexity_indices`` on the resampled
   panel, then the scores; at class level on ``--plain-draws`` draws, scaled to 200)
   and the previous implementation (per-draw loop, PCI held fixed) against the
   vectorised ``rank_stability``, first call (builds the cached pair index) and warm;
   the ratios printed. Target: under 0.5 s.
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


def _plain_loop(values, M, pci, share, draws, *, recompute_pci=True, seed=0):
    """Ranks of the candidates draw by draw, the plain way (the oracle of the tests)."""
    import warnings

    from hromada.econ.complexity import PRESETS, complexity_indices, local_presence
    from hromada.econ.complexity._space import _scores

    codes = M.columns
    X = M.to_numpy()
    pci = pd.Series(pci, dtype=float).reindex(codes)
    kept = pci.notna().to_numpy()
    q0 = pci.fillna(0.0).to_numpy()
    m = local_presence(values, pd.Series(share).reindex(codes))["present"].to_numpy(float)
    cand = np.flatnonzero(m == 0)
    w = PRESETS["low_hanging_fruit"]
    rng = np.random.default_rng(seed)
    n = X.shape[0]
    X32 = X.astype(np.float32)
    ranks = np.empty((draws, len(cand)))
    for b in range(draws):
        cnt = np.bincount(rng.integers(0, n, n), minlength=n)
        drawn = cnt > 0
        Xd = X32[drawn]
        C = (Xd.T @ (Xd * cnt[drawn, None].astype(np.float32))).astype(np.float64)
        u = np.diagonal(C).copy()
        with np.errstate(divide="ignore", invalid="ignore"):
            P = C / np.maximum(u[:, None], u[None, :])
        P[~np.isfinite(P)] = 0.0
        q = q0.copy()
        if recompute_pci:
            Xb = np.repeat(X[:, kept], cnt, axis=0)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                _eci, pb = complexity_indices(Xb)
            q[kept] = np.nan_to_num(pb.to_numpy(), nan=0.0)
        _d, _g, score = _scores(m, P, q, P.sum(axis=1), w)
        s = np.round(score[cand], 10)
        r = np.empty(len(s))
        r[np.lexsort((np.arange(len(s)), -s))] = np.arange(1, len(s) + 1)
        ranks[b] = r
    return ranks


def bench_ranking(draws: int, repeat: int, plain_draws: int) -> None:
    from hromada.econ.complexity import _space, rank_stability, space_opportunities
    from hromada.refdata import industry_complexity, industry_presence, industry_space

    for level in ("division", "class"):
        phi, info, M = industry_space(level), industry_complexity(level), industry_presence(level)
        rng = np.random.default_rng(7)
        values = pd.Series(
            rng.lognormal(3, 1.5, len(phi)) * (rng.random(len(phi)) < 0.4), index=phi.index
        )
        _space._PAIRS_CACHE.clear()
        t = time.perf_counter()
        out = space_opportunities(values, phi, info["pci"], info["share"])
        rank_stability(values, M, info["pci"], info["share"], draws=draws)
        cold = time.perf_counter() - t
        warm, fixed = [], []
        for _ in range(repeat):
            t = time.perf_counter()
            out = space_opportunities(values, phi, info["pci"], info["share"])
            bands = rank_stability(values, M, info["pci"], info["share"], draws=draws)
            warm.append(time.perf_counter() - t)
            t = time.perf_counter()
            rank_stability(values, M, info["pci"], info["share"], draws=draws, recompute_pci=False)
            fixed.append(time.perf_counter() - t)
        steps = dict(_space._STATS)
        n_plain = draws if level == "division" else min(plain_draws, draws)
        t = time.perf_counter()
        _plain_loop(values, M, info["pci"], info["share"], n_plain)
        plain = (time.perf_counter() - t) * draws / n_plain
        t = time.perf_counter()
        _plain_loop(values, M, info["pci"], info["share"], draws, recompute_pci=False)
        previous = time.perf_counter() - t
        best = min(warm)
        print(
            f"2. {level} ({len(phi)} industries, {len(out)} candidates, "
            f"{int(bands['robust'].sum())} robust), {draws} draws, PCI recomputed per draw:\n"
            f"   vectorised {best:.3f} s warm (runs {', '.join(f'{x:.3f}' for x in warm)}; "
            f"first call {cold:.3f} s with the pair index; Lanczos steps "
            f"{steps.get('lanczos_steps')}, dense fall-backs {steps.get('dense_fallbacks')})  "
            f"[target < 0.5 s]\n"
            f"   plain per-draw loop {plain:.2f} s"
            + (f" (measured on {n_plain} draws, scaled)" if n_plain != draws else "")
            + f": ratio {plain / best:.1f}x\n"
            f"   PCI held fixed: vectorised {min(fixed):.3f} s, previous per-draw loop "
            f"{previous:.3f} s: ratio {previous / min(fixed):.1f}x"
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
    ap.add_argument(
        "--plain-draws", type=int, default=20, help="draws of the plain loop at class level"
    )
    ap.add_argument("--build-worker", action="store_true")
    ap.add_argument("--ranking-only", action="store_true", help="only part 2")
    args = ap.parse_args()
    folder = _folder(args.folder)
    if args.build_worker:
        build_worker(folder)
        return
    if not args.ranking_only:
        bench_build(folder, args.repeat)
    bench_ranking(args.draws, args.repeat, args.plain_draws)
    if not args.ranking_only:
        bench_proximity(folder, args.repeat)


if __name__ == "__main__":
    main()
