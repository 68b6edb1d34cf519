"""Locating and reading reference files, with one clear error when a file is missing."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import IO

import pandas as pd

from hromada.refdata.locations import ENV_VAR, data_dir, locate, reference_file, reference_path

__all__ = ["ReferenceDataMissingError", "open_path", "open_text", "require", "read_csv"]


class ReferenceDataMissingError(FileNotFoundError):
    """A reference file is not in the data folder.

    Attributes
    ----------
    relpath : str
        The file, relative to the data folder (e.g. ``'ukraine/hromada.csv'``).
    folder : pathlib.Path
        The data folder searched.
    source : str
        Where to obtain the file.
    """

    def __init__(self, relpath: str, folder: Path, source: str):
        self.relpath = relpath
        self.folder = folder
        self.source = source
        message = (
            f"reference file {relpath!r} is neither in the data folder {folder} nor bundled "
            f"with Hromada (a damaged installation: reinstall it). Obtain the file from "
            f"{source} and put it in that folder, or point {ENV_VAR} at a folder that holds "
            f"it; `hromada data` lists every reference file and its source."
        )
        super().__init__(message)
        self.filename = str(reference_path(relpath, root=folder))

    def __str__(self) -> str:  # FileNotFoundError would print errno formatting otherwise
        return self.args[0]


def require(relpath: str, root: Path | None = None) -> Path:
    """Return the path reference file ``relpath`` is read from; raise if it is nowhere.

    The user's data folder's copy, else the bundled one; either may end in ``.gz``.
    """
    found = locate(relpath, root=root)
    if found is None:
        try:
            source = reference_file(relpath).source
        except KeyError:
            source = "its publisher (see docs/data.md)"
        folder = Path(root).resolve() if root is not None else data_dir()
        raise ReferenceDataMissingError(relpath, folder, source)
    return found.path


def read_csv(relpath: str, root: Path | None = None, **kwargs) -> pd.DataFrame:
    """Read a UTF-8 reference CSV (``NA`` and empty cells as missing; ``.gz`` read as such)."""
    return pd.read_csv(require(relpath, root), encoding="utf-8", **kwargs)


def open_text(relpath: str, root: Path | None = None) -> IO[str]:
    """Open a UTF-8 reference file for reading text, decompressing a ``.gz`` copy."""
    return open_path(require(relpath, root))


def open_path(path: Path) -> IO[str]:
    """Open the file at ``path`` as UTF-8 text, decompressing it when it ends in ``.gz``."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")
