"""The numbers on the diagnosis page equal hromada.econ on the same data."""

import io
import re

import pandas as pd
import pytest

from hromada.core.taskframework import DUMMY_BACKEND
from hromada.econ import resilience, shiftshare, structure
from hromada.economy.selectors import dataset_panel, diagnosis_compute
from hromada.economy.services import dataset_import
from tests.economy.helpers import long_frame
from tests.web.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset(municipality, editor):
    frame = long_frame().rename(columns={"kved": "sector"})
    frame["area"] = frame["area"].map({"municipality": "local", "reference": "reference"})
    version = dataset_import(
        municipality=municipality,
        frame=frame,
        name="Employment",
        measure="employment",
        unit="persons",
        user=editor,
    )
    return version.dataset


def _table(page: str, testid: str) -> dict[str, list[str]]:
    """data-sector / data-year / data-phase of each row -> the texts of its number cells."""
    block = page.split(f'data-testid="{testid}"', 1)[1].split("</table>", 1)[0]
    out = {}
    for key, body in re.findall(
        r'<tr data-(?:sector|year|phase)="([^"]+)">(.*?)</tr>', block, re.S
    ):
        out[key] = [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r'<t[dh] class="num[^"]*">(.*?)</t[dh]>', body, re.S)
        ]
    return out


def _page(client, user, url):
    client.login(username=user.username, password=PASSWORD)
    client.cookies["django_language"] = "en"
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_page_numbers_equal_econ(client, municipality, editor, dataset):
    local, reference = dataset_panel(dataset)
    page = _page(client, editor, f"/m/{municipality.code}/assess/datasets/{dataset.pk}/")

    lq = structure.location_quotients(local, reference)
    lq = lq[lq["year"] == 2024].set_index("sector")["lq"]
    rows = _table(page, "structure-table")
    assert set(rows) == set(lq.index.astype(str))
    for sector, value in lq.items():
        assert rows[str(sector)][-1] == f"{value:.2f}"

    ss = shiftshare.decompose(local, 2019, 2024, reference=reference, by_sector=True)
    em = shiftshare.decompose(
        local, 2019, 2024, reference=reference, by_sector=True, method="esteban"
    ).set_index("sector")
    rows = _table(page, "shiftshare-table")
    for r in ss.itertuples():
        cells = rows[str(r.sector)]
        assert cells[2:6] == [
            f"{r.growth:.1f}",
            f"{r.national_share:.1f}",
            f"{r.industry_mix:.1f}",
            f"{r.regional_share:.1f}",
        ]
        assert cells[6] == f"{em.loc[r.sector, 'regional_share']:.1f}"
        assert cells[7] == f"{em.loc[r.sector, 'allocation_effect']:.1f}"

    prof = structure.profile(local, reference).set_index("year")
    ref_h = structure.herfindahl(reference.assign(region="r")).droplevel(0)
    rows = _table(page, "concentration-table")
    for year in range(2019, 2025):
        cells = rows[str(year)]
        assert cells[0] == f"{prof.loc[year, 'herfindahl']:.4f}"
        assert cells[1] == f"{ref_h.loc[year]:.4f}"
        assert cells[4] == f"{prof.loc[year, 'krugman_specialisation']:.4f}"
        assert cells[5] == f"{prof.loc[year, 'hachman']:.4f}"

    # Resilience: pre-war 2021, trough = the lowest total after it (2022), latest 2024.
    res = resilience.shock_indices(local, 2021, 2022, 2024, reference=reference).iloc[0]
    rows = _table(page, "resilience-table")
    assert rows["resistance"][:3] == [
        f"{res.resistance:.3f}",
        f"{res.resistance_structural:.3f}",
        f"{res.resistance_competitive:.3f}",
    ]
    assert rows["recovery"][0] == f"{res.recovery:.3f}"


