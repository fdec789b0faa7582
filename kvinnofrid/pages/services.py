"""Builds and keeps the site structure: home page, a CountyPage, a collection and role
groups for every county, and the pages the site shell links to. Idempotent."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page, Site

from kvinnofrid.regions.models import County
from kvinnofrid.tenancy.services import county_groups_ensure, national_group_ensure

from . import default_content
from .models import CountyPage, HomePage, InformationPage, NewsIndexPage

HOME_SLUG = "kvinnofrid"


def _home_page() -> HomePage:
    home = HomePage.objects.first()
    if home:
        return home
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(
            title="Kvinnofrid",
            slug=HOME_SLUG,
            seo_title="Kvinnofrid – regional samordning mot mäns våld mot kvinnor",
            search_description=default_content.HOME_SEARCH_DESCRIPTION,
            intro=default_content.HOME_INTRO,
        )
    )
    site = Site.objects.filter(is_default_site=True).first()
    welcome = site.root_page if site else None
    if site:
        site.root_page = home
        site.site_name = "Kvinnofrid"
        site.save()
    else:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Kvinnofrid",
        )
    # Wagtail's initial migration made a placeholder welcome page; it has no place here.
    if welcome and welcome.specific_class is Page and not welcome.get_children().exists():
        welcome.delete()
    return home


def _county_page(home: HomePage, county: County) -> CountyPage:
    page = CountyPage.objects.filter(county=county).first()
    if page:
        return page
    return home.add_child(
        instance=CountyPage(
            title=county.name,
            slug=county.slug,
            county=county,
            search_description=f"{county.board_name}s arbete mot mäns våld mot kvinnor.",
            intro=default_content.county_intro(county),
        )
    )


NEWS_TITLE = "Aktuellt"
NEWS_SLUG = "aktuellt"


def news_indexes_ensure(*, home: HomePage, county_pages: list[CountyPage]) -> int:
    """One *Aktuellt* page under the home page (national news) and under each county page,
    so an editor's news has a place from the start. Idempotent; a parent that already has a
    news page, or a page of that slug, is left as it is. Returns how many were made."""
    parents = [home, *county_pages]
    have_news = {
        page.path[: -NewsIndexPage.steplen]
        for page in NewsIndexPage.objects.filter(depth__in={p.depth + 1 for p in parents}).only(
            "path"
        )
    }
    taken = set(
        Page.objects.filter(slug=NEWS_SLUG, depth__in={p.depth + 1 for p in parents}).values_list(
            "path", flat=True
        )
    )
    taken = {path[: -Page.steplen] for path in taken}
    made = 0
    for parent in parents:
        if parent.path in have_news or parent.path in taken:
            continue
        if isinstance(parent, CountyPage):
            intro = default_content.county_news_intro(parent.county)
        else:
            intro = default_content.NATIONAL_NEWS_INTRO
        parent.add_child(
            instance=NewsIndexPage(
                title=NEWS_TITLE,
                slug=NEWS_SLUG,
                intro=intro,
                search_description=intro,
                show_in_menus=True,
            )
        )
        made += 1
    return made


INTERNAL_COLLECTION = "Internt"
NATIONAL_COLLECTION = "Nationellt"


def _top_collection(name: str) -> Collection:
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=name).first()
    return collection or root.add_child(instance=Collection(name=name))


def county_collection(county: County) -> Collection:
    """The county's public collection (made if missing)."""
    return _top_collection(county.name)


def national_collection() -> Collection:
    """Files of national material (the national knowledge bank), public like a county's."""
    return _top_collection(NATIONAL_COLLECTION)


def _internal_collection(collection: Collection, groups) -> Collection:
    """A sub-collection whose files only the county's staff and national coordinators may
    download (minutes, drafts). Files in the county's main collection are public, as
    Wagtail documents are by default."""
    internal = collection.get_children().filter(name=INTERNAL_COLLECTION).first()
    if internal is None:
        internal = collection.add_child(instance=Collection(name=INTERNAL_COLLECTION))
    restriction = CollectionViewRestriction.objects.filter(collection=internal).first()
    if restriction is None:
        restriction = CollectionViewRestriction.objects.create(
            collection=internal, restriction_type=CollectionViewRestriction.GROUPS
        )
    restriction.groups.add(*groups)
    return internal


