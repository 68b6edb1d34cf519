"""About the data; display names of the registry's values in Ukrainian and English."""

from __future__ import annotations

import html as htmllib

import pytest
from django.utils import translation

from hromada.refdata.locations import REFERENCE_FILES, reference_status
from hromada.territory import labels, selectors
from tests.territory.helpers import IZIUM, izium, member_client

pytestmark = pytest.mark.django_db


def test_data_page_lists_every_reference_file_with_its_status(client):
    m = izium()
    member_client(client, m)
    page = htmllib.unescape(client.get(f"/m/{IZIUM}/territory/data/").content.decode())
    for status in reference_status():
        assert f'data-file="{status.file}" data-present="{int(status.present)}"' in page
    assert "Kyiv School of Economics" in page and "OpenBudget" in page
    assert "MIT" in page
    assert len(selectors.data_sources()) == len(REFERENCE_FILES)


def test_missing_data_folder_is_reported_not_crashed(client, monkeypatch, tmp_path):
    m = izium()
    member_client(client, m)
    # neither a data folder nor a bundle (a broken install): the pages say so, no 500
    monkeypatch.setenv("HROMADA_DATA_DIR", str(tmp_path))
    monkeypatch.setattr("hromada.refdata.locations.BUNDLE_DIR", tmp_path / "no-bundle")
    page = client.get(f"/m/{IZIUM}/territory/data/").content.decode()
    assert 'data-present="1"' not in page and 'data-present="0"' in page
    for url in (f"/m/{IZIUM}/territory/fiscal/", f"/m/{IZIUM}/territory/"):
        response = client.get(url)
        assert response.status_code == 200
        assert "hromada data" in htmllib.unescape(response.content.decode())


def test_data_sources_context_for_the_about_page():
    context = selectors.data_sources_context()
    assert context["data_files_present"] == sum(s.present for s in reference_status())
    from django.template.loader import render_to_string

    with translation.override("uk"):
        html = render_to_string("territory/partials/data_sources.html", context)
    assert "Київської школи економіки" in html


@pytest.mark.parametrize(
    "value,en,uk",
    [
        ("not occupied", "not occupied", "не окупована"),
        (
            "not occupied, in the war zone",
            "not occupied, in the war zone",
            "не окупована, у зоні бойових дій",
        ),
        ("occupied", "occupied", "окупована"),
        ("deoccupied", "deoccupied", "деокупована"),
    ],
)
def test_war_status_labels(value, en, uk):
    with translation.override("en"):
        assert labels.war_status_label(value) == en
    with translation.override("uk"):
        assert labels.war_status_label(value) == uk


@pytest.mark.parametrize(
    "value,en,uk",
    [
        ("міська", "urban", "міська"),
        ("селищна", "settlement", "селищна"),
        ("сільська", "rural", "сільська"),
        ("rural", "rural", "сільська"),
    ],
)
def test_hromada_type_labels(value, en, uk):
    with translation.override("en"):
        assert labels.hromada_type_label(value) == en
    with translation.override("uk"):
        assert labels.hromada_type_label(value) == uk


def test_every_registry_value_has_a_label():
    reg = selectors.tables().registry
    assert set(reg["war_status"].dropna()) <= set(labels.WAR_STATUS)
    assert set(reg["war_status_ext"].dropna()) <= set(labels.WAR_STATUS_EXT)
    assert set(reg["type"].dropna()) <= set(labels.HROMADA_TYPE)
    assert set(reg["deoccupation"].dropna()) <= set(labels.DEOCCUPATION)


def test_missing_values_are_blank():
    assert labels.war_status_label(None) == "" and labels.war_status_label(float("nan")) == ""
