"""Nothing lost: soft deletion, the trash, versions and restoring them, for any record."""

import pytest

from hromada.economy.models import Dataset
from hromada.workspaces.records import (
    deleted_record_list,
    record_models,
    version_list,
)
from tests.web.factories import PASSWORD, make_member, make_municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset_setup():
    m = make_municipality()
    owner = make_member(m, "owner")
    editor = make_member(m, "editor")
    ds = Dataset(municipality=m, name="Зайнятість", measure="employment", unit="осіб")
    ds._history_user = owner
    ds.save()
    return m, owner, editor, ds


def test_every_record_model_is_versioned_and_soft_deletable():
    models = record_models()
    assert Dataset in models
    for model in models:
        assert hasattr(model, "history") and hasattr(model, "all_objects"), model


def test_soft_delete_lists_and_restores(client, dataset_setup):
    m, owner, editor, ds = dataset_setup
    ds.soft_delete(by=owner)
    assert not Dataset.objects.filter(pk=ds.pk).exists()
    assert Dataset.all_objects.filter(pk=ds.pk).exists()
    assert [r.pk for r in deleted_record_list(municipality=m)] == [ds.pk]
    client.login(username=editor.username, password=PASSWORD)
    assert client.get(f"/m/{m.code}/trash/").status_code == 403  # owners only
    client.login(username=owner.username, password=PASSWORD)
    page = client.get(f"/m/{m.code}/trash/").content.decode()
    assert "Зайнятість" in page
    response = client.post(f"/m/{m.code}/trash/economy.dataset/{ds.pk}/restore/")
    assert response.status_code == 302
    assert Dataset.objects.filter(pk=ds.pk).exists()
    assert deleted_record_list(municipality=m) == []


def test_history_shows_who_changed_what_and_restores_a_version(client, dataset_setup):
    m, owner, editor, ds = dataset_setup
    client.login(username=editor.username, password=PASSWORD)
    # An edit through a request records its author (HistoryRequestMiddleware) ...
    ds.name = "Зайнятість 2024"
    ds._history_user = editor
    ds.save()
    versions = version_list(ds)
    assert len(versions) == 2
    assert versions[0].user == editor and versions[0].changes == [
        ("name", "Зайнятість", "Зайнятість 2024")
    ]
    page = client.get(f"/m/{m.code}/history/economy.dataset/{ds.pk}/").content.decode()
    assert "Зайнятість 2024" in page and editor.username in page
    first = versions[-1].history_id
    response = client.post(f"/m/{m.code}/history/economy.dataset/{ds.pk}/{first}/restore/")
    assert response.status_code == 302
    ds.refresh_from_db()
    assert ds.name == "Зайнятість"
    assert len(version_list(ds)) == 3  # the restore is itself a version


def test_unknown_record_types_are_404(client, dataset_setup):
    m, owner, *_ = dataset_setup
    client.login(username=owner.username, password=PASSWORD)
    for label in ("auth.user", "workspaces.membership", "nonsense", "economy.nothing"):
        assert client.get(f"/m/{m.code}/history/{label}/1/").status_code == 404
