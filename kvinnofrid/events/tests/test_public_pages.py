"""The calendar, the event page with its registration form, the personal link and the
iCalendar files, through Django's test client."""

import datetime

import icalendar
import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kvinnofrid.events.models import EventOccasion, Registration
from kvinnofrid.events.services import registration_from_token, registration_token
from kvinnofrid.regions.models import ViolenceArea

from .factories import calendar_page, event_create, in_days, registration_make

pytestmark = pytest.mark.django_db


def form_data(event, **overrides):
    data = {
        "name": "Karin Kurator",
        "email": "karin@example.org",
        "organisation": "Exempelkommun",
        "organisation_type": "municipality",
        "role": "Kurator",
        "occasions": [o.pk for o in event.occasions.all()],
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_the_calendar_lists_upcoming_events_and_the_archive_past_ones(client, cast):
    calendar = calendar_page()
    upcoming = event_create(county=cast.county_a, title="Kommande konferens")
    past = event_create(county=cast.county_a, title="Förra årets konferens", days=[-30])
    draft = event_create(county=cast.county_a, title="Hemligt utkast", live=False)
    page = client.get(calendar.url).content.decode()
    assert upcoming.title in page and past.title not in page and draft.title not in page
    archive = client.get(calendar.url + "arkiv/").content.decode()
    assert past.title in archive and upcoming.title not in archive


def test_the_calendar_filters_by_county_kind_format_topic_and_month(client, cast):
    calendar = calendar_page()
    area = ViolenceArea.objects.first()
    a = event_create(county=cast.county_a, title="Stockholmsdagen", kind="conference", days=[40])
    a.topics.set([area])
    a.save_revision().publish()
    event_create(
        county=cast.county_b, title="Uppsaladagen", kind="webinar", format="digital", days=[70]
    )
    event_create(
        county=None, title="Nationella dagen", kind="conference", format="hybrid", days=[40]
    )

    def titles(query):
        html = client.get(calendar.url + "?" + query).content.decode()
        return {t for t in ("Stockholmsdagen", "Uppsaladagen", "Nationella dagen") if t in html}

    assert titles(f"lan={cast.county_a.slug}") == {"Stockholmsdagen"}
    assert titles("lan=nationellt") == {"Nationella dagen"}
    assert titles("typ=webinar") == {"Uppsaladagen"}
    # A hybrid event can be followed digitally too.
    assert titles("form=digital") == {"Uppsaladagen", "Nationella dagen"}
    assert titles(f"amne={area.slug}") == {"Stockholmsdagen"}
    assert titles("manad=" + in_days(70).strftime("%Y-%m")) >= {"Uppsaladagen"}
    assert "Stockholmsdagen" not in titles("manad=" + in_days(70).strftime("%Y-%m")) or (
        in_days(40).month == in_days(70).month
    )
    assert titles("typ=nonsens&manad=inte-en-manad") == {
        "Stockholmsdagen",
        "Uppsaladagen",
        "Nationella dagen",
    }


def test_the_calendar_page_runs_the_same_number_of_queries_for_3_and_25_events(client, cast):
    calendar = calendar_page()
    for _ in range(3):
        event_create(county=cast.county_a, days=[10, 11])
    client.get(calendar.url)  # warm Wagtail's site-root cache
    with CaptureQueriesContext(connection) as few:
        assert client.get(calendar.url).status_code == 200
    for _ in range(22):
        event_create(county=cast.county_b, days=[12])
    with CaptureQueriesContext(connection) as many:
        response = client.get(calendar.url)
    assert response.content.decode().count('class="event"') == 25
    assert len(many) == len(few)


def test_registering_gives_a_seat_and_a_confirmation_with_a_calendar_file(
    client, cast, django_capture_on_commit_callbacks
):
    event = event_create(
        county=cast.county_a,
        capacity=1,
        format="hybrid",
        joining_link="https://video.example.org/hemlig",
    )
    page = client.get(event.url).content.decode()
    assert "hemlig" not in page  # the joining link goes to registrants only
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(event.url, form_data(event))
    assert response.status_code == 303
    thanks = client.get(response["Location"]).content.decode()
    assert "Du har fått plats" in thanks
    registration = Registration.objects.get(event=event)
    assert registration.status == "confirmed" and registration.consented_at
    [message] = mail.outbox
    assert message.to == ["karin@example.org"]
    assert "https://video.example.org/hemlig" in message.body
    # The token carries a timestamp, so read it back from the mail rather than recompute it.
    link = next(line for line in message.body.splitlines() if "/anmalan/" in line)
    assert registration_from_token(link.rstrip("/").rsplit("/", 1)[1]) == registration
    assert "/personuppgifter/" in message.body
    [(filename, content, mimetype)] = message.attachments
    assert filename.endswith(".ics") and mimetype.startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(content)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == event.title


def test_the_next_person_is_told_their_place_on_the_waiting_list(client, cast):
    event = event_create(county=cast.county_a, capacity=1)
    registration_make(event)
    response = client.post(event.url, form_data(event))
    thanks = client.get(response["Location"]).content.decode()
    assert "reservlistan" in thanks and "plats 1" in thanks


def test_a_double_submit_gives_one_registration_and_no_error(client, cast):
    event = event_create(county=cast.county_a)
    first = client.post(event.url, form_data(event))
    second = client.post(event.url, form_data(event))
    assert first.status_code == second.status_code == 303
    assert Registration.objects.filter(event=event).count() == 1


def test_someone_elses_address_reveals_nothing_about_their_registration(client, cast):
    event = event_create(county=cast.county_a, capacity=1)
    registration_make(event, email="anna@example.org")
    response = client.post(event.url, form_data(event, email="anna@example.org"))
    thanks = client.get(response["Location"]).content.decode()
    assert "Du har fått plats" not in thanks and "reservlistan, på plats" not in thanks
    assert "anna@example.org" not in thanks


def test_form_errors_are_listed_in_swedish_and_keep_what_was_typed(client, cast):
    event = event_create(county=cast.county_a)
    response = client.post(
        event.url, form_data(event, email="inte-en-adress", consent="", role="", occasions=[])
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Anmälan är inte skickad" in html
    assert "Skriv e-postadressen som namn@exempel.se." in html
    assert "Kryssa i att du har läst personuppgiftsinformationen." in html
    assert "Skriv din yrkesroll." in html
    assert "Välj minst ett tillfälle." in html
    assert 'value="Karin Kurator"' in html and 'aria-invalid="true"' in html
    assert not Registration.objects.exists()


def test_a_closed_event_shows_no_form_and_refuses_a_post(client, cast):
    event = event_create(county=cast.county_a, registration_deadline=in_days(-1))
    html = client.get(event.url).content.decode()
    assert "Anmälan är stängd" in html and "Skicka anmälan" not in html
    assert client.post(event.url, form_data(event)).status_code == 409
    assert not Registration.objects.exists()


def test_the_personal_link_shows_the_registration_and_cancels_it(
    client, cast, django_capture_on_commit_callbacks
):
    event = event_create(county=cast.county_a, capacity=1)
    mine = registration_make(event, name="Maja Mottagare")
    waiting = registration_make(event)
    url = f"/anmalan/{registration_token(mine)}/"
    response = client.get(url)
    assert response.status_code == 200 and "Maja Mottagare" in response.content.decode()
    assert "no-store" in response["Cache-Control"] and response["X-Robots-Tag"] == "noindex"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "cancel"})
    assert response.status_code == 302
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert (mine.status, waiting.status) == ("cancelled", "confirmed")
    assert "Din anmälan är avbokad" in client.get(url).content.decode()
    assert client.get("/anmalan/forfalskad-token/").status_code == 404


