"""Pages render what hromada.econ computes; guide, library, notifications, PDF export."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.test import Client
from django.utils import translation

from hromada.exchange import services
from tests.exchange.factories import make_world
from tests.web.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _client(user):
    c = Client()
    c.login(username=user.username, password=PASSWORD)
    return c


def test_comparison_numbers_equal_hromada_econ():
    from hromada.econ.fiscal import fiscal_indicators
    from hromada.refdata import budgets, hromadas

    reg = hromadas()
    codes = reg.sort_values("population", ascending=False)["code"].iloc[[20, 40]].tolist()
    w = make_world(a_code=codes[0], b_code=codes[1])
    b = budgets()
    b = b[b["hromada_code"].isin(codes)]
    year = int(b["year"].max())
    expected = fiscal_indicators(b, reg.set_index("code")["population"], year=year)
    c = _client(w.facilitator)
    c.post("/language/", {"language": "en"})
    r = c.get(f"/exchange/groups/{w.group.pk}/compare/")
    assert r.status_code == 200
    html = r.content.decode()
    for code in codes:
        row = html.split(f'data-testid="public-{code}"')[1].split("</tr>")[0]
        for col in ("own_per_capita", "own_excl_military_per_capita", "total_per_capita"):
            with translation.override("en"):
                shown = intcomma(f"{expected.loc[code, col]:.0f}", use_l10n=True)
            assert shown in row, (code, col, shown, row)
        pop = int(reg.set_index("code").loc[code, "population"])
        assert f"{pop:,}" in row
        assert f"{round(100 * expected.loc[code, 'transfer_share'])}" in row
    assert {c.id for c in r.context["charts"]} >= {"revenue-per-capita"}
    csv = c.get(f"/exchange/groups/{w.group.pk}/compare/public.csv").content.decode("utf-8-sig")
    assert codes[0] in csv and "own_per_capita" in csv
    # Similar municipalities come from hromada.econ.neighbours.
    from hromada.econ.neighbours import feature_table, similar_municipalities

    near = similar_municipalities(feature_table(reg, budgets()), codes[0], k=3)
    suggested = [s["code"] for s in r.context["similar"][0]["similar"]]
    assert suggested == list(near.index)


def test_index_and_municipality_page_in_english(db):
    w = make_world()
    c = _client(w.a_owner)
    c.post("/language/", {"language": "en"})
    page = c.get("/exchange/").content.decode()
    assert "Peer exchange" in page and "Програма 10" in page
    page = c.get(f"/exchange/m/{w.a.code}/").content.decode()
    assert "Sharing with peers" in page and "What you share with this group" in page


def test_guide_in_both_languages_with_examples(db):
    w = make_world()
    p = services.practice_save(
        municipality=w.b, by=w.b_owner, title_uk="Приклад плану", step="plan"
    )
    services.share_create(municipality=w.b, group=w.group, kind="practice", by=w.b_owner, item=p)
    c = _client(w.facilitator)
    assert c.get("/exchange/guide/").status_code == 200
    for step in ("assess", "plan", "collaborate", "diversify", "resilience", "followup"):
        uk = c.get(f"/exchange/guide/{step}/").content.decode()
        assert "Що робити" in uk and "Робочий аркуш" in uk, step
    assert "Приклад плану" in c.get("/exchange/guide/plan/").content.decode()
    assert c.get("/exchange/guide/nonsense/").status_code == 404
    c.post("/language/", {"language": "en"})
    en = c.get("/exchange/guide/followup/").content.decode()
    assert "What to do" in en and "Worksheet 6" in en


def test_notifications_page_and_mark_read(db):
    w = make_world()
    c = _client(w.a_owner)
    assert "Сесія 1" in c.get("/exchange/notifications/").content.decode()
    assert c.post("/exchange/notifications/read/", {}).status_code == 302
    from hromada.exchange.models import Notification

    assert not Notification.objects.filter(user=w.a_owner, read_at__isnull=True).exists()


def test_session_summary_pdf(db):
    w = make_world()
    services.snapshot_save(
        municipality=w.a,
        session=w.session,
        by=w.a_owner,
        done="Відкрили ЦНАП",
        questions="Як утримати кадри?",
    )
    share = services.snapshot_submit(municipality=w.a, session=w.session, by=w.a_owner)
    services.comment_add(
        group=w.group, author=w.b_owner, body="Дякуємо, цікаво", share=share, municipality=w.b
    )
    c = _client(w.facilitator)
    for lang in ("uk", "en"):
        r = c.get(
            f"/exchange/groups/{w.group.pk}/sessions/{w.session.pk}/summary.pdf", {"lang": lang}
        )
        assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
        assert r.content.startswith(b"%PDF")
        if shutil.which("pdftotext"):
            text = subprocess.run(
                ["pdftotext", "-", "-"], input=r.content, capture_output=True
            ).stdout.decode()
            assert "Відкрили ЦНАП" in text and "Дякуємо, цікаво" in text
            assert ("Progress snapshots" if lang == "en" else "Знімки прогресу") in text


def test_practice_form_validates(db):
    w = make_world()
    c = _client(w.a_owner)
    r = c.post(f"/exchange/m/{w.a.code}/practices/new/", {"problem_uk": "без назви"})
    assert r.status_code == 200  # form error, no case
    r = c.post(
        f"/exchange/m/{w.a.code}/practices/new/",
        {"title_en": "Youth jobs", "step": "plan", "war_situation": "deoccupied"},
    )
    assert r.status_code == 302
    from hromada.exchange.models import GoodPractice

    assert GoodPractice.objects.get(municipality=w.a).title_en == "Youth jobs"


def test_library_lists_own_and_shared_cases_without_error(db):
    """A member of a municipality with its own case (no share row) used to get a 500."""
    w = make_world()
    own = services.practice_save(municipality=w.a, by=w.a_owner, title_uk="Власний кейс")
    shared = services.practice_save(
        municipality=w.b, by=w.b_owner, title_uk="Кейс сусідів", step="plan"
    )
    services.share_create(
        municipality=w.b, group=w.group, kind="practice", by=w.b_owner, item=shared
    )
    for user in (w.a_owner, w.a_viewer):
        c = _client(user)
        r = c.get("/exchange/library/")
        assert r.status_code == 200
        page = r.content.decode()
        assert "Власний кейс" in page and "Кейс сусідів" in page
        assert f"/exchange/library/{own.pk}/" in page and f"/exchange/library/{shared.pk}/" in page
        assert c.get(f"/exchange/library/{own.pk}/").status_code == 200
        assert c.get(f"/exchange/library/{shared.pk}/").status_code == 200
        assert c.get("/exchange/guide/plan/").status_code == 200
