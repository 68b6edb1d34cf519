"""The DREAM export validates against DREAM's own OpenAPI description (bundled:
hromada/refdata/bundled/dream/openapi.yaml.gz, the ``ideas/{id}`` response), with every
text tagged with the language it is written in and DREAM's enumerations."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest
import yaml

from hromada.monitoring import services
from hromada.monitoring.dream import project_to_dream
from hromada.monitoring.models import FundingSource, Project
from hromada.planning import services as plan_services
from hromada.refdata._files import open_text
from tests.web.factories import make_member, make_municipality

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def idea_schema():
    with open_text("dream/openapi.yaml") as fh:
        api = yaml.safe_load(fh)
    response = api["paths"]["/marketplace/public/dream/ideas/{id}"]["get"]["responses"]["200"]
    return response["content"]["application/json"]["schema"]


def _validate(schema, doc):
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


@pytest.mark.parametrize(
    "project_type", ["reconstruction", "development", "entrepreneurship", "skills"]
)
def test_export_validates_against_dreams_schema(idea_schema, project_type):
    m = make_municipality()
    user = make_member(m, "editor")
    p = services.project_save(
        project=Project(
            municipality=m,
            title="Business support centre",
            description="Опис українською",
            project_type=project_type,
            budget=500000,
            katottg=m.code,
            start=dt.date(2026, 1, 1),
            end=dt.date(2026, 12, 31),
        ),
        by=user,
    )
    plan_services.record_save(
        instance=FundingSource(
            municipality=m, project=p, funding_type="grant", funder="GIZ", secured=200000
        ),
        by=user,
    )
    doc = json.loads(json.dumps(project_to_dream(p, title_en="")))
    _validate(idea_schema, doc)
    # English text is tagged English, Ukrainian text Ukrainian.
    assert doc["title"] == [{"lang": "en", "translation": "Business support centre"}]
    assert doc["description"] == [{"lang": "uk", "translation": "Опис українською"}]
    assert doc["type"] in idea_schema["properties"]["type"]["enum"]
    if project_type == "reconstruction":
        assert doc["type"] == "rehabilitation"


def test_a_bare_project_validates_too(idea_schema):
    m = make_municipality()
    user = make_member(m, "editor")
    p = services.project_save(project=Project(municipality=m, title="Ремонт школи"), by=user)
    doc = json.loads(json.dumps(project_to_dream(p, title_en="School repair")))
    _validate(idea_schema, doc)
    assert doc["title"] == [
        {"lang": "uk", "translation": "Ремонт школи"},
        {"lang": "en", "translation": "School repair"},
    ]
