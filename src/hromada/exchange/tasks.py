"""Background work of the peer exchange: e-mail copies of notifications.

The tasks register themselves with :mod:`hromada.exchange.services`, which enqueues them
without importing this module (tasks import services, never the reverse)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from hromada.core.taskframework import task
from hromada.exchange import services
from hromada.exchange.models import Notification

log = logging.getLogger(__name__)


@task()
def send_notification_emails(ids: list[int]) -> int:
    """E-mail each notification to its user (in the user's language) through Django's mail
    settings. Returns how many were sent; a failing mail server is logged, not raised."""
    sent = 0
    for note in Notification.objects.filter(pk__in=ids).select_related("user", "user__profile"):
        profile = getattr(note.user, "profile", None)
        language = profile.language if profile and profile.language else settings.LANGUAGE_CODE
        with translation.override(language):
            subject = _("Hromada: peer exchange")
            body = note.text
            if note.url:
                body += "\n\n" + note.url
        try:
            sent += send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [note.user.email])
        except OSError:
            log.warning("could not e-mail notification %s", note.pk, exc_info=True)
    return sent


services.register_task("notification_emails", send_notification_emails)
