"""Who sees what: facilitator, member of the group, non-member, anonymous, against every
peer-exchange page and action, with private and shared items."""

from __future__ import annotations

import pytest
from django.test import Client

from hromada.exchange import services
from hromada.exchange.models import GroupMember, MemberStatus, Share
from tests.exchange.factories import make_world
from tests.web.factories import PASSWORD, make_user
from tests.web.urlmatrix import all_routes

pytestmark = pytest.mark.django_db

PRIVATE = "ПРИВАТНИЙ-МАРКЕР-42"
SHARED = "СПІЛЬНИЙ-МАРКЕР-17"


@pytest.fixture
def world():
    w = make_world()
    # B shares one snapshot and one case, and keeps one case and one draft private.
    services.snapshot_save(
        municipality=w.b, session=w.session, by=w.b_owner, done=f"Зроблено {SHARED}"
    )
    w.snap_share = services.snapshot_submit(municipality=w.b, session=w.session, by=w.b_owner)
    shared = services.practice_save(
        municipality=w.b,
        by=w.b_owner,
        title_uk=f"Кейс {SHARED}",
        problem_uk="Проблема",
        step="plan",
    )
    w.practice_share = services.share_create(
        municipality=w.b, group=w.group, kind="practice", by=w.b_owner, item=shared
    )
    w.private = services.practice_save(
        municipality=w.b, by=w.b_owner, title_uk=f"Кейс {PRIVATE}", problem_uk=PRIVATE
    )
    # A writes a snapshot but does not submit it.
    services.snapshot_save(
        municipality=w.a, session=w.session, by=w.a_owner, done=f"Чернетка {PRIVATE}"
    )
    w.member_place = GroupMember.objects.get(group=w.group, municipality=w.a)
    return w


def _client(user) -> Client:
    c = Client()
    if user is not None:
        c.login(username=user.username, password=PASSWORD)
    return c


def group_pages(w) -> dict[str, str]:
    g, s, sh = w.group.pk, w.session.pk, w.snap_share.pk
    return {
        "group": f"/exchange/groups/{g}/",
        "session": f"/exchange/groups/{g}/sessions/{s}/",
        "share": f"/exchange/groups/{g}/shared/{sh}/",
        "practice_share": f"/exchange/groups/{g}/shared/{w.practice_share.pk}/",
        "compare": f"/exchange/groups/{g}/compare/",
        "compare_csv": f"/exchange/groups/{g}/compare/public.csv",
        "kpis_csv": f"/exchange/groups/{g}/compare/kpis.csv",
        "pdf": f"/exchange/groups/{g}/sessions/{s}/summary.pdf",
    }


def manage_pages(w) -> dict[str, str]:
    g, s = w.group.pk, w.session.pk
    return {
        "group_edit": f"/exchange/groups/{g}/edit/",
        "session_create": f"/exchange/groups/{g}/sessions/new/",
        "session_edit": f"/exchange/groups/{g}/sessions/{s}/edit/",
    }


def manage_actions(w) -> dict[str, tuple[str, dict]]:
    g = w.group.pk
    return {
        "invite": (f"/exchange/groups/{g}/invite/", {"code": w.c.code}),
        "remove": (f"/exchange/groups/{g}/members/{w.member_place.pk}/remove/", {}),
        "edit": (f"/exchange/groups/{g}/edit/", {"name": "X"}),
        "session_new": (
            f"/exchange/groups/{g}/sessions/new/",
            {"title": "X", "starts_at": "2030-01-01T10:00"},
        ),
    }


def comment_actions(w) -> dict[str, tuple[str, dict]]:
    g = w.group.pk
    return {
        "session_comment": (
            f"/exchange/groups/{g}/sessions/{w.session.pk}/comment/",
            {"body": "Питання"},
        ),
        "share_comment": (
            f"/exchange/groups/{g}/shared/{w.snap_share.pk}/comment/",
            {"body": "Питання"},
        ),
    }


def _state(w):
    return (
        sorted(GroupMember.objects.values_list("group", "municipality", "status")),
        w.group.sessions.count(),
        type(w.group).objects.get(pk=w.group.pk).name,
        sorted(Share.objects.values_list("pk", "revoked_at")),
        w.group.comments.count(),
    )


