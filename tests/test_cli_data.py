"""`hromada data` through click's CliRunner."""

from __future__ import annotations

from click.testing import CliRunner

from hromada.cli import main
from hromada.datadir import REFERENCE_FILES


def test_lists_present_files(shared_data_dir, monkeypatch):
    monkeypatch.setenv("HROMADA_DATA_DIR", str(shared_data_dir))
    result = CliRunner().invoke(main, ["data", "--check", "--attribution"])
    assert result.exit_code == 0, result.output
    assert "MISSING" not in result.output
    for entry in REFERENCE_FILES:
        assert f"[present] {entry.path}" in result.output
    assert str(shared_data_dir / "ukraine" / "hromada.csv") in result.output
    assert "Kyiv School of Economics" in result.output
    assert f"{len(REFERENCE_FILES)} of {len(REFERENCE_FILES)} reference files present" in (
        result.output)


def test_empty_folder_lists_sources(tmp_path, monkeypatch):
    monkeypatch.setenv("HROMADA_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(main, ["data"])
    assert result.exit_code == 0, result.output
    assert str(tmp_path) in result.output
    for entry in REFERENCE_FILES:
        assert f"[MISSING] {entry.path}" in result.output
        assert f"obtain from: {entry.source}" in result.output
    assert "openbudget.gov.ua" in result.output
    failed = CliRunner().invoke(main, ["data", "--check"])
    assert failed.exit_code == 1
    assert "ukraine/hromada.csv" in failed.output


def test_partial_folder(tmp_path, monkeypatch):
    (tmp_path / "ukraine").mkdir()
    (tmp_path / "ukraine" / "oblast.csv").write_text("oblast_code\n", encoding="utf-8")
    monkeypatch.setenv("HROMADA_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(main, ["data"])
    assert "[present] ukraine/oblast.csv" in result.output
    assert "[MISSING] ukraine/hromada.csv" in result.output
    assert f"1 of {len(REFERENCE_FILES)} reference files present" in result.output
