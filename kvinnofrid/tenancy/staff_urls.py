"""Isolation-matrix entries for tenancy's own views and for the Wagtail admin views of
pages, documents and images that the county boundary guards."""

import io
import uuid

from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.search.index import insert_or_update_object

from .isolation import register_staff_listing, register_staff_url
from .models import Role

SEARCH_WORD = "Internt"


def _marker() -> str:
    # Listings are searched for the shared word, never for the marker itself: a search
    # page echoes its query, which would look like a leak.
    return f"{SEARCH_WORD} {uuid.uuid4().hex[:10]}"


def _draft(county, title="Utkast: intern planering"):
    from kvinnofrid.pages.models import InformationPage

    draft = county.page.add_child(
        instance=InformationPage(title=title, slug=f"utkast-{uuid.uuid4().hex[:8]}", live=False)
    )
    insert_or_update_object(draft)  # the search index is otherwise updated by a task
    return draft


def _document(county, title="Internt underlag", *, internal=False):
    collection = Collection.objects.get(name=county.name)
    if internal:
        collection = collection.get_children().get(name="Internt")
    document = get_document_model().objects.create(
        title=title,
        collection=collection,
        file=ContentFile(b"internt", name="underlag.txt"),
    )
    insert_or_update_object(document)
    return document


def _image(county, title):
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 4), "purple").save(buffer, "PNG")
    image = get_image_model().objects.create(
        title=title,
        collection=Collection.objects.get(name=county.name),
        file=ContentFile(buffer.getvalue(), name="bild.png"),
    )
    insert_or_update_object(image)
    return image


# Detail and edit URLs: allowed roles get 200, the other county's coordinator 404.
register_staff_url(
    "county staff list",
    make=lambda county: reverse("kvinnofrid_county_staff", kwargs={"slug": county.slug}),
)
# Editing is for the county's own editors and coordinators; the national coordinator reads
# published pages on the public site and has no edit rights, so Wagtail refuses.
EDITORS = {Role.EDITOR, Role.COORDINATOR}
register_staff_url(
    "draft page edit",
    make=lambda county: reverse("wagtailadmin_pages:edit", args=[_draft(county).id]),
    allowed_roles=EDITORS,
)
register_staff_url(
    "draft page preview",
    make=lambda county: reverse("wagtailadmin_pages:view_draft", args=[_draft(county).id]),
    allowed_roles=EDITORS,
)
register_staff_url(
    "county page explorer",
    make=lambda county: reverse("wagtailadmin_explore", args=[county.page.id]),
    allowed_roles=EDITORS,
)
register_staff_url(
    "document edit",
    make=lambda county: reverse("wagtaildocs:edit", args=[_document(county).id]),
    allowed_roles=EDITORS,
)
register_staff_url(
    "document chosen",
    make=lambda county: reverse("wagtaildocs_chooser:chosen", args=[_document(county).id]),
    allowed_roles=EDITORS,
)
register_staff_url(
    "internal document download",
    make=lambda county: _document(county, internal=True).url,
)
register_staff_url(
    "image edit",
    make=lambda county: reverse("wagtailimages:edit", args=[_image(county, "Bild").id]),
    allowed_roles=EDITORS,
)


# Listings: the other county's coordinator must never see the object's title.
def _listing(url_for):
    def make(county):
        marker = _marker()
        return url_for(county, marker), marker

    return make


register_staff_listing(
    "admin page search",
    make=_listing(lambda c, m: _draft(c, m) and f"/admin/pages/search/?q={SEARCH_WORD}"),
)
register_staff_listing(
    "page chooser search",
    make=_listing(lambda c, m: _draft(c, m) and f"/admin/choose-page/search/?q={SEARCH_WORD}"),
)
register_staff_listing(
    "page chooser browsing",
    make=_listing(lambda c, m: _draft(c, m) and f"/admin/choose-page/{c.page.id}/"),
)
register_staff_listing(
    "page chooser chosen",
    make=_listing(lambda c, m: f"/admin/choose-page/chosen-multiple/?id={_draft(c, m).id}"),
)
register_staff_listing(
    "bulk page delete confirmation",
    make=_listing(lambda c, m: f"/admin/bulk/wagtailcore/page/delete/?id={_draft(c, m).id}"),
)
register_staff_listing(
    "document listing",
    make=_listing(lambda c, m: _document(c, m) and f"/admin/documents/?q={SEARCH_WORD}"),
)
register_staff_listing(
    "document chooser",
    make=_listing(lambda c, m: _document(c, m) and f"/admin/documents/chooser/?q={SEARCH_WORD}"),
)
register_staff_listing(
    "bulk document delete confirmation",
    make=_listing(lambda c, m: f"/admin/bulk/wagtaildocs/document/delete/?id={_document(c, m).id}"),
)
register_staff_listing(
    "image listing",
    make=_listing(lambda c, m: _image(c, m) and f"/admin/images/?q={SEARCH_WORD}"),
)


def _logged_draft_url(county, marker):
    from kvinnofrid.tenancy.models import CountyMembership

    editor = CountyMembership.objects.filter(county=county, role=Role.EDITOR).first().user
    _draft(county, marker).save_revision(user=editor, log_action=True)
    return "/admin/reports/site-history/"


def _locked_draft_url(county, marker):
    from django.utils import timezone

    draft = _draft(county, marker)
    draft.locked = True
    draft.locked_at = timezone.now()
    draft.save()
    return "/admin/reports/locked/"


register_staff_listing("site history report", make=_listing(_logged_draft_url))
register_staff_listing("locked pages report", make=_listing(_locked_draft_url))
register_staff_listing(
    "page types usage report",
    make=_listing(lambda c, m: _draft(c, m) and "/admin/reports/page-types-usage/"),
    own_county_sees=False,
)
