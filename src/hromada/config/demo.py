"""The demo: a real hromada (Izium, Kharkiv oblast, occupied in 2022 and liberated in
September 2022) with a demo account. Idempotent: running it twice changes nothing.

It seeds every app, so it lives at the top with the configuration (a composition root),
not in an app: ``hromada demo`` and the tests call :func:`demo_seed`."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction

from hromada.accounts.services import user_create
from hromada.economy.demo import demo_divisions_seed, demo_economy_seed
from hromada.exchange.models import PeerGroup
from hromada.exchange.services import group_create, group_invite
from hromada.refdata import ReferenceDataMissingError, hromadas
from hromada.workspaces.models import Membership, Municipality, Role

log = logging.getLogger(__name__)

DEMO_CODE = "UA63040090000021240"
DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-hromada-2026"

# Used only when the reference data folder is missing; the same facts as in
# ../shared/data/ukraine (KSE-Loc-Data-Hub: hromada.csv, ua-pop-2022.csv, war status).
_FALLBACK = {
    "name_uk": "Ізюмська",
    "name_en": "Iziumska",
    "oblast_uk": "Харківська",
    "oblast_en": "Kharkiv",
    "raion_uk": "Ізюмський",
    "raion_en": "Iziumskyi",
    "hromada_type": "міська",
    "population": 48072,
    "war_status": "deoccupied",
}


@dataclass(frozen=True)
class Demo:
    municipality: Municipality
    username: str
    password: str


def _demo_facts() -> dict:
    try:
        table = hromadas()
        row = table.loc[table["code"] == DEMO_CODE].iloc[0]
    except (ReferenceDataMissingError, KeyError, IndexError) as exc:
        # the demo must start without the data folder, or with a table lacking the hromada
        log.info("demo facts from the fallback: %s", exc)
        return dict(_FALLBACK)
    facts = dict(_FALLBACK)
    for ours, theirs in {
        "name_uk": "name_uk",
        "name_en": "name_en",
        "oblast_uk": "oblast_uk",
        "oblast_en": "oblast_en",
        "raion_uk": "raion_uk",
        "raion_en": "raion_en",
        "hromada_type": "type",
        "population": "population",
        "war_status": "war_status",
    }.items():
        if theirs in row.index and row[theirs] == row[theirs]:  # skip NaN
            facts[ours] = int(row[theirs]) if ours == "population" else str(row[theirs])
    return facts


@transaction.atomic
def demo_seed() -> Demo:
    municipality, _ = Municipality.objects.get_or_create(code=DEMO_CODE, defaults=_demo_facts())
    User = get_user_model()
    user = User.objects.filter(username=DEMO_USERNAME).first()
    if user is None:
        user = user_create(
            username=DEMO_USERNAME,
            password=DEMO_PASSWORD,
            validate=False,
            first_name="Demo",
            last_name="Officer",
        )
    Membership.objects.get_or_create(
        user=user, municipality=municipality, defaults={"role": Role.OWNER}
    )
    _seed_steps(municipality)
    return Demo(municipality, DEMO_USERNAME, DEMO_PASSWORD)


def _seed_steps(municipality) -> None:
    """Give each step of the cycle something to show. Every app's demo content is
    idempotent and labelled illustrative where it is not official data."""
    demo_divisions_seed(municipality)  # first: the section dataset stays the newest
    demo_economy_seed(municipality)
    _seed_peer_group(municipality)


DEMO_FACILITATOR = "demo-facilitator"
DEMO_GROUP = "Демонстраційна група обміну досвідом / Demo peer group"


def _seed_peer_group(municipality) -> None:
    """A peer group run by a demo facilitator (who cannot log in), with the demo
    municipality invited: the demo owner can accept and try peer exchange, which only
    facilitators can otherwise start."""
    import secrets

    User = get_user_model()
    facilitator = User.objects.filter(username=DEMO_FACILITATOR).first()
    if facilitator is None:
        facilitator = user_create(
            username=DEMO_FACILITATOR,
            password=secrets.token_urlsafe(24),
            site_role="facilitator",
            validate=False,
            first_name="Demo",
            last_name="Facilitator",
        )
        facilitator.set_unusable_password()
        facilitator.save(update_fields=["password"])
    if PeerGroup.objects.filter(name=DEMO_GROUP, created_by=facilitator).exists():
        return
    group = group_create(
        facilitator=facilitator,
        name=DEMO_GROUP,
        description="Ілюстративна група для демонстрації: прийміть "
        "запрошення, поділіться прогресом, порівняйте себе з "
        "іншими. / An illustrative group: accept the "
        "invitation, share progress, compare.",
    )
    group_invite(group=group, by=facilitator, code=municipality.code)
