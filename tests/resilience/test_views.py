"""Pages of the Resilience step: numbers equal the library's; permissions hold."""

import io
import re

import pandas as pd
import pytest
from django.urls import reverse

from hromada.resilience import selectors
from hromada.resilience.analysis import project_impact, run_scenario
from hromada.resilience.forms import backup_from_params
from hromada.resilience.models import Scenario
from hromada.resilience.presentation import sig3
from hromada.resilience.services import scenario_create
from tests.web.factories import PASSWORD, make_member, make_municipality

pytestmark = pytest.mark.django_db

RUN = {
    "electricity_on": "on",
    "electricity_share": "60",
    "electricity_days": "30",
    "electricity_recovery": "90",
    "method": "flq",
    "delta": "0.25",
    "horizon": "365",
    "run": "1",
}
SHOCK = [{"kind": "electricity", "section": "D", "share": 0.6, "days": 30, "recovery_days": 90}]


def number(text: str) -> float:
    return float(re.sub(r"[^\d.\-]", "", text.replace(",", "")))


def thousand(million_uah: float) -> float:
    """What the page shows for an amount in million UAH: thousand UAH, 3 significant digits."""
    return float(sig3(million_uah * 1000.0))


def by_testid(html: str, name: str) -> str:
    m = re.search(rf'data-testid="{name}"[^>]*>([^<]*)<', html)
    assert m, name
    return m.group(1)


@pytest.fixture
def team(client):
    m = make_municipality(population=48_000)
    editor = make_member(m, "editor")
    viewer = make_member(m, "viewer")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return m, editor, viewer


def test_run_shows_the_library_numbers(client, team):
    m, editor, _ = team
    client.login(username=editor.username, password=PASSWORD)
    response = client.get(reverse("resilience:index", args=[m.code]), RUN)
    assert response.status_code == 200
    html = response.content.decode()
    expected = run_scenario(
        selectors.region_model_get(municipality=m, delta=0.25),
        SHOCK,
        horizon=365,
        backup=backup_from_params(RUN),
    )
    assert number(by_testid(html, "total-loss")) == thousand(expected.total_loss)
    assert number(by_testid(html, "direct-loss")) == thousand(expected.direct_loss)
    assert number(by_testid(html, "lifeline-loss")) == thousand(expected.lifeline_loss)
    low, high = expected.total_loss_range
    assert by_testid(html, "total-loss-range") == f"({thousand(low):,.0f}–{thousand(high):,.0f})"
    # an outage is an input constraint on its users, and the page says so
    assert expected.kind_of_model == "input constraint"
    assert "input constraint" in by_testid(html, "model-used")
    # the default dependence is the project's estimate: the total over its range
    dep_low, dep_high = expected.total_loss_dependence_range
    used = by_testid(html, "model-used")
    assert "own estimate" in used
    assert f"{thousand(dep_low):,.0f}–{thousand(dep_high):,.0f} thousand UAH" in used
    assert "Demonstration, derived from Belgium 2020 OECD table" in by_testid(html, "result-kind")
    # more backup, less loss
    more = client.get(reverse("resilience:index", args=[m.code]), {**RUN, "backup": "80"})
    assert number(by_testid(more.content.decode(), "total-loss")) < thousand(expected.total_loss)
    assert number(by_testid(html, "indirect-share")) == pytest.approx(
        100 * expected.indirect_share, abs=0.06
    )
    first = re.search(r'data-testid="ranking".*?<tr data-sector="(\w)"', html, re.S).group(1)
    assert first == expected.ranking[0]
    assert 'data-testid="chart-daily"' in html and 'data-testid="chart-loss"' in html
    assert "national structure" in html  # no employment imported: says so


def test_exports(client, team):
    m, editor, _ = team
    client.login(username=editor.username, password=PASSWORD)
    url = reverse("resilience:run_export", args=[m.code])
    daily = client.get(url, {**RUN, "table": "daily"})
    assert daily.status_code == 200 and daily["Content-Type"].startswith("text/csv")
    frame = pd.read_csv(io.StringIO(daily.content.decode("utf-8-sig")))
    assert set(frame.columns) == {"day", "sector", "sector_name", "inoperability"}
    assert frame["day"].max() == 365
    xlsx = client.get(url, {**RUN, "table": "xlsx"})
    assert xlsx.status_code == 200
    sheets = pd.read_excel(io.BytesIO(xlsx.content), sheet_name=None, engine="openpyxl")
    assert len(sheets) == 5
    assert client.get(url, {"table": "daily"}).status_code == 302


