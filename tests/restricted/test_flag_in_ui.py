"""Every kind of record that has the ``restricted`` flag can be marked restricted in the UI:
through its own edit form, or (records without one) the generic switch on its pages."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django import forms
from django.apps import apps
from django.urls import reverse

from hromada.workspaces.records import SWITCHED, record_models
from tests.web.factories import PASSWORD, make_member, make_municipality

pytestmark = pytest.mark.django_db


def _model_forms() -> dict:
    """model label -> the fields of every ModelForm (or plain Form with a ``restricted``
    field, named after the model in ``FORM_MODELS``) in the apps' ``forms`` modules."""
    out: dict[str, set[str]] = {}
    for app in apps.get_app_configs():
        if not app.name.startswith("hromada."):
            continue
        try:
            module = importlib.import_module(f"{app.name}.forms")
        except ImportError:
            continue
        for obj in vars(module).values():
            if (
                isinstance(obj, type)
                and issubclass(obj, forms.ModelForm)
                and getattr(getattr(obj, "Meta", None), "model", None) is not None
            ):
                fields = set(obj.base_fields)
                out.setdefault(obj.Meta.model._meta.label_lower, set()).update(fields)
    return out


#: Records written through a plain form that carries a ``restricted`` field.
PLAIN_FORMS = {"exchange.progresssnapshot": "hromada.exchange.forms.SnapshotForm"}


def test_every_restrictable_record_has_the_flag_in_a_form_or_the_switch():
    model_forms = _model_forms()
    missing = []
    for model in record_models():
        label = model._meta.label_lower
        if "restricted" in model_forms.get(label, set()) or label in SWITCHED:
            continue
        if label in PLAIN_FORMS:
            module, name = PLAIN_FORMS[label].rsplit(".", 1)
            if "restricted" in getattr(importlib.import_module(module), name).base_fields:
                continue
        missing.append(label)
    assert not missing, f"no way to mark these restricted in the UI: {missing}"


def test_swot_item_form_sets_the_flag(client):
    from hromada.planning.models import SwotItem

    m = make_municipality()
    editor = make_member(m, "editor")
    item = SwotItem.objects.create(
        municipality=m, category="strength", text="Міст", status="accepted"
    )
    client.login(username=editor.username, password=PASSWORD)
    url = reverse("planning:swot_item_edit", args=[m.code, item.pk])
    assert 'name="restricted"' in client.get(url).content.decode()
    r = client.post(
        url, {"category": "strength", "text": "Міст", "status": "accepted", "restricted": "on"}
    )
    assert r.status_code == 302
    item.refresh_from_db()
    assert item.restricted


@pytest.mark.parametrize("label", SWITCHED)
def test_generic_switch_marks_any_record_restricted(client, label):
    m = make_municipality()
    editor, viewer = make_member(m, "editor"), make_member(m, "viewer")
    model = apps.get_model(label)
    obj = model(municipality=m)
    for f in model._meta.concrete_fields:  # fill the required plain fields
        if f.name in ("id", "municipality") or f.null or f.has_default() or f.blank:
            continue
        if f.is_relation:
            pytest.skip(f"{label} needs a related record")
        kind = f.get_internal_type()
        value = (
            datetime.date(2024, 1, 31)
            if kind == "DateField"
            else 2020
            if kind.endswith(("IntegerField", "FloatField", "DecimalField"))
            else {}
            if kind == "JSONField"
            else "x"
        )
        setattr(obj, f.attname, value)
    obj.save()
    url = reverse("workspaces:record_restricted", args=[m.code, label, obj.pk])
    client.login(username=viewer.username, password=PASSWORD)
    assert client.post(url, {"restricted": "1"}).status_code == 403
    obj.refresh_from_db()
    assert not obj.restricted
    client.login(username=editor.username, password=PASSWORD)
    history = reverse("workspaces:history", args=[m.code, label, obj.pk])
    assert url in client.get(history).content.decode()
    assert client.post(url, {"restricted": "1"}).status_code == 302
    obj.refresh_from_db()
    assert obj.restricted
    assert client.post(url, {"restricted": "0"}).status_code == 302
    obj.refresh_from_db()
    assert not obj.restricted
