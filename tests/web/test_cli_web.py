"""The hromada command: version, demo seeding, user creation."""

import pytest
from click.testing import CliRunner

from hromada import __version__
from hromada.accounts.models import Profile
from hromada.cli import main
from hromada.config.demo import DEMO_CODE, DEMO_PASSWORD, DEMO_USERNAME
from hromada.workspaces.models import Membership, Municipality


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


def test_help_lists_the_commands():
    result = CliRunner().invoke(main, ["--help"])
    for command in ("demo", "serve", "worker", "createuser", "analyze"):
        assert command in result.output


@pytest.mark.django_db
def test_demo_seeds_a_real_hromada_and_prints_credentials(client):
    runner = CliRunner()
    result = runner.invoke(main, ["demo", "--no-server"])
    assert result.exit_code == 0, result.output
    assert DEMO_USERNAME in result.output and DEMO_PASSWORD in result.output
    m = Municipality.objects.get(code=DEMO_CODE)
    assert m.name_uk == "Ізюмська" and m.oblast_uk == "Харківська" and m.population == 48072
    assert runner.invoke(main, ["demo", "--no-server"]).exit_code == 0  # idempotent
    assert Membership.objects.filter(municipality=m, role="owner").count() == 1
    assert client.login(username=DEMO_USERNAME, password=DEMO_PASSWORD)


@pytest.mark.django_db
def test_createuser(client):
    runner = CliRunner()
    result = runner.invoke(
        main, ["createuser", "halyna", "--password", "a-long-pass-4471", "--facilitator"]
    )
    assert result.exit_code == 0, result.output
    assert Profile.objects.get(user__username="halyna").site_role == "facilitator"
    assert client.login(username="halyna", password="a-long-pass-4471")
    weak = runner.invoke(main, ["createuser", "petro", "--password", "123"])
    assert weak.exit_code != 0 and "8" in weak.output  # the minimum length, in any language
    again = runner.invoke(main, ["createuser", "halyna", "--password", "a-long-pass-4471"])
    assert again.exit_code != 0 and "halyna" in again.output
