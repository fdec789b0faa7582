import os

import django
from django.conf import settings

# These tests need no database, only Django's translation machinery (for the Swedish weekday
# and month names of describe_status). Run on their own with `-p no:django`, nothing has set
# Django up, so a minimal configuration is made here; inside the full suite, pytest-django has
# already configured the project's settings and this does nothing.
if not settings.configured:
    if os.environ.get("DJANGO_SETTINGS_MODULE"):
        django.setup()
    else:
        settings.configure(
            USE_I18N=True, LANGUAGE_CODE="sv", USE_TZ=True, TIME_ZONE="Europe/Stockholm"
        )
        django.setup()
