"""Settings shared by every environment. Environment-specific modules import from here."""

from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    # Project apps come first so their templates override Wagtail's and Django's.
    "kvinnofrid.core",
    "kvinnofrid.regions",
    "kvinnofrid.tenancy",
    "kvinnofrid.pages",
    "kvinnofrid.supportlines",
    "kvinnofrid.knowledge",
    "kvinnofrid.events",
    "kvinnofrid.coordination",
    "kvinnofrid.plans",
    "kvinnofrid.surveys",
    "kvinnofrid.reports",
    "kvinnofrid.newsletter",
    "wagtail_2fa",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kvinnofrid.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Enforces a verified second factor for everyone who can reach the admin.
    "kvinnofrid.tenancy.middleware.StaffTwoFactorMiddleware",
    # Another county's object in the admin is a 404, never a 403.
    "kvinnofrid.tenancy.middleware.CountyBoundaryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires, so it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kvinnofrid.core.context_processors.site_shell",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the task worker writes to the same file.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # django-axes must come first so locked-out attempts never reach the password check.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Swedish first, English available.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("Engelska"))]
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LOCALE_PATHS = [BASE_DIR / "kvinnofrid" / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("sv", "Svenska")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("sv", "Svenska"), ("en", "English")]

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(BASE_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

LOGIN_URL = "wagtailadmin_login"

# Wagtail
WAGTAIL_SITE_NAME = "Kvinnofrid"
# ASCII slugs like the demo's (å, ä → a, ö → o): they survive any keyboard and e-mail.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_BASE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Uploads: the extension must be one of these, and then the content decides the type
# (kvinnofrid.knowledge.document_forms.SafeDocumentForm); HTML and SVG are never accepted.
WAGTAILDOCS_EXTENSIONS = [
    *("pdf", "docx", "xlsx", "pptx", "odt", "txt"),
    *("jpg", "jpeg", "png", "gif", "webp", "mp4"),
]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "kvinnofrid.knowledge.document_forms.SafeDocumentForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = env.int("KVINNOFRID_MAX_UPLOAD_SIZE", default=100 * 1024 * 1024)
# Served inline only where a browser cannot run anything from them; all else downloads.
# Wagtail also sends a sandboxing CSP with every document (WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT).
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False  # nothing fetched from the internet at run time
# No avatars from gravatar.com: every admin page would tell a third party who is logged in.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_USAGE_COUNT_ENABLED = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Two-factor authentication for every staff account (wagtail-2fa on django-otp).
WAGTAIL_2FA_REQUIRED = True
WAGTAIL_2FA_OTP_TOTP_NAME = "Kvinnofrid"
OTP_TOTP_ISSUER = "Kvinnofrid"
# Usernames allowed into the admin without a second factor. Only dev settings may fill it;
# production refuses to start if it is set.
KVINNOFRID_2FA_EXEMPT_USERNAMES: list[str] = []

# Failed logins are throttled (django-axes): 5 failures lock the account for an hour from
# anywhere (guessing from many addresses), and lock the address for every account
# (trying one password on many accounts). An admin lifts a lock with `axes_reset_username`.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/lockout.html"
AXES_VERBOSE = False

# Background tasks: a durable queue in the database, processed by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# E-mail is only ever sent from tasks: the EMAIL_BACKEND queues, the worker delivers through
# KVINNOFRID_DELIVERY_EMAIL_BACKEND (kvinnofrid/core/mail.py).
EMAIL_BACKEND = "kvinnofrid.core.mail.TaskEmailBackend"
KVINNOFRID_DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Kvinnofrid <no-reply@kvinnofrid.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_SUBJECT_PREFIX = "[Kvinnofrid] "

# Content security policy. Public pages carry no inline script at all; the quick exit
# button is a static file. Wagtail's admin needs inline script, so it is excluded here
# and protected by authentication and 2FA instead.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kvinnofrid API",
    "DESCRIPTION": "Read-only open data from Kvinnofrid.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["kvinnofrid.core.api.public_api_endpoints_only"],
}

