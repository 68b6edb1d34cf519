"""Script payloads in every free-text field of every record are escaped on every page."""

import datetime
import decimal

import pytest
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from hromada.workspaces.records import record_models
from tests.web.factories import PASSWORD, make_member, make_municipality
from tests.web.urlmatrix import all_routes

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
DANGEROUS = ('<script>alert("xss")', "<img src=x onerror", 'href="javascript:')


def _value(field, municipality, user, made):
    if isinstance(field, models.ForeignKey):
        target = field.related_model
        if target._meta.label_lower == "workspaces.municipality":
            return municipality
        if target._meta.label_lower == "auth.user":
            return user
        candidates = made.get(target)
        if candidates:
            return candidates[0]
        raise LookupError(target)
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.EmailField):
        return "xss@example.org"
    if isinstance(field, models.URLField):
        return "javascript:alert(1)"
    if isinstance(field, (models.CharField, models.TextField)):
        return PAYLOAD[: field.max_length] if field.max_length else PAYLOAD
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, (models.IntegerField, models.FloatField)):
        return 1
    if isinstance(field, models.DecimalField):
        return decimal.Decimal("1")
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return datetime.date.today()
    if isinstance(field, models.JSONField):
        return field.get_default()
    raise LookupError(field)


def _fill(municipality, user):
    made: dict = {}
    pending = list(record_models())
    for _ in range(4):  # a few passes so records that point to other records can be made
        still = []
        for model in pending:
            obj = model()
            try:
                for field in model._meta.concrete_fields:
                    if field.primary_key or field.name in {"deleted_at", "restricted"}:
                        continue
                    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                        continue
                    if (
                        field.null
                        and isinstance(field, models.ForeignKey)
                        and field.related_model not in made
                        and field.related_model._meta.label_lower
                        not in ("workspaces.municipality", "auth.user")
                    ):
                        continue
                    setattr(obj, field.name, _value(field, municipality, user, made))
                with transaction.atomic():
                    obj.save()
            except (LookupError, IntegrityError, ValueError, TypeError):
                still.append(model)
                continue
            made.setdefault(model, []).append(obj)
        pending = still
    return made


def test_every_page_escapes_script_payloads(client):
    m = make_municipality()
    owner = make_member(m, "owner")
    made = _fill(m, owner)
    models_all = record_models()
    assert len(made) >= 0.7 * len(models_all), (
        f"could fill only {sorted(x.__name__ for x in made)} of "
        f"{sorted(x.__name__ for x in models_all)}"
    )
    client.login(username=owner.username, password=PASSWORD)
    pks = sorted({o.pk for objs in made.values() for o in objs})
    checked = 0
    for route in all_routes():
        if route.name.startswith(("admin:", "accounts:logout")) or "code" not in route.params:
            continue
        others = [p for p in route.params if p != "code"]
        if len(others) > 1:
            continue
        values = [None] if not others else pks
        for pk in values:
            kwargs = {"code": m.code}
            if others:
                kwargs[others[0]] = pk
            response = client.get(route.url(**kwargs))
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            html = response.content.decode()
            for bad in DANGEROUS:
                assert bad not in html, f"{route.name} {route.url(**kwargs)} renders {bad!r}"
            checked += 1
    assert checked >= 10
