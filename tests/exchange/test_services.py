"""Sharing is opt-in, per item, revocable; restricted items never leave; snapshots,
comments, notifications and the library."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from hromada.exchange import selectors, services
from hromada.exchange.models import Notification, ShareKind
from tests.exchange.factories import make_world
from tests.web.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _pages(w, share=None):
    g = w.group.pk
    urls = [
        f"/exchange/groups/{g}/",
        f"/exchange/groups/{g}/sessions/{w.session.pk}/",
        f"/exchange/groups/{g}/compare/",
        f"/exchange/groups/{g}/compare/kpis.csv",
        "/exchange/library/",
    ]
    if share is not None:
        urls.append(f"/exchange/groups/{g}/shared/{share.pk}/")
    return urls


def _see(user, urls) -> dict[str, str]:
    c = Client()
    c.login(username=user.username, password=PASSWORD)
    out = {}
    for u in urls:
        r = c.get(u)
        out[u] = r.content.decode(errors="ignore") if r.status_code == 200 else f"<{r.status_code}>"
    return out


@pytest.fixture
def plan(db):
    """A's plan: one goal with a KPI and two dated values, and a project."""
    from hromada.monitoring.models import KpiUpdate, Project
    from hromada.planning.models import Kpi, OperationalGoal, StrategicGoal

    def build(m):
        sg = StrategicGoal.objects.create(municipality=m, code="1", title="Економіка")
        og = OperationalGoal.objects.create(
            municipality=m, strategic_goal=sg, code="1.1", title="Робочі місця"
        )
        kpi = Kpi.objects.create(
            municipality=m,
            operational_goal=og,
            indicator="Нові робочі місця",
            unit="місць",
            baseline_value=100,
            baseline_year=2023,
            target_value=300,
            target_date=dt.date(2027, 12, 31),
        )
        KpiUpdate.objects.create(municipality=m, kpi=kpi, date=dt.date(2024, 12, 31), value=150)
        KpiUpdate.objects.create(municipality=m, kpi=kpi, date=dt.date(2025, 12, 31), value=200)
        secret = Kpi.objects.create(
            municipality=m,
            operational_goal=og,
            indicator="Секретний",
            baseline_value=0,
            baseline_year=2023,
            target_value=1,
            target_date=dt.date(2027, 1, 1),
            restricted=True,
        )
        project = Project.objects.create(
            municipality=m, title="Індустріальний парк", progress=40, budget=1_000_000
        )
        return kpi, secret, project

    return build


def test_kpi_shared_with_history_then_revoked_disappears_everywhere(plan):
    w = make_world()
    kpi, secret, project = plan(w.a)
    share = services.share_create(
        municipality=w.a, group=w.group, kind=ShareKind.KPI, by=w.a_owner, item=kpi
    )
    assert [h["value"] for h in share.data["history"]] == [150, 200]
    assert share.data["actual"] == 200
    urls = _pages(w, share)
    for user in (w.facilitator, w.b_owner):
        seen = _see(user, urls)
        assert "Нові робочі місця" in seen[f"/exchange/groups/{w.group.pk}/"]
        assert "Нові робочі місця" in seen[f"/exchange/groups/{w.group.pk}/compare/"]
        assert "Нові робочі місця" in seen[f"/exchange/groups/{w.group.pk}/compare/kpis.csv"]
        # 50% of the way from 100 to 300.
        assert seen[f"/exchange/groups/{w.group.pk}/compare/"].count("50%") >= 1
    services.share_revoke(share=share, by=w.a_owner)
    for user in (w.facilitator, w.b_owner):
        seen = _see(user, urls)
        assert all("Нові робочі місця" not in body for body in seen.values()), user
        assert seen[f"/exchange/groups/{w.group.pk}/shared/{share.pk}/"] == "<404>"
    assert selectors.share_list(w.group) == []


def test_restricted_items_can_never_be_shared(plan):
    w = make_world()
    kpi, secret, project = plan(w.a)
    with pytest.raises(ValidationError):
        services.share_create(
            municipality=w.a, group=w.group, kind=ShareKind.KPI, by=w.a_owner, item=secret
        )
    assert selectors.shareable_kpis(w.a) == [
        k for k in selectors.shareable_kpis(w.a) if k["id"] != secret.pk
    ]
    # Through the page too: nothing shared, no 500.
    c = Client()
    c.login(username=w.a_owner.username, password=PASSWORD)
    r = c.post(
        f"/exchange/m/{w.a.code}/share/", {"group": w.group.pk, "kind": "kpi", "item": secret.pk}
    )
    assert r.status_code == 302 and selectors.share_list(w.group) == []
    # An item restricted after sharing vanishes at once, and cannot be refreshed back.
    share = services.share_create(
        municipality=w.a, group=w.group, kind=ShareKind.KPI, by=w.a_owner, item=kpi
    )
    assert selectors.share_list(w.group) == [share]
    kpi.restricted = True
    kpi.save()
    assert selectors.share_list(w.group) == []
    assert (
        "Нові робочі місця" not in _see(w.facilitator, _pages(w))[f"/exchange/groups/{w.group.pk}/"]
    )
    services.share_refresh(share=share, by=w.a_owner)
    share.refresh_from_db()
    assert share.revoked_at is not None


