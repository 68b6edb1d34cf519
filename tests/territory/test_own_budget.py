"""A hromada's own budget-execution file: checked, stored all-or-nothing, and shown beside
the reference years (imported figures take precedence)."""

import pandas as pd
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from hromada.territory.budget_import import parse_budget
from hromada.territory.models import OwnBudgetYear
from hromada.territory.selectors import own_budget_series
from hromada.territory.services import own_budget_import
from tests.web.factories import PASSWORD, make_member, make_municipality

pytestmark = pytest.mark.django_db
IZIUM = "UA63040090000021240"
HEADER = "hromada_code;year;income_total;income_transfert;income_own;income_pdfo;income_military\n"


def _file(*rows: str) -> bytes:
    return (HEADER + "".join(r + "\n" for r in rows)).encode("cp1251")


def test_problems_are_listed_and_nothing_is_stored():
    m = make_municipality(code=IZIUM)
    bad = _file(
        f"{IZIUM};2024;100;60;40;30;5",
        "UA05020030000031457;2024;1;1;0;0;0",  # another hromada
        f"{IZIUM};20x4;100;60;40;30;5",
        f"{IZIUM};2025;100;-60;40;30;5",
        f"{IZIUM};2024;100;60;40;30;5",
    )  # duplicate year
    with translation.override("en"):  # messages matched in English; uk in the catalogue
        result = own_budget_import(municipality=m, content=bad, filename="b.csv")
        messages = " ".join(p.message for p in result.errors)
    assert "another hromada" in messages and "year is not valid" in messages
    assert "non-negative" in messages and "more than once" in messages
    assert not OwnBudgetYear.objects.exists()
    with translation.override("en"):
        missing = parse_budget(b"year;income_total\n2024;5\n", "b.csv", code=IZIUM)
    assert not missing.ok and "missing" in missing.errors[0].message


def test_imported_years_join_the_reference_and_take_precedence():
    m = make_municipality(code=IZIUM)
    reference = own_budget_series(m)
    assert list(reference["year"]) == [2021, 2022, 2023]
    own_2023 = 2_000_000.0
    content = _file(
        f"{IZIUM};2023;5000000;3000000;{own_2023:.0f};1500000;100000",
        f"{IZIUM};2024;6000000,5;3200000;2800000;2000000;50000",
    )
    result = own_budget_import(municipality=m, content=content, filename="b.csv")
    assert result.ok
    series = own_budget_series(m).set_index("year")
    assert list(series.index) == [2021, 2022, 2023, 2024]
    assert series.loc[2023, "source"] == "imported" and series.loc[2021, "source"] == "reference"
    assert series.loc[2024, "income_total"] == 6000000.5
    assert series.loc[2024, "own_change"] == pytest.approx(2_800_000 / own_2023 - 1)
    expected = (2_800_000 - 50_000) / (own_2023 - 100_000) - 1
    assert series.loc[2024, "own_excl_military_change"] == pytest.approx(expected)
    # Re-import updates the year and keeps the earlier figures in the history.
    own_budget_import(municipality=m, content=_file(f"{IZIUM};2024;1;0;1;0;0"), filename="c.csv")
    record = OwnBudgetYear.objects.get(municipality=m, year=2024)
    assert record.values["income_total"] == 1 and record.history.count() == 2


def test_page_and_roles(client):
    m = make_municipality(code=IZIUM)
    viewer = make_member(m, "viewer")
    editor = make_member(m, "editor")
    url = f"/m/{m.code}/territory/budget/"
    upload = {
        "file": SimpleUploadedFile("b.csv", _file(f"{IZIUM};2024;10;5;5;3;1")),
        "source": "OpenBudget",
    }
    client.login(username=viewer.username, password=PASSWORD)
    page = client.get(url).content.decode()
    assert 'data-year="2022"' in page and "budget-problems" not in page
    assert client.post(url, upload).status_code == 403
    assert not OwnBudgetYear.objects.exists()
    client.login(username=editor.username, password=PASSWORD)
    upload["file"].seek(0)
    assert client.post(url, upload).status_code == 302
    page = client.get(url).content.decode()
    assert 'data-year="2024"' in page
    assert "/history/territory.ownbudgetyear/" in page  # where it can be marked restricted
    bad = {"file": SimpleUploadedFile("b.csv", _file("UA05020030000031457;2025;1;1;0;0;0"))}
    page = client.post(url, bad).content.decode()
    assert "budget-problems" in page and not OwnBudgetYear.objects.filter(year=2025).exists()


def test_series_without_any_data_is_empty():
    m = make_municipality()
    assert own_budget_series(m).empty
    assert isinstance(own_budget_series(m), pd.DataFrame)
