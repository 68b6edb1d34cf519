"""Every territory page is gated: non-members get 404, anonymous users the login page,
viewers may read; the search endpoint needs a signed-in user."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from hromada.territory import views
from hromada.territory.search import hromada_search
from hromada.workspaces.permissions import GATED_VIEWS
from tests.territory.helpers import IZIUM, izium, member_client
from tests.web.factories import PASSWORD, make_member, make_municipality, make_user

pytestmark = pytest.mark.django_db

NAMES = ("territory:profile", "territory:fiscal", "territory:fiscal_csv", "territory:data")


def test_all_views_are_gated():
    for view in (views.profile, views.fiscal, views.fiscal_csv, views.data):
        assert view in GATED_VIEWS


def test_entry_urls_take_only_the_code():
    assert reverse("territory:fiscal", args=[IZIUM]) == f"/m/{IZIUM}/territory/fiscal/"
    assert reverse("territory:profile", args=[IZIUM]) == f"/m/{IZIUM}/territory/"


def test_non_member_gets_404_and_anonymous_the_login(client):
    m = izium()
    other = make_municipality(name_uk="Інша")
    outsider = make_member(other, "owner")
    for name in NAMES:
        url = reverse(name, args=[m.code])
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.login(username=outsider.username, password=PASSWORD)
    for name in NAMES:
        url = reverse(name, args=[m.code])
        assert client.get(url).status_code == 404, name
        assert client.post(url, {"w_type": "x"}).status_code == 404, name
        assert "Ізюмська" not in client.get(url).content.decode()


def test_viewer_reads_every_page(client):
    m = izium()
    member_client(client, m, role="viewer")
    for name in NAMES:
        response = client.get(reverse(name, args=[m.code]))
        assert response.status_code == 200, name


def test_facilitator_sees_nothing(client):
    m = izium()
    facilitator = make_user(site_role="facilitator")
    client.login(username=facilitator.username, password=PASSWORD)
    for name in NAMES:
        assert client.get(reverse(name, args=[m.code])).status_code == 404


def test_search_needs_a_signed_in_user():
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/m/search/", {"q": "Izium"})
    request.user = AnonymousUser()
    response = hromada_search(request)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
