"""Every admin route is accounted for: the isolation matrix fails closed.

`test_every_admin_route_is_accounted_for` walks the URL resolver (everything under
/admin/: Wagtail's own routes, wagtail-2fa's, and every app's admin URLs and viewsets)
and fails on a route that is none of:

1. **proved by the matrix**: a `StaffURL` or `StaffListing` whose URL resolves to the
   route (or that names it in `url_name`);
2. **the results fragment of a proved route**: `<name>_results` of a proved `<name>`
   (Wagtail renders the listing's table for its filters and pagination from the same
   view or its results-only subclass, over the same queryset);
3. **guarded by the county boundary**: the route addresses one object through a URL
   argument that `boundary.py` checks (page, document, image ids; the `pk` of a
   county-owned snippet or of any viewset whose model has a `CountyScopedQuerySet`), so
   another county's object answers 404 before the view runs; the matrix proves each kind
   of guard with at least one entry;
4. **allowed here**, in `ALLOWED_ADMIN_ROUTES`, with the reason it shows no county's data.

A new app with admin URLs therefore either registers them in its `staff_urls.py` or adds
them here with `allow_admin_route(pattern, reason=…)`, visibly, in review.
"""

from dataclasses import dataclass
from fnmatch import fnmatchcase

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class AllowedRoute:
    # "name", "namespace:name" or a shell pattern such as "wagtailusers_users:*"; routes
    # without a name are matched by their path ("admin/test404/").
    pattern: str
    reason: str


SUPERUSER_ONLY = (
    "superuser only: county roles get none of its permissions (tenancy.services "
    "MODEL_PERMISSIONS), so Wagtail refuses them"
)
OWN_ACCOUNT = "no county data: the signed-in user's own account"
NO_DATA = "no county data"

ALLOWED_ADMIN_ROUTES: list[AllowedRoute] = [
    # Signing in and out, and the user's own account and second factor.
    AllowedRoute("wagtailadmin_login", f"{NO_DATA}: the login form"),
    AllowedRoute("wagtailadmin_logout", f"{NO_DATA}: logs out"),
    AllowedRoute("wagtailadmin_password_reset*", f"{NO_DATA}: password reset by e-mail"),
    AllowedRoute("wagtailadmin_account", OWN_ACCOUNT),
    AllowedRoute("wagtail_2fa_*", f"{OWN_ACCOUNT}: TOTP devices (a user's own only)"),
    # Static assets and technical endpoints.
    AllowedRoute("wagtailadmin_javascript_catalog", f"{NO_DATA}: translations for scripts"),
    AllowedRoute("wagtailadmin_sprite", f"{NO_DATA}: the icon sprite"),
    AllowedRoute("wagtailadmin_dismissibles", f"{OWN_ACCOUNT}: dismissed admin hints"),
    AllowedRoute("wagtailadmin_error_test", f"{NO_DATA}: Wagtail's deliberate error page"),
    AllowedRoute("admin/test404/", f"{NO_DATA}: Wagtail's 404 test page"),
    AllowedRoute("admin/^.*/$", f"{NO_DATA}: the admin's catch-all 404"),
    AllowedRoute(
        "wagtailadmin_editing_sessions:*",
        "names the other people editing the same object, which the user may already edit "
        "(Wagtail checks the edit permission on the object)",
    ),
    AllowedRoute(
        "wagtailadmin_block_preview", f"{NO_DATA}: renders a StreamField block posted to it"
    ),
    # Choosers that hold no stored data: they build a link from what the user types.
    AllowedRoute("wagtailadmin_choose_page_external_link", f"{NO_DATA}: a typed URL"),
    AllowedRoute("wagtailadmin_choose_page_email_link", f"{NO_DATA}: a typed address"),
    AllowedRoute("wagtailadmin_choose_page_phone_link", f"{NO_DATA}: a typed number"),
    AllowedRoute("wagtailadmin_choose_page_anchor_link", f"{NO_DATA}: a typed anchor"),
    AllowedRoute("wagtailembeds:*", f"{NO_DATA}: fetches an embed for a typed public URL"),
    AllowedRoute(
        "wagtailadmin_tag_*",
        "tag names are one shared vocabulary, not a county's records (no titles or owners)",
    ),
    # Uploads in progress belong to the uploader: Wagtail fetches them with
    # uploaded_by_user=request.user.
    AllowedRoute("wagtaildocs:create_multiple_from_uploaded_document", OWN_ACCOUNT),
    AllowedRoute("wagtaildocs:delete_upload_multiple", OWN_ACCOUNT),
    AllowedRoute("wagtailimages:create_multiple_from_uploaded_image", OWN_ACCOUNT),
    AllowedRoute("wagtailimages:delete_upload_multiple", OWN_ACCOUNT),
    # Forms that create a new object in a collection the user may add to; they list the
    # collections the user has permission for, nothing else.
    AllowedRoute("wagtaildocs:add", "upload form: only the user's own collections"),
    AllowedRoute("wagtaildocs:add_multiple", "upload form: only the user's own collections"),
    AllowedRoute("wagtaildocs_chooser:create", "upload form: only the user's own collections"),
    AllowedRoute("wagtailimages:add", "upload form: only the user's own collections"),
    AllowedRoute("wagtailimages:add_multiple", "upload form: only the user's own collections"),
    AllowedRoute("wagtailimages_chooser:create", "upload form: only the user's own collections"),
    # The platform's own routes that show no other county's data.
    AllowedRoute(
        "kvinnofrid_counties",
        "lists the counties the user works in (county names are public reference data); "
        "each county's staff page is in the matrix",
    ),
    AllowedRoute(
        "kvinnofrid_import_*",
        "the rows the user uploaded, kept in their own session under a random id "
        "(coordination/import_views.py); the import page itself is in the matrix",
    ),
    AllowedRoute(
        "kvinnofrid_survey_new",
        "the form for a new survey from the built-in template: offers only the user's "
        "counties (surveys/admin_views.py)",
    ),
    AllowedRoute(
        "wagtailadmin_api:*:find",
        "answers with a redirect to the object's detail URL, which the boundary guards",
    ),
    AllowedRoute(
        "wagtailsnippets:index",
        "lists the snippet types the user may edit, with no titles of any row",
    ),
    # Platform administration (Inställningar).
    AllowedRoute("wagtailusers_users:*", SUPERUSER_ONLY),
    AllowedRoute("wagtailusers_groups:*", SUPERUSER_ONLY),
    AllowedRoute("wagtailsites:*", SUPERUSER_ONLY),
    AllowedRoute("wagtailredirects:*", SUPERUSER_ONLY),
    AllowedRoute(
        "wagtailadmin_workflows:task_chooser*",
        "lists approval tasks by name (one per county, named after the county, which is "
        "public); no pages or content",
    ),
    AllowedRoute("wagtailadmin_workflows:*", SUPERUSER_ONLY),
    AllowedRoute("wagtailadmin_collections:*", SUPERUSER_ONLY),
    AllowedRoute("wagtailsettings:*", SUPERUSER_ONLY),
    AllowedRoute("county_memberships:*", f"{SUPERUSER_ONLY} (Länsbehörigheter)"),
    AllowedRoute(
        "wagtailforms:index*",
        "lists form pages the user may edit (Wagtail's page permissions); the project has "
        "no form page type, and the per-page submission views are guarded by page_id",
    ),
]


