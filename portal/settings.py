"""Settings for the portal, read from the environment.

With no variables set this is the embedded default: SQLite in the checkout,
Celery in eager mode, a local-memory cache and email to the console and to
files. Each production variable switches on its part alone (see README.md).
"""

import os
import sys
from email.utils import parseaddr
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from portal.celery import DeclaredByApps

BASE_DIR = Path(__file__).resolve().parent.parent


def fail(variable, message):
    """Stop with one clear line instead of a traceback: configuration errors are for operators."""
    raise SystemExit(f"Configuration error: {variable}: {message}")


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    fail(name, f"expected 1 or 0, got {value!r}")


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# DJANGO_DEBUG=1 is what `make run` sets; DJANGO_DEBUG=0 is production, with every security
# setting on; unset is the embedded default used by tests (debug off, but no secrets required).
DEBUG = env_bool("DJANGO_DEBUG", False)
PRODUCTION = os.environ.get("DJANGO_DEBUG", "") != "" and not DEBUG

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        fail("SECRET_KEY", "must be set when DJANGO_DEBUG=0 (a long random string)")
    SECRET_KEY = "embedded-default-insecure-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1],testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    fail("ALLOWED_HOSTS", "must be set when DJANGO_DEBUG=0 (comma-separated host names)")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The public address used in mail and calendar links, where no request tells it.
SITE_URL = os.environ.get(
    "SITE_URL", f"https://{ALLOWED_HOSTS[0].lstrip('.')}" if PRODUCTION else "http://localhost:8000"
).rstrip("/")
# The domain in permanent identifiers (calendar UIDs now, OAI-PMH identifiers next). Set it once and keep
# it when the site moves: otherwise a new SITE_URL renumbers every entry in residents' calendars.
IDENTIFIER_DOMAIN = os.environ.get("IDENTIFIER_DOMAIN", "").strip() or urlparse(SITE_URL).hostname or "localhost"

INSTALLED_APPS = [
    "modeltranslation",  # must come before django.contrib.admin
    "portal.apps.PortalAdminConfig",  # django.contrib.admin on the portal's site (portal.admin_lookups)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "portal",
    "events",
    "library",
    "exhibitions",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "portal.middleware.BusyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
AUTH_USER_MODEL = "portal.User"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.display",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    scheme = urlparse(DATABASE_URL).scheme
    if scheme not in {"postgres", "postgresql", "sqlite"}:
        fail("DATABASE_URL", f"unsupported scheme {scheme!r}; use postgres://, postgresql:// or sqlite:///path")
    import dj_database_url

    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=600, conn_health_checks=True)}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a writer instead of failing at once: bursts of sign-ups happen on the embedded default too.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# A row lock (portal.locking) waits at most this long on PostgreSQL; then the action is refused as busy.
LOCK_TIMEOUT_SECONDS = float(os.environ.get("LOCK_TIMEOUT_SECONDS", 3))

# --- Cache and Celery -----------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_RESULT_BACKEND = None
    CELERY_TASK_ALWAYS_EAGER = True
    CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "default"
# Each app declares its task routes and beat entries on its AppConfig (`task_routes`, `beat_schedule`).
CELERY_TASK_ROUTES = DeclaredByApps("task_routes")
CELERY_BEAT_SCHEDULE = DeclaredByApps("beat_schedule")
CELERY_TIMEZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")

# --- Email ------------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Culture Portal <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"
EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL:
    _mail = urlparse(EMAIL_URL)
    _options = {
        key.lower(): values[-1].lower() in {"1", "true", "yes"} for key, values in parse_qs(_mail.query).items()
    }
    if _mail.scheme in {"smtp", "smtps"}:
        EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        EMAIL_HOST = _mail.hostname or "localhost"
        EMAIL_PORT = _mail.port or (465 if _mail.scheme == "smtps" else 25)
        EMAIL_HOST_USER = unquote(_mail.username or "")
        EMAIL_HOST_PASSWORD = unquote(_mail.password or "")
        EMAIL_USE_SSL = _mail.scheme == "smtps" or _options.get("ssl", False)
        EMAIL_USE_TLS = not EMAIL_USE_SSL and _options.get("tls", False)
        EMAIL_TIMEOUT = 20
    elif _mail.scheme == "console":
        EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    elif _mail.scheme == "file":
        EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
        EMAIL_FILE_PATH = _mail.path or EMAIL_FILE_PATH
    else:
        fail("EMAIL_URL", f"unsupported scheme {_mail.scheme!r}; use smtp://, smtps://, console:// or file:///path")
else:
    EMAIL_BACKEND = "portal.mail.ConsoleAndFileBackend"

