"""The profile shows the war exposure from the registry; the oblast map holds every
hromada of the oblast with coordinates, coloured by the chosen indicator."""

from __future__ import annotations

import html as htmllib

import pytest

from hromada.refdata import hromadas
from hromada.territory.selectors import tables
from tests.territory.helpers import IZIUM, chart_spec, izium, member_client, spec_rows

pytestmark = pytest.mark.django_db

PROFILE = f"/m/{IZIUM}/territory/"


def _oblast_codes_with_coordinates(code):
    h = hromadas().set_index("code")
    sub = h[h["oblast_code"] == h.at[code, "oblast_code"]].dropna(subset=["lat", "lon"])
    return set(sub.index)


def _map_rows(page: str, chart_id: str = "map") -> list[dict]:
    data = spec_rows(chart_spec(page, chart_id))
    assert len(data) == 1, "the map has one data set shared by its layers"
    return data[0]


@pytest.mark.parametrize("indicator", ["war_status", "own_change_2021_2022", "population"])
def test_map_holds_every_hromada_of_the_oblast(client, indicator):
    m = izium()
    member_client(client, m)
    page = client.get(PROFILE, {"indicator": indicator}).content.decode()
    rows = _map_rows(page)
    expected = _oblast_codes_with_coordinates(IZIUM)
    assert len(expected) == 56  # Kharkiv oblast
    assert {r["code"] for r in rows} == expected and len(rows) == len(expected)
    me = [r for r in rows if r["is_self"]]
    assert [r["code"] for r in me] == [IZIUM]
    reg = tables().registry
    assert me[0]["lat"] == pytest.approx(reg.at[IZIUM, "lat"])
    assert me[0]["lon"] == pytest.approx(reg.at[IZIUM, "lon"])
    spec = chart_spec(page, "map")
    assert spec["projection"]["type"] == "mercator"
    assert "url" not in str(spec.get("data", "")), "no remote data or tiles"
    colour = spec["layer"][0]["encoding"]["color"]
    assert colour["type"] == ("nominal" if indicator == "war_status" else "quantitative")
    if indicator == "own_change_2021_2022":
        ind = tables().indicators
        assert me[0]["value"] == pytest.approx(ind.at[IZIUM, indicator])


def test_map_values_are_translated(client):
    m = izium()
    member_client(client, m, language="uk")
    rows = _map_rows(client.get(PROFILE).content.decode())
    values = {r["value"] for r in rows}
    assert "деокупована" in values and "deoccupied" not in values


def test_unknown_indicator_falls_back_to_war_status(client):
    m = izium()
    member_client(client, m)
    page = client.get(PROFILE, {"indicator": "password"}).content.decode()
    assert chart_spec(page, "map")["layer"][0]["encoding"]["color"]["type"] == "nominal"


def test_profile_shows_war_exposure(client):
    m = izium()
    member_client(client, m)
    page = htmllib.unescape(client.get(PROFILE).content.decode())
    reg = tables().registry
    assert "deoccupied" in page and "September-October 2022" in page
    distance = round(float(reg.at[IZIUM, "distance_to_russia_km"]))
    assert f">{distance} km<" in page
    assert page.count("in the list") >= 4  # in the war zone at all four dates
    # Neighbouring hromadas with their status: Oskilska is 11 km away.
    assert "Oskilska" in page


def test_profile_in_ukrainian(client):
    m = izium()
    member_client(client, m, language="uk")
    page = htmllib.unescape(client.get(PROFILE).content.decode())
    assert "деокупована" in page and "Оскільська" in page and "міська" in page
    assert "Вплив війни" in page


def test_fiscal_page_has_the_oblast_map_with_similar_hromadas_ringed(client):
    m = izium()
    member_client(client, m)
    page = client.get(f"/m/{IZIUM}/territory/fiscal/").content.decode()
    rows = _map_rows(page)
    assert {r["code"] for r in rows} == _oblast_codes_with_coordinates(IZIUM)
    assert any(r["is_peer"] for r in rows)  # Balakliiska and others are in the oblast
