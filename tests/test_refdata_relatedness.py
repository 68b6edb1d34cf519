"""The bundled industry space in KVED codes, and the build script's rules on tiny raw files."""

from __future__ import annotations

import gzip

import numpy as np
import pandas as pd
import pytest

from hromada.econ.complexity import complexity_indices, proximity
from hromada.refdata import (
    industry_complexity,
    industry_presence,
    industry_space,
    industry_space_comparison,
    industry_space_layout,
)
from hromada.refdata.build import industry_space as build

PATTERN = {"division": r"\d\d", "group": r"\d\d\.\d", "class": r"\d\d\.\d\d"}


@pytest.mark.parametrize(
    ("level", "source"),
    [("division", "cbp2019"), ("group", "cbp2019"), ("class", "cbp2019"), ("division", "sbs2015")],
)
def test_space_is_a_proximity_matrix_in_kved_codes(level, source):
    phi = industry_space(level, source)
    P = phi.to_numpy()
    assert phi.index.equals(phi.columns)
    assert phi.index.str.fullmatch(PATTERN[level]).all()
    np.testing.assert_array_equal(P, P.T)
    assert (np.diag(P) == 1).all() and P.min() >= 0 and P.max() <= 1
    info = industry_complexity(level, source)
    assert info.index.equals(phi.index)
    assert info["share"].sum() == pytest.approx(1.0, abs=1e-4)


@pytest.mark.parametrize(
    ("level", "source"), [("division", "cbp2019"), ("class", "cbp2019"), ("division", "sbs2015")]
)
def test_space_and_pci_are_those_of_the_bundled_presence(level, source):
    """The three bundled files agree: phi and PCI recomputed from the presence matrix
    (PCI over the industries the Atlas's cut-off keeps; the others have none)."""
    M = industry_presence(level, source)
    phi = industry_space(level, source)
    info = industry_complexity(level, source)
    np.testing.assert_allclose(proximity(M).to_numpy(), phi.to_numpy(), atol=5.1e-5)
    kept = (info["pci_excluded"] == "").to_numpy()
    assert info["pci"].notna().to_numpy().tolist() == kept.tolist()
    _eci, pci = complexity_indices(M.loc[:, kept])
    np.testing.assert_allclose(pci.to_numpy(), info["pci"][kept], atol=1e-5)
    assert (M.sum(axis=0).to_numpy() == info["ubiquity"]).all()


def test_pci_cutoff_is_the_atlas_rule_on_the_bundled_numbers():
    """Left out: the smallest industries making up <= 0.025 % of employment, and those
    with <= 2 areas specialised in them; kept: everything else (a rule applied
    differently, or not at all, would fail)."""
    info = industry_complexity("class")
    share = info["share"].sort_values(kind="stable") * 100
    small = set(share.index[share.cumsum() <= 0.025])
    out = info["pci_excluded"] != ""
    assert small and small <= set(info.index[out])
    assert (info.loc[info["ubiquity"] <= 2, "pci_excluded"].str.contains("low_ubiquity")).all()
    assert info.loc[~out, "ubiquity"].min() > 2
    assert out.mean() < 0.1  # a cut-off of the smallest, not of a large part
    assert industry_complexity("division").loc["12", "pci_excluded"] == "small_share"
    assert (industry_complexity("division", "sbs2015")["pci_excluded"] == "").all()


def test_coverage_says_what_cbp_leaves_out():
    div = industry_space("division").index
    assert "97" not in div and "99" not in div  # households, extraterritorial bodies
    # public administration only through private industries linked to it (collection
    # agencies...), not the 7 % of US jobs in government
    assert industry_complexity("division").loc["84", "share"] < 0.005
    assert {"10", "25", "46", "62", "86"} <= set(div)
    assert len(industry_space("class")) > 500 and len(industry_space("group")) > 200
    sbs = industry_space("division", "sbs2015").index
    assert not ({"64", "65", "66", "01", "85"} & set(sbs))  # SBS: B-N without K


def test_layout_and_comparison():
    nodes, links = industry_space_layout()
    assert nodes["x"].between(0, 1).all() and nodes["y"].between(0, 1).all()
    assert set(links["a"]) | set(links["b"]) <= set(nodes["code"])
    comp = industry_space_comparison()
    assert {"sbs2015", "metroverse"} <= set(comp["compared_with"])
    assert comp["spearman"].between(-1, 1).all() and (comp["pairs"] > 100).all()


def test_unknown_level_or_source():
    with pytest.raises(ValueError, match="levels division"):
        industry_space("class", "sbs2015")
    with pytest.raises(ValueError, match="Unknown industry-space source"):
        industry_space("division", "atlas")


# ----------------------------------------------------------------- build rules on tiny files
def _raw(folder):
    cbp = pd.DataFrame(
        {
            "cbsa_code": ["1", "1", "1", "2", "2", "2"],
            "naics_code": ["311111", "511210", "00", "311111", "511210", "722511"],
            "naics_level": [6, 6, 2, 6, 6, 6],
            "EMP": [10.0, 0.0, 99.0, 30.0, 20.0, 40.0],
            "ESTAB": [1.0, 2.0, 9.0, 3.0, 2.0, 4.0],
        }
    )
    with gzip.open(folder / "us_cbp_2019_cbsa_naics.csv.gz", "wt") as f:
        cbp.to_csv(f, index=False)
    pd.DataFrame(
        {
            "NAICS 2017": ["311111", "511210", "511210", "722511", "111336"],
            "NACE Rev. 2": ["10.91", "58.29", "62.01", "56.10", "01.2"],
            "n1": "x",
            "n2": "y",
            "Notes": "",
        }
    ).to_csv(folder / "naics2017_to_nace2.csv", index=False, encoding="utf-8-sig")
    pd.DataFrame(
        {
            "nace_r2": ["C", "C10", "C11", "C12", "C", "C10", "C11"],
            "geo": ["AT11", "AT11", "AT11", "AT11", "AT1", "AT1", "AT1"],
            "n2015": ["100", "60 d", " ", " ", "5", "5", "0"],
        }
    ).to_csv(folder / "eurostat_sbs_2015_nuts2_nace.csv", sep=";", index=False)


def test_build_rules(tmp_path):
    _raw(tmp_path)
    cbp = build.read_cbp(tmp_path)
    # suppressed (0 employees, 2 establishments): 2 x national employees per establishment
    assert cbp.set_index(["region", "naics"]).loc[("1", "511210"), "value"] == 20.0
    assert "00" not in set(cbp["naics"])  # only 6-digit rows
    classes = build.cbp_classes(tmp_path).set_index(["region", "sector"])["value"]
    # a NAICS code linked to two NACE classes gives each half; the group-level link is dropped
    assert classes[("2", "58.29")] == classes[("2", "62.01")] == 10.0
    assert (classes.index.get_level_values("sector").str.len() == 5).all()
    sbs = build.read_sbs(tmp_path).set_index(["region", "sector"])["value"]
    # confidential cells share the section's unpublished rest equally (100 - 60) / 2
    assert sbs[("AT11", "11")] == sbs[("AT11", "12")] == 20.0
    assert sbs[("AT11", "10")] == 60.0  # flag " d" stripped
    assert "AT1" not in sbs.index.get_level_values("region")  # NUTS-1 left out
    div = build.at_level(build.cbp_classes(tmp_path), "division")
    assert set(div["sector"]) == {"10", "56", "58", "62"}
