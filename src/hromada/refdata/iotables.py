"""Reading input-output tables from files (the I/O half of :mod:`hromada.econ.iotables`).

Reference tables are bundled under ``io/`` (see :mod:`hromada.refdata.locations`); a copy
in the user's data folder (``HROMADA_DATA_DIR``) is read instead. Any other table in the
OECD or Eurostat-manual layout can be read from a path (CSV with ``,`` or ``;``, or XLSX).

Examples
--------
>>> from hromada.refdata.iotables import REFERENCE_TABLES
>>> sorted(REFERENCE_TABLES)[:2]
['belgium_2020', 'beutel_2008']
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from hromada.econ.errors import HromadaDataError
from hromada.econ.iotables import IOTable, parse_io_table
from hromada.refdata.locations import locate
from hromada.refdata.tabular import csv_separator, decode_text

__all__ = [
    "REFERENCE_TABLES",
    "read_io_table",
    "reference_io_table",
    "reference_table_path",
]

#: name -> (file under io/, source, units)
REFERENCE_TABLES: dict[str, tuple[str, str, str]] = {
    "belgium_2020": (
        "BEL2020ttl.csv",
        "OECD Input-Output Tables 2023 edition, Belgium 2020 (total flows); OECD data",
        "million USD",
    ),
    "beutel_2008": (
        "Beutel_15_4.csv",
        "Eurostat Manual of Supply, Use and Input-Output Tables (2008), table 15.4 (J. Beutel)",
        "million EUR; employment in thousand persons",
    ),
    "germany_2009": (
        "germany_2009.csv",
        "UN Handbook on Supply, Use and Input-Output Tables with Extensions and Applications "
        "(2018), Germany 2009 example",
        "billion EUR; employment in thousand persons",
    ),
    "netherlands_2006": (
        "netherlands_2006.csv",
        "Eurostat manual, simplified Netherlands 2006 table",
        "million EUR",
    ),
}


def _read_frame(path: Path) -> pd.DataFrame:
    if path.suffix.lower() in {".xlsx", ".xlsm", ".xls", ".ods"}:
        return pd.read_excel(path, sheet_name=0, engine="calamine")
    text = decode_text(path.read_bytes())
    first = text.splitlines()[0] if text else ""
    sep = csv_separator(first)
    decimal = "," if sep == ";" and text.count(",") > 0 and "." not in first else "."
    return pd.read_csv(io.StringIO(text), sep=sep, decimal=decimal)


def read_io_table(
    path: str | Path, *, layout: str = "auto", source: str = "", units: str = ""
) -> IOTable:
    """Return the input-output table in the file ``path`` (OECD or Eurostat-manual layout).

    Parameters
    ----------
    path : str or Path
        CSV (``,``/``;``, UTF-8 or cp1251) or XLSX file.
    layout : {"auto", "oecd", "eurostat"}
        See :func:`hromada.econ.iotables.parse_io_table`.
    source, units : str
        Kept on the result; default: the file name.

    Returns
    -------
    IOTable

    Raises
    ------
    HromadaDataError
        The file is missing or in no known layout.
    """
    path = Path(path)
    if not path.is_file():
        raise HromadaDataError(f"Input-output table file not found: {path}.")
    return parse_io_table(_read_frame(path), layout, source=source or path.name, units=units)


def reference_table_path(name: str) -> Path:
    """Return the path of a reference table (a key of :data:`REFERENCE_TABLES`).

    The user's data folder's copy, else the bundled one.
    """
    if name not in REFERENCE_TABLES:
        raise HromadaDataError(
            f"Unknown reference table {name!r}; known: {sorted(REFERENCE_TABLES)}."
        )
    relpath = f"io/{REFERENCE_TABLES[name][0]}"
    found = locate(relpath)
    if found is None:
        raise HromadaDataError(
            f"Reference table {name!r} ({relpath}) is neither in the data folder nor bundled; "
            "reinstall Hromada or put the file in the folder named by HROMADA_DATA_DIR."
        )
    return found.path


def reference_io_table(name: str) -> IOTable:
    """Return a reference table, e.g. ``reference_io_table("beutel_2008")``.

    Raises
    ------
    HromadaDataError
        When the name is unknown or the file is nowhere.
    """
    path = reference_table_path(name)
    _, source, units = REFERENCE_TABLES[name]
    return read_io_table(path, source=source, units=units)
