"""Population and workforce, the damage register and the shock sizes taken from it."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from hromada.economy import selectors, services
from hromada.economy.models import DamageEntry, PopulationRecord, RelocatedEnterprise
from tests.economy.helpers import long_frame
from tests.web.factories import PASSWORD, make_member

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.login(username=user.username, password=PASSWORD)
    client.cookies["django_language"] = "en"


def _employment(municipality):
    frame = long_frame().rename(columns={"kved": "sector"})
    frame["area"] = frame["area"].map({"municipality": "local", "reference": "reference"})
    services.dataset_import(
        municipality=municipality,
        frame=frame,
        name="Employment",
        measure="employment",
        unit="persons",
    )


def test_population_records_and_trends(client, municipality, editor):
    _login(client, editor)
    url = f"/m/{municipality.code}/assess/population/"
    for year, value in ((2021, 48000), (2022, 21000), (2023, 30000)):
        response = client.post(
            url, {"p-indicator": "residents", "p-year": year, "p-value": value, "p-source": "ЦНАП"}
        )
        assert response.status_code == 302
    client.post(url, {"p-indicator": "residents", "p-year": 2023, "p-value": 31000})
    client.post(url, {"p-indicator": "idps_arrived", "p-year": 2023, "p-value": 4000})
    assert PopulationRecord.objects.filter(municipality=municipality).count() == 4
    frame = selectors.population_frame(municipality=municipality)
    assert frame.query("indicator == 'residents' and year == 2023")["value"].item() == 31000
    response = client.post(
        url,
        {
            "e-name": "Завод",
            "e-direction": "arrived",
            "e-year": 2023,
            "e-sector": "2511",
            "e-jobs": 120,
        },
    )
    assert response.status_code == 302
    assert RelocatedEnterprise.objects.get().sector == "25.11"
    page = client.get(url).content.decode()
    for chart in ("residents", "workforce", "relocation"):
        assert f'data-testid="chart-{chart}"' in page
    csv = client.get(f"/m/{municipality.code}/assess/population/csv/?table=relocation")
    assert "120" in csv.content.decode("utf-8-sig")


def test_bad_population_input_is_a_form_error(client, municipality, editor):
    _login(client, editor)
    url = f"/m/{municipality.code}/assess/population/"
    assert client.post(url, {"p-indicator": "residents", "p-year": "x"}).status_code == 200
    assert (
        client.post(
            url,
            {
                "e-name": "X",
                "e-direction": "arrived",
                "e-year": 2023,
                "e-sector": "ZZ",
                "e-jobs": 1,
            },
        ).status_code
        == 200
    )
    assert client.post(url, {}).status_code == 200
    assert not PopulationRecord.objects.exists() and not RelocatedEnterprise.objects.exists()
    viewer = make_member(municipality, "viewer")
    _login(client, viewer)
    assert (
        client.post(url, {"p-indicator": "residents", "p-year": 2023, "p-value": 1}).status_code
        == 403
    )


def test_damage_register_totals_and_shock_sizes(client, municipality, editor):
    _login(client, editor)
    _employment(municipality)
    url = f"/m/{municipality.code}/assess/damage/"
    response = client.post(
        url,
        {
            "d-date": "2022-05-01",
            "d-kind": "damage",
            "d-sector": "industry",
            "d-asset_type": "buildings",
            "d-description": "Цех заводу",
            "d-amount": "12500.5",
            "d-source": "акт обстеження",
            "d-status": "verified",
        },
    )
    entry = DamageEntry.objects.get()
    assert response["Location"].endswith(f"/damage/{entry.pk}/")
    response = client.post(
        f"{url}{entry.pk}/", {"sector": "C", "firms": 2, "jobs": 80, "output": "3000"}
    )
    assert response.status_code == 302
    services.damage_entry_create(
        municipality=municipality,
        date=datetime.date(2022, 6, 1),
        kind="loss",
        sector="industry",
        asset_type="flows",
        description="Lost sales",
        amount=500,
        impacts=[{"sector": "G", "jobs": 500}],
    )
    services.damage_entry_create(
        municipality=municipality,
        date=datetime.date(2023, 1, 1),
        kind="need",
        sector="housing",
        asset_type="buildings",
        description="Rebuild",
        amount=9000,
    )
    totals = selectors.damage_totals(municipality=municipality).set_index("sector")
    assert totals.loc["industry", "damage"] == 12500.5
    assert totals.loc["industry", "total"] == 13000.5
    assert totals.loc["housing", "need"] == 9000
    # Employment 2021 (the last pre-war year): C 320, G 210 -> 80/320 and 500/210 capped.
    assert services_shock(municipality) == {"C": 0.25, "G": 1.0}
    page = client.get(url).content.decode()
    assert 'data-testid="chart-damage-totals"' in page
    assert 'data-testid="chart-damage-impacts"' in page
    assert "25.0" in page
    client.post(f"{url}{entry.pk}/status/", {"status": "resolved"})
    entry.refresh_from_db()
    assert entry.status == "resolved" and entry.history.count() == 2
    client.post(f"{url}{entry.pk}/delete/")
    assert services_shock(municipality) == {"G": 1.0}


def services_shock(municipality):
    return selectors.damage_shock_sizes(municipality)


def test_shock_sizes_without_employment_are_not_derivable(municipality):
    services.damage_entry_create(
        municipality=municipality,
        date=datetime.date(2022, 5, 1),
        kind="damage",
        sector="industry",
        asset_type="buildings",
        description="x",
        amount=1,
        impacts=[{"sector": "C", "jobs": 5}],
    )
    assert selectors.damage_shock_sizes(municipality) == {}
    with pytest.raises(ValidationError):
        services.damage_impact_add(entry=DamageEntry.objects.get(), sector="10", jobs=1)


def test_empty_damage_post_is_not_500(client, municipality, editor):
    _login(client, editor)
    assert client.post(f"/m/{municipality.code}/assess/damage/", {}).status_code == 200
    assert not DamageEntry.objects.exists()


def test_demo_seed_is_illustrative_and_idempotent(client, municipality, editor):
    from hromada.economy.demo import demo_economy_seed, illustrative_employment
    from hromada.economy.models import Dataset

    assert illustrative_employment().equals(illustrative_employment())
    first = demo_economy_seed(municipality)
    second = demo_economy_seed(municipality)
    assert first.pk == second.pk and first.versions.count() == 1 and first.is_illustrative
    assert Dataset.objects.count() == 1
    _login(client, editor)
    assert (
        'data-testid="illustrative-badge"'
        in client.get(f"/m/{municipality.code}/assess/").content.decode()
    )
    page = client.get(f"/m/{municipality.code}/assess/datasets/{first.pk}/").content.decode()
    assert 'data-testid="illustrative-note"' in page
    assert 'data-testid="resilience-table"' in page


def test_damage_entries_are_corrected_and_impacts_removed_with_history(
    client, municipality, editor
):
    _login(client, editor)
    _employment(municipality)
    entry = services.damage_entry_create(
        municipality=municipality,
        date=datetime.date(2022, 5, 1),
        kind="damage",
        sector="industry",
        asset_type="buildings",
        description="Цех",
        amount=100,
        impacts=[{"sector": "C", "jobs": 80}, {"sector": "G", "jobs": 21}],
    )
    url = f"/m/{municipality.code}/assess/damage/{entry.pk}/"
    page = client.get(f"{url}edit/").content.decode()
    assert 'value="Цех"' in page and 'data-testid="damage-edit-form"' in page
    response = client.post(
        f"{url}edit/",
        {
            "date": "2022-05-02",
            "kind": "damage",
            "sector": "industry",
            "asset_type": "buildings",
            "description": "Цех №2",
            "amount": "150",
            "source": "акт",
            "status": "verified",
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.description, float(entry.amount)) == ("Цех №2", 150.0)
    assert entry.history.count() == 2
    assert entry.history.earliest().description == "Цех"
    assert entry.history.latest().history_user == editor
    # A bad correction changes nothing.
    response = client.post(f"{url}edit/", {"date": "", "kind": "damage", "amount": "-1"})
    assert response.status_code == 200
    entry.refresh_from_db()
    assert entry.description == "Цех №2" and entry.history.count() == 2
    # Removing the G impact: the shock no longer counts it, and its history keeps it.
    assert selectors.damage_shock_sizes(municipality) == {"C": 0.25, "G": 0.1}
    impact = entry.impacts.get(sector="G")
    client.post(f"{url}impacts/{impact.pk}/remove/")
    assert selectors.damage_shock_sizes(municipality) == {"C": 0.25}
    gone = impact.history.filter(history_type="-").get()
    assert gone.jobs == 21 and gone.history_user == editor
    # Viewers can neither correct nor remove.
    viewer = make_member(municipality, "viewer")
    _login(client, viewer)
    assert client.post(f"{url}edit/", {"description": "x"}).status_code == 403
    c = entry.impacts.get(sector="C")
    assert client.post(f"{url}impacts/{c.pk}/remove/").status_code == 403
    assert entry.impacts.count() == 1
