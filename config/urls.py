from django.conf import settings
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from kvinnofrid.core.views import healthz
from kvinnofrid.pages.views import search

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("sok/", search, name="search"),
    path("", include("kvinnofrid.events.urls")),
    path("handlingsplaner/", include("kvinnofrid.plans.urls")),
    path("enkat/", include("kvinnofrid.surveys.urls")),
    path("", include("kvinnofrid.newsletter.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/v1/", include("config.api")),
    path("i18n/", include("django.conf.urls.i18n")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every other path from the page tree; it must come last.
urlpatterns += [path("", include(wagtail_urls))]

handler500 = "kvinnofrid.core.views.server_error"
