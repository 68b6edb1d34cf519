"""``hromada budget import|fetch|pulse``: the web app's import and fetch from the command line."""

import urllib.error
from pathlib import Path

import pytest
from click.testing import CliRunner

from hromada.budget import fetch as fetch_mod
from hromada.budget.models import MonthlyBudget
from hromada.cli.budget import budget
from tests.web.factories import make_municipality

pytestmark = pytest.mark.django_db(transaction=True)
FIX = Path(__file__).resolve().parents[1] / "fixtures" / "budget_monthly"
CHERNIHIV = "UA74100390000073425"


def test_import_check_and_store():
    m = make_municipality(code=CHERNIHIV)
    sample = str(FIX / "openbudget_chernihiv_2022_2023_sample.csv")
    r = CliRunner().invoke(budget, ["import", sample, "--municipality", m.code, "--check"])
    assert r.exit_code == 0, r.output
    assert "2022-01 to 2023-12" in r.output and not MonthlyBudget.objects.exists()
    r = CliRunner().invoke(budget, ["import", sample, "--municipality", m.code])
    assert r.exit_code == 0 and MonthlyBudget.objects.count() == 1


def test_import_errors_by_row_and_column_in_ukrainian(tmp_path):
    m = make_municipality(code=CHERNIHIV)
    lines = (FIX / "openbudget_chernihiv_2022_2023_sample.csv").read_bytes().decode("cp1251")
    lines = lines.splitlines()
    cells = lines[2].split(";")
    cells[1] = "Z"  # FUND_TYP
    lines[2] = ";".join(cells)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(("\n".join(lines) + "\n").encode("cp1251"))
    r = CliRunner().invoke(budget, ["import", str(bad), "--municipality", m.code, "--lang", "uk"])
    assert r.exit_code == 1
    assert "row 3, column FUND_TYP" in r.output and "фонд" in r.output.lower()
    assert not MonthlyBudget.objects.exists()


def test_boost_import():
    m = make_municipality(code="UA05020030000031457")  # Vinnytsia
    r = CliRunner().invoke(
        budget, ["import", str(FIX / "boost_incomes_slice.xlsx"), "--municipality", m.code]
    )
    assert r.exit_code == 0, r.output
    assert "boost" in r.output and "2021-01 to 2023-03" in r.output


def test_fetch_offline_message(monkeypatch):
    m = make_municipality(code=CHERNIHIV)

    def offline(request, timeout):
        raise urllib.error.URLError("no route to host")

    monkeypatch.setattr(fetch_mod, "urlopen", offline)
    monkeypatch.setattr(fetch_mod.time, "sleep", lambda s: None)
    r = CliRunner().invoke(budget, ["fetch", "--municipality", m.code, "--year", "2024"])
    assert r.exit_code == 1 and "No connection to OpenBudget" in r.output


def test_pulse_prints_shock_forecast_and_backtest():
    m = make_municipality(code=CHERNIHIV)
    r = CliRunner().invoke(budget, ["pulse", "--municipality", m.code])
    assert r.exit_code == 0, r.output
    assert "Shock: trough" in r.output and "Backtest" in r.output


def test_fetch_finds_the_budget_code_in_openbudgets_list(monkeypatch):
    """A hromada outside the bundled cities: its code comes from the recorded budget list."""
    izium = make_municipality(code="UA63040090000021240")
    budget_list = (
        "budgetCode;budgetName;katottg\n"
        "20505000000;Бюджет Ізюмської міської територіальної громади;"
        "UA63040090000021240\n"
        "2055400000;Бюджет Харківської міської територіальної громади;"
        "UA63120270000028556\n"
    ).encode("cp1251")
    answer = (
        (FIX / "openbudget_chernihiv_2022_2023_sample.csv")
        .read_bytes()
        .replace(b"2555900000", b"2050500000")
    )
    calls = []

    class Answer:
        def __init__(self, content):
            self.content = content

        def __enter__(self):
            return self

        def __exit__(self, *a):
            return False

        def read(self):
            return self.content

    def recorded(request, timeout):
        calls.append(request.full_url)
        return Answer(budget_list if "aboutBudgets" in request.full_url else answer)

    monkeypatch.setattr(fetch_mod, "urlopen", recorded)
    r = CliRunner().invoke(budget, ["fetch", "--municipality", izium.code, "--year", "2023"])
    assert r.exit_code == 0, r.output
    assert "2050500000" in r.output and "budgetCode=2050500000" in calls[-1]
    assert MonthlyBudget.objects.get(municipality=izium).budget_codes == "2050500000"
