"""The demo of `make run` shows newsletters with an archive and an issue ready to send."""

import pytest
from django.core.management import call_command

from kvinnofrid.newsletter.models import (
    Delivery,
    NewsletterIssuePage,
    NewsletterListPage,
    NewsletterSend,
    Subscription,
)

pytestmark = pytest.mark.django_db


def test_the_demo_has_lists_sent_issues_and_one_to_send_once(settings):
    settings.DEBUG = True
    call_command("load_demo_content", verbosity=0)
    counts = (Subscription.objects.count(), Delivery.objects.count())
    call_command("load_demo_content", verbosity=0)
    assert (Subscription.objects.count(), Delivery.objects.count()) == counts

    stockholm = NewsletterListPage.objects.get(county__code="01")
    assert NewsletterListPage.objects.get(county__isnull=True).live
    assert Subscription.objects.filter(newsletter=stockholm).active().count() >= 30
    sent = NewsletterSend.objects.get(issue__county__code="01")
    assert sent.status == NewsletterSend.Status.DONE
    assert not Delivery.objects.exclude(status=Delivery.Status.SENT).exists()
    ready = NewsletterIssuePage.objects.child_of(stockholm).live().filter(send__isnull=True)
    assert ready.count() == 1
    # The calendar section was filled from the events demo.
    calendar = [s for s in ready.get().sections if s.value["kind"] == "calendar"]
    assert calendar and len(calendar[0].value["items"]) >= 1
