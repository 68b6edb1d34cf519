"""The steps feed each other: shock scenarios, war damage and the Diversify shortlist pre-fill
the SWOT; a shortlisted opportunity becomes a candidate goal of the plan."""

import datetime

import pytest

from hromada.diversify.models import ShortlistItem
from hromada.economy.demo import demo_economy_seed
from hromada.economy.services import damage_entry_create
from hromada.planning.evidence import gather_analysis
from hromada.planning.models import StrategicGoal
from hromada.planning.swot import swot_suggestions
from hromada.resilience.services import scenario_create
from tests.web.factories import PASSWORD, make_member, make_municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipality():
    m = make_municipality()
    demo_economy_seed(m)
    return m


def test_scenarios_damage_and_shortlist_reach_the_swot(municipality):
    m = municipality
    owner = make_member(m, "owner")
    before = gather_analysis(m)
    assert "shocks" not in before and "damage" not in before and "opportunities" not in before
    scenario_create(
        municipality=m,
        name="Blackout 30 days",
        shocks=[{"section": "D", "share": 0.6, "days": 30, "recovery_days": 90}],
        by=owner,
    )
    damage_entry_create(
        municipality=m,
        user=owner,
        date=datetime.date(2022, 5, 1),
        kind="damage",
        sector="energy",
        asset_type="buildings",
        description="Substation",
        amount=1200,
    )
    ShortlistItem.objects.create(
        municipality=m,
        panel="eu",
        sector="C",
        sector_name="Manufacturing",
        year=2015,
        score=0.8,
        feasibility=0.5,
    )
    analysis = gather_analysis(m)
    assert analysis["shock_scenario"] == "Blackout 30 days"
    assert analysis["shocks"]["loss"].iloc[0] == analysis["shocks"]["loss"].max() > 0
    assert analysis["damage"]["total"] == pytest.approx(1200)
    assert analysis["opportunities"]["sector"].tolist() == ["C"]
    keys = {s.key for s in swot_suggestions(analysis)}
    assert "threat:war_damage" in keys
    assert any(k.startswith("threat:") and "shock" in k for k in keys), keys
    assert any(k.startswith("opportunity:") for k in keys), keys


def test_shortlisted_opportunity_becomes_a_candidate_goal_once(client, municipality):
    m = municipality
    editor = make_member(m, "editor")
    viewer = make_member(m, "viewer")
    item = ShortlistItem.objects.create(
        municipality=m,
        panel="eu",
        sector="J",
        sector_name="Information and communication",
        year=2015,
        score=0.7,
        feasibility=0.4,
        reasons="Services (40 %)",
    )
    url = f"/m/{m.code}/diversify/shortlist/{item.pk}/to-plan/"
    client.login(username=viewer.username, password=PASSWORD)
    assert client.post(url).status_code == 403
    client.login(username=editor.username, password=PASSWORD)
    assert client.post(url).status_code == 302
    goal = StrategicGoal.objects.get(municipality=m)
    assert "Information and communication" in goal.title and "0.70" in goal.description
    item.refresh_from_db()
    assert str(goal.pk) in item.note
    page = client.get(f"/m/{m.code}/diversify/shortlist/").content.decode()
    assert 'data-testid="to-plan"' not in page  # already in the plan


def test_the_follow_up_report_lists_saved_scenarios(municipality):
    from hromada.monitoring.report import report_context

    m = municipality
    owner = make_member(m, "owner")
    scenario_create(
        municipality=m,
        name="Blackout 30 days",
        shocks=[{"section": "D", "share": 0.6, "days": 30, "recovery_days": 90}],
        by=owner,
    )
    secret = scenario_create(
        municipality=m,
        name="Defence plant hit",
        shocks=[{"section": "C", "share": 0.9, "days": 60, "recovery_days": 180}],
        by=owner,
    )
    secret.restricted = True
    secret.save()
    names = [s["name"] for s in report_context(m, include_restricted=True)["scenarios"]]
    assert set(names) == {"Blackout 30 days", "Defence plant hit"}
    shared = report_context(m, include_restricted=False)["scenarios"]
    assert [s["name"] for s in shared] == ["Blackout 30 days"]
    assert shared[0]["total_loss"] > 0 and 0 <= shared[0]["indirect_share"] <= 100
