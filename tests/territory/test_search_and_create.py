"""Creating a workspace by picking one's hromada: the search in either script, and the
service filling the workspace from the registry."""

from __future__ import annotations

import html as htmllib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.utils import translation

from hromada.refdata import hromadas
from hromada.territory.search import hromada_results, hromada_search
from hromada.workspaces.models import Membership, Municipality, Role
from hromada.workspaces.services import municipality_create_from_registry
from tests.territory.helpers import IZIUM, izium
from tests.web.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def _registry(code):
    return hromadas().set_index("code").loc[code]


def test_service_fills_the_workspace_from_the_registry():
    owner = make_user()
    m = municipality_create_from_registry(code=IZIUM, owner=owner)
    row = _registry(IZIUM)
    assert (m.code, m.name_uk, m.name_en) == (IZIUM, "Ізюмська", "Iziumska")
    assert (m.oblast_uk, m.oblast_en, m.raion_uk, m.raion_en) == (
        row["oblast_uk"],
        row["oblast_en"],
        row["raion_uk"],
        row["raion_en"],
    )
    assert m.population == int(row["population"]) == 48072
    assert (m.hromada_type, m.war_status) == ("міська", "deoccupied")
    assert Membership.objects.get(municipality=m).role == Role.OWNER
    assert Membership.objects.get(municipality=m).user == owner


def test_service_refuses_unknown_and_existing_codes():
    owner = make_user()
    with pytest.raises(ValidationError):
        municipality_create_from_registry(code="UA99999999999999999", owner=owner)
    with pytest.raises(ValidationError):
        municipality_create_from_registry(code="", owner=owner)
    izium()
    with translation.override("en"), pytest.raises(ValidationError, match="already exists"):
        municipality_create_from_registry(code=IZIUM, owner=owner)
    assert Municipality.objects.count() == 1


@pytest.mark.parametrize("query", ["Izium", "izium", "Ізюм", "ІЗЮМСЬКА", "Iziumska"])
def test_results_in_either_script(query):
    results = hromada_results(query)
    assert results and results[0]["fields"]["code"] == IZIUM


def test_short_or_empty_query_gives_nothing():
    assert hromada_results("") == [] and hromada_results("I") == []


def _request(q, *, htmx=False, user=None, language="en"):
    request = RequestFactory().get(
        "/m/search/", {"q": q}, headers={"HX-Request": "true"} if htmx else {}
    )
    request.user = user or make_user()
    request.LANGUAGE_CODE = language
    return request


@pytest.mark.urls("tests.territory.urls")
def test_search_view_htmx_partial_lists_matches_with_their_fields():
    with translation.override("en"):
        response = hromada_search(_request("Izium", htmx=True)).render()
    body = htmllib.unescape(response.content.decode())
    assert response.status_code == 200
    assert body.lstrip().startswith('<div id="hromada-results"') and "<html" not in body
    assert f'data-code="{IZIUM}"' in body
    for name, value in [
        ("code", IZIUM),
        ("name_uk", "Ізюмська"),
        ("name_en", "Iziumska"),
        ("oblast_en", "Kharkiv"),
        ("population", "48072"),
        ("war_status", "deoccupied"),
        ("hromada_type", "міська"),
    ]:
        assert f'name="{name}" value="{value}"' in body, name
    assert "Kharkiv oblast" in body and "deoccupied" in body


@pytest.mark.urls("tests.territory.urls")
def test_search_view_full_page_without_javascript():
    with translation.override("uk"):
        response = hromada_search(_request("Izium", language="uk")).render()
    body = htmllib.unescape(response.content.decode())
    assert "<html" in body and 'data-testid="hromada-search"' in body
    assert "Ізюмська" in body and "деокупована" in body


@pytest.mark.urls("tests.territory.urls")
def test_the_search_does_not_say_which_hromadas_have_a_workspace():
    user = make_user()
    with translation.override("en"):
        before = hromada_search(_request("Izium", htmx=True, user=user)).render().content
        izium()
        after = hromada_search(_request("Izium", htmx=True, user=user)).render().content
    import re

    def without_token(page):
        return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", page)

    assert without_token(after) == without_token(before)  # the same, workspace or not
    body = after.decode()
    assert f'data-testid="request-{IZIUM}"' in body and "invitation" not in body


