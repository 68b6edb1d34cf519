"""Settings come from the environment, with safe defaults (checked in a fresh interpreter)."""

import json
import os
import stat
import subprocess
import sys

PROBE = (
    "import json, django; from django.conf import settings; django.setup();"
    "d = settings.DATABASES['default'];"
    "print(json.dumps({'engine': d['ENGINE'], 'name': str(d['NAME']), 'host': d.get('HOST'),"
    "'debug': settings.DEBUG, 'hosts': settings.ALLOWED_HOSTS, 'key': settings.SECRET_KEY,"
    "'secure': getattr(settings, 'SESSION_COOKIE_SECURE', False),"
    "'hsts': getattr(settings, 'SECURE_HSTS_SECONDS', 0)}))"
)


def _settings(tmp_path, **env):
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "HROMADA_SECURE"}
    }
    base.update(
        {"HROMADA_HOME": str(tmp_path), "DJANGO_SETTINGS_MODULE": "hromada.config.settings"}
    )
    base.update(env)
    out = subprocess.run(
        [sys.executable, "-c", PROBE], env=base, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_safe_defaults(tmp_path):
    s = _settings(tmp_path)
    assert s["engine"] == "django.db.backends.sqlite3"
    assert s["name"] == str(tmp_path / "hromada.sqlite3")
    assert s["debug"] is False
    assert s["hosts"] == ["127.0.0.1", "localhost"]
    key_file = tmp_path / "secret_key"
    assert key_file.read_text().strip() == s["key"] and len(s["key"]) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert _settings(tmp_path)["key"] == s["key"]  # generated once, then reused
    assert s["secure"] is False


def test_environment_overrides(tmp_path):
    s = _settings(
        tmp_path,
        DATABASE_URL="postgres://u:p@db.internal:5432/hromada",
        SECRET_KEY="from-the-environment",
        DEBUG="1",
        ALLOWED_HOSTS="hromada.example.org, www.hromada.example.org",
        HROMADA_SECURE="1",
    )
    assert s["engine"] == "django.db.backends.postgresql"
    assert s["name"] == "hromada" and s["host"] == "db.internal"
    assert s["key"] == "from-the-environment"
    assert s["debug"] is True
    assert s["hosts"] == ["hromada.example.org", "www.hromada.example.org"]
    assert s["secure"] is True and s["hsts"] >= 31536000
    assert not (tmp_path / "secret_key").exists()


MAIL_PROBE = (
    "import json, warnings, django; warnings.simplefilter('error', DeprecationWarning);"
    "from django.conf import settings; django.setup();"
    "from django.core import mail;"
    "c = mail.mailers.default if django.VERSION >= (6, 1) else mail.get_connection();"
    "print(json.dumps({'backend': type(c).__module__, 'host': getattr(c, 'host', None),"
    "'port': getattr(c, 'port', None), 'user': getattr(c, 'username', None),"
    "'tls': getattr(c, 'use_tls', None)}))"
)


def _mailer(tmp_path, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("EMAIL_")}
    base.update(
        {
            "HROMADA_HOME": str(tmp_path),
            "SECRET_KEY": "mail-test-key" * 5,
            "DJANGO_SETTINGS_MODULE": "hromada.config.settings",
        },
        **env,
    )
    out = subprocess.run(
        [sys.executable, "-c", MAIL_PROBE], env=base, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr  # deprecation warnings are errors here
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_mail_defaults_to_the_console_and_smtp_comes_from_the_environment(tmp_path):
    """On Django >= 6.1 through MAILERS, before through the EMAIL_* settings; no
    deprecation warning either way (docs/deploy.md lists the variables)."""
    assert _mailer(tmp_path)["backend"] == "django.core.mail.backends.console"
    smtp = _mailer(
        tmp_path,
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="mail.example.org",
        EMAIL_PORT="2525",
        EMAIL_HOST_USER="hromada",
        EMAIL_HOST_PASSWORD="secret",
        EMAIL_USE_TLS="1",
    )
    assert smtp == {
        "backend": "django.core.mail.backends.smtp",
        "host": "mail.example.org",
        "port": 2525,
        "user": "hromada",
        "tls": True,
    }


def test_a_yes_no_variable_with_a_trailing_comment_stops_the_start(tmp_path):
    """systemd's EnvironmentFile keeps a trailing comment in the value: HROMADA_SECURE must
    not then read as "off" (no HTTPS hardening) without a word."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "HROMADA_SECURE"}}
    env.update(
        {
            "HROMADA_HOME": str(tmp_path),
            "HROMADA_SECURE": "1          # HTTPS",
            "DJANGO_SETTINGS_MODULE": "hromada.config.settings",
        }
    )
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True)
    assert out.returncode != 0
    assert "HROMADA_SECURE='1          # HTTPS' is not a yes/no value" in out.stderr
    assert _settings(tmp_path, HROMADA_SECURE="off")["secure"] is False
    assert _settings(tmp_path, HROMADA_SECURE=" Yes ")["secure"] is True
