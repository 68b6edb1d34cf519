"""SWOT suggestions a council can defend: concentration judged against Ukraine's own, an
"illustrative" label that follows suggestions from made-up data into the strategy and
the report, and every generated sentence in Ukrainian on a Ukrainian page."""

import re

import pandas as pd
import pytest
from django.utils import translation

from hromada.economy.demo import illustrative_employment
from hromada.economy.services import damage_entry_create, dataset_import
from hromada.planning import services as plan_services
from hromada.planning.evidence import gather_analysis
from hromada.planning.models import SwotItem
from hromada.planning.swot import swot_suggestions
from tests.web.factories import PASSWORD, make_member, make_municipality


def _conc(hhi, ref, **kw):
    return swot_suggestions(
        {"concentration": {"herfindahl": hhi, "reference_herfindahl": ref, **kw}}
    )


def test_concentration_is_judged_against_the_reference_not_an_antitrust_line():
    with translation.override("en"):
        more = _conc(0.14, 0.118)  # under antitrust's 0.15, yet above Ukraine's
        assert [s.key for s in more] == ["weakness:concentration"]
        assert "More concentrated than Ukraine as a whole" in more[0].text
        assert "0.140 against 0.118" in more[0].text
        less = _conc(0.08, 0.118)
        assert [s.key for s in less] == ["strength:diversified"]
        assert "Less concentrated than Ukraine" in less[0].text
        assert _conc(0.12, 0.118) == []  # within 10 %: nothing to say
        oblast = _conc(0.2, 0.1, reference="oblast")
        assert "than the oblast as a whole" in oblast[0].text
    assert swot_suggestions({"concentration": {"herfindahl": 0.4}}) == []


def test_ukrainian_texts_sentence_case_decimal_commas_and_units():
    names = {"C": "ПЕРЕРОБНА ПРОМИСЛОВІСТЬ", "J": "ІНФОРМАЦІЯ ТА ТЕЛЕКОМУНІКАЦІЇ"}
    analysis = {
        "lq": pd.DataFrame({"sector": ["C"], "lq": [2.5]}),
        "opportunities": pd.DataFrame({"sector": ["J"], "score": [0.9]}),
        "concentration": {"herfindahl": 0.2, "reference_herfindahl": 0.118},
        "damage": {"total": 1_319_000.0, "currency": "UAH thousand"},
        "sector_names": names,
    }
    with translation.override("uk"):
        texts = [s.text for s in swot_suggestions(analysis)]
    joined = " | ".join(texts)
    assert "Переробна промисловість (C)" in joined and "ПЕРЕРОБНА" not in joined
    assert "Інформація та телекомунікації (J)" in joined
    assert "2,50" in joined and "0,200" in joined and "0,118" in joined
    assert "1\xa0319\xa0000 тис. грн" in joined
    assert "UAH" not in joined and "thousand" not in joined


def test_illustrative_flag_on_suggestions_from_made_up_data_only():
    analysis = {
        "lq": pd.DataFrame({"sector": ["C"], "lq": [2.5]}),
        "fiscal": {"transfer_share": 0.7, "year": 2022},
        "damage": {"total": 10.0},
        "illustrative": True,
    }
    flags = {s.key: s.illustrative for s in swot_suggestions(analysis)}
    assert flags == {"strength:lq:C": True, "weakness:transfers": False, "threat:war_damage": False}
    analysis["illustrative"] = False
    assert not any(s.illustrative for s in swot_suggestions(analysis))


@pytest.fixture
def demo_world(db):
    municipality = make_municipality(name_uk="Ізюмська", name_en="Iziumska")
    owner = make_member(municipality, "owner")
    dataset_import(
        municipality=municipality,
        frame=illustrative_employment(),
        name="Employment by KVED section (illustrative)",
        measure="employment",
        unit="persons",
        is_illustrative=True,
    )
    damage_entry_create(
        municipality=municipality,
        date="2023-05-01",
        kind="damage",
        sector="industry",
        asset_type="buildings",
        description="Завод",
        amount=1_319_000,
    )
    return municipality, owner


def test_gather_analysis_compares_with_the_reference_and_flags_illustrative(demo_world):
    municipality, _owner = demo_world
    analysis = gather_analysis(municipality)
    assert analysis["illustrative"] is True
    conc = analysis["concentration"]
    frame = illustrative_employment()
    ref = frame[(frame["area"] == "reference") & (frame["year"] == conc["year"])]["value"]
    shares = ref / ref.sum()
    assert conc["reference_herfindahl"] == pytest.approx(float((shares**2).sum()))
    assert conc["reference"] == "ukraine"


def _login(client, user, lang):
    client.login(username=user.username, password=PASSWORD)
    client.cookies["django_language"] = lang


def test_the_label_follows_into_the_strategy_and_the_report(client, demo_world):
    municipality, owner = demo_world
    _login(client, owner, "en")
    client.post(f"/m/{municipality.code}/plan/swot/refresh/")
    items = SwotItem.objects.filter(municipality=municipality)
    assert items.filter(is_illustrative=True).exists()
    assert not items.get(key="threat:war_damage").is_illustrative
    item = items.filter(is_illustrative=True).first()
    plan_services.swot_item_decide(item=item, status="accepted", text="Our strength", by=owner)
    item.refresh_from_db()
    assert item.is_illustrative  # editing the text does not wash the label off
    for url in (f"/m/{municipality.code}/plan/swot/", f"/m/{municipality.code}/plan/"):
        page = client.get(url).content.decode()
        assert 'data-testid="swot-illustrative"' in page
    from hromada.monitoring.report import report_sheets

    sheets = report_sheets(municipality, language="en")
    cells = " ".join(str(v) for frame in sheets.values() for v in frame.to_numpy().ravel())
    assert "Our strength (illustrative)" in cells


# Codes, units and names that are the same in Ukrainian texts.
ALLOW = {"KVED", "HHI", "LQ", "SWOT", "KPI", "PDF", "CSV", "XLSX"}


def _english_words(html: str) -> set[str]:
    board = html.split('data-testid="swot-board"', 1)[1].split("</main>", 1)[0]
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", board, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    words = set(re.findall(r"\b[A-Za-z][A-Za-z_.]+\b", text))
    return {w for w in words if w not in ALLOW}


def test_the_ukrainian_swot_page_has_no_english_words(client, demo_world):
    municipality, owner = demo_world
    _login(client, owner, "uk")
    client.post(f"/m/{municipality.code}/plan/swot/refresh/")
    assert SwotItem.objects.filter(municipality=municipality).count() >= 3
    page = client.get(f"/m/{municipality.code}/plan/swot/").content.decode()
    assert 'data-testid="swot-suggestion"' in page
    assert _english_words(page) == set()
    for bad in ("war_damage", "fiscal.transfer_dependence", "UAH thousand", "regional share"):
        assert bad not in page
