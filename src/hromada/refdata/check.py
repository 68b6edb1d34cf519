"""Whether a reference file is well formed: readable, not empty, with the expected columns."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from hromada.refdata._files import open_path
from hromada.refdata.locations import ReferenceFile

__all__ = ["check_reference_file"]


def check_reference_file(entry: ReferenceFile, path: Path) -> str | None:
    """Return what is wrong with the copy of ``entry`` at ``path``, or None if it is fine.

    CSV files must decode as UTF-8, have at least one row and every column of
    ``entry.columns``; JSON files must parse; other files must decode and not be empty.

    Examples
    --------
    >>> from hromada.refdata.locations import locate, reference_file
    >>> entry = reference_file("ukraine/oblast.csv")
    >>> check_reference_file(entry, locate(entry.path).path) is None
    True
    """
    name = entry.path
    try:
        if name.endswith(".csv"):
            frame = pd.read_csv(path, sep=entry.sep, nrows=50, encoding="utf-8")
            if frame.empty:
                return "no data rows"
            absent = [c for c in entry.columns if c not in frame.columns]
            if absent:
                return (
                    f"column(s) {', '.join(absent)} not found; the file has "
                    f"{', '.join(map(str, frame.columns[:12]))}"
                )
        elif name.endswith(".json"):
            with open_path(path) as f:
                json.load(f)
        else:
            with open_path(path) as f:
                if not f.read(1 << 20).strip():
                    return "empty"
    except (UnicodeDecodeError, ValueError, OSError, pd.errors.ParserError) as exc:
        return f"cannot be read ({type(exc).__name__}: {exc})"
    return None
