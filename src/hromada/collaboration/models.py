"""Who the plan needs: stakeholders, partnerships, the engagement log and the
communication plan."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from hromada.core.models import MunicipalityRecord
from hromada.monitoring.models import Project
from hromada.planning.models import StrategicGoal


class StakeholderType(models.TextChoices):
    PUBLIC = "public", _("Public sector")
    PRIVATE = "private", _("Private sector")
    CIVIL = "civil", _("Civil society")
    INTERNATIONAL = "international", _("International partner or donor")
    ACADEMIA = "academia", _("Academia")


class Stance(models.TextChoices):
    SUPPORTIVE = "supportive", _("Supportive")
    NEUTRAL = "neutral", _("Neutral")
    OPPOSED = "opposed", _("Opposed")
    UNKNOWN = "unknown", _("Unknown")


def _score(name):
    return models.PositiveSmallIntegerField(
        name, default=3, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


class Stakeholder(MunicipalityRecord):
    name = models.CharField(_("organisation or person"), max_length=300)
    stakeholder_type = models.CharField(_("type"), max_length=14, choices=StakeholderType.choices)
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    interest = _score(_("interest (1-5)"))
    influence = _score(_("influence (1-5)"))
    stance = models.CharField(
        _("stance"), max_length=10, choices=Stance.choices, default=Stance.UNKNOWN
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def quadrant(self) -> str:
        high_i, high_f = self.interest >= 3, self.influence >= 3
        if high_f and high_i:
            return "manage_closely"
        if high_f:
            return "keep_satisfied"
        if high_i:
            return "keep_informed"
        return "monitor"


class AgreementStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    NEGOTIATING = "negotiating", _("In negotiation")
    SIGNED = "signed", _("Signed")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class Partnership(MunicipalityRecord):
    name = models.CharField(_("partnership"), max_length=300)
    partners = models.ManyToManyField(
        Stakeholder, blank=True, related_name="partnerships", verbose_name=_("partners")
    )
    purpose = models.TextField(_("purpose"), blank=True)
    goals = models.ManyToManyField(
        StrategicGoal, blank=True, related_name="partnerships", verbose_name=_("linked goals")
    )
    projects = models.ManyToManyField(
        Project, blank=True, related_name="partnerships", verbose_name=_("linked projects")
    )
    status = models.CharField(
        _("agreement status"),
        max_length=12,
        choices=AgreementStatus.choices,
        default=AgreementStatus.IDEA,
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class EngagementKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    CONSULTATION = "consultation", _("Public consultation")
    WORKSHOP = "workshop", _("Workshop")
    HEARING = "hearing", _("Public hearing")
    OTHER = "other", _("Other")


class Engagement(MunicipalityRecord):
    date = models.DateField(_("date"))
    kind = models.CharField(
        _("kind"), max_length=14, choices=EngagementKind.choices, default=EngagementKind.MEETING
    )
    topic = models.CharField(_("topic"), max_length=300)
    participants = models.TextField(_("participants"), blank=True)
    stakeholders = models.ManyToManyField(
        Stakeholder, blank=True, related_name="engagements", verbose_name=_("stakeholders")
    )
    outcomes = models.TextField(_("outcomes"), blank=True)
    follow_ups = models.TextField(_("follow-ups"), blank=True)

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagement log")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return self.topic


class CommunicationItem(MunicipalityRecord):
    audience = models.CharField(_("audience"), max_length=200)
    message = models.TextField(_("message"))
    channel = models.CharField(_("channel"), max_length=200)
    frequency = models.CharField(_("frequency"), max_length=100, blank=True)
    owner = models.CharField(_("owner"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("communication plan item")
        verbose_name_plural = _("communication plan")
        ordering = ["audience", "pk"]

    def __str__(self) -> str:
        return f"{self.audience}: {self.channel}"
