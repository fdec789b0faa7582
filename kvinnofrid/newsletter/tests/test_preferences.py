"""The preferences page behind the signed link: change lists, leave all, erase."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kvinnofrid.newsletter import tokens
from kvinnofrid.newsletter.models import (
    BlockedAddress,
    Delivery,
    NewsletterIssuePage,
    NewsletterSend,
    Subscriber,
    Subscription,
    address_hash,
)

from .test_subscriber_support import list_create, subscriber_make

pytestmark = pytest.mark.django_db


def preferences_url(subscriber):
    return reverse("newsletter-preferences", args=[tokens.preferences_token(subscriber)])


def test_the_page_shows_the_lists_and_a_bad_token_gets_a_swedish_404(cast):
    newsletter = list_create(county=cast.county_a, title="Nyhetsbrev Stockholm")
    subscriber = subscriber_make("karin@example.org", newsletter)
    response = Client().get(preferences_url(subscriber))
    assert response.status_code == 200
    html = response.content.decode()
    assert "karin@example.org" in html and "Nyhetsbrev Stockholm" in html
    assert response["X-Robots-Tag"] == "noindex" and "no-store" in response["Cache-Control"]
    bad = Client().get(reverse("newsletter-preferences", args=["karin:forfalskad"]))
    assert bad.status_code == 404 and "Länken fungerar inte" in bad.content.decode()


def test_adding_a_list_is_active_at_once_and_removing_one_unsubscribes(cast):
    kept = list_create(county=cast.county_a)
    dropped = list_create(county=cast.county_a)
    added = list_create()
    subscriber = subscriber_make("karin@example.org", kept, dropped)
    client = Client()
    response = client.post(
        preferences_url(subscriber),
        {
            "atgard": "spara",
            "nyhetsbrev": [kept.pk, added.pk],
            "namn": "Karin",
            "organisationstyp": "police",
        },
    )
    assert response.status_code == 303
    statuses = dict(subscriber.subscriptions.values_list("newsletter_id", "status"))
    assert statuses == {kept.pk: "active", dropped.pk: "unsubscribed", added.pk: "active"}
    assert subscriber.subscriptions.get(newsletter=dropped).unsubscribed_at is not None
    subscriber.refresh_from_db()
    assert (subscriber.name, subscriber.organisation_type) == ("Karin", "police")
    page = client.get(response["Location"])
    assert "Dina val är sparade." in page.content.decode()


def test_lists_not_offered_on_the_page_are_left_alone(cast):
    hidden = list_create(county=cast.county_a, live=False)
    subscriber = subscriber_make("karin@example.org", hidden)
    Client().post(preferences_url(subscriber), {"atgard": "spara", "nyhetsbrev": []})
    assert subscriber.subscriptions.get().status == "active"


def test_leaving_every_list_keeps_the_data_until_erased(cast):
    first, second = list_create(county=cast.county_a), list_create()
    subscriber = subscriber_make("karin@example.org", first, second)
    response = Client().post(preferences_url(subscriber), {"atgard": "avsluta-alla"})
    assert response.status_code == 303
    assert set(subscriber.subscriptions.values_list("status", flat=True)) == {"unsubscribed"}
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()


def test_erasure_asks_first_and_then_leaves_only_the_keyed_hash(cast):
    newsletter = list_create(county=cast.county_a)
    subscriber = subscriber_make("radera.mig@example.org", newsletter, name="Radera Mig")
    issue = newsletter.add_child(instance=NewsletterIssuePage(title="Nummer 1", slug="nummer-1"))
    send = NewsletterSend.objects.create(
        issue=issue, subject="Nummer 1", html="<p>x</p>", text="x", from_email="a@example.org"
    )
    Delivery.objects.create(
        send=send,
        issue=issue,
        subscriber=subscriber,
        newsletter=newsletter,
        status="sent",
        next_attempt_at=timezone.now(),
    )
    url = preferences_url(subscriber)
    # The search below does find the address while it is stored.
    assert "newsletter_subscriber.email" in _database_contains("radera.mig@example.org")
    asked = Client().post(url, {"atgard": "radera"})
    assert asked.status_code == 200
    assert "Vill du radera dina uppgifter?" in asked.content.decode()
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()

    erased = Client().post(url, {"atgard": "radera-bekraftat"})
    assert erased.status_code == 200
    assert "Dina uppgifter är raderade" in erased.content.decode()
    assert not Subscriber.objects.exists() and not Subscription.objects.exists()
    blocked = BlockedAddress.objects.get()
    assert blocked.reason == "erased"
    assert blocked.address_hash == address_hash("radera.mig@example.org")
    assert Delivery.objects.get().subscriber_id is None
    # The plaintext address and name are nowhere in the database.
    assert _database_contains("radera.mig@example.org") == []
    assert _database_contains("Radera Mig") == []
    # The link is dead now.
    assert Client().get(url).status_code == 404


def _database_contains(text: str) -> list[str]:
    """Every (table, column) whose text holds `text`, across all tables."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            for column in connection.introspection.get_table_description(cursor, table):
                if not _is_text(column.type_code):
                    continue
                quoted_table = connection.ops.quote_name(table)
                quoted_column = connection.ops.quote_name(column.name)
                cursor.execute(
                    f"SELECT COUNT(*) FROM {quoted_table} WHERE "  # noqa: S608
                    f"CAST({quoted_column} AS TEXT) LIKE %s",
                    [f"%{text}%"],
                )
                if cursor.fetchone()[0]:
                    found.append(f"{table}.{column.name}")
    return found


def _is_text(type_code) -> bool:
    if connection.vendor == "postgresql":
        # varchar, text, json, jsonb
        return type_code in {1043, 25, 114, 3802}
    name = str(type_code).lower()
    return "char" in name or "text" in name or "json" in name
