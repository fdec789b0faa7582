from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from kvinnofrid.regions.models import County

from .models import CountyMembership
from .querysets import get_for_user_or_404


class CountyListView(WagtailAdminTemplateMixin, TemplateView):
    """The counties a staff member works in (all of them for national coordinators)."""

    template_name = "tenancy/county_list.html"
    page_title = _("Mina län")
    header_icon = "site"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["counties"] = County.objects.for_user(self.request.user).order_by("code")
        return context


class CountyStaffView(WagtailAdminTemplateMixin, TemplateView):
    """Who works for a county board on the platform, and in which role. Not public."""

    template_name = "tenancy/county_staff.html"
    header_icon = "group"

    def get_page_title(self):
        return _("Personal i %(county)s") % {"county": self.county.name}

    def dispatch(self, request, *args, **kwargs):
        self.county = get_for_user_or_404(County, request.user, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["county"] = self.county
        context["memberships"] = (
            CountyMembership.objects.for_user(self.request.user)
            .for_county(self.county)
            .select_related("user")
        )
        return context