# Where the quick exit button sends a visitor: a neutral, commonly visited site.
QUICK_EXIT_URL = env("QUICK_EXIT_URL", default="https://www.smhi.se/")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # Wagtail's admin JavaScript reads the token.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django": {"level": "INFO"},
        "axes": {"level": "WARNING"},
        # WeasyPrint narrates every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Where the public writes about accessibility and personal data; shown in default content.
# Registrants' personal data is erased this many days after an event's last occasion;
# anonymous counts stay (kvinnofrid/events/services.py).
KVINNOFRID_REGISTRATION_RETENTION_DAYS = env.int("REGISTRATION_RETENTION_DAYS", default=90)
# Contacts in the coordination registry that nobody has updated for this many days, and
# who are in no active network, are erased (kvinnofrid/coordination/services.py).
KVINNOFRID_CONTACT_RETENTION_DAYS = env.int("CONTACT_RETENTION_DAYS", default=3 * 365)
# Recurring tasks and their interval in seconds (kvinnofrid/core/schedule.py).
KVINNOFRID_SCHEDULE = {
    "kvinnofrid.events.tasks.registrations_erase_expired": 6 * 60 * 60,
    "kvinnofrid.coordination.tasks.contacts_erase_stale": 24 * 60 * 60,
    # Reminders are recorded per invitation and step, so running it often sends nothing twice.
    "kvinnofrid.surveys.tasks.survey_reminders_send": 6 * 60 * 60,
    "kvinnofrid.newsletter.tasks.subscriptions_expire": 6 * 60 * 60,
    # A send whose worker died is taken over once its lease has run out.
    "kvinnofrid.newsletter.tasks.newsletter_sends_resume": 60,
    # Wagtail's scheduled publishing and expiry; a minute is the resolution editors expect.
    "kvinnofrid.core.schedule.publish_scheduled": 60,
}
# Newsletter sending (kvinnofrid/newsletter/sending.py).
NEWSLETTER_SEND_RATE_PER_MINUTE = env.int("NEWSLETTER_SEND_RATE_PER_MINUTE", default=600)
NEWSLETTER_BATCH_SIZE = env.int("NEWSLETTER_BATCH_SIZE", default=500)
NEWSLETTER_LEASE_SECONDS = env.int("NEWSLETTER_LEASE_SECONDS", default=120)
NEWSLETTER_MAX_ATTEMPTS = env.int("NEWSLETTER_MAX_ATTEMPTS", default=6)
NEWSLETTER_RETRY_BASE_SECONDS = env.int("NEWSLETTER_RETRY_BASE_SECONDS", default=60)
# Sign-ups per client address and per e-mail address per hour (counted in the default
# cache; give production a shared cache so that every process counts together). One
# municipality's network often shares one public IP address, hence the generous first.
NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR = env.int("NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR", default=30)
NEWSLETTER_SIGNUPS_PER_ADDRESS_PER_HOUR = env.int(
    "NEWSLETTER_SIGNUPS_PER_ADDRESS_PER_HOUR", default=3
)
NEWSLETTER_DEACTIVATE_AFTER_FAILURES = env.int("NEWSLETTER_DEACTIVATE_AFTER_FAILURES", default=3)
# The key of the blocklist's hashes; defaults to SECRET_KEY. Set it separately so that a
# rotated SECRET_KEY does not forget who asked never to be mailed again.
NEWSLETTER_BLOCKLIST_KEY = env("NEWSLETTER_BLOCKLIST_KEY", default="")
KVINNOFRID_CONTACT_EMAIL = env("CONTACT_EMAIL", default="kontakt@example.org")
CSRF_FAILURE_VIEW = "kvinnofrid.core.views.csrf_failure"
# Status reports (kvinnofrid/reports): four-eyes on finalising. The coordinator who sent a
# report to review, or last changed it, cannot also make it final; another coordinator of
# the county (a national coordinator for the national compilation) must.
KVINNOFRID_REPORTS_FOUR_EYES = env.bool("REPORTS_FOUR_EYES", default=True)
