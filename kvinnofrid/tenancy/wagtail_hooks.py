from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.home import LockedPagesPanel, RecentEditsPanel
from wagtail.models import Page

from kvinnofrid.core.audit import register_audit_actions

from .boundary import other_countys_collections, other_countys_drafts, other_countys_pages
from .querysets import national_reader
from .two_factor import TokenView
from .views import CountyListView, CountyStaffView
from .viewsets import CountyMembershipViewSet

register_audit_actions(
    {
        "kvinnofrid.tenancy.grant": (_("Gav länsbehörighet"), _("Gav länsbehörighet")),
        "kvinnofrid.tenancy.revoke": (_("Tog bort länsbehörighet"), _("Tog bort länsbehörighet")),
        "kvinnofrid.tenancy.change": (_("Ändrade länsbehörighet"), _("Ändrade länsbehörighet")),
    }
)


@hooks.register("register_admin_urls")
def tenancy_admin_urls():
    return [
        # Same path and name as wagtail-2fa's; this app's hooks run first, so this wins.
        path("2fa/auth", TokenView.as_view(), name="wagtail_2fa_auth"),
        path("lan/", CountyListView.as_view(), name="kvinnofrid_counties"),
        path("lan/<slug:slug>/", CountyStaffView.as_view(), name="kvinnofrid_county_staff"),
    ]


@hooks.register("register_admin_menu_item")
def county_menu_item():
    return MenuItem(_("Mina län"), reverse("kvinnofrid_counties"), icon_name="site", order=150)


@hooks.register("register_admin_viewset")
def county_membership_viewset():
    return CountyMembershipViewSet("county_memberships")


@hooks.register("construct_page_chooser_queryset")
def hide_other_countys_drafts_in_the_page_chooser(pages, request):
    # Linking to another county's published page is fine; its drafts are not public.
    if national_reader(request.user):
        return pages
    return pages.exclude(other_countys_drafts(request.user))


@hooks.register("before_serve_document")
def other_countys_internal_documents_are_not_found(document, request):
    # Wagtail itself asks anonymous visitors to log in (its hook runs after this one); a
    # logged-in user who fails the collection's restriction is staff of another county,
    # and for them the file does not exist.
    if not request.user.is_authenticated:
        return None
    for restriction in document.collection.get_view_restrictions():
        if not restriction.accept_request(request):
            raise Http404
    return None


def _county_scoped_api_viewset(base):
    class CountyScopedViewSet(base):
        # Wagtail's admin API lists every document and image to any admin user; another
        # county's files (internal ones included) are not listed.
        def get_queryset(self):
            queryset = super().get_queryset()
            if national_reader(self.request.user):
                return queryset
            return queryset.exclude(other_countys_collections(self.request.user))

    CountyScopedViewSet.__name__ = f"CountyScoped{base.__name__}"
    return CountyScopedViewSet


# After Wagtail's own documents and images hooks (order 0), which register the endpoints.
@hooks.register("construct_admin_api", order=100)
def county_scoped_admin_api(router):
    from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
    from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

    router.register_endpoint("documents", _county_scoped_api_viewset(DocumentsAdminAPIViewSet))
    router.register_endpoint("images", _county_scoped_api_viewset(ImagesAdminAPIViewSet))


class CountyRecentEditsPanel(RecentEditsPanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        edited = [page.pk for _, page in context["last_edits"]]
        hidden = set(
            Page.objects.filter(pk__in=edited)
            .filter(other_countys_pages(parent_context["request"].user))
            .values_list("pk", flat=True)
        )
        context["last_edits"] = [
            (when, page) for when, page in context["last_edits"] if page.pk not in hidden
        ]
        return context


class CountyLockedPagesPanel(LockedPagesPanel):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["locked_pages"] = context["locked_pages"].exclude(
            other_countys_pages(parent_context["request"].user)
        )
        return context


@hooks.register("construct_homepage_panels")
def county_scoped_dashboard_panels(request, panels):
    """The dashboard's own-edits and own-locks panels list pages from the audit log and
    the lock owner; someone who has left a county must not keep seeing its drafts there."""
    if national_reader(request.user):
        return
    for index, panel in enumerate(panels):
        if type(panel) is RecentEditsPanel:
            panels[index] = CountyRecentEditsPanel()
        elif type(panel) is LockedPagesPanel:
            panels[index] = CountyLockedPagesPanel()
