"""Pages of the Collaborate step: stakeholders, partnerships, engagement, communication."""

from __future__ import annotations

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from hromada.collaboration import charts, selectors
from hromada.collaboration.forms import (
    CommunicationItemForm,
    EngagementForm,
    PartnershipForm,
    StakeholderForm,
)
from hromada.collaboration.models import CommunicationItem, Engagement, Partnership, Stakeholder
from hromada.core.charts import make_chart
from hromada.planning.crud import crud_views
from hromada.workspaces.permissions import municipality_view


@municipality_view()
def index(request):
    m = request.municipality
    stakeholders = selectors.stakeholder_list(municipality=m)
    chart = make_chart(
        charts.stakeholder_grid(stakeholders),
        id="stakeholder-grid",
        title=_("Stakeholders: interest and influence"),
        explanation=_(
            "Each dot is a stakeholder; those in the upper right have both the "
            "interest and the power to make the plan succeed or fail: involve "
            "them closely."
        ),
    )
    return TemplateResponse(
        request,
        "collaboration/index.html",
        {
            "stakeholders": stakeholders,
            "chart": chart,
            "partnerships": selectors.partnership_list(municipality=m),
            "engagements": selectors.engagement_list(municipality=m),
            "communication": selectors.communication_plan(municipality=m),
        },
    )


stakeholder_edit, stakeholder_delete = crud_views(
    model=Stakeholder,
    form_class=StakeholderForm,
    back="collaboration:index",
    history_slug="stakeholder",
)
partnership_edit, partnership_delete = crud_views(
    model=Partnership,
    form_class=PartnershipForm,
    back="collaboration:index",
    history_slug="partnership",
)
engagement_edit, engagement_delete = crud_views(
    model=Engagement,
    form_class=EngagementForm,
    back="collaboration:index",
    history_slug="engagement",
)
communication_edit, communication_delete = crud_views(
    model=CommunicationItem,
    form_class=CommunicationItemForm,
    back="collaboration:index",
    history_slug="communication",
)
