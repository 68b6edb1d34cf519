import pytest
from django.core.exceptions import ValidationError

from hromada.collaboration import selectors, services
from hromada.collaboration.models import Partnership, Stakeholder
from hromada.collaboration.presentation import stakeholder_grid
from tests.web.factories import make_member, make_municipality

pytestmark = pytest.mark.django_db


def test_quadrants_and_grid():
    m = make_municipality()
    user = make_member(m, "editor")
    for name, i, f in [("Мерія", 5, 5), ("ОДА", 2, 5), ("ГО", 5, 1), ("Банк", 1, 2)]:
        services.stakeholder_save(
            instance=Stakeholder(
                municipality=m, name=name, stakeholder_type="public", interest=i, influence=f
            ),
            by=user,
        )
    q = selectors.stakeholder_quadrants(municipality=m)
    assert {k: [s.name for s in v] for k, v in q.items()} == {
        "manage_closely": ["Мерія"],
        "keep_satisfied": ["ОДА"],
        "keep_informed": ["ГО"],
        "monitor": ["Банк"],
    }
    spec = stakeholder_grid(selectors.stakeholder_list(municipality=m)).to_dict()
    assert len(spec["layer"]) == 4
    with pytest.raises(ValidationError):
        services.stakeholder_save(
            instance=Stakeholder(municipality=m, name="x", stakeholder_type="public", interest=6),
            by=user,
        )


def test_partnership_links_and_other_municipality_is_separate():
    m, other = make_municipality(), make_municipality()
    s = services.stakeholder_save(
        instance=Stakeholder(municipality=m, name="GIZ", stakeholder_type="international")
    )
    p = services.partnership_save(
        instance=Partnership(municipality=m, name="Програма", status="signed"),
        m2m={"partners": [s]},
    )
    assert [x.name for x in selectors.partnership_list(municipality=m)[0].partners.all()] == ["GIZ"]
    assert selectors.partnership_list(municipality=other) == []
    assert p.history.count() == 1


@pytest.mark.django_db
def test_partnership_form_says_where_partners_come_from(client):
    from tests.web.factories import PASSWORD

    m = make_municipality()
    owner = make_member(m, "owner")
    client.login(username=owner.username, password=PASSWORD)
    url = f"/m/{m.code}/collaborate/partnerships/new/"
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'name="partners"' not in html and "add them first" in html
    Stakeholder.objects.create(municipality=m, name="Chamber of commerce")
    html = client.get(url).content.decode()
    assert 'name="partners"' in html and "Chamber of commerce" in html


def test_supportive_stakeholders_are_green_not_a_warning_colour():
    from django.utils import translation

    from hromada.core.charts import PALETTE, spec_of

    with translation.override("en"):
        spec = spec_of(stakeholder_grid([]))
    scales = [
        layer["encoding"]["color"]["scale"]
        for layer in spec["layer"]
        if "color" in layer.get("encoding", {}) and "scale" in layer["encoding"]["color"]
    ]
    drawn = dict(zip(scales[0]["domain"], scales[0]["range"], strict=True))
    assert drawn["Supportive"] == PALETTE["green"][0]
    assert drawn["Opposed"] == PALETTE["red"][0]
