"""What the site knows about a user beyond Django's auth user: site role and language."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SiteRole(models.TextChoices):
    MEMBER = "member", _("Municipality member")
    # A network organiser who runs peer follow-up sessions; sees no municipality's data
    # unless that municipality shares it.
    FACILITATOR = "facilitator", _("Facilitator")


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    site_role = models.CharField(
        _("site role"), max_length=20, choices=SiteRole.choices, default=SiteRole.MEMBER
    )
    language = models.CharField(_("language"), max_length=8, blank=True, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return f"{self.user} ({self.site_role})"

    @property
    def is_facilitator(self) -> bool:
        return self.site_role == SiteRole.FACILITATOR
