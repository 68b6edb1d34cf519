"""Fixtures shared by every test: where ../shared is, and its validation files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
VALIDATION = SHARED / "validation"
DATA = SHARED / "data"


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
