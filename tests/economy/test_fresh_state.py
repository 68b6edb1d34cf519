"""A fresh workspace, as on a fresh clone (bundled reference data only): every page of
the Assess step answers without 5xx, the import template carries the Ukraine values the
municipality already has, the war-toll table says why a number is missing, the registry
finds Izium (and says why when it cannot), and the fiscal comparison CSV and the Diversify
export answer when their data exist."""

import io

import pandas as pd
import pytest

from hromada.economy.demo import illustrative_employment
from hromada.economy.services import damage_entry_create, dataset_import
from hromada.refdata import ReferenceDataMissingError
from tests.web.factories import PASSWORD, make_member, make_municipality

pytestmark = pytest.mark.django_db

IZIUM = "UA63040090000021240"


@pytest.fixture
def izium():
    return make_municipality(code=IZIUM, name_uk="Ізюмська", name_en="Iziumska")


@pytest.fixture
def owner(izium):
    return make_member(izium, "owner")


def _login(client, user, lang="en"):
    client.login(username=user.username, password=PASSWORD)
    client.cookies["django_language"] = lang


def _economy_urls(code):
    base = f"/m/{code}/assess/"
    urls = [base, base + "import/", base + "population/", base + "damage/"]
    urls += [
        f"{base}import/template/{lang}/{fmt}/" for lang in ("uk", "en") for fmt in ("csv", "xlsx")
    ]
    urls += [
        f"{base}population/csv/?table={t}" for t in ("population", "enterprises", "relocation")
    ]
    urls += [f"{base}damage/csv/?table={t}" for t in ("entries", "totals", "impacts", "shock")]
    return urls


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_every_assess_page_answers_in_a_fresh_workspace(client, izium, owner, lang):
    _login(client, owner, lang)
    for url in _economy_urls(izium.code):
        assert client.get(url).status_code == 200, url
    dataset = dataset_import(
        municipality=izium,
        frame=illustrative_employment(),
        name="Employment",
        measure="employment",
        unit="persons",
    ).dataset
    damage_entry_create(
        municipality=izium,
        date="2023-01-01",
        kind="damage",
        sector="industry",
        asset_type="buildings",
        description="Plant",
        amount=5,
        impacts=[{"sector": "C", "jobs": 3}],
    )
    base = f"/m/{izium.code}/assess/datasets/{dataset.pk}/"
    for url in _economy_urls(izium.code) + [
        base,
        base + "xlsx/",
        base + "data/",
        base + "csv/structure/",
    ]:
        assert client.get(url).status_code == 200, url


def _template_rows(content: bytes) -> pd.DataFrame:
    return pd.read_excel(io.BytesIO(content), sheet_name=None)


def test_the_template_carries_the_ukraine_values_the_municipality_has(client, izium, owner):
    _login(client, owner)
    url = f"/m/{izium.code}/assess/import/template/en/xlsx/"
    sheets = _template_rows(client.get(url).content)
    assert sheets["data"]["value"].isna().all()
    assert "no national values" in sheets["about"].iloc[0, 0]
    dataset_import(
        municipality=izium,
        frame=illustrative_employment(),
        name="Employment",
        measure="employment",
        unit="persons",
        source="SSSU",
    )
    sheets = _template_rows(client.get(url).content)
    data = sheets["data"]
    ref = data[(data["area"] == "reference") & (data["kved"] == "C") & (data["year"] == 2021)]
    frame = illustrative_employment()
    expected = frame[
        (frame["area"] == "reference") & (frame["sector"] == "C") & (frame["year"] == 2021)
    ]["value"].iloc[0]
    assert ref["value"].iloc[0] == expected
    assert data[data["area"] == "municipality"]["value"].isna().all()
    assert "“Employment”" in sheets["about"].iloc[0, 0]
    csv = client.get(f"/m/{izium.code}/assess/import/template/uk/csv/").content.decode("cp1251")
    assert "еталон;C;" in csv and f"{expected:g}".replace(".", ",") in csv


def test_the_war_toll_says_why_employment_is_blank(client, izium, owner):
    damage_entry_create(
        municipality=izium,
        date="2023-01-01",
        kind="damage",
        sector="industry",
        asset_type="buildings",
        description="Plant",
        amount=5,
        impacts=[{"sector": "C", "jobs": 3}, {"sector": "T", "jobs": 1}],
    )
    _login(client, owner)
    page = client.get(f"/m/{izium.code}/assess/damage/").content.decode()
    assert page.count("no employment dataset yet") == 2
    dataset_import(
        municipality=izium,
        frame=illustrative_employment(),
        name="Employment",
        measure="employment",
        unit="persons",
    )
    page = client.get(f"/m/{izium.code}/assess/damage/").content.decode()
    assert "no employment dataset yet" not in page
    assert page.count("section not in the dataset for 2021") == 1  # T; C has a number


def test_the_registry_finds_izium_or_says_why_not(client, monkeypatch):
    user = make_member(make_municipality(), "owner")
    _login(client, user)
    page = client.get("/m/search/?q=Izium").content.decode()
    assert "Iziumska" in page and "No hromada matches" not in page

    def missing(*args, **kwargs):
        raise ReferenceDataMissingError("ukraine/hromada.csv", "/nowhere", "the registry")

    import hromada.refdata as refdata

    monkeypatch.setattr(refdata, "search_hromadas", missing)
    monkeypatch.setattr(refdata, "hromadas", missing)
    page = client.get("/m/search/?q=Izium").content.decode()
    assert 'data-testid="registry-missing"' in page and "No hromada matches" not in page


def test_comparison_csv_and_diversify_export_answer_when_the_data_exist(client, izium, owner):
    _login(client, owner)
    response = client.get(f"/m/{izium.code}/territory/fiscal/comparison.csv")
    assert response.status_code == 200
    assert len(response.content.decode().splitlines()) > 2
    dataset_import(
        municipality=izium,
        frame=illustrative_employment(),
        name="Employment",
        measure="employment",
        unit="persons",
    )
    response = client.get(f"/m/{izium.code}/diversify/export/opportunities/")
    assert response.status_code == 200
    assert len(response.content.decode().splitlines()) > 2
