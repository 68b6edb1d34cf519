"""The monthly fiscal pulse in the web app: import all-or-nothing and versioned, problems by
row and column in the user's language, fetch with recorded answers, the page for a bundled
city, for Izium (an example city, said so) and the fiscal space."""

import urllib.error
from pathlib import Path

import pytest
from django.utils import translation

from hromada.budget import fetch as fetch_mod
from hromada.budget.fetch import FetchError, fetch_answer
from hromada.budget.models import MonthlyBudget, PulseAssumptions
from hromada.budget.selectors import data_source, fiscal_space_for
from hromada.budget.services import monthly_budget_fetch, monthly_budget_import
from tests.web.factories import PASSWORD, make_member, make_municipality

pytestmark = pytest.mark.django_db
FIX = Path(__file__).resolve().parents[1] / "fixtures" / "budget_monthly"
SAMPLE = FIX / "openbudget_chernihiv_2022_2023_sample.csv"
CHERNIHIV = "UA74100390000073425"
IZIUM = "UA63040090000021240"


def test_import_is_all_or_nothing_with_problems_by_row_and_column_in_ukrainian():
    m = make_municipality(code=CHERNIHIV)
    text = SAMPLE.read_bytes().decode("cp1251").splitlines()
    cells = text[3].split(";")
    cells[1] = "X"  # FUND_TYP
    text[3] = ";".join(cells)
    text[5] = text[5].rsplit(";", 1)[0] + ";дванадцять"
    bad = ("\n".join(text) + "\n").encode("cp1251")
    with translation.override("uk"):
        result = monthly_budget_import(municipality=m, content=bad, filename="ob.csv")
        problems = {(p.row, p.column): p.message for p in result.errors}
    assert (4, "FUND_TYP") in problems and (6, "FAKT_AMT") in problems
    assert "фонд" in problems[(4, "FUND_TYP")].lower()
    assert not MonthlyBudget.objects.exists()


def test_import_stores_months_and_keeps_history():
    m = make_municipality(code=CHERNIHIV)
    result = monthly_budget_import(
        municipality=m, content=SAMPLE.read_bytes(), filename="ob.csv", source="OpenBudget"
    )
    assert result.ok, result.problems
    record = MonthlyBudget.objects.get(municipality=m)
    assert record.budget_codes == "2555900000" and record.rows > len(result.frame)
    assert f"{record.first_month:%Y-%m}" == "2021-01"  # bundled months kept around the file's
    monthly_budget_import(municipality=m, content=SAMPLE.read_bytes(), filename="again.csv")
    assert MonthlyBudget.objects.get(municipality=m).history.count() == 2
    assert data_source(m)["kind"] == "imported"


def test_import_of_another_budget_is_refused():
    m = make_municipality(code=IZIUM)  # not one of the bundled cities: one budget accepted
    assert monthly_budget_import(municipality=m, content=SAMPLE.read_bytes(), filename="ob.csv").ok
    kharkiv = make_municipality(code="UA63120270000028556")
    with translation.override("en"):
        r = monthly_budget_import(
            municipality=kharkiv, content=SAMPLE.read_bytes(), filename="ob.csv"
        )
    assert not r.ok and "no rows of your hromada's budget" in r.errors[0].message


class _Answer:
    def __init__(self, content):
        self.content = content

    def __enter__(self):
        return self

    def __exit__(self, *a):
        return False

    def read(self):
        return self.content


def test_fetch_with_recorded_answer_and_retries(monkeypatch):
    calls = []
    recorded = SAMPLE.read_bytes()

    def fake(request, timeout):
        calls.append((request.full_url, timeout))
        if len(calls) == 1:
            raise urllib.error.URLError("temporary failure")
        return _Answer(recorded)

    monkeypatch.setattr(fetch_mod, "urlopen", fake)
    assert fetch_answer("2555900000", 2023, pause=0) == recorded
    assert len(calls) == 2 and "budgetCode=2555900000" in calls[0][0]
    assert "year=2023" in calls[0][0] and calls[0][1] == fetch_mod.TIMEOUT


