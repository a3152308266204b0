"""Test settings: fast hashing, in-memory email, production-like static handling."""

from inscrinet.settings import *  # noqa: F403
from inscrinet.settings import DATABASES, SQLITE_OPTIONS, VAR_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CAPTCHA_TEST_MODE = True
STORAGES = {
    "default": {"BACKEND": "inscrinet.storage.AtomicFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file (not :memory:) so that threads and the live server share one database.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-inscrinet.sqlite3")}
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
