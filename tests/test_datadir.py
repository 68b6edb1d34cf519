"""Where the data folder is, and the registry of reference files."""

from __future__ import annotations

from pathlib import Path

import pytest

from hromada import datadir
from hromada.datadir import REFERENCE_FILES, data_dir, reference_status


def test_env_var_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("HROMADA_DATA_DIR", str(tmp_path))
    assert data_dir() == tmp_path.resolve()


def test_default_is_shared_data_beside_checkout(monkeypatch):
    beside = Path(__file__).resolve().parents[1].parent / "shared" / "data"
    if not beside.is_dir():  # e.g. a clone elsewhere, tested with HROMADA_DATA_DIR
        pytest.skip(f"no shared/data beside this checkout ({beside})")
    monkeypatch.delenv("HROMADA_DATA_DIR", raising=False)
    assert data_dir() == beside.resolve()


def test_falls_back_to_user_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("HROMADA_DATA_DIR", raising=False)
    monkeypatch.setattr(datadir, "_candidates", lambda: [tmp_path / "nope"])
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_dir() == tmp_path / "xdg" / "hromada"


def test_registry_entries_are_complete():
    paths = [e.path for e in REFERENCE_FILES]
    assert len(paths) == len(set(paths))
    for e in REFERENCE_FILES:
        assert e.what and e.attribution and e.licence
        assert "http" in e.source, e.path


def test_status_present_and_missing(tmp_path, shared_data_dir):
    present = reference_status(root=shared_data_dir)
    assert all(s.present for s in present), [s.file for s in present if not s.present]
    assert all(Path(s.path).is_file() for s in present)
    (tmp_path / "ukraine").mkdir()
    (tmp_path / "ukraine" / "oblast.csv").write_text("x\n")
    status = {s.file: s for s in reference_status(root=tmp_path)}
    assert status["ukraine/oblast.csv"].present
    assert not status["ukraine/hromada.csv"].present
    assert status["ukraine/hromada.csv"].path == tmp_path / "ukraine" / "hromada.csv"
