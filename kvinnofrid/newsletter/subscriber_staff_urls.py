"""Isolation-matrix entries for the subscriber pages: every staff URL, created for a list
of county A, is checked against the cast (see tenancy/isolation.py)."""

import itertools
import uuid

from django.urls import reverse

from kvinnofrid.tenancy.isolation import register_staff_listing, register_staff_url
from kvinnofrid.tenancy.models import Role

from .models import NewsletterListPage, Subscriber, Subscription

COUNTY_STAFF = {Role.EDITOR, Role.COORDINATOR}
_numbers = itertools.count(1)


def _list(county) -> NewsletterListPage:
    from kvinnofrid.pages.models import CountyPage

    number = next(_numbers)
    parent = CountyPage.objects.get(county=county)
    page = parent.add_child(
        instance=NewsletterListPage(
            title=f"Nyhetsbrev {uuid.uuid4().hex[:8]}", slug=f"matris-nyhetsbrev-{number}"
        )
    )
    return NewsletterListPage.objects.get(pk=page.pk)


def _subscribed_list(county, marker: str = "") -> tuple[NewsletterListPage, Subscription]:
    newsletter = _list(county)
    email = f"{marker or uuid.uuid4().hex[:10]}@example.org".lower()
    subscriber = Subscriber.objects.create(email=email)
    subscription = Subscription.objects.create(
        subscriber=subscriber, newsletter=newsletter, status=Subscription.Status.ACTIVE
    )
    return newsletter, subscription


def _list_url(name, **extra):
    return lambda county: reverse(name, kwargs={"list_id": _subscribed_list(county)[0].pk, **extra})


register_staff_url("newsletter subscribers of a list", make=_list_url("newsletter_subscriber_list"))
register_staff_url(
    "newsletter subscribers CSV export",
    make=_list_url("newsletter_subscriber_export", file_format="csv"),
)
register_staff_url(
    "newsletter subscribers XLSX export",
    make=_list_url("newsletter_subscriber_export", file_format="xlsx"),
)
# National coordinators only read county lists: import and block are the county's own.
register_staff_url(
    "newsletter subscriber import",
    make=_list_url("newsletter_subscriber_import"),
    allowed_roles=COUNTY_STAFF,
)
register_staff_url(
    "newsletter address block",
    make=lambda county: (
        lambda newsletter, subscription: (
            reverse("newsletter_subscriber_block", kwargs={"list_id": newsletter.pk})
            + f"?prenumeration={subscription.pk}"
        )
    )(*_subscribed_list(county)),
    allowed_roles=COUNTY_STAFF,
)


def _marker() -> str:
    return f"intern{uuid.uuid4().hex[:10]}"


def _listing(name, query=""):
    def make(county):
        marker = _marker()
        newsletter, subscription = _subscribed_list(county, marker)
        url = reverse(name, kwargs={"list_id": newsletter.pk}) + query.format(
            subscription=subscription.pk
        )
        return url, marker

    return make


def _overview(county):
    marker = _marker()
    newsletter, _subscription = _subscribed_list(county)
    NewsletterListPage.objects.filter(pk=newsletter.pk).update(title=f"Nyhetsbrev {marker}")
    return reverse("newsletter_subscribers"), marker


def _export(file_format):
    def make(county):
        marker = _marker()
        newsletter, _subscription = _subscribed_list(county, marker)
        url = reverse(
            "newsletter_subscriber_export",
            kwargs={"list_id": newsletter.pk, "file_format": file_format},
        )
        return url, marker

    return make


register_staff_listing("newsletter subscriber overview", make=_overview)
register_staff_listing(
    "newsletter subscribers of a list", make=_listing("newsletter_subscriber_list")
)
register_staff_listing(
    "newsletter subscribers search",
    make=lambda county: (
        lambda url_marker: (url_marker[0] + f"?q={url_marker[1][:8]}", url_marker[1])
    )(_listing("newsletter_subscriber_list")(county)),
)
register_staff_listing("newsletter subscribers CSV export", make=_export("csv"))
register_staff_listing(
    "newsletter address block form",
    make=_listing("newsletter_subscriber_block", "?prenumeration={subscription}"),
)
