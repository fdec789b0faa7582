"""Settings for `make run`: a developer's machine with an embedded SQLite database."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, env

DEBUG = True
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

# Mail is written to files under var/mail so a developer can read what was "sent".
KVINNOFRID_DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"

# The demo staff accounts that `make run` creates may log in without a second factor here,
# and only here: production refuses this setting.
KVINNOFRID_2FA_EXEMPT_USERNAMES = ["demo-redaktor", "demo-samordnare", "demo-nationell", "admin"]

# WhiteNoise serves from STATIC_ROOT too and warns when it does not exist yet.
os.makedirs(STATIC_ROOT, exist_ok=True)  # noqa: F405

# Wagtail logs every page it creates; at start-up that is hundreds of lines of noise.
LOGGING["loggers"]["wagtail"] = {"level": "WARNING"}  # noqa: F405
