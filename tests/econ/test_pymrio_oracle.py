"""pymrio as an oracle: A, L, x and multipliers on pymrio.load_test() agree to 1e-10."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from hromada.econ.inputoutput import (
    gross_output,
    impact,
    income_multipliers,
    leontief_inverse,
    output_multipliers,
    technical_coefficients,
)

pymrio = pytest.importorskip("pymrio")


@pytest.fixture(scope="module")
def mrio():
    io = pymrio.load_test()
    io.calc_all()
    return io


def test_x_A_L_match_pymrio(mrio):
    x = gross_output(mrio.Z, mrio.Y)
    assert isinstance(x, pd.Series)
    np.testing.assert_allclose(x.to_numpy(), mrio.x["indout"].to_numpy(), rtol=1e-10, atol=1e-10)
    A = technical_coefficients(mrio.Z, x)
    assert isinstance(A, pd.DataFrame) and A.index.equals(mrio.A.index)
    np.testing.assert_allclose(A.to_numpy(), mrio.A.to_numpy(), rtol=1e-10, atol=1e-10)
    L = leontief_inverse(A)
    np.testing.assert_allclose(L.to_numpy(), mrio.L.to_numpy(), rtol=1e-10, atol=1e-10)
    # x = L y, as pymrio's calc_x_from_L
    xy = impact(L, mrio.Y.sum(axis=1))["output"]
    np.testing.assert_allclose(xy.to_numpy(), x.to_numpy(), rtol=1e-10)


def test_multipliers_match_pymrio(mrio):
    x = gross_output(mrio.Z, mrio.Y)
    L = leontief_inverse(technical_coefficients(mrio.Z, x))
    # pymrio M = S L with S = F / x (the "simple" factor multiplier)
    for ext in (mrio.factor_inputs, mrio.emissions):
        for row in ext.F.index:
            ours = income_multipliers(L, ext.F.loc[row], x)
            np.testing.assert_allclose(
                ours.to_numpy(), ext.M.loc[row].to_numpy(), rtol=1e-10, atol=1e-12
            )
    # output multipliers: pymrio's L column sums
    np.testing.assert_allclose(
        output_multipliers(L).to_numpy(), mrio.L.sum(axis=0).to_numpy(), rtol=1e-10
    )
