from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from kvinnofrid.core.audit import register_audit_actions

from .boundary import other_countys_drafts
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