def test_fetch_offline_says_so(monkeypatch):
    def offline(request, timeout):
        raise urllib.error.URLError("Name or service not known")

    monkeypatch.setattr(fetch_mod, "urlopen", offline)
    with translation.override("en"), pytest.raises(FetchError, match="No connection"):
        fetch_answer("2555900000", 2023, pause=0)


def test_fetch_service_merges_years():
    m = make_municipality(code=CHERNIHIV)
    r = monthly_budget_fetch(
        municipality=m,
        budget_code="2555900000",
        years=[2023],
        fetcher=lambda code, year: SAMPLE.read_bytes(),
    )
    assert r.ok
    record = MonthlyBudget.objects.get(municipality=m)
    assert record.layout == "fetched"
    # The fetched months replace the bundled ones; the bundled history stays (2021-2026).
    assert f"{record.first_month:%Y-%m}" == "2021-01" and f"{record.last_month:%Y-%m}" == "2026-06"
    from hromada.budget.selectors import frame_of

    f = frame_of(record)
    pit = f[(f["code"] == "11010100") & (f["fund"] == "C")].set_index("month")["amount"]
    assert pit.loc["2023-03-01"] == pytest.approx(
        float(
            r.frame[
                (r.frame["code"] == "11010100")
                & (r.frame["fund"] == "C")
                & (r.frame["month"] == "2023-03-01")
            ]["amount"].iloc[0]
        )
    )


