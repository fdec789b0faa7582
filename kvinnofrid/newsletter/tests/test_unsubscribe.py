"""RFC 8058 one-click unsubscribe: a POST with "List-Unsubscribe=One-Click" and nothing
else (no session, no CSRF token) leaves the list at once; a GET never does."""

import pytest
from django.test import Client
from django.urls import reverse

from kvinnofrid.newsletter import tokens

from .test_subscriber_support import list_create, subscriber_make

pytestmark = pytest.mark.django_db


def unsubscribe_url(subscriber, newsletter):
    token = tokens.unsubscribe_token(subscriber.key.hex, newsletter.pk)
    return reverse("newsletter-unsubscribe", args=[token])


def test_a_one_click_post_without_csrf_token_leaves_only_that_list(cast):
    newsletter = list_create(county=cast.county_a, title="Nyhetsbrev Stockholm")
    other = list_create()
    subscriber = subscriber_make("karin@example.org", newsletter, other)
    # What a mail provider sends: no cookies, no CSRF token, the RFC 8058 body.
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        unsubscribe_url(subscriber, newsletter),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert "Prenumerationen är avslutad" in response.content.decode()
    assert subscriber.subscriptions.get(newsletter=newsletter).status == "unsubscribed"
    assert subscriber.subscriptions.get(newsletter=other).status == "active"
    # Idempotent: the same POST again is fine and changes nothing more.
    unsubscribed_at = subscriber.subscriptions.get(newsletter=newsletter).unsubscribed_at
    again = client.post(
        unsubscribe_url(subscriber, newsletter),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert again.status_code == 200
    assert subscriber.subscriptions.get(newsletter=newsletter).unsubscribed_at == unsubscribed_at


def test_a_get_shows_a_button_and_changes_nothing(cast):
    newsletter = list_create(county=cast.county_a, title="Nyhetsbrev Stockholm")
    subscriber = subscriber_make("karin@example.org", newsletter)
    response = Client().get(unsubscribe_url(subscriber, newsletter))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vill du sluta få Nyhetsbrev Stockholm?" in html
    assert 'name="List-Unsubscribe" value="One-Click"' in html
    assert subscriber.subscriptions.get().status == "active"
    assert response["Referrer-Policy"] == "no-referrer"


def test_the_pages_button_posts_the_one_click_body(cast):
    newsletter = list_create(county=cast.county_a)
    subscriber = subscriber_make("karin@example.org", newsletter)
    response = Client().post(
        unsubscribe_url(subscriber, newsletter), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert subscriber.subscriptions.get().status == "unsubscribed"


def test_a_post_without_the_one_click_body_is_refused(cast):
    newsletter = list_create(county=cast.county_a)
    subscriber = subscriber_make("karin@example.org", newsletter)
    response = Client().post(unsubscribe_url(subscriber, newsletter), {"annat": "1"})
    assert response.status_code == 400
    assert subscriber.subscriptions.get().status == "active"


def test_a_forged_token_gets_a_swedish_404(cast):
    newsletter = list_create(county=cast.county_a)
    subscriber = subscriber_make("karin@example.org", newsletter)
    good = tokens.unsubscribe_token(subscriber.key.hex, newsletter.pk)
    other_list = good.replace(f".{newsletter.pk}:", f".{newsletter.pk + 1}:")
    for token in ("nonsens", good[:-2] + "xx", other_list):
        response = Client().post(
            reverse("newsletter-unsubscribe", args=[token]), {"List-Unsubscribe": "One-Click"}
        )
        assert response.status_code == 404
        assert "Länken fungerar inte" in response.content.decode()
    assert subscriber.subscriptions.get().status == "active"
