"""Workspace transfer for offline work: export one municipality, import elsewhere, and
conflicts reported instead of silently overwritten."""

import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model

from hromada.cli import main
from hromada.economy.models import Dataset, DatasetVersion, Observation
from hromada.workspaces.models import Membership, Municipality
from hromada.workspaces.transfer import TransferError, workspace_export, workspace_import
from tests.web.factories import make_member, make_municipality

pytestmark = pytest.mark.django_db


def _workspace(code):
    m = make_municipality(code=code, name_uk="Ізюмська")
    owner = make_member(m, "owner")
    ds = Dataset(municipality=m, name="Зайнятість", measure="employment", unit="осіб")
    ds._history_user = owner
    ds.save()
    ds.name = "Зайнятість за КВЕД"
    ds.save()
    v = DatasetVersion.objects.create(dataset=ds, number=1, created_by=owner)
    Observation.objects.bulk_create(
        [
            Observation(version=v, area=a, sector=s, year=y, value=float(i))
            for i, (a, s, y) in enumerate(
                (a, s, y)
                for a in ("local", "reference")
                for s in ("A", "C", "G")
                for y in (2021, 2022)
            )
        ]
    )
    return m, owner, ds


def _state(m):
    """What a workspace holds, without database ids (they differ between instances)."""
    ds = Dataset.all_objects.filter(municipality=m)
    return {
        "municipality": [
            {k: v for k, v in row.items() if k not in ("id", "created_at")}
            for row in Municipality.objects.filter(pk=m.pk).values()
        ],
        "members": sorted(
            Membership.objects.filter(municipality=m).values_list("user__username", "role")
        ),
        "datasets": sorted(ds.values_list("name", "measure", "created_by__username")),
        # JSON keeps times to the millisecond
        "history": sorted(
            (d.replace(microsecond=d.microsecond // 1000 * 1000), name, user)
            for d, name, user in Dataset.history.filter(municipality=m).values_list(
                "history_date", "name", "history_user__username"
            )
        ),
        "values": sorted(
            Observation.objects.filter(version__dataset__in=ds).values_list(
                "area", "sector", "year", "value"
            )
        ),
    }


def test_round_trip_into_an_empty_instance(tmp_path):
    m, owner, ds = _workspace("UA63040090000021240")
    other = make_municipality()  # another municipality's data must not travel
    make_member(other, "owner")
    before = _state(m)
    path = tmp_path / "izium.hromada.gz"
    counts = workspace_export(code=m.code, path=path)
    assert counts["economy.observation"] == 12 and counts["economy.historicaldataset"] == 2
    assert "workspaces.municipality" in counts
    # "Another instance": everything of this municipality and its people gone.
    m_pk = m.pk
    m.delete()
    Dataset.history.filter(municipality_id=m_pk).delete()
    get_user_model().objects.filter(pk=owner.pk).delete()
    report = workspace_import(path=path)
    assert report.ok and report.users_created == [owner.username]
    assert _state(Municipality.objects.get(code="UA63040090000021240")) == before
    again = workspace_import(path=path)  # importing twice changes nothing
    assert again.ok and not again.added and sum(again.unchanged.values()) == sum(counts.values())


def _edit_over_there(path, model, current, **changes):
    """What the other instance does between two transfers: the record named ``current``
    changed there (a new version of it, with a key that instance gave it)."""
    import gzip
    import json
    import uuid

    payload = json.loads(gzip.open(path, "rt", encoding="utf-8").read())
    record = next(
        o for o in payload["objects"] if o["model"] == model and o["fields"]["name"] == current
    )
    record["fields"].update(changes)
    versions = [
        o
        for o in payload["objects"]
        if o["model"] == model.replace(".", ".historical") and o["fields"]["id"] == record["key"]
    ]
    latest = max(versions, key=lambda o: o["fields"]["history_date"])
    later = json.loads(json.dumps(latest))
    later["key"] = str(uuid.uuid4())
    later["fields"].update(
        changes,
        history_type="~",
        history_date=latest["fields"]["history_date"][:3]
        + "9"
        + latest["fields"]["history_date"][4:],
    )  # a later year
    payload["objects"].append(later)
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump(payload, fh, ensure_ascii=False)


def test_conflicts_are_reported_and_nothing_changes(tmp_path):
    m, owner, ds = _workspace("UA63040090000021240")
    path = tmp_path / "w.gz"
    workspace_export(code=m.code, path=path)
    _edit_over_there(path, "economy.dataset", ds.name, name="Змінено там")
    ds.name = "Змінено тут"  # and here, since the last transfer
    ds.save()
    extra = Dataset.objects.create(municipality=m, name="Нове тут", measure="wages", unit="грн")
    before = _state(m)
    report = workspace_import(path=path)
    assert not report.ok and report.conflicts == [
        f"dataset «Змінено тут» (#{ds.pk} here) of Ізюмська (UA63040090000021240): changed "
        f"here and in the file"
    ]
    assert _state(m) == before
    report = workspace_import(path=path, overwrite=True)
    assert report.ok and report.overwritten["economy.dataset"] == 1
    assert Dataset.objects.get(pk=ds.pk).name == "Змінено там"
    assert Dataset.objects.filter(pk=extra.pk).exists()  # local additions are kept
    names = set(Dataset.history.filter(id=ds.pk).values_list("name", flat=True))
    assert {"Змінено тут", "Змінено там"} <= names  # both versions are in the history


def test_a_change_on_one_side_only_is_no_conflict(tmp_path):
    m, owner, ds = _workspace("UA63040090000021240")
    path = tmp_path / "w.gz"
    workspace_export(code=m.code, path=path)
    _edit_over_there(path, "economy.dataset", ds.name, name="Змінено там")
    report = workspace_import(path=path)  # changed only over there: taken
    assert report.ok and report.updated["economy.dataset"] == 1, report
    assert Dataset.objects.get(pk=ds.pk).name == "Змінено там"
    workspace_export(code=m.code, path=path)
    ds.refresh_from_db()
    ds.name = "Змінено тут"
    ds.save()
    report = workspace_import(path=path)  # changed only here since: this copy is kept
    assert report.ok and report.kept["economy.dataset"] == 1, report
    assert Dataset.objects.get(pk=ds.pk).name == "Змінено тут"


def test_cli_and_bad_files(tmp_path):
    m, owner, ds = _workspace("UA63040090000021240")
    path = tmp_path / "w.gz"
    runner = CliRunner()
    result = runner.invoke(main, ["export-workspace", m.code, str(path)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["import-workspace", str(path), "--dry-run"])
    assert result.exit_code == 0 and "dry run" in result.output
    bogus = tmp_path / "x.gz"
    bogus.write_bytes(b"not gzip")
    with pytest.raises(TransferError, match="not a Hromada workspace"):
        workspace_import(path=bogus)
    import gzip
    import json

    old = tmp_path / "v1.gz"  # the first format carried database ids
    with gzip.open(old, "wt", encoding="utf-8") as fh:
        json.dump({"format": "hromada-workspace", "version": 1, "objects": []}, fh)
    with pytest.raises(TransferError, match="older Hromada with database ids"):
        workspace_import(path=old)
    with pytest.raises(TransferError, match="no municipality"):
        workspace_export(code="UA00000000000000000", path=tmp_path / "y.gz")


def test_copy_for_others_leaves_restricted_records_their_children_and_history_out(tmp_path):
    import gzip
    import json

    m, owner, ds = _workspace("UA63040090000021240")
    secret = Dataset(
        municipality=m,
        name="Оборонне підприємство",
        measure="employment",
        unit="осіб",
        restricted=True,
    )
    secret.save()
    secret_version = DatasetVersion.objects.create(dataset=secret, number=1)
    Observation.objects.create(
        version=secret_version, area="local", sector="C", year=2022, value=99.0
    )
    full = tmp_path / "full.gz"
    for_others = tmp_path / "others.gz"
    workspace_export(code=m.code, path=full)
    counts = workspace_export(code=m.code, path=for_others, include_restricted=False)
    text = gzip.open(for_others, "rt", encoding="utf-8").read()
    assert "Оборонне підприємство" not in text
    assert "Оборонне підприємство" in gzip.open(full, "rt", encoding="utf-8").read()
    objects = json.loads(text)["objects"]
    assert [o["fields"]["number"] for o in objects if o["model"] == "economy.datasetversion"] == [1]
    assert not any("pk" in o for o in objects)  # no database id crosses instances
    assert counts["economy.observation"] == 12  # the open dataset's values only
    assert counts["economy.dataset"] == 1


def test_the_history_of_a_records_parts_travels_and_stays_restricted(tmp_path):
    """Removed impacts of a damage entry live only in their history: it travels with the
    workspace, and with a restricted entry it stays out of the copy for others."""
    import datetime
    import gzip
    import json

    from hromada.economy import services
    from hromada.economy.models import DamageImpact

    m, owner, ds = _workspace("UA63040090000021240")
    entries = {}
    for restricted in (False, True):
        entry = services.damage_entry_create(
            municipality=m,
            date=datetime.date(2022, 5, 1),
            kind="damage",
            sector="industry",
            asset_type="buildings",
            description=f"entry {restricted}",
            amount=1,
            restricted=restricted,
            impacts=[{"sector": "C", "jobs": 7 + restricted}],
        )
        services.damage_impact_remove(impact=entry.impacts.get(), user=owner)
        entries[restricted] = entry
    assert not DamageImpact.objects.exists()

    def impact_history(path):
        objects = json.loads(gzip.open(path, "rt", encoding="utf-8").read())["objects"]
        return sorted(
            o["fields"]["jobs"] for o in objects if o["model"] == "economy.historicaldamageimpact"
        )

    full, for_others = tmp_path / "full.gz", tmp_path / "others.gz"
    workspace_export(code=m.code, path=full)
    workspace_export(code=m.code, path=for_others, include_restricted=False)
    assert impact_history(full) == [7, 7, 8, 8]  # added and removed, for both entries
    assert impact_history(for_others) == [7, 7]


def test_a_workspace_deleted_here_imports_again_beside_its_left_over_versions(tmp_path):
    m, owner, ds = _workspace("UA63040090000021240")
    before = _state(m)
    path = tmp_path / "w.gz"
    workspace_export(code=m.code, path=path)
    m.delete()  # versions outlive their records, and name a municipality id now gone
    report = workspace_import(path=path)
    assert report.ok, report
    m = Municipality.objects.get(code="UA63040090000021240")
    assert {k: v for k, v in _state(m).items() if k != "history"} == {
        k: v for k, v in before.items() if k != "history"
    }
    assert _state(m)["history"] == before["history"]