def test_chosen_years_are_used(client, municipality, editor, dataset):
    local, reference = dataset_panel(dataset)
    page = _page(
        client,
        editor,
        f"/m/{municipality.code}/assess/datasets/{dataset.pk}/"
        "?start=2020&end=2022&pre=2019&trough=2023&post=2024",
    )
    ss = shiftshare.decompose(local, 2020, 2022, reference=reference, by_sector=True)
    rows = _table(page, "shiftshare-table")
    r = ss.iloc[0]
    assert rows[str(r.sector)][2] == f"{r.growth:.1f}"
    res = resilience.shock_indices(local, 2019, 2023, 2024, reference=reference).iloc[0]
    assert _table(page, "resilience-table")["resistance"][0] == f"{res.resistance:.3f}"


def test_every_chart_has_explanation_and_csv(client, municipality, editor, dataset):
    page = _page(client, editor, f"/m/{municipality.code}/assess/datasets/{dataset.pk}/")
    ids = re.findall(r'data-testid="chart-([\w-]+)"', page)
    assert len(ids) >= 10, ids
    assert page.count('class="chart-explanation"') == len(ids)
    for chart_id in ids:
        url = re.search(rf'figure-{chart_id}".*?href="([^"]+)"', page, re.S).group(1)
        response = client.get(url.replace("&amp;", "&"))
        assert response.status_code == 200, chart_id
        assert len(response.content.decode("utf-8-sig").splitlines()) > 1


def test_xlsx_holds_every_table(client, municipality, editor, dataset):
    _page(client, editor, f"/m/{municipality.code}/assess/")
    response = client.get(f"/m/{municipality.code}/assess/datasets/{dataset.pk}/xlsx/")
    assert response.status_code == 200
    sheets = pd.read_excel(io.BytesIO(response.content), sheet_name=None, engine="openpyxl")
    diag = diagnosis_compute(dataset)
    # Sheet names and headings are translated for people (issue 21); map them back.
    from django.utils import translation

    from hromada.economy.columns import DIAGNOSIS_HEADERS, DIAGNOSIS_SHEETS

    names, sheet_keys = {}, {}
    for language in ("uk", "en"):
        with translation.override(language):
            names.update({str(label): key for key, label in DIAGNOSIS_HEADERS.items()})
            sheet_keys.update({str(label): key for key, label in DIAGNOSIS_SHEETS.items()})
    assert "specialisation" not in sheets
    sheets = {sheet_keys.get(name, name): frame for name, frame in sheets.items()}
    assert set(diag.tables) <= set(sheets)
    assert "lq" not in sheets["specialisation"].columns
    sheets["specialisation"] = sheets["specialisation"].rename(columns=names)
    got = sheets["specialisation"].set_index("sector")["lq"]
    want = diag.tables["specialisation"].set_index("sector")["lq"]
    pd.testing.assert_series_equal(got.sort_index(), want.sort_index(), check_names=False)


def test_ukrainian_page_localises_numbers(client, municipality, editor, dataset):
    client.login(username=editor.username, password=PASSWORD)
    client.cookies["django_language"] = "uk"
    page = client.get(f"/m/{municipality.code}/assess/datasets/{dataset.pk}/").content.decode()
    lq = _table(page, "structure-table")["C"][-1]
    assert "," in lq and "." not in lq


def test_empty_dataset_page(client, municipality, editor):
    from hromada.economy.models import Dataset

    d = Dataset.objects.create(
        municipality=municipality, name="x", measure="employment", unit="persons"
    )
    page = _page(client, editor, f"/m/{municipality.code}/assess/datasets/{d.pk}/")
    assert "no values" in page


def test_background_run_shows_progress_then_result(client, municipality, editor, dataset, settings):
    from hromada.economy.models import DiagnosisRun
    from hromada.economy.services import diagnosis_run_execute

    settings.TASKS = {"default": {"BACKEND": DUMMY_BACKEND}}
    url = f"/m/{municipality.code}/assess/datasets/{dataset.pk}/"
    page = _page(client, editor, url)
    assert 'data-testid="diagnosis-progress"' in page and 'hx-trigger="every 1s"' in page
    run = DiagnosisRun.objects.get()
    progress = f"{url}progress/{run.pk}/"
    assert "<progress" in client.get(progress, HTTP_HX_REQUEST="true").content.decode()
    diagnosis_run_execute(run_id=run.pk)
    response = client.get(progress, HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"
    page = client.get(url).content.decode()
    assert 'data-testid="structure-table"' in page
    assert DiagnosisRun.objects.count() == 1
