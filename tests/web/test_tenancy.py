"""A member of municipality A can neither read nor change anything of municipality B."""

import pytest

from hromada.economy.models import Dataset
from hromada.workspaces.models import Invitation, Membership
from hromada.workspaces.permissions import GATED_VIEWS
from hromada.workspaces.services import invitation_create
from tests.web.factories import PASSWORD, make_member, make_municipality, make_user
from tests.web.urlmatrix import municipality_routes

pytestmark = pytest.mark.django_db


def _is_gated(view) -> bool:
    while view is not None:
        if view in GATED_VIEWS:
            return True
        view = getattr(view, "__wrapped__", None)
    return False


def test_every_municipality_url_is_gated():
    routes = municipality_routes()
    assert len(routes) >= 7, [r.name for r in routes]
    ungated = [r.name for r in routes if not _is_gated(r.callback)]
    assert not ungated, f"views taking a municipality code without municipality_view: {ungated}"


@pytest.fixture
def two_municipalities():
    a, b = make_municipality(name_uk="Альфа"), make_municipality(name_uk="Бета")
    a_owner = make_member(a, "owner")
    b_owner = make_member(b, "owner")
    b_editor = make_member(b, "editor")
    invitation_create(municipality=b, created_by=b_owner, role="viewer")
    dataset = Dataset.objects.create(
        municipality=b, name="Зайнятість", measure="employment", unit="осіб"
    )
    dataset.name = "Зайнятість (змінено)"
    dataset.save()
    return a, b, a_owner, b_owner, b_editor


def _snapshot(municipality):
    return (
        sorted(
            Dataset.all_objects.filter(municipality=municipality).values_list(
                "pk", "name", "deleted_at"
            )
        ),
        sorted(Membership.objects.filter(municipality=municipality).values_list("user_id", "role")),
        sorted(
            Invitation.objects.filter(municipality=municipality).values_list(
                "pk", "revoked_at", "accepted_at"
            )
        ),
        type(municipality).objects.filter(pk=municipality.pk).values().get(),
    )


def _param_values(route, code, pk):
    values = {}
    for p in route.params:
        if p == "code":
            values[p] = code
        elif p == "label":
            values[p] = "economy.dataset"  # a record type every installation has
        else:
            values[p] = pk
    return values


def test_member_of_a_gets_404_on_every_page_and_action_of_b(client, two_municipalities):
    a, b, a_owner, b_owner, b_editor = two_municipalities
    before = _snapshot(b)
    client.login(username=a_owner.username, password=PASSWORD)
    b_object_pks = list(Membership.objects.filter(municipality=b).values_list("pk", flat=True))
    b_object_pks += list(Invitation.objects.filter(municipality=b).values_list("pk", flat=True))
    b_object_pks += list(Dataset.objects.filter(municipality=b).values_list("pk", flat=True))
    b_object_pks += list(
        Dataset.history.filter(municipality=b).values_list("history_id", flat=True)
    )
    a_pks = set(Membership.objects.filter(municipality=a).values_list("pk", flat=True))
    a_pks |= set(Invitation.objects.filter(municipality=a).values_list("pk", flat=True))
    a_pks |= set(Dataset.all_objects.filter(municipality=a).values_list("pk", flat=True))
    checked = 0
    for route in municipality_routes():
        for pk in b_object_pks if "pk" in route.params else [None]:
            # B's code: not a member -> 404, whatever the method.
            url = route.url(**_param_values(route, b.code, pk))
            for method in ("get", "post"):
                response = getattr(client, method)(url, {"role": "owner", "name_uk": "X"})
                assert response.status_code in (404, 405), (
                    route.name,
                    method,
                    url,
                    response.status_code,
                )
                assert "Бета" not in response.content.decode()
                checked += 1
            # A's own code with B's object ids: the object lookup is scoped -> 404.
            # (Skip ids that A also owns under some model: those are A's to change.)
            if pk is not None and pk not in a_pks:
                url = route.url(**_param_values(route, a.code, pk))
                response = client.post(url, {"role": "viewer"})
                assert response.status_code in (404, 405), (route.name, url)
    assert checked >= 14
    assert _snapshot(b) == before


def test_anonymous_is_sent_to_login(client, two_municipalities):
    a, b, *_ = two_municipalities
    for route in municipality_routes():
        url = route.url(**_param_values(route, b.code, 1))
        response = client.get(url)
        assert response.status_code in (302, 405), (route.name, response.status_code)
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"]


def test_viewer_and_editor_cannot_manage_members(client, two_municipalities):
    a, b, a_owner, b_owner, b_editor = two_municipalities
    before = _snapshot(b)
    client.login(username=b_editor.username, password=PASSWORD)
    owner_ms = Membership.objects.get(user=b_owner)
    assert client.get(f"/m/{b.code}/").status_code == 200
    for url in (
        f"/m/{b.code}/members/invite/",
        f"/m/{b.code}/members/{owner_ms.pk}/role/",
        f"/m/{b.code}/members/{owner_ms.pk}/remove/",
        f"/m/{b.code}/settings/",
    ):
        assert client.post(url, {"role": "viewer"}).status_code == 403, url
    assert _snapshot(b) == before


def test_facilitator_sees_no_municipality_data(client, two_municipalities):
    a, b, *_ = two_municipalities
    facilitator = make_user(site_role="facilitator")
    client.login(username=facilitator.username, password=PASSWORD)
    for m in (a, b):
        assert client.get(f"/m/{m.code}/").status_code == 404
        assert client.get(f"/m/{m.code}/members/").status_code == 404
    home = client.get("/")
    assert home.status_code == 200
    assert "Альфа" not in home.content.decode() and "Бета" not in home.content.decode()
    assert (
        client.post(
            "/m/new/", {"code": "UA99999999999999999", "name_uk": "x", "name_en": "x"}
        ).status_code
        == 302
    )
    assert not type(a).objects.filter(code="UA99999999999999999").exists()
