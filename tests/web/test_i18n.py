"""Ukrainian and English: complete catalogue, compiled file in sync, switch persists."""

import gettext
from pathlib import Path

import polib
import pytest

import hromada
from tests.web.factories import PASSWORD, make_member, make_municipality, make_user

PACKAGE = Path(hromada.__file__).parent
LOCALE = PACKAGE / "locale"
# The main catalogue and one per app that keeps its own (app/locale/uk/...).
CATALOGUES = sorted(PACKAGE.glob("**/locale/uk/LC_MESSAGES/django.po"))


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_uk_catalogue_is_complete(path):
    po = polib.pofile(str(path))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"untranslated: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy: {fuzzy[:10]}"
    assert len(po) > 0


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_compiled_catalogue_matches_source(path):
    """The .mo is committed so a fresh install needs no gettext tools; it must be current.
    Fix with `make messages`."""
    po = polib.pofile(str(path))
    with open(path.with_suffix(".mo"), "rb") as fh:
        mo = gettext.GNUTranslations(fh)

    def compiled(e):
        return mo.pgettext(e.msgctxt, e.msgid) if e.msgctxt else mo.gettext(e.msgid)

    stale = [
        e.msgid for e in po.translated_entries() if not e.msgid_plural and compiled(e) != e.msgstr
    ]
    assert not stale, f"django.mo is older than django.po for: {stale[:5]}"


@pytest.mark.django_db
def test_language_switch_persists_in_profile_and_cookie(client):
    m = make_municipality(name_uk="Ізюмська", name_en="Iziumska")
    user = make_member(m, "owner")
    client.login(username=user.username, password=PASSWORD)
    page = client.get(f"/m/{m.code}/").content.decode()
    assert "Огляд" in page and "Ізюмська" in page  # Ukrainian by default
    response = client.post("/language/", {"language": "en", "next": f"/m/{m.code}/"})
    assert response.status_code == 302 and response.cookies["django_language"].value == "en"
    page = client.get(f"/m/{m.code}/").content.decode()
    assert "Dashboard" in page and "Iziumska" in page
    user.profile.refresh_from_db()
    assert user.profile.language == "en"
    # Another device (no cookie): the profile's language follows the user.
    from django.test import Client

    other = Client()
    other.login(username=user.username, password=PASSWORD)
    response = other.get(f"/m/{m.code}/")
    assert "Dashboard" in response.content.decode()
    assert response.cookies["django_language"].value == "en"


@pytest.mark.django_db
def test_language_switch_rejects_foreign_redirects(client):
    response = client.post("/language/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_numbers_and_dates_are_localised(client):
    m = make_municipality(population=48072)
    user = make_member(m, "owner", language="uk")
    client.login(username=user.username, password=PASSWORD)
    uk = client.get(f"/m/{m.code}/").content.decode()
    assert "48\xa0072" in uk or "48 072" in uk
    client.post("/language/", {"language": "en"})
    en = client.get(f"/m/{m.code}/").content.decode()
    assert "48,072" in en


@pytest.mark.django_db
def test_anonymous_language_cookie(client):
    make_user()
    client.post("/language/", {"language": "en"})
    assert "Log in" in client.get("/accounts/login/").content.decode()
    client.post("/language/", {"language": "uk"})
    assert "Увійти" in client.get("/accounts/login/").content.decode()


def test_english_dates_are_day_first_not_american():
    import datetime as dt

    from django.template import Context, Template
    from django.utils import translation

    day = dt.date(2026, 12, 3)
    with translation.override("en"):
        text = Template('{{ d|date:"DATE_FORMAT" }} | {{ d|date:"SHORT_DATE_FORMAT" }}').render(
            Context({"d": day})
        )
    assert text == "3 December 2026 | 03/12/2026"


def test_computed_figures_get_sensible_decimals():
    from django.utils import translation

    from hromada.core.templatetags.numbers import sensible

    with translation.override("en"):
        assert [sensible(v) for v in (2500.05, 12.34, 0.456, 3.0, None)] == [
            "2,500",
            "12.3",
            "0.46",
            "3",
            "",
        ]
    with translation.override("uk"):
        assert sensible(2500.05) == "2\xa0500" and sensible(12.34) == "12,3"
