"""Settings read from the environment with safe development defaults.

`INSCRINET_ENV=production` turns on the production values; everything a deployment must
choose (secret key, hosts, database, SMTP) comes from environment variables.
"""

import os
import shutil
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("INSCRINET_VAR_DIR", BASE_DIR / "var"))

PRODUCTION = os.environ.get("INSCRINET_ENV") == "production"
DEBUG = os.environ.get("DJANGO_DEBUG", "0" if PRODUCTION else "1") == "1"

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise RuntimeError("DJANGO_SECRET_KEY must be set in production")
    SECRET_KEY = "dev-only-insecure-key-inscrinet-not-for-production-use-0123456789"

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get(
        "DJANGO_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost"
    ).split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "widget_tweaks",
    "dsfr",
    "formtools",
    "captcha",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "allauth",
    "allauth.account",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "inscrinet",
    "candidates",
    "establishments",
    "management",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files from the app server itself, compressed and cached forever (hashed names).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "inscrinet.request_memo.RequestMemoMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before any body is read (the CSRF check reads the form in its process_view).
    "inscrinet.middleware.RequestSizeLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "inscrinet.middleware.IdleTimeoutMiddleware",
    "inscrinet.middleware.PrivatePagesMiddleware",
    "inscrinet.middleware.FrenchErrorPagesMiddleware",
    "axes.middleware.AxesMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "inscrinet.urls"
WSGI_APPLICATION = "inscrinet.wsgi.application"
AUTH_USER_MODEL = "inscrinet.User"

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
                "inscrinet.context_processors.site_config",
            ],
        },
    },
]
# The project's templates, with the plain input widgets written in Python (faster, same HTML).
FORM_RENDERER = "inscrinet.forms_rendering.ScreenFormRenderer"

# The embedded default is SQLite under var/: writers take the lock at BEGIN (IMMEDIATE)
# and wait up to 20 s for it, so concurrent validations queue instead of failing.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
DATABASE_URL = os.environ.get("DATABASE_URL", "")
# Production keeps each thread's PostgreSQL connection for a minute: opening one (a new
# server process) cost more than the naive form view itself and halved its throughput.
# Persistent connections multiply by workers × threads: gunicorn.conf.py refuses a sizing
# over INSCRINET_DB_CONNECTIONS (see the README, « Production »). Elsewhere, closed after
# each request.
DB_CONN_MAX_AGE = int(os.environ.get("INSCRINET_DB_CONN_MAX_AGE", "60" if PRODUCTION else "0"))
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=DB_CONN_MAX_AGE, conn_health_checks=DB_CONN_MAX_AGE > 0
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "inscrinet.sqlite3",
            "OPTIONS": SQLITE_OPTIONS,
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Database sessions, written only when their content changed (inscrinet/sessions.py).
SESSION_ENGINE = "inscrinet.sessions"
SESSION_COOKIE_AGE = 60 * 60 * 4  # absolute: a wizard begun after lunch survives the afternoon
SESSION_COOKIE_HTTPONLY = True
# Idle: an hour without a request ends the session (shared computers at school).
INSCRINET_IDLE_TIMEOUT = int(os.environ.get("INSCRINET_IDLE_TIMEOUT", str(60 * 60)))

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked account or IP first
    "django.contrib.auth.backends.ModelBackend",  # back offices: username + password
    # Cyclades candidate accounts: email + password (candidates/accounts/).
    "allauth.account.auth_backends.AuthenticationBackend",
]

# One lockout for every password login (inscrinet.login_guard): per account and per IP,
# an hour, in the database, every failure kept (axes.AccessFailureLog).
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = "inscrinet.login_guard.failure_limit"
AXES_COOLOFF_TIME = 1  # hour
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "inscrinet.login_guard.account_key"
AXES_CLIENT_IP_CALLABLE = "inscrinet.login_guard.client_ip"
AXES_LOCKOUT_CALLABLE = "inscrinet.login_guard.locked_response"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False

# DEC gestionnaires confirm their login with a TOTP code (django-otp): required in
# production, optional elsewhere (a demo account that enrolled is asked for it too).
INSCRINET_DEC_OTP_REQUIRED = (
    os.environ.get("INSCRINET_DEC_OTP_REQUIRED", "1" if PRODUCTION else "0") == "1"
)
OTP_TOTP_ISSUER = "Inscrinet"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"  # not "fr-fr": django-dsfr's config lookup would cost two queries
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
# Documents (PDFs) on the local disk by default; past one machine, every app server and
# worker must see the same files: an S3-compatible store (pip install '.[s3]'), private
# bucket, files served through the views that check who asks (never a public URL).
S3_BUCKET = os.environ.get("INSCRINET_S3_BUCKET", "")
DOCUMENT_STORAGE = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("INSCRINET_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("INSCRINET_S3_REGION") or None,
            "access_key": os.environ.get("INSCRINET_S3_ACCESS_KEY") or None,
            "secret_key": os.environ.get("INSCRINET_S3_SECRET_KEY") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    if S3_BUCKET
    else {"BACKEND": "inscrinet.storage.AtomicFileSystemStorage"}
)
STORAGES = {
    "default": DOCUMENT_STORAGE,
    "staticfiles": {
        # Hashed, pre-compressed names (`collectstatic`, run by scripts/serve.sh) in
        # production; the demo and the tests serve the sources through the finders.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Outside production whitenoise reads the apps' static folders directly (no collectstatic).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Inscrinet <ne-pas-repondre@inscrinet.invalid>"
)
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "1") == "1"
    EMAIL_TIMEOUT = 20
