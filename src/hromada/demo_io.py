"""The *demonstration* national input-output table used by the demo and the CLI's ``demo``.

DEMONSTRATION, NOT OFFICIAL UKRAINIAN DATA. Ukraine's own symmetric table (State
Statistics Service, or the OECD's table for Ukraine) is not available here, so the demo
uses a table built by this documented, seeded procedure:

1. Take the real OECD input-output table of Belgium 2020 (``io/BEL2020ttl.csv`` in the
   data folder; OECD data, attribution required) and aggregate its 45 ISIC Rev. 4
   industries to the 20 NACE Rev. 2 / KVED 2010 sections A-T (the section structure of
   Ukrainian statistics): flows, final demand, value added and output are summed. The
   OECD "total" flows include imported products; the imported share of each product's
   total use (from the ``IMPO`` column) is taken out of its row (the import similarity
   assumption), leaving domestic flows.
2. Rescale every money amount to a demonstration economy of ``total_output`` (default
   10,000,000 million UAH, roughly the order of Ukraine's gross output) so the numbers
   look like UAH, and perturb each technical coefficient by a seeded factor in
   [1 - jitter, 1 + jitter] (default 10 %), keeping column sums below 1.
3. Derive compensation of employees as a seeded share (35-65 %) of each section's value
   added and employment from value added and a seeded labour productivity
   (0.3-1.5 million UAH of value added per job), since the OECD table has neither.

Without the Belgian file the same steps run on a seeded random 20-section table, so
the demo always works; the table's ``source`` says which was used.

Examples
--------
>>> t = demo_table()
>>> t.Z.shape
(20, 20)
>>> "DEMONSTRATION" in t.source
True
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from hromada.econ.iotables import IOTable

__all__ = ["SECTIONS", "OECD_TO_SECTION", "demo_table", "DEMO_LABEL"]

DEMO_LABEL = "DEMONSTRATION, not official Ukrainian data"

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
    """Return (Z, F_households, F_other, va, x) aggregated to sections, or None."""
    try:
        from hromada.refdata.iotables import reference_io_table

        t = reference_io_table("belgium_2020")
    except Exception:  # noqa: BLE001 - any missing/unreadable file falls back to synthetic
        return None
    sec = pd.Index(list(SECTIONS), name="sector")
    mapping = pd.Series({c: OECD_TO_SECTION.get(c) for c in t.Z.index})
    if mapping.isna().any():
        return None
    Z = t.Z.groupby(mapping).sum().T.groupby(mapping).sum().T.reindex(index=sec, columns=sec)
    imports = -t.final_demand["IMPO"] if "IMPO" in t.final_demand.columns else 0.0
    F = t.final_demand.drop(columns=[c for c in ("IMPO",) if c in t.final_demand.columns])
    F = F.groupby(mapping).sum().reindex(sec)
    imports = pd.Series(imports, index=t.Z.index).groupby(mapping).sum().reindex(sec).fillna(0)
    # import similarity: every user buys the same imported share of each product
    use = Z.sum(axis=1) + F.clip(lower=0).sum(axis=1)
    domestic = (1.0 - imports / use.replace(0, np.nan)).clip(0, 1).fillna(1.0)
    Z = Z.mul(domestic, axis=0)
    F = F.clip(lower=0).mul(domestic, axis=0)
    x = t.x.groupby(mapping).sum().reindex(sec)
    va = t.value_added.groupby(mapping).sum().reindex(sec)
    return Z.fillna(0.0), F.fillna(0.0), va.fillna(0.0), x.fillna(0.0), t.source


def _synthetic_base(rng):
    n = len(SECTIONS)
    sec = pd.Index(list(SECTIONS), name="sector")
    x = pd.Series(rng.uniform(50, 1000, n), index=sec)
    shares = rng.dirichlet(np.full(n, 0.7), size=n).T * rng.uniform(0.3, 0.6, n)
    Z = pd.DataFrame(shares * x.to_numpy()[None, :], index=sec, columns=sec)
    va = x - Z.sum(axis=0)
    fd_total = x - Z.sum(axis=1)
    F = pd.DataFrame({"HFCE": fd_total.clip(lower=0) * 0.6, "EXPO": fd_total * 0.4}, index=sec)
    return Z, F, va, x, "seeded random structure"


def demo_table(*, seed=2022, total_output=10_000_000.0, jitter=0.10):
    """Return the demonstration national input-output table (20 NACE/KVED sections).

    Parameters
    ----------
    seed : int, default 2022
        Seed of every random step; the same seed gives the same table.
    total_output : float, default 10_000_000.0
        Total gross output of the demonstration economy (million UAH).
    jitter : float, default 0.10
        Relative perturbation of each technical coefficient.

    Returns
    -------
    IOTable
        With ``source`` starting with ``"DEMONSTRATION, not official Ukrainian data"``,
        compensation, employment and household consumption filled in; sections with zero
        output are dropped.

    Notes
    -----
    See the module docstring for the procedure. Row balance holds by construction:
    final demand is rebuilt as ``x - Z 1`` split over the base table's categories, and
    where that is negative (the product is mostly imported) it goes to a negative
    ``IMPO`` column, as in the OECD layout.

    References
    ----------
    OECD (2023). Input-Output Tables, 2023 edition (Belgium 2020).
    """
    rng = np.random.default_rng(seed)
    base = _belgian_base()
    if base is None:
        base = _synthetic_base(rng)
    Z, F, va, x, origin = base
    keep = x.index[x.to_numpy() > 0]
    Z, F, va, x = Z.loc[keep, keep], F.loc[keep], va.loc[keep], x.loc[keep]
    scale = total_output / x.sum()
    x = x * scale
    A = Z.to_numpy() / x.to_numpy()[None, :] * scale
    A = A * rng.uniform(1 - jitter, 1 + jitter, A.shape)
    colsum = A.sum(axis=0)
    A = A / np.maximum(colsum / 0.85, 1.0)[None, :]  # keep every column sum <= 0.85
    Zd = pd.DataFrame(A * x.to_numpy()[None, :], index=keep, columns=keep)
    # value added and primary inputs follow from the perturbed columns
    primary = x - Zd.sum(axis=0)
    va_scaled = (va * scale).clip(lower=0)
    va_new = np.minimum(va_scaled, primary).rename("value_added")
    # final demand: x - Z 1, split over the base categories by their shares
    fd_total = x - Zd.sum(axis=1)
    Fpos = F.clip(lower=0)
    weights = Fpos.div(Fpos.sum(axis=1).replace(0, np.nan), axis=0).fillna(1.0 / F.shape[1])
    Fd = weights.mul(fd_total.clip(lower=0), axis=0)
    # rows whose use exceeds domestic output (the OECD "total" table includes imported
    # products in Z) are balanced by competitive imports, negative as in OECD's IMPO
    Fd["IMPO"] = fd_total.clip(upper=0)
    wage_share = pd.Series(rng.uniform(0.35, 0.65, len(keep)), index=keep)
    compensation = (va_new * wage_share).rename("compensation")
    productivity = pd.Series(rng.uniform(0.3, 1.5, len(keep)), index=keep)
    employment = (va_new / productivity).round(0).rename("employment")
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
        source=f"{DEMO_LABEL}: generated by hromada.demo_io.demo_table(seed={seed}) from the "
        f"{origin} aggregated to NACE/KVED sections, rescaled and perturbed",
        units="million UAH (demonstration); employment in persons (demonstration)",
    )


if __name__ == "__main__":  # pragma: no cover - a documented script entry point
    table = demo_table()
    print(table.source)
    print(table.Z.round(1).to_string())