# --- Accounts (django-allauth) ----------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "portal.forms.SignupForm"
ACCOUNT_FORMS = {"login": "portal.account_forms.AccountLoginForm", "signup": "portal.account_forms.AccountSignupForm"}
# The sign-up and reset forms never tell whether an address has an account: its owner gets a mail.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_UNIQUE_EMAIL = True
# Residents sign in once they confirm their address (registering, voting and borrowing need it anyway).
# Mandatory confirmation is what lets allauth's enumeration prevention hold: a sign-up with an address
# that has an account looks exactly like any other sign-up, and the owner is mailed instead.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "portal.adapters.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    # A village station or a mobile carrier puts hundreds of residents behind one address:
    # successful sign-ins are never limited below 300 a minute, failures stay limited per account.
    "login": "600/m/ip",
    "login_failed": "60/m/ip,5/300s/key",
}
# The one client address of every rate limit and throttle (portal.rest.client_ip): the address the
# last TRUSTED_PROXY_COUNT proxies saw, from X-Forwarded-For; REMOTE_ADDR when there is no proxy.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1" if PRODUCTION else "0"))
LOGIN_REDIRECT_URL = "/me/"
LOGIN_URL = "/accounts/login/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
MODELTRANSLATION_DEFAULT_LANGUAGE = "zh-hans"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("zh-hans", "en")
LOCALE_PATHS = [BASE_DIR / "locale"]
# 24-hour times in English too ("Dec. 9, 2026, 17:00"): Django's "5 p.m." ends a sentence with "p.m..".
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600

# --- Static and media -------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Files under media/public/ (images, derivatives, tiles) are served by the portal unless a proxy
# does it; anything else under MEDIA_ROOT is protected and only ever sent by permission-checking views.
SERVE_PUBLIC_MEDIA = env_bool("SERVE_PUBLIC_MEDIA", True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
# Look static files up per request instead of scanning them whenever a handler starts (every test client).
WHITENOISE_AUTOREFRESH = not PRODUCTION

# --- API --------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "portal.rest.Pagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "portal.api.AutoSchema",
    "EXCEPTION_HANDLER": "portal.api.exception_handler",
    # Token sign-in has no DRF throttle: the web sign-in's ACCOUNT_RATE_LIMITS apply (portal.accounts).
    "DEFAULT_THROTTLE_CLASSES": ["portal.rest.WriteRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"write": "120/min"},
}
SPECTACULAR_SETTINGS = {
    # Translated: the docs page and the schema are served in the reader's language.
    "TITLE": format_lazy("{} API", _("Culture Portal")),
    "DESCRIPTION": _("Events, participation, the digital library and exhibitions of the cultural center portal."),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several models have a `status`; each gets its own, readable enum name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "EventStatusEnum": "events.models.Event.Status",
        "RegistrationStatusEnum": "events.models.Registration.Status",
        "ResourceKindEnum": "library.models.Resource.Kind",
        "ExhibitionItemKindEnum": "exhibitions.models.Item.Kind",
    },
}

# --- Security ---------------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; style-src 'self'; "
    "script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# The library's reader (/library/<id>/read/, portal.middleware.content_security_policy) widens the site's
# policy only as far as its viewers need. pdf.js: its module worker from 'self' (its WebAssembly image
# decoders run in the worker, whose script is served without a policy, so no 'wasm-unsafe-eval' here).
# epub.js: each chapter is an `about:srcdoc` frame (it inherits this policy; no frame-src is needed), with
# the book's stylesheets and fonts as blob: URLs; its image-sizing rules go into an empty <style> element
# through the CSSOM, which the hash of the empty string (and nothing else inline) allows. Scripts stay 'self'.
READER_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; "
    "style-src 'self' blob: 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='; font-src 'self' blob:; "
    "worker-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# --- Logging: everything to stdout, for the process manager to collect ---------------------------
# A failed CSRF check gets the site's own translated page (Django's default speaks of DEBUG=True).
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"refusals_without_traceback": {"()": "portal.log.RefusalsWithoutTraceback"}},
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": sys.stdout,
            "formatter": "plain",
            "filters": ["refusals_without_traceback"],
        }
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "pyvips": {"level": "WARNING"},  # libvips reports every operation at INFO
    },
}

