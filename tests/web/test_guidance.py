"""Where to start and what next: the dashboard's six steps say what is done and link to
their step; every step's page ends with the next step and its part of the guide; the
methodology guide is in the main navigation."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from hromada.config.demo import DEMO_PASSWORD, DEMO_USERNAME, demo_seed
from hromada.core.navigation import available_steps
from hromada.core.progress import step_progress
from tests.web.factories import PASSWORD, make_member, make_municipality

pytestmark = pytest.mark.django_db


def _cards(html: str) -> dict[str, str]:
    return dict(re.findall(r'data-testid="step-(\w+)" data-status="(\w+)"', html))


def test_dashboard_links_every_step_and_marks_the_first_as_next(client):
    m = make_municipality()
    owner = make_member(m, "owner")
    client.login(username=owner.username, password=PASSWORD)
    html = client.get(reverse("workspaces:dashboard", args=[m.code])).content.decode()
    assert "nav-guide" in html and reverse("exchange:guide") in html
    steps = available_steps()
    assert len(steps) == 6
    assert _cards(html) == {step: "todo" for step, _label, _url in steps}
    for step, _label, url_name in steps:
        assert f'href="{reverse(url_name, args=[m.code])}"' in html, step
        assert f'href="{reverse("exchange:guide_step", args=[step])}"' in html, step
    progress = step_progress(m)
    assert [p["step"] for p in progress if p["is_next"]] == ["assess"]


def test_progress_follows_the_data(client):
    m = demo_seed().municipality  # the demo imports a dataset: Assess is done
    progress = {p["step"]: p for p in step_progress(m)}
    assert progress["assess"]["status"] == "done"
    assert progress["plan"]["is_next"] and progress["plan"]["status"] == "todo"
    from hromada.planning.models import Vision

    Vision.objects.create(municipality=m, text="A green, rebuilt town")
    progress = {p["step"]: p for p in step_progress(m)}
    assert progress["plan"]["status"] == "started"
    assert [done for _label, done in progress["plan"]["parts"]] == [True, False, False]

    client.login(username=DEMO_USERNAME, password=DEMO_PASSWORD)
    html = client.get(reverse("workspaces:dashboard", args=[m.code])).content.decode()
    assert _cards(html)["assess"] == "done" and _cards(html)["plan"] == "started"


def test_every_step_page_ends_with_the_next_step_and_its_guide(client):
    m = make_municipality()
    owner = make_member(m, "owner")
    client.login(username=owner.username, password=PASSWORD)
    steps = available_steps()
    for i, (step, _label, url_name) in enumerate(steps):
        response = client.get(reverse(url_name, args=[m.code]))
        assert response.status_code == 200, step
        html = response.content.decode()
        tail = html[html.index('data-testid="step-next"') :]
        expected_next = (
            reverse(steps[i + 1][2], args=[m.code])
            if i + 1 < len(steps)
            else reverse("exchange:index")
        )
        assert f'href="{expected_next}" data-testid="next-step-link"' in tail, step
        assert f'href="{reverse("exchange:guide_step", args=[step])}"' in tail, step
    # Pages outside the cycle (the dashboard) carry no next-step bar.
    html = client.get(reverse("workspaces:dashboard", args=[m.code])).content.decode()
    assert 'data-testid="step-next"' not in html
