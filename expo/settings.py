"""Settings for the UMKM expo portal, read from environment variables.

Unset variables give a development setup: debug on, an embedded PostgreSQL inside the
checkout, e-mail printed to the console. With ``DEBUG=0`` the portal is in production
mode and refuses to start without a real secret key and allowed hosts, and to use the
database without ``DATABASE_URL``. Reading the settings starts nothing.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from core import embedded_db

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

DEVELOPMENT_SECRET_KEY = "development-only-secret-key-never-use-in-production-0123456789"
SECRET_KEY = env("SECRET_KEY", DEVELOPMENT_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

if not DEBUG:
    if SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "DEBUG is off: set SECRET_KEY to a random string of at least 50 characters."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DEBUG is off: set ALLOWED_HOSTS (comma-separated).")

# `make bench` (bench/server.py) turns it on for the server it measures: its hello-world
# baseline is routed only then.
BENCH = env_bool("BENCH", False)

INSTALLED_APPS = [
    "core",
    "expo",
    "exhibitors",
    "booths",
    "outcomes",
    "guests",
    "buyers",
    "meetings",
    "console",
    "delegations",
    "visitors",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.forms",
    "template_partials",
    "django_filters",
    "allauth",
    "allauth.account",
    "auditlog",
    "import_export",
    "pgtrigger",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compressed for the phones on slow links; static files come compressed from
    # WhiteNoise above. Django's gzip pads each response at random against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LanguageFromAddressMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Anonymous visitors' pages from the shared cache, without the work of those below.
    "core.public_cache.PublicPageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: every audit log entry of a request names its user.
    "auditlog.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "expo.urls"
WSGI_APPLICATION = "expo.wsgi.application"

# Forms render through the project's templates, which override Django's select
# (templates/django/forms/widgets/select.html).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: PostgreSQL only. Unset in development, DATABASE_URL is the address of the
# embedded server, which what needs the database starts (embedded_db.start_unless_configured:
# manage.py, the test run, the bench, expo.wsgi). Unset in production, there is no database
# (Django's placeholder refuses every use): commands that never connect, such as check and
# collectstatic, run without one.
DATABASE_URL = env("DATABASE_URL") or (embedded_db.url() if DEBUG else "")
DATABASES = {}
if DATABASE_URL:
    DATABASES["default"] = dj_database_url.parse(
        DATABASE_URL, conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")), conn_health_checks=True
    )
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_URL must point at a PostgreSQL server.")
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        connect_timeout=5,
        # Name search forgives one wrong or missing letter ("pandwa" finds "Pandawa"): pg_trgm's
        # default word-similarity threshold of 0.6 is stricter than visitors typing on a phone.
        options="-c pg_trgm.word_similarity_threshold=0.5",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caches, shared by all server processes. "default" holds allauth's rate limits; "public"
# the pages and fragments shown to visitors (core.public_cache), apart so that visitors
# asking for ever new URLs cannot push the rate limits out of it.
PUBLIC_CACHE_ENTRIES = 50_000  # the database cache culls a third of its rows past this
if env("CACHE_URL").startswith(("redis://", "rediss://")):
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("CACHE_URL"),
            "KEY_PREFIX": alias,
        }
        for alias in ("default", "public")
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
        },
        "public": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "public_cache",
            "OPTIONS": {"MAX_ENTRIES": PUBLIC_CACHE_ENTRIES},
        },
    }
# Each server process also keeps its own copy of the pages visitors without a session ask
# for, valid while it hears of every new generation from PostgreSQL (LISTEN/NOTIFY): such a
# page is then served without a round trip to the shared cache. Turned off in tests, whose
# changes are never committed and so never announced.
CACHES["public_in_process"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "public_in_process",
    "OPTIONS": {"MAX_ENTRIES": 1_000},  # about 40 MB at most, for pages of 20–60 kB
}
# And the cards of the lists, each valid while its own scopes are (core.public_cache
# .fragments): a list drawn anew after one owner's change draws that owner's card alone.
CACHES["public_fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "public_fragments",
    "OPTIONS": {"MAX_ENTRIES": 30_000},  # about 30 MB at most, for cards under 1 kB
}
PUBLIC_CACHE_LISTENS = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Accounts: the e-mail address is the login and must be confirmed.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# A taken address gets the same page as a new one, after the same work (core.forms).
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_FORMS = {"signup": "core.forms.SignupForm"}
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# One address per account: the e-mail page changes it (confirmed before it replaces the old).
ACCOUNT_CHANGE_EMAIL = True
# Counted in the default cache, which every server process shares. Stated here so that
# failed logins stay limited whatever allauth's defaults become.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    # Invitation pages opened by token (guests.views): no guessing them in bulk.
    "guest_invitation": "30/m/ip",
    # Codes typed or scanned at the gate (guests.admin_views), per staff account: a gate
    # lets a guest in every few seconds at most.
    "gate_check_in": "60/m/user",
    # Buyers' inquiries (buyers.views): a person sends a few; a robot is stopped, per
    # address and per exhibitor, whose inbox it would fill.
    "inquiry": "5/10m/ip,20/h/key",
}
# How many proxies in front add themselves to X-Forwarded-For: the client's address for
# the per-IP limits is the one the outermost of them saw, so a forged header cannot dodge
# a limit and two clients behind the proxy are not counted as one. compose.yaml has one
# (nginx); add one for each TLS proxy or load balancer in front of it. Development
# serves without a proxy.
ALLAUTH_TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0" if DEBUG else "1"))
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"

# Languages: Bahasa Indonesia first, English second.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["core.formats"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

# Static files (whitenoise, compressed and with hashed names) and uploads.
STATIC_URL = "static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Legality documents: outside MEDIA_ROOT, never served as files, only through views
# that check the owner or the organiser.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Development serves static files straight from static/, without collectstatic.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# E-mail: the console in development, SMTP once EMAIL_HOST is set. Mail is signed with
# the portal's name, never the host name a request came in on: allauth's subjects carry
# this prefix, and its messages (templates/account/email/) the same name.
PORTAL_NAME = "Portal Pameran UMKM"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", f"{PORTAL_NAME} <noreply@localhost>")
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{PORTAL_NAME}] "
# The portal's address as people reach it, for the links of its e-mails.
PORTAL_URL = env("PORTAL_URL", "http://127.0.0.1:8000")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if env("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = int(env("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Security. Production runs behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # The container's health check calls /healthz over plain HTTP from inside.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Audit log: who changed what and when, field by field, for what organisers look after.
# Left out: timestamps and the search column, which change on every save, and the
# reverse relations, which are the other records' own history.
AUDITLOG_INCLUDE_TRACKING_MODELS = (
    {
        "model": "expo.Edition",
        "exclude_fields": [
            "created_at",
            "updated_at",
            "applications",
            "booths",
            "partners",
            "venue_image",
            "gate_counts",
            "delegations",
            "guests",
            "agenda",
            "meeting_slots",
        ],
        "m2m_fields": ["host_regions"],
    },
    # What visitors read of an edition's programme.
    {"model": "expo.AgendaSession", "exclude_fields": ["created_at"]},
    # The guest list: who is invited, their answer, and an invitation revoked (never the key).
    {"model": "guests.Guest", "exclude_fields": ["created_at", "key", "check_ins"]},
    # A buyer's inquiry: its status and note, and the contact data removed after a year.
    {"model": "buyers.Inquiry", "exclude_fields": ["created_at"], "m2m_fields": ["products"]},
    # A partner office's allotment, which its nominations count against.
    {"model": "expo.Delegation", "exclude_fields": ["created_at", "nominations"]},
    {
        "model": "exhibitors.Exhibitor",
        "exclude_fields": [
            "created_at",
            "updated_at",
            "search_vector",
            "applications",
            "products",
            "links",
            "documents",
            "klaster",
        ],
    },
    # Its steps are kept by the klaster's own history (``KlasterStatusChange``).
    {
        "model": "exhibitors.Klaster",
        "exclude_fields": ["created_at", "steps"],
        "m2m_fields": ["members"],
    },
    {
        "model": "exhibitors.Application",
        "exclude_fields": [
            "submitted_at",
            "assignment",
            "daily_sales",
            "orders",
            "omzet_reports",
            "meetings",
        ],
    },
    # Pendampingan: the consents Dinas staff record on an owner's behalf (never the codes).
    {"model": "exhibitors.OwnerConsent", "exclude_fields": ["code_hash"]},
    {"model": "exhibitors.ClaimLink", "exclude_fields": ["token_hash"]},
    {"model": "booths.Booth", "exclude_fields": ["assignment"]},
    # Reports corrected after their deadline go through the organisers: on record.
    {"model": "outcomes.DailySales", "exclude_fields": ["updated_at"]},
    {"model": "outcomes.Order", "exclude_fields": ["created_at", "updated_at"]},
    {"model": "outcomes.OmzetReport", "exclude_fields": ["updated_at"]},
    {"model": "outcomes.GateCount", "exclude_fields": ["updated_at"]},
    {"model": "booths.Assignment", "exclude_fields": ["assigned_at"]},
)
# Who and when is enough; organisers' IP addresses are personal data we have no use for.
AUDITLOG_DISABLE_REMOTE_ADDR = True

# Imports run in one transaction: a file with one bad row writes nothing.
IMPORT_EXPORT_USE_TRANSACTIONS = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
