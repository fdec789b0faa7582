"""Helpers for the subscriber tests (no tests here): lists, subscribers and the worker."""

import itertools
import re

from django.core.management import call_command

from kvinnofrid.newsletter.models import NewsletterListPage, Subscriber, Subscription
from kvinnofrid.pages.models import CountyPage, HomePage

_numbers = itertools.count(1)


def list_create(*, county=None, title: str | None = None, live: bool = True) -> NewsletterListPage:
    number = next(_numbers)
    parent = CountyPage.objects.get(county=county) if county else HomePage.objects.get()
    newsletter = parent.add_child(
        instance=NewsletterListPage(
            title=title or f"Nyhetsbrev {number}", slug=f"nyhetsbrev-test-{number}", live=live
        )
    )
    return NewsletterListPage.objects.get(pk=newsletter.pk)


def subscriber_make(
    email: str, *lists: NewsletterListPage, status: str = Subscription.Status.ACTIVE, **fields
) -> Subscriber:
    subscriber = Subscriber.objects.create(email=email, **fields)
    for newsletter in lists:
        Subscription.objects.create(subscriber=subscriber, newsletter=newsletter, status=status)
    return subscriber


def run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def link_in(body: str, marker: str) -> str:
    """The first URL in a mail body whose path contains `marker`, as a site path."""
    match = re.search(r"https?://[^/\s]+(" + re.escape(marker) + r"\S*)", body)
    assert match, f"no link with {marker!r} in:\n{body}"
    return match.group(1)
