"""The generic record pages (hromada.workspaces.crud) and the Outcome views show."""

import pytest
from django.urls import reverse

from hromada.collaboration.models import Stakeholder
from hromada.core.outcome import Outcome
from hromada.workspaces.crud import crud_urls
from tests.web.factories import PASSWORD, make_member, make_municipality


def _view(request):  # pragma: no cover - never called: only its URLs are built
    raise AssertionError


def test_crud_urls_name_and_place_the_three_pages():
    urls = crud_urls("things", _view, _view, "thing")
    assert [(str(u.pattern), u.name) for u in urls] == [
        ("things/new/", "thing_create"),
        ("things/<int:pk>/", "thing_edit"),
        ("things/<int:pk>/delete/", "thing_delete"),
    ]
    edit = crud_urls("things", _view, _view, "thing", edit_path="<int:pk>/edit/")[1]
    assert str(edit.pattern) == "things/<int:pk>/edit/"


def test_outcome_is_ok_only_without_an_error():
    assert Outcome(3).ok and Outcome(3).value == 3
    refused = Outcome(error="The model could not run: x")
    assert not refused.ok and refused.value is None


@pytest.mark.django_db
def test_delete_goes_back_to_a_safe_next_only(client):
    m = make_municipality()
    editor = make_member(m, "editor")
    client.login(username=editor.username, password=PASSWORD)
    first = Stakeholder.objects.create(municipality=m, name="A")
    second = Stakeholder.objects.create(municipality=m, name="B")
    url = reverse("collaboration:stakeholder_delete", args=[m.code, first.pk])
    back = reverse("collaboration:index", args=[m.code])
    response = client.post(url, {"next": "https://elsewhere.example/"})
    assert response.status_code == 302 and response["Location"] == back
    assert not Stakeholder.objects.filter(pk=first.pk).exists()
    assert Stakeholder.all_objects.filter(pk=first.pk).exists()  # soft delete
    url = reverse("collaboration:stakeholder_delete", args=[m.code, second.pk])
    response = client.post(url, {"next": f"/m/{m.code}/plan/"})
    assert response["Location"] == f"/m/{m.code}/plan/"
