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


def _logged_activity(county, marker):
    """A county-owned non-page record logged through core.audit, as the coordination
    services do: it lands in Wagtail's ModelLogEntry, which the site history lists."""
    from kvinnofrid.coordination.tests.factories import ActivityFactory
    from kvinnofrid.core.audit import audit_log
    from kvinnofrid.tenancy.models import CountyMembership

    coordinator = CountyMembership.objects.filter(county=county, role=Role.COORDINATOR).first()
    activity = ActivityFactory(county=county, title=marker)
    audit_log(instance=activity, action="kvinnofrid.coordination.create", user=coordinator.user)
    return activity


def _logged_support_line(county, marker):
    """Logged the way Wagtail's snippet views log (wagtail.create)."""
    from wagtail.log_actions import log

    from kvinnofrid.supportlines.models import SupportLine

    line = SupportLine.objects.create(
        name=marker, organisation="Länsstyrelsen", phone="+46102235760", county=county, live=False
    )
    log(instance=line, action="wagtail.create")
    return line


def _logged_document(county, marker):
    from wagtail.log_actions import log

    log(instance=_document(county, marker, internal=True), action="wagtail.create")


SITE_HISTORY = "/admin/reports/site-history/"
SITE_HISTORY_RESULTS = "/admin/reports/site-history/results/"
register_staff_listing("site history report", make=_listing(_logged_draft_url))
register_staff_listing(
    "site history: another county's activity",
    make=_listing(lambda c, m: _logged_activity(c, m) and SITE_HISTORY),
)
register_staff_listing(
    "site history results: another county's activity",
    make=_listing(lambda c, m: _logged_activity(c, m) and SITE_HISTORY_RESULTS),
)
register_staff_listing(
    "site history CSV export",
    make=_listing(lambda c, m: _logged_activity(c, m) and f"{SITE_HISTORY}?export=csv"),
)
register_staff_listing(
    "site history XLSX export",
    make=_listing(lambda c, m: _logged_support_line(c, m) and f"{SITE_HISTORY}?export=xlsx"),
)
register_staff_listing(
    "site history: another county's unpublished support line",
    make=_listing(lambda c, m: _logged_support_line(c, m) and SITE_HISTORY),
)
# Wagtail shows document entries only to holders of the model permission (county staff
# have collection permissions instead), so only the other county's absence is asserted.
register_staff_listing(
    "site history: another county's internal document",
    make=_listing(lambda c, m: _logged_document(c, m) or SITE_HISTORY),
    own_county_sees=False,
)
register_staff_listing(
    "site history filtered by name",
    make=_listing(lambda c, m: _logged_activity(c, m) and f"{SITE_HISTORY}?label={SEARCH_WORD}"),
)
register_staff_listing("locked pages report", make=_listing(_locked_draft_url))
register_staff_listing(
    "locked pages report results",
    make=_listing(lambda c, m: _locked_draft_url(c, m).replace("locked/", "locked/results/")),
)
register_staff_listing(
    "locked pages report XLSX export",
    make=_listing(lambda c, m: _locked_draft_url(c, m) + "?export=xlsx"),
)


def _published_draft(county, marker):
    """Aging pages lists published pages; the draft revision's title is the marker."""
    page = _draft(county, marker)
    page.save_revision().publish()
    return page


register_staff_listing(
    "aging pages report",
    make=_listing(lambda c, m: _published_draft(c, m) and "/admin/reports/aging-pages/"),
)
register_staff_listing(
    "aging pages report results",
    make=_listing(lambda c, m: _published_draft(c, m) and "/admin/reports/aging-pages/results/"),
)


def _page_in_review(county, marker):
    """A draft submitted to the county's review workflow (pages.services provisions one
    per county, unassigned; here it is started directly)."""
    from wagtail.models import Workflow

    from kvinnofrid.tenancy.models import CountyMembership

    editor = CountyMembership.objects.filter(county=county, role=Role.EDITOR).first().user
    page = _draft(county, marker)
    page.save_revision(user=editor)
    workflow = Workflow.objects.get(name__endswith=county.name)
    workflow.start(page, editor)
    return page


register_staff_listing(
    "workflow report",
    make=_listing(lambda c, m: _page_in_review(c, m) and "/admin/reports/workflow/"),
)
register_staff_listing(
    "workflow tasks report",
    make=_listing(lambda c, m: _page_in_review(c, m) and "/admin/reports/workflow_tasks/"),
)
register_staff_listing(
    "dashboard: pages awaiting review",
    make=_listing(lambda c, m: _page_in_review(c, m) and "/admin/"),
)


