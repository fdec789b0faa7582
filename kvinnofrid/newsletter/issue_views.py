"""Public issue pages: the web version and PDF of an issue, a list's archive of sent
issues, and the page on forwarding a list to a colleague. Routed from the page models."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

from . import rendering
from .models import NewsletterIssuePage, NewsletterListPage, NewsletterSend

ISSUES_PER_PAGE = 20


def sent_issues(newsletter: NewsletterListPage):
    """A list's issues that have been sent (they have a NewsletterSend), newest first,
    with the send joined in so a listing costs the same number of queries at any size."""
    return (
        NewsletterIssuePage.objects.live()
        .public()
        .child_of(newsletter)
        .filter(send__isnull=False)
        .exclude(send__status=NewsletterSend.Status.SCHEDULED)
        .select_related("send")
        .order_by("-send__started_at", "-pk")
    )


def list_archive(request, *, newsletter: NewsletterListPage):
    issues = Paginator(sent_issues(newsletter), ISSUES_PER_PAGE).get_page(request.GET.get("sida"))
    response = newsletter.render(
        request,
        template="newsletter/newsletter_list_page.html",
        context_overrides={
            "issues": issues,
            "subscribe_url": rendering.subscribe_url(newsletter, absolute=False),
            "forward_url": rendering.forward_url(newsletter, absolute=False),
        },
    )
    patch_cache_control(response, public=True, max_age=120)
    return response


def forward_page(request, *, newsletter: NewsletterListPage):
    return newsletter.render(
        request,
        template="newsletter/forward.html",
        context_overrides={
            # Whole, to be copied into a message to a colleague.
            "subscribe_url": rendering.subscribe_url(newsletter),
            "archive_url": newsletter.url,
        },
    )


def issue_web_version(request, *, issue: NewsletterIssuePage):
    content = rendering.issue_content(issue, output=rendering.WEB)
    return issue.render(
        request,
        template="newsletter/newsletter_issue_page.html",
        context_overrides={"content": content, "links": content.links},
    )


def issue_pdf(request, *, issue: NewsletterIssuePage):
    response = HttpResponse(rendering.issue_pdf(issue), content_type="application/pdf")
    # inline: browsers show it; the filename is what "save" proposes.
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=rendering.pdf_filename(issue)
    )
    return response
