import pytest

from hromada.core.taskframework import IMMEDIATE_BACKEND
from tests.web.factories import make_member, make_municipality


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2's deliberate slowness protects real users; tests don't need it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": IMMEDIATE_BACKEND}}


@pytest.fixture
def municipality(db):
    return make_municipality(name_uk="Тестова", name_en="Testova")


@pytest.fixture
def editor(municipality):
    return make_member(municipality, "editor")