def test_the_event_calendar_file_has_one_event_per_occasion_in_stockholm_time(client, cast):
    event = event_create(
        county=cast.county_a,
        occasions=[
            EventOccasion(
                label="Del 1: digitalt",
                date=datetime.date(2027, 1, 20),
                start_time=datetime.time(9),
                end_time=datetime.time(12),
                format="digital",
            ),
            EventOccasion(
                label="Del 2: i Göteborg",
                date=datetime.date(2027, 6, 10),
                start_time=datetime.time(9, 30),
                end_time=datetime.time(16),
                venue_name="Konferenshuset",
                venue_address="Mässans gata 20, Göteborg",
            ),
        ],
    )
    response = client.get(event.url + "kalender.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Stockholm"]
    winter, summer = sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("DTSTART"))
    start = winter.decoded("DTSTART")
    assert start.utcoffset() == datetime.timedelta(hours=1) and start.hour == 9
    assert summer.decoded("DTSTART").utcoffset() == datetime.timedelta(hours=2)
    assert str(summer["LOCATION"]) == "Konferenshuset, Mässans gata 20, Göteborg"
    assert "LOCATION" not in winter
    assert len({str(e["UID"]) for e in (winter, summer)}) == 2


def test_the_feeds_hold_all_events_or_one_countys(client, cast):
    calendar = calendar_page()
    event_create(county=cast.county_a, title="I Stockholm")
    event_create(county=cast.county_b, title="I Uppsala")
    event_create(county=None, title="Nationellt möte")
    event_create(county=cast.county_a, title="Opublicerat", live=False)

    def summaries(feed):
        response = client.get(f"{calendar.url}{feed}.ics")
        assert response.status_code == 200
        parsed = icalendar.Calendar.from_ical(response.content)
        return {str(e["SUMMARY"]) for e in parsed.walk("VEVENT")}

    assert summaries("alla") == {"I Stockholm", "I Uppsala", "Nationellt möte"}
    assert summaries(cast.county_a.slug) == {"I Stockholm"}
    assert summaries("nationellt") == {"Nationellt möte"}
    assert client.get(f"{calendar.url}inget-lan.ics").status_code == 404


