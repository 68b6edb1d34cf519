"""BLAS thread limits taken by overlapping threads end with the original setting restored.

Each scenario runs in a fresh interpreter: the limits are process-wide, and a test
process may hold other threads that take them too (a live server finishing a request).
"""

import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SKIP = 77


def blas_now():
    import numpy  # noqa: F401  (loads the BLAS library threadpoolctl reports)
    from threadpoolctl import threadpool_info

    return min((p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"), default=0)


def blas_at_start():
    original = blas_now()
    if original < 2:
        sys.exit(SKIP)  # no BLAS reported, or one thread already: nothing to observe
    return original


def overlapping_in_two_threads():
    from hromada.econ._blas import blas_threads, one_blas_thread

    original = blas_at_start()
    a_in, b_in, a_out = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    def a():
        with one_blas_thread():
            a_in.set()
            b_in.wait(5)
            seen["a inside, b open"] = blas_now()
        a_out.set()

    def b():
        a_in.wait(5)
        with blas_threads(original):
            b_in.set()
            a_out.wait(5)
            seen["b inside, a closed"] = blas_now()

    threads = [threading.Thread(target=a), threading.Thread(target=b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    # A opened first and closed first: plain threadpoolctl would restore the original
    # while B is open, and B's exit would then restore A's limit of 1 for good.
    assert seen == {"a inside, b open": 1, "b inside, a closed": original}, seen
    assert blas_now() == original


def nested():
    from hromada.econ._blas import blas_threads, one_blas_thread

    original = blas_at_start()
    with blas_threads(original + 3):
        assert blas_now() == original  # a limit above the current count changes nothing
        with one_blas_thread():
            assert blas_now() == 1
        assert blas_now() == original
    assert blas_now() == original


def in_fresh_process(scenario):
    code = f"import tests.econ.test_blas_limits as t; t.{scenario}()"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    if done.returncode == SKIP:
        pytest.skip("no multi-threaded BLAS here: nothing to observe")
    assert done.returncode == 0, done.stderr


def test_overlapping_limits_in_two_threads_restore_the_original():
    in_fresh_process("overlapping_in_two_threads")


def test_nested_limits_apply_the_smallest_and_never_raise_the_count():
    in_fresh_process("nested")
