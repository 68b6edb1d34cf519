"""Writes about users: creating them, their site role and language."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from hromada.accounts.models import Profile, SiteRole


def profile_get(*, user) -> Profile:
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    site_role: str = SiteRole.MEMBER,
    language: str = "",
    validate: bool = True,
    is_superuser: bool = False,
):
    """Create a user and their profile; the password is checked by the site's validators."""
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise ValueError(f"a user named {username!r} already exists")
    if site_role not in SiteRole.values:
        raise ValueError(f"site role must be one of {SiteRole.values}; got {site_role!r}")
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        is_superuser=is_superuser,
        is_staff=is_superuser,
    )
    if validate:
        validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    Profile.objects.create(user=user, site_role=site_role, language=language)
    return user


def profile_set_language(*, user, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"unsupported language {language!r}")
    profile = profile_get(user=user)
    if profile.language != language:
        profile.language = language
        profile.save(update_fields=["language"])
