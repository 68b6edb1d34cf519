"""The glue of the Resilience step gives exactly hromada.econ's numbers."""

import numpy as np
import pandas as pd
import pytest

from hromada.demo_io import demo_table
from hromada.econ.inoperability import scenario
from hromada.econ.inputoutput import multiplier_table, regionalise
from hromada.resilience.analysis import (
    UKRAINE_POPULATION_2022,
    combine_shocks,
    project_impact,
    regional_model,
    run_scenario,
)

LOCAL = pd.Series({"A": 500.0, "C": 3000.0, "D": 200.0, "E": 150.0, "G": 2000.0, "H": 400.0,
                   "P": 1500.0, "Q": 900.0})


def test_national_structure_model_scales_by_population():
    t = demo_table()
    m = regional_model(local=None, population=48_000)
    E = t.employment * 48_000 / UKRAINE_POPULATION_2022
    expected = regionalise(t.A, E, t.employment, method="flq", delta=0.25)
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
    shocks = [{"kind": "electricity", "section": "D", "share": 0.6, "days": 30,
               "recovery_days": 90}]
    out = run_scenario(m, shocks, horizon=200)
    ref = scenario(A, x, {"D": 0.6}, days=pd.Series(30.0, index=A.columns).where(
        A.columns == "D", 0.0), recovery_days=90, horizon=200)
    assert out.total_loss == pytest.approx(float(ref.total_loss.iloc[0]))
    assert out.direct_loss == pytest.approx(float(ref.direct_loss.iloc[0]))
    assert out.indirect_share == pytest.approx(float(ref.indirect_share.iloc[0]))
    assert out.ranking == ref.ranking.iloc[0].tolist()
    assert out.daily.shape == (201, len(LOCAL))
    assert 0 < out.indirect_share < 1


def test_combined_shocks_on_one_section():
    share, days, rec = combine_shocks([
        {"section": "D", "share": 0.5, "days": 10, "recovery_days": 20},
        {"section": "D", "share": 0.2, "days": 30, "recovery_days": 5}])
    assert share["D"] == pytest.approx(0.6)
    assert days["D"] == 30 and rec["D"] == 20


def test_shock_on_absent_sector_is_reported():
    m = regional_model(local=LOCAL)
    out = run_scenario(m, [{"section": "D", "share": 0.5, "days": 5, "recovery_days": 10},
                           {"section": "J", "share": 0.5, "days": 5, "recovery_days": 10}])
    assert out.skipped == ["J"]
    with pytest.raises(ValueError):
        run_scenario(m, [{"section": "J", "share": 0.5, "days": 5, "recovery_days": 10}])


def test_project_impact_matches_multiplier_table():
    m = regional_model(local=LOCAL)
    res = project_impact(m, "C", 10.0)
    table = multiplier_table(m.A, m.x, wages=m.wages, jobs=m.jobs,
                             household_consumption=m.household_consumption)
    assert res.totals["output"] == pytest.approx(10.0 * table.loc["C", "output_type1"])
    assert res.totals["output_type2"] == pytest.approx(10.0 * table.loc["C", "output_type2"])
    assert res.totals["output_type2"] > res.totals["output"] > 10.0