def test_every_exchange_route_is_in_the_matrix(world):
    """A new exchange URL must be added to this matrix (or to the municipality one)."""
    covered = {
        "group",
        "group_edit",
        "group_invite",
        "group_remove_member",
        "session_create",
        "session",
        "session_edit",
        "session_comment",
        "session_pdf",
        "share",
        "share_comment",
        "compare",
        "compare_csv",
        # personal pages (no group): tested in test_pages
        "index",
        "group_create",
        "library",
        "practice",
        "guide",
        "guide_step",
        "notifications",
        "notifications_read",
        # acting for a municipality: test_municipality_actions_matrix
        "municipality",
        "respond",
        "leave",
        "share_create",
        "share_revoke",
        "share_refresh",
        "snapshot",
        "practice_create",
        "practice_edit",
    }
    names = {r.name.split(":", 1)[1] for r in all_routes() if r.name.startswith("exchange:")}
    assert names == covered


@pytest.mark.parametrize(
    "who", ["facilitator", "member", "viewer", "non_member", "other_facilitator", "anonymous"]
)
def test_group_pages_matrix(world, who):
    w = world
    user = {
        "facilitator": w.facilitator,
        "member": w.a_owner,
        "viewer": w.a_viewer,
        "non_member": w.c_owner,
        "other_facilitator": w.other_facilitator,
        "anonymous": None,
    }[who]
    c = _client(user)
    before = _state(w)
    for name, url in group_pages(w).items():
        r = c.get(url)
        if who == "anonymous":
            assert r.status_code == 302 and "/accounts/login/" in r["Location"], name
        elif who in ("non_member", "other_facilitator"):
            assert r.status_code == 404, (who, name, r.status_code)
            assert SHARED not in r.content.decode(errors="ignore")
        else:
            assert r.status_code == 200, (who, name, r.status_code)
            body = r.content.decode(errors="ignore")
            assert PRIVATE not in body, (who, name)
    for name, url in manage_pages(w).items():
        r = c.get(url)
        expected = {
            "facilitator": 200,
            "member": 403,
            "viewer": 403,
            "non_member": 404,
            "other_facilitator": 404,
            "anonymous": 302,
        }[who]
        assert r.status_code == expected, (who, name, r.status_code)
    for name, (url, data) in manage_actions(w).items():
        if who == "facilitator":
            continue  # changes state; tested below
        r = c.post(url, data)
        expected = {
            "member": 403,
            "viewer": 403,
            "non_member": 404,
            "other_facilitator": 404,
            "anonymous": 302,
        }[who]
        assert r.status_code == expected, (who, name, r.status_code)
    for name, (url, data) in comment_actions(w).items():
        r = c.post(url, data)
        if who in ("facilitator", "member", "viewer"):
            assert r.status_code == 302 and "/login/" not in r["Location"], (who, name)
        else:
            assert r.status_code == {"anonymous": 302}.get(who, 404), (who, name)
            if who == "anonymous":
                assert "/accounts/login/" in r["Location"]
    after = _state(w)
    if who in ("non_member", "other_facilitator", "anonymous", "member", "viewer"):
        assert after[:4] == before[:4]
    if who in ("non_member", "other_facilitator", "anonymous"):
        assert after == before


def test_facilitator_actions_change_the_group(world):
    w = world
    c = _client(w.facilitator)
    r = c.post(f"/exchange/groups/{w.group.pk}/invite/", {"code": w.c.code})
    assert r.status_code == 302
    assert GroupMember.objects.get(group=w.group, municipality=w.c).status == MemberStatus.INVITED
    r = c.post(
        f"/exchange/groups/{w.group.pk}/sessions/new/",
        {"title": "Сесія 2", "starts_at": "2030-01-01T10:00", "place": "Львів"},
    )
    assert r.status_code == 302 and w.group.sessions.count() == 2
    # Odd and empty POST data: a form error, never a 500.
    for url, _data in manage_actions(w).values():
        assert c.post(url, {}).status_code in (200, 302)
    assert c.post(f"/exchange/groups/{w.group.pk}/invite/", {"code": "bogus"}).status_code == 302


def test_member_cannot_reach_a_group_it_left_or_was_only_invited_to(world):
    w = world
    invited = services.group_create(facilitator=w.facilitator, name="Друга група")
    services.group_invite(group=invited, by=w.facilitator, code=w.a.code)
    c = _client(w.a_owner)
    assert c.get(f"/exchange/groups/{invited.pk}/").status_code == 404
    services.group_leave(member=w.member_place, by=w.a_owner)
    assert c.get(f"/exchange/groups/{w.group.pk}/").status_code == 404


