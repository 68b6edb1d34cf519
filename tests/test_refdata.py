"""The reference data loaders, checked against the raw files (the bundled copies)."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from hromada import refdata
from hromada.refdata import ReferenceDataMissingError
from hromada.refdata._files import open_text, require
from hromada.refdata.translit import transliterate

KODIFIKATOR = "classifiers/katottg_kodifikator_2026-07-07.csv"
CRIMEA = "UA01000000000013043"


@pytest.fixture(scope="module")
def data(tmp_path_factory, monkeypatch_module):
    """An empty user data folder: every file comes from the bundle."""
    folder = tmp_path_factory.mktemp("empty-data")
    monkeypatch_module.setenv("HROMADA_DATA_DIR", str(folder))
    return folder


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


@pytest.fixture(scope="module")
def hromadas(data):
    return refdata.hromadas()


def _kodifikator_hromadas(data) -> dict[str, tuple[str, str, str]]:
    """Hromada code -> (oblast, raion, name) straight from the codifier, outside Crimea."""
    out = {}
    with open_text(KODIFIKATOR) as f:
        rows = csv.reader(f)
        next(rows)
        for l1, l2, l3, _l4, _extra, cat, name in rows:
            if cat == "H" and l1 != CRIMEA:
                out[l3] = (l1, l2, name.strip())
    return out


def test_registry_is_the_1469_hromadas_of_the_codifier(data, hromadas):
    kod = _kodifikator_hromadas(data)
    assert len(kod) == 1469
    assert len(hromadas) == 1469
    assert hromadas["code"].is_unique
    assert set(hromadas["code"]) == set(kod)
    by_code = hromadas.set_index("code")
    for code, (oblast, raion, name) in kod.items():
        row = by_code.loc[code]
        assert (row["oblast_code"], row["raion_code"], row["name_uk"]) == (oblast, raion, name)


def test_registry_columns_are_filled(hromadas):
    for col in [
        "name_en",
        "raion_uk",
        "raion_en",
        "oblast_uk",
        "oblast_en",
        "type",
        "population",
        "urban_population",
        "war_status",
        "lat",
        "lon",
        "distance_to_russia_km",
    ]:
        assert hromadas[col].notna().all(), col
    assert set(hromadas["type"]) == {"міська", "селищна", "сільська"}
    assert set(hromadas["war_status"]) == {
        "not occupied",
        "not occupied, in the war zone",
        "occupied",
        "deoccupied",
    }
    assert hromadas["urban_share"].between(0, 1).all()
    assert (hromadas["urban_population"] <= hromadas["population"]).all()
    assert hromadas["lat"].between(44, 53).all() and hromadas["lon"].between(22, 41).all()
    # deoccupation dates only for deoccupied hromadas
    deocc = hromadas["deoccupation"].notna()
    assert set(hromadas.loc[hromadas["war_status"] == "deoccupied", "deoccupation"].dropna())
    assert (hromadas.loc[deocc, "war_status"] != "not occupied").all()


def test_population_matches_raw_file(data, hromadas):
    raw = pd.read_csv(require("ukraine/ua-pop-2022.csv")).dropna(subset=["hromada_code"])
    merged = hromadas.merge(raw, left_on="code", right_on="hromada_code", validate="1:1")
    assert (merged["population"] == merged["total_population_2022"]).all()
    assert merged["population"].sum() == raw["total_population_2022"].sum()


def test_names_are_transliterated(hromadas):
    two = hromadas[hromadas["name_uk"] == "Білоцерківська"]
    assert sorted(two["oblast_uk"]) == ["Київська", "Полтавська"]  # same name, two oblasts
    row = two[two["oblast_uk"] == "Київська"].iloc[0]
    assert row["name_en"] == "Bilotserkivska" == transliterate("Білоцерківська")
    assert row["oblast_en"] == "Kyiv" and row["oblast_uk"] == "Київська"


def test_renamed_hromadas_keep_their_former_name(data, hromadas):
    kse = pd.read_csv(require("ukraine/hromada.csv"), dtype=str).set_index("hromada_code")
    by_code = hromadas.set_index("code")
    kse_names = kse.loc[by_code.index, "hromada_name"].str.strip()
    renamed = kse_names != by_code["name_uk"]
    assert 0 < renamed.sum() < 100
    assert (by_code.loc[renamed, "former_name_uk"] == kse_names[renamed]).all()
    assert by_code.loc[~renamed, "former_name_uk"].isna().all()
    found = refdata.search_hromadas("Новомосковська", limit=3)
    assert found["name_uk"].iloc[0] == "Самарівська"


def test_oblasts_english_names(data):
    obl = refdata.oblasts()
    assert len(obl) == 27 and obl["code"].is_unique
    assert obl["name_en"].notna().all()
    named = obl.set_index("name_uk")["name_en"]
    assert named["Львівська"] == "Lviv" and named["Волинська"] == "Volyn"
    # where KSE's label is a correct spelling, the standard name agrees with it
    same = obl[obl["name_en_kse"].isin(["Lviv", "Odesa", "Kharkiv", "Poltava", "Luhansk"])]
    assert (same["name_en"] == same["name_en_kse"]).all()


def test_every_budget_row_joins_to_a_hromada(data, hromadas):
    b = refdata.budgets()
    assert sorted(b["year"].unique()) == [2021, 2022, 2023]
    assert len(b) == 3 * 1469
    assert not b.duplicated(["hromada_code", "year"]).any()
    assert set(b["hromada_code"]) == set(hromadas["code"])
    # budget codes keep their leading zeros
    assert b["budget_code"].str.len().eq(10).all()


def test_kved(data):
    k = refdata.kved()
    assert k["level"].value_counts().to_dict() == {
        "class": 615,
        "group": 272,
        "division": 88,
        "section": 21,
    }
    assert k["code"].is_unique
    assert refdata.kved_division_section("47.11") == ("47", "G")
    assert refdata.kved_division_section("4711") == ("47", "G")
    assert refdata.kved_division_section("01.1") == ("01", "A")
    assert refdata.kved_division_section("1") == ("01", "A")
    assert refdata.kved_division_section("62") == ("62", "J")
    assert refdata.kved_division_section("C") == (None, "C")
    with pytest.raises(KeyError, match="not a KVED 2010 code"):
        refdata.kved_division_section("99.99")
    look = refdata.kved_lookup(["10.11", "x", "85"])
    assert look["section"].tolist()[0] == "C" and pd.isna(look["code"].iloc[1])
    # every class's division is its parent's parent
    classes = k[k["level"] == "class"].set_index("code")
    groups = k[k["level"] == "group"].set_index("code")
    assert (groups.loc[classes["parent"], "parent"].to_numpy() == classes["division"]).all()


def test_katottg(data):
    k = refdata.katottg()
    assert len(k) == 31744
    assert k["code"].is_unique
    counts = k["category"].value_counts()
    assert counts["H"] == 1772
    assert ((k["category"] == "H") & (k["level1"] != CRIMEA)).sum() == 1469


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Bila Tserk", "Білоцерківська"),
        ("bilotserk", "Білоцерківська"),
        ("Білоцерк", "Білоцерківська"),
        ("Вінниця", "Вінницька"),
        ("vinnytsia", "Вінницька"),
        ("KAMIANETS-POD", "Кам’янець-Подільська"),
        ("кам'янець", "Кам’янець-Подільська"),
        ("Lvivska", "Львівська"),
    ],
)
def test_search_either_script(data, query, expected):
    found = refdata.search_hromadas(query, limit=5)
    assert expected in found["name_uk"].tolist()
    assert found["match"].is_monotonic_increasing


def test_search_prefix_first_and_limit(data):
    found = refdata.search_hromadas("ter", limit=50)
    assert 0 < len(found) <= 50
    first_non_prefix = (found["match"] > 0).idxmax() if (found["match"] > 0).any() else len(found)
    assert found.loc[: first_non_prefix - 1, "name_en"].str.lower().str.startswith("ter").all()
    assert len(refdata.search_hromadas("", limit=5)) == 0
    assert len(refdata.search_hromadas("zzzzqqq")) == 0
    with pytest.raises(ValueError, match="limit"):
        refdata.search_hromadas("a", limit=0)


def test_missing_file_error(tmp_path, monkeypatch):
    monkeypatch.setenv("HROMADA_DATA_DIR", str(tmp_path))
    monkeypatch.setattr("hromada.refdata.locations.BUNDLE_DIR", tmp_path / "no-bundle")
    with pytest.raises(ReferenceDataMissingError) as err:
        refdata.hromadas()
    assert isinstance(err.value, FileNotFoundError)
    msg = str(err.value)
    assert "ukraine/hromada.csv" in msg and str(tmp_path) in msg and "github.com/kse-ua" in msg
    with pytest.raises(FileNotFoundError, match="kved2010_nace2_uk_en.csv"):
        refdata.kved()


def test_copies_are_independent(data):
    a = refdata.hromadas()
    a.loc[:, "population"] = 0
    assert refdata.hromadas()["population"].sum() > 0
