"""Illustrative employment data for the demo, so the Assess step shows something.

The numbers are made up (see :func:`illustrative_employment`), labelled "illustrative,
replace with your own" wherever they are shown, and never meant for decisions.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from django.db import transaction

from hromada.refdata.demo_io import UKRAINE_EMPLOYMENT

DEMO_DATASET_NAME = "Employment by KVED section (illustrative)"
DEMO_SEED = 2022
YEARS = tuple(range(2019, 2025))

# Ukraine's 2021 employment by KVED section (persons), the starting point of the
# illustration: the app's one national reference (hromada.refdata.demo_io), so the Assess
# step and the multipliers agree; and the municipality's share of each section, making it
# specialised in manufacturing, agriculture and transport like many small industrial towns.
_UKRAINE_2021 = UKRAINE_EMPLOYMENT
_LOCAL_SHARE = {
    "A": 0.0012,
    "B": 0.0004,
    "C": 0.0018,
    "D": 0.0010,
    "E": 0.0011,
    "F": 0.0008,
    "G": 0.0007,
    "H": 0.0014,
    "I": 0.0006,
    "J": 0.0003,
    "K": 0.0005,
    "L": 0.0006,
    "M": 0.0004,
    "N": 0.0005,
    "O": 0.0011,
    "P": 0.0010,
    "Q": 0.0010,
    "R": 0.0008,
    "S": 0.0007,
}


def illustrative_employment(seed: int = DEMO_SEED) -> pd.DataFrame:
    """Made-up employment by KVED section, 2019-2024, for a municipality and Ukraine.

    Ukraine: the 2021 level of each section, drifting 0-2% a year before the war, falling
    by 10-25% in 2022 (a random draw per section) and recovering 2-6% a year after. The
    municipality: its share of each section times Ukraine's level, with its own yearly
    noise (about 3%), a deeper 2022 shock (35-60%: it was occupied) and a partial recovery
    (5-15% a year). All draws come from ``numpy.random.default_rng(seed)``, so the same
    seed always gives the same table.

    Returns
    -------
    DataFrame
        ``area`` ("local" or "reference"), ``sector``, ``year``, ``value`` (whole persons).
    """
    rng = np.random.default_rng(seed)
    rows = []
    for code, base in _UKRAINE_2021.items():
        drift = rng.uniform(0.0, 0.02)
        shock = rng.uniform(0.10, 0.25)
        recovery = rng.uniform(0.02, 0.06)
        local_shock = rng.uniform(0.35, 0.60)
        local_recovery = rng.uniform(0.05, 0.15)
        ref = {2021: base}
        for y in (2020, 2019):
            ref[y] = ref[y + 1] / (1 + drift)
        ref[2022] = base * (1 - shock)
        for y in (2023, 2024):
            ref[y] = ref[y - 1] * (1 + recovery)
        local = {}
        for y in YEARS:
            noise = rng.normal(1.0, 0.03)
            if y <= 2021:
                local[y] = ref[y] * _LOCAL_SHARE[code] * noise
            elif y == 2022:
                local[y] = base * _LOCAL_SHARE[code] * (1 - local_shock) * noise
            else:
                local[y] = local[y - 1] * (1 + local_recovery) * noise
        for y in YEARS:
            rows.append(("local", code, y, float(round(local[y]))))
            rows.append(("reference", code, y, float(round(ref[y]))))
    return pd.DataFrame(rows, columns=["area", "sector", "year", "value"])


@transaction.atomic
def demo_economy_seed(municipality):
    """Create the illustrative employment dataset once (idempotent); return it."""
    from hromada.economy.models import Dataset
    from hromada.economy.services import dataset_import

    existing = Dataset.objects.filter(municipality=municipality, name=DEMO_DATASET_NAME).first()
    if existing is not None and existing.latest_version is not None:
        return existing
    version = dataset_import(
        municipality=municipality,
        frame=illustrative_employment(),
        name=DEMO_DATASET_NAME,
        measure="employment",
        unit="persons",
        reference_level="ukraine",
        source="illustrative, replace with your own (hromada.economy.demo)",
        filename="illustrative",
        is_illustrative=True,
    )
    return version.dataset


DEMO_DIVISIONS_NAME = "Employment by KVED division (illustrative)"


def _split_exact(total: float, weights: np.ndarray) -> np.ndarray:
    """Whole persons in proportion to ``weights`` that add up exactly to ``total``
    (largest remainders), so the sections' sums stay those of the section dataset."""
    total = int(round(total))
    raw = total * weights / weights.sum()
    out = np.floor(raw)
    rest = int(total - out.sum())
    out[np.argsort(-(raw - out), kind="stable")[:rest]] += 1
    return out


def illustrative_divisions(seed: int = DEMO_SEED) -> pd.DataFrame:
    """Made-up employment by KVED division, 2019-2024: the section table split over divisions.

    Each section's value (:func:`illustrative_employment`, municipality and Ukraine) is
    split over the section's KVED divisions in proportion to the divisions' employment in
    US County Business Patterns 2019 (an equal weight where CBP has none), and for the
    municipality tilted by a fixed random factor per division (lognormal, sd 1) so that it
    is specialised in some divisions, as a real town is. Whole persons; the divisions of a
    section add up exactly to the section's value. Illustrative only.
    """
    from hromada.refdata import industry_complexity, kved

    rng = np.random.default_rng(seed + 1)
    table = kved()
    divisions = table[table["level"] == "division"][["code", "section"]]
    us = industry_complexity("division")["employment"]
    weights = divisions.set_index("code")["section"].to_frame()
    weights["us"] = us.reindex(weights.index)
    weights["us"] = weights.groupby("section")["us"].transform(
        lambda s: s.fillna(s.mean() if s.notna().any() else 1.0)
    )
    weights["tilt"] = rng.lognormal(0.0, 1.0, len(weights))
    sections = illustrative_employment(seed)
    rows = []
    for r in sections.itertuples(index=False):
        w = weights[weights["section"] == r.sector]
        if w.empty:
            continue
        share = w["us"].to_numpy() * (w["tilt"].to_numpy() if r.area == "local" else 1.0)
        for code, v in zip(w.index, _split_exact(r.value, share), strict=True):
            rows.append((r.area, code, r.year, float(v)))
    return pd.DataFrame(rows, columns=["area", "sector", "year", "value"])


@transaction.atomic
def demo_divisions_seed(municipality):
    """Create the illustrative employment dataset by KVED division once (idempotent)."""
    from hromada.economy.models import Dataset
    from hromada.economy.services import dataset_import

    existing = Dataset.objects.filter(municipality=municipality, name=DEMO_DIVISIONS_NAME).first()
    if existing is not None and existing.latest_version is not None:
        return existing
    version = dataset_import(
        municipality=municipality,
        frame=illustrative_divisions(),
        name=DEMO_DIVISIONS_NAME,
        measure="employment",
        unit="persons",
        reference_level="ukraine",
        source="illustrative, replace with your own (hromada.economy.demo)",
        filename="illustrative",
        is_illustrative=True,
    )
    return version.dataset
