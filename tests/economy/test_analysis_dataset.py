"""Which dataset the analyses use: the municipality's choice, else the most complete
(never just the newest); a partial dataset is flagged wherever it is used, and the pages
name the dataset, its years and its kind."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hromada.economy import selectors, services
from hromada.economy.demo import illustrative_employment
from hromada.economy.models import DamageKind, Dataset
from hromada.planning.evidence import measure_panel
from hromada.resilience.selectors import local_employment
from tests.economy.helpers import excel_csv, long_frame
from tests.web.factories import PASSWORD, make_member

pytestmark = pytest.mark.django_db


def _import(municipality, frame, name, **kw):
    return services.dataset_import(
        municipality=municipality,
        frame=frame,
        name=name,
        measure="employment",
        unit="persons",
        **kw,
    ).dataset


@pytest.fixture
def complete(municipality):
    return _import(
        municipality,
        illustrative_employment(),
        "Full 19 sections",
        source="State Statistics Service",
        kind="official",
    )


@pytest.fixture
def partial(municipality, complete):
    frame = illustrative_employment()
    frame = frame[frame["sector"].isin(list("ABCDE"))]
    return _import(municipality, frame, "Five sections", source="survey")  # newer


def test_the_most_complete_not_the_newest(municipality, complete, partial):
    assert selectors.analysis_dataset(municipality=municipality) == complete
    employment, _year = selectors.employment_by_section(municipality=municipality)
    assert len(employment) == 19
    panel, _ref = measure_panel(municipality)
    assert panel["sector"].nunique() == 19
    local, _ref, _year, name = local_employment(municipality=municipality)
    assert name == complete.name and len(local) == 19


def test_the_municipalitys_choice_wins_and_can_be_undone(municipality, complete, partial):
    services.analysis_dataset_choose(municipality=municipality, dataset=partial)
    assert selectors.analysis_dataset(municipality=municipality) == partial
    assert measure_panel(municipality)[0]["sector"].nunique() == 5
    assert local_employment(municipality=municipality)[3] == partial.name
    services.analysis_dataset_choose(municipality=municipality, dataset=complete)
    assert list(Dataset.objects.filter(chosen_for_analysis=True)) == [complete]
    services.analysis_dataset_choose(municipality=municipality, dataset=None)
    assert not Dataset.objects.filter(chosen_for_analysis=True).exists()
    assert selectors.analysis_dataset(municipality=municipality) == complete


def test_equal_coverage_goes_to_the_newest(municipality):
    a = _import(municipality, illustrative_employment(), "A")
    b = _import(municipality, illustrative_employment(), "B")
    assert selectors.analysis_dataset(municipality=municipality) == b != a


def test_coverage_is_counted_by_section(municipality, complete, partial):
    full = selectors.dataset_coverage(complete)
    assert (full["sections"], full["of"], full["low"]) == (19, 19, False)
    assert full["years"] == list(range(2019, 2025))
    five = selectors.dataset_coverage(partial)
    assert (five["sections"], five["of"], five["low"]) == (5, 19, True)
    # 15 of 19 (79 %) is enough, 14 (74 %) is not
    frame = illustrative_employment()
    for n, low in ((15, False), (14, True)):
        sub = frame[
            frame["sector"].isin(list("ABCDEFGHIJKLMNOPQRS")[:n]) | (frame["area"] == "reference")
        ]
        assert selectors.frame_coverage(sub)["low"] is low


def _login(client, user):
    client.login(username=user.username, password=PASSWORD)
    client.cookies["django_language"] = "en"


def test_pages_name_the_dataset_and_warn_of_partial_data(
    client, municipality, editor, complete, partial
):
    services.damage_entry_create(
        municipality=municipality,
        date="2023-01-01",
        kind=DamageKind.DAMAGE,
        sector="industry",
        asset_type="buildings",
        description="Plant",
        amount=10,
        impacts=[{"sector": "C", "jobs": 5}],
    )
    _login(client, editor)
    page = client.get(f"/m/{municipality.code}/assess/damage/").content.decode()
    assert 'data-testid="provenance"' in page and "“Full 19 sections”" in page
    assert "2019–2024" in page and "State Statistics Service" in page
    assert "Official statistics" in page
    assert 'data-testid="coverage-warning"' not in page
    url = f"/m/{municipality.code}/assess/datasets/{partial.pk}/"
    page = client.get(url).content.decode()
    assert 'data-testid="coverage-warning"' in page and "5 of 19" in page
    assert "“Full 19 sections”" in page  # says the analyses use another dataset
    response = client.post(url + "use/", {"use": "1"})
    assert response.status_code == 302
    page = client.get(f"/m/{municipality.code}/assess/damage/").content.decode()
    assert "“Five sections”" in page and 'data-testid="coverage-warning"' in page
    page = client.get(f"/m/{municipality.code}/plan/swot/").content.decode()
    assert "“Five sections”" in page and 'data-testid="coverage-warning"' in page


def test_only_an_editor_chooses(client, municipality, complete, partial):
    viewer = make_member(municipality, "viewer")
    _login(client, viewer)
    url = f"/m/{municipality.code}/assess/datasets/{partial.pk}/use/"
    assert client.post(url, {"use": "1"}).status_code == 403
    assert selectors.analysis_dataset(municipality=municipality) == complete
    assert 'data-testid="analysis-choose"' not in client.get(url[:-4]).content.decode()


def test_the_upload_preview_warns_of_few_sections(client, municipality, editor):
    _login(client, editor)
    response = client.post(
        f"/m/{municipality.code}/assess/import/",
        {
            "file": SimpleUploadedFile("x.csv", excel_csv(long_frame())),
            "name": "Employment",
            "measure": "employment",
            "unit": "persons",
            "reference_level": "ukraine",
            "kind": "foreign",
        },
    )
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="coverage-warning"' in page and "4 of 19" in page
    client.post(f"{response['Location']}confirm/")
    dataset = Dataset.objects.get(name="Employment")
    assert dataset.kind == "foreign"
    assert "Real data from elsewhere" in selectors.dataset_kind(dataset)
