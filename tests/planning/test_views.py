"""Pages of Plan, Follow-up and Collaborate: they render, forms save, other municipalities'
objects are 404, viewers cannot change anything."""

import datetime as dt

import pytest
from django.urls import reverse

from hromada.collaboration.models import Stakeholder
from hromada.monitoring.models import Project
from hromada.planning.models import Kpi, OperationalGoal, StrategicGoal, SwotItem
from hromada.planning.services import record_save, swot_item_create
from tests.web.factories import PASSWORD, make_member, make_municipality
from tests.web.urlmatrix import municipality_routes

pytestmark = pytest.mark.django_db
MINE = ("planning:", "monitoring:", "collaboration:")


@pytest.fixture
def world():
    m = make_municipality()
    editor = make_member(m, "editor")
    sg = record_save(instance=StrategicGoal(municipality=m, code="1", title="Ціль"))
    og = record_save(instance=OperationalGoal(municipality=m, strategic_goal=sg, title="ОЦ"))
    kpi = record_save(
        instance=Kpi(
            municipality=m,
            operational_goal=og,
            indicator="I",
            baseline_value=1,
            baseline_year=2024,
            target_value=2,
            target_date=dt.date(2027, 1, 1),
        )
    )
    project = record_save(instance=Project(municipality=m, title="P", budget=10))
    stakeholder = record_save(
        instance=Stakeholder(municipality=m, name="S", stakeholder_type="public")
    )
    swot = swot_item_create(municipality=m, category="threat", text="T")
    return (
        m,
        editor,
        {
            "sg": sg,
            "og": og,
            "kpi": kpi,
            "project": project,
            "stakeholder": stakeholder,
            "swot": swot,
        },
    )


def test_every_page_renders_for_a_member(client, world):
    m, editor, objs = world
    client.login(username=editor.username, password=PASSWORD)
    pk_of = {
        "sgoal": objs["sg"].pk,
        "ogoal": objs["og"].pk,
        "kpi": objs["kpi"].pk,
        "project": objs["project"].pk,
        "stakeholder": objs["stakeholder"].pk,
        "swot_item": objs["swot"].pk,
    }
    checked = 0
    for route in municipality_routes():
        if not route.name.startswith(MINE) or route.name.endswith("_delete"):
            continue
        values = {"code": m.code}
        if "pk" in route.params:
            key = route.name.split(":")[1].rsplit("_", 1)[0]
            if route.name == "monitoring:project_dream" or route.name == "monitoring:project":
                key = "project"
            if route.name in ("monitoring:kpi", "monitoring:kpi_update"):
                key = "kpi"
            if key not in pk_of:
                continue
            values["pk"] = pk_of[key]
        if "model" in route.params:
            values.update(model="strategic-goal", pk=objs["sg"].pk, history_id=1)
        url = route.url(**values)
        response = client.get(url)
        assert response.status_code in (200, 405), (route.name, response.status_code)
        checked += 1
    assert checked >= 20


def test_other_municipality_objects_are_404_and_untouched(client, world):
    m, editor, objs = world
    other = make_municipality()
    intruder = make_member(other, "owner")
    client.login(username=intruder.username, password=PASSWORD)
    for route in municipality_routes():
        if not route.name.startswith(MINE):
            continue
        values = {p: (other.code if p == "code" else objs["sg"].pk) for p in route.params}
        if "model" in values:
            values["model"] = "strategic-goal"
        for pk in {objs[k].pk for k in objs} if "pk" in route.params else [None]:
            if pk is not None:
                values["pk"] = pk
            response = client.post(
                route.url(**values), {"title": "X", "text": "X", "decision": "accepted"}
            )
            assert response.status_code in (404, 405, 302, 200, 400), route.name
            if "pk" in route.params:
                assert response.status_code in (404, 405), (route.name, response.status_code)
        # m's code: not a member
        m_values = dict(values, code=m.code)
        assert client.get(route.url(**m_values)).status_code in (404, 405)
    assert StrategicGoal.objects.get(pk=objs["sg"].pk).title == "Ціль"
    assert SwotItem.objects.get(pk=objs["swot"].pk).status == "accepted"


def test_viewer_cannot_change(client, world):
    m, editor, objs = world
    viewer = make_member(m, "viewer")
    client.login(username=viewer.username, password=PASSWORD)
    code = m.code
    for url in [
        reverse("planning:sgoal_edit", args=[code, objs["sg"].pk]),
        reverse("planning:vision", args=[code]),
        reverse("planning:swot_decide", args=[code, objs["swot"].pk]),
        reverse("monitoring:kpi_update", args=[code, objs["kpi"].pk]),
        reverse("collaboration:stakeholder_delete", args=[code, objs["stakeholder"].pk]),
    ]:
        assert (
            client.post(
                url,
                {
                    "title": "X",
                    "text": "X",
                    "decision": "rejected",
                    "date": "2025-01-01",
                    "value": "3",
                },
            ).status_code
            == 403
        ), url
    assert StrategicGoal.objects.get(pk=objs["sg"].pk).title == "Ціль"
    assert Stakeholder.objects.filter(pk=objs["stakeholder"].pk).exists()


def test_forms_save_and_odd_posts_do_not_fail(client, world):
    m, editor, objs = world
    client.login(username=editor.username, password=PASSWORD)
    code = m.code
    r = client.post(
        reverse("planning:sgoal_create", args=[code]),
        {"code": "2", "title": "Друга ціль", "weight": "1"},
    )
    assert r.status_code == 302 and StrategicGoal.objects.filter(title="Друга ціль").exists()
    # empty posts: a form with errors (400) or a redirect with a message, never 500
    for route in municipality_routes():
        if not route.name.startswith(MINE):
            continue
        values = {p: (code if p == "code" else objs["sg"].pk) for p in route.params}
        if "model" in values:
            values["model"] = "strategic-goal"
        if route.name.endswith("_delete"):
            continue
        assert client.post(route.url(**values), {}).status_code < 500, route.name
    r = client.post(
        reverse("monitoring:kpi_update", args=[code, objs["kpi"].pk]),
        {"date": "2025-06-30", "value": "1.4", "comment": "ok"},
    )
    assert r.status_code == 302 and objs["kpi"].updates.get().value == 1.4
    r = client.post(reverse("planning:swot_to_risk", args=[code, objs["swot"].pk]))
    assert r.status_code == 302 and objs["swot"].risks.count() == 1
    r = client.post(
        reverse("collaboration:stakeholder_create", args=[code]),
        {
            "name": "Асоціація",
            "stakeholder_type": "civil",
            "interest": "5",
            "influence": "2",
            "stance": "supportive",
        },
    )
    assert r.status_code == 302
    page = client.get(reverse("collaboration:index", args=[code])).content.decode()
    assert "Асоціація" in page and 'data-testid="chart-stakeholder-grid"' in page
    r = client.post(reverse("planning:sgoal_delete", args=[code, objs["sg"].pk]))
    assert r.status_code == 302 and not StrategicGoal.objects.filter(pk=objs["sg"].pk).exists()
    history = client.get(reverse("planning:history", args=[code, "strategic-goal", objs["sg"].pk]))
    assert history.status_code == 200
    first = objs["sg"].history.order_by("history_date").first()
    client.post(
        reverse(
            "planning:history_restore",
            args=[code, "strategic-goal", objs["sg"].pk, first.history_id],
        )
    )
    assert StrategicGoal.objects.filter(pk=objs["sg"].pk).exists()
