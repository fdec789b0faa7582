"""What the home page and each county page show of the rest of the platform: news, events,
material, networks, contacts, support lines, plans, status reports, newsletters, campaigns.

Every section is a fixed number of queries, however many rows each app holds (a test
counts them at two sizes). Only public rows are read: published, flagged public, final.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import F, Prefetch
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

NEWS_ON_PAGE = 3
EVENTS_ON_HOME = 5
RESOURCES_ON_PAGE = 5

# The campaigns module (PRODUCT.md, module 10) is not built yet. When it is, it registers a
# function under this hook name that takes the request and returns the running campaigns
# as objects with `title`, `url` and optionally `summary` and `period`; until then nothing
# is registered and the home page shows no campaign section at all.
HOME_CAMPAIGNS_HOOK = "kvinnofrid_home_page_campaigns"


def section_menu(page, *, exclude_types=()):
    """The page's published children that editors put in menus ("Visa i menyer")."""
    children = page.get_children().live().public().in_menu()
    for page_type in exclude_types:
        children = children.not_type(page_type)
    return children.order_by("path").only("id", "title", "url_path", "depth", "path")


def _news_index(parent):
    from .models import NewsIndexPage

    return NewsIndexPage.objects.live().child_of(parent).only("id", "url_path", "title").first()


def _newest_resources():
    from kvinnofrid.knowledge.models import KnowledgeBankPage, Resource

    bank = KnowledgeBankPage.objects.live().only("id", "url_path", "title").first()
    resources = Resource.objects.published().order_by(
        "-year", F("first_published_at").desc(nulls_last=True), "-pk"
    )
    return bank, resources


def _resource_rows(bank, resources, request):
    if bank is None:
        return [], None
    base = bank.get_url(request)
    rows = []
    for resource in resources:
        path = bank.reverse_subpage("resource", args=[resource.pk, resource.slug])
        rows.append({"resource": resource, "url": base + path})
    return rows, base


@dataclass(frozen=True)
class FinalReport:
    year: int
    report: object
    pdf: object  # the ReportExport made from the final text, or None


def final_status_reports(county) -> list[FinalReport]:
    """The county's final status report per year, newest year first: the newest final
    version of each year, with the newest PDF made after it was finalised (a PDF made from
    a draft is not the report)."""
    from kvinnofrid.reports.models import ReportExport, StatusReport

    reports = (
        StatusReport.objects.filter(county=county, status=StatusReport.Status.FINAL)
        .order_by("-year", "-version")
        .prefetch_related(
            Prefetch(
                "exports",
                queryset=ReportExport.objects.filter(
                    format=ReportExport.Format.PDF, status=ReportExport.Status.DONE
                )
                .exclude(file="")
                .order_by("-finished_at", "-pk"),
            )
        )
    )
    by_year: dict[int, FinalReport] = {}
    for report in reports:
        if report.year in by_year:
            continue
        pdf = next(
            (
                export
                for export in report.exports.all()
                if report.finalised_at and export.created_at >= report.finalised_at
            ),
            None,
        )
        by_year[report.year] = FinalReport(year=report.year, report=report, pdf=pdf)
    return list(by_year.values())


def _support_directory():
    from kvinnofrid.supportlines.models import SupportLineIndexPage

    return SupportLineIndexPage.objects.live().filter(depth=3).only("id", "url_path").first()


def county_page_sections(page, *, request) -> dict:
    from kvinnofrid.coordination.models import Contact, Network
    from kvinnofrid.plans.models import ActionPlan
    from kvinnofrid.supportlines.directory import directory_entries
    from kvinnofrid.supportlines.models import SupportLine, SupportLineIndexPage

    from .models import NewsPage

    county = page.county
    bank, resources = _newest_resources()
    resource_rows, bank_url = _resource_rows(
        bank, resources.in_county(county)[:RESOURCES_ON_PAGE], request
    )
    news_index = _news_index(page)
    lines = SupportLine.objects.published().for_county(county).with_hours().order_by("pk")
    reports = final_status_reports(county)
    return {
        "section_menu": section_menu(page),
        "news": NewsPage.objects.live()
        .public()
        .descendant_of(page)
        .newest_first()
        .for_listing()[:NEWS_ON_PAGE],
        "news_index": news_index,
        "contacts": Contact.objects.public().for_county(county).order_by("name"),
        "networks": Network.objects.public().for_county(county).distinct().order_by("name"),
        "support_lines": directory_entries(lines, now=timezone.now()),
        "support_directory_url": SupportLineIndexPage.url_for_county(county),
        "resources": resource_rows,
        "resources_url": f"{bank_url}?lan={county.slug}" if bank_url else None,
        "plans": ActionPlan.objects.public().for_county(county).order_by("-period_start", "title"),
        "plans_url": f"{reverse('plans:list')}?{urlencode({'lan': county.slug})}",
        "status_reports": [
            {
                "year": item.year,
                "url": page.status_report_url(item.year) if item.pdf else None,
            }
            for item in reports
        ],
    }


def running_campaigns(request) -> list:
    campaigns = []
    for provider in hooks.get_hooks(HOME_CAMPAIGNS_HOOK):
        campaigns.extend(provider(request))
    return campaigns


def latest_newsletter_issue():
    """The newest sent issue of the national newsletter, or of any list when the national
    one has sent none."""
    from kvinnofrid.newsletter.models import NewsletterIssuePage

    sent = (
        NewsletterIssuePage.objects.live()
        .public()
        .filter(send__isnull=False, send__started_at__lte=timezone.now())
        # A send scheduled for later has not gone out (as in the list's own archive).
        .exclude(send__status="scheduled")
        .select_related("send", "county")
        .order_by("-send__started_at", "-pk")
    )
    return sent.filter(county__isnull=True).first() or sent.first()


def home_page_sections(page, *, request) -> dict:
    from kvinnofrid.events.models import EventPage, stockholm_today

    from .models import CountyPage, NewsPage

    bank, resources = _newest_resources()
    resource_rows, bank_url = _resource_rows(bank, resources[:RESOURCES_ON_PAGE], request)
    news = NewsPage.objects.live().public().newest_first().for_listing()
    directory = _support_directory()
    issue = latest_newsletter_issue()
    return {
        "section_menu": section_menu(page, exclude_types=(CountyPage,)),
        "national_news": news.national()[:NEWS_ON_PAGE],
        "county_news": news.from_counties()[:NEWS_ON_PAGE],
        "news_index": _news_index(page),
        "events": EventPage.objects.live()
        .public()
        .upcoming(stockholm_today())
        .order_by("starts_on", "pk")
        .for_listing()[:EVENTS_ON_HOME],
        "resources": resource_rows,
        "resources_url": bank_url,
        "campaigns": running_campaigns(request),
        "newsletter_issue": issue,
        "support_directory_url": directory.get_url(request) if directory else None,
    }
