"""Isolation-matrix entries for the knowledge-bank admin."""

import uuid

from django.urls import reverse

from kvinnofrid.tenancy.isolation import register_staff_listing, register_staff_url
from kvinnofrid.tenancy.models import Role

from .models import Resource


def _draft(county, title="Utkast till rapport"):
    return Resource.objects.create(
        title=title,
        summary="Ännu inte publicerad.",
        kind="report",
        publisher="Länsstyrelsen",
        county=county,
        year=2026,
        external_url="https://example.org/",
        live=False,
    )


register_staff_url(
    "resource edit",
    make=lambda county: reverse(
        "wagtailsnippets_knowledge_resource:edit", args=[_draft(county).pk]
    ),
    allowed_roles={Role.EDITOR, Role.COORDINATOR, Role.NATIONAL},
)
register_staff_url(
    "resource history",
    make=lambda county: reverse(
        "wagtailsnippets_knowledge_resource:history", args=[_draft(county).pk]
    ),
    allowed_roles={Role.EDITOR, Role.COORDINATOR, Role.NATIONAL},
)


def _listing(county):
    marker = f"Internt {uuid.uuid4().hex[:10]}"
    _draft(county, marker)
    return reverse("wagtailsnippets_knowledge_resource:list"), marker


register_staff_listing("resource listing", make=_listing)
