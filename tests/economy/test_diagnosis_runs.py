"""Diagnosis runs are bounded: one run per dataset version, years and language, reused;
a failed run is failed once and retried only by an editor's POST; a viewer never starts
a computation beyond the default run. Tasks wait on the dummy backend and are counted."""

from datetime import timedelta

import pytest
from django.utils import timezone

from hromada.core.taskframework import DUMMY_BACKEND, task_backends
from hromada.economy import selectors as diagnosis_module
from hromada.economy import services
from hromada.economy.models import DiagnosisRun, RunStatus
from hromada.economy.services import dataset_import
from tests.economy.helpers import long_frame
from tests.web.factories import PASSWORD, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def queued_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": DUMMY_BACKEND}}
    task_backends["default"].clear()


@pytest.fixture
def dataset(municipality, editor):
    frame = long_frame().rename(columns={"kved": "sector"})
    frame["area"] = frame["area"].map({"municipality": "local", "reference": "reference"})
    return dataset_import(
        municipality=municipality,
        frame=frame,
        name="Employment",
        measure="employment",
        unit="persons",
        user=editor,
    ).dataset


@pytest.fixture
def viewer(municipality):
    return make_member(municipality, "viewer")


def _queued() -> int:
    return len(task_backends["default"].results)


def _login(client, user, lang="en"):
    client.login(username=user.username, password=PASSWORD)
    client.cookies["django_language"] = lang


def _url(municipality, dataset):
    return f"/m/{municipality.code}/assess/datasets/{dataset.pk}/"


def test_same_inputs_reuse_one_run(client, municipality, editor, dataset):
    _login(client, editor)
    url = _url(municipality, dataset)
    for query in ("", "?start=2019", "?start=nonsense", "?start=1800&end=2024", "?pre=2021"):
        assert client.get(url + query).status_code == 200
    assert DiagnosisRun.objects.count() == 1
    assert _queued() == 1
    client.get(url + "?start=2020")  # other years are other inputs: one more run
    assert DiagnosisRun.objects.count() == 2 and _queued() == 2
    client.get(url + "?start=2020")
    assert DiagnosisRun.objects.count() == 2 and _queued() == 2


def test_a_viewer_starts_nothing_beyond_the_default_run(client, municipality, viewer, dataset):
    _login(client, viewer)
    url = _url(municipality, dataset)
    for start in range(2019, 2024):
        for end in range(start + 1, 2025):
            page = client.get(f"{url}?start={start}&end={end}").content.decode()
    assert DiagnosisRun.objects.count() == 1 and _queued() == 1
    assert DiagnosisRun.objects.get().query == {
        "start": "2019",
        "end": "2024",
        "pre": "2021",
        "trough": "2022",
        "post": "2024",
    }
    assert 'data-testid="diagnosis-fallback"' in page


def test_a_viewer_sees_years_an_editor_computed(client, municipality, editor, viewer, dataset):
    _login(client, editor)
    client.get(_url(municipality, dataset))
    client.get(_url(municipality, dataset) + "?start=2020")
    assert DiagnosisRun.objects.count() == 2
    _login(client, viewer)
    page = client.get(_url(municipality, dataset) + "?start=2020").content.decode()
    assert 'data-testid="diagnosis-fallback"' not in page
    assert DiagnosisRun.objects.count() == 2 and _queued() == 2


def _failing_run(client, municipality, user, dataset, monkeypatch, lang):
    _login(client, user, lang)
    client.get(_url(municipality, dataset))
    run = DiagnosisRun.objects.get()

    def boom(*args, **kwargs):
        raise RuntimeError("secret internal detail /srv/path")

    monkeypatch.setattr(diagnosis_module, "diagnosis_compute", boom)
    with pytest.raises(RuntimeError):
        services.diagnosis_run_execute(run_id=run.pk)
    run.refresh_from_db()
    return run


def test_a_failed_run_is_failed_once_and_visits_queue_nothing(
    client, municipality, editor, dataset, monkeypatch
):
    run = _failing_run(client, municipality, editor, dataset, monkeypatch, "uk")
    assert run.status == RunStatus.FAILED
    queued = _queued()
    for _ in range(5):
        page = client.get(_url(municipality, dataset)).content.decode()
        fragment = client.get(
            f"{_url(municipality, dataset)}progress/{run.pk}/", HTTP_HX_REQUEST="true"
        ).content.decode()
    assert _queued() == queued
    assert DiagnosisRun.objects.get().status == RunStatus.FAILED
    for html in (page, fragment):
        assert 'data-testid="diagnosis-failed"' in html
        assert "secret internal detail" not in html and "RuntimeError" not in html
        assert "Непередбачена помилка" in html  # the reason, in the user's language
        assert 'data-testid="diagnosis-retry"' in html and "hx-trigger" not in html


def test_only_an_editor_retries_by_post(client, municipality, editor, viewer, dataset, monkeypatch):
    run = _failing_run(client, municipality, editor, dataset, monkeypatch, "en")
    retry = f"{_url(municipality, dataset)}retry/{run.pk}/"
    queued = _queued()
    _login(client, viewer)
    page = client.get(_url(municipality, dataset)).content.decode()
    assert 'data-testid="diagnosis-failed"' in page
    assert 'data-testid="diagnosis-retry"' not in page
    assert client.post(retry).status_code == 403
    _login(client, editor)
    assert client.get(retry).status_code == 405
    assert _queued() == queued
    response = client.post(retry)
    assert response.status_code == 302
    assert _queued() == queued + 1
    run.refresh_from_db()
    assert run.status == RunStatus.PENDING and run.error == ""
    client.post(retry)  # pending: not queued again
    assert _queued() == queued + 1


def test_a_stalled_run_turns_failed_instead_of_waiting_forever(
    client, municipality, editor, dataset
):
    _login(client, editor)
    client.get(_url(municipality, dataset))
    DiagnosisRun.objects.update(
        updated_at=timezone.now() - services.STALE_RUN - timedelta(minutes=1)
    )
    queued = _queued()
    page = client.get(_url(municipality, dataset)).content.decode()
    assert 'data-testid="diagnosis-failed"' in page and "hx-trigger" not in page
    assert DiagnosisRun.objects.get().status == RunStatus.FAILED
    assert _queued() == queued


def test_a_viewers_download_of_uncomputed_years_gives_the_default_years(
    client, municipality, viewer, dataset, monkeypatch
):
    from hromada.economy.selectors import runs

    asked = []
    real = runs.diagnosis_compute

    def spy(dataset, *, version=None, query=None):
        asked.append(dict(query or {}))
        return real(dataset, version=version, query=query)

    monkeypatch.setattr(runs, "diagnosis_compute", spy)
    _login(client, viewer)
    xlsx = f"{_url(municipality, dataset)}xlsx/?start=2020&end=2023"
    assert client.get(xlsx).status_code == 200
    assert asked == [{}]
    assert DiagnosisRun.objects.count() == 0
