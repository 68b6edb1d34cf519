"""Where reference files are read from: the user's data folder on top of the bundle."""

from __future__ import annotations

import gzip
from pathlib import Path

import pandas as pd

from hromada.refdata import hromadas
from hromada.refdata._files import read_csv
from hromada.refdata.check import check_reference_file
from hromada.refdata.locations import (
    BUNDLE_DIR,
    REFERENCE_FILES,
    data_dir,
    locate,
    reference_status,
)


def test_env_var_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("HROMADA_DATA_DIR", str(tmp_path))
    assert data_dir() == tmp_path.resolve()


def test_default_is_the_user_folder_whatever_lies_beside_the_checkout(tmp_path, monkeypatch):
    monkeypatch.delenv("HROMADA_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_dir() == (tmp_path / "xdg" / "hromada").resolve()


def test_symlinked_folder_resolves_one_way(tmp_path, monkeypatch):
    real = tmp_path / "real"
    (real / "ukraine").mkdir(parents=True)
    (real / "ukraine" / "oblast.csv").write_text("oblast_code\nX\n", encoding="utf-8")
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    monkeypatch.setenv("HROMADA_DATA_DIR", str(link))
    assert data_dir() == real.resolve()
    found = locate("ukraine/oblast.csv")
    assert found.origin == "user" and found.path == (real / "ukraine" / "oblast.csv").resolve()
    status = {s.file: s for s in reference_status()}
    assert status["ukraine/oblast.csv"].path == found.path


def test_every_registered_file_is_bundled_and_well_formed(tmp_path, monkeypatch):
    monkeypatch.setenv("HROMADA_DATA_DIR", str(tmp_path))  # empty: bundle only
    for entry in REFERENCE_FILES:
        found = locate(entry.path)
        assert found is not None and found.origin == "bundled", entry.path
        assert BUNDLE_DIR in found.path.parents
        assert check_reference_file(entry, found.path) is None, entry.path


def test_bundle_is_lean_and_licensed():
    size = sum(p.stat().st_size for p in BUNDLE_DIR.rglob("*") if p.is_file())
    assert size < 40e6, f"bundled data is {size / 1e6:.1f} MB"
    assert (BUNDLE_DIR / "SOURCES.md").is_file()
    assert len(list((BUNDLE_DIR / "licenses").iterdir())) >= 4
    text = (BUNDLE_DIR / "SOURCES.md").read_text(encoding="utf-8")
    for folder in {e.path.split("/")[0] for e in REFERENCE_FILES}:
        assert f"`{folder}/`" in text, folder


def test_user_copy_overrides_the_bundle_plain_or_gzipped(tmp_path, monkeypatch):
    monkeypatch.setenv("HROMADA_DATA_DIR", str(tmp_path))
    bundled = read_csv("ukraine/oblast.csv", dtype=str)
    (tmp_path / "ukraine").mkdir()
    smaller = bundled.head(3)
    with gzip.open(tmp_path / "ukraine" / "oblast.csv.gz", "wt", encoding="utf-8") as f:
        smaller.to_csv(f, index=False)
    assert locate("ukraine/oblast.csv").origin == "user"
    assert len(read_csv("ukraine/oblast.csv", dtype=str)) == 3
    # the plain copy comes before the .gz one
    bundled.head(5).to_csv(tmp_path / "ukraine" / "oblast.csv", index=False)
    assert len(read_csv("ukraine/oblast.csv", dtype=str)) == 5


def test_loaders_work_with_nothing_but_the_bundle(tmp_path, monkeypatch):
    monkeypatch.setenv("HROMADA_DATA_DIR", str(tmp_path / "nothing-here"))
    assert len(hromadas()) == 1469


def test_registry_entries_are_complete():
    paths = [e.path for e in REFERENCE_FILES]
    assert len(paths) == len(set(paths))
    for e in REFERENCE_FILES:
        assert e.what and e.attribution and e.licence and e.vintage, e.path
        assert e.kind in {"official", "foreign", "illustrative"}
        assert "http" in e.source, e.path


def test_malformed_user_copy_is_named(tmp_path, monkeypatch):
    entry = next(e for e in REFERENCE_FILES if e.path == "ukraine/hromada.csv")
    bad = tmp_path / "hromada.csv"
    pd.DataFrame({"code": ["x"]}).to_csv(bad, index=False)
    problem = check_reference_file(entry, bad)
    assert problem and "hromada_code" in problem
    (tmp_path / "bin.csv").write_bytes(b"\xff\xfe\x00bad")
    assert "cannot be read" in check_reference_file(entry, Path(tmp_path / "bin.csv"))
