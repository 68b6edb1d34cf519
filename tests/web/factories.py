"""Small factories for web tests: users, municipalities and memberships."""

from __future__ import annotations

import itertools

from hromada.accounts.services import user_create
from hromada.workspaces.models import Membership, Municipality

_seq = itertools.count(1)
PASSWORD = "correct-horse-battery-9"


def make_user(username: str | None = None, *, site_role: str = "member", language: str = ""):
    return user_create(
        username=username or f"user{next(_seq)}",
        password=PASSWORD,
        site_role=site_role,
        language=language,
        validate=False,
    )


def make_municipality(code: str | None = None, **fields) -> Municipality:
    n = next(_seq)
    code = code or f"UA{n:017d}"
    defaults = {
        "name_uk": f"Громада {n}",
        "name_en": f"Hromada {n}",
        "oblast_uk": "Київська",
        "oblast_en": "Kyiv",
        "population": 10000 + n,
    }
    defaults.update(fields)
    return Municipality.objects.create(code=code, **defaults)


def make_member(municipality: Municipality, role: str = "editor", **user_kwargs):
    user = make_user(**user_kwargs)
    Membership.objects.create(user=user, municipality=municipality, role=role)
    return user
