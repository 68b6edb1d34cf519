"""Issue 19, item 6: the annual rows' last year is a part year (January-July 2023); it is
detected, never compared with a whole year without saying so, and a real-terms change is
shown with the CPI's source."""

import numpy as np
import pandas as pd
import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from hromada.econ.fiscal_coverage import months_covered, part_years
from hromada.territory import selectors
from tests.web.factories import PASSWORD, make_member, make_municipality

IZIUM = "UA63040090000021240"


def test_2023_is_detected_as_january_to_july():
    cov = selectors.year_coverage()
    assert not cov[2021]["part"] and not cov[2022]["part"]
    assert cov[2023]["part"]
    assert cov[2023]["months"] == 7 and cov[2023]["matched"] >= 15
    assert cov[2023]["total"] / cov[2022]["total"] == pytest.approx(187.39 / 294.13, abs=0.001)


def test_real_change_uses_the_annual_average_cpi():
    inflation = selectors.annual_inflation(2021, 2022)
    assert inflation == pytest.approx(0.202, abs=0.002)  # cpi_annual_2015_2025.csv: 120.2
    rows = selectors.tables().budget.set_index(["hromada_code", "year"])["income_own"]
    nominal = rows[(IZIUM, 2022)] / rows[(IZIUM, 2021)] - 1
    real = selectors.real_own_change(IZIUM, 2021, 2022)
    assert real == pytest.approx((1 + nominal) / (1 + inflation) - 1, rel=1e-9)
    assert selectors.real_own_change(IZIUM, 2022, 2023) is None  # part year: no real change


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(0.9, 1.3), min_size=2, max_size=6), st.integers(1, 11))
def test_property_a_cut_year_is_flagged_and_its_months_found(growth, months):
    totals = np.cumprod([100.0, *growth])
    monthly = totals[-1] / 12
    budget = pd.DataFrame(
        {"year": range(2015, 2015 + len(totals)), "income_own": [*totals[:-1], monthly * months]}
    )
    flags = part_years(budget)
    assert flags["part_year"].iloc[-1] == (months * monthly / totals[-2] < 0.85)
    assert not flags["part_year"].iloc[:-1].any()
    cum = pd.DataFrame([np.cumsum(np.full(12, monthly))], index=["h"], columns=range(1, 13))
    found = months_covered(pd.Series({"h": monthly * months}), cum)
    assert found.loc["h", "month"] == months and found.loc["h", "matched"]


@pytest.mark.django_db
def test_izium_page_no_longer_says_fell_for_2023_and_shows_the_caveat(client):
    m = make_municipality(code=IZIUM)
    viewer = make_member(m, "viewer")
    client.login(username=viewer.username, password=PASSWORD)
    with translation.override("en"):
        page = client.get(f"/m/{m.code}/territory/fiscal/", HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert "from 2022 to 2023" not in text  # no "fell 5 % ... less than in 73 %"
    assert "cover only January to month 7" in text
    assert 'data-testid="part-year-own_change_2022_2023"' in text
    assert "In real terms" in text and "State Statistics Service" in text


@pytest.mark.django_db
def test_revenues_by_year_do_not_compare_the_part_year(client):
    from hromada.territory.selectors import own_budget_series

    m = make_municipality(code=IZIUM)
    series = own_budget_series(m).set_index("year")
    assert series.loc[2023, "part_year"] and series.loc[2023, "months_covered"] == 7
    assert np.isnan(series.loc[2023, "own_change"])
    assert not np.isnan(series.loc[2022, "own_change"])
    viewer = make_member(m, "viewer")
    client.login(username=viewer.username, password=PASSWORD)
    page = client.get(f"/m/{m.code}/territory/budget/").content.decode()
    assert 'data-testid="part-year-2023"' in page
    csv = client.get(f"/m/{m.code}/territory/fiscal/comparison.csv").content.decode("utf-8-sig")
    lines = csv.splitlines()
    assert lines[0].endswith(",note")
    part = [x for x in lines if x.startswith("own_change_2022_2023,")]
    assert part and all("January to month 7" in x or "січень" in x for x in part)
