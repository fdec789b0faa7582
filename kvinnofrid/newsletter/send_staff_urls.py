"""Isolation-matrix entries for the sending pages: an issue of county A's list, its send
page (editors and coordinators of the county; nobody else) and the list of sends."""

import itertools
import uuid

from django.urls import reverse

from kvinnofrid.pages.models import CountyPage
from kvinnofrid.tenancy.isolation import register_staff_listing, register_staff_url
from kvinnofrid.tenancy.models import Role

from .models import NewsletterIssuePage, NewsletterListPage, NewsletterSend

COUNTY_STAFF = {Role.EDITOR, Role.COORDINATOR}
_numbers = itertools.count(1)


def _issue(county, title=None) -> NewsletterIssuePage:
    number = next(_numbers)
    newsletter = CountyPage.objects.get(county=county).add_child(
        instance=NewsletterListPage(title=f"Lista {number}", slug=f"matris-lista-{number}")
    )
    return newsletter.add_child(
        instance=NewsletterIssuePage(
            title=title or f"Nummer {number}", slug=f"matris-nummer-{number}", live=False
        )
    )


def _send_page(county) -> str:
    return reverse("newsletter_send", kwargs={"page_id": _issue(county).pk})


def _sent_issue_page(county) -> str:
    issue = _issue(county)
    NewsletterSend.objects.create(issue=issue, subject=issue.title, html="", text="", from_email="")
    return reverse("newsletter_send", kwargs={"page_id": issue.pk})


def _sends_listing(county):
    marker = f"Internt {uuid.uuid4().hex[:10]}"
    issue = _issue(county, title=marker)
    NewsletterSend.objects.create(issue=issue, subject=marker, html="", text="", from_email="")
    return reverse("newsletter_sends"), marker


register_staff_url("newsletter send page", make=_send_page, allowed_roles=COUNTY_STAFF)
register_staff_url("newsletter send progress", make=_sent_issue_page, allowed_roles=COUNTY_STAFF)
register_staff_listing("newsletter sends", make=_sends_listing)