@pytest.mark.urls("tests.territory.urls")
def test_picking_a_result_requests_the_workspace_and_a_facilitator_approves(client):
    """The result's form posts the registry fields to workspaces:create: a request, the
    workspace exists only once a facilitator (or an administrator) approves it."""
    from hromada.workspaces.models import WorkspaceRequest

    user = make_user()
    client.login(username=user.username, password=PASSWORD)
    page = client.get("/m/search/", {"q": "Izium"}).content.decode()
    assert 'action="/m/new/"' in page
    fields = {"registry": "1"}
    import re

    form = re.search(rf'<li data-code="{IZIUM}">.*?</form>', page, re.S).group(0)
    for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form):
        fields[name] = htmllib.unescape(value)
    fields["population"] = "1"  # the registry's facts are taken, not the posted ones
    response = client.post("/m/new/", fields)
    assert response.status_code == 302 and response["Location"] == "/"
    assert not Municipality.objects.filter(code=IZIUM).exists()
    assert client.post("/m/new/", fields).status_code == 302  # asked twice: one request
    assert WorkspaceRequest.objects.get().status == "pending"
    page = client.get("/m/search/", {"q": "Izium"}).content.decode()
    assert f'data-testid="requested-{IZIUM}"' in page
    assert client.get("/m/requests/").status_code == 404  # not for members

    facilitator = make_user(site_role="facilitator")
    client.login(username=facilitator.username, password=PASSWORD)
    assert 'href="/m/requests/"' in client.get("/").content.decode()
    request = WorkspaceRequest.objects.get()
    assert f'data-testid="approve-{request.pk}"' in client.get("/m/requests/").content.decode()
    response = client.post("/m/requests/", {"pk": request.pk, "decision": "approve"})
    assert response.status_code == 302
    m = Municipality.objects.get(code=IZIUM)
    assert (m.name_en, m.population, m.war_status) == ("Iziumska", 48072, "deoccupied")
    assert Membership.objects.get(municipality=m).user == user
    assert Membership.objects.get(municipality=m).role == Role.OWNER
    assert not Membership.objects.filter(user=facilitator).exists()
    request.refresh_from_db()
    assert (request.status, request.decided_by) == ("approved", facilitator)


@pytest.mark.urls("tests.territory.urls")
def test_a_refused_request_or_one_for_an_existing_workspace_creates_nothing(client):
    from hromada.workspaces import services
    from hromada.workspaces.models import WorkspaceRequest

    izium()
    owners = set(Membership.objects.filter(municipality__code=IZIUM).values_list("user", flat=True))
    user, admin = make_user(), make_user()
    admin.is_superuser = True
    admin.save()
    client.login(username=user.username, password=PASSWORD)
    response = client.post("/m/new/", {"registry": "1", "code": IZIUM}, follow=True)
    assert (
        "Request sent" in response.content.decode()
        or "Запит надіслано" in response.content.decode()
    )  # the same answer as for a hromada without a workspace
    request = WorkspaceRequest.objects.get(code=IZIUM)
    with (
        translation.override("en"),
        pytest.raises(ValidationError, match="already has a workspace"),
    ):
        services.workspace_request_decide(request=request, by=admin, approve=True)
    with pytest.raises(PermissionDenied):
        services.workspace_request_decide(request=request, by=user, approve=True)
    services.workspace_request_decide(request=request, by=admin, approve=False)
    assert WorkspaceRequest.objects.get().status == "refused"
    assert (
        set(Membership.objects.filter(municipality__code=IZIUM).values_list("user", flat=True))
        == owners
    )
    other = make_user()
    client.login(username=other.username, password=PASSWORD)
    client.post("/m/new/", {"code": "UA12345678901234567", "name_uk": "Тест", "name_en": "T"})
    assert not Municipality.objects.filter(code="UA12345678901234567").exists()
    assert WorkspaceRequest.objects.filter(
        code="UA12345678901234567", requested_by=other, status="pending"
    ).exists()


@pytest.mark.urls("tests.territory.urls")
def test_search_box_for_the_creation_page_uses_the_named_url():
    """As included in workspaces/create.html: no search_url in the context, no results."""
    from django.template.loader import render_to_string

    request = RequestFactory().get("/m/new/")
    request.user = make_user()
    with translation.override("en"):
        html = render_to_string("territory/partials/search_box.html", {}, request=request)
    assert 'action="/m/search/"' in html and 'hx-get="/m/search/"' in html
    assert '<div id="hromada-results"' in html and "<li" not in html
