"""A project as DREAM-compatible JSON (the public API model of the Ukrainian reconstruction
platform DREAM, ``ideas/{id}``: type, purpose, status and statusDetails, metrics with
basic and target values, approaches with locations (UA-CATOTTG), budget and finance).

It validates against DREAM's OpenAPI description (``hromada/refdata/bundled/dream``, a test
checks): DREAM's own enumerations, identifiers as UUIDs, each text tagged with the
language it is written in."""

from __future__ import annotations

import re
import uuid

from hromada.core.disclosure import INTERNAL_MARK, keep
from hromada.monitoring.illustrative import ILLUSTRATIVE_CAPTION
from hromada.monitoring.models import FundingType, Project, ProjectStatus, ProjectType
from hromada.monitoring.selectors import project_illustrative

# Our funding types -> DREAM financeType and financeCategory.
FINANCE = {
    FundingType.MUNICIPAL: ("stateFunds", "localBudget"),
    FundingType.STATE_BUDGET: ("stateFunds", "stateCentralBudget"),
    FundingType.STATE_FUNDS: ("stateFunds", "stateSpecialBudget"),
    FundingType.INTERNATIONAL: ("internationalPartners", "internationalOrganization"),
    FundingType.PRIVATE: ("privateInvestments", "legalEntity"),
    FundingType.LOAN: ("internationalPartners", "internationalOrganization"),
    FundingType.GRANT: ("internationalPartners", "internationalOrganization"),
}
STATUS = {
    ProjectStatus.IDEA: "pending",
    ProjectStatus.PREPARATION: "pending",
    ProjectStatus.ACTIVE: "active",
    ProjectStatus.COMPLETE: "complete",
    ProjectStatus.SUSPENDED: "pending",
    ProjectStatus.CANCELLED: "cancelled",
}
# DREAM's "type" is the character of the works: rehabilitation, construction, equipment.
# Reconstruction restores what was there; new development builds; support programmes
# (entrepreneurship, innovation, skills) follow their purpose: restoring or developing.
TYPE = {ProjectType.RECONSTRUCTION: "rehabilitation", ProjectType.DEVELOPMENT: "construction"}
TYPE_BY_PURPOSE = {"restoration": "rehabilitation", "development": "construction"}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")


#: Support programmes are spent on measures (operating costs); works on construction.
SOFT_TYPES = {ProjectType.ENTREPRENEURSHIP, ProjectType.INNOVATION, ProjectType.SKILLS}


def _d(value):
    """A date as DREAM's date-time (midnight UTC)."""
    return f"{value.isoformat()}T00:00:00Z" if value else None


def _period(project: Project) -> dict | None:
    if project.start and project.end:
        return {"startDate": _d(project.start), "endDate": _d(project.end)}
    return None


def _lang(text: str) -> str:
    """ "uk" for text mostly in Cyrillic letters, "en" for text mostly in Latin ones (a
    title typed in English must not be labelled Ukrainian)."""
    text = text or ""
    return "en" if len(_LATIN.findall(text)) > len(_CYRILLIC.findall(text)) else "uk"


def _texts(*texts: str) -> list[dict]:
    """DREAM's multilingual array: one entry per language, each tagged by its script."""
    out, seen = [], set()
    for text in texts:
        if not text:
            continue
        lang = _lang(text)
        if lang not in seen:
            seen.add(lang)
            out.append({"lang": lang, "translation": text})
    return out or [{"lang": "uk", "translation": ""}]


def _uuid(project: Project, kind: str, key) -> str:
    """A stable UUID for a part of the project (DREAM identifies parts by UUID)."""
    return str(
        uuid.uuid5(
            uuid.NAMESPACE_URL, f"hromada:{project.municipality.code}:{project.pk}:{kind}:{key}"
        )
    )


