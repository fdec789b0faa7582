"""Settings for `make test`. DATABASE_URL (from base) switches the suite to PostgreSQL."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR

SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
DEBUG = False

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Django's test runner replaces EMAIL_BACKEND with locmem; tests of the queue set it back.
KVINNOFRID_DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# KVINNOFRID_TEST_MEDIA, like KVINNOFRID_TEST_DB below, lets two suites run side by side in
# one checkout (CI runs SQLite and PostgreSQL at once).
MEDIA_ROOT = os.environ.get("KVINNOFRID_TEST_MEDIA", str(BASE_DIR / "var" / "test-media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file rather than SQLite's shared in-memory database: the live server of the browser
    # tests then reads through its own connection, as a real server would.
    # KVINNOFRID_TEST_DB lets two suites run side by side in one checkout.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.environ.get("KVINNOFRID_TEST_DB", str(BASE_DIR / "var" / "test-db.sqlite3"))
    }

# WhiteNoise serves from STATIC_ROOT too and warns when it does not exist yet.
os.makedirs(STATIC_ROOT, exist_ok=True)  # noqa: F405
# The SQLite test database and test media live in var/, which a clean clone lacks.
os.makedirs(BASE_DIR / "var", exist_ok=True)

# A worker process that a test starts on its own (the newsletter's killed-worker test)
# finds the test's SMTP server through the environment; its database comes in DATABASE_URL.
if os.environ.get("KVINNOFRID_TEST_SMTP_PORT"):
    KVINNOFRID_DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = "127.0.0.1"
    EMAIL_PORT = int(os.environ["KVINNOFRID_TEST_SMTP_PORT"])
    EMAIL_USE_TLS = False