def test_save_compare_and_permissions(client, team):
    m, editor, viewer = team
    client.login(username=viewer.username, password=PASSWORD)
    save = reverse("resilience:scenario_save", args=[m.code])
    assert client.post(save, {**RUN, "name": "Blackout"}).status_code == 403
    assert not Scenario.objects.exists()
    # viewers may run scenarios (a read)
    assert client.get(reverse("resilience:index", args=[m.code]), RUN).status_code == 200
    client.logout()
    client.login(username=editor.username, password=PASSWORD)
    response = client.post(save, {**RUN, "name": "Blackout 30 days"})
    s1 = Scenario.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{s1.pk}/")
    assert s1.shocks == SHOCK and s1.method == "flq" and s1.created_by == editor
    # an empty or odd POST does not fail
    assert client.post(save, {}).status_code == 302
    assert (
        client.post(
            save, {"name": "x", "electricity_on": "on", "electricity_share": "abc"}
        ).status_code
        == 302
    )
    assert Scenario.objects.count() == 1
    s2 = scenario_create(
        municipality=m, name="Two weeks", shocks=[{**SHOCK[0], "days": 14}], by=editor
    )
    detail = client.get(reverse("resilience:scenario", args=[m.code, s1.pk]))
    assert detail.status_code == 200 and "Blackout 30 days" in detail.content.decode()
    compare = client.get(reverse("resilience:compare", args=[m.code]), {"s": [s1.pk, s2.pk]})
    html = compare.content.decode()
    assert 'data-testid="comparison"' in html
    model = selectors.region_model_get(municipality=m, delta=0.25)
    long = run_scenario(model, SHOCK, backup=backup_from_params(RUN)).total_loss
    short = run_scenario(model, s2.shocks).total_loss
    assert short < long
    assert f"{thousand(long):,.0f}" in html and f"{thousand(short):,.0f}" in html
    csv = client.get(reverse("resilience:compare_export", args=[m.code]), {"s": [s1.pk, s2.pk]})
    assert csv.status_code == 200
    # viewers cannot delete; editors can (soft delete)
    client.logout()
    client.login(username=viewer.username, password=PASSWORD)
    assert (
        client.post(reverse("resilience:scenario_delete", args=[m.code, s1.pk])).status_code == 403
    )
    client.logout()
    client.login(username=editor.username, password=PASSWORD)
    client.post(reverse("resilience:scenario_delete", args=[m.code, s1.pk]))
    assert not Scenario.objects.filter(pk=s1.pk).exists()
    assert Scenario.all_objects.filter(pk=s1.pk).exists()


def test_other_municipality_cannot_see_scenarios(client, team):
    m, editor, _ = team
    s = scenario_create(municipality=m, name="Secret", shocks=SHOCK, by=editor)
    other = make_municipality()
    stranger = make_member(other, "owner")
    client.login(username=stranger.username, password=PASSWORD)
    for url in (
        reverse("resilience:scenario", args=[other.code, s.pk]),
        reverse("resilience:scenario_export", args=[other.code, s.pk, "xlsx"]),
        reverse("resilience:scenario", args=[m.code, s.pk]),
    ):
        assert client.get(url).status_code == 404
    assert (
        client.post(reverse("resilience:scenario_delete", args=[other.code, s.pk])).status_code
        == 404
    )
    html = client.get(
        reverse("resilience:compare", args=[other.code]), {"s": [s.pk, s.pk]}
    ).content.decode()
    assert "Secret" not in html
    assert Scenario.objects.filter(pk=s.pk).exists()


def test_multipliers_page_matches_library(client, team):
    m, _, viewer = team
    client.login(username=viewer.username, password=PASSWORD)
    response = client.get(
        reverse("resilience:multipliers", args=[m.code]),
        {"sector": "F", "amount": "10000000", "method": "flq", "delta": "0.25"},
    )
    html = response.content.decode()
    expected = project_impact(selectors.region_model_get(municipality=m, delta=0.25), "F", 10.0)
    assert number(by_testid(html, "output-type1")) == thousand(expected.totals["output"])
    assert number(by_testid(html, "output-type2")) == thousand(expected.totals["output_type2"])
    assert number(by_testid(html, "jobs-type1")) == pytest.approx(
        float(sig3(expected.totals["jobs"]))
    )
    assert "Demonstration, derived from Belgium 2020 OECD table" in by_testid(html, "result-kind")
    # the method and delta change the numbers
    other = client.get(
        reverse("resilience:multipliers", args=[m.code]),
        {"sector": "F", "amount": "10000000", "method": "slq", "delta": "0"},
    )
    assert by_testid(other.content.decode(), "output-type1") != by_testid(html, "output-type1")


