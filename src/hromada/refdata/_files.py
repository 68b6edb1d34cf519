"""Locating and reading reference files, with one clear error when a file is missing."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from hromada.datadir import ENV_VAR, data_dir, reference_file, reference_path

__all__ = ["ReferenceDataMissingError", "require", "read_csv"]


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
            f"reference file {relpath!r} not found in the data folder {folder} "
            f"(looked for {reference_path(relpath, root=folder)}). Obtain it from {source} "
            f"and put it there, or point the environment variable {ENV_VAR} at a folder "
            f"that holds it; `hromada data` lists every reference file and its source."
        )
        super().__init__(message)
        self.filename = str(reference_path(relpath, root=folder))

    def __str__(self) -> str:  # FileNotFoundError would print errno formatting otherwise
        return self.args[0]


def require(relpath: str, root: Path | None = None) -> Path:
    """Return the path of reference file ``relpath``; raise if it is missing."""
    folder = Path(root) if root is not None else data_dir()
    path = reference_path(relpath, root=folder)
    if not path.is_file():
        try:
            source = reference_file(relpath).source
        except KeyError:
            source = "its publisher (see docs/data.md)"
        raise ReferenceDataMissingError(relpath, folder, source)
    return path


def read_csv(relpath: str, root: Path | None = None, **kwargs) -> pd.DataFrame:
    """Read a UTF-8 reference CSV (``NA`` and empty cells as missing)."""
    return pd.read_csv(require(relpath, root), encoding="utf-8", **kwargs)
