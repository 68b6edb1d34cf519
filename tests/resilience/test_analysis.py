"""The glue of the Resilience step gives exactly hromada.econ's numbers."""

import numpy as np
import pandas as pd
import pytest

from hromada.econ.errors import HromadaDataError
from hromada.econ.inoperability import default_dependence, scenario
from hromada.econ.inputoutput import multiplier_table, regionalise
from hromada.refdata.demo_io import demo_table, household_budget
from hromada.resilience.analysis import (
    DISPOSABLE_SHARE,
    UKRAINE_POPULATION_2022,
    combine_shocks,
    project_impact,
    regional_model,
    regional_multipliers,
    run_scenario,
)

LOCAL = pd.Series(
    {
        "A": 500.0,
        "C": 3000.0,
        "D": 200.0,
        "E": 150.0,
        "G": 2000.0,
        "H": 400.0,
        "P": 1500.0,
        "Q": 900.0,
    }
)


def test_national_structure_model_scales_by_population():
    t = demo_table()
    m = regional_model(local=None, population=48_000)
    E = t.employment * 48_000 / UKRAINE_POPULATION_2022
    # a hromada is far below 1 % of the nation: delta 0.2, range 0.1-0.3 (Lampiris et al.)
    assert (m.delta, m.delta_low, m.delta_high) == (0.2, 0.1, 0.3)
    assert "Lampiris" in m.delta_source and m.kind == "demonstration"
    expected = regionalise(t.A, E, t.employment, method="flq", delta=0.2)
    assert m.size_source == "national"
    np.testing.assert_allclose(m.A.to_numpy(), expected.loc[m.sectors, m.sectors].to_numpy())
    np.testing.assert_allclose(m.x.sum(), (t.x * 48_000 / UKRAINE_POPULATION_2022).sum())


def test_local_employment_model_and_scenario_match_the_library():
    t = demo_table()
    m = regional_model(local=LOCAL, method="aflq", delta=0.3)
    assert m.size_source == "local" and m.national_size_source == "table"
    assert list(m.sectors) == list(LOCAL.index)
    E = LOCAL.reindex(t.sectors, fill_value=0.0)
    A = regionalise(t.A, E, t.employment, method="aflq", delta=0.3).loc[LOCAL.index, LOCAL.index]
    x = (t.x * E / t.employment)[LOCAL.index]
    shocks = [
        {"kind": "electricity", "section": "D", "share": 0.6, "days": 30, "recovery_days": 90}
    ]
    out = run_scenario(m, shocks, horizon=200, backup={"C": 0.5})
    dep = default_dependence().loc[["D"], list(LOCAL.index)]
    ref = scenario(
        A,
        x,
        {"D": 0.6},
        days=pd.Series(30.0, index=A.columns).where(A.columns == "D", 0.0),
        recovery_days=90,
        horizon=200,
        critical=dep,
        backup={"C": 0.5},
    )
    assert out.kind_of_model == "input constraint" == ref.model
    assert out.lifeline_loss == pytest.approx(float(ref.lifeline_loss.iloc[0]))
    assert out.total_loss == pytest.approx(float(ref.total_loss.iloc[0]))
    assert out.direct_loss == pytest.approx(float(ref.direct_loss.iloc[0]))
    assert out.indirect_share == pytest.approx(float(ref.indirect_share.iloc[0]))
    assert out.ranking == ref.ranking.iloc[0].tolist()
    assert out.daily.shape == (201, len(LOCAL))
    assert 0 < out.indirect_share < 1


def test_combined_shocks_on_one_section():
    share, days, rec = combine_shocks(
        [
            {"section": "D", "share": 0.5, "days": 10, "recovery_days": 20},
            {"section": "D", "share": 0.2, "days": 30, "recovery_days": 5},
        ]
    )
    assert share["D"] == pytest.approx(0.6)
    assert days["D"] == 30 and rec["D"] == 20


def test_shock_on_absent_sector_is_reported():
    m = regional_model(local=LOCAL)
    out = run_scenario(
        m,
        [
            {"section": "D", "share": 0.5, "days": 5, "recovery_days": 10},
            {"section": "J", "share": 0.5, "days": 5, "recovery_days": 10},
        ],
    )
    assert out.skipped == ["J"]
    with pytest.raises(ValueError):
        run_scenario(m, [{"section": "J", "share": 0.5, "days": 5, "recovery_days": 10}])


def test_project_impact_matches_multiplier_table():
    m = regional_model(local=LOCAL)
    res = project_impact(m, "C", 10.0)
    table = multiplier_table(
        m.A, m.x, wages=m.wages, jobs=m.jobs, household_consumption=m.household_consumption
    )
    assert res.totals["output"] == pytest.approx(10.0 * table.loc["C", "output_type1"])
    assert res.totals["output_type2"] == pytest.approx(10.0 * table.loc["C", "output_type2"])
    assert res.totals["output_type2"] > res.totals["output"] > 10.0


