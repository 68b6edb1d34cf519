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
    base = {k: v for k, v in os.environ.items()
            if k not in {"DATABASE_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "HROMADA_SECURE"}}
    base.update({"HROMADA_HOME": str(tmp_path),
                 "DJANGO_SETTINGS_MODULE": "hromada.config.settings"})
    base.update(env)
    out = subprocess.run([sys.executable, "-c", PROBE], env=base, capture_output=True, text=True,
                         check=True)
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
    s = _settings(tmp_path, DATABASE_URL="postgres://u:p@db.internal:5432/hromada",
                  SECRET_KEY="from-the-environment", DEBUG="1",
                  ALLOWED_HOSTS="hromada.example.org, www.hromada.example.org",
                  HROMADA_SECURE="1")
    assert s["engine"] == "django.db.backends.postgresql"
    assert s["name"] == "hromada" and s["host"] == "db.internal"
    assert s["key"] == "from-the-environment"
    assert s["debug"] is True
    assert s["hosts"] == ["hromada.example.org", "www.hromada.example.org"]
    assert s["secure"] is True and s["hsts"] >= 31536000
    assert not (tmp_path / "secret_key").exists()
