from django import template

from kvinnofrid.pages.models import HomePage, InformationPage, TopicIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def site_shell_links(context):
    """Footer and menu links, fetched once per request: a fixed number of queries on every
    page, however large the site grows."""
    request = context.get("request")
    cached = getattr(request, "_kvinnofrid_shell_links", None) if request else None
    if cached is not None:
        return cached
    roles = {
        page.role: page
        for page in InformationPage.objects.live()
        .with_role()
        .only("id", "url_path", "title", "role")
    }
    home = HomePage.objects.live().only("id", "url_path").first()
    # The first topic section directly under the home page is the main knowledge section.
    topics = (
        TopicIndexPage.objects.live()
        .filter(depth=3)
        .order_by("path")
        .only("id", "url_path", "title")
        .first()
    )
    from kvinnofrid.supportlines.models import SupportLineIndexPage

    support = SupportLineIndexPage.objects.live().filter(depth=3).only("id", "url_path").first()
    from kvinnofrid.knowledge.models import KnowledgeBankPage

    knowledge = KnowledgeBankPage.objects.live().only("id", "url_path", "title").first()
    from kvinnofrid.events.models import CalendarPage

    calendar = CalendarPage.objects.live().only("id", "url_path", "title").first()
    links = {
        "calendar": calendar,
        "home": home,
        "knowledge": knowledge,
        "topics": topics,
        "support": support,
        "accessibility": roles.get(InformationPage.Role.ACCESSIBILITY_STATEMENT),
        "privacy": roles.get(InformationPage.Role.PRIVACY_NOTICE),
    }
    if request is not None:
        request._kvinnofrid_shell_links = links
    return links
