"""Import edge cases: sums too large to compute, impossible year columns, a capped list of
problems, and a draft whose worker died offered for retry within a couple of minutes."""

from datetime import date, timedelta

import pandas as pd
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from hromada.core.taskframework import DUMMY_BACKEND, task_backends
from hromada.economy import importing, selectors, services
from hromada.economy.importing import count_errors, parse_upload
from hromada.economy.models import DraftStatus, ImportDraft
from tests.web.factories import PASSWORD


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _csv(rows, header=("area", "kved", "year", "value")) -> bytes:
    return (";".join(header) + "\n" + "\n".join(";".join(map(str, r)) for r in rows)).encode(
        "utf-8"
    )


REF = [["reference", "C", 2021, "1e308"], ["reference", "A", 2021, 100]]


def test_two_huge_values_adding_up_to_infinity_are_refused_by_row_and_column():
    rows = [
        ["municipality", "A", 2021, 10],
        ["municipality", "10.71", 2021, "1e308"],
        ["municipality", "10.72", 2021, "1e308"],
    ] + REF
    result = parse_upload(_csv(rows), "x.csv")
    assert not result.ok and result.frame is None
    hit = [p for p in result.errors if "too large" in p.message]
    assert hit, [p.message for p in result.problems]
    assert "3, 4" in hit[0].message and hit[0].row == 3 and hit[0].column == "value (D)"


def test_a_year_total_adding_up_to_infinity_is_refused():
    rows = [
        ["municipality", "A", 2021, "1e308"],
        ["municipality", "C", 2021, "1e308"],
        ["reference", "A", 2021, "1e308"],
        ["reference", "C", 2021, "1e308"],
    ]
    result = parse_upload(_csv(rows), "x.csv")
    assert not result.ok
    assert any("too large" in p.message for p in result.errors)


def test_a_single_huge_value_and_an_infinite_text_are_told_apart():
    ok = parse_upload(_csv([["municipality", "C", 2021, "1e300"]] + REF), "x.csv")
    assert ok.ok, ok.problems
    bad = parse_upload(_csv([["municipality", "C", 2021, "inf"]] + REF), "x.csv")
    assert any("is not a number" in p.message for p in bad.errors)


@pytest.mark.parametrize("column", ["1800", "20233", str(date.today().year + 2)])
def test_an_impossible_year_column_is_refused_not_stored_or_dropped(column):
    header = ("area", "kved", "2021", column)
    rows = [["municipality", "A", 10, 11], ["reference", "A", 100, 110]]
    result = parse_upload(_csv(rows, header), "wide.csv")
    assert not result.ok and result.frame is None
    hit = [p for p in result.errors if "not a possible year" in p.message]
    assert hit and column in hit[0].message and hit[0].column == f"{column} (D)"


def test_next_year_is_possible_in_both_layouts():
    nxt = date.today().year + 1
    wide = parse_upload(
        _csv(
            [["municipality", "A", 10, 11], ["reference", "A", 100, 110]],
            ("area", "kved", "2021", str(nxt)),
        ),
        "wide.csv",
    )
    assert wide.ok, wide.problems
    assert sorted(wide.frame["year"].unique()) == [2021, nxt]
    long = parse_upload(_csv([["municipality", "A", nxt + 1, 1]] + REF), "x.csv")
    assert any("is not a year" in p.message for p in long.errors)


def test_problems_are_capped_with_a_count_of_the_rest():
    rows = [["municipality", "ZZ", 2021, 1]] * 1000 + REF
    result = parse_upload(_csv(rows), "x.csv")
    assert len(result.problems) == importing.MAX_PROBLEMS + 1
    last = result.problems[-1]
    assert "800 more problems" in last.message and last.severity == "error"
    assert count_errors(result.problems) == 1000
    assert count_errors([p.as_dict() for p in result.problems]) == 1000


@pytest.mark.django_db
def test_a_capped_page_says_how_many_problems(client, municipality, editor):
    client.login(username=editor.username, password=PASSWORD)
    client.cookies["django_language"] = "en"
    rows = [["municipality", "ZZ", 2021, 1]] * 1000 + REF
    response = client.post(
        f"/m/{municipality.code}/assess/import/",
        {
            "file": SimpleUploadedFile("x.csv", _csv(rows)),
            "name": "Employment",
            "measure": "employment",
            "unit": "persons",
            "reference_level": "ukraine",
        },
    )
    page = response.content.decode()
    assert "The file has 1000 problems" in page
    assert page.count('data-testid="problem"') == importing.MAX_PROBLEMS + 1
    assert len(page) < 200_000


@pytest.mark.django_db
def test_a_dead_worker_is_detected_within_two_minutes(
    client, municipality, editor, settings, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": DUMMY_BACKEND}}
    monkeypatch.setattr(services, "INLINE_PARSE_BYTES", 0)
    assert selectors.STALE_DRAFT <= timedelta(minutes=2)
    client.login(username=editor.username, password=PASSWORD)
    client.cookies["django_language"] = "en"
    frame = pd.DataFrame(
        [["municipality", "A", 2021, 1], ["reference", "A", 2021, 9]],
        columns=["area", "kved", "year", "value"],
    )
    response = client.post(
        f"/m/{municipality.code}/assess/import/",
        {
            "file": SimpleUploadedFile("x.csv", frame.to_csv(index=False).encode()),
            "name": "Employment",
            "measure": "employment",
            "unit": "persons",
            "reference_level": "ukraine",
        },
    )
    task_backends["default"].clear()  # kill -9: the task is gone
    draft = ImportDraft.objects.get()
    # A worker alive beats: a draft touched recently is not stale.
    ImportDraft.objects.filter(pk=draft.pk).update(
        updated_at=timezone.now() - selectors.STALE_DRAFT - timedelta(seconds=5)
    )
    services.draft_heartbeat(draft_id=draft.pk)
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="import-retry"' not in page
    # No beat for longer than STALE_DRAFT: the retry is offered.
    ImportDraft.objects.filter(pk=draft.pk).update(
        updated_at=timezone.now() - selectors.STALE_DRAFT - timedelta(seconds=5)
    )
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="import-retry"' in page
    client.post(f"/m/{municipality.code}/assess/import/{draft.pk}/retry/")
    draft.refresh_from_db()
    assert draft.status == DraftStatus.PARSING
    assert len(task_backends["default"].results) == 1


@pytest.mark.django_db
def test_the_heartbeat_runs_while_the_worker_works(municipality, monkeypatch):
    import time

    draft = ImportDraft.objects.create(
        municipality=municipality,
        status=DraftStatus.PARSING,
        name="x",
        measure="employment",
        unit="p",
        reference_level="ukraine",
    )
    beats = []
    monkeypatch.setattr(services, "DRAFT_HEARTBEAT", 0.01)
    monkeypatch.setattr(services, "draft_heartbeat", lambda *, draft_id: beats.append(draft_id))
    with services._Heartbeat(draft.pk):
        time.sleep(0.2)
    n = len(beats)
    time.sleep(0.05)
    assert n >= 3 and set(beats) == {draft.pk}
    assert len(beats) == n  # stopped with the work
