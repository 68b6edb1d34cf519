"""Reference data read at run time from the data folder (see :mod:`hromada.refdata.locations`).

Loaders return pandas DataFrames and are cached per data folder, so repeated calls are
cheap; each call returns a fresh copy the caller may modify. A missing file raises
:class:`ReferenceDataMissingError` (a ``FileNotFoundError``) naming the file, the folder
searched and where to obtain the file.

Examples
--------
>>> from hromada.refdata import hromadas, search_hromadas
>>> len(hromadas())
1469
>>> search_hromadas("Vinnyts", limit=1)["name_uk"].iloc[0]
'Вінницька'
"""

from hromada.refdata._files import ReferenceDataMissingError
from hromada.refdata.classifiers import (
    KATOTTG_CATEGORIES,
    katottg,
    kved,
    kved_division_section,
    kved_lookup,
)
from hromada.refdata.registry import (
    OBLAST_NAMES_EN,
    budgets,
    hromadas,
    oblasts,
    search_hromadas,
)
from hromada.refdata.relatedness import (
    INDUSTRY_SOURCES,
    industry_complexity,
    industry_presence,
    industry_space,
    industry_space_comparison,
    industry_space_layout,
)

__all__ = [
    "INDUSTRY_SOURCES",
    "KATOTTG_CATEGORIES",
    "OBLAST_NAMES_EN",
    "ReferenceDataMissingError",
    "budgets",
    "hromadas",
    "industry_complexity",
    "industry_presence",
    "industry_space",
    "industry_space_comparison",
    "industry_space_layout",
    "katottg",
    "kved",
    "kved_division_section",
    "kved_lookup",
    "oblasts",
    "search_hromadas",
]
