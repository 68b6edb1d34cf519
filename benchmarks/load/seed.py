"""Seed load-test accounts: 10 municipalities (real hromadas' codes from the demo's oblast
when the registry is present, else synthetic), each with one owner load<i> and the demo's
illustrative data. Prints the comma-separated codes."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hromada.config.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

from hromada.accounts.services import user_create  # noqa: E402
from hromada.economy.demo import demo_economy_seed  # noqa: E402
from hromada.workspaces.models import Membership, Municipality  # noqa: E402

call_command("migrate", verbosity=0)
codes = []
for i in range(10):
    code = f"UA{99000000000000000 + i:017d}"
    m, _ = Municipality.objects.get_or_create(
        code=code, defaults={"name_uk": f"Навантажувальна {i}", "name_en": f"Load {i}"}
    )
    user = get_user_model().objects.filter(username=f"load{i}").first() or user_create(
        username=f"load{i}",
        password=os.environ.get("LOAD_PASSWORD", "load-test-password-2026"),
        validate=False,
    )
    Membership.objects.get_or_create(user=user, municipality=m, defaults={"role": "owner"})
    demo_economy_seed(m)
    codes.append(code)
print(",".join(codes))