else:
    # Development: each message is a file a person can open under var/mail/.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"

LOGIN_URL = "admin:login"

# Cyclades candidate accounts (C1–C3) with django-allauth: the email is the login, verified
# by a link valid 48 h (then the purge in `sweep_tasks` erases the account); the sign-up
# and reset pages answer the same whether the address is known or not; the lockout is
# axes' (realm « candidat »), not allauth's own login rate limit: one mechanism.
ACCOUNT_ADAPTER = "candidates.accounts.adapter.CandidateAccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "candidates.accounts.identity.AccountIdentityForm"
ACCOUNT_FORMS = {
    "login": "candidates.accounts.forms.AccountLoginForm",
    "signup": "candidates.accounts.forms.AccountSignupForm",
    "reset_password": "candidates.accounts.forms.AccountResetPasswordForm",
    "reset_password_from_key": "candidates.accounts.forms.AccountResetPasswordKeyForm",
    "change_password": "candidates.accounts.forms.AccountChangePasswordForm",
    "add_email": "candidates.accounts.forms.AccountChangeEmailForm",
}
# C3: one address per account; a new one replaces it once verified.
ACCOUNT_CHANGE_EMAIL = True
# The email for accounts made at sign-up; « prenom.nom » for pupils' accounts made by their
# establishment (C10), who may have no email.
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "email2*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 2
ACCOUNT_CONFIRM_EMAIL_ON_GET = False  # a link previewer must not activate an account
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = False
# A gestionnaire logged in in the same browser is shown the candidate login page, not sent
# to the candidate space (which would send them back: a loop).
ACCOUNT_AUTHENTICATED_LOGIN_REDIRECTS = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Inscrinet] "
ACCOUNT_RATE_LIMITS = {"login_failed": False}
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
LOGIN_REDIRECT_URL = "account_candidatures"  # seed 004: « Mes inscriptions »
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# The superusers' admin lives under a path a deployment may choose (not guessable).
INSCRINET_ADMIN_URL = os.environ.get("INSCRINET_ADMIN_URL", "admin/").strip("/") + "/"

CSRF_FAILURE_VIEW = "inscrinet.errors.csrf_failure"

# Content-Security-Policy (django-csp 4): no inline script, nothing fetched from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)

# Security headers; the HTTPS ones are on in production (behind a TLS-terminating proxy).
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
    # Secure cookies need HTTPS; a production-like run on a laptop (`make serve`, the load
    # benchmark) speaks plain HTTP to 127.0.0.1 and turns them off explicitly.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = os.environ.get("DJANGO_SECURE_COOKIES", "1") == "1"
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint reports each rendering step at INFO; its warnings (a refused or missing
        # asset) still show.
        "weasyprint.progress": {"level": "WARNING"},
    },
}

# Captcha (G19): letters to copy, and a spoken alternative in French (RGAA) through a
# flite-compatible wrapper around Debian's espeak-ng (flite itself speaks only English).
CAPTCHA_LENGTH = 5
CAPTCHA_FONT_SIZE = 36
CAPTCHA_IMAGE_SIZE = (180, 60)
CAPTCHA_TIMEOUT = 15  # minutes
CAPTCHA_FLITE_PATH = str(BASE_DIR / "scripts" / "flite-fr") if shutil.which("espeak-ng") else None

# The public address of the site, for the links in emails.
# Reminder campaigns: emails per second per worker (0: no limit), to stay within what the
# SMTP relay accepts.
INSCRINET_REMINDERS_PER_SECOND = float(os.environ.get("INSCRINET_REMINDERS_PER_SECOND", "5"))
INSCRINET_SITE_URL = os.environ.get("INSCRINET_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Client IP for throttling: REMOTE_ADDR, or the address the trusted proxies saw.
INSCRINET_TRUSTED_PROXIES = int(os.environ.get("INSCRINET_TRUSTED_PROXIES", "0"))

# Forms mark optional fields « (facultatif) », as the DSFR now recommends.
DSFR_MARK_OPTIONAL_FIELDS = True

# Pièces justificatives: clamd scans every upload (C8). A unix socket path or host:port;
# production installs clamav-daemon and its signatures with freshclam (README « Antivirus »).
INSCRINET_CLAMD_ADDRESS = os.environ.get("INSCRINET_CLAMD_ADDRESS", str(VAR_DIR / "clamd.sock"))
INSCRINET_CLAMD_TIMEOUT = float(os.environ.get("INSCRINET_CLAMD_TIMEOUT", "60"))