def test_restricted_practice_is_revoked_when_marked(db):
    w = make_world()
    p = services.practice_save(municipality=w.a, by=w.a_owner, title_en="Hub")
    share = services.share_create(
        municipality=w.a, group=w.group, kind=ShareKind.PRACTICE, by=w.a_owner, item=p
    )
    services.practice_save(municipality=w.a, by=w.a_owner, practice=p, restricted=True)
    share.refresh_from_db()
    assert share.revoked_at is not None


def test_shares_of_another_municipality_or_outside_group_are_refused(plan):
    w = make_world()
    kpi, _secret, _project = plan(w.a)
    with pytest.raises(ValidationError):  # B cannot share A's KPI
        services.share_create(
            municipality=w.b, group=w.group, kind=ShareKind.KPI, by=w.b_owner, item=kpi
        )
    with pytest.raises(PermissionDenied):  # C is not in the group
        services.share_create(municipality=w.c, group=w.group, kind=ShareKind.SUMMARY, by=w.c_owner)


def test_summary_and_project_sharing_and_refresh(plan):
    w = make_world()
    kpi, _secret, project = plan(w.a)
    summary = services.share_create(
        municipality=w.a, group=w.group, kind=ShareKind.SUMMARY, by=w.a_owner
    )
    assert summary.data["projects"]["count"] == 1
    p_share = services.share_create(
        municipality=w.a, group=w.group, kind=ShareKind.PROJECT, by=w.a_owner, item=project
    )
    assert p_share.data["progress"] == 40
    project.progress = 70
    project.save()
    assert services.share_refresh(share=p_share, by=w.a_owner).data["progress"] == 70
    # Sharing the same item again updates the one share, never duplicates it.
    again = services.share_create(
        municipality=w.a, group=w.group, kind=ShareKind.PROJECT, by=w.a_owner, item=project
    )
    assert again.pk == p_share.pk
    page = _see(w.b_owner, [f"/exchange/groups/{w.group.pk}/shared/{p_share.pk}/"])
    assert "Індустріальний парк" in next(iter(page.values()))


def test_leaving_a_group_revokes_everything(plan):
    w = make_world()
    kpi, _s, _p = plan(w.a)
    services.share_create(
        municipality=w.a, group=w.group, kind=ShareKind.KPI, by=w.a_owner, item=kpi
    )
    from hromada.exchange.models import GroupMember

    services.group_leave(
        member=GroupMember.objects.get(group=w.group, municipality=w.a), by=w.a_owner
    )
    assert selectors.share_list(w.group) == []
    assert selectors.municipality_shares(w.a) == []


def test_snapshot_generated_from_the_plan_submitted_and_seen(plan):
    w = make_world()
    plan(w.a)
    snap = services.snapshot_generate(municipality=w.a, session=w.session, by=w.a_owner)
    assert snap.generated and "Нові робочі місця: 100 (2023) → 200 / 300 місць" in snap.kpi_movement
    assert "Секретний" not in snap.kpi_movement  # restricted KPI left out
    services.snapshot_save(
        municipality=w.a, session=w.session, by=w.a_owner, questions="Як залучити інвестора?"
    )
    assert selectors.submissions(w.session)[0]["share"] is None
    services.snapshot_submit(municipality=w.a, session=w.session, by=w.a_owner)
    subs = {s["municipality"].code: s["share"] for s in selectors.submissions(w.session)}
    assert subs[w.a.code] is not None and subs[w.b.code] is None
    assert subs[w.a.code].data["questions"] == "Як залучити інвестора?"
    # An edit after submission reaches the group at once.
    services.snapshot_save(
        municipality=w.a, session=w.session, by=w.a_owner, questions="Інше питання"
    )
    assert selectors.share_list(w.group, kind="snapshot")[0].data["questions"] == "Інше питання"
    assert Notification.objects.filter(user=w.facilitator, kind="snapshot").exists()