def _information_page(home: HomePage, *, role: str, title: str, slug: str, intro: str, body: str):
    if InformationPage.objects.filter(role=role).exists():
        return
    home.add_child(
        instance=InformationPage(
            title=title, slug=slug, role=role, intro=intro, body=body, search_description=intro
        )
    )


def _tree_roots() -> None:
    """Wagtail's migrations create the root page, root collection and default locale; a
    `flush` (as after every transactional test) removes them, so recreate them."""
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if not Page.get_first_root_node():
        Page.add_root(
            instance=Page(
                title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)
            )
        )
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")


def _without_wagtail_default_groups() -> None:
    """Wagtail's first migration makes "Editors" and "Moderators" groups with rights over
    the whole page tree. Here rights come per county through role groups, and a user put
    in those groups by mistake would edit (and find in admin search) every county's
    drafts, so they go while nobody is in them."""
    from django.contrib.auth.models import Group

    Group.objects.filter(
        name__in=["Editors", "Moderators"], role_group__isnull=True, user__isnull=True
    ).delete()


def _without_wagtail_default_workflow() -> None:
    """Wagtail's first migration assigns a "Moderators approval" workflow to the root page,
    approved by the "Moderators" group, which goes above. Left in place, every county's
    pages would offer review with nobody able to approve it. Review is a county's choice
    (its own workflow, below), so an assignment whose tasks no group approves is removed
    and its workflow switched off."""
    from wagtail.models import GroupApprovalTask, WorkflowPage

    for assignment in WorkflowPage.objects.filter(page__depth__lte=2).select_related("workflow"):
        task_ids = assignment.workflow.workflow_tasks.values_list("task_id", flat=True)
        approvable = GroupApprovalTask.objects.filter(pk__in=task_ids, groups__isnull=False)
        if not approvable.exists():
            workflow = assignment.workflow
            assignment.delete()
            workflow.active = False
            workflow.save(update_fields=["active"])


def county_review_workflow_ensure(*, county: County, groups: dict):
    """A review workflow per county, "Granskning – <län>", whose one task the county's
    editors and coordinators approve (another county's staff and the national coordinator
    cannot). It is created unassigned: pages publish directly until a platform admin
    assigns it to the county's page (Inställningar → Arbetsflöden), which is how a county
    switches review on. Found again through its task's groups, so renaming it in the admin
    does not make a second one."""
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

    approvers = list(groups.values())
    task = GroupApprovalTask.objects.filter(groups=approvers[0]).order_by("pk").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=f"Godkännande – {county.name}")
    task.groups.add(*approvers)
    link = WorkflowTask.objects.filter(task=task).select_related("workflow").first()
    if link is not None:
        return link.workflow
    workflow = Workflow.objects.create(name=f"Granskning – {county.name}", active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


@transaction.atomic
def site_provision() -> None:
    # Counties come from the reference-data migration; an empty table means migrations
    # stopped before it (e.g. `migrate regions 0001`), and then there is nothing to build.
    counties = list(County.objects.order_by("code"))
    if not counties:
        return
    _tree_roots()
    home = _home_page()
    _without_wagtail_default_groups()
    _without_wagtail_default_workflow()
    national = national_group_ensure(collection=national_collection())
    county_pages = []
    for county in counties:
        page = _county_page(home, county)
        county_pages.append(page)
        collection = county_collection(county)
        groups = county_groups_ensure(county=county, root_page=page, collection=collection)
        county_review_workflow_ensure(county=county, groups=groups)
        _internal_collection(collection, [*groups.values(), national])
    news_indexes_ensure(home=home, county_pages=county_pages)
    _information_page(
        home,
        role=InformationPage.Role.ACCESSIBILITY_STATEMENT,
        title="Tillgänglighetsredogörelse",
        slug="tillganglighet",
        intro=default_content.ACCESSIBILITY_INTRO,
        body=default_content.accessibility_statement(),
    )
    _information_page(
        home,
        role=InformationPage.Role.PRIVACY_NOTICE,
        title="Personuppgiftsinformation",
        slug="personuppgifter",
        intro=default_content.PRIVACY_INTRO,
        body=default_content.privacy_notice(),
    )
