"""The action plan and its follow-up: projects with funding sources and milestones, and
dated KPI updates.

Project fields follow the Ukrainian DREAM reconstruction platform's project model (type,
purpose, status, lifecycle stage, budget, finance type and category, metrics with
baseline and target, KATOTTG location), so a project exports as DREAM-compatible JSON.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.core.models import MunicipalityRecord
from hromada.monitoring import rules
from hromada.planning.models import Kpi, OperationalGoal, Risk


class ProjectType(models.TextChoices):
    RECONSTRUCTION = "reconstruction", _("Reconstruction")
    DEVELOPMENT = "development", _("Development")
    ENTREPRENEURSHIP = "entrepreneurship", _("Entrepreneurship support")
    INNOVATION = "innovation", _("Innovation")
    SKILLS = "skills", _("Skills")


#: Project types that are entrepreneurship and innovation support measures, and the
#: indicators each gets when created (name, unit).
SUPPORT_TYPES = {ProjectType.ENTREPRENEURSHIP, ProjectType.INNOVATION}
SUPPORT_INDICATORS = [
    ("firms_supported", _("Firms supported"), _("firms")),
    ("jobs_created", _("Jobs created"), _("jobs")),
]


class ProjectStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    PREPARATION = "preparation", _("In preparation")
    ACTIVE = "active", _("In progress")
    COMPLETE = "complete", _("Completed")
    SUSPENDED = "suspended", _("Suspended")
    CANCELLED = "cancelled", _("Cancelled")


class LifecycleStage(models.TextChoices):
    # DREAM statusDetails
    INITIATED = "initiated", _("Initiated")
    DEFINITION = "definition", _("Definition")
    APPRAISAL = "appraisal", _("Appraisal")
    STRUCTURING = "structuring", _("Structuring")
    APPLIED = "applied", _("Applied for funding")
    APPROVED = "approved", _("Approved")
    IMPLEMENTATION = "implementation", _("Implementation")


class Purpose(models.TextChoices):
    RESTORATION = "restoration", _("Restoration")
    DEVELOPMENT = "development", _("Development")


class Project(MunicipalityRecord):
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    project_type = models.CharField(
        _("type"), max_length=20, choices=ProjectType.choices, default=ProjectType.DEVELOPMENT
    )
    purpose = models.CharField(
        _("purpose"), max_length=12, choices=Purpose.choices, default=Purpose.DEVELOPMENT
    )
    location = models.CharField(_("location"), max_length=300, blank=True)
    katottg = models.CharField(_("KATOTTG code of the location"), max_length=19, blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ProjectStatus.choices, default=ProjectStatus.IDEA
    )
    lifecycle_stage = models.CharField(
        _("lifecycle stage"),
        max_length=16,
        choices=LifecycleStage.choices,
        default=LifecycleStage.INITIATED,
    )
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    partners = models.CharField(_("partners"), max_length=500, blank=True)
    budget = models.DecimalField(
        _("budget, UAH"),
        max_digits=16,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    goals = models.ManyToManyField(
        OperationalGoal, blank=True, related_name="projects", verbose_name=_("operational goals")
    )
    risks = models.ManyToManyField(
        Risk, blank=True, related_name="projects", verbose_name=_("risks")
    )
    progress = models.PositiveSmallIntegerField(
        _("progress, %"), default=0, validators=[MaxValueValidator(100)]
    )
    weight = models.FloatField(
        _("weight"),
        default=1.0,
        validators=[MinValueValidator(0)],
        help_text=_("Its weight in the progress of its goals."),
    )
    paca_local_resources = models.BooleanField(_("feasible with local resources"), default=False)
    paca_quick = models.BooleanField(_("quick to implement"), default=False)
    paca_visible = models.BooleanField(_("quick visible results"), default=False)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["start", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_quick_win(self) -> bool:
        return rules.is_quick_win(
            local_resources=self.paca_local_resources,
            quick_to_implement=self.paca_quick,
            visible_results=self.paca_visible,
        )


class FundingType(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal budget")
    STATE_BUDGET = "state_budget", _("State budget")
    STATE_FUNDS = "state_funds", _("State funds")
    INTERNATIONAL = "international", _("International partners and donors")
    PRIVATE = "private", _("Private investment")
    LOAN = "loan", _("Loans")
    GRANT = "grant", _("Grants")


class FundingSource(MunicipalityRecord):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="funding", verbose_name=_("project")
    )
    funding_type = models.CharField(_("funding type"), max_length=16, choices=FundingType.choices)
    funder = models.CharField(_("funder"), max_length=300, blank=True)
    secured = models.DecimalField(
        _("secured, UAH"),
        max_digits=16,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    pledged = models.DecimalField(
        _("pledged, UAH"),
        max_digits=16,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )
    sought = models.DecimalField(
        _("sought, UAH"),
        max_digits=16,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        ordering = ["project", "pk"]

    def __str__(self) -> str:
        return f"{self.get_funding_type_display()} {self.funder}".strip()


class Milestone(MunicipalityRecord):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("project")
    )
    title = models.CharField(_("milestone"), max_length=300)
    due = models.DateField(_("due"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due", "pk"]

    def __str__(self) -> str:
        return self.title


class ProjectIndicator(MunicipalityRecord):
    """An output indicator of a project (DREAM metrics: baseline and target), e.g. firms
    supported or jobs created for entrepreneurship support measures."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("project")
    )
    key = models.CharField(max_length=40, blank=True, editable=False)
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    baseline = models.FloatField(_("baseline"), default=0)
    target = models.FloatField(_("target"), null=True, blank=True)
    actual = models.FloatField(_("actual"), null=True, blank=True)

    class Meta:
        verbose_name = _("project indicator")
        verbose_name_plural = _("project indicators")
        ordering = ["project", "pk"]

    def __str__(self) -> str:
        return self.name


class UpdateSource(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    ANALYSIS = "analysis", _("From imported data")


class KpiUpdate(MunicipalityRecord):
    """A dated value of a KPI. Updates are never overwritten: the history is the list."""

    kpi = models.ForeignKey(
        Kpi, on_delete=models.CASCADE, related_name="updates", verbose_name=_("KPI")
    )
    date = models.DateField(_("date"))
    value = models.FloatField(_("value"))
    comment = models.TextField(_("comment"), blank=True)
    evidence_url = models.URLField(_("evidence link"), blank=True, max_length=500)
    source = models.CharField(
        _("source"),
        max_length=10,
        choices=UpdateSource.choices,
        default=UpdateSource.MANUAL,
        editable=False,
    )

    class Meta:
        verbose_name = _("KPI update")
        verbose_name_plural = _("KPI updates")
        ordering = ["kpi", "date", "pk"]

    def __str__(self) -> str:
        return f"{self.kpi}: {self.value} ({self.date})"
