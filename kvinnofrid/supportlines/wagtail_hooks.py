from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
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
    list_display = [
        "name",
        Column("phone_display", label=_("Telefonnummer")),
        "audience",
        "county",
        # A bare BooleanField column reads "True"/"False".
        Column(
            "live", label=_("Publicerad"), accessor=lambda line: _("Ja") if line.live else _("Nej")
        ),
    ]
    list_filter = ["audience", "county", "live"]
    search_fields = ["name", "organisation"]

    def get_queryset(self, request):
        return SupportLine.objects.for_user(request.user)


register_snippet(SupportLineViewSet)
register_county_owned_admin(
    namespace="wagtailsnippets_supportlines_supportline", model_label="supportlines.SupportLine"
)
