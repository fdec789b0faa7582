"""Isolation-matrix entries for the support-line admin."""

import uuid

from django.urls import reverse

from kvinnofrid.tenancy.isolation import register_staff_listing, register_staff_url
from kvinnofrid.tenancy.models import Role

from .models import SupportLine


def _unpublished_line(county, name="Ny linje under arbete"):
    return SupportLine.objects.create(
        name=name, organisation="Länsstyrelsen", phone="+46102235760", county=county, live=False
    )


register_staff_url(
    "support line edit",
    make=lambda county: reverse(
        "wagtailsnippets_supportlines_supportline:edit", args=[_unpublished_line(county).pk]
    ),
    # National coordinators keep the whole directory, county lines included.
    allowed_roles={Role.EDITOR, Role.COORDINATOR, Role.NATIONAL},
)


def _listing(county):
    marker = f"Internt {uuid.uuid4().hex[:10]}"
    _unpublished_line(county, marker)
    return reverse("wagtailsnippets_supportlines_supportline:list"), marker


register_staff_listing("support line listing", make=_listing)
register_staff_listing(
    "support line bulk delete confirmation",
    make=lambda county: (
        lambda line: (
            f"/admin/bulk/supportlines/supportline/delete/?id={line.pk}",
            line.name,
        )
    )(_unpublished_line(county, f"Internt {uuid.uuid4().hex[:10]}")),
)
