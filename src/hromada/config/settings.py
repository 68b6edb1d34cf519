"""Django settings, all from the environment with safe defaults.

Environment variables
---------------------
DATABASE_URL    e.g. postgres://user:pass@host:5432/hromada; default SQLite in the var folder.
SECRET_KEY      default: generated once and stored in the var folder (fine for a laptop demo;
                set it explicitly in production).
DEBUG           "1"/"true" to turn on; off by default.
ALLOWED_HOSTS   comma-separated; default "127.0.0.1,localhost".
HROMADA_HOME    the var folder for the SQLite database, the generated secret key and uploads;
                default ``var/`` in a source checkout, else ``~/.local/share/hromada``.
HROMADA_SECURE  "1" behind HTTPS in production: secure cookies, HSTS, SSL redirect.
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from importlib.util import find_spec
from pathlib import Path

import dj_database_url
import django
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _flag(name: str, default: bool = False) -> bool:
    """A yes/no variable; anything else stops the start with a message (a value such as
    "1   # comment", from an env file with a trailing comment, must not read as "off")."""
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    word = value.strip().lower()
    if word in {"1", "true", "yes", "on"}:
        return True
    if word in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a yes/no value: use 1 or 0 (true/false, yes/no, on/off), "
        "and put comments on lines of their own in an environment file."
    )


def _var_dir() -> Path:
    if os.environ.get("HROMADA_HOME"):
        return Path(os.environ["HROMADA_HOME"]).expanduser()
    checkout = PACKAGE_DIR.parent.parent
    if (checkout / "pyproject.toml").is_file():
        return checkout / "var"
    return Path.home() / ".local" / "share" / "hromada"


VAR_DIR = _var_dir()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        # Written once with owner-only permissions; a restart keeps sessions valid.
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = _flag("DEBUG")
_hosts = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost")
ALLOWED_HOSTS = [h.strip() for h in _hosts.split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

# Background tasks: Django 6's own framework (django.tasks, no app to install), else the
# django-tasks backport; see hromada.core.taskframework.
TASKS_APPS = [] if find_spec("django.tasks") else ["django_tasks"]
# Template partials ({% partialdef %}, "page.html#part") are built into Django 6; on 5.2
# django-template-partials provides them, as built-in tags (templates never load them).
PARTIALS_APPS = [] if django.VERSION >= (6,) else ["template_partials"]
PARTIALS_BUILTINS = [] if django.VERSION >= (6,) else ["template_partials.templatetags.partials"]

INSTALLED_APPS = [
    "hromada.core",
    "hromada.accounts",
    "hromada.workspaces",
    "hromada.economy",
    "hromada.territory",
    "hromada.budget",
    "hromada.diversify",
    "hromada.resilience",
    "hromada.planning",
    "hromada.collaboration",
    "hromada.monitoring",
    "hromada.exchange",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    *PARTIALS_APPS,
    *TASKS_APPS,
    "django_tasks_db",
    "simple_history",
    "csp",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed for slow links (static files come compressed from whitenoise, above;
    # Django's gzip pads responses against BREACH).
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "hromada.accounts.middleware.UserLanguageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # A reference file found nowhere: a page saying which and how to add it, not a 500.
    "hromada.core.middleware.ReferenceDataMissingMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hromada.config.urls"
WSGI_APPLICATION = "hromada.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hromada.core.context_processors.navigation",
                "hromada.workspaces.context_processors.memberships",
            ],
            "builtins": PARTIALS_BUILTINS,
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'hromada.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the task worker writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE", "timeout": 20}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "hromada.accounts.backends.RateLimitedBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one user name from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", "0"))

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Ukrainian first; English for partners and donors.
LANGUAGE_CODE = "uk"
LANGUAGES = [("uk", "Українська"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# English dates day first (3 December 2026, 03/12/2026), not Django's American default.
FORMAT_MODULE_PATH = ["hromada.config.formats"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Kyiv")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns when it is missing
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names cached for good, brotli and gzip copies (hromada demo and hromada serve
    # collect them); the plain names from the packages where nothing was collected.
    "staticfiles": {"BACKEND": "hromada.core.storage.StaticStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = VAR_DIR / "uploads"

# Uploads are parsed, never served or executed; the size limit holds for every request.
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Strict Content-Security-Policy: scripts only from our own static files, never inline
# and never eval (charts use Vega's expression interpreter). Inline *styles* are allowed
# because Vega and htmx set style attributes on the elements they draw.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 14 * 24 * 3600
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if _flag("HROMADA_SECURE"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _flag("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# E-mail (copies of exchange notifications): console by default. For SMTP set
# EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and EMAIL_HOST, EMAIL_PORT,
# EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS. Django >= 6.1 configures mailers
# (MAILERS, which replaces the EMAIL_* settings); older Django the EMAIL_* settings.
_EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# SMTP option of a mailer -> the variable (and pre-6.1 setting) of the same meaning
_SMTP_VARIABLES = {
    "host": "EMAIL_HOST",
    "port": "EMAIL_PORT",
    "username": "EMAIL_HOST_USER",
    "password": "EMAIL_HOST_PASSWORD",
    "use_tls": "EMAIL_USE_TLS",
}
_SMTP = {}
if _EMAIL_BACKEND.endswith(".smtp.EmailBackend"):
    _SMTP = {
        option: os.environ[var] for option, var in _SMTP_VARIABLES.items() if os.environ.get(var)
    }
    if "port" in _SMTP:
        _SMTP["port"] = int(_SMTP["port"])
    if "use_tls" in _SMTP:
        _SMTP["use_tls"] = _flag("EMAIL_USE_TLS")
if django.VERSION >= (6, 1):
    MAILERS = {"default": {"BACKEND": _EMAIL_BACKEND, "OPTIONS": _SMTP}}
else:
    EMAIL_BACKEND = _EMAIL_BACKEND
    globals().update({_SMTP_VARIABLES[option]: value for option, value in _SMTP.items()})
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "hromada@localhost")

# Invitations expire after this many days.
HROMADA_INVITATION_DAYS = int(os.environ.get("HROMADA_INVITATION_DAYS", "14"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "hromada.core.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if os.environ.get("LOG_FORMAT") == "json" else "plain",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