def test_demand_shock_keeps_the_demand_side_model():
    m = regional_model(local=LOCAL)
    employer = [{"kind": "employer", "section": "D", "share": 0.5, "days": 30, "recovery_days": 60}]
    out = run_scenario(m, employer)
    assert out.kind_of_model == "demand" and out.lifeline_loss == 0.0
    outage = run_scenario(m, [{**employer[0], "kind": "electricity"}])
    assert outage.kind_of_model == "input constraint"
    assert outage.peak["C"] >= 0.5 * default_dependence().loc["D", "C"] - 1e-12
    assert out.peak["C"] < 0.1  # the value-based cascade barely reaches manufacturing


def test_no_population_is_never_assumed():
    with pytest.raises(HromadaDataError, match="population"):
        regional_model(local=None, population=None)
    with pytest.raises(HromadaDataError, match="population"):
        regional_model(local=None, population=0)


def test_type2_households_spend_disposable_income_locally_by_location_quotient():
    m = regional_model(local=LOCAL, delta=0.25)
    t = demo_table()
    E = LOCAL.reindex(t.sectors, fill_value=0.0)
    N = t.employment
    # by hand: SLQ_i, lambda*, budget share x (1 - 18 % - 5 %) x min(SLQ_i lambda*, 1)
    slq = (E / E.sum()) / (N / N.sum())
    lam = np.log2(1 + E.sum() / N.sum()) ** 0.25
    per_uah = household_budget() * (1 - 0.18 - 0.05) * np.minimum(slq * lam, 1.0)
    wages = (t.compensation * E / N)[LOCAL.index]
    expected = per_uah[LOCAL.index] * wages.sum()
    np.testing.assert_allclose(m.household_consumption, expected, rtol=1e-12)
    assert DISPOSABLE_SHARE == pytest.approx(0.77)
    # the closed model by hand: [[A, c / W], [w / x, 0]]
    n = len(LOCAL)
    Abar = np.zeros((n + 1, n + 1))
    Abar[:n, :n] = m.A.to_numpy()
    Abar[:n, n] = (expected / wages.sum()).to_numpy()
    Abar[n, :n] = (wages / m.x).to_numpy()
    hand = np.linalg.inv(np.eye(n + 1) - Abar)[:n, :n].sum(axis=0)
    table = regional_multipliers(m)
    np.testing.assert_allclose(table["output_type2"], hand, rtol=1e-10)


def test_induced_effect_is_sane_for_a_small_region():
    # a town of 48,000: the induced effect (Type II - Type I) stays below the indirect one
    # (Type I - 1) in most sectors, and within 1 / (1 - local propensity to consume)
    m = regional_model(local=None, population=48_000)
    table = regional_multipliers(m)
    indirect = table["output_type1"] - 1
    induced = table["output_type2"] - table["output_type1"]
    ratio = (induced / indirect)[indirect > 0.01]
    assert 0 < ratio.median() < 1
    lpc = float(m.household_consumption.sum() / m.wages.sum())
    assert lpc < DISPOSABLE_SHARE
    assert (table["output_type2"] <= table["output_type1"] / (1 - lpc) + 1e-9).all()


def test_web_and_cli_give_identical_multipliers(tmp_path):
    from click.testing import CliRunner

    from hromada.cli import main

    emp = tmp_path / "emp.csv"
    emp.write_text(
        "region,sector,value\n" + "".join(f"Izium,{s},{v:g}\n" for s, v in LOCAL.items())
    )
    out = tmp_path / "m.csv"
    res = CliRunner().invoke(
        main, ["analyze", "multipliers", "demo", "--region-employment", str(emp), "--out", str(out)]
    )
    assert res.exit_code == 0, res.output
    cli = pd.read_csv(out, index_col=[0, 1]).loc["Izium"]
    # the page's model: the same local employment against the app's national reference
    web = project_impact(regional_model(local=LOCAL), "C", 1.0)
    for col in ("output_type1", "output_type2", "employment_type1", "income_type2"):
        np.testing.assert_allclose(cli[col].to_numpy(), web.table[col].to_numpy(), rtol=1e-12)
    # every multiplier's range over the delta interval, not only output's
    for col in web.table.columns:
        np.testing.assert_allclose(cli[f"{col}_low"], web.table_low[col], rtol=1e-12)
        np.testing.assert_allclose(cli[f"{col}_high"], web.table_high[col], rtol=1e-12)
        assert (cli[f"{col}_low"] <= cli[col] + 1e-12).all()
        assert (cli[col] <= cli[f"{col}_high"] + 1e-12).all()
    # the rates and the delta interval are printed with their sources
    assert "77% of wages" in res.output and "Tax Code art. 167.1" in res.output
    assert "Izium: ranges (*_low, *_high) over FLQ delta 0.1-0.3" in res.output


