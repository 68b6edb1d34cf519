"""Workspaces: memberships, roles and one-time invitations, at the service level."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from hromada.workspaces import selectors, services
from hromada.workspaces.models import Invitation, Membership, Municipality, Role
from tests.web.factories import make_member, make_municipality, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are matched in English here; their Ukrainian versions are in the catalogue."""
    with translation.override("en"):
        yield


def test_municipality_create_makes_creator_owner_and_validates_code():
    owner = make_user()
    m = services.municipality_create(
        code="UA63040090000021240", name_uk="Ізюмська", name_en="Iziumska", owner=owner
    )
    assert Membership.objects.get(user=owner, municipality=m).role == Role.OWNER
    with pytest.raises(ValidationError, match="KATOTTG"):
        services.municipality_create(code="63040090", name_uk="x", name_en="x")
    assert Municipality.objects.count() == 1


def test_role_ranking():
    m = make_municipality()
    viewer = Membership(role=Role.VIEWER)
    owner = Membership(role=Role.OWNER)
    assert viewer.has_role(Role.VIEWER) and not viewer.has_role(Role.EDITOR)
    assert all(owner.has_role(r) for r in (Role.VIEWER, Role.EDITOR, Role.OWNER))
    assert m.memberships.count() == 0


def test_user_may_belong_to_several_municipalities():
    a, b = make_municipality(), make_municipality()
    user = make_member(a, "owner")
    services.membership_set(municipality=b, user=user, role=Role.VIEWER)
    codes = {m.municipality.code for m in selectors.membership_list(user=user)}
    assert codes == {a.code, b.code}


def test_last_owner_cannot_be_demoted_or_removed():
    m = make_municipality()
    owner = make_member(m, "owner")
    membership = Membership.objects.get(user=owner)
    with pytest.raises(ValidationError, match="at least one owner"):
        services.membership_set(municipality=m, user=owner, role=Role.EDITOR)
    with pytest.raises(ValidationError):
        services.membership_remove(membership=membership)
    second = make_member(m, "owner")
    services.membership_set(municipality=m, user=owner, role=Role.EDITOR)
    assert Membership.objects.get(user=owner).role == Role.EDITOR
    assert Membership.objects.get(user=second).role == Role.OWNER


def test_invitation_is_one_time_and_stores_only_a_hash():
    m = make_municipality()
    owner = make_member(m, "owner")
    new = services.invitation_create(municipality=m, created_by=owner, role=Role.VIEWER)
    stored = Invitation.objects.get()
    assert new.token not in stored.token_hash and len(stored.token_hash) == 64
    joiner = make_user()
    membership = services.invitation_accept(token=new.token, user=joiner)
    assert membership.role == Role.VIEWER and membership.municipality == m
    other = make_user()
    with pytest.raises(ValidationError, match="already been used"):
        services.invitation_accept(token=new.token, user=other)
    assert not Membership.objects.filter(user=other).exists()


def test_invitation_expired_revoked_or_unknown_fails():
    m = make_municipality()
    owner = make_member(m, "owner")
    expired = services.invitation_create(municipality=m, created_by=owner)
    Invitation.objects.filter(pk=expired.invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    revoked = services.invitation_create(municipality=m, created_by=owner)
    services.invitation_revoke(invitation=revoked.invitation)
    user = make_user()
    with pytest.raises(ValidationError, match="expired"):
        services.invitation_accept(token=expired.token, user=user)
    with pytest.raises(ValidationError, match="withdrawn"):
        services.invitation_accept(token=revoked.token, user=user)
    with pytest.raises(ValidationError, match="not valid"):
        services.invitation_accept(token="nonsense", user=user)
    assert not Membership.objects.filter(user=user).exists()


def test_only_owners_invite():
    m = make_municipality()
    editor = make_member(m, "editor")
    outsider = make_user()
    for user in (editor, outsider):
        with pytest.raises(PermissionDenied):
            services.invitation_create(municipality=m, created_by=user)
    assert not Invitation.objects.exists()


def test_accepting_keeps_the_higher_role():
    m = make_municipality()
    owner = make_member(m, "owner")
    editor = make_member(m, "editor")
    low = services.invitation_create(municipality=m, created_by=owner, role=Role.VIEWER)
    services.invitation_accept(token=low.token, user=editor)
    assert Membership.objects.get(user=editor).role == Role.EDITOR
    high = services.invitation_create(municipality=m, created_by=owner, role=Role.OWNER)
    services.invitation_accept(token=high.token, user=editor)
    assert Membership.objects.get(user=editor).role == Role.OWNER


def test_a_link_used_while_another_request_accepts_it_creates_no_account(client, monkeypatch):
    """The race of 12 concurrent uses, replayed: this request read the invitation while it
    was still open, another request accepted it before this one signs up."""
    from django.contrib.auth import get_user_model

    m = make_municipality()
    owner = make_member(m, "owner")
    new = services.invitation_create(municipality=m, created_by=owner, role=Role.VIEWER)
    stale = services.invitation_get(token=new.token)  # open, as the second request saw it
    services.invitation_accept(token=new.token, user=make_user())
    monkeypatch.setattr(services, "invitation_get", lambda *, token: stale)
    users = get_user_model().objects.count()
    response = client.post(
        f"/m/invitation/{new.token}/",
        {"username": "second", "password1": "a-good-pass-123", "password2": "a-good-pass-123"},
    )
    assert response.status_code == 302
    assert get_user_model().objects.count() == users  # no account without a membership
    assert Membership.objects.filter(municipality=m).count() == 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_acceptances_create_one_account():
    import threading

    from django.contrib.auth import get_user_model
    from django.db import OperationalError, connection

    m = make_municipality()
    owner = make_member(m, "owner")
    new = services.invitation_create(municipality=m, created_by=owner)
    barrier, outcomes = threading.Barrier(12), []

    def accept(i):
        try:
            barrier.wait()
            services.invitation_accept(
                token=new.token,
                new_user={
                    "username": f"racer{i}",
                    "password": "a-good-pass-123",
                    "validate": False,
                },
            )
            outcomes.append("ok")
        except (ValidationError, OperationalError) as exc:  # used, or the database is busy
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(i,)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    racers = get_user_model().objects.filter(username__startswith="racer")
    assert outcomes.count("ok") == 1 and racers.count() == 1, outcomes
    assert Membership.objects.filter(municipality=m, user__in=racers).count() == 1
