"""The 'Industries to grow next' page: the municipality's KVED data on the industry space."""

import re

import pytest
from django.urls import reverse

from hromada.diversify.kved import kved_ranking
from hromada.diversify.models import LocalResource, ShortlistItem
from hromada.economy.demo import demo_divisions_seed, illustrative_divisions
from hromada.planning.models import StrategicGoal
from tests.web.factories import PASSWORD, make_member, make_municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(client):
    m = make_municipality(name_en="Testova")
    editor = make_member(m, "editor")
    viewer = make_member(m, "viewer")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return m, editor, viewer


def _demo_frames():
    d = illustrative_divisions()
    y = d[d["year"] == 2021]
    return (
        y[y["area"] == "local"].set_index("sector")["value"],
        y[y["area"] == "reference"].set_index("sector")["value"],
    )


def test_without_kved_data_the_page_says_so(client, team):
    m, editor, _ = team
    client.login(username=editor.username, password=PASSWORD)
    html = client.get(reverse("diversify:industries", args=[m.code])).content.decode()
    assert 'data-testid="kved-missing"' in html and "too coarse" in html


def test_scores_on_the_page_equal_the_library_and_are_labelled(client, team):
    m, editor, _ = team
    demo_divisions_seed(m)
    client.login(username=editor.username, password=PASSWORD)
    html = client.get(
        reverse("diversify:industries", args=[m.code]), {"preset": "long_jumps"}
    ).content.decode()
    assert 'data-testid="illustrative"' in html and "not Ukrainian" in html
    assert 'data-testid="chart-kved-industry-space"' in html
    local, national = _demo_frames()
    expected = kved_ranking(local, national, weights="long_jumps", region="Testova", draws=0).table
    for r in expected.head(5).itertuples():
        cell = re.search(rf'data-testid="score-{r.code}">([^<]+)<', html).group(1)
        assert float(cell) == pytest.approx(r.score, abs=5e-4)
    assert "Close to what Testova already does" in html
    assert "resamplings" in html
    csv = client.get(
        reverse("diversify:industries_export", args=[m.code]), {"preset": "long_jumps"}
    ).content.decode()
    assert csv.lstrip("\ufeff").splitlines()[0].startswith("rank,kved,name,score")
    assert len(csv.splitlines()) == len(expected) + 1


def test_custom_weights_and_errors(client, team):
    m, editor, _ = team
    demo_divisions_seed(m)
    client.login(username=editor.username, password=PASSWORD)
    url = reverse("diversify:industries", args=[m.code])
    html = client.get(
        url, {"preset": "custom", "density": "1", "pci": "0", "cog": "0"}
    ).content.decode()
    local, national = _demo_frames()
    expected = kved_ranking(local, national, weights={"density": 1}, draws=0).table
    first = re.search(r'<tr data-sector="([^"]+)"', html).group(1)
    assert first == expected["code"].iloc[0]
    html = client.get(
        url, {"preset": "custom", "density": "0", "pci": "0", "cog": "0"}
    ).content.decode()
    assert "Give at least one weight a positive value." in html
    assert 'data-testid="kved-opportunities"' not in html


def test_add_to_plan_on_the_new_codes(client, team):
    m, editor, viewer = team
    demo_divisions_seed(m)
    LocalResource.objects.create(municipality=m, name="Old factory", kind="site", sectors=["C"])
    local, national = _demo_frames()
    best = kved_ranking(local, national, weights="recommended", draws=0).table.iloc[0]
    url = reverse("diversify:shortlist_add", args=[m.code])
    post = {
        "panel": "kved-cbp2019-division",
        "sector": best.code,
        "year": "2021",
        "preset": "recommended",
    }
    client.login(username=viewer.username, password=PASSWORD)
    assert client.post(url, post).status_code == 403
    client.logout()
    client.login(username=editor.username, password=PASSWORD)
    html = client.get(reverse("diversify:industries", args=[m.code])).content.decode()
    assert "Old factory" in html  # resources tagged with the candidate's section
    client.post(url, {**post, "sector": "99"})
    assert not ShortlistItem.objects.exists()
    client.post(url, post)
    client.post(url, post)
    item = ShortlistItem.objects.get()
    assert item.sector == best.code and item.score == pytest.approx(best.score)
    assert item.feasibility == pytest.approx(best.density)
    assert item.sector_name.startswith(best.code)
    page = client.get(reverse("diversify:shortlist", args=[m.code])).content.decode()
    assert "County Business Patterns" in page
    client.post(reverse("diversify:shortlist_to_plan", args=[m.code, item.pk]))
    assert StrategicGoal.objects.filter(municipality=m).count() == 1


def test_page_in_ukrainian(client, team):
    m, editor, _ = team
    demo_divisions_seed(m)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "uk"
    client.login(username=editor.username, password=PASSWORD)
    html = client.get(reverse("diversify:industries", args=[m.code])).content.decode()
    assert 'lang="uk"' in html and "Галузі, які варто розвивати" in html
    assert "Виробництво" in html  # KVED names in Ukrainian


