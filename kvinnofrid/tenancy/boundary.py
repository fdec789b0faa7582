"""County boundary for Wagtail's own admin views (pages, documents, images, choosers,
bulk actions, reports).

Wagtail answers 403 when a user lacks permission on an object, and some of its views
(choosers, bulk-action confirmations, reports) show titles of objects the user cannot
edit. The rule here is that another county's non-public object is indistinguishable from
a missing one, so URLs that address one answer 404.

A page or collection belongs to the county whose role groups were granted permissions on
it or on one of its ancestors (tenancy.services.county_groups_ensure grants them), so the
boundary follows exactly the permissions Wagtail itself uses.
"""

from django.db.models import Q
from django.http import Http404
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from .models import RoleGroup
from .querysets import county_ids_for_user, national_reader

PAGE, DOCUMENT, IMAGE = "page", "document", "image"
NATIONAL = -1  # owner of county-owned rows with no county: only national staff may open them

# Admin viewsets (snippets) of models with a `county` field: URL namespace -> model label.
# Apps register theirs with register_county_owned_admin().
COUNTY_OWNED_NAMESPACES: dict[str, str] = {}


def register_county_owned_admin(*, namespace: str, model_label: str) -> None:
    COUNTY_OWNED_NAMESPACES[namespace] = model_label


# (namespace, url name or None for any) -> {URL keyword argument: kind}
KWARG_KINDS = {
    ("wagtailadmin_pages", None): {
        "page_id": PAGE,
        "parent_page_id": PAGE,
        "page_to_move_id": PAGE,
        "destination_id": PAGE,
    },
    ("", "wagtailadmin_explore"): {"parent_page_id": PAGE},
    ("", "wagtailadmin_explore_results"): {"parent_page_id": PAGE},
    ("wagtaildocs", None): {"document_id": DOCUMENT, "doc_id": DOCUMENT},
    ("wagtaildocs_chooser", None): {"pk": DOCUMENT},
    ("wagtailimages", None): {"image_id": IMAGE},
    ("wagtailimages_chooser", None): {"pk": IMAGE, "image_id": IMAGE},
}
# Views that take the objects as ?id=… query parameters.
QUERY_ID_KINDS = {
    ("", "wagtailadmin_choose_page_chosen_multiple"): PAGE,  # drafts only, see _owners
    ("wagtaildocs_chooser", "chosen_multiple"): DOCUMENT,
    ("wagtailimages_chooser", "chosen_multiple"): IMAGE,
}
BULK_ACTION_KINDS = {
    ("wagtailcore", "page"): PAGE,
    ("wagtaildocs", "document"): DOCUMENT,
    ("wagtailimages", "image"): IMAGE,
}
# Reports that list pages across the whole tree regardless of permissions; county staff
# use the explorer and search instead, national coordinators and admins keep them.
TREE_WIDE_REPORTS = {"page_types_usage", "page_types_usage_results"}


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


def _owners(kind: str, pk, *, public_pages_allowed: bool = False) -> set[int] | None:
    """The counties owning one object, or None if it does not exist (or, in a chooser, if
    it is a published page: anyone may link to another county's public page)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    if kind == PAGE:
        page = Page.objects.filter(pk=pk).only("path", "live").first()
        if page is None or (public_pages_allowed and page.live):
            return None
        return counties_owning_page(page)
    if kind.startswith("model:"):
        from django.apps import apps

        model = apps.get_model(kind.removeprefix("model:"))
        row = model.objects.filter(pk=pk).values("county_id").first()
        if row is None:
            return None
        return {row["county_id"] if row["county_id"] is not None else NATIONAL}
    model = get_document_model() if kind == DOCUMENT else get_image_model()
    item = model.objects.filter(pk=pk).select_related("collection").first()
    return counties_owning_collection(item.collection) if item else None


def _addressed_objects(match, view_kwargs, query) -> list[tuple[str, object]]:
    namespace, url_name = match.namespace, match.url_name
    addressed = []
    for key in ((namespace, None), (namespace, url_name)):
        for kwarg, kind in KWARG_KINDS.get(key, {}).items():
            if kwarg in view_kwargs:
                addressed.append((kind, view_kwargs[kwarg]))
    if namespace in COUNTY_OWNED_NAMESPACES and "pk" in view_kwargs:
        addressed.append((f"model:{COUNTY_OWNED_NAMESPACES[namespace]}", view_kwargs["pk"]))
    kind = QUERY_ID_KINDS.get((namespace, url_name))
    if url_name == "wagtail_bulk_action":
        model_key = (view_kwargs.get("app_label"), view_kwargs.get("model_name"))
        kind = BULK_ACTION_KINDS.get(model_key)
        label = ".".join(filter(None, model_key)).lower()
        if kind is None and label in {v.lower() for v in COUNTY_OWNED_NAMESPACES.values()}:
            kind = f"model:{label}"
    if kind:
        addressed.extend((kind, pk) for pk in query.getlist("id"))
    return addressed


def admin_object_outside_users_counties(request, view_kwargs) -> None:
    """Raise Http404 if the admin URL addresses an object owned by counties the user does
    not work in. Objects owned by no county (national pages) are left to Wagtail."""
    match = request.resolver_match
    if match is None or not match.route.startswith("admin/"):
        return
    user = request.user
    if not user.is_authenticated or national_reader(user):
        return
    if match.namespace == "wagtailadmin_reports" and match.url_name in TREE_WIDE_REPORTS:
        raise Http404
    mine = county_ids_for_user(user)
    in_page_chooser = (match.url_name or "").startswith("wagtailadmin_choose_page")
    for kind, pk in _addressed_objects(match, view_kwargs, request.GET):
        owners = _owners(kind, pk, public_pages_allowed=in_page_chooser)
        if owners and not owners & mine:
            raise Http404


def other_countys_drafts(user) -> Q:
    """A filter matching pages in counties the user does not work in that are not live:
    choosers and search must not list them."""
    from kvinnofrid.pages.models import CountyPage

    mine = county_ids_for_user(user)
    others = CountyPage.objects.exclude(county_id__in=mine).values_list("path", flat=True)
    in_other_county = Q(pk__in=[])
    for path in others:
        in_other_county |= Q(path__startswith=path)
    return in_other_county & Q(live=False)
