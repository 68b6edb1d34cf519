"""Security settings that must hold on every page: CSP, no inline script, rate-limited login,
a clean deployment check in production mode."""

import os
import re
import subprocess
import sys

import pytest

from tests.web.factories import PASSWORD, make_user
from tests.web.pages import reachable_pages

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"""<[^>]+\son[a-z]+\s*=""", re.I)


def test_every_page_has_a_strict_csp_and_no_inline_script(client):
    for url, response in reachable_pages(client).items():
        assert response.status_code < 500, (url, response.status_code)
        if response.status_code in (301, 302):
            continue
        csp = response.get("Content-Security-Policy", "")
        assert "script-src 'self'" in csp, (url, csp)
        script_src = re.search(r"script-src([^;]*)", csp).group(1)
        assert "unsafe-inline" not in script_src and "unsafe-eval" not in script_src, url
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        if "html" in response.get("Content-Type", ""):
            html = response.content.decode()
            assert not INLINE_SCRIPT.search(html), (url, INLINE_SCRIPT.search(html).group(0))
            assert not EVENT_HANDLER.search(html), (url, EVENT_HANDLER.search(html).group(0))


def test_login_is_rate_limited(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    user = make_user("oksana")
    for _ in range(3):
        response = client.post("/accounts/login/", {"username": "oksana", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "oksana", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another user name from the same address is not locked.
    make_user("taras")
    response = client.post("/accounts/login/", {"username": "taras", "password": PASSWORD})
    assert response.status_code == 302
    assert user.pk != client.session["_auth_user_id"]


def test_csrf_is_enforced_on_state_changes(settings):
    from django.test import Client

    user = make_user()
    strict = Client(enforce_csrf_checks=True)
    strict.login(username=user.username, password=PASSWORD)
    assert strict.post("/language/", {"language": "en"}).status_code == 403
    assert strict.post("/m/new/", {"code": "UA12345678901234567"}).status_code == 403


def test_deployment_check_is_clean_in_production_mode(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }  # e2e sets it
    env.update(
        {
            "HROMADA_HOME": str(tmp_path),
            "HROMADA_SECURE": "1",
            "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-value-1234567890",
            "ALLOWED_HOSTS": "hromada.example.org",
            # as docs/deploy.md: e-mail through SMTP (Django >= 6.1 checks for it)
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "mail.example.org",
            "DJANGO_SETTINGS_MODULE": "hromada.config.settings",
        }
    )
    result = subprocess.run(
        [sys.executable, "-m", "hromada", "manage", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
