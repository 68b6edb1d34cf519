"""Peer exchange: groups of municipalities run by a facilitator, follow-up sessions, items
each municipality chooses to share with a group, progress snapshots, good practice,
comments and notifications.

Privacy rests on one rule: a group sees a municipality's item only through an active
:class:`Share` row. A share stores a snapshot of the values shared (``data``) and points
to the item (content type and id); revoking the share (``revoked_at``) hides it from every
group page at once, because every group page reads shares, never the items.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hromada.core.models import MunicipalityRecord


class PeerGroup(models.Model):
    """A group of municipalities organised by a facilitator (e.g. one programme's ten)."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("facilitator"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("peer group")
        verbose_name_plural = _("peer groups")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class MemberStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACTIVE = "active", _("Member")
    DECLINED = "declined", _("Declined")
    LEFT = "left", _("Left")


class GroupMember(models.Model):
    """A municipality's place in a group: invited by the facilitator, accepted by an owner."""

    group = models.ForeignKey(
        PeerGroup, on_delete=models.CASCADE, related_name="members", verbose_name=_("peer group")
    )
    municipality = models.ForeignKey(
        "workspaces.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MemberStatus.choices, default=MemberStatus.INVITED
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [
            models.UniqueConstraint(
                fields=["group", "municipality"], name="exchange_one_place_per_group"
            )
        ]
        ordering = ["municipality__name_uk"]

    def __str__(self) -> str:
        return f"{self.municipality_id} in {self.group_id} ({self.status})"


class Session(models.Model):
    """A follow-up session of a group."""

    group = models.ForeignKey(
        PeerGroup, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("peer group")
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("date and time"))
    agenda = models.TextField(_("agenda"), blank=True)
    participants = models.TextField(
        _("participants"), blank=True, help_text=_("Who takes part, one per line.")
    )
    link = models.URLField(_("online link"), blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["-starts_at", "pk"]

    def __str__(self) -> str:
        return self.title


class ShareKind(models.TextChoices):
    SUMMARY = "summary", _("Progress summary")
    KPI = "kpi", _("KPI with its history")
    PROJECT = "project", _("Project")
    PRACTICE = "practice", _("Good practice")
    SNAPSHOT = "snapshot", _("Progress snapshot")


class ShareQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class Share(models.Model):
    """One item a municipality shares with one group, with a snapshot of its values."""

    group = models.ForeignKey(
        PeerGroup, on_delete=models.CASCADE, related_name="shares", verbose_name=_("peer group")
    )
    municipality = models.ForeignKey(
        "workspaces.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("municipality"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ShareKind.choices)
    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="shares",
        verbose_name=_("session"),
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    item = GenericForeignKey("content_type", "object_id")
    title = models.CharField(_("title"), max_length=300)
    data = models.JSONField(_("shared values"), encoder=DjangoJSONEncoder, default=dict)
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    shared_at = models.DateTimeField(_("shared"), auto_now_add=True)
    refreshed_at = models.DateTimeField(_("updated"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ShareQuerySet.as_manager()

    class Meta:
        verbose_name = _("shared item")
        verbose_name_plural = _("shared items")
        ordering = ["municipality__name_uk", "kind", "pk"]
        indexes = [models.Index(fields=["group", "revoked_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class ProgressSnapshot(MunicipalityRecord):
    """What a municipality reports before a session: submitted by sharing it with the group."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="+", verbose_name=_("session")
    )
    done = models.TextField(_("what was done"), blank=True)
    kpi_movement = models.TextField(_("KPI movement"), blank=True)
    obstacles = models.TextField(_("obstacles"), blank=True)
    questions = models.TextField(_("questions for peers"), blank=True)
    generated = models.BooleanField(_("generated from the plan"), default=False)

    class Meta:
        verbose_name = _("progress snapshot")
        verbose_name_plural = _("progress snapshots")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.municipality} · {self.session}"

    def values(self) -> dict:
        return {
            "done": self.done,
            "kpi_movement": self.kpi_movement,
            "obstacles": self.obstacles,
            "questions": self.questions,
            "generated": self.generated,
        }


class Step(models.TextChoices):
    ASSESS = "assess", _("Assess")
    PLAN = "plan", _("Plan")
    COLLABORATE = "collaborate", _("Collaborate")
    DIVERSIFY = "diversify", _("Diversify")
    RESILIENCE = "resilience", _("Resilience")
    FOLLOWUP = "followup", _("Follow-up")


class WarSituation(models.TextChoices):
    FRONT_LINE = "front_line", _("Front-line")
    DEOCCUPIED = "deoccupied", _("De-occupied")
    HOSTING = "hosting", _("Hosting displaced people")
    REAR = "rear", _("Away from hostilities")


#: The bilingual text fields of a good-practice case.
PRACTICE_TEXT = ("title", "problem", "approach", "results")


class GoodPractice(MunicipalityRecord):
    """A case of good practice, written in Ukrainian, English or both."""

    title_uk = models.CharField(_("title (Ukrainian)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    problem_uk = models.TextField(_("problem (Ukrainian)"), blank=True)
    problem_en = models.TextField(_("problem (English)"), blank=True)
    approach_uk = models.TextField(_("approach (Ukrainian)"), blank=True)
    approach_en = models.TextField(_("approach (English)"), blank=True)
    results_uk = models.TextField(_("results (Ukrainian)"), blank=True)
    results_en = models.TextField(_("results (English)"), blank=True)
    costs = models.CharField(_("costs"), max_length=300, blank=True)
    partners = models.CharField(_("partners"), max_length=500, blank=True)
    contacts = models.CharField(_("contacts"), max_length=300, blank=True)
    step = models.CharField(
        _("step of the methodology"), max_length=12, choices=Step.choices, blank=True
    )
    sector = models.CharField(_("sector"), max_length=100, blank=True)
    war_situation = models.CharField(
        _("war situation"), max_length=12, choices=WarSituation.choices, blank=True
    )

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return practice_text(self.values(), "title")

    def values(self) -> dict:
        out = {
            f"{f}_{lang}": getattr(self, f"{f}_{lang}")
            for f in PRACTICE_TEXT
            for lang in ("uk", "en")
        }
        out.update(
            {
                "costs": self.costs,
                "partners": self.partners,
                "contacts": self.contacts,
                "step": self.step,
                "sector": self.sector,
                "war_situation": self.war_situation,
            }
        )
        return out


def practice_languages(values: dict) -> list[str]:
    """The languages a case is written in ("uk", "en")."""
    return [
        lang
        for lang in ("uk", "en")
        if any((values.get(f"{f}_{lang}") or "").strip() for f in PRACTICE_TEXT)
    ]


def practice_text(values: dict, field: str) -> str:
    """A text field of a case in the active language, else in the other one."""
    first = "en" if (get_language() or "uk").startswith("en") else "uk"
    second = "uk" if first == "en" else "en"
    return values.get(f"{field}_{first}") or values.get(f"{field}_{second}") or ""


class Comment(models.Model):
    """A comment or question on a shared item or on a session."""

    group = models.ForeignKey(PeerGroup, on_delete=models.CASCADE, related_name="comments")
    share = models.ForeignKey(
        Share, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    municipality = models.ForeignKey(
        "workspaces.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("on behalf of"),
    )
    body = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.body[:60]


class NoticeKind(models.TextChoices):
    INVITATION = "invitation", _("Invitation to a group")
    SESSION = "session", _("New session")
    SNAPSHOT = "snapshot", _("Snapshot submitted")
    SHARE = "share", _("Item shared")
    COMMENT = "comment", _("Comment")


NOTICE_TEXT = {
    NoticeKind.INVITATION: _("Your municipality is invited to the peer group %(subject)s."),
    NoticeKind.SESSION: _("New follow-up session: %(subject)s."),
    NoticeKind.SNAPSHOT: _("Progress snapshot submitted: %(subject)s."),
    NoticeKind.SHARE: _("New item shared with your group: %(subject)s."),
    NoticeKind.COMMENT: _("New comment on %(subject)s."),
}


class Notification(models.Model):
    """An in-app notice for one user (a comment, an invitation, a new session...)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exchange_notifications"
    )
    group = models.ForeignKey(
        PeerGroup, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=NoticeKind.choices)
    subject = models.CharField(_("about"), max_length=300, blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        """The notice in the active language (rendered when read, not when written)."""
        return str(NOTICE_TEXT[self.kind]) % {"subject": self.subject}
