"""County boundary for Wagtail's own admin views (pages, documents, images).

Wagtail answers 403 when a user lacks permission on an object, which tells a user of
county B that county A's draft page 123 exists. The rule here is that another county's
object is indistinguishable from a missing one, so these URLs answer 404 instead.

A page or collection belongs to the county whose role groups were granted permissions on
it or on one of its ancestors (tenancy.services.county_groups_ensure grants them), so the
boundary follows exactly the permissions Wagtail itself uses.
"""

from django.http import Http404
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from .models import RoleGroup
from .querysets import county_ids_for_user, national_reader

PAGE_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id")
DOCUMENT_KWARGS = ("document_id", "doc_id")
IMAGE_KWARGS = ("image_id",)
GUARDED_NAMESPACES = {"wagtailadmin_pages", "wagtaildocs", "wagtailimages"}
GUARDED_URL_NAMES = {"wagtailadmin_explore", "wagtailadmin_explore_results"}


def _ancestor_paths(path: str, steplen: int) -> list[str]:
    return [path[:end] for end in range(steplen, len(path) + 1, steplen)]


def counties_owning_page(page: Page) -> set[int]:
    return set(
        RoleGroup.objects.filter(
            county__isnull=False,
            group__page_permissions__page__path__in=_ancestor_paths(page.path, Page.steplen),
        ).values_list("county_id", flat=True)
    )


def counties_owning_collection(collection: Collection) -> set[int]:
    return set(
        RoleGroup.objects.filter(
            county__isnull=False,
            group__collection_permissions__collection__path__in=_ancestor_paths(
                collection.path, Collection.steplen
            ),
        ).values_list("county_id", flat=True)
    )


def _owning_counties(kwargs) -> set[int] | None:
    for key in PAGE_KWARGS:
        if key in kwargs:
            page = Page.objects.filter(pk=kwargs[key]).only("path").first()
            return counties_owning_page(page) if page else None
    for key, model in [(k, get_document_model()) for k in DOCUMENT_KWARGS] + [
        (k, get_image_model()) for k in IMAGE_KWARGS
    ]:
        if key in kwargs:
            item = model.objects.filter(pk=kwargs[key]).select_related("collection").first()
            return counties_owning_collection(item.collection) if item else None
    return None


def admin_object_outside_users_counties(request, view_kwargs) -> None:
    """Raise Http404 if the admin URL addresses an object owned by counties the user does
    not work in. Objects owned by no county (national pages) are left to Wagtail."""
    match = request.resolver_match
    if match is None or not view_kwargs:
        return
    if match.namespace not in GUARDED_NAMESPACES and match.url_name not in GUARDED_URL_NAMES:
        return
    user = request.user
    if not user.is_authenticated or national_reader(user):
        return
    owners = _owning_counties(view_kwargs)
    if owners and not owners & county_ids_for_user(user):
        raise Http404
