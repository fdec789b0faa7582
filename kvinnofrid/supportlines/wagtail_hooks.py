from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from kvinnofrid.tenancy.boundary import register_county_owned_admin

from .models import SupportLine


class SupportLineViewSet(SnippetViewSet):
    model = SupportLine
    icon = "mobile-alt"
    menu_label = _("Stödlinjer")
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["name", "phone_display", "audience", "county", "live"]
    list_filter = ["audience", "county", "live"]
    search_fields = ["name", "organisation"]

    def get_queryset(self, request):
        return SupportLine.objects.for_user(request.user)


register_snippet(SupportLineViewSet)
register_county_owned_admin(
    namespace="wagtailsnippets_supportlines_supportline", model_label="supportlines.SupportLine"
)
