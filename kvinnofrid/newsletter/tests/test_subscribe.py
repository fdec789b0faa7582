"""Sign-up with double opt-in: the form, the confirmation e-mail through a real SMTP
server, the link that only a POST acts on, the honeypot, the throttle, no enumeration,
and expiry of what is never confirmed."""

import datetime

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kvinnofrid.newsletter import subscriptions, tokens
from kvinnofrid.newsletter.models import BlockedAddress, Subscriber, Subscription, address_hash

from .test_subscriber_support import link_in, list_create, run_worker, subscriber_make

SIGNUP = "/nyhetsbrev/prenumerera/"


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


def signup_post(client, *lists, email="karin@example.org", **extra):
    data = {"nyhetsbrev": [n.pk for n in lists], "epost": email, "namn": "", "organisationstyp": ""}
    data.update(extra)
    return client.post(SIGNUP, data)


@pytest.mark.django_db(transaction=True)
def test_the_whole_double_opt_in_goes_through_a_real_smtp_server(smtp_sink, cast):
    national = list_create(title="Nationellt nyhetsbrev")
    county = list_create(county=cast.county_a, title="Nyhetsbrev Stockholm")
    client = Client()
    response = signup_post(
        client,
        national,
        county,
        email=" Karin@Example.org ",
        namn="Karin",
        organisationstyp="municipality",
    )
    assert response.status_code == 303
    assert response["Location"] == reverse("newsletter-subscribe-done")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "karin@example.org"
    assert set(subscriber.subscriptions.values_list("status", flat=True)) == {"pending"}
    assert smtp_sink.messages() == []  # queued, not sent in the request

    run_worker()
    [message] = smtp_sink.wait_for(1)
    assert message["To"] == "karin@example.org"
    assert message["Subject"] == "Bekräfta din prenumeration på nyhetsbrev"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "Nationellt nyhetsbrev" in body and "Nyhetsbrev Stockholm" in body
    link = link_in(body, "/nyhetsbrev/bekrafta/")

    # A link scanner's GET shows the lists and changes nothing.
    page = client.get(link)
    assert page.status_code == 200
    assert "Bekräfta prenumerationen" in page.content.decode()
    assert not Subscription.objects.active().exists()

    confirmed = client.post(link)
    assert confirmed.status_code == 302
    assert confirmed["Location"].startswith("/nyhetsbrev/installningar/")
    assert Subscription.objects.active().count() == 2
    assert not Subscription.objects.pending().exists()
    assert Subscription.objects.filter(confirmed_at__isnull=True).count() == 0
    # Confirming twice is harmless.
    assert client.post(link).status_code == 302
    assert Subscription.objects.active().count() == 2


@pytest.mark.django_db
def test_the_form_lists_the_national_list_first_and_preselects_from_the_query(cast):
    county_b = list_create(county=cast.county_b, title="Nyhetsbrev Uppsala")
    county_a = list_create(county=cast.county_a, title="Nyhetsbrev Stockholm")
    national = list_create(title="Nationellt nyhetsbrev")
    list_create(county=cast.county_a, title="Opublicerat brev", live=False)
    response = Client().get(SIGNUP, {"lista": county_b.pk})
    html = response.content.decode()
    assert response.status_code == 200
    positions = [html.index(n.title) for n in (national, county_a, county_b)]
    assert positions == sorted(positions)
    assert "Opublicerat brev" not in html
    assert f'value="{county_b.pk}" id="id_nyhetsbrev_2" checked' in html or (
        f'value="{county_b.pk}"' in html and "checked" in html
    )
    assert html.count("checked") == 1


