"""A project as DREAM-compatible JSON (the public API model of the Ukrainian reconstruction
platform DREAM, ``ideas/{id}``: type, purpose, status and statusDetails, metrics with
basic and target values, approaches with locations (UA-CATOTTG), budget and finance)."""

from __future__ import annotations

from hromada.core.disclosure import INTERNAL_MARK, keep
from hromada.monitoring.models import FundingType, Project, ProjectStatus

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
STATUS = {ProjectStatus.IDEA: "pending", ProjectStatus.PREPARATION: "pending",
          ProjectStatus.ACTIVE: "active", ProjectStatus.COMPLETE: "complete",
          ProjectStatus.SUSPENDED: "pending", ProjectStatus.CANCELLED: "cancelled"}
TYPE = {"reconstruction": "rehabilitation"}  # everything else: construction / equipment


def _d(value):
    return value.isoformat() if value else None


def project_to_dream(project: Project, *, title_en: str = "",
                     include_restricted: bool = False) -> dict:
    """The project in DREAM's ``ideas/{id}`` shape (amounts in UAH; secured and pledged
    money as finance entries; sought money is not yet finance and is left out). Restricted
    funding sources and indicators are left out (core.disclosure) unless
    ``include_restricted`` (an owner's internal copy, then marked ``"internal"``)."""
    title = [{"lang": "uk", "translation": project.title}]
    if title_en:
        title.append({"lang": "en", "translation": title_en})
    location = project.katottg or project.municipality.code
    finance = []
    for f in keep(project.funding.all(), include_restricted=include_restricted):
        ftype, category = FINANCE[f.funding_type]
        amount = float(f.secured) + float(f.pledged)
        if not amount:
            continue
        finance.append({"id": f"finance-{f.pk}", "value": {"amount": amount, "currency": "UAH"},
                        "period": {"startDate": _d(project.start), "endDate": _d(project.end)},
                        "financeType": ftype, "financeCategory": category,
                        "financingParty": {"id": f"party-{f.pk}", "name": f.funder or
                                           f.get_funding_type_display()}})
    observations = [{"id": f"metric-{i.pk}", "notes": i.name,
                     "dimensions": {"basicValue": i.baseline, "targetValue": i.target,
                                    "characteristic": "other"}}
                    for i in keep(project.indicators.all(),
                                  include_restricted=include_restricted)]
    internal = {"internal": str(INTERNAL_MARK)} if include_restricted else {}
    return {
        **internal,
        "id": f"hromada-{project.municipality.code}-{project.pk}",
        "date": project.created_at.isoformat(),
        "updated": project.updated_at.isoformat(),
        "type": TYPE.get(project.project_type, "construction"),
        "title": title,
        "description": [{"lang": "uk", "translation": project.description}],
        "purpose": project.purpose,
        "status": STATUS[project.status],
        "statusDetails": project.lifecycle_stage,
        "metrics": [{"id": "initiationMetricsSocialAndEconomic",
                     "observations": observations}] if observations else [],
        "approaches": [{
            "id": "approach-1", "title": project.title,
            "description": project.description,
            "items": [{"id": "item-1", "description": project.location or project.title,
                       "locations": [{"gazetteer": {"scheme": "UA-CATOTTG",
                                                    "identifiers": [location]},
                                      "description": project.location}]}],
            "budget": {
                "budgetBreakdown": [{"id": "total",
                                     "amount": {"amount": float(project.budget),
                                                "currency": "UAH",
                                                "valueAddedTaxIncluded": True},
                                     "period": {"startDate": _d(project.start),
                                                "endDate": _d(project.end)},
                                     "classifications": {"budgetType": "original"}}],
                "finance": finance},
        }],
    }
