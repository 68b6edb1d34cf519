"""ecomplexity()'s engine: one year's measures computed by blocks of regions, years in parallel.

Why blocks: every measure but the indices is row-wise (a region's RCA, presence,
density, COI and COG need only its own row and the year's totals, proximity and PCI),
and the indices need only sector x sector (or region x region) sums over rows. So a
year needs no regions x sectors float64 array at all: presence is written straight into
the output's int8 ``mcp`` column and read back one block at a time, converted into a
small float64 buffer for the matrix products. The whole 9 M-row benchmark then needs
about 20 MB above its output, and small buffers stay in cache (fresh large temporaries
were mapped and zero-faulted by the kernel page by page, which cost as much as the
arithmetic).

Why threads: years are independent. Two at once overlap one year's single-threaded
numpy work with the other's matrix products (BLAS threads are shared out between them).
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from hromada.econ._blas import blas_threads
from hromada.econ.complexity._core import (
    _corr_sign,
    _density_weights,
    _gain_weights,
    _normalise,
    _outlook_rows,
    _proximity_from_counts,
    _second_eigenpair,
    _warn,
    _worker,
)
from hromada.econ.complexity._presence import _at_least, _check_manual, _rca_rows, _rpop_rows
from hromada.econ.errors import DegenerateResultWarning

# A block of regions is about this many bytes of float64: cache-sized, and still large
# enough for efficient matrix products.
BLOCK_BYTES = 1 << 21
# Years of at least this many cells run two at a time (when there are two cores).
PARALLEL_YEAR_CELLS = 200_000


def block_cells(n_sectors: int) -> int:
    """Floats in one scratch buffer for a year of ``n_sectors`` sectors (>= 8 rows)."""
    return max(BLOCK_BYTES // 8, 8 * n_sectors)


def _blocks(n, width, cells):
    """Slices of ``range(n)`` with at most ``cells // width`` items each."""
    step = max(1, cells // max(width, 1))
    return [slice(a, min(a + step, n)) for a in range(0, n, step)]


def each_year(n_years, cells, one_year, largest_year):
    """Run ``one_year(i, work)`` for every year; return their warnings, once each, in order.

    Two threads share the years when there are two cores and the largest year has at
    least ``PARALLEL_YEAR_CELLS`` cells (``largest_year``); smaller panels are not worth it.

    ``work``: three flat float64 buffers of ``cells`` floats, one set per worker thread
    (freed when its thread runs out of years). Warnings raised in the years are collected
    (see ``_core._warn``) so that the caller re-issues them from its own thread and stack.
    """
    notes = [[] for _ in range(n_years)]
    cores = os.cpu_count() or 1
    workers = min(2, n_years, cores) if largest_year >= PARALLEL_YEAR_CELLS else 1
    todo = iter(range(n_years))
    lock = threading.Lock()
    failed = threading.Event()

    def worker():
        work = [np.empty(cells) for _ in range(3)]
        _worker.blas_limited = workers > 1
        try:
            while not failed.is_set():
                with lock:
                    i = next(todo, None)
                if i is None:
                    return
                _worker.notes = notes[i]
                one_year(i, work)
        except BaseException:
            failed.set()
            raise
        finally:
            _worker.notes = None
            _worker.blas_limited = False

    if workers == 1:
        worker()
    else:
        with blas_threads(cores // workers):
            with ThreadPoolExecutor(workers, thread_name_prefix="ecomplexity") as pool:
                for future in [pool.submit(worker) for _ in range(workers)]:
                    future.result()
    seen = set()
    return [n for year in notes for n in year if not (n in seen or seen.add(n))]


def year_measures(V, M, method, threshold, pop, normalization, emit, work):
    """Compute all measures of one year.

    V the values (regions x sectors with positive totals), M the int8 array (same shape)
    to fill with presence.

    ``emit(name, array, rows=None)`` receives each result as soon as it is final: a block
    of rows of a regions x sectors measure, or a whole per-region or per-sector vector.
    ``work``: three flat float64 buffers of at least ``block_cells(n_sectors)`` floats.
    """
    nr, ns = V.shape
    cells = len(work[0])
    rows_blocks = _blocks(nr, ns, cells)

    def buffer(k, rows):
        return work[k][: (rows.stop - rows.start) * ns].reshape(-1, ns)

    # Presence, block by block: RCA (and RPOP) against the year's totals, then M.
    if method != "manual":
        row_totals, col_totals = V.sum(axis=1), V.sum(axis=0)
    for rows in rows_blocks:
        Vb = V[rows]
        if method == "manual":
            _check_manual(Vb)
            emit("rca", Vb, rows)
            M[rows] = Vb
            continue
        x = _rca_rows(Vb, row_totals[rows], col_totals, out=buffer(0, rows))
        emit("rca", x, rows)
        if method == "rpop":
            x = _rpop_rows(Vb, pop[rows], col_totals, pop.sum(), out=buffer(1, rows))
            emit("rpop", x, rows)
        _at_least(x, threshold, out=M[rows])
    div = M.sum(axis=1, dtype=np.float64)
    ubi = M.sum(axis=0, dtype=np.float64)
    emit("diversity", div)
    emit("ubiquity", ubi)
    rmask, cmask = div > 0, ubi > 0

    def presence(rows, k=0, dtype=np.float64):
        """Rows of M as float in buffer k (0/1 is exact in any float type)."""
        out = work[k].view(dtype)[: (rows.stop - rows.start) * ns].reshape(-1, ns)
        np.copyto(out, M[rows], casting="unsafe")
        return out

    eci = np.full(nr, np.nan)
    pci = np.full(ns, np.nan)
    if rmask.sum() >= 2 and cmask.sum() >= 2:
        eci, pci = _indices(M, div, ubi, rmask, cmask, rows_blocks, presence, work)
    else:
        _warn(
            "fewer than two regions or sectors with any presence: ECI/PCI are NaN.",
            DegenerateResultWarning,
        )
    # Proximity from co-occurrence counts, exact in float32 below 2**24 regions.
    exact32 = nr < 2**24
    C = np.zeros((ns, ns), dtype=np.float32 if exact32 else np.float64)
    for rows in rows_blocks:
        Xb = presence(rows, dtype=np.float32 if exact32 else np.float64)
        C += Xb.T @ Xb
    phi = _proximity_from_counts(C.astype(np.float64), 1)
    del C
    # COI/COG use the raw PCI vector and are rescaled afterwards (ecomplexity's order) for
    # "atlas"; "standard" normalises ECI and PCI first.
    if normalization == "atlas":
        sd, mu = np.nanstd(eci), np.nanmean(eci)
    elif rmask.sum() >= 2:
        eci[rmask], pci[cmask] = _normalise(eci[rmask], pci[cmask], "standard")
    W = _density_weights(phi)
    q = np.nan_to_num(pci)
    B, B_total = _gain_weights(phi, q)
    coi = np.empty(nr)
    for rows in rows_blocks:
        Xb = presence(rows)
        d = np.matmul(Xb, W, out=buffer(1, rows))
        coi[rows], gain = _outlook_rows(Xb, B, B_total, d, q, out=buffer(2, rows))
        emit("density", d, rows)
        if normalization == "atlas":
            gain /= sd
        emit("cog", gain, rows)
    if normalization == "atlas":
        pci = (pci - mu) / sd
        eci = (eci - mu) / sd
        coi_sd = coi.std()
        if coi_sd > 0:
            coi = (coi - coi.mean()) / coi_sd
        else:
            _warn(
                "COI has zero spread (no region has any sector left to gain); COI is NaN.",
                DegenerateResultWarning,
            )
            coi = np.full_like(coi, np.nan)
    emit("eci", eci)
    emit("pci", pci)
    emit("coi", coi)


def _indices(M, div, ubi, rmask, cmask, rows_blocks, presence, work):
    """Return raw, sign-corrected (eci, pci) of M (NaN off the masks).

    As ``_core._eigen_raw`` computes them on M[rmask][:, cmask]: the Gram matrix of the
    smaller side summed over blocks of the other side, then its second eigenvector.
    """
    nr, ns = M.shape
    eci = np.full(nr, np.nan)
    pci = np.full(ns, np.nan)
    with np.errstate(divide="ignore"):
        wr = np.where(rmask, 1.0 / np.sqrt(div), 0.0)
        wc = np.where(cmask, 1.0 / np.sqrt(ubi), 0.0)
    if cmask.sum() <= rmask.sum():  # sectors side: G = M' D^-1 M
        G = np.zeros((ns, ns))
        for rows in rows_blocks:
            Xb = presence(rows)
            Xb *= wr[rows, None]
            G += Xb.T @ Xb
        isq = 1.0 / np.sqrt(ubi[cmask])
        lam, v = _second_eigenpair(G[np.ix_(cmask, cmask)], isq, stacklevel=3)
        kp = np.zeros(ns)
        kp[cmask] = isq * v
        kc = np.empty(nr)
        for rows in rows_blocks:
            kc[rows] = presence(rows) @ kp
        kc = kc[rmask] / div[rmask]
        kp = kp[cmask]
    else:  # regions side: G = M U^-1 M', summed over blocks of sectors
        G = np.zeros((nr, nr))
        buf = work[0]
        for cols in _blocks(ns, nr, len(buf)):
            Xb = buf[: nr * (cols.stop - cols.start)].reshape(nr, -1)
            np.copyto(Xb, M[:, cols], casting="unsafe")
            Xb *= wc[None, cols]
            G += Xb @ Xb.T
        isq = 1.0 / np.sqrt(div[rmask])
        lam, v = _second_eigenpair(G[np.ix_(rmask, rmask)], isq, stacklevel=3)
        kc_full = np.zeros(nr)
        kc_full[rmask] = isq * v
        kp = np.zeros(ns)
        for rows in rows_blocks:
            kp += presence(rows).T @ kc_full[rows]
        kp = kp[cmask] / ubi[cmask] / lam
        kc = kc_full[rmask]
    s = _corr_sign(div[rmask], kc)
    eci[rmask], pci[cmask] = s * kc, s * kp
    return eci, pci
