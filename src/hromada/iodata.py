"""Reading input-output tables from files (the I/O half of :mod:`hromada.econ.iotables`).

Reference tables live in the data folder (:func:`hromada.datadir.data_dir`, set by
``HROMADA_DATA_DIR``), under ``io/``; they are read at run time and never copied
into the repository. Any other table in the OECD or Eurostat-manual layout can be
read from a path (CSV with ``,`` or ``;``, or XLSX).

Examples
--------
>>> from hromada.iodata import REFERENCE_TABLES
>>> sorted(REFERENCE_TABLES)[:2]
['belgium_2020', 'beutel_2008']
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from hromada.econ.errors import HromadaDataError
from hromada.econ.iotables import IOTable, parse_io_table

try:  # the shared data-folder helper (HROMADA_DATA_DIR, else ../shared/data)
    from hromada.datadir import data_dir
except ImportError:  # pragma: no cover - fallback while datadir is not installed
    import os

    def data_dir() -> Path:
        """Return ``$HROMADA_DATA_DIR`` or ``shared/data`` beside the checkout."""
        env = os.environ.get("HROMADA_DATA_DIR")
        if env:
            return Path(env)
        import hromada

        return Path(hromada.__file__).resolve().parents[3] / "shared" / "data"


__all__ = [
    "REFERENCE_TABLES",
    "read_io_table",
    "reference_io_table",
    "reference_table_path",
    "data_dir",
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
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    first = text.splitlines()[0] if text else ""
    sep = ";" if first.count(";") > first.count(",") else ("\t" if "\t" in first else ",")
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
    """Return the path of a reference table (a key of :data:`REFERENCE_TABLES`)."""
    if name not in REFERENCE_TABLES:
        raise HromadaDataError(
            f"Unknown reference table {name!r}; known: {sorted(REFERENCE_TABLES)}."
        )
    return Path(data_dir()) / "io" / REFERENCE_TABLES[name][0]


def reference_io_table(name: str) -> IOTable:
    """Return a reference table from the data folder, e.g. ``reference_io_table("beutel_2008")``.

    Raises
    ------
    HromadaDataError
        When the file is not in the data folder (the message says where it was looked for
        and that ``HROMADA_DATA_DIR`` points elsewhere).
    """
    path = reference_table_path(name)
    if not path.is_file():
        raise HromadaDataError(
            f"Reference table {name!r} not found at {path}. Put the file there or set "
            f"HROMADA_DATA_DIR to the data folder holding io/{REFERENCE_TABLES[name][0]}."
        )
    _, source, units = REFERENCE_TABLES[name]
    return read_io_table(path, source=source, units=units)
