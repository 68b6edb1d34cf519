"""Restricted items (e.g. a defence-related enterprise or critical infrastructure) never
leave the municipality's own members unless an owner explicitly includes them: not in the
follow-up report, the DREAM export, or peer sharing."""

import io

import pandas as pd
import pytest

from hromada.monitoring.models import Project
from hromada.monitoring.report import report_sheets
from tests.web.factories import PASSWORD, make_member, make_municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    m = make_municipality()
    owner = make_member(m, "owner")
    editor = make_member(m, "editor")
    open_p = Project.objects.create(municipality=m, title="Школа №3", budget=1000)
    secret = Project.objects.create(
        municipality=m, title="Підстанція Північна", budget=5000, restricted=True
    )
    return m, owner, editor, open_p, secret


def _titles(sheets) -> str:
    return " ".join(frame.to_string() for frame in sheets.values())


def test_report_leaves_restricted_projects_out_unless_the_owner_includes_them(client, setup):
    m, owner, editor, open_p, secret = setup
    text = _titles(report_sheets(m, language="uk"))
    assert "Школа №3" in text and "Підстанція Північна" not in text
    assert "Підстанція Північна" in _titles(report_sheets(m, include_restricted=True))
    from django.urls import reverse

    url = reverse("monitoring:report_xlsx", args=[m.code])
    client.login(username=editor.username, password=PASSWORD)
    for query in ("", "?restricted=1"):  # an editor cannot include them
        sheets = pd.read_excel(
            io.BytesIO(client.get(url + query).content), sheet_name=None, engine="openpyxl"
        )
        assert "Підстанція Північна" not in _titles(sheets)
    client.login(username=owner.username, password=PASSWORD)
    sheets = pd.read_excel(
        io.BytesIO(client.get(url + "?restricted=1").content), sheet_name=None, engine="openpyxl"
    )
    assert "Підстанція Північна" in _titles(sheets)


def test_dream_export_refuses_restricted_projects(client, setup):
    from django.urls import reverse

    m, owner, editor, open_p, secret = setup
    client.login(username=editor.username, password=PASSWORD)
    open_url = reverse("monitoring:project_dream", args=[m.code, open_p.pk])
    assert client.get(open_url).status_code == 200
    url = reverse("monitoring:project_dream", args=[m.code, secret.pk])
    assert client.get(url).status_code == 403
    assert client.get(url + "?restricted=1").status_code == 403
    client.login(username=owner.username, password=PASSWORD)
    assert client.get(url).status_code == 403
    response = client.get(url + "?restricted=1")
    assert response.status_code == 200 and "Підстанція" in response.content.decode()
