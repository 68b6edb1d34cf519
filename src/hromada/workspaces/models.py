"""Workspaces: a municipality, its members and their roles, and invitations to join."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

katottg_validator = RegexValidator(
    r"^UA\d{17}$",
    _("A KATOTTG code is 'UA' followed by 17 digits, e.g. UA32080090000010000."),
)


class Municipality(models.Model):
    """A hromada (or any city) whose team works in Hromada; the unit of data ownership."""

    code = models.CharField(
        _("KATOTTG code"), max_length=19, unique=True, validators=[katottg_validator]
    )
    name_uk = models.CharField(_("name (Ukrainian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    oblast_uk = models.CharField(_("oblast (Ukrainian)"), max_length=100, blank=True)
    oblast_en = models.CharField(_("oblast (English)"), max_length=100, blank=True)
    raion_uk = models.CharField(_("raion (Ukrainian)"), max_length=100, blank=True)
    raion_en = models.CharField(_("raion (English)"), max_length=100, blank=True)
    hromada_type = models.CharField(_("type"), max_length=40, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    war_status = models.CharField(_("war status"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name_uk"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language."""
        return self.name_en if (get_language() or "uk").startswith("en") else self.name_uk

    @property
    def oblast(self) -> str:
        return self.oblast_en if (get_language() or "uk").startswith("en") else self.oblast_uk


class Role(models.TextChoices):
    VIEWER = "viewer", _("Viewer")
    EDITOR = "editor", _("Editor")
    OWNER = "owner", _("Owner")


#: A role's rank; keyed by the role's value, so a stored role (a plain str) finds it too.
ROLE_RANK: dict[str, int] = {Role.VIEWER: 1, Role.EDITOR: 2, Role.OWNER: 3}


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.VIEWER)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "municipality"], name="one_membership_per_user")
        ]
        ordering = ["municipality__name_uk"]

    def __str__(self) -> str:
        return f"{self.user} @ {self.municipality_id} ({self.role})"

    def has_role(self, role: str) -> bool:
        """True when this membership's role is ``role`` or above."""
        return ROLE_RANK[self.role] >= ROLE_RANK[role]


class Invitation(models.Model):
    """A one-time link to join a municipality. Only the token's hash is stored."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail"), blank=True)
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.EDITOR)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"invitation to {self.municipality_id} ({self.role})"

    @property
    def is_open(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class TransferKey(models.Model):
    """The stable identity of a record or person that crossed instances with
    ``export-workspace`` / ``import-workspace``: a random UUID given at the first export and
    remembered by every instance that imports it, so a record is matched to its own copy,
    never by its database id (ids differ between instances) and a person never by user name.
    A person may carry several keys (one from each instance they were known on)."""

    key = models.UUIDField(unique=True)
    model = models.CharField(max_length=100)  # "app_label.modelname"
    local_id = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["model", "local_id"])]

    def __str__(self) -> str:
        return f"{self.model} #{self.local_id} = {self.key}"


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class WorkspaceRequest(models.Model):
    """A request to create the workspace of a hromada of the registry. A facilitator or an
    administrator approves it (the workspace is created, the requester becomes its owner)
    or refuses it; nobody creates a workspace for a hromada by themselves."""

    code = models.CharField(_("KATOTTG code"), max_length=19, validators=[katottg_validator])
    name_uk = models.CharField(_("name (Ukrainian)"), max_length=200)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    details = models.JSONField(default=dict, blank=True)  # the new workspace's fields
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("workspace request")
        verbose_name_plural = _("workspace requests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "requested_by"],
                condition=models.Q(status="pending"),
                name="one_pending_request_per_hromada_and_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} by {self.requested_by_id} ({self.status})"
