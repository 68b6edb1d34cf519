"""The demo user can try peer exchange: the demo seeds a group run by a demo facilitator
with the demo municipality invited; the owner accepts and opens it."""

import pytest
from django.urls import reverse

from hromada.config.demo import DEMO_PASSWORD, DEMO_USERNAME, demo_seed
from hromada.exchange.models import GroupMember, MemberStatus, PeerGroup

pytestmark = pytest.mark.django_db


def test_demo_owner_is_invited_to_a_peer_group_and_can_join(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    demo = demo_seed()
    demo_seed()  # idempotent
    assert PeerGroup.objects.count() == 1
    member = GroupMember.objects.get(municipality=demo.municipality)
    assert member.status == MemberStatus.INVITED
    client.login(username=DEMO_USERNAME, password=DEMO_PASSWORD)
    index = client.get(reverse("exchange:index")).content.decode()
    assert member.group.name in index
    from hromada.exchange.services import group_respond
    from hromada.workspaces.models import Membership

    owner = Membership.objects.get(municipality=demo.municipality).user
    group_respond(member=member, by=owner, accept=True)
    response = client.get(reverse("exchange:group", args=[member.group.pk]))
    assert response.status_code == 200
