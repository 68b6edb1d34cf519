"""Time the monthly fiscal pulse: the import of the 25 cities' OpenBudget file and the
pulse with its forecast for one hromada.

Run: .venv/bin/python benchmarks/bench_pulse.py
Data: the raw OpenBudget answers bundled with Hromada (227,999 rows, 25 city and oblast
budgets, January 2021 to June 2026, cumulative amounts), converted to the API's own form
(';'-separated, windows-1251) in memory; Kharkiv's budget for the pulse. The issue's
targets: import under 5 s; pulse and forecast for one hromada under 1 s. The rolling-origin
backtest (8 forecasts) is timed separately: the page computes it once and caches it.
Best of 3 runs; on a machine shared by other jobs the times vary.
"""

from __future__ import annotations

import os
import time

import pandas as pd

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hromada.config.settings")


def best(fn, n: int = 3) -> tuple[float, object]:
    times, out = [], None
    for _ in range(n):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def main() -> None:
    import django

    django.setup()
    from hromada.budget import selectors
    from hromada.budget.importing import parse_monthly
    from hromada.econ import pulse
    from hromada.refdata.budget_monthly import raw_incomes_path

    raw = pd.read_csv(raw_incomes_path(), dtype=str, keep_default_na=False)
    api = raw.drop(columns=["CITY"]).to_csv(sep=";", index=False).encode("cp1251", errors="replace")
    all_codes = sorted(set(selectors._reference_tables()[1]["budget"]))
    t_import, parsed = best(
        lambda: parse_monthly(api, "openbudget_25cities.csv", budget_codes=all_codes)
    )
    assert parsed.ok, parsed.errors[:3]
    print(
        f"import of {len(raw):,} API rows ({len(api) / 1e6:.1f} MB, cp1251, ';') -> "
        f"{len(parsed.frame):,} monthly values: {t_import:.2f} s (target < 5 s)"
    )

    key = ("reference", ("2055400000",))

    def pulse_once():
        selectors.compute.cache_clear()
        return selectors.compute(key, with_backtest=False)

    selectors._reference_tables()  # reading the bundled file once per process
    t_pulse, p = best(pulse_once)
    print(
        f"pulse + 12-month forecast, Kharkiv ({len(p.sources)} months): {t_pulse:.2f} s "
        f"(target < 1 s)"
    )
    own = p.sources["own_excl_military"]
    t_bt, bt = best(lambda: pulse.backtest(own, first_origin=own.index[-25], step=3), n=1)
    s = pulse.backtest_summary(bt)
    print(
        f"rolling-origin backtest, {s['origins']} origins: {t_bt:.2f} s; MAPE "
        f"{s['mape']:.1%} (seasonal naive {s['mape_naive']:.1%})"
    )


if __name__ == "__main__":
    main()
