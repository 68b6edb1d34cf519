"""``hromada import``: the same checks and storage as the web import."""

import pytest
from click.testing import CliRunner

from hromada.cli.import_data import commands
from hromada.economy.models import Dataset, Observation
from tests.economy.helpers import excel_csv, long_frame

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def command():
    return commands[0]


def test_import_stores_versions(command, municipality, tmp_path):
    path = tmp_path / "дані.csv"
    path.write_bytes(excel_csv(long_frame()))
    runner = CliRunner()
    args = [str(path), "--municipality", municipality.code, "--dataset", "Зайнятість"]
    result = runner.invoke(command, args)
    assert result.exit_code == 0, result.output
    assert "version 1" in result.output
    result = runner.invoke(command, args)
    assert "version 2" in result.output
    dataset = Dataset.objects.get(name="Зайнятість")
    assert dataset.versions.count() == 2
    assert Observation.objects.filter(version=dataset.latest_version).count() == len(long_frame())


def test_import_with_errors_stores_nothing(command, municipality, tmp_path):
    frame = long_frame()
    frame.loc[2, "kved"] = "QQ"
    path = tmp_path / "bad.csv"
    path.write_bytes(excel_csv(frame))
    result = CliRunner().invoke(command, [str(path), "--municipality", municipality.code])
    assert result.exit_code == 1
    assert "row 4" in result.output and "“QQ” is not a KVED 2010 code" in result.output
    assert Dataset.objects.count() == 0


def test_unknown_municipality(command, tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"a")
    result = CliRunner().invoke(command, [str(path), "--municipality", "UA1"])
    assert result.exit_code == 1 and "no municipality" in result.output
