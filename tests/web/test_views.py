"""Pages of the workspace, through the test client."""

import re

import pytest

from hromada.workspaces.models import Invitation, Membership, Municipality
from tests.web.factories import PASSWORD, make_member, make_municipality, make_user

pytestmark = pytest.mark.django_db


def test_login_logout_and_dashboard(client):
    m = make_municipality(name_en="Iziumska", name_uk="Ізюмська")
    user = make_member(m, "owner")
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == f"/m/{m.code}/"
    assert "Ізюмська" in response.content.decode()
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get(f"/m/{m.code}/").status_code == 302


def test_wrong_password_shows_message_in_ukrainian(client):
    make_user("olena")
    response = client.post("/accounts/login/", {"username": "olena", "password": "nope"})
    assert response.status_code == 200
    assert "Неправильне ім'я користувача або пароль" in response.content.decode()


def test_change_password(client):
    user = make_user()
    client.login(username=user.username, password=PASSWORD)
    new = "another-long-secret-77"
    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    client.logout()
    assert client.login(username=user.username, password=new)


def test_owner_invites_and_new_person_signs_up_through_the_link(client):
    m = make_municipality()
    owner = make_member(m, "owner")
    client.login(username=owner.username, password=PASSWORD)
    response = client.post(f"/m/{m.code}/members/invite/", {"role": "viewer"}, follow=True)
    link = re.search(r'data-testid="invitation-link">([^<]+)<', response.content.decode()).group(1)
    path = link.split("testserver", 1)[1]
    client.logout()
    assert client.get(path).status_code == 200
    response = client.post(
        path, {"username": "mykola", "password1": "a-good-pass-123", "password2": "a-good-pass-123"}
    )
    assert response.status_code == 302 and response["Location"] == f"/m/{m.code}/"
    assert Membership.objects.get(user__username="mykola").role == "viewer"
    client.logout()
    assert client.get(path).status_code == 410  # used: the link works once
    assert Invitation.objects.get().accepted_at is not None


def test_switching_between_municipalities_remembers_the_last_one(client):
    a, b = make_municipality(name_uk="Альфа"), make_municipality(name_uk="Бета")
    user = make_member(a, "viewer")
    Membership.objects.create(user=user, municipality=b, role="editor")
    client.login(username=user.username, password=PASSWORD)
    page = client.get("/").content.decode()
    assert "Альфа" in page and "Бета" in page  # the chooser
    client.get(f"/m/{b.code}/")
    assert client.get("/")["Location"] == f"/m/{b.code}/"
    dashboard = client.get(f"/m/{a.code}/").content.decode()
    assert f"/m/{b.code}/" in dashboard  # the switcher in the header


def test_owner_edits_settings_and_creates_a_workspace(client):
    m = make_municipality()
    owner = make_member(m, "owner")
    client.login(username=owner.username, password=PASSWORD)
    data = {"name_uk": "Нова назва", "name_en": "New name", "population": "1234"}
    assert client.post(f"/m/{m.code}/settings/", data).status_code == 302
    m.refresh_from_db()
    assert m.name_uk == "Нова назва" and m.population == 1234
    owner.is_superuser = True  # an administrator creates a workspace directly
    owner.save()
    response = client.post(
        "/m/new/", {"code": "UA12345678901234567", "name_uk": "Тест", "name_en": "Test"}
    )
    assert response.status_code == 302
    created = Municipality.objects.get(code="UA12345678901234567")
    assert created.memberships.get().user == owner


def test_health_endpoint(client):
    response = client.get("/health/")
    assert response.status_code == 200 and response.json()["database"] == "ok"
