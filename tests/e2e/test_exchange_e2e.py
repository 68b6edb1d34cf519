"""Peer exchange in a real browser: the facilitator creates a group and a session, two
municipalities join and submit snapshots, one comments on the other's, and the facilitator
exports the session summary as PDF."""

import re

import pytest

from hromada.exchange.models import Comment, PeerGroup, Session, Share
from tests.web.factories import PASSWORD, make_member, make_municipality, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _login(page, base, user):
    page.context.clear_cookies()
    page.goto(base + "/accounts/login/")
    page.locator("input[name=username]").fill(user.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.wait_for_load_state()


def _submit_snapshot(page, base, owner, municipality, group, session, done):
    _login(page, base, owner)
    page.goto(base + f"/exchange/m/{municipality.code}/")
    page.get_by_test_id(f"accept-{group.pk}").click()
    page.wait_for_load_state()
    page.goto(base + f"/exchange/groups/{group.pk}/sessions/{session.pk}/")
    page.get_by_test_id("write-snapshot").click()
    page.locator("textarea[name=done]").fill(done)
    page.locator("textarea[name=questions]").fill(f"Question from {municipality.name_en}?")
    page.get_by_test_id("snapshot-submit").click()
    page.wait_for_load_state()
    assert "Submitted to the group." in page.get_by_test_id("snapshot-status").inner_text()


def test_facilitator_group_session_snapshots_comment_pdf(live_server, page, artifacts):
    base = live_server.url
    facilitator = make_user("facilitator1", site_role="facilitator")
    a = make_municipality(name_uk="Альфа", name_en="Alpha")
    b = make_municipality(name_uk="Бета", name_en="Beta")
    a_owner, b_owner = make_member(a, "owner"), make_member(b, "owner")

    # The facilitator creates a group, invites both municipalities, schedules a session.
    _login(page, base, facilitator)
    page.goto(base + "/exchange/")
    page.get_by_test_id("new-group").click()
    page.locator("input[name=name]").fill("Programme 10")
    page.get_by_test_id("save").click()
    page.wait_for_url(re.compile(r"/exchange/groups/\d+/$"))
    for m in (a, b):
        page.locator("input[name=code]").fill(m.code)
        page.get_by_test_id("invite").click()
        page.wait_for_load_state()
    page.get_by_test_id("new-session").click()
    page.locator("input[name=title]").fill("Spring follow-up")
    page.locator("input[name=starts_at]").fill("2030-04-01T10:00")
    page.locator("input[name=place]").fill("Kyiv")
    page.get_by_test_id("save").click()
    page.wait_for_url(re.compile(r"/sessions/\d+/$"))
    group = PeerGroup.objects.get(name="Programme 10")
    session = Session.objects.get(group=group)

    # Both owners accept and submit a snapshot.
    _submit_snapshot(page, base, a_owner, a, group, session, "Opened a business hub")
    _submit_snapshot(page, base, b_owner, b, group, session, "Repaired the water plant")

    # B comments on A's snapshot.
    page.goto(base + f"/exchange/groups/{group.pk}/sessions/{session.pk}/")
    assert "Opened a business hub" in page.get_by_test_id(f"snapshot-{a.code}").inner_text()
    page.get_by_test_id(f"comment-body-{a.code}").fill("How did you find tenants?")
    page.get_by_test_id(f"comment-submit-{a.code}").click()
    page.wait_for_load_state()
    assert "How did you find tenants?" in page.get_by_test_id(f"snapshot-{a.code}").inner_text()
    assert Comment.objects.get().share.municipality == a

    # The facilitator sees who submitted and the discussion, and exports the summary.
    _login(page, base, facilitator)
    page.goto(base + f"/exchange/groups/{group.pk}/sessions/{session.pk}/")
    assert page.get_by_test_id("submitted-count").inner_text().startswith("2 of 2")
    assert "How did you find tenants?" in page.content()
    page.screenshot(path=str(artifacts / "exchange-session.png"), full_page=True)
    with page.expect_download() as info:
        page.get_by_test_id("pdf-en").click()
    download = info.value
    path = artifacts / "exchange-session-summary.pdf"
    download.save_as(str(path))
    assert path.read_bytes().startswith(b"%PDF")
    assert Share.objects.filter(kind="snapshot", revoked_at__isnull=True).count() == 2
