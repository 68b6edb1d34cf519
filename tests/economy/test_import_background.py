"""Large uploads are checked and stored by the worker: the request only queues the work,
the draft's page shows the progress, then the problems, the preview or the stored dataset.
Tasks are queued on django-tasks' dummy backend here and run by hand, as a worker would."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from hromada.core.taskframework import DUMMY_BACKEND, task_backends
from hromada.economy import selectors, services
from hromada.economy.models import Dataset, DraftStatus, ImportDraft, Observation
from hromada.economy.selectors import dataset_data_frame
from tests.economy.helpers import excel_csv, long_frame
from tests.web.factories import PASSWORD, make_member, make_municipality

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def queued_tasks(settings, monkeypatch):
    """Tasks wait in a queue; every upload and draft counts as large."""
    settings.TASKS = {"default": {"BACKEND": DUMMY_BACKEND}}
    monkeypatch.setattr(services, "INLINE_PARSE_BYTES", 0)
    monkeypatch.setattr(services, "INLINE_STORE_ROWS", 0)


def run_queued() -> list[str]:
    """Run what the worker would, in order; the names of the tasks run."""
    backend = task_backends["default"]
    done = []
    while backend.results:
        result = backend.results.pop(0)
        result.task.call(*result.args, **result.kwargs)
        done.append(result.task.name)
    return done


def _login(client, user, lang="en"):
    client.login(username=user.username, password=PASSWORD)
    client.cookies["django_language"] = lang


def _upload(client, code, content, name="data.csv"):
    return client.post(
        f"/m/{code}/assess/import/",
        {
            "file": SimpleUploadedFile(name, content),
            "name": "Employment",
            "measure": "employment",
            "unit": "persons",
            "reference_level": "ukraine",
            "source": "test",
        },
    )


def test_a_large_upload_is_checked_and_stored_in_the_background(client, municipality, editor):
    _login(client, editor)
    frame = long_frame()
    response = _upload(client, municipality.code, excel_csv(frame))
    assert response.status_code == 302
    draft = ImportDraft.objects.get()
    assert draft.status == DraftStatus.PARSING and bytes(draft.content)
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="import-progress"' in page and "hx-get=" in page
    progress_url = f"/m/{municipality.code}/assess/import/{draft.pk}/progress/"
    polled = client.get(progress_url, headers={"HX-Request": "true"})
    assert "HX-Refresh" not in polled

    assert run_queued() == ["import_parse_task"]
    draft.refresh_from_db()
    assert draft.status == DraftStatus.READY and not bytes(draft.content)
    assert client.get(progress_url, headers={"HX-Request": "true"})["HX-Refresh"] == "true"
    page = client.get(response["Location"]).content.decode()
    assert "nothing is stored until you confirm" in page
    assert Dataset.objects.count() == 0

    confirm = client.post(f"/m/{municipality.code}/assess/import/{draft.pk}/confirm/")
    assert confirm["Location"] == response["Location"]  # back to the draft: storing
    assert Observation.objects.count() == 0
    assert 'data-status="storing"' in client.get(response["Location"]).content.decode()
    assert run_queued() == ["import_store_task"]
    dataset = Dataset.objects.get()
    shown = client.get(response["Location"])
    assert shown["Location"].endswith(f"/assess/datasets/{dataset.pk}/")
    assert not ImportDraft.objects.exists()
    stored = dataset_data_frame(dataset)
    assert stored.equals(frame.sort_values(["area", "kved", "year"]).reset_index(drop=True))
    assert dataset.latest_version.created_by == editor


def test_a_large_bad_file_lists_its_problems_in_the_upload_language(client, municipality, editor):
    _login(client, editor, lang="uk")
    frame = long_frame()
    frame.loc[3, "kved"] = "ZZ"
    response = _upload(client, municipality.code, excel_csv(frame))
    with translation.override("en"):  # the worker's own language is not the user's
        run_queued()
    draft = ImportDraft.objects.get()
    assert draft.status == DraftStatus.REJECTED
    assert draft.rows == [] and not bytes(draft.content)  # only the problems are kept
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="import-errors"' in page
    assert "«ZZ» не є кодом КВЕД 2010." in page
    # The form to upload the fixed file comes back filled in.
    assert 'value="Employment"' in page and 'data-testid="upload-form"' in page
    assert Dataset.objects.count() == 0 and Observation.objects.count() == 0


def test_a_crashed_check_is_visible_and_retryable(client, municipality, editor, monkeypatch):
    _login(client, editor)
    response = _upload(client, municipality.code, excel_csv(long_frame()))

    def crash(content, filename):
        raise MemoryError("out of memory")

    monkeypatch.setattr(services, "parse_upload", crash)
    with pytest.raises(MemoryError):
        run_queued()
    draft = ImportDraft.objects.get()
    assert draft.status == DraftStatus.FAILED and bytes(draft.content)  # the file is kept
    page = client.get(response["Location"]).content.decode()
    assert "out of memory" in page and 'data-testid="import-retry"' in page
    monkeypatch.undo()
    monkeypatch.setattr(services, "INLINE_STORE_ROWS", 0)
    client.post(f"/m/{municipality.code}/assess/import/{draft.pk}/retry/")
    assert run_queued() == ["import_parse_task"]
    draft.refresh_from_db()
    assert draft.status == DraftStatus.READY


def test_a_store_that_fails_stores_nothing_and_can_be_retried(
    client, municipality, editor, monkeypatch
):
    _login(client, editor)
    _upload(client, municipality.code, excel_csv(long_frame()))
    run_queued()
    draft = ImportDraft.objects.get()
    client.post(f"/m/{municipality.code}/assess/import/{draft.pk}/confirm/")
    real = services.dataset_import

    def half_then_crash(**kwargs):
        real(**kwargs)  # writes everything, then fails inside the same transaction
        raise OSError("disk full")

    monkeypatch.setattr(services, "dataset_import", half_then_crash)
    with pytest.raises(OSError):
        run_queued()
    assert Dataset.objects.count() == 0 and Observation.objects.count() == 0
    draft.refresh_from_db()
    assert draft.status == DraftStatus.FAILED and draft.rows
    monkeypatch.setattr(services, "dataset_import", real)
    client.post(f"/m/{municipality.code}/assess/import/{draft.pk}/retry/")
    assert run_queued() == ["import_store_task"]
    assert Dataset.objects.get().versions.count() == 1


def test_a_draft_whose_worker_died_offers_a_retry(client, municipality, editor):
    _login(client, editor)
    response = _upload(client, municipality.code, excel_csv(long_frame()))
    task_backends["default"].clear()  # the worker was killed: the task is gone
    draft = ImportDraft.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="import-retry"' not in page  # still within its time
    ImportDraft.objects.filter(pk=draft.pk).update(
        updated_at=timezone.now() - selectors.STALE_DRAFT - timedelta(minutes=1)
    )
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="import-retry"' in page and "hx-get=" not in page
    client.post(f"/m/{municipality.code}/assess/import/{draft.pk}/retry/")
    assert run_queued() == ["import_parse_task"]
    draft.refresh_from_db()
    assert draft.status == DraftStatus.READY


def test_another_municipality_cannot_see_or_touch_a_draft(client, municipality, editor):
    _login(client, editor)
    _upload(client, municipality.code, excel_csv(long_frame()))
    draft = ImportDraft.objects.get()
    other = make_municipality()
    outsider = make_member(other, "owner")
    _login(client, outsider)
    for suffix in ("", "progress/"):
        assert (
            client.get(f"/m/{municipality.code}/assess/import/{draft.pk}/{suffix}").status_code
            == 404
        )
        assert client.get(f"/m/{other.code}/assess/import/{draft.pk}/{suffix}").status_code == 404
    for suffix in ("retry/", "confirm/", "cancel/"):
        assert client.post(f"/m/{other.code}/assess/import/{draft.pk}/{suffix}").status_code == 404
    assert ImportDraft.objects.get().status == DraftStatus.PARSING
