"""The import flow through the web: preview, nothing stored until confirmed, versions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hromada.economy.models import Dataset, DatasetVersion, ImportDraft, Observation
from hromada.economy.selectors import dataset_data_frame
from tests.economy.helpers import excel_csv, long_frame
from tests.web.factories import PASSWORD, make_member

pytestmark = pytest.mark.django_db


def _login(client, user, lang="en"):
    client.login(username=user.username, password=PASSWORD)
    client.cookies["django_language"] = lang


def _upload(client, code, content, name="data.csv", dataset="Employment"):
    return client.post(
        f"/m/{code}/assess/import/",
        {
            "file": SimpleUploadedFile(name, content),
            "name": dataset,
            "measure": "employment",
            "unit": "persons",
            "reference_level": "ukraine",
            "source": "test",
        },
    )


def _nothing_stored():
    return (
        Dataset.objects.count(),
        DatasetVersion.objects.count(),
        Observation.objects.count(),
        ImportDraft.objects.count(),
    ) == (0, 0, 0, 0)


def test_bad_file_shows_every_problem_and_stores_nothing(client, municipality, editor):
    _login(client, editor)
    frame = long_frame()
    frame.loc[3, "kved"] = "ZZ"
    frame.loc[5, "value"] = -1
    response = _upload(client, municipality.code, excel_csv(frame))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was stored" in page
    assert "“ZZ” is not a KVED 2010 code" in page and "is negative" in page
    assert page.count('data-testid="problem"') == 2
    assert _nothing_stored()


def test_good_file_previews_then_confirm_stores_a_version(client, municipality, editor):
    _login(client, editor)
    frame = long_frame()
    response = _upload(client, municipality.code, excel_csv(frame))
    assert response.status_code == 302
    draft = ImportDraft.objects.get()
    assert Dataset.objects.count() == 0 and Observation.objects.count() == 0
    page = client.get(response["Location"]).content.decode()
    assert "nothing is stored until you confirm" in page
    response = client.post(f"/m/{municipality.code}/assess/import/{draft.pk}/confirm/")
    dataset = Dataset.objects.get()
    assert response["Location"].endswith(f"/assess/datasets/{dataset.pk}/")
    assert ImportDraft.objects.count() == 0
    stored = dataset_data_frame(dataset)
    assert stored.equals(frame.sort_values(["area", "kved", "year"]).reset_index(drop=True))
    # Round trip: the stored values re-import to the same observations, as version 2.
    csv = client.get(f"/m/{municipality.code}/assess/datasets/{dataset.pk}/data/").content
    response = _upload(client, municipality.code, csv, name="again.csv")
    draft = ImportDraft.objects.get()
    client.post(f"/m/{municipality.code}/assess/import/{draft.pk}/confirm/")
    assert list(dataset.versions.values_list("number", flat=True)) == [2, 1]
    v1, v2 = dataset.versions.get(number=1), dataset.versions.get(number=2)
    assert dataset_data_frame(dataset, version=v1).equals(dataset_data_frame(dataset, version=v2))


def test_cancel_discards_and_viewer_cannot_import(client, municipality, editor):
    _login(client, editor)
    _upload(client, municipality.code, excel_csv(long_frame()))
    draft = ImportDraft.objects.get()
    client.post(f"/m/{municipality.code}/assess/import/{draft.pk}/cancel/")
    assert _nothing_stored()
    viewer = make_member(municipality, "viewer")
    _login(client, viewer)
    assert _upload(client, municipality.code, excel_csv(long_frame())).status_code == 403
    assert _nothing_stored()


def test_empty_post_is_a_form_error_not_500(client, municipality, editor):
    _login(client, editor)
    response = client.post(f"/m/{municipality.code}/assess/import/", {})
    assert response.status_code == 200 and _nothing_stored()


@pytest.mark.parametrize("lang,fmt", [("uk", "csv"), ("uk", "xlsx"), ("en", "csv"), ("en", "xlsx")])
def test_templates_download_and_read_back(client, municipality, editor, lang, fmt):
    from hromada.economy.importing import read_table

    _login(client, editor)
    response = client.get(f"/m/{municipality.code}/assess/import/template/{lang}/{fmt}/")
    assert response.status_code == 200
    table, problems = read_table(response.content, f"t.{fmt}")
    assert not problems
    assert list(table.columns)[1] == ("квед" if lang == "uk" else "kved")
    assert "C" in set(table.iloc[:, 1])


def test_overview_is_the_assess_step(client, municipality, editor):
    _login(client, editor)
    page = client.get(f"/m/{municipality.code}/assess/").content.decode()
    assert 'data-testid="assess-title"' in page
    dashboard = client.get(f"/m/{municipality.code}/").content.decode()
    assert f"/m/{municipality.code}/assess/" in dashboard