def test_comments_notify_and_email(db, django_capture_on_commit_callbacks):
    w = make_world()
    w.b_owner.email = "b@example.org"
    w.b_owner.save()
    services.snapshot_save(municipality=w.b, session=w.session, by=w.b_owner, done="Так")
    share = services.snapshot_submit(municipality=w.b, session=w.session, by=w.b_owner)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_add(
            group=w.group, author=w.a_owner, body="Як ви це зробили?", share=share, municipality=w.a
        )
    assert Notification.objects.filter(user=w.b_owner, kind="comment").count() == 1
    assert Notification.objects.filter(user=w.facilitator, kind="comment").count() == 1
    assert not Notification.objects.filter(user=w.a_owner, kind="comment").exists()
    assert not Notification.objects.filter(user=w.c_owner).exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["b@example.org"]
    # Comments are for the group's own items only.
    other = services.group_create(facilitator=w.facilitator, name="Інша")
    with pytest.raises(ValidationError):
        services.comment_add(group=other, author=w.facilitator, body="x", share=share)
    with pytest.raises(ValidationError):
        services.comment_add(group=w.group, author=w.facilitator, body="   ", session=w.session)


def test_invitation_accept_decline_and_reinvite(db):
    w = make_world()
    place = services.group_invite(group=w.group, by=w.facilitator, code=w.c.code)
    assert Notification.objects.filter(user=w.c_owner, kind="invitation").exists()
    services.group_respond(member=place, by=w.c_owner, accept=False)
    with pytest.raises(ValidationError):
        services.group_respond(member=place, by=w.c_owner, accept=True)
    place = services.group_invite(group=w.group, by=w.facilitator, code=w.c.code)
    assert place.status == "invited"
    services.group_respond(member=place, by=w.c_owner, accept=True)
    assert w.c in [m.municipality for m in selectors.group_members(w.group)]
    assert (
        services.group_invite(group=w.group, by=w.facilitator, code="UA99999999999999999") is None
    )


def test_only_facilitators_create_groups(db):
    w = make_world()
    with pytest.raises(PermissionDenied):
        services.group_create(facilitator=w.a_owner, name="x")
    c = Client()
    c.login(username=w.a_owner.username, password=PASSWORD)
    assert c.post("/exchange/groups/new/", {"name": "x"}).status_code == 302
    assert not type(w.group).objects.filter(name="x").exists()


def test_library_search_and_filters(db):
    w = make_world()
    p1 = services.practice_save(
        municipality=w.b,
        by=w.b_owner,
        title_uk="Бізнес-хаб",
        problem_uk="Релоковані підприємства",
        step="diversify",
        sector="Переробка",
        war_situation="hosting",
    )
    p2 = services.practice_save(
        municipality=w.b,
        by=w.b_owner,
        title_en="Energy islands",
        title_uk="Енергоострови",
        approach_en="Solar and batteries",
        step="resilience",
        war_situation="front_line",
    )
    for p in (p1, p2):
        services.share_create(
            municipality=w.b, group=w.group, kind="practice", by=w.b_owner, item=p
        )
    own = services.practice_save(municipality=w.a, by=w.a_owner, title_en="Our own")

    def titles(**kw):
        return sorted(
            e["values"]["title_uk"] or e["values"]["title_en"]
            for e in selectors.library(user=w.a_owner, **kw)
        )

    assert titles() == ["Our own", "Бізнес-хаб", "Енергоострови"]
    assert titles(q="batteries") == ["Енергоострови"]
    assert titles(step="diversify") == ["Бізнес-хаб"]
    assert titles(war="front_line") == ["Енергоострови"]
    assert titles(sector="перероб") == ["Бізнес-хаб"]
    assert titles(language="both") == ["Енергоострови"]
    assert titles(language="en") == ["Energy islands", "Our own"] or titles(language="en") == [
        "Our own",
        "Енергоострови",
    ]
    assert [e["title"] for e in selectors.library(user=w.facilitator)] != []
    assert own.pk not in [e["share"].object_id for e in selectors.library(user=w.facilitator)]
    # Outside the group, nothing shared is visible.
    assert selectors.library(user=w.c_owner) == []


@pytest.mark.parametrize("illustrative", [True, False])
def test_shared_kpi_on_illustrative_data_keeps_the_mark(plan, illustrative):
    """A KPI bound to the demo's made-up data stays marked illustrative for the peers: on
    the comparison page, the shared item's page and the comparison CSV (issue 19)."""
    from hromada.economy.demo import demo_economy_seed

    w = make_world()
    kpi, _secret, _project = plan(w.a)
    if illustrative:
        demo_economy_seed(w.a)
    kpi.binding, kpi.binding_measure = "total", "employment"
    kpi.save()
    share = services.share_create(
        municipality=w.a, group=w.group, kind=ShareKind.KPI, by=w.a_owner, item=kpi
    )
    assert share.data["illustrative"] is illustrative
    seen = _see(w.b_owner, _pages(w, share))
    for url in (
        f"/exchange/groups/{w.group.pk}/compare/",
        f"/exchange/groups/{w.group.pk}/shared/{share.pk}/",
    ):
        assert ('data-testid="kpi-illustrative"' in seen[url]) is illustrative, url
    csv = seen[f"/exchange/groups/{w.group.pk}/compare/kpis.csv"]
    assert ("illustrative" in csv) is illustrative
