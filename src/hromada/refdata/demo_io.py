"""The *demonstration* national input-output table used by the demo, the pages and the CLI.

DEMONSTRATION, NOT OFFICIAL UKRAINIAN DATA. Ukraine's own symmetric table (State
Statistics Service, or the OECD's table for Ukraine) is not available here, so the demo
uses a table derived from a real one by this documented, deterministic procedure (no
random numbers: the same inputs always give the same table):

1. Take the real OECD input-output table of Belgium 2020 (``io/BEL2020ttl.csv``, bundled;
   OECD data, attribution required) and aggregate its 45 ISIC Rev. 4 industries to the
   20 NACE Rev. 2 / KVED 2010 sections A-T (the section structure of Ukrainian
   statistics): flows, final demand, value added and output are summed. The OECD
   "total" flows include imported products; the imported share of each product's total
   use (from the ``IMPO`` column) is taken out of its row (the import similarity
   assumption), leaving domestic flows.
2. Rescale every money amount to a demonstration economy of ``total_output`` (default
   10,000,000 million UAH, roughly the order of Ukraine's gross output).
3. Employment by section is the app's one national employment reference,
   :data:`UKRAINE_EMPLOYMENT` (the same numbers as the Assess step's Ukraine rows), so
   every page and the CLI use one reference; a section it lacks (T) gets the average
   value added per job. Compensation of employees is :data:`WAGE_SHARE` of each
   section's value added (the OECD table has no compensation row; an assumption).

The result says what it is: ``kind`` is :data:`DEMO_KIND` and ``source`` starts with
:data:`DEMO_LABEL`.

Examples
--------
>>> t = demo_table()
>>> t.Z.shape
(20, 20)
>>> "demonstration" in t.source
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from hromada.econ.errors import HromadaDataError
from hromada.econ.iotables import IOTable

__all__ = [
    "SECTIONS",
    "OECD_TO_SECTION",
    "demo_table",
    "DEMO_LABEL",
    "DEMO_KIND",
    "UKRAINE_EMPLOYMENT",
    "WAGE_SHARE",
]

DEMO_LABEL = "demonstration, derived from Belgium 2020 OECD table; not official Ukrainian data"
#: What kind of data the demonstration table is (carried by results built on it).
DEMO_KIND = "demonstration"

#: The app's one national employment reference: Ukraine's employment by KVED section in
#: 2021, rounded (persons; 15.25 million in all). The Assess step's illustrative Ukraine
#: rows start from these numbers (``hromada.economy.demo`` imports them).
#: Section T (households as employers) is not reported.
UKRAINE_EMPLOYMENT = {
    "A": 2_900_000,
    "B": 300_000,
    "C": 1_500_000,
    "D": 200_000,
    "E": 150_000,
    "F": 700_000,
    "G": 3_300_000,
    "H": 800_000,
    "I": 300_000,
    "J": 300_000,
    "K": 200_000,
    "L": 150_000,
    "M": 350_000,
    "N": 250_000,
    "O": 800_000,
    "P": 1_500_000,
    "Q": 1_100_000,
    "R": 200_000,
    "S": 250_000,
}
#: Compensation of employees as a share of value added, the same in every section: an
#: assumption (the OECD table has no compensation row), to replace with national accounts.
WAGE_SHARE = 0.5

#: NACE Rev. 2 / KVED 2010 sections A-T with short English names.
SECTIONS: dict[str, str] = {
    "A": "Agriculture, forestry and fishing",
    "B": "Mining and quarrying",
    "C": "Manufacturing",
    "D": "Electricity, gas, steam and air conditioning supply",
    "E": "Water supply, sewerage, waste management",
    "F": "Construction",
    "G": "Wholesale and retail trade",
    "H": "Transportation and storage",
    "I": "Accommodation and food service",
    "J": "Information and communication",
    "K": "Financial and insurance activities",
    "L": "Real estate activities",
    "M": "Professional, scientific and technical activities",
    "N": "Administrative and support service activities",
    "O": "Public administration and defence",
    "P": "Education",
    "Q": "Human health and social work",
    "R": "Arts, entertainment and recreation",
    "S": "Other service activities",
    "T": "Activities of households as employers",
}


def _section_of(code: str) -> str:
    """Return the NACE section of an OECD industry code such as ``"10T12"`` or ``"301"``."""
    start = int(code[:2])
    bounds = [
        (3, "A"),
        (9, "B"),
        (33, "C"),
        (35, "D"),
        (39, "E"),
        (43, "F"),
        (47, "G"),
        (53, "H"),
        (56, "I"),
        (63, "J"),
        (66, "K"),
        (68, "L"),
        (75, "M"),
        (82, "N"),
        (84, "O"),
        (85, "P"),
        (88, "Q"),
        (93, "R"),
        (96, "S"),
        (98, "T"),
    ]
    for upper, section in bounds:
        if start <= upper:
            return section
    raise ValueError(f"no NACE section for OECD code {code!r}")


#: OECD 2023-edition industry code -> NACE section (01..98 two-digit starts).
OECD_TO_SECTION = {
    c: _section_of(c)
    for c in [
        "01",
        "02",
        "03",
        "05",
        "06",
        "07",
        "08",
        "09",
        "10T12",
        "13T15",
        "16",
        "17T18",
        "19",
        "20",
        "21",
        "22",
        "23",
        "24A",
        "24B",
        "25",
        "26",
        "27",
        "28",
        "29",
        "301",
        "302T309",
        "31T33",
        "35",
        "36T39",
        "41T43",
        "45T47",
        "49",
        "50",
        "51",
        "52",
        "53",
        "55T56",
        "58T60",
        "61",
        "62T63",
        "64T66",
        "68",
        "69T75",
        "77T82",
        "84",
        "85",
        "86T88",
        "90T93",
        "94T96",
        "97T98",
    ]
}


def _belgian_base():
    """Return (Z, F, va, x, source, households' total spending) aggregated to sections."""
    from hromada.refdata.iotables import reference_io_table

    t = reference_io_table("belgium_2020")  # bundled; HromadaDataError says what is missing
    sec = pd.Index(list(SECTIONS), name="sector")
    mapping = pd.Series({c: OECD_TO_SECTION.get(c) for c in t.Z.index})
    if mapping.isna().any():
        raise HromadaDataError(
            f"The Belgium 2020 OECD table has industries with no NACE section: "
            f"{list(mapping.index[mapping.isna()])[:5]}."
        )
    Z = t.Z.groupby(mapping).sum().T.groupby(mapping).sum().T.reindex(index=sec, columns=sec)
    imports = -t.final_demand["IMPO"] if "IMPO" in t.final_demand.columns else 0.0
    F = t.final_demand.drop(columns=[c for c in ("IMPO",) if c in t.final_demand.columns])
    F = F.groupby(mapping).sum().reindex(sec)
    imports = pd.Series(imports, index=t.Z.index).groupby(mapping).sum().reindex(sec).fillna(0)
    # import similarity: every user buys the same imported share of each product
    use = Z.sum(axis=1) + F.clip(lower=0).sum(axis=1)
    domestic = (1.0 - imports / use.replace(0, np.nan)).clip(0, 1).fillna(1.0)
    hh_total = float(F["HFCE"].clip(lower=0).sum()) if "HFCE" in F.columns else np.nan
    Z = Z.mul(domestic, axis=0)
    F = F.clip(lower=0).mul(domestic, axis=0)
    x = t.x.groupby(mapping).sum().reindex(sec)
    va = t.value_added.groupby(mapping).sum().reindex(sec)
    return (Z.fillna(0.0), F.fillna(0.0), va.fillna(0.0), x.fillna(0.0), t.source, hh_total)


def demo_table(*, total_output=10_000_000.0):
    """Return the demonstration national input-output table (20 NACE/KVED sections).

    Parameters
    ----------
    total_output : float, default 10_000_000.0
        Total gross output of the demonstration economy (million UAH).

    Returns
    -------
    IOTable
        ``layout="demo"``, ``source`` starting with :data:`DEMO_LABEL`; compensation,
        employment (:data:`UKRAINE_EMPLOYMENT`) and domestic household consumption filled
        in; sections with zero output are dropped. Households' budget shares:
        :func:`household_budget`.

    Raises
    ------
    HromadaDataError
        The bundled Belgian table is missing (a broken installation).

    Notes
    -----
    See the module docstring for the procedure; nothing is random. Row balance holds by
    construction: final demand is ``x - Z 1`` split over the base table's categories,
    and where that is negative (the product is mostly imported) it goes to a negative
    ``IMPO`` column, as in the OECD layout.

    References
    ----------
    OECD (2023). Input-Output Tables, 2023 edition (Belgium 2020).
    """
    Z, F, va, x, origin, _hh_total = _belgian_base()
    keep = x.index[x.to_numpy() > 0]
    Z, F, va, x = Z.loc[keep, keep], F.loc[keep], va.loc[keep], x.loc[keep]
    scale = total_output / x.sum()
    x = x * scale
    A = Z.to_numpy() / x.to_numpy()[None, :] * scale
    colsum = A.sum(axis=0)
    A = A / np.maximum(colsum / 0.85, 1.0)[None, :]  # keep every column sum <= 0.85
    Zd = pd.DataFrame(A * x.to_numpy()[None, :], index=keep, columns=keep)
    primary = x - Zd.sum(axis=0)
    va_scaled = (va * scale).clip(lower=0)
    va_new = np.minimum(va_scaled, primary).rename("value_added")
    fd_total = x - Zd.sum(axis=1)
    Fpos = F.clip(lower=0)
    weights = Fpos.div(Fpos.sum(axis=1).replace(0, np.nan), axis=0).fillna(1.0 / F.shape[1])
    Fd = weights.mul(fd_total.clip(lower=0), axis=0)
    Fd["IMPO"] = fd_total.clip(upper=0)
    compensation = (va_new * WAGE_SHARE).rename("compensation")
    reference = pd.Series(UKRAINE_EMPLOYMENT, dtype=float).reindex(keep)
    known = reference.notna()
    per_job = va_new[known].sum() / reference[known].sum()  # average value added per job
    employment = reference.where(known, (va_new / per_job).round(0)).rename("employment")
    hh = Fd["HFCE"].rename("household_consumption") if "HFCE" in Fd.columns else None
    return IOTable(
        Z=Zd.rename_axis(index="sector", columns="sector"),
        final_demand=Fd,
        x=x.rename("x"),
        value_added=va_new,
        compensation=compensation,
        employment=employment,
        household_consumption=hh,
        imports=None,
        taxes=(primary - va_new).rename("other_primary_inputs"),
        names={k: SECTIONS[k] for k in keep},
        layout="demo",
        source=f"{DEMO_LABEL}: hromada.refdata.demo_io.demo_table() from the {origin}, aggregated "
        f"to NACE/KVED sections and rescaled; employment: Ukraine 2021 by section",
        units="million UAH (demonstration); employment in persons",
    )


def household_budget(*, total_output=10_000_000.0):
    """Return the share of each section's domestic product in households' total spending.

    Returns
    -------
    Series
        By section: domestic household consumption of the product over households' total
        consumption including imported products (Belgium 2020 structure). Multiplied by
        disposable income it gives domestic purchases (every hryvnia spent, none saved:
        an upper bound).

    Examples
    --------
    >>> s = household_budget()
    >>> bool(0 < s.sum() < 1)
    True
    """
    _Z, F, _va, x, _origin, hh_total = _belgian_base()
    if "HFCE" not in F.columns or not hh_total > 0:
        raise HromadaDataError("The Belgium 2020 OECD table has no household consumption.")
    t = demo_table(total_output=total_output)
    total = hh_total * total_output / float(x.sum())  # all of households' spending, rescaled
    return (t.household_consumption / total).rename("household_budget_share")


if __name__ == "__main__":  # pragma: no cover - a documented script entry point
    table = demo_table()
    print(table.source)
    print(table.Z.round(1).to_string())