def test_picture_marks_the_same_present_divisions_as_the_table():
    from hromada.diversify.kved import division_view

    local, national = _demo_frames()
    ranking = kved_ranking(local, national, draws=0)
    nodes = division_view(ranking, local, national).set_index("code")
    assert set(nodes.index[nodes["status"] == "present"]) == set(ranking.present["code"])
    top = set(ranking.table.head(10)["division"])
    assert set(nodes.index[nodes["status"] == "candidate"]) == top - set(ranking.present["code"])
    assert nodes["x"].between(0, 1).all()


def test_ranking_at_the_level_of_the_data():
    import pandas as pd

    from hromada.refdata import industry_space

    classes = industry_space("class").index
    values = pd.Series(0.0, index=classes)
    values[["10.11", "10.13", "10.51", "16.10", "25.11", "49.41", "52.10"]] = [
        300,
        120,
        80,
        60,
        90,
        150,
        70,
    ]
    values["84.11"] = 400.0  # barely in the space: counts as it is
    values = pd.concat([values[values > 0], pd.Series({"01.11": 500.0})])  # not in CBP
    r = kved_ranking(values, None, draws=5)
    assert r.level == r.data_level == "class" and not r.national
    assert r.outside == ["01.11"]
    assert r.table["code"].str.fullmatch(r"\d\d\.\d\d").all()
    assert {"10.11", "49.41"} <= set(r.present["code"])
    eu = kved_ranking(values, None, source="sbs2015", draws=5)
    assert eu.level == "division" and eu.data_level == "class" and eu.other_source == "cbp2019"
    assert eu.table["code"].str.fullmatch(r"\d\d").all()


def test_cli_ranking_has_the_numbers_of_the_page(client, team, tmp_path):
    """``hromada analyze opportunities FILE`` (KVED mode) on the file the demo data would
    be imported from gives the page's CSV numbers: the same shared ranking, bands too."""
    import io

    import pandas as pd
    from click.testing import CliRunner

    from hromada.cli import main

    m, editor, _ = team
    demo_divisions_seed(m)
    client.login(username=editor.username, password=PASSWORD)
    page = client.get(
        reverse("diversify:industries_export", args=[m.code]), {"preset": "long_jumps"}
    ).content.decode()
    page = pd.read_csv(io.StringIO(page.lstrip("\ufeff")), dtype={"kved": str})
    d = illustrative_divisions()
    d = d.assign(area=d["area"].map({"local": "municipality", "reference": "Ukraine"}))
    path = tmp_path / "testova.csv"
    d.rename(columns={"sector": "kved"}).to_csv(path, index=False)
    result = CliRunner().invoke(
        main, ["analyze", "opportunities", str(path), "--preset", "long_jumps", "--csv"]
    )
    assert result.exit_code == 0, result.output
    text = result.stdout[result.stdout.index("rank,kved") :]
    cli = pd.read_csv(io.StringIO(text), dtype={"kved": str})
    assert list(cli["kved"]) == list(page["kved"])
    for col in ("rank", "score", "density", "pci", "cog", "rank_low", "rank_high"):
        pd.testing.assert_series_equal(cli[col], page[col], check_dtype=False)
    pd.testing.assert_series_equal(
        cli["share_of_draws_in_top_10"], page["share_of_draws_in_top_10"], check_dtype=False
    )
    assert cli["robust"].tolist() == page["robust"].tolist()
    # --level: the same data summed to a coarser level is refused when finer is asked
    bad = CliRunner().invoke(main, ["analyze", "opportunities", str(path), "--level", "class"])
    assert bad.exit_code != 0 and "cannot be split" in bad.output


def test_cli_own_weights_json_and_bad_weights(tmp_path):
    """--weights gives the library's ranking with those weights; --json carries the
    preset, the RCA basis and the candidates; malformed weights are refused."""
    import json

    from click.testing import CliRunner

    from hromada.cli import main

    d = illustrative_divisions()
    d = d.assign(area=d["area"].map({"local": "municipality", "reference": "Ukraine"}))
    path = tmp_path / "h.csv"
    d.rename(columns={"sector": "kved"}).to_csv(path, index=False)
    args = ["analyze", "opportunities", str(path), "--weights", "density=1,pci=0,cog=0"]
    result = CliRunner().invoke(main, [*args, "--json", "--draws", "0"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout[result.stdout.index("{") :])
    local, national = _demo_frames()
    expected = kved_ranking(local, national, weights={"density": 1}, draws=0).table
    assert [c["kved"] for c in doc["candidates"]] == list(expected["code"])
    assert doc["preset"] == "custom" and doc["rca_against"] == "ukraine" and doc["year"] == 2021
    assert doc["weights"] == {"density": 1.0, "pci": 0.0, "cog": 0.0}
    # the reference rows are not Ukraine's: RCA against the reference space's shares
    other = CliRunner().invoke(main, [*args, "--json", "--draws", "0", "--reference", "oblast"])
    assert json.loads(other.stdout[other.stdout.index("{") :])["rca_against"] == "reference"
    bad = CliRunner().invoke(main, ["analyze", "opportunities", str(path), "--weights", "dens"])
    assert bad.exit_code != 0 and "density=0.5" in bad.output