@pytest.mark.django_db
def test_errors_are_shown_in_swedish_and_nothing_is_saved(cast):
    list_create(county=cast.county_a)
    response = Client().post(SIGNUP, {"epost": "inte-en-adress"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Välj minst ett nyhetsbrev." in html
    assert "Skriv e-postadressen i formatet namn@exempel.se." in html
    assert 'class="error-summary"' in html
    assert not Subscriber.objects.exists()


@pytest.mark.django_db
def test_a_filled_in_honeypot_looks_like_success_but_saves_and_sends_nothing(cast):
    newsletter = list_create(county=cast.county_a)
    response = signup_post(Client(), newsletter, webbadress="http://spam.example")
    assert response.status_code == 302
    assert response["Location"] == reverse("newsletter-subscribe-done")
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_honeypot_is_hidden_from_people_and_assistive_technology(cast):
    list_create(county=cast.county_a)
    html = Client().get(SIGNUP).content.decode()
    assert "<div hidden>" in html
    assert 'name="webbadress"' in html and 'tabindex="-1"' in html


@pytest.mark.django_db
def test_too_many_sign_ups_from_one_client_are_refused_with_429(cast, settings):
    settings.NEWSLETTER_SIGNUPS_PER_IP_PER_HOUR = 3
    newsletter = list_create(county=cast.county_a)
    client = Client(REMOTE_ADDR="10.20.30.40")
    for number in range(3):
        assert signup_post(client, newsletter, email=f"p{number}@example.org").status_code == 303
    refused = signup_post(client, newsletter, email="p9@example.org")
    assert refused.status_code == 429
    assert "för många anmälningar" in refused.content.decode()
    assert not Subscriber.objects.filter(email="p9@example.org").exists()
    # Another client is not affected.
    other = signup_post(Client(REMOTE_ADDR="10.20.30.41"), newsletter, email="p9@example.org")
    assert other.status_code == 303


@pytest.mark.django_db
def test_too_many_sign_ups_of_one_address_are_refused_whatever_the_client(cast, settings):
    settings.NEWSLETTER_SIGNUPS_PER_ADDRESS_PER_HOUR = 2
    newsletter = list_create(county=cast.county_a)
    for number in range(2):
        client = Client(REMOTE_ADDR=f"10.0.0.{number}")
        assert signup_post(client, newsletter, email="mal@example.org").status_code == 303
    refused = signup_post(Client(REMOTE_ADDR="10.0.0.99"), newsletter, email="MAL@example.org")
    assert refused.status_code == 429
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_the_response_never_reveals_whether_the_address_is_known(cast):
    newsletter = list_create(county=cast.county_a)
    subscriber_make("redan@example.org", newsletter)
    known = signup_post(Client(), newsletter, email="redan@example.org")
    unknown = signup_post(Client(), newsletter, email="ny@example.org")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    # The difference goes to the mailbox only: a notice with the preferences link.
    already, new = mail.outbox
    assert already.subject == "Du prenumererar redan på nyhetsbrevet"
    assert "/nyhetsbrev/installningar/" in already.body
    assert "/nyhetsbrev/bekrafta/" not in already.body
    assert "/nyhetsbrev/bekrafta/" in new.body
    # Someone typing another person's address changes nothing of theirs.
    signup_post(Client(), newsletter, email="redan@example.org", namn="Någon annan")
    assert Subscriber.objects.get(email="redan@example.org").name == ""


@pytest.mark.django_db
def test_an_active_subscriber_asking_for_another_list_gets_a_confirmation(cast):
    first = list_create(county=cast.county_a)
    second = list_create()
    subscriber = subscriber_make("karin@example.org", first)
    signup_post(Client(), first, second, email="karin@example.org")
    assert subscriber.subscriptions.get(newsletter=first).status == "active"
    assert subscriber.subscriptions.get(newsletter=second).status == "pending"
    [message] = mail.outbox
    assert "/nyhetsbrev/bekrafta/" in message.body
    assert second.title in message.body


@pytest.mark.django_db
def test_an_expired_or_forged_confirmation_link_explains_and_offers_a_new_sign_up(cast):
    newsletter = list_create(county=cast.county_a)
    subscriber = subscriber_make("karin@example.org", newsletter, status="pending")
    old = signing.TimestampSigner(salt="kvinnofrid.newsletter.confirm")
    eight_days_ago = timezone.now() - datetime.timedelta(days=8)
    token = old.sign(subscriber.key.hex)
    # The same value signed with a timestamp eight days old.
    value = token.rsplit(":", 2)[0]
    stamp = signing.b62_encode(int(eight_days_ago.timestamp()))
    expired = f"{value}:{stamp}:{old.signature(f'{value}:{stamp}')}"
    for bad in (expired, token + "x", "nonsens"):
        for method in ("get", "post"):
            response = getattr(Client(), method)(reverse("newsletter-confirm", args=[bad]))
            assert response.status_code == 404
            html = response.content.decode()
            assert "Länken fungerar inte" in html
            assert reverse("newsletter-subscribe") in html
    assert subscriber.subscriptions.get().status == "pending"
    # The real, fresh token still works.
    assert Client().post(reverse("newsletter-confirm", args=[token])).status_code == 302


@pytest.mark.django_db
def test_confirming_lifts_a_block_and_reactivates_a_deactivated_subscriber(cast):
    newsletter = list_create(county=cast.county_a)
    subscriber = subscriber_make("studs@example.org", newsletter)
    Subscriber.objects.filter(pk=subscriber.pk).update(
        deactivated_at=timezone.now(), consecutive_failures=3
    )
    BlockedAddress.objects.create(
        address_hash=address_hash("studs@example.org"), reason=BlockedAddress.Reason.BOUNCED
    )
    # Even though the list is active, a deactivated subscriber must confirm again.
    signup_post(Client(), newsletter, email="studs@example.org")
    [message] = mail.outbox
    link = link_in(message.body, "/nyhetsbrev/bekrafta/")
    Client().post(link)
    subscriber.refresh_from_db()
    assert subscriber.deactivated_at is None and subscriber.consecutive_failures == 0
    assert not BlockedAddress.objects.exists()


@pytest.mark.django_db
def test_unconfirmed_sign_ups_expire_after_seven_days(cast):
    newsletter = list_create(county=cast.county_a)
    other = list_create()
    stale = subscriber_make("gammal@example.org", newsletter, status="pending")
    fresh = subscriber_make("ny@example.org", newsletter, status="pending")
    mixed = subscriber_make("blandad@example.org", newsletter)
    Subscription.objects.create(subscriber=mixed, newsletter=other, status="pending")
    returning = subscriber_make("atervand@example.org", newsletter, status="pending")
    Subscription.objects.filter(subscriber=returning).update(unsubscribed_at=timezone.now())
    long_ago = timezone.now() - datetime.timedelta(days=8)
    Subscription.objects.exclude(subscriber=fresh).filter(status="pending").update(
        created_at=long_ago
    )
    Subscriber.objects.exclude(pk=fresh.pk).update(created_at=long_ago)

    assert subscriptions.pending_expire() == 3
    assert not Subscriber.objects.filter(pk=stale.pk).exists()
    assert Subscription.objects.get(subscriber=fresh).status == "pending"
    assert list(mixed.subscriptions.values_list("status", flat=True)) == ["active"]
    # A list the person had left goes back to "unsubscribed"; its history stays.
    assert Subscription.objects.get(subscriber=returning).status == "unsubscribed"


@pytest.mark.django_db(transaction=True)
def test_the_scheduled_task_expires_sign_ups(cast):
    from kvinnofrid.newsletter.tasks import subscriptions_expire

    newsletter = list_create(county=cast.county_a)
    subscriber_make("gammal@example.org", newsletter, status="pending")
    Subscription.objects.update(created_at=timezone.now() - datetime.timedelta(days=8))
    Subscriber.objects.update(created_at=timezone.now() - datetime.timedelta(days=8))
    subscriptions_expire.enqueue()
    run_worker()
    assert not Subscriber.objects.exists()


def test_the_confirmation_token_is_valid_for_seven_days():
    assert datetime.timedelta(days=7) == tokens.CONFIRMATION_MAX_AGE
