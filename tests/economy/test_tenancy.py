"""Every Assess page and action of municipality B is a 404 for a member of A, and A's
pages never reach B's objects (datasets, drafts, runs, records, damage entries)."""

import datetime

import pytest

from hromada.economy import services
from hromada.economy.models import (
    DamageEntry,
    Dataset,
    DiagnosisRun,
    ImportDraft,
    Observation,
    PopulationRecord,
)
from tests.economy.helpers import excel_csv, long_frame
from tests.web.factories import PASSWORD, make_member, make_municipality
from tests.web.urlmatrix import municipality_routes

pytestmark = pytest.mark.django_db


def _counts():
    return [
        m.objects.count()
        for m in (Dataset, ImportDraft, Observation, PopulationRecord, DamageEntry)
    ]


def test_member_of_a_cannot_reach_b(client):
    a, b = make_municipality(), make_municipality()
    a_owner, b_owner = make_member(a, "owner"), make_member(b, "owner")
    draft, _ = services.import_draft_create(
        municipality=b,
        user=b_owner,
        content=excel_csv(long_frame()),
        filename="x.csv",
        name="E",
        measure="employment",
        unit="persons",
        reference_level="ukraine",
    )
    version = services.import_draft_confirm(draft=draft)
    draft2, _ = services.import_draft_create(
        municipality=b,
        user=b_owner,
        content=excel_csv(long_frame()),
        filename="x.csv",
        name="E",
        measure="employment",
        unit="persons",
        reference_level="ukraine",
    )
    services.population_record_create(municipality=b, year=2022, indicator="residents", value=5)
    entry = services.damage_entry_create(
        municipality=b,
        date=datetime.date(2022, 1, 1),
        kind="damage",
        sector="housing",
        asset_type="buildings",
        description="x",
        amount=1,
    )
    run = services.diagnosis_run_start(
        dataset=version.dataset, version=version, query={}, language="en", csv_base="/x/"
    )
    pks = {version.dataset.pk, draft2.pk, entry.pk, run.pk, PopulationRecord.objects.get().pk}
    before = _counts()
    client.login(username=a_owner.username, password=PASSWORD)
    routes = [r for r in municipality_routes() if r.name.startswith("economy:")]
    assert len(routes) >= 15
    for route in routes:
        for pk in sorted(pks):
            values = {
                p: (
                    b.code
                    if p == "code"
                    else pk
                    if p in ("pk", "run")
                    else "uk"
                    if p == "lang"
                    else "csv"
                    if p == "fmt"
                    else "structure"
                )
                for p in route.params
            }
            for method in ("get", "post"):
                response = getattr(client, method)(route.url(**values), {"x": "1"})
                assert response.status_code in (404, 405), (route.name, method)
            values["code"] = a.code
            if "pk" in route.params:
                for method in ("get", "post"):
                    response = getattr(client, method)(route.url(**values), {"status": "done"})
                    assert response.status_code in (404, 405), (route.name, method, pk)
    assert _counts() == before
    assert DiagnosisRun.objects.filter(municipality=a).count() == 0
