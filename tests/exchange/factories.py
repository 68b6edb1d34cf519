"""A peer group with two member municipalities and a facilitator, for exchange tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from hromada.exchange import services
from hromada.exchange.models import PeerGroup, Session
from tests.web.factories import make_member, make_municipality, make_user


@dataclass
class World:
    facilitator: object
    group: PeerGroup
    session: Session
    a: object  # member municipality
    b: object  # member municipality
    c: object  # not in the group
    a_owner: object
    a_viewer: object
    b_owner: object
    c_owner: object
    other_facilitator: object


def make_world(*, a_code=None, b_code=None) -> World:
    facilitator = make_user(site_role="facilitator")
    a = (
        make_municipality(a_code, name_uk="Альфа", name_en="Alpha")
        if a_code
        else make_municipality(name_uk="Альфа", name_en="Alpha")
    )
    b = (
        make_municipality(b_code, name_uk="Бета", name_en="Beta")
        if b_code
        else make_municipality(name_uk="Бета", name_en="Beta")
    )
    c = make_municipality(name_uk="Гамма", name_en="Gamma")
    a_owner, a_viewer = make_member(a, "owner"), make_member(a, "viewer")
    b_owner, c_owner = make_member(b, "owner"), make_member(c, "owner")
    group = services.group_create(facilitator=facilitator, name="Програма 10")
    for m, owner in ((a, a_owner), (b, b_owner)):
        place = services.group_invite(group=group, by=facilitator, code=m.code)
        services.group_respond(member=place, by=owner, accept=True)
    session = services.session_create(
        group=group,
        by=facilitator,
        title="Сесія 1",
        starts_at=timezone.now() + dt.timedelta(days=7),
        agenda="1. Прогрес",
        place="Київ",
    )
    return World(
        facilitator,
        group,
        session,
        a,
        b,
        c,
        a_owner,
        a_viewer,
        b_owner,
        c_owner,
        make_user(site_role="facilitator"),
    )
