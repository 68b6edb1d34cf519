"""The municipality registry.

Oblasts, the 1,469 hromadas with population, war status and geography, their budgets,
and search by name in either script.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from hromada.refdata._files import read_csv
from hromada.refdata.locations import data_dir
from hromada.refdata.translit import transliterate

__all__ = [
    "OBLAST_NAMES_EN",
    "CRIMEA_CODE",
    "SEVASTOPOL_CODE",
    "oblasts",
    "hromadas",
    "budgets",
    "search_hromadas",
]

CRIMEA_CODE = "UA01000000000013043"
SEVASTOPOL_CODE = "UA85000000000065278"

#: Standard English names of the oblasts by KATOTTG code. ``oblast.csv`` (KSE) has English
#: labels with misspellings ("Vonyn", "Driproptrovska", "Donetks"); they are kept in the
#: column ``oblast_en_kse`` and these conventional names are used for display.
OBLAST_NAMES_EN: dict[str, str] = {
    CRIMEA_CODE: "Autonomous Republic of Crimea",
    "UA05000000000010236": "Vinnytsia",
    "UA07000000000024379": "Volyn",
    "UA12000000000090473": "Dnipropetrovsk",
    "UA14000000000091971": "Donetsk",
    "UA18000000000041385": "Zhytomyr",
    "UA21000000000011690": "Zakarpattia",
    "UA23000000000064947": "Zaporizhzhia",
    "UA26000000000069363": "Ivano-Frankivsk",
    "UA32000000000030281": "Kyiv",
    "UA35000000000016081": "Kirovohrad",
    "UA44000000000018893": "Luhansk",
    "UA46000000000026241": "Lviv",
    "UA48000000000039575": "Mykolaiv",
    "UA51000000000030770": "Odesa",
    "UA53000000000028050": "Poltava",
    "UA56000000000066151": "Rivne",
    "UA59000000000057109": "Sumy",
    "UA61000000000060328": "Ternopil",
    "UA63000000000041885": "Kharkiv",
    "UA65000000000030969": "Kherson",
    "UA68000000000099709": "Khmelnytskyi",
    "UA71000000000010357": "Cherkasy",
    "UA73000000000044923": "Chernivtsi",
    "UA74000000000025378": "Chernihiv",
    "UA80000000000093317": "Kyiv City",
    SEVASTOPOL_CODE: "Sevastopol",
}

_TYPE_EN = {"міська": "urban", "селищна": "settlement", "сільська": "rural"}
_WAR_ZONE_DATES = {
    "war_zone_27_04_2022": "war_zone_2022_04_27",
    "war_zone_20_06_2022": "war_zone_2022_06_20",
    "war_zone_23_08_2022": "war_zone_2022_08_23",
    "war_zone_10_10_2022": "war_zone_2022_10_10",
}
_APOSTROPHES = re.compile("['\u2019\u02bc\u2018`\u00b4]")


def _root() -> Path:
    return data_dir()


@lru_cache(maxsize=4)
def _oblasts(root: Path) -> pd.DataFrame:
    raw = read_csv("ukraine/oblast.csv", root, dtype=str)
    out = pd.DataFrame(
        {
            "code": raw["oblast_code"],
            "name_uk": raw["oblast_name"],
            "name_en": raw["oblast_code"].map(OBLAST_NAMES_EN).fillna(raw["oblast_name_en"]),
            "name_en_kse": raw["oblast_name_en"],
            "abbreviation": raw["oblast_code_en"],
            "macro_region_en": raw["region_en"],
            "macro_region_uk": raw["region_ua"],
            "centre_uk": raw["oblast_center"],
            "centre_en": raw["oblast_center"].map(transliterate),
            "centre_code": raw["oblast_center_code"],
        }
    )
    return out.sort_values("code", ignore_index=True)


def oblasts() -> pd.DataFrame:
    """Return the 27 first-level units (24 oblasts, Crimea, Kyiv, Sevastopol).

    Columns: ``code`` (KATOTTG), ``name_uk``, ``name_en`` (standard English name, see
    :data:`OBLAST_NAMES_EN`), ``name_en_kse`` (the label in KSE's ``oblast.csv``),
    ``abbreviation``, ``macro_region_en``/``_uk``, ``centre_uk``/``_en``, ``centre_code``.

    Examples
    --------
    >>> oblasts().set_index("code").loc["UA46000000000026241", "name_en"]
    'Lviv'
    """
    return _oblasts(_root()).copy()


@lru_cache(maxsize=4)
def _hromadas(root: Path) -> pd.DataFrame:
    reg = read_csv("ukraine/hromada.csv", root, dtype=str, keep_default_na=False)
    reg = reg[reg["oblast_code"] != CRIMEA_CODE]
    pop = read_csv("ukraine/ua-pop-2022.csv", root).dropna(subset=["hromada_code"])
    war = read_csv("ukraine/minregion-war-status.csv", root, dtype={"deoccupation_date": str})
    prof = read_csv("ukraine/hromada_profile.csv", root)
    obl = _oblasts(root).set_index("code")

    kod = read_csv(
        "classifiers/katottg_kodifikator_2026-07-07.csv", root, dtype=str, keep_default_na=False
    )
    kod.columns = ["l1", "l2", "l3", "l4", "l5", "category", "name"]
    kod["name"] = kod["name"].str.strip()
    current_hromada = kod[kod["category"] == "H"].set_index("l3")["name"]
    current_raion = kod[kod["category"] == "P"].set_index("l2")["name"]
    settlements = kod[kod["l4"] != ""].drop_duplicates("l4").set_index("l4")["name"]

    codes = reg["hromada_code"].to_numpy()
    kse_name = reg["hromada_name"].str.strip().to_numpy()
    kse_raion = reg["raion_name"].str.strip().to_numpy()
    out = pd.DataFrame(
        {
            "code": codes,
            "name_uk": pd.Series(codes).map(current_hromada).fillna(pd.Series(kse_name)),
            "raion_code": reg["raion_code"].to_numpy(),
            "oblast_code": reg["oblast_code"].to_numpy(),
        }
    )
    out["raion_uk"] = out["raion_code"].map(current_raion).fillna(pd.Series(kse_raion))
    out["former_name_uk"] = pd.Series(kse_name).where(kse_name != out["name_uk"])
    out["former_raion_uk"] = pd.Series(kse_raion).where(kse_raion != out["raion_uk"])
    out.insert(2, "name_en", out["name_uk"].map(transliterate))
    out.insert(5, "raion_en", out["raion_uk"].map(transliterate))
    out = out[
        [
            "code",
            "name_uk",
            "name_en",
            "raion_code",
            "raion_uk",
            "raion_en",
            "oblast_code",
            "former_name_uk",
            "former_raion_uk",
        ]
    ]
    out["oblast_uk"] = out["oblast_code"].map(obl["name_uk"])
    out["oblast_en"] = out["oblast_code"].map(obl["name_en"])

    p = prof.set_index("hromada_code")
    w = war.set_index("hromada_code")
    q = pop.set_index("hromada_code")
    c = out["code"]
    out["type"] = c.map(w["type"])
    out["type_en"] = out["type"].map(_TYPE_EN)
    out["centre_code"] = c.map(p["hromada_center_code"])
    out["centre_uk"] = out["centre_code"].map(settlements).fillna(c.map(p["hromada_center"]))
    out["centre_en"] = out["centre_uk"].map(transliterate, na_action="ignore")
    out["is_oblast_centre"] = c.map(p["oblast_center"]).fillna(0).astype(bool)
    out["population"] = c.map(q["total_population_2022"]).astype("Int64")
    out["urban_population"] = c.map(q["urban_population_2022"]).astype("Int64")
    with np.errstate(invalid="ignore", divide="ignore"):
        out["urban_share"] = out["urban_population"].astype(float) / out["population"].astype(float)
    out["war_status"] = c.map(w["Status_war_sept"])
    out["war_status_ext"] = c.map(w["Status_war_sept_ext"])
    for raw_name, name in _WAR_ZONE_DATES.items():
        out[name] = c.map(w[raw_name]).fillna(0).astype(bool)
    deocc = c.map(w["deoccupation_date"]).replace({"0": pd.NA, "": pd.NA})
    out["deoccupation"] = deocc
    out["occupied_before_2022"] = c.map(p["occipied_before_2022"]).fillna(0).astype(bool)
    out["lat"] = c.map(p["lat_center"])
    out["lon"] = c.map(p["lon_center"])
    out["area_km2"] = c.map(p["square"])
    out["n_settlements"] = c.map(p["n_settlements"]).astype("Int64")
    out["distance_to_russia_km"] = c.map(p["distance_to_russia"])
    out["distance_to_russia_belarus_km"] = c.map(p["distance_to_russia_belarus"])
    out["distance_to_eu_km"] = c.map(p["distance_to_eu"])
    out["travel_time_to_oblast_centre_min"] = c.map(p["travel_time"])
    for raw_name, name in [
        ("bordering_hromadas", "on_state_border"),
        ("hromadas_30km_russia_belarus", "within_30km_of_russia_belarus"),
        ("near_seas", "near_sea"),
        ("mountain_hromada", "mountain"),
    ]:
        out[name] = c.map(p[raw_name]).fillna(0).astype(bool)
    return out.sort_values("code", ignore_index=True)


def hromadas() -> pd.DataFrame:
    """Return the registry of the 1,469 hromadas (territorial communities) outside Crimea.

    Returns
    -------
    pandas.DataFrame
        One row per hromada, sorted by ``code`` (KATOTTG). Columns:

        * ``code``, ``name_uk`` (current name, KATOTTG edition of 07.07.2026),
          ``name_en`` (official 2010 transliteration), ``raion_code``, ``raion_uk``,
          ``raion_en``, ``oblast_code``, ``former_name_uk``/``former_raion_uk`` (the 2022
          name in the KSE files where it has changed since, e.g. Новомосковська ->
          Самарівська; missing otherwise), ``oblast_uk``, ``oblast_en``;
        * ``type`` (``міська``/``селищна``/``сільська``), ``type_en``
          (urban/settlement/rural), ``centre_code``, ``centre_uk``, ``centre_en``
          (the administrative centre, current name), ``is_oblast_centre``;
        * ``population``, ``urban_population`` (1 January 2022), ``urban_share``;
        * ``war_status`` (Minregion list, September 2022: ``not occupied``,
          ``not occupied, in the war zone``, ``occupied``, ``deoccupied``),
          ``war_status_ext`` (deoccupied split by period), ``war_zone_2022_04_27``,
          ``..._06_20``, ``..._08_23``, ``..._10_10`` (in the war-zone list at that date),
          ``deoccupation`` (``March-April``, ``September-October``, ``November`` 2022 or
          missing), ``occupied_before_2022``;
        * ``lat``, ``lon`` (centre), ``area_km2``, ``n_settlements``,
          ``distance_to_russia_km``, ``distance_to_russia_belarus_km``,
          ``distance_to_eu_km``, ``travel_time_to_oblast_centre_min``, ``on_state_border``,
          ``within_30km_of_russia_belarus``, ``near_sea``, ``mountain``.

    Notes
    -----
    ``ukraine/hromada.csv`` also lists Crimea at the level of its radas (303 rows); they
    are not among the 1,469 hromadas of the KATOTTG codifier and are left out. Names
    come from the codifier (47 hromadas were renamed after the KSE snapshot); the
    codes are stable, so joins use codes.

    Examples
    --------
    >>> h = hromadas()
    >>> len(h)
    1469
    """
    return _hromadas(_root()).copy()


@lru_cache(maxsize=4)
def _budgets(root: Path) -> pd.DataFrame:
    b = read_csv(
        "ukraine/hromada_budget_2020_2022.csv",
        root,
        dtype={"budget_code": str, "hromada_code": str, "year": int},
    )
    return b.sort_values(["hromada_code", "year"], ignore_index=True)


def budgets() -> pd.DataFrame:
    """Return the budget revenues of every hromada for 2021, 2022 and 2023 (UAH).

    One row per hromada (``hromada_code``) and ``year``, with KSE's column names
    (``income_total``, ``income_transfert``, ``income_own``, ``income_pdfo``,
    ``income_military``, ...; see ``docs/econ/fiscal.md`` for their meaning). The file is
    named ``hromada_budget_2020_2022.csv`` but holds the years 2021-2023.

    Examples
    --------
    >>> sorted(budgets()["year"].unique().tolist())
    [2021, 2022, 2023]
    """
    return _budgets(_root()).copy()


def _search_key(s: pd.Series) -> pd.Series:
    return (
        s.fillna("")
        .str.lower()
        .str.replace(_APOSTROPHES, "", regex=True)
        .str.replace(r"\s+", " ", regex=True)
        .str.strip()
    )


@lru_cache(maxsize=4)
def _search_index(root: Path) -> pd.DataFrame:
    h = _hromadas(root)
    return pd.DataFrame(
        {
            "name_uk": _search_key(h["name_uk"]),
            "name_en": _search_key(h["name_en"]),
            "centre_uk": _search_key(h["centre_uk"]),
            "centre_en": _search_key(h["centre_en"]),
            "former_uk": _search_key(h["former_name_uk"]),
            "former_en": _search_key(h["former_name_uk"].map(transliterate, na_action="ignore")),
        }
    )


def search_hromadas(query: str, limit: int = 20) -> pd.DataFrame:
    """Return hromadas whose name (or centre's name) matches ``query``, best first.

    Parameters
    ----------
    query : str
        Part of a name (current or former), in Cyrillic or Latin letters, any case;
        apostrophes are ignored.
        A Cyrillic query is also transliterated, so "Вінниця" and "Vinnytsia" both find
        the Vinnytska hromada (through its centre).
    limit : int, default 20
        Maximum number of rows.

    Returns
    -------
    pandas.DataFrame
        Rows of :func:`hromadas` plus ``match``: 0 the hromada name starts with the query,
        1 its centre's name does, 2 a later word of the name or centre does, 3 the query is
        found elsewhere in a name. Within a rank, larger population first.

    Examples
    --------
    >>> search_hromadas("Bila Tser", limit=1)["name_uk"].tolist()
    ['Білоцерківська']
    """
    if not isinstance(query, str):
        raise TypeError(f"query must be a str; got {type(query).__name__}")
    if limit < 1:
        raise ValueError(f"limit must be >= 1; got {limit}")
    q = _search_key(pd.Series([query])).iloc[0]
    h = _hromadas(_root())
    if not q:
        return h.iloc[:0].assign(match=pd.Series(dtype=int))
    q_en = transliterate(q).lower()
    idx = _search_index(_root())
    names = [("name_uk", q), ("name_en", q_en), ("former_uk", q), ("former_en", q_en)]
    centres = [("centre_uk", q), ("centre_en", q_en)]
    n = len(h)
    rank = np.full(n, 99)

    def any_of(pairs, test) -> np.ndarray:
        hit = np.zeros(n, dtype=bool)
        for col, needle in pairs:
            hit |= test(idx[col], needle).to_numpy()
        return hit

    starts = lambda s, needle: s.str.startswith(needle)  # noqa: E731
    word = lambda s, needle: s.str.contains(  # noqa: E731
        r"(?:^|[\s\-])" + re.escape(needle), regex=True
    )
    contains = lambda s, needle: s.str.contains(needle, regex=False)  # noqa: E731
    for r, (pairs, test) in enumerate(
        [
            (names, starts),
            (centres, starts),
            (names + centres, word),
            (names + centres, contains),
        ]
    ):
        hit = any_of(pairs, test)
        rank = np.where(hit & (rank == 99), r, rank)
    found = h.assign(match=rank)[rank < 99]
    found = found.assign(_pop=found["population"].astype(float).fillna(0))
    found = found.sort_values(["match", "_pop", "name_uk"], ascending=[True, False, True])
    return found.drop(columns="_pop").head(limit).reset_index(drop=True)