def test_facilitator_sees_only_shared_items_and_who_submitted(world):
    w = world
    page = _client(w.facilitator).get(f"/exchange/groups/{w.group.pk}/sessions/{w.session.pk}/")
    body = page.content.decode()
    assert SHARED in body and PRIVATE not in body
    assert page.context["submitted"] == 1
    status = {s["municipality"].code: s["share"] is not None for s in page.context["submissions"]}
    assert status == {w.a.code: False, w.b.code: True}
    # The private case is nowhere in the facilitator's library either.
    lib = _client(w.facilitator).get("/exchange/library/").content.decode()
    assert SHARED in lib and PRIVATE not in lib
    assert _client(w.facilitator).get(f"/exchange/library/{w.private.pk}/").status_code == 404
    assert _client(w.a_owner).get(f"/exchange/library/{w.private.pk}/").status_code == 404
    assert _client(w.b_owner).get(f"/exchange/library/{w.private.pk}/").status_code == 200


def municipality_actions(w, *, code, share_pk, practice_pk):
    g, s = w.group.pk, w.session.pk
    return [
        ("get", f"/exchange/m/{code}/", {}),
        ("get", f"/exchange/m/{code}/sessions/{s}/snapshot/", {}),
        ("get", f"/exchange/m/{code}/practices/new/", {}),
        ("get", f"/exchange/m/{code}/practices/{practice_pk}/edit/", {}),
        ("post", f"/exchange/m/{code}/sessions/{s}/snapshot/", {"done": "x", "action": "save"}),
        ("post", f"/exchange/m/{code}/practices/new/", {"title_uk": "Новий"}),
        ("post", f"/exchange/m/{code}/share/", {"group": g, "kind": "summary"}),
        ("post", f"/exchange/m/{code}/shared/{share_pk}/refresh/", {}),
        ("post", f"/exchange/m/{code}/shared/{share_pk}/revoke/", {}),
        ("post", f"/exchange/m/{code}/groups/{g}/leave/", {}),
    ]


@pytest.mark.parametrize(
    "who", ["owner_b", "viewer_a_on_b", "owner_a_on_b", "non_member", "facilitator", "anonymous"]
)
def test_municipality_actions_matrix(world, who):
    """Acting for B: only B's members, and only with enough rights; others get 404."""
    w = world
    from hromada.workspaces.models import Membership

    b_viewer = make_user()
    Membership.objects.create(user=b_viewer, municipality=w.b, role="viewer")
    user = {
        "owner_b": w.b_owner,
        "viewer_a_on_b": b_viewer,
        "owner_a_on_b": w.a_owner,
        "non_member": w.c_owner,
        "facilitator": w.facilitator,
        "anonymous": None,
    }[who]
    c = _client(user)
    before = _state(w)
    for method, url, data in municipality_actions(
        w, code=w.b.code, share_pk=w.practice_share.pk, practice_pk=w.private.pk
    ):
        r = getattr(c, method)(url, data)
        if who == "anonymous":
            assert r.status_code == 302 and "/accounts/login/" in r["Location"], url
        elif who in ("owner_a_on_b", "non_member", "facilitator"):
            assert r.status_code == 404, (who, url, r.status_code)
        elif who == "viewer_a_on_b":
            allowed = method == "get" and url.endswith(f"/m/{w.b.code}/")
            assert r.status_code == (200 if allowed else 403), (who, url, r.status_code)
        else:
            assert r.status_code in (200, 302), (who, url, r.status_code)
    if who != "owner_b":
        assert _state(w) == before
    # A's own code with B's share id: scoped lookup, 404, nothing changes.
    if who == "owner_a_on_b":
        r = c.post(f"/exchange/m/{w.a.code}/shared/{w.practice_share.pk}/revoke/")
        assert r.status_code == 404
        r = c.get(f"/exchange/m/{w.a.code}/practices/{w.private.pk}/edit/")
        assert r.status_code == 404
        assert _state(w) == before


def test_exchange_municipality_routes_are_gated_by_municipality_view():
    from hromada.workspaces.permissions import GATED_VIEWS

    def gated(view):
        while view is not None:
            if view in GATED_VIEWS:
                return True
            view = getattr(view, "__wrapped__", None)
        return False

    routes = [r for r in all_routes() if r.name.startswith("exchange:") and "code" in r.params]
    assert len(routes) == 9
    assert all(gated(r.callback) for r in routes), [r.name for r in routes if not gated(r.callback)]