def project_to_dream(
    project: Project, *, title_en: str = "", include_restricted: bool = False
) -> dict:
    """The project in DREAM's ``ideas/{id}`` shape (amounts in UAH; secured and pledged
    money as finance entries; sought money is not yet finance and is left out). Restricted
    funding sources and indicators are left out (core.disclosure) unless
    ``include_restricted`` (an owner's internal copy, then marked ``"internal"``)."""
    title = _texts(project.title, title_en)
    location = project.katottg or project.municipality.code
    finance = []
    for f in keep(project.funding.all(), include_restricted=include_restricted):
        ftype, category = FINANCE[f.funding_type]
        amount = float(f.secured) + float(f.pledged)
        if not amount:
            continue
        entry = {
            "id": _uuid(project, "finance", f.pk),
            "value": {"amount": amount, "currency": "UAH"},
        }
        if _period(project):
            entry["period"] = _period(project)
        finance.append(
            {
                **entry,
                "financeType": ftype,
                "financeCategory": category,
                "financingParty": {
                    "id": f"party-{f.pk}",
                    "name": f.funder or f.get_funding_type_display(),
                },
            }
        )
    observations = [
        {
            "id": _uuid(project, "metric", i.pk),
            "notes": str(i.name),
            "dimensions": {
                k: v
                for k, v in (
                    ("basicValue", i.baseline),
                    ("targetValue", i.target),
                    ("characteristic", "other"),
                )
                if v is not None
            },
        }
        # DREAM's metrics carry a target; indicators without one wait
        for i in keep(project.indicators.all(), include_restricted=include_restricted)
        if i.target is not None
    ]
    soft = project.project_type in SOFT_TYPES
    breakdown = (
        [
            {
                "id": _uuid(project, "budget", "total"),
                "amount": {
                    "amount": float(project.budget),
                    "currency": "UAH",
                    "valueAddedTaxIncluded": True,
                },
                "period": _period(project),
                "classifications": {
                    "costItem": "measures" if soft else "construction",
                    "costType": "opex" if soft else "capex",
                    "budgetType": "original",
                },
            }
        ]
        if _period(project)
        else []
    )
    municipality = project.municipality
    description = project.description
    if project_illustrative(project):
        # DREAM has no field for the kind of data: the description says it
        description = f"{description}\n\n{ILLUSTRATIVE_CAPTION()}".strip()
    doc = {
        "id": f"hromada-{municipality.code}-{project.pk}",
        "date": project.created_at.isoformat(),
        "updated": project.updated_at.isoformat(),
        "type": TYPE.get(
            project.project_type, TYPE_BY_PURPOSE.get(project.purpose, "construction")
        ),
        "title": title,
        "description": _texts(description) if description else title,
        "purpose": project.purpose,
        "status": STATUS[project.status],
        "statusDetails": project.lifecycle_stage,
        # The municipality initiates the project. DREAM names parties by their EDRPOU
        # code (UA-EDR), which Hromada does not hold: the owner fills it in on DREAM.
        "parties": [
            {
                "id": f"hromada-{municipality.code}",
                "roles": ["initiator"],
                "identifier": {"scheme": "UA-EDR", "id": "", "legalName": municipality.name_uk},
            }
        ],
        "approaches": [
            {
                "id": _uuid(project, "approach", 1),
                "title": project.title,
                "description": description,
                "items": [
                    {
                        "id": _uuid(project, "item", 1),
                        "description": project.location or project.title,
                        "locations": [
                            {
                                "gazetteer": {"scheme": "UA-CATOTTG", "identifiers": [location]},
                                "description": project.location,
                            }
                        ],
                    }
                ],
                "budget": {"budgetBreakdown": breakdown, "finance": finance},
            }
        ],
    }
    if include_restricted:
        doc["internal"] = str(INTERNAL_MARK)
    if observations:  # DREAM's lists hold at least one entry, or are left out
        doc["metrics"] = [
            {"id": "initiationMetricsSocialAndEconomic", "observations": observations}
        ]
    return doc
