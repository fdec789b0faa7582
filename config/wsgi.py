import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

# Everything loaded so far (Django, Wagtail, the URL and template machinery) lives as long
# as the process. Moved out of the garbage collector's reach, it is no longer scanned by
# every full collection, which otherwise paused about one request in twenty by 100-150 ms
# (measured by bench/coordination.py).
gc.freeze()
