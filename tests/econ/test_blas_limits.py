"""BLAS thread limits taken by overlapping threads end with the original setting restored."""

import threading

import numpy  # noqa: F401  (loads the BLAS library threadpoolctl reports)
import pytest
from threadpoolctl import threadpool_info

from hromada.econ._blas import blas_threads, one_blas_thread


def blas_now():
    found = [p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"]
    if not found:
        pytest.skip("no BLAS library reported by threadpoolctl")
    return min(found)


def test_overlapping_limits_in_two_threads_restore_the_original():
    original = blas_now()
    if original < 2:
        pytest.skip("BLAS runs one thread here already: nothing to observe")
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
    assert seen == {"a inside, b open": 1, "b inside, a closed": original}
    assert blas_now() == original


def test_nested_limits_apply_the_smallest_and_never_raise_the_count():
    original = blas_now()
    with blas_threads(original + 3):
        assert blas_now() == original  # a limit above the current count changes nothing
        with one_blas_thread():
            assert blas_now() == 1
        assert blas_now() == original
    assert blas_now() == original
