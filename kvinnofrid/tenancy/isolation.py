"""The isolation matrix: every staff URL × every role of a fixed cast.

A staff view registers itself here with a function that creates a non-public object in a
given county and returns the view's URL for it. The matrix then asserts, for each entry:

- the roles the entry allows, working in the object's county, get 200;
- a coordinator of another county gets 404 (not 403, not 200: nothing may leak);
- same-county roles the entry does not allow get 302 (Wagtail's refusal), 403 or 404;
- anonymous visitors are sent to the login page (or get 404);
- the national coordinator gets 200 when the entry allows national reading, else 403/404.

`run_isolation_matrix` returns the failures as sentences; the suite asserts there are none,
and a test with a deliberately leaky view proves the matrix notices a leak.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .models import Role

CAST_ROLES = ("editor_a", "coordinator_a", "coordinator_b", "national", "anonymous")


@dataclass(frozen=True)
class StaffURL:
    name: str
    # make(county) creates a non-public object owned by `county` and returns its URL.
    make: Callable
    allowed_roles: frozenset = field(
        default_factory=lambda: frozenset({Role.EDITOR, Role.COORDINATOR, Role.NATIONAL})
    )
    # The admin route the entry proves ("namespace:name"). Optional: the walker resolves
    # the URL that make() returns; when given, the matrix checks the two agree.
    url_name: str | None = None


@dataclass(frozen=True)
class StaffListing:
    """A staff page that lists or names objects (search, choosers, reports, bulk-action
    confirmations). `make(county)` creates a non-public object in `county` whose title
    contains a unique marker and returns (url, marker). The county's own coordinator must
    see the marker; the other county's coordinator must not, whatever the status code."""

    name: str
    make: Callable
    # False for pages that county staff may not open at all (they get 404 for both).
    own_county_sees: bool = True
    url_name: str | None = None


REGISTRY: list[StaffURL] = []
LISTINGS: list[StaffListing] = []


def register_staff_listing(
    name: str, *, make: Callable, own_county_sees: bool = True, url_name: str | None = None
) -> StaffListing:
    entry = StaffListing(name=name, make=make, own_county_sees=own_county_sees, url_name=url_name)
    LISTINGS.append(entry)
    return entry


def discover() -> list[StaffURL]:
    """Import every app's `staff_urls` module, where its views register themselves."""
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("staff_urls")
    return list(REGISTRY)


def discover_listings() -> list[StaffListing]:
    discover()
    return list(LISTINGS)


def register_staff_url(
    name: str,
    *,
    make: Callable,
    allowed_roles: Iterable[str] | None = None,
    url_name: str | None = None,
):
    entry = StaffURL(
        name=name,
        make=make,
        url_name=url_name,
        allowed_roles=frozenset(allowed_roles)
        if allowed_roles is not None
        else frozenset({Role.EDITOR, Role.COORDINATOR, Role.NATIONAL}),
    )
    REGISTRY.append(entry)
    return entry


def _expected(entry: StaffURL, cast_role: str) -> set[int]:
    if cast_role == "anonymous":
        return {302, 404}
    if cast_role == "coordinator_b":
        return {404}
    role = {
        "editor_a": Role.EDITOR,
        "coordinator_a": Role.COORDINATOR,
        "national": Role.NATIONAL,
    }[cast_role]
    # Wagtail's admin answers a permission it does not grant with a redirect to the
    # dashboard and a message; that, 403 and 404 all reveal nothing and change nothing.
    return {200} if role in entry.allowed_roles else {302, 403, 404}


def run_isolation_matrix(entries: Iterable[StaffURL], *, county_a, clients: dict) -> list[str]:
    """`clients` maps each name in CAST_ROLES to a logged-in (and 2FA-verified) test client."""
    failures = []
    for entry in entries:
        url = entry.make(county_a)
        for cast_role in CAST_ROLES:
            response = clients[cast_role].get(url)
            expected = _expected(entry, cast_role)
            status = response.status_code
            if status not in expected:
                failures.append(
                    f"{entry.name}: {cast_role} got {status} for {url}, expected {sorted(expected)}"
                )
            elif cast_role == "anonymous" and status == 302 and "login" not in response["Location"]:
                failures.append(f"{entry.name}: anonymous was redirected to {response['Location']}")
    return failures


def _text(response) -> str:
    # Exports stream their content.
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    if content.startswith(b"PK"):
        return _xlsx_text(content)
    return content.decode("utf-8", "replace")


def _xlsx_text(content: bytes) -> str:
    """The cell texts of an XLSX export, read back with openpyxl (the zip is compressed, so
    a marker is invisible to a byte search)."""
    import io

    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True)
    cells = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells.extend(str(value) for value in row if value is not None)
    return "\n".join(cells)


def run_listing_matrix(entries: Iterable[StaffListing], *, county_a, clients: dict) -> list[str]:
    failures = []
    for entry in entries:
        url, marker = entry.make(county_a)
        own = clients["coordinator_a"].get(url)
        if entry.own_county_sees and (own.status_code != 200 or marker not in _text(own)):
            failures.append(f"{entry.name}: coordinator_a does not see {marker!r} at {url}")
        other = clients["coordinator_b"].get(url)
        if marker in _text(other):
            failures.append(f"{entry.name}: coordinator_b sees {marker!r} at {url}")
    return failures
