"""The plan: vision (in versions), SWOT, strategic and operational goals with tasks and KPIs,
and the risk register.

The structure follows the Minregion method for hromada development strategies (order
No. 265 of 21.12.2022): analysis, SWOT, strategic goals, operational goals, tasks,
indicators with baseline and target, monitoring.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.core.models import MunicipalityRecord


class Vision(MunicipalityRecord):
    """One version of the vision statement; the newest is the current one."""

    text = models.TextField(_("vision"))
    note = models.CharField(
        _("note"),
        max_length=300,
        blank=True,
        help_text=_("Why it changed, e.g. 'after the council hearing'."),
    )

    class Meta:
        verbose_name = _("vision")
        verbose_name_plural = _("vision versions")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text[:60]


class SwotCategory(models.TextChoices):
    STRENGTH = "strength", _("Strength")
    WEAKNESS = "weakness", _("Weakness")
    OPPORTUNITY = "opportunity", _("Opportunity")
    THREAT = "threat", _("Threat")


class SwotStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class SwotItem(MunicipalityRecord):
    category = models.CharField(_("category"), max_length=12, choices=SwotCategory.choices)
    text = models.CharField(_("text"), max_length=500)
    status = models.CharField(
        _("status"), max_length=10, choices=SwotStatus.choices, default=SwotStatus.ACCEPTED
    )
    # Suggestions from the analysis carry a stable key (so a rejected one is not suggested
    # again) and their evidence: the numbers that triggered them.
    key = models.CharField(_("suggestion key"), max_length=120, blank=True, editable=False)
    evidence = models.JSONField(_("evidence"), default=dict, blank=True, editable=False)
    # A suggestion computed from illustrative (made-up) data keeps saying so, on the board,
    # in the strategy and in the reports.
    is_illustrative = models.BooleanField(_("illustrative"), default=False, editable=False)

    class Meta:
        verbose_name = _("SWOT item")
        verbose_name_plural = _("SWOT items")
        ordering = ["category", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def from_analysis(self) -> bool:
        return bool(self.key)


class StrategicGoal(MunicipalityRecord):
    code = models.CharField(_("number"), max_length=20, blank=True, help_text=_("e.g. 1"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    weight = models.FloatField(_("weight"), default=1.0, validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("strategic goal")
        verbose_name_plural = _("strategic goals")
        ordering = ["code", "pk"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()


class OperationalGoal(MunicipalityRecord):
    strategic_goal = models.ForeignKey(
        StrategicGoal,
        on_delete=models.CASCADE,
        related_name="operational_goals",
        verbose_name=_("strategic goal"),
    )
    code = models.CharField(_("number"), max_length=20, blank=True, help_text=_("e.g. 1.2"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    weight = models.FloatField(
        _("weight"),
        default=1.0,
        validators=[MinValueValidator(0)],
        help_text=_("Its weight in the strategic goal's progress."),
    )

    class Meta:
        verbose_name = _("operational goal")
        verbose_name_plural = _("operational goals")
        ordering = ["code", "pk"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()


class Task(MunicipalityRecord):
    operational_goal = models.ForeignKey(
        OperationalGoal,
        on_delete=models.CASCADE,
        related_name="tasks",
        verbose_name=_("operational goal"),
    )
    title = models.CharField(_("title"), max_length=300)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    funding = models.CharField(_("funding"), max_length=300, blank=True)
    progress = models.PositiveSmallIntegerField(
        _("progress, %"), default=0, validators=[MaxValueValidator(100)]
    )
    weight = models.FloatField(
        _("weight"),
        default=1.0,
        validators=[MinValueValidator(0)],
        help_text=_("Its weight in the operational goal's progress."),
    )

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.title


class KpiBinding(models.TextChoices):
    NONE = "", _("Not bound (entered by hand)")
    SECTOR_VALUE = "sector_value", _("Value of one sector (e.g. employment in a sector)")
    TOTAL = "total", _("Total over all sectors")
    SECTOR_SHARE = "sector_share", _("Share of one sector, %")
    SECTOR_LQ = "sector_lq", _("Location quotient of one sector")
    HERFINDAHL = "herfindahl", _("Herfindahl index of concentration")
    SHANNON = "shannon", _("Shannon entropy (diversity)")


class Kpi(MunicipalityRecord):
    """A key performance indicator of an operational goal."""

    operational_goal = models.ForeignKey(
        OperationalGoal,
        on_delete=models.CASCADE,
        related_name="kpis",
        verbose_name=_("operational goal"),
    )
    indicator = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    baseline_value = models.FloatField(_("baseline value"))
    baseline_year = models.PositiveSmallIntegerField(
        _("baseline year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    target_value = models.FloatField(_("target value"))
    target_date = models.DateField(_("target date"))
    data_source = models.CharField(_("data source"), max_length=300, blank=True)
    responsible = models.CharField(_("responsible"), max_length=200, blank=True)
    # Binding to an analysis output: the actual value follows the imported data.
    binding = models.CharField(
        _("bound to analysis output"),
        max_length=20,
        choices=KpiBinding.choices,
        blank=True,
        default="",
    )
    binding_measure = models.CharField(
        _("data measure"),
        max_length=20,
        blank=True,
        default="employment",
        help_text=_("Which imported data set the bound value is computed from, e.g. employment."),
    )
    binding_sector = models.CharField(_("sector (KVED code)"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")
        ordering = ["operational_goal", "pk"]

    def __str__(self) -> str:
        return self.indicator


class RiskCategory(models.TextChoices):
    SECURITY = "security", _("Security")
    ENERGY = "energy", _("Energy")
    WORKFORCE = "workforce", _("Workforce")
    FUNDING = "funding", _("Funding")
    MARKETS = "markets", _("Markets")
    OTHER = "other", _("Other")


class Risk(MunicipalityRecord):
    title = models.CharField(_("risk"), max_length=300)
    category = models.CharField(
        _("category"), max_length=10, choices=RiskCategory.choices, default=RiskCategory.OTHER
    )
    likelihood = models.PositiveSmallIntegerField(
        _("likelihood (1-5)"), default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    impact = models.PositiveSmallIntegerField(
        _("impact (1-5)"), default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    mitigation = models.TextField(_("mitigation"), blank=True)
    goals = models.ManyToManyField(
        StrategicGoal, blank=True, related_name="risks", verbose_name=_("linked goals")
    )
    swot_item = models.ForeignKey(
        SwotItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="risks",
        verbose_name=_("from SWOT threat"),
        editable=False,
    )

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["-likelihood", "-impact", "pk"]

    @property
    def is_illustrative(self) -> bool:
        """Made from a SWOT threat computed from illustrative (made-up) data."""
        return bool(self.swot_item_id and self.swot_item.is_illustrative)

    def __str__(self) -> str:
        return self.title

    @property
    def score(self) -> int:
        return self.likelihood * self.impact
