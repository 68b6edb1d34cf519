"""Unit tests of hromada.econ.complexity against slow, readable reference implementations."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp

from hromada.econ.complexity import (
    complexity_indices,
    complexity_outlook,
    ecomplexity,
    opportunities,
    presence,
    proximity,
    rca,
    relatedness_density,
)
from hromada.econ.errors import DegenerateResultWarning, HromadaDataError


# ---------------------------------------------------------------- naive oracles (loops)
def naive_rca(V):
    n_r, n_s = V.shape
    total = sum(V[c, p] for c in range(n_r) for p in range(n_s))
    out = np.zeros_like(V, dtype=float)
    for c in range(n_r):
        rc = sum(V[c, :])
        for p in range(n_s):
            out[c, p] = (V[c, p] / rc) / (sum(V[:, p]) / total)
    return out


def naive_proximity(M):
    n = M.shape[1]
    phi = np.zeros((n, n))
    for p in range(n):
        for q in range(n):
            both = sum(M[c, p] * M[c, q] for c in range(M.shape[0]))
            up, uq = M[:, p].sum(), M[:, q].sum()
            phi[p, q] = both / max(up, uq) if max(up, uq) else 0.0
    return phi


def naive_eci_pci(M):
    """Textbook eigenvectors of the non-symmetric Mcc and Mpp (as in the Atlas), z-scored."""
    kc0, kp0 = M.sum(1), M.sum(0)
    Mpp = (M / kp0).T @ (M / kc0[:, None])
    Mcc = (M / kc0[:, None]) @ (M / kp0).T
    out = []
    for A in (Mcc, Mpp):
        w, v = np.linalg.eig(A)
        x = np.real(v[:, np.argsort(np.real(w))[-2]])
        out.append(x)
    eci, pci = out
    if np.corrcoef(eci, kc0)[0, 1] < 0:
        eci = -eci
    # the PCI sign follows from ECI = mean PCI of a region's sectors
    if np.corrcoef((M / kc0[:, None]) @ pci, eci)[0, 1] < 0:
        pci = -pci
    z = lambda x: (x - x.mean()) / x.std(ddof=1)  # noqa: E731
    return z(eci), z(pci)


@pytest.fixture
def rng():
    return np.random.default_rng(42)


def random_M(rng, n_r=30, n_s=20, p=0.3):
    M = (rng.random((n_r, n_s)) < p).astype(float)
    M[np.arange(n_r), rng.integers(0, n_s, n_r)] = 1
    M[rng.integers(0, n_r, n_s), np.arange(n_s)] = 1
    return pd.DataFrame(
        M, index=[f"r{i}" for i in range(n_r)], columns=[f"s{j}" for j in range(n_s)]
    )


def long(V, year=None):
    df = pd.DataFrame(
        V,
        index=[f"r{i:02d}" for i in range(V.shape[0])],
        columns=[f"s{j:02d}" for j in range(V.shape[1])],
    )
    out = df.stack().rename("value").rename_axis(["region", "sector"]).reset_index()
    return out if year is None else out.assign(year=year)


# ---------------------------------------------------------------- rca / presence
def test_rca_and_presence_match_naive(rng):
    V = rng.lognormal(2, 1, (12, 9))
    got = rca(long(V))
    np.testing.assert_allclose(got.to_numpy(), naive_rca(V), rtol=1e-12)
    M = presence(long(V), threshold=1.2)
    np.testing.assert_array_equal(M.to_numpy(), (naive_rca(V) >= 1.2).astype(int))
    assert list(M.index[:2]) == ["r00", "r01"]


def test_presence_rpop_and_manual(rng):
    V = rng.lognormal(2, 1, (6, 4))
    pop = pd.Series(rng.uniform(10, 100, 6), index=[f"r{i:02d}" for i in range(6)])
    M = presence(long(V), method="rpop", population=pop)
    rpop = (V / pop.to_numpy()[:, None]) / (V.sum(0) / pop.sum())
    np.testing.assert_array_equal(M.to_numpy(), (rpop >= 1).astype(int))
    B = (V > 8).astype(float)
    B[:, 0] = 1
    np.testing.assert_array_equal(presence(long(B), method="manual").to_numpy(), B)
    with pytest.raises(HromadaDataError, match="0/1"):
        presence(long(V), method="manual")
    with pytest.raises(HromadaDataError, match="population"):
        presence(long(V), method="rpop")


def test_zero_totals_are_dropped_with_warning(rng):
    V = rng.lognormal(2, 1, (5, 4))
    V[2, :] = 0
    V[:, 3] = 0
    with pytest.warns(DegenerateResultWarning, match="r02"):
        out = rca(long(V))
    assert "r02" not in out.index and "s03" not in out.columns


def test_presence_needs_year_when_several(rng):
    V = rng.lognormal(2, 1, (5, 4))
    panel = pd.concat([long(V, 2020), long(V * 2, 2021)])
    with pytest.raises(HromadaDataError, match="year="):
        presence(panel)
    pd.testing.assert_frame_equal(presence(panel, year=2021), presence(long(V)))


# ---------------------------------------------------------------- indices
def test_eigen_matches_textbook_nonsymmetric(rng):
    M = random_M(rng)
    eci, pci = complexity_indices(M)
    e0, p0 = naive_eci_pci(M.to_numpy())
    np.testing.assert_allclose(eci.to_numpy(), e0, atol=1e-9)
    np.testing.assert_allclose(pci.to_numpy(), p0, atol=1e-9)
    assert np.corrcoef(eci, M.sum(axis=1))[0, 1] > 0


def test_region_side_and_lanczos_paths_agree(rng):
    # more sectors than regions -> regions side; sparse large -> eigsh path
    M = random_M(rng, n_r=15, n_s=40)
    e1, p1 = complexity_indices(M)
    e0, p0 = naive_eci_pci(M.to_numpy())
    np.testing.assert_allclose(e1, e0, atol=1e-9)
    np.testing.assert_allclose(p1, p0, atol=1e-9)
    from hromada.econ.complexity import _core

    old = _core._DENSE_EIGH_MAX
    _core._DENSE_EIGH_MAX = 5
    try:
        for X in (sp.csr_array(M.to_numpy()), sp.csr_array(M.to_numpy().T).T):
            e2, p2 = complexity_indices(X, normalization="atlas")
            e3, p3 = complexity_indices(M.to_numpy(), normalization="atlas")
            np.testing.assert_allclose(e2, e3, atol=1e-8)
            np.testing.assert_allclose(p2, p3, atol=1e-8)
    finally:
        _core._DENSE_EIGH_MAX = old


def test_atlas_eci_is_mean_pci_of_its_sectors(rng):
    M = random_M(rng)
    eci, pci = complexity_indices(M, normalization="atlas")
    Mv = M.to_numpy()
    np.testing.assert_allclose((Mv @ pci.to_numpy()) / Mv.sum(1), eci.to_numpy(), atol=1e-10)


def test_zero_row_gives_nan_with_warning(rng):
    M = random_M(rng)
    M.iloc[3] = 0
    with pytest.warns(DegenerateResultWarning):
        eci, pci = complexity_indices(M)
    assert np.isnan(eci.iloc[3]) and eci.drop(eci.index[3]).notna().all()


def test_input_errors(rng):
    M = random_M(rng)
    with pytest.raises(HromadaDataError, match="0/1"):
        complexity_indices(M * 2)
    with pytest.raises(HromadaDataError, match="method"):
        complexity_indices(M, method="magic")
    with pytest.raises(HromadaDataError, match="iterations"):
        complexity_indices(M, method="reflections", iterations=1)
    with pytest.raises(HromadaDataError, match="atlas"):
        complexity_indices(M, method="fitness", normalization="atlas")
    with pytest.raises(HromadaDataError, match="phi"):
        relatedness_density(M, proximity(M).iloc[:-1, :-1])
    with pytest.raises(HromadaDataError, match="diagonal"):
        proximity(M, diagonal=2)
    # a bad manual presence names the value as a number (not "np.float64(2.0)")
    panel = long(rng.integers(0, 2, (6, 5)).astype(float), 2020)
    panel.loc[3, "value"] = 2.0
    with pytest.raises(HromadaDataError, match=r"got 2\.0\. Use method='rca'"):
        ecomplexity(panel, presence_test="manual")


# ---------------------------------------------------------------- proximity, density, outlook
def test_proximity_density_outlook_match_naive(rng):
    M = random_M(rng, 10, 7)
    Mv = M.to_numpy()
    phi = proximity(M)
    np.testing.assert_allclose(phi.to_numpy(), naive_proximity(Mv), atol=1e-15)
    assert (np.diag(proximity(M, diagonal=0)) == 0).all()
    d = relatedness_density(M, phi).to_numpy()
    P = phi.to_numpy()
    pci = rng.normal(size=7)
    coi, cog = complexity_outlook(M, phi, pd.Series(pci, index=M.columns))
    cog_own = complexity_outlook(M, phi, pci, own_term=True)[1].to_numpy()
    for c in range(10):
        coi_c = 0.0
        for p in range(7):
            dn = sum(Mv[c, q] * P[p, q] for q in range(7)) / P[p].sum()
            assert d[c, p] == pytest.approx(dn, abs=1e-14)
            coi_c += dn * (1 - Mv[c, p]) * pci[p]
            g = (1 - Mv[c, p]) * sum(
                (1 - Mv[c, q]) * P[p, q] * pci[q] / P[q].sum() for q in range(7)
            )
            assert cog.iloc[c, p] == pytest.approx(g, abs=1e-12)
            # the Atlas's own term: minus density x PCI (1 - distance), the sum over q != p
            g2 = (1 - Mv[c, p]) * (
                sum((1 - Mv[c, q]) * P[p, q] * pci[q] / P[q].sum() for q in range(7) if q != p)
                - dn * pci[p]
            )
            assert cog_own[c, p] == pytest.approx(g2, abs=1e-12)
        assert coi.iloc[c] == pytest.approx(coi_c, abs=1e-12)


@pytest.mark.parametrize("diagonal", [1, 0])
@pytest.mark.parametrize("sparse", [False, True])
def test_cog_own_term_is_the_exact_change_of_coi(rng, diagonal, sparse):
    """COG (own_term=True) = COI after adding sector p - COI before, for every absent cell."""
    M = random_M(rng, 12, 9)
    Mv = M.to_numpy().astype(float)
    phi = proximity(M, diagonal=diagonal)
    pci = pd.Series(rng.normal(size=9), index=M.columns)
    X = sp.csr_array(Mv) if sparse else Mv
    kw = {"regions": M.index, "sectors": M.columns}
    coi, cog = complexity_outlook(X, phi.to_numpy(), pci.to_numpy(), own_term=True, **kw)
    checked = 0
    for c in range(12):
        for p in range(9):
            if Mv[c, p]:
                assert cog.iloc[c, p] == 0.0
                continue
            M2 = Mv.copy()
            M2[c, p] = 1.0
            coi2, _ = complexity_outlook(M2, phi.to_numpy(), pci.to_numpy(), **kw)
            assert cog.iloc[c, p] == pytest.approx(coi2.iloc[c] - coi.iloc[c], abs=1e-12)
            checked += 1
    assert checked > 20
    # the default (ecomplexity's, without the term) is not the change: the test can fail
    _, cog0 = complexity_outlook(M, phi, pci)
    assert not np.allclose(cog0.to_numpy(), cog.to_numpy())


# ---------------------------------------------------------------- ecomplexity
def test_ecomplexity_standard_matches_pieces(rng):
    V = rng.lognormal(2, 1, (15, 10))
    out = ecomplexity(long(V, 2020), normalization="standard")
    M = presence(long(V))
    eci, pci = complexity_indices(M)
    phi = proximity(M)
    coi, cog = complexity_outlook(M, phi, pci)
    first = out.drop_duplicates("region").set_index("region")
    np.testing.assert_allclose(first["eci"].loc[eci.index.astype(str)], eci, atol=1e-12)
    np.testing.assert_allclose(first["coi"].loc[coi.index.astype(str)], coi, atol=1e-10)
    wide = out.pivot(index="region", columns="sector", values="cog")
    np.testing.assert_allclose(
        wide.loc[cog.index, cog.columns].to_numpy(), cog.to_numpy(), atol=1e-10
    )


def test_ecomplexity_refuses_duplicate_rows_however_the_panel_is_laid_out(rng):
    """A sorted complete panel skips the duplicate count (its grid proves there are
    none); any other layout with a repeated (region, sector, year) is refused by row."""
    panel = pd.concat([long(rng.lognormal(2, 1, (10, 8)), y) for y in (2020, 2021)])
    panel = panel.reset_index(drop=True)
    ecomplexity(panel)  # a grid: accepted
    repeated = pd.concat([panel, panel.iloc[[3]]], ignore_index=True)
    with pytest.raises(HromadaDataError, match=r"duplicate \(region, sector, year\) rows: 3, 160"):
        ecomplexity(repeated)
    # the same row twice inside an otherwise grid-shaped year (10 regions x 8 sectors
    # with one cell replaced by a copy of its neighbour)
    swapped = panel.copy()
    swapped.loc[1, "sector"] = swapped.loc[0, "sector"]
    with pytest.raises(HromadaDataError, match="duplicate"):
        ecomplexity(swapped)
    with pytest.raises(HromadaDataError, match="duplicate"):
        ecomplexity(swapped.sample(frac=1.0, random_state=1))


def test_ecomplexity_without_year(rng):
    out = ecomplexity(long(rng.lognormal(2, 1, (8, 6))))
    assert "year" not in out.columns and len(out) == 48


def test_ecomplexity_dtype_and_input_order(rng):
    V1, V2 = rng.lognormal(2, 1, (12, 9)), rng.lognormal(2, 1, (12, 9))
    V2[4, :] = 0  # a zero-total region and sector in one year: dropped from that year
    V2[:, 7] = 0
    panel = pd.concat([long(V1, 2020), long(V2, 2021)], ignore_index=True)
    with pytest.warns(DegenerateResultWarning, match="r04"):
        a64 = ecomplexity(panel, dtype="float64")
    assert len(a64) == 12 * 9 + 11 * 8
    assert a64["year"].dtype == np.int32 and a64["mcp"].dtype == np.int8
    assert (a64[["rca", "eci", "pci", "density", "coi", "cog"]].dtypes == np.float64).all()
    # the float32 table is the float64 one rounded, keys and counts identical
    with pytest.warns(DegenerateResultWarning):
        a32 = ecomplexity(panel, dtype="float32")
    for c in a64.columns:
        expected = a64[c]
        if c in ("rca", "eci", "pci", "density", "coi", "cog"):
            expected = expected.astype(np.float32)
        pd.testing.assert_series_equal(a32[c], expected, check_exact=True)
    # shuffled rows, some zero rows left out: the same table
    shuffled = panel.sample(frac=1.0, random_state=3)
    shuffled = shuffled[(shuffled["value"] > 0) | (shuffled.index % 2 == 0)]
    with pytest.warns(DegenerateResultWarning):
        b64 = ecomplexity(shuffled, dtype="float64")
    pd.testing.assert_frame_equal(b64, a64, check_exact=False, rtol=0, atol=1e-12)
    with pytest.raises(HromadaDataError, match="dtype"):
        ecomplexity(panel, dtype="int8")


def test_ecomplexity_blocks_and_threads_give_the_same_table(rng, monkeypatch):
    """Large panels run by blocks of regions, two years at a time; the table is the same."""
    from hromada.econ.complexity import _blocks

    years = []
    for y, (nr, ns) in enumerate([(30, 12), (14, 40), (25, 25)]):  # sector, region side
        V = rng.lognormal(2, 1, (nr, ns)) * (rng.random((nr, ns)) > 0.3)
        years.append(long(V, 2000 + y))
    panel = pd.concat(years, ignore_index=True)
    for normalization in ("atlas", "standard"):
        whole = ecomplexity(panel, normalization=normalization)
        with monkeypatch.context() as m:
            m.setattr(_blocks, "BLOCK_BYTES", 8)
            m.setattr(_blocks, "PARALLEL_YEAR_CELLS", 0)
            m.setattr(_blocks.os, "cpu_count", lambda: 2)
            blocks = ecomplexity(panel, normalization=normalization)
        pd.testing.assert_frame_equal(blocks, whole, check_exact=False, rtol=0, atol=1e-12)


def test_ecomplexity_warnings_of_year_threads_reach_the_caller(rng, monkeypatch):
    """A warning raised while two threads share the years is issued once, by the caller's
    thread, pointing at the caller's line."""
    from hromada.econ.complexity import _blocks

    monkeypatch.setattr(_blocks, "PARALLEL_YEAR_CELLS", 0)
    monkeypatch.setattr(_blocks.os, "cpu_count", lambda: 2)
    V = np.eye(6) * 5 + 0.0  # every region alone in its own sector: COI has no spread
    panel = pd.concat([long(V, 2020), long(V, 2021), long(V, 2022)], ignore_index=True)
    with pytest.warns(DegenerateResultWarning) as caught:
        ecomplexity(panel)
    spread = [w for w in caught if "COI has zero spread" in str(w.message)]
    assert len(spread) == 1
    assert spread[0].filename == __file__