def _edited_draft(county, marker):
    from kvinnofrid.tenancy.models import CountyMembership

    coordinator = CountyMembership.objects.filter(county=county, role=Role.COORDINATOR).first()
    page = _draft(county, marker)
    page.save_revision(user=coordinator.user, log_action=True)
    return page


register_staff_listing(
    "dashboard: recent edits",
    make=_listing(lambda c, m: _edited_draft(c, m) and "/admin/"),
)
register_staff_listing(
    "admin API documents",
    make=_listing(
        lambda c, m: _document(c, m, internal=True) and f"/admin/api/main/documents/?title={m}"
    ),
)
register_staff_listing(
    "admin API images",
    make=_listing(lambda c, m: _image(c, m) and f"/admin/api/main/images/?title={m}"),
)
register_staff_url(
    "page history of a draft",
    make=lambda county: reverse("wagtailadmin_pages:history", args=[_draft(county).id]),
    allowed_roles=EDITORS,
)
register_staff_url(
    "page chooser browsing a draft",
    make=lambda county: reverse("wagtailadmin_choose_page_child", args=[_draft(county).id]),
)
register_staff_url(
    "admin API page detail of a draft",
    make=lambda county: f"/admin/api/main/pages/{_draft(county).id}/",
    allowed_roles=EDITORS,
)
register_staff_listing(
    "page types usage report",
    make=_listing(lambda c, m: _draft(c, m) and "/admin/reports/page-types-usage/"),
    own_county_sees=False,
)


# Page listings and choosers that start from the tree's top: a county's staff see their own
# county page there, not its drafts, so only the other county's absence is asserted.
for _name, _url in (
    ("page explorer root", "/admin/pages/"),
    ("page chooser root", "/admin/choose-page/"),
    ("choose the parent of a new page", "/admin/pages/create/pages/informationpage"),
    ("page type usage", "/admin/pages/usage/pages/informationpage/"),
):
    register_staff_listing(
        _name,
        make=_listing(lambda c, m, url=_url: _draft(c, m) and url),
        own_county_sees=False,
    )
register_staff_listing(
    "admin API page listing",
    make=_listing(lambda c, m: _draft(c, m) and f"/admin/api/main/pages/?title={m}"),
)
register_staff_listing(
    "image chooser",
    make=_listing(lambda c, m: _image(c, m) and f"/admin/images/chooser/?q={SEARCH_WORD}"),
)


def _unpublished_support_line(county, marker):
    from kvinnofrid.supportlines.models import SupportLine

    return SupportLine.objects.create(
        name=marker, organisation="Länsstyrelsen", phone="+46102235760", county=county, live=False
    )


def _unpublished_resource(county, marker):
    from kvinnofrid.knowledge.staff_urls import _draft as resource_draft

    return resource_draft(county, marker)


register_staff_listing(
    "support line chooser",
    make=_listing(
        lambda c, m: (
            _unpublished_support_line(c, m) and "/admin/snippets/choose/supportlines/supportline/"
        )
    ),
)
register_staff_listing(
    "resource chooser",
    make=_listing(
        lambda c, m: _unpublished_resource(c, m) and "/admin/snippets/choose/knowledge/resource/"
    ),
)
register_staff_listing(
    "support line chooser, several chosen",
    make=_listing(
        lambda c, m: (
            "/admin/snippets/choose/supportlines/supportline/chosen-multiple/"
            f"?id={_unpublished_support_line(c, m).pk}"
        )
    ),
    own_county_sees=False,
)


def _county_records(county, marker):
    """One record of each kind an add form may offer as a choice, named by the marker."""
    from kvinnofrid.coordination.tests.factories import (
        ActivityFactory,
        ContactFactory,
        NetworkFactory,
        OrganisationFactory,
    )

    organisation = OrganisationFactory(county=county, name=marker)
    ContactFactory(county=county, organisation=organisation, name=marker)
    NetworkFactory(counties=[county], name=marker)
    ActivityFactory(county=county, title=marker)
    _unpublished_support_line(county, marker)
    _unpublished_resource(county, marker)


# A form for a new record must not offer another county's records as choices.
for _add in (
    "insatser:add",
    "kontakter:add",
    "natverk:add",
    "natverksmoten:add",
    "organisationer:add",
    "nationella-fragor:add",
    "handlingsplaner:add",
    "kartlaggningar:add",
    "wagtailsnippets_supportlines_supportline:add",
    "wagtailsnippets_knowledge_resource:add",
    "wagtailsnippetchoosers_supportlines_supportline:create",
    "wagtailsnippetchoosers_knowledge_resource:create",
):
    register_staff_listing(
        f"choices of the new-record form {_add}",
        make=_listing(lambda c, m, name=_add: _county_records(c, m) or reverse(name)),
        own_county_sees=False,
    )
