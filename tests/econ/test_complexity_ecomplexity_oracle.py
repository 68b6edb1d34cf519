"""ecomplexity 0.5.3 (Growth Lab, MIT) as the oracle of ecomplexity(normalization="atlas").

Parity to 1e-8 holds for float64 results: the default ``dtype="auto"`` for tables of up
to 2 million rows (as here), or ``dtype="float64"``; float32 results are the same numbers
rounded to float32 (checked at float32 precision below).
"""

from __future__ import annotations

import contextlib
import io
import warnings

import numpy as np
import pandas as pd
import pytest

from hromada.econ.complexity import ecomplexity

ec = pytest.importorskip("ecomplexity")

COLS = ["diversity", "ubiquity", "rca", "mcp", "eci", "pci", "density", "coi", "cog"]


def random_panel(seed, n_regions=40, n_sectors=30, years=(2019, 2020, 2021), zeros=0.35):
    rng = np.random.default_rng(seed)
    idx = pd.MultiIndex.from_product(
        [years, [f"r{i:02d}" for i in range(n_regions)], [f"s{j:02d}" for j in range(n_sectors)]],
        names=["year", "region", "sector"],
    )
    value = rng.lognormal(3, 1.5, len(idx)) * (rng.random(len(idx)) > zeros)
    return pd.DataFrame({"value": value}, index=idx).reset_index()


@pytest.fixture(autouse=True, params=["one block", "many blocks, two threads"])
def engine(request, monkeypatch):
    """Every oracle test runs twice: as the tests' small panels run by default (one block
    of regions, one thread), and with blocks of 8 regions (or 8-sector blocks for the
    region-side Gram matrix) and the years shared by two threads, as large panels run."""
    if request.param != "one block":
        from hromada.econ.complexity import _blocks

        monkeypatch.setattr(_blocks, "BLOCK_BYTES", 8)
        monkeypatch.setattr(_blocks, "PARALLEL_YEAR_CELLS", 0)
        monkeypatch.setattr(_blocks.os, "cpu_count", lambda: 2)
    return request.param


def run_oracle(panel, **kwargs):
    cols = {"time": "year", "loc": "region", "prod": "sector", "val": "value"}
    with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("ignore")
        return ec.ecomplexity(panel, cols, check_logsupermodularity=False, **kwargs)


def compare(ours, theirs, rtol=0.0, atol=1e-8):
    theirs = theirs.dropna(subset=["eci"])
    keys = ["year", "region", "sector"]
    ours = ours.assign(region=ours["region"].astype(str), sector=ours["sector"].astype(str))
    m = theirs.merge(ours, on=keys, suffixes=("_t", "_o"), how="outer", indicator=True)
    assert (m["_merge"] == "both").all(), m["_merge"].value_counts()
    for c in COLS:
        np.testing.assert_allclose(
            m[f"{c}_o"].to_numpy(float),
            m[f"{c}_t"].to_numpy(float),
            atol=0 if c in ("mcp", "diversity", "ubiquity") else atol,
            rtol=0 if c in ("mcp", "diversity", "ubiquity") else rtol,
            err_msg=f"column {c}",
        )


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_equals_ecomplexity_rca(seed):
    panel = random_panel(seed)
    oracle = run_oracle(panel)
    compare(ecomplexity(panel, normalization="atlas", dtype="float64"), oracle)
    # The defaults (dtype "auto": float64 at this size, normalization "atlas") are the same.
    compare(ecomplexity(panel), oracle)


@pytest.mark.parametrize("seed", [0, 1])
def test_float32_is_ecomplexity_rounded(seed):
    panel = random_panel(seed)
    ours = ecomplexity(panel, dtype="float32")
    assert ours["mcp"].dtype == np.int8 and ours["diversity"].dtype == np.int32
    for c in ("rca", "eci", "pci", "density", "coi", "cog"):
        assert ours[c].dtype == np.float32, c
    assert ours["value"].dtype == np.float64  # the input's values, not rounded
    # float32 keeps ~7 significant digits; counts and presence are exact
    compare(ours, run_oracle(panel), rtol=2e-7, atol=1e-6)


def test_equals_ecomplexity_sparse_rows_and_threshold():
    # absent rows (not just zeros) and a different threshold
    panel = random_panel(7, n_regions=25, n_sectors=35, years=(2000, 2001))
    panel = panel[panel["value"] > 0]
    compare(
        ecomplexity(panel, normalization="atlas", threshold=1.3, dtype="float64"),
        run_oracle(panel, rca_mcp_threshold=1.3),
    )


def test_equals_ecomplexity_rpop():
    panel = random_panel(3, n_regions=30, n_sectors=20, years=(2010, 2011))
    rng = np.random.default_rng(3)
    pop = pd.DataFrame(
        [(y, f"r{i:02d}", rng.uniform(1e3, 1e5)) for y in (2010, 2011) for i in range(30)],
        columns=["year", "region", "population"],
    )
    ours = ecomplexity(
        panel, presence_test="rpop", population=pop, normalization="atlas", dtype="float64"
    )
    theirs = run_oracle(panel, presence_test="rpop", pop=pop)
    compare(ours, theirs)
    m = theirs.merge(ours.astype({"region": str, "sector": str}), on=["year", "region", "sector"])
    np.testing.assert_allclose(m["rpop_x"], m["rpop_y"], atol=1e-8)


def test_equals_ecomplexity_manual():
    panel = random_panel(4, n_regions=30, n_sectors=25, years=(2015, 2016))
    panel["value"] = (panel["value"] > 40).astype(float)
    compare(
        ecomplexity(panel, presence_test="manual", normalization="atlas", dtype="float64"),
        run_oracle(panel, presence_test="manual"),
    )


def test_ecomplexity_column_names_follow_the_input():
    panel = random_panel(5, n_regions=10, n_sectors=8, years=(2020,)).rename(
        columns={"region": "hromada", "sector": "kved", "value": "jobs", "year": "yr"}
    )
    out = ecomplexity(
        panel, columns={"time": "yr", "loc": "hromada", "prod": "kved", "val": "jobs"}
    )
    assert {"hromada", "kved", "yr", "jobs", "eci", "cog"} <= set(out.columns)
