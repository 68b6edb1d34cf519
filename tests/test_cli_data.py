"""`hromada data` and `hromada data check` through click's CliRunner."""

from __future__ import annotations

import json

from click.testing import CliRunner

from hromada.cli import main
from hromada.refdata.locations import REFERENCE_FILES


def test_lists_bundled_files_with_vintage_and_source(tmp_path, monkeypatch):
    monkeypatch.setenv("HROMADA_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(main, ["data", "--check", "--attribution"])
    assert result.exit_code == 0, result.output
    assert "MISSING" not in result.output
    for entry in REFERENCE_FILES:
        assert f"[bundled] {entry.path}" in result.output
        assert f"vintage: {entry.vintage}" in result.output
    assert "Kyiv School of Economics" in result.output
    n = len(REFERENCE_FILES)
    assert f"{n} of {n} reference files present (0 from your data folder)" in result.output


def test_user_copy_is_named_and_checked(tmp_path, monkeypatch):
    (tmp_path / "ukraine").mkdir()
    (tmp_path / "ukraine" / "oblast.csv").write_text("oblast_code\n", encoding="utf-8")
    # --data-dir sets HROMADA_DATA_DIR for the process; monkeypatch restores it afterwards
    monkeypatch.setenv("HROMADA_DATA_DIR", str(tmp_path / "elsewhere"))
    result = CliRunner().invoke(main, ["--data-dir", str(tmp_path), "data"])
    assert result.exit_code == 0, result.output
    assert "[yours] ukraine/oblast.csv" in result.output
    assert "[bundled] ukraine/hromada.csv" in result.output
    assert str((tmp_path / "ukraine" / "oblast.csv").resolve()) in result.output
    # the user's copy has no rows and lacks columns: check fails and names it
    monkeypatch.setenv("HROMADA_DATA_DIR", str(tmp_path))
    failed = CliRunner().invoke(main, ["data", "check"])
    assert failed.exit_code == 1
    assert "ukraine/oblast.csv (your copy" in failed.output
    assert "[ok] ukraine/hromada.csv (the bundled copy)" in failed.output


def test_json_listing(tmp_path, monkeypatch):
    monkeypatch.setenv("HROMADA_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(main, ["data", "--json"])
    rows = json.loads(result.output)
    assert {r["file"] for r in rows} == {e.path for e in REFERENCE_FILES}
    assert {r["origin"] for r in rows} == {"bundled"}
