"""BLAS thread limits that threads of one process can take at the same time.

threadpoolctl changes a process-wide setting and restores, on exit, what it saw on entry.
Two overlapping limits in different threads (two web requests computing at once) would
then restore in the wrong order and could leave BLAS on one thread for the rest of the
process. Here the limits in force are counted: the smallest one open applies, and the
last one to close restores the original setting.
"""

from __future__ import annotations

import contextlib
import threading

from threadpoolctl import threadpool_limits

_lock = threading.Lock()
_open: list[int] = []  # the limits of the contexts now open, in any thread
_original = None  # threadpoolctl's limiter opened first: it restores the original setting
_ceiling = None  # BLAS threads before the first limit: a limit never raises the count


def _apply(limit: int) -> None:
    threadpool_limits(limits=min(limit, _ceiling or limit), user_api="blas")


@contextlib.contextmanager
def blas_threads(limit: int):
    """Context: at most ``limit`` BLAS threads (process-wide, never more than before)."""
    global _original, _ceiling
    limit = max(1, int(limit))
    with _lock:
        before = min(_open, default=None)
        _open.append(limit)
        if before is None:
            _original = threadpool_limits(limits=limit, user_api="blas")
            _ceiling = _original.get_original_num_threads().get("blas")
            if _ceiling is not None and _ceiling < limit:
                _apply(limit)
        elif limit < before:
            _apply(limit)
    try:
        yield
    finally:
        with _lock:
            _open.remove(limit)
            now = min(_open, default=None)
            if now is None:
                if _original is not None:
                    _original.restore_original_limits()
                _original = _ceiling = None
            elif now > limit:
                _apply(now)


def one_blas_thread():
    """Return a context that limits BLAS to one thread.

    For loops of small matrix products (Lanczos, the DIIM time loop), which lose more to
    thread synchronisation than they gain, especially on a busy machine.
    """
    return blas_threads(1)
