"""The accessibility statement and privacy notice must be reachable from every page (lag
2018:1937 and GDPR art. 13), so the admin refuses to delete or unpublish them."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail import hooks

from .models import InformationPage


def _has_site_role(pages) -> bool:
    """Whether any of the pages is, or has below it, a page with a site role."""
    within = Q(pk__in=[])
    for page in pages:
        within |= Q(path__startswith=page.path)
    return InformationPage.objects.filter(within).with_role().exists()


def _refuse(request, page):
    messages.error(
        request,
        _(
            "Sidan ”%(title)s” är eller innehåller tillgänglighetsredogörelsen eller "
            "personuppgiftsinformationen, som måste finnas på webbplatsen. Redigera den i "
            "stället."
        )
        % {"title": page.title},
    )
    return redirect("wagtailadmin_explore", page.get_parent().id)


@hooks.register("before_delete_page")
def keep_required_pages_on_delete(request, page):
    if _has_site_role([page]):
        return _refuse(request, page)
    return None


@hooks.register("before_unpublish_page")
def keep_required_pages_on_unpublish(request, page):
    if _has_site_role([page]):
        return _refuse(request, page)
    return None


@hooks.register("before_move_page")
def keep_required_pages_in_place(request, page, destination):
    if _has_site_role([page]):
        return _refuse(request, page)
    return None


@hooks.register("before_bulk_action")
def keep_required_pages_in_bulk(request, action_type, objects, action_class_instance):
    if action_type in {"delete", "unpublish", "move"} and _has_site_role(objects):
        messages.error(
            request,
            _(
                "Tillgänglighetsredogörelsen och personuppgiftsinformationen kan inte tas "
                "bort, flyttas eller avpubliceras."
            ),
        )
        return redirect("wagtailadmin_explore_root")
    return None
