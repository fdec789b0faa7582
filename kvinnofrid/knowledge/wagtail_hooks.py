from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from kvinnofrid.core.audit import register_audit_actions
from kvinnofrid.tenancy.boundary import register_county_owned_admin

from .models import Resource

register_audit_actions(
    {
        "kvinnofrid.knowledge.import": (
            _("Importerat till kunskapsbanken"),
            _("Importerat till kunskapsbanken"),
        ),
    }
)


class ResourceViewSet(SnippetViewSet):
    model = Resource
    icon = "doc-full"
    menu_label = _("Kunskapsbank")
    add_to_admin_menu = True
    menu_order = 220
    list_display = [
        "title",
        "kind",
        "year",
        "county",
        # A bare BooleanField column reads "True"/"False".
        Column(
            "live", label=_("Publicerad"), accessor=lambda item: _("Ja") if item.live else _("Nej")
        ),
    ]
    list_filter = ["kind", "county", "live", "year"]
    search_fields = ["title", "publisher", "summary"]
    # The admin searches the database directly; the public search is kvinnofrid.knowledge.search.
    search_backend_name = None
    list_per_page = 50

    def get_queryset(self, request):
        return Resource.objects.for_user(request.user).select_related("county")


register_snippet(ResourceViewSet)
register_county_owned_admin(
    namespace="wagtailsnippets_knowledge_resource", model_label="knowledge.Resource"
)
