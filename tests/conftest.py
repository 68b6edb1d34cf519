"""Fixtures shared by every test: where ../shared is, and its validation files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hromada.datadir import data_dir

ROOT = Path(__file__).resolve().parents[1]
# The data folder the product reads (HROMADA_DATA_DIR, else ../shared/data), and the
# validation fixtures beside the checkout or beside that data folder.
DATA = data_dir()
VALIDATION = next(
    (p for p in (ROOT.parent / "shared" / "validation", DATA.parent / "validation") if p.is_dir()),
    ROOT.parent / "shared" / "validation",
)


@pytest.fixture(scope="session")
def validation_dir() -> Path:
    if not VALIDATION.is_dir():
        pytest.skip(f"validation fixtures not found at {VALIDATION}")
    return VALIDATION


@pytest.fixture(scope="session")
def shared_data_dir() -> Path:
    if not DATA.is_dir():
        pytest.skip(f"reference data not found at {DATA}")
    return DATA


def load_json(path: Path):
    return json.loads(Path(path).read_text(encoding="utf-8"))
