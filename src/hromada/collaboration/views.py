"""Pages of the Collaborate step: stakeholders, partnerships, engagement, communication."""

from __future__ import annotations

from functools import partial

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from hromada.collaboration import presentation, selectors, services
from hromada.collaboration.forms import (
    CommunicationItemForm,
    EngagementForm,
    PartnershipForm,
    StakeholderForm,
)
from hromada.collaboration.models import CommunicationItem, Engagement, Partnership, Stakeholder
from hromada.core.charts import make_chart
from hromada.workspaces.crud import crud_views
from hromada.workspaces.permissions import municipality_view


@municipality_view()
def index(request):
    m = request.municipality
    stakeholders = selectors.stakeholder_list(municipality=m)
    chart = make_chart(
        presentation.stakeholder_grid(stakeholders),
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


#: The edit and delete pages of the collaboration's records
#: (the form is the plan's page, which links to the record's history).
_record_views = partial(
    crud_views, template="planning/form.html", delete=services.collaboration_record_delete
)


stakeholder_edit, stakeholder_delete = _record_views(
    model=Stakeholder,
    save=services.stakeholder_save,
    form_class=StakeholderForm,
    back="collaboration:index",
    history_slug="stakeholder",
)
partnership_edit, partnership_delete = _record_views(
    model=Partnership,
    save=services.partnership_save,
    form_class=PartnershipForm,
    back="collaboration:index",
    history_slug="partnership",
)
engagement_edit, engagement_delete = _record_views(
    model=Engagement,
    save=services.engagement_save,
    form_class=EngagementForm,
    back="collaboration:index",
    history_slug="engagement",
)
communication_edit, communication_delete = _record_views(
    model=CommunicationItem,
    save=services.communication_save,
    form_class=CommunicationItemForm,
    back="collaboration:index",
    history_slug="communication",
)
