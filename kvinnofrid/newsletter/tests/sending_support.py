"""Lists, issues and subscribers for the sending tests."""

import itertools

from django.utils import timezone

from kvinnofrid.newsletter.models import (
    NewsletterIssuePage,
    NewsletterListPage,
    Subscriber,
    Subscription,
)
from kvinnofrid.pages.models import CountyPage, HomePage

_numbers = itertools.count(1)


def list_create(*, county=None, title=None) -> NewsletterListPage:
    number = next(_numbers)
    parent = CountyPage.objects.get(county=county) if county else HomePage.objects.get()
    newsletter = parent.add_child(
        instance=NewsletterListPage(
            title=title or f"Nyhetsbrev {number}", slug=f"nyhetsbrev-{number}"
        )
    )
    newsletter.save_revision().publish()
    return newsletter


def issue_create(*, newsletter, title=None, live=True) -> NewsletterIssuePage:
    number = next(_numbers)
    issue = newsletter.add_child(
        instance=NewsletterIssuePage(
            title=title or f"Nummer {number}",
            slug=f"nummer-{number}",
            intro="Nytt från länsstyrelsen om arbetet mot mäns våld mot kvinnor.",
            live=live,
        )
    )
    if live:
        issue.save_revision().publish()
    return issue


def subscribers_create(*, lists, count: int, prefix: str = "person") -> list[Subscriber]:
    """Active subscribers on every given list, addressed prefix-N@example.org."""
    now = timezone.now()
    subscribers = Subscriber.objects.bulk_create(
        [Subscriber(email=f"{prefix}-{n}@example.org") for n in range(count)]
    )
    if not subscribers[0].pk:  # backends that do not return ids from bulk inserts
        subscribers = list(Subscriber.objects.filter(email__startswith=f"{prefix}-").order_by("pk"))
    Subscription.objects.bulk_create(
        [
            Subscription(
                subscriber=subscriber,
                newsletter=newsletter,
                status=Subscription.Status.ACTIVE,
                confirmed_at=now,
            )
            for subscriber in subscribers
            for newsletter in lists
        ]
    )
    return subscribers


def drain_tasks(*, limit: int = 1000) -> int:
    """Run every ready task in this process and this transaction, as the worker would
    (db_worker closes connections, which a transactional test cannot afford)."""
    from django_tasks_db.models import DBTaskResult

    ran = 0
    while ran < limit:
        result = DBTaskResult.objects.ready().order_by("enqueued_at", "id").first()
        if result is None:
            return ran
        result.claim("test-worker")
        task_result = result.task_result
        try:
            value = result.task.call(*task_result.args, **task_result.kwargs)
        except Exception as error:
            result.set_failed(error)
            raise
        result.set_successful(value)
        ran += 1
    raise AssertionError("tasks keep queueing themselves")