def test_page_of_a_bundled_city_and_of_izium(client):
    m = make_municipality(code=CHERNIHIV)
    viewer = make_member(m, "viewer")
    client.login(username=viewer.username, password=PASSWORD)
    page = client.get(f"/m/{m.code}/budget/").content.decode()
    assert 'data-testid="pulse-shock"' in page and 'data-testid="pulse-forecast-table"' in page
    assert "Чернігів" in page and "pulse-fetch" not in page  # viewers cannot fetch
    assert 'data-testid="pulse-peer-self"' in page  # peers: its own row marked
    assert client.post(f"/m/{m.code}/budget/import/", {}).status_code == 403
    izium = make_municipality(code=IZIUM)
    v2 = make_member(izium, "viewer")
    client.login(username=v2.username, password=PASSWORD)
    with translation.override("en"):
        page = client.get(f"/m/{izium.code}/budget/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Kharkiv" in page and 'data-testid="pulse-source"' in page
    assert data_source(izium)["kind"] == "example"
    csv = client.get(f"/m/{izium.code}/budget/backtest.csv")
    assert csv.status_code == 200 and b"ape_naive" in csv.content


def test_assumptions_and_fiscal_space(client):
    m = make_municipality(code=CHERNIHIV)
    editor = make_member(m, "editor")
    client.login(username=editor.username, password=PASSWORD)
    before = fiscal_space_for(m)
    assert before["space"] == pytest.approx(before["expected"])
    r = client.post(
        f"/m/{m.code}/budget/assumptions/",
        {
            "base_lost": 10,
            "pit_share_ratio": 1,
            "single_tax_ratio": 1,
            "property_ratio": 1,
            "committed": 1e9,
            "reserve": 0,
        },
    )
    assert r.status_code == 302
    a = PulseAssumptions.objects.get(municipality=m)
    after = fiscal_space_for(m)
    assert after["expected"] < before["expected"]  # 10 % of the wage base lost
    assert after["space"] == pytest.approx(after["expected"] - 1e9)
    assert a.history.count() == 1
    bad = client.post(
        f"/m/{m.code}/budget/assumptions/",
        {
            "base_lost": 150,
            "pit_share_ratio": 1,
            "single_tax_ratio": 1,
            "property_ratio": 1,
            "committed": 0,
            "reserve": 0,
        },
    )
    assert bad.status_code == 400


def test_fiscal_space_feeds_the_action_plan(client):
    from hromada.monitoring import selectors as monitoring

    m = make_municipality(code=CHERNIHIV)
    summary = monitoring.funding_summary(m)
    assert summary["fiscal_space"]["cofinancing"] > 0
    assert summary["gap_after_own"] == 0.0  # no projects: no gap
    izium = make_municipality(code=IZIUM)  # example city only: nothing offered to the plan
    assert monitoring.funding_summary(izium)["fiscal_space"] is None
    editor = make_member(m, "editor")
    client.login(username=editor.username, password=PASSWORD)
    page = client.get(f"/m/{m.code}/follow-up/").content.decode()
    assert 'data-testid="fiscal-space"' in page


def _expenses_answer() -> bytes:
    """An EXPENSES answer by ECONOMIC classification as the API gives it (cumulative)."""
    lines = [
        "REP_PERIOD;FUND_TYP;COD_BUDGET;COD_CONS_EK;COD_CONS_EK_NAME;ZAT_AMT;PLANS_AMT;FAKT_AMT"
    ]
    for month in range(1, 13):
        for code, per_month in (("2111", 100.0), ("2120", 22.0), ("2273", 10.0), ("2210", 50.0)):
            amount = f"{per_month * month:.2f}".replace(".", ",")  # decimal comma
            lines.append(f"{month:02d}.2024;C;2555900000;{code};Назва;0;0;{amount}")
    return ("\n".join(lines) + "\n").encode("cp1251")


def test_expenses_import_gives_the_committed_spending_hint(client):
    from hromada.budget.selectors import committed_hint

    m = make_municipality(code=CHERNIHIV)
    r = monthly_budget_import(municipality=m, content=_expenses_answer(), filename="exp.csv")
    assert r.ok and r.item == "expenses", r.problems
    assert set(r.frame["amount"].round(2)) == {100.0, 22.0, 10.0, 50.0}
    hint = committed_hint(m)
    assert hint["amount"] == pytest.approx(12 * (100 + 22 + 10))  # 2210 supplies excluded
    editor = make_member(m, "editor")
    client.login(username=editor.username, password=PASSWORD)
    assert 'data-testid="committed-hint"' in client.get(f"/m/{m.code}/budget/").content.decode()
    assert data_source(m)["kind"] == "reference"  # expenses do not replace the incomes


def test_fetch_button_offline_says_so_and_stores_nothing(client, monkeypatch):
    def offline(request, timeout):
        raise urllib.error.URLError("Temporary failure in name resolution")

    monkeypatch.setattr(fetch_mod, "urlopen", offline)
    monkeypatch.setattr(fetch_mod.time, "sleep", lambda s: None)
    m = make_municipality(code=CHERNIHIV)
    editor = make_member(m, "editor")
    client.login(username=editor.username, password=PASSWORD)
    with translation.override("en"):
        r = client.post(
            f"/m/{m.code}/budget/fetch/",
            {"budget_code": "2555900000", "year": 2025},
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert r.status_code == 400 and "No connection to OpenBudget" in r.content.decode()
    assert not MonthlyBudget.objects.exists()


def test_fiscal_space_from_restricted_monthly_data_stays_home():
    """The co-financing figure is derived from the monthly budget records: once one of them
    is restricted, no outward copy (reports, shares) carries it."""
    import datetime

    from hromada.monitoring import selectors as monitoring

    m = make_municipality(code=CHERNIHIV)
    assert monitoring.funding_summary(m, include_restricted=False)["fiscal_space"] is not None
    MonthlyBudget.objects.create(
        municipality=m,
        item="expenses",
        layout="openbudget",
        budget_codes="2557000000",
        first_month=datetime.date(2024, 1, 31),
        last_month=datetime.date(2024, 1, 31),
        rows=0,
        restricted=True,
    )
    assert monitoring.funding_summary(m, include_restricted=False)["fiscal_space"] is None
    assert monitoring.funding_summary(m)["fiscal_space"] is not None  # the hromada's own pages
