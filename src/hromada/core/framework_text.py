"""Django's own words that its Ukrainian catalogue does not translate yet, marked here so
that ``makemessages`` keeps them in our catalogue (which takes precedence over Django's).

Django 6.0 labels an empty choice "- Select an option -" (``BLANK_CHOICE_LABEL``) where
5.2 showed dashes; its uk catalogue has the msgid untranslated. ``tests/web/test_uk_text.py``
finds such words on the uk pages."""

from __future__ import annotations

from django.utils.translation import gettext_noop

FRAMEWORK_TEXTS = (gettext_noop("- Select an option -"),)