def test_cli_national_type2_uses_disposable_income(tmp_path):
    """A national table's Type II: households spend 77 % of wages with the budget shares
    (the regional rule with every quotient 1), not the table's whole consumption."""
    from click.testing import CliRunner

    from hromada.cli import main
    from hromada.resilience.analysis import household_spending

    out = tmp_path / "n.csv"
    res = CliRunner().invoke(main, ["analyze", "multipliers", "demo", "--out", str(out)])
    assert res.exit_code == 0, res.output
    cli = pd.read_csv(out, index_col=0)
    t = demo_table()
    wages = float(t.compensation.sum())
    hh = household_budget().reindex(t.sectors, fill_value=0.0) * DISPOSABLE_SHARE * wages
    expected = multiplier_table(
        t.A, t.x, wages=t.compensation, jobs=t.employment, household_consumption=hh
    )
    for col in ("output_type1", "output_type2", "income_type2", "employment_type2"):
        np.testing.assert_allclose(cli[col].to_numpy(), expected[col].to_numpy(), rtol=1e-12)
    # the same household row as the regional path's, for a "region" that is the nation
    same = household_spending(household_budget(), wages, t.employment, t.employment)
    np.testing.assert_allclose(same.reindex(t.sectors).to_numpy(), hh.to_numpy(), rtol=1e-12)
    # and below the textbook closure with the table's whole household consumption
    textbook = multiplier_table(
        t.A,
        t.x,
        wages=t.compensation,
        jobs=t.employment,
        household_consumption=t.household_consumption,
    )
    induced = cli["output_type2"] - cli["output_type1"]
    induced_textbook = textbook["output_type2"] - textbook["output_type1"]
    assert (induced.to_numpy() <= induced_textbook.to_numpy() + 1e-12).all()
    assert "77% of wages" in res.output


def test_cli_shock_prints_money_in_thousand_uah_three_digits():
    import re

    from click.testing import CliRunner

    from hromada.cli import main

    res = CliRunner().invoke(main, ["analyze", "shock", "demo", "--sector", "D"])
    assert res.exit_code == 0, res.output
    line = next(x for x in res.output.splitlines() if x.startswith("Total output lost"))
    amount = re.search(r"lost: ([\d,.]+) thousand UAH", line).group(1)
    digits = amount.replace(",", "").replace(".", "").strip("0")
    assert 1 <= len(digits) <= 3, amount


def test_one_national_employment_reference():
    from hromada.economy.demo import _UKRAINE_2021, illustrative_employment
    from hromada.refdata.demo_io import UKRAINE_EMPLOYMENT

    assert UKRAINE_EMPLOYMENT == _UKRAINE_2021
    ref = illustrative_employment()
    ref = ref[(ref["area"] == "reference") & (ref["year"] == 2021)].set_index("sector")["value"]
    t = demo_table()
    pd.testing.assert_series_equal(
        t.employment[ref.index], ref.astype(float), check_names=False, check_index_type=False
    )


def test_project_impact_range_brackets_the_central_value():
    m = regional_model(local=None, population=48_000)
    res = project_impact(m, "F", 10.0)
    for k, v in res.totals.items():
        assert res.totals_low[k] <= v + 1e-12 <= res.totals_high[k] + 2e-12
    assert res.totals_low["output"] < res.totals_high["output"]
    assert res.kind == "demonstration" and "Belgium 2020" in res.source


def test_default_dependence_is_an_estimate_with_a_range():
    low, central, high = (default_dependence(b) for b in ("low", "central", "high"))
    assert (low <= central).all().all() and (central <= high).all().all()
    assert ((low >= 0) & (high <= 1)).all().all()
    for life in central.index:  # a lifeline's own loss is its shock, at every bound
        assert low.loc[life, life] == central.loc[life, life] == high.loc[life, life] == 0
    assert (high - low).max().max() > 0.3  # a real range, not a point
    with pytest.raises(HromadaDataError, match="bound"):
        default_dependence("median")
    # the docstring says plainly that it is the project's estimate
    assert "project's own estimate" in default_dependence.__doc__


def test_scenario_result_is_shown_over_the_dependence_range():
    from hromada.resilience.presentation import dependence_rows, model_used, summary_frame

    m = regional_model(local=LOCAL)
    shocks = [
        {"kind": "electricity", "section": "D", "share": 0.6, "days": 30, "recovery_days": 90}
    ]
    out = run_scenario(m, shocks, horizon=200)
    low, high = out.total_loss_dependence_range
    assert low < out.total_loss < high
    # the ends are the same model run with the low and high dependence tables
    dep_high = default_dependence("high").loc[["D"], list(m.sectors)]
    again = run_scenario(m, shocks, horizon=200, with_range=False)
    assert again.total_loss_dependence_range is None
    np.testing.assert_allclose(out.dependence_high.to_numpy(), dep_high.to_numpy())
    # full backup everywhere: the dependence no longer matters, the range collapses
    full = run_scenario(m, shocks, horizon=200, backup={s: 1.0 for s in m.sectors})
    lo_f, hi_f = full.total_loss_dependence_range
    assert lo_f == pytest.approx(hi_f) == pytest.approx(full.total_loss)
    # the page says it, with the range; the table shows each cell's range
    from django.utils import translation

    with translation.override("en"):
        assert "own estimate" in model_used(out)
        labels = summary_frame(out).iloc[:, 0].astype(str).tolist()
    assert any("(" in v for r in dependence_rows(out) for v in r["values"])
    assert any("dependence estimate" in x for x in labels)
    # a demand shock has no dependence range
    employer = [{**shocks[0], "kind": "employer"}]
    assert run_scenario(m, employer).total_loss_dependence_range is None