def test_ecomplexity_auto_dtype_is_float64_up_to_the_threshold(rng, monkeypatch):
    from hromada.econ.complexity import _ecomplexity

    panel = long(rng.lognormal(2, 1, (12, 9)))  # 108 rows
    floats = ["rca", "eci", "pci", "density", "coi", "cog"]
    assert (ecomplexity(panel)[floats].dtypes == np.float64).all()
    monkeypatch.setattr(_ecomplexity, "AUTO_FLOAT64_ROWS", 107)
    small = ecomplexity(panel)
    assert (small[floats].dtypes == np.float32).all()
    pd.testing.assert_frame_equal(small, ecomplexity(panel, dtype="float32"))
    monkeypatch.setattr(_ecomplexity, "AUTO_FLOAT64_ROWS", 108)
    assert (ecomplexity(panel)[floats].dtypes == np.float64).all()


# ---------------------------------------------------------------- opportunities
def test_opportunities_ranked_and_explained(rng):
    V = rng.lognormal(2, 1, (25, 12))
    panel = pd.concat([long(V, 2019), long(V * rng.uniform(0.5, 2, V.shape), 2022)])
    out = opportunities(panel, "r03")
    M = presence(panel, year=2022)
    lacks = set(M.columns[M.loc["r03"] == 0])
    assert set(out["sector"]) == lacks
    assert out["score"].is_monotonic_decreasing
    assert out["growth"].notna().all()
    assert ((out["density"] >= 0) & (out["density"] <= 1)).all()
    held = set(M.columns[M.loc["r03"] == 1])
    phi = proximity(M)
    top = out.iloc[0]
    best = phi.loc[top["sector"], sorted(held)].idxmax()
    assert best in top["reasons"]
    # weights are adjustable: density only -> ranked by density
    by_density = opportunities(
        panel, "r03", density_weight=1, pci_weight=0, cog_weight=0, growth_weight=0
    )
    assert by_density["density"].is_monotonic_decreasing
    assert len(opportunities(panel, "r03", top=3)) == 3


