"""Published values of R economiccomplexity (CRAN vignette, world trade 1998-2000, SITC4).

Read at test time from ../shared/validation/complexity; product codes stay strings.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from hromada.econ.complexity import (
    complexity_indices,
    complexity_outlook,
    proximity,
    relatedness_density,
)
from tests.conftest import load_json

TOL = 1e-6


@pytest.fixture(scope="module")
def world(validation_dir):
    d = validation_dir / "complexity"
    edges = pd.read_csv(d / "mcp_world_sitc4_1998_2000_edges.csv", dtype=str)
    M = pd.crosstab(edges["country"], edges["product"])
    published = load_json(d / "published_vignette_values.json")
    eci_fit = pd.read_csv(d / "eci_fitness_coi.csv", dtype={"country": str}).set_index("country")
    pci_fit = pd.read_csv(d / "pci_fitness.csv", dtype={"product": str}).set_index("product")
    return M, published, eci_fit, pci_fit


def test_matrix_is_the_published_one(world):
    M, *_ = world
    assert M.shape == (226, 785)
    assert int(M.to_numpy().sum()) == 31951
    assert M.columns[0] == "0011"


@pytest.mark.parametrize(
    "method, key",
    [
        ("eigenvalues", "eigenvalues_method"),
        ("reflections", "reflections_20iter"),
        ("fitness", "fitness_default"),
    ],
)
def test_eci_pci_published(world, method, key):
    M, published, *_ = world
    eci, pci = complexity_indices(M, method=method, iterations=20)
    for name, series in (("eci", eci), ("pci", pci)):
        expected = pd.Series(published[f"{name}_{key}"])
        np.testing.assert_allclose(series.loc[expected.index], expected, atol=TOL, rtol=0)


def test_fitness_full_vectors(world):
    M, _, eci_fit, pci_fit = world
    eci, pci = complexity_indices(M, method="fitness")
    np.testing.assert_allclose(eci.loc[eci_fit.index], eci_fit["eci_fitness"], atol=TOL, rtol=0)
    np.testing.assert_allclose(pci.loc[pci_fit.index], pci_fit["pci_fitness"], atol=TOL, rtol=0)


def test_coi_cog_published(world):
    M, published, eci_fit, _ = world
    _, pci = complexity_indices(M, method="fitness")
    phi = proximity(M)
    coi, cog = complexity_outlook(M, phi, pci)
    np.testing.assert_allclose(coi.loc[eci_fit.index], eci_fit["coi_R_formula"], atol=TOL, rtol=0)
    expected = pd.DataFrame(published["cog_with_fitness_pci_first5x5"]).T
    got = cog.loc[expected.index, expected.columns]
    np.testing.assert_allclose(got.to_numpy(), expected.to_numpy(), atol=TOL, rtol=0)
    expected_coi = pd.Series(published["coi_with_fitness_pci"])
    np.testing.assert_allclose(coi.loc[expected_coi.index], expected_coi, atol=TOL, rtol=0)


def test_sparse_input_gives_same_numbers(world):
    import scipy.sparse as sp

    M, published, eci_fit, _ = world
    S = sp.csr_array(M.to_numpy())
    for method in ("eigenvalues", "reflections", "fitness"):
        e1, p1 = complexity_indices(M, method=method)
        e2, p2 = complexity_indices(S, method=method, regions=M.index, sectors=M.columns)
        # reflections z-score a nearly constant vector: summation order shows at ~1e-8
        np.testing.assert_allclose(e1, e2, atol=1e-7)
        np.testing.assert_allclose(p1, p2, atol=1e-7)
    _, pci = complexity_indices(S, method="fitness", regions=M.index, sectors=M.columns)
    phi = proximity(S, sectors=M.columns)
    coi, cog = complexity_outlook(S, phi, pci, regions=M.index, sectors=M.columns)
    np.testing.assert_allclose(coi.loc[eci_fit.index], eci_fit["coi_R_formula"], atol=TOL, rtol=0)
    d1 = relatedness_density(M, proximity(M))
    d2 = relatedness_density(S, phi, regions=M.index, sectors=M.columns)
    np.testing.assert_allclose(d1.to_numpy(), d2.to_numpy(), atol=1e-12)


def test_density_is_one_minus_published_distance(world):
    M, *_ = world
    phi = proximity(M).to_numpy()
    Mv = M.to_numpy(float)
    dist = ((1 - Mv) @ phi.T) / phi.sum(axis=1)[None, :]  # the JSON's dist_cp
    d = relatedness_density(M, proximity(M)).to_numpy()
    np.testing.assert_allclose(d, 1 - dist, atol=1e-12)
