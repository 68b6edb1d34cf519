"""core.disclosure, the one rule for restricted content, and restriction revoking shares."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from hromada.core.disclosure import hidden_texts, is_outward, keep, outward
from hromada.exchange import services as xs
from hromada.exchange.models import Share
from hromada.monitoring.models import KpiUpdate
from hromada.planning.models import Kpi, OperationalGoal, StrategicGoal
from tests.exchange.factories import make_world
from tests.web.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _plan(m):
    sg = StrategicGoal.objects.create(municipality=m, title="Економіка")
    og = OperationalGoal.objects.create(municipality=m, strategic_goal=sg, title="Робочі місця")
    kpi = Kpi.objects.create(
        municipality=m,
        operational_goal=og,
        indicator="Нові робочі місця",
        unit="осіб",
        baseline_value=0,
        baseline_year=2022,
        target_value=100,
        target_date=dt.date(2030, 1, 1),
    )
    KpiUpdate.objects.create(municipality=m, kpi=kpi, date=dt.date(2024, 6, 1), value=42)
    return sg, og, kpi


def test_children_of_a_restricted_parent_do_not_leave():
    w = make_world()
    sg, og, kpi = _plan(w.a)
    assert is_outward(kpi) and list(outward(Kpi.objects.all())) == [kpi]
    sg.restricted = True
    sg.save()
    kpi.refresh_from_db()
    assert not is_outward(kpi) and not is_outward(og)
    assert not outward(Kpi.objects.all()).exists()
    assert not outward(KpiUpdate.objects.all()).exists()  # two steps down
    assert keep([og]) == [] and keep([og], include_restricted=True) == [og]
    assert outward(Kpi.objects.all(), include_restricted=True).count() == 1


def test_a_kpi_shared_then_restricted_is_revoked_and_gone_from_the_comparison():
    w = make_world()
    _sg, _og, kpi = _plan(w.a)
    share = xs.share_create(municipality=w.a, group=w.group, kind="kpi", by=w.a_owner, item=kpi)
    c = Client()
    c.login(username=w.b_owner.username, password=PASSWORD)
    url = reverse("exchange:compare_csv", args=[w.group.pk, "kpis"])
    assert "Нові робочі місця" in c.get(url).content.decode("utf-8-sig")
    kpi.restricted = True
    kpi._history_user = w.a_owner
    kpi.save()
    share.refresh_from_db()
    assert share.revoked_at is not None and share.revoked_by == w.a_owner
    assert "Нові робочі місця" not in c.get(url).content.decode("utf-8-sig")
    assert c.get(reverse("exchange:share", args=[w.group.pk, share.pk])).status_code == 404
    page = c.get(reverse("exchange:compare", args=[w.group.pk])).content.decode()
    assert "Нові робочі місця" not in page
    # the facilitator's notice about it no longer names it
    notes = c.get(reverse("exchange:notifications")).content.decode()
    assert "Нові робочі місця" not in notes


def test_a_restricted_value_leaves_the_shared_history_and_a_summary_is_recomputed():
    w = make_world()
    _sg, og, kpi = _plan(w.a)
    secret = KpiUpdate.objects.create(municipality=w.a, kpi=kpi, date=dt.date(2024, 9, 1), value=77)
    share = xs.share_create(municipality=w.a, group=w.group, kind="kpi", by=w.a_owner, item=kpi)
    summary = xs.share_create(municipality=w.a, group=w.group, kind="summary", by=w.a_owner)
    assert [h["value"] for h in share.data["history"]] == [42, 77]
    secret.restricted = True
    secret.save()
    share.refresh_from_db()
    summary.refresh_from_db()
    assert share.revoked_at is None and [h["value"] for h in share.data["history"]] == [42]
    assert share.data["actual"] == 42
    og2 = OperationalGoal.objects.create(
        municipality=w.a, strategic_goal=og.strategic_goal, title="Таємна підціль"
    )
    summary = xs.share_refresh(share=summary, by=w.a_owner)
    assert "Таємна підціль" in str(summary.data)
    og2.restricted = True
    og2.save()
    summary.refresh_from_db()
    assert summary.revoked_at is None and "Таємна підціль" not in str(summary.data)


def test_hidden_texts_leave_out_what_public_records_carry_too():
    w = make_world()
    _sg, og, kpi = _plan(w.a)
    Kpi.objects.create(
        municipality=w.a,
        operational_goal=og,
        indicator="Таємний показник",
        unit="осіб",
        baseline_value=0,
        baseline_year=2022,
        target_value=1,
        target_date=dt.date(2030, 1, 1),
        restricted=True,
    )
    texts = hidden_texts(w.a)
    assert "Таємний показник" in texts and "осіб" not in texts
    # a snapshot that mentions the public KPI (same unit) can still be shared
    xs.snapshot_save(
        municipality=w.a, session=w.session, by=w.a_owner, kpi_movement="Нові робочі місця: 42 осіб"
    )
    xs.snapshot_submit(municipality=w.a, session=w.session, by=w.a_owner)
    xs.snapshot_save(
        municipality=w.a, session=w.session, by=w.a_owner, kpi_movement="Таємний показник: 1"
    )
    assert not Share.objects.active().filter(kind="snapshot").exists()  # withdrawn
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        xs.snapshot_submit(municipality=w.a, session=w.session, by=w.a_owner)


def test_recheck_command_cleans_shares_made_before_the_rule():
    """Shares stored by an older version (a summary naming a restricted goal) are cleaned
    by ``hromada manage recheck_shares``."""
    from django.core.management import call_command

    w = make_world()
    sg, _og, kpi = _plan(w.a)
    kpi_share = xs.share_create(municipality=w.a, group=w.group, kind="kpi", by=w.a_owner, item=kpi)
    summary = xs.share_create(municipality=w.a, group=w.group, kind="summary", by=w.a_owner)
    # as an older version left them: restricted without the shares being read again
    StrategicGoal.objects.filter(pk=sg.pk).update(restricted=True)
    assert "Економіка" in str(Share.objects.get(pk=summary.pk).data)
    call_command("recheck_shares")
    kpi_share.refresh_from_db()
    summary.refresh_from_db()
    assert kpi_share.revoked_at is not None
    assert summary.revoked_at is None and "Економіка" not in str(summary.data)


def test_panel_restricted_names_only_the_municipality_s_restricted_panels():
    from hromada.diversify.models import ReferencePanel
    from hromada.diversify.selectors import panel_restricted

    w = make_world()
    p = ReferencePanel.objects.create(municipality=w.a, name="Панель", restricted=True)
    q = ReferencePanel.objects.create(municipality=w.a, name="Відкрита")
    assert panel_restricted(municipality=w.a, key=f"user-{p.pk}")
    assert not panel_restricted(municipality=w.a, key=f"user-{q.pk}")
    assert not panel_restricted(municipality=w.b, key=f"user-{p.pk}")
    assert not panel_restricted(municipality=w.a, key="de_sections")
    assert not panel_restricted(municipality=w.a, key="user-x")