def allow_admin_route(pattern: str, *, reason: str) -> AllowedRoute:
    """For an app whose admin route shows no county data: say why, in its own code."""
    if not reason.strip():
        raise ValueError("An allowed admin route needs the reason it is safe.")
    entry = AllowedRoute(pattern, reason)
    ALLOWED_ADMIN_ROUTES.append(entry)
    return entry


@dataclass(frozen=True)
class AdminRoute:
    name: str  # "namespace:name", or the path for a route without a name
    namespace: str
    url_name: str | None
    path: str
    kwargs: frozenset
    callback: object


def admin_routes() -> list[AdminRoute]:
    """Every URL pattern under /admin/, from the resolver."""
    routes = []

    def walk(patterns, prefix, namespaces, kwargs):
        for pattern in patterns:
            found = kwargs | set(pattern.pattern.regex.groupindex)
            if isinstance(pattern, URLResolver):
                inner = [*namespaces, pattern.namespace] if pattern.namespace else namespaces
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner, found)
            elif isinstance(pattern, URLPattern):
                path = prefix + str(pattern.pattern)
                if not path.startswith("admin/"):
                    continue
                namespace = ":".join(namespaces)
                name = f"{namespace}:{pattern.name}" if namespace else (pattern.name or path)
                routes.append(
                    AdminRoute(
                        name=name if pattern.name else path,
                        namespace=namespace,
                        url_name=pattern.name,
                        path=path,
                        kwargs=frozenset(found),
                        callback=pattern.callback,
                    )
                )

    walk(get_resolver().url_patterns, "", [], set())
    return routes


def route_name_of(url: str) -> str:
    from urllib.parse import urlsplit

    from django.urls import resolve

    match = resolve(urlsplit(url).path)
    return match.view_name if match.url_name else match.route


def allowed(route: AdminRoute) -> AllowedRoute | None:
    for entry in ALLOWED_ADMIN_ROUTES:
        if fnmatchcase(route.name, entry.pattern) or fnmatchcase(route.path, entry.pattern):
            return entry
    return None


def account_for(routes: list[AdminRoute], *, proved: set[str]) -> dict[str, str]:
    """Map each route name to how it is accounted for, or to "" if it is not."""
    from .boundary import route_guard

    by_name = {route.name: route for route in routes}
    accounts = {}
    for route in routes:
        base = by_name.get(route.name.removesuffix("_results"))
        if route.name in proved:
            account = "matrix"
        elif route.name.endswith("_results") and base is not None and base.name in proved:
            # Wagtail serves a listing's table (filters, pages) from <name>_results, built
            # by the same view or its results-only subclass from the same queryset.
            account = f"results of {base.name}"
        elif guard := route_guard(
            namespace=route.namespace,
            url_name=route.url_name,
            kwargs=route.kwargs,
            callback=route.callback,
        ):
            account = f"boundary: {guard}"
        elif entry := allowed(route):
            account = f"allowed: {entry.reason}"
        else:
            account = ""
        accounts[route.name] = account
    return accounts