# --- Events ------------------------------------------------------------------------------------
# No-show policy: EVENTS_NO_SHOW_LIMIT no-shows within EVENTS_NO_SHOW_PERIOD_DAYS bar a resident from
# events in demand (see events.services.is_in_demand) for EVENTS_NO_SHOW_PENALTY_DAYS; staff may waive it.
EVENTS_NO_SHOW_POLICY = env_bool("EVENTS_NO_SHOW_POLICY", True)
EVENTS_NO_SHOW_LIMIT = int(os.environ.get("EVENTS_NO_SHOW_LIMIT", 2))
EVENTS_NO_SHOW_PERIOD_DAYS = int(os.environ.get("EVENTS_NO_SHOW_PERIOD_DAYS", 90))
EVENTS_NO_SHOW_PENALTY_DAYS = int(os.environ.get("EVENTS_NO_SHOW_PENALTY_DAYS", 30))
# An event is in demand when it has a waiting list or fewer than this share of its seats left.
EVENTS_IN_DEMAND_SEATS_SHARE = float(os.environ.get("EVENTS_IN_DEMAND_SEATS_SHARE", 0.2))
# At most this many places in one registration; an event may allow fewer (never more than its seats).
EVENTS_MAX_PARTY_SIZE = int(os.environ.get("EVENTS_MAX_PARTY_SIZE", 10))
# The door opens for check-in this many hours before the start and closes when the event ends.
EVENTS_CHECK_IN_OPENS_HOURS = float(os.environ.get("EVENTS_CHECK_IN_OPENS_HOURS", 2))
# Attendees may evaluate an event from its end for this many days.
EVENTS_EVALUATION_WINDOW_DAYS = int(os.environ.get("EVENTS_EVALUATION_WINDOW_DAYS", 14))
# Below this many answers a report shows counts only: no averages, no distribution (anonymity, no false precision).
EVENTS_FEEDBACK_MIN_ANSWERS = int(os.environ.get("EVENTS_FEEDBACK_MIN_ANSWERS", 5))

# --- Library: controlled digital lending (library.services.lending) ---------------------------------
LIBRARY_LOAN_DAYS = int(os.environ.get("LIBRARY_LOAN_DAYS", 14))
LIBRARY_MAX_LOANS = int(os.environ.get("LIBRARY_MAX_LOANS", 5))
LIBRARY_HOLD_HOURS = int(os.environ.get("LIBRARY_HOLD_HOURS", 48))
# Uploaded resource files above this size are refused before they are stored.
LIBRARY_MAX_FILE_MB = int(os.environ.get("LIBRARY_MAX_FILE_MB", 500))
# A folder on the server whose files admin imports may name (a `file` column's path); empty: admin imports
# take files only from their uploaded ZIP. `manage.py import_library --files` names its own folder.
LIBRARY_IMPORT_ROOT = os.environ.get("LIBRARY_IMPORT_ROOT", "")
# Where the proxy serves protected files from (an `internal` nginx location, e.g. /protected/);
# empty: the portal streams them itself (with Range support).
PROTECTED_MEDIA_ACCEL_PREFIX = os.environ.get("PROTECTED_MEDIA_ACCEL_PREFIX", "")

# --- Exhibitions -------------------------------------------------------------------------------------
# The demo's generated artworks, WIDTHxHEIGHT: full size so deep zoom matters; the tests seed smaller.
EXHIBITIONS_DEMO_IMAGE_SIZE = os.environ.get("EXHIBITIONS_DEMO_IMAGE_SIZE", "4000x3000")
# OAI-PMH at /oai (library.views.oai): records per page of ListRecords/ListIdentifiers, how long a
# resumption token lasts, and Identify's adminEmail (the protocol's schema wants a dotted domain, which
# the embedded default sender noreply@localhost lacks).
OAI_PAGE_SIZE = int(os.environ.get("OAI_PAGE_SIZE", 100))
OAI_RESUMPTION_TOKEN_HOURS = int(os.environ.get("OAI_RESUMPTION_TOKEN_HOURS", 24))
_sender = parseaddr(str(DEFAULT_FROM_EMAIL))[1]
OAI_ADMIN_EMAIL = os.environ.get("OAI_ADMIN_EMAIL", "").strip() or (
    _sender if "." in _sender.partition("@")[2] else "noreply@localhost.localdomain"
)

# --- Exhibitions: the image pipeline (exhibitions.services.images) ---------------------------------
# Images are refused when their header claims more than this many megapixels (decompression bombs) or
# the file is larger than this; watermarked items publish nothing longer than this on the long side.
EXHIBITIONS_MAX_MEGAPIXELS = int(os.environ.get("EXHIBITIONS_MAX_MEGAPIXELS", 500))
EXHIBITIONS_MAX_FILE_MB = int(os.environ.get("EXHIBITIONS_MAX_FILE_MB", 300))
EXHIBITIONS_WATERMARK_MAX_PX = int(os.environ.get("EXHIBITIONS_WATERMARK_MAX_PX", 1200))

# Dates accepted anywhere (events, rounds, filters): from this year to this many years ahead.
DATES_EARLIEST_YEAR = int(os.environ.get("DATES_EARLIEST_YEAR", 2000))
DATES_YEARS_AHEAD = int(os.environ.get("DATES_YEARS_AHEAD", 10))

ADMIN_SITE_HEADER = _("Culture Portal administration")
PORTAL_NAME = _("Culture Portal")
