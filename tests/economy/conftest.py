import pytest

from tests.web.factories import make_member, make_municipality


@pytest.fixture
def municipality(db):
    return make_municipality(name_uk="Тестова", name_en="Testova")


@pytest.fixture
def editor(municipality):
    return make_member(municipality, "editor")