def test_shock_sizes_from_the_damage_register(client, team):
    import datetime

    from hromada.economy.models import DamageEntry, DamageImpact
    from hromada.economy.services import dataset_import

    m, editor, _ = team
    rows = [("local", s, 2021, v) for s, v in {"C": 1000.0, "D": 200.0, "G": 800.0}.items()]
    rows += [
        ("reference", s, 2021, v * 100) for s, v in {"C": 1000.0, "D": 200.0, "G": 800.0}.items()
    ]
    dataset_import(
        municipality=m,
        frame=pd.DataFrame(rows, columns=["area", "sector", "year", "value"]),
        name="Employment",
        measure="employment",
        unit="persons",
    )
    entry = DamageEntry.objects.create(
        municipality=m,
        date=datetime.date(2022, 5, 1),
        sector="industry",
        asset_type="buildings",
        description="Plant hit",
        amount=100,
    )
    DamageImpact.objects.create(entry=entry, sector="C", jobs=250)
    assert selectors.damage_sizes(municipality=m) == {"C": 0.25}
    client.login(username=editor.username, password=PASSWORD)
    url = reverse("resilience:index", args=[m.code])
    html = client.get(url).content.decode()
    assert 'data-testid="shock-damage"' in html
    response = client.get(
        url,
        {
            "damage_on": "on",
            "damage_days": "60",
            "damage_recovery": "120",
            "method": "flq",
            "delta": "0.25",
            "horizon": "365",
            "run": "1",
        },
    )
    html = response.content.decode()
    model = selectors.region_model_get(municipality=m, delta=0.25)
    assert model.size_source == "local" and model.national_size_source == "reference"
    expected = run_scenario(
        model, [{"kind": "damage", "section": "C", "share": 0.25, "days": 60, "recovery_days": 120}]
    )
    assert number(by_testid(html, "total-loss")) == thousand(expected.total_loss)
    assert "demand-side" in by_testid(html, "model-used")  # damage is not an outage
    assert "own employment by KVED section in 2021" in html


def test_no_population_is_asked_for_not_assumed(client):
    m = make_municipality(population=None)
    viewer = make_member(m, "viewer")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.login(username=viewer.username, password=PASSWORD)
    html = client.get(reverse("resilience:index", args=[m.code]), RUN).content.decode()
    assert 'data-testid="total-loss"' not in html
    assert "population" in html and "could not run" in html
    html = client.get(
        reverse("resilience:multipliers", args=[m.code]),
        {"sector": "F", "amount": "10000000", "method": "flq"},
    ).content.decode()
    assert 'data-testid="output-type1"' not in html and "population" in html


def test_backup_and_dependence_are_editable_and_saved(client, team):
    m, editor, _ = team
    client.login(username=editor.username, password=PASSWORD)
    url = reverse("resilience:index", args=[m.code])
    base = run_scenario(selectors.region_model_get(municipality=m, delta=0.25), SHOCK)
    edited = {**RUN, "backup": "20", "backup_by_sector": "C=90", "dependence": "D:G=0.1"}
    html = client.get(url, edited).content.decode()
    want = run_scenario(
        selectors.region_model_get(municipality=m, delta=0.25),
        SHOCK,
        backup=backup_from_params(edited),
        dependence={("D", "G"): 0.1},
    )
    assert want.total_loss < base.total_loss
    assert number(by_testid(html, "total-loss")) == thousand(want.total_loss)
    assert 'data-testid="dependence"' in html
    bad = client.get(url, {**RUN, "dependence": "D-C=2"}).content.decode()
    assert "Cannot read" in bad and 'data-testid="total-loss"' not in bad
    client.post(
        reverse("resilience:scenario_save", args=[m.code]), {**edited, "name": "With generators"}
    )
    s = Scenario.objects.get(name="With generators")
    detail = client.get(reverse("resilience:scenario", args=[m.code, s.pk])).content.decode()
    assert number(by_testid(detail, "total-loss")) == thousand(want.total_loss)
