"""Isolation-matrix entries for tenancy's own views and for Wagtail's admin views of pages,
documents and images, which the county boundary guards."""

from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model

from .isolation import register_staff_url
from .models import Role


def _county_staff_url(county):
    return reverse("kvinnofrid_county_staff", kwargs={"slug": county.slug})


def _draft_page_edit_url(county):
    from kvinnofrid.pages.models import InformationPage

    draft = county.page.add_child(
        instance=InformationPage(title="Utkast: intern planering", slug="utkast", live=False)
    )
    return reverse("wagtailadmin_pages:edit", args=[draft.id])


def _county_explorer_url(county):
    return reverse("wagtailadmin_explore", args=[county.page.id])


def _document_edit_url(county):
    from wagtail.models import Collection

    collection = Collection.objects.get(name=county.name)
    document = get_document_model().objects.create(
        title="Internt underlag",
        collection=collection,
        file=ContentFile(b"internt", name="underlag.txt"),
    )
    return reverse("wagtaildocs:edit", args=[document.id])


register_staff_url("county staff list", make=_county_staff_url)
# Editing is for the county's own editors and coordinators; the national coordinator reads
# published pages on the public site and has no edit rights, so Wagtail answers 403.
register_staff_url(
    "draft page edit", make=_draft_page_edit_url, allowed_roles={Role.EDITOR, Role.COORDINATOR}
)
register_staff_url(
    "county page explorer",
    make=_county_explorer_url,
    allowed_roles={Role.EDITOR, Role.COORDINATOR},
)
register_staff_url(
    "document edit", make=_document_edit_url, allowed_roles={Role.EDITOR, Role.COORDINATOR}
)