def test_the_county_page_lists_its_own_upcoming_events_and_links_its_feed(client, cast):
    calendar_page()
    event_create(county=cast.county_a, title="Länets utbildningsdag")
    event_create(county=cast.county_b, title="Grannlänets dag")
    event_create(county=cast.county_a, title="Förra veckans träff", days=[-7])
    html = client.get(f"/{cast.county_a.slug}/").content.decode()
    assert "Länets utbildningsdag" in html
    assert "Grannlänets dag" not in html and "Förra veckans träff" not in html
    assert f"/kalender/{cast.county_a.slug}.ics" in html


def test_cancelling_a_seat_mails_an_ics_that_withdraws_the_confirmed_occasions(
    client, cast, django_capture_on_commit_callbacks
):
    event = event_create(county=cast.county_a, days=[20, 21])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(event.url, form_data(event))
    [confirmation] = mail.outbox
    [(_name, content, _type)] = confirmation.attachments
    published = icalendar.Calendar.from_ical(content)
    registration = Registration.objects.get(event=event)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/anmalan/{registration_token(registration)}/", {"action": "cancel"})
    cancellation = mail.outbox[1]
    assert cancellation.subject.startswith("Din anmälan är avbokad")
    [(filename, content, mimetype)] = cancellation.attachments
    assert filename.endswith(".ics") and "method=CANCEL" in mimetype
    calendar = icalendar.Calendar.from_ical(content)
    assert str(calendar["METHOD"]) == "CANCEL"
    sequences = {str(v["UID"]): int(v.get("SEQUENCE", 0)) for v in published.walk("VEVENT")}
    cancelled = calendar.walk("VEVENT")
    assert {str(v["UID"]) for v in cancelled} == set(sequences) and len(cancelled) == 2
    for vevent in cancelled:
        assert int(vevent["SEQUENCE"]) > sequences[str(vevent["UID"])]
        assert str(vevent["STATUS"]) == "CANCELLED"
        assert str(vevent["ATTENDEE"]) == "mailto:karin@example.org"
        assert str(vevent["ORGANIZER"]).startswith("mailto:")


def test_cancelling_a_place_on_the_waiting_list_mails_no_calendar_file(
    client, cast, django_capture_on_commit_callbacks
):
    event = event_create(county=cast.county_a, capacity=1)
    registration_make(event)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(event.url, form_data(event))
    waiting = Registration.objects.get(event=event, status="waiting")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/anmalan/{registration_token(waiting)}/", {"action": "cancel"})
    [cancellation] = mail.outbox
    assert cancellation.attachments == []


def test_the_event_format_is_called_genomforande_not_formular(client, cast):
    from kvinnofrid.events.models import EventPage

    event = event_create(county=cast.county_a, format="hybrid")
    page = client.get(event.url).content.decode()
    assert "Genomförande" in page and "Formulär" not in page
    calendar = client.get(calendar_page().url).content.decode()
    assert "Genomförande" in calendar and "Formulär" not in calendar
    for model in (EventPage, EventOccasion):
        assert str(model._meta.get_field("format").verbose_name) == "genomförande"