def test_opportunities_errors(rng):
    panel = long(rng.lognormal(2, 1, (6, 5)))
    with pytest.raises(HromadaDataError, match="not in the panel"):
        opportunities(panel, "Bucha")
    with pytest.raises(HromadaDataError, match="weight"):
        opportunities(panel, "r01", pci_weight=-1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = opportunities(panel, "r01")
    assert out["growth"].isna().all()


def test_coi_only_sparse_path_matches_dense(rng):
    from hromada.econ.complexity import _core

    M = random_M(rng, 60, 25, p=0.2)
    phi = proximity(M)
    pci = pd.Series(rng.normal(size=25), index=M.columns)
    coi, _ = complexity_outlook(M, phi, pci)
    S = sp.csr_array(M.to_numpy())
    coi2, none = complexity_outlook(S, phi, pci, cog=False, regions=M.index, sectors=M.columns)
    assert none is None
    np.testing.assert_allclose(coi2, coi, atol=1e-12)
    P = phi.to_numpy()
    W = P.T / P.sum(axis=1)[None, :]
    d = _core._density_at_held(S, W)
    np.testing.assert_allclose(d, (M.to_numpy() @ W)[S.nonzero()], atol=1e-14)


def test_opportunities_reference_growth_and_columns(rng):
    V = rng.lognormal(2, 1, (20, 8))
    panel = pd.concat([long(V, 2018), long(V, 2021)]).rename(
        columns={"region": "hromada", "sector": "kved", "value": "jobs"}
    )
    national = pd.DataFrame(
        {
            "kved": [f"s{j:02d}" for j in range(8)] * 2,
            "jobs": np.r_[np.ones(8), np.arange(1, 9)],
            "year": [2018] * 8 + [2021] * 8,
        }
    )
    cols = {"region": "hromada", "sector": "kved", "value": "jobs"}
    out = opportunities(panel, "r05", reference=national, columns=cols).set_index("sector")
    expected = (np.arange(1, 9) / 1.0) ** (1 / 3) - 1
    for s, g in out["growth"].items():
        assert g == pytest.approx(expected[int(s[1:])], rel=1e-12)
