"""The staff side of registrations in the admin: the list of events, one event's
registrants, the changes staff make there, and the exports."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from wagtail.log_actions import registry
from wagtail.models import PageLogEntry

from kvinnofrid.events.models import EventOccasion, Registration
from kvinnofrid.events.services import registrations_erase, waiting_place
from kvinnofrid.events.tasks import registrants_message_send
from kvinnofrid.testing.cast import verified_client

from .factories import event_create, in_days, registration_make

pytestmark = pytest.mark.django_db
LIST_URL = "/admin/anmalningar/"


def page_url(event, **query):
    url = reverse("kvinnofrid_event_registrants", kwargs={"event_id": event.pk})
    if query:
        from urllib.parse import urlencode

        url += "?" + urlencode(query)
    return url


def action_url(name, event, **kwargs):
    return reverse(name, kwargs={"event_id": event.pk, **kwargs})


def names(registrations):
    return [r.name for r in registrations]


def set_fields(registration, **fields):
    """Set what only other flows change (a cancellation by the registrant, attendance)."""
    Registration.objects.filter(pk=registration.pk).update(**fields)
    return registration


def occasion(days, **fields):
    return EventOccasion(
        date=in_days(days), start_time=datetime.time(9), end_time=datetime.time(16), **fields
    )


@pytest.fixture
def coordinator(cast):
    return verified_client(cast.coordinator_a)


# --- the list of events ---


def test_it_lists_the_countys_events_with_registration_upcoming_first_with_counts(
    cast, coordinator
):
    later = event_create(county=cast.county_a, title="Senare utbildning", days=[20], capacity=1)
    sooner = event_create(county=cast.county_a, title="Tidigare utbildning", days=[5])
    past = event_create(county=cast.county_a, title="Förra årets dag", days=[-30])
    event_create(
        county=cast.county_a,
        title="Extern konferens",
        registration_mode="external",
        registration_url="https://example.org/anmalan",
    )
    event_create(county=cast.county_b, title="Gävleborgs dag")
    event_create(county=None, title="Nationell konferens")
    for _ in range(3):
        registration_make(later)

    response = coordinator.get(LIST_URL)

    assert response.status_code == 200
    assert [e.title for e in response.context["upcoming"]] == [sooner.title, later.title]
    assert [e.title for e in response.context["past"]] == [past.title]
    row = response.context["upcoming"][1]
    assert (row.confirmed_count, row.waiting_count) == (1, 2)
    content = response.content.decode()
    for hidden in ("Extern konferens", "Gävleborgs dag", "Nationell konferens"):
        assert hidden not in content


def test_it_shows_national_events_to_national_staff_only(cast, coordinator):
    event_create(county=None, title="Nationell konferens")
    assert "Nationell konferens" not in coordinator.get(LIST_URL).content.decode()
    national = verified_client(cast.national).get(LIST_URL)
    assert "Nationell konferens" in national.content.decode()


def test_the_events_list_takes_as_many_queries_for_many_events_as_for_one(cast, coordinator):
    def queries_for_list():
        with CaptureQueriesContext(connection) as queries:
            assert coordinator.get(LIST_URL).status_code == 200
        return len(queries)

    # One upcoming and one past event, then many of each.
    registration_make(event_create(county=cast.county_a, days=[10, 11]))
    event_create(county=cast.county_a, days=[-5])
    queries_for_list()  # warm up: content types, site, menu
    with_one = queries_for_list()
    for day in range(5):
        event = event_create(county=cast.county_a, days=[12 + day, 20 + day], capacity=1)
        registration_make(event)
        registration_make(event)
        event_create(county=cast.county_a, days=[-10 - day, -6])
    assert queries_for_list() == with_one


def test_the_admin_menu_and_the_event_page_header_lead_to_the_registrants(cast, coordinator):
    event = event_create(county=cast.county_a)
    assert LIST_URL in coordinator.get("/admin/").content.decode()
    edit = coordinator.get(reverse("wagtailadmin_pages:edit", args=[event.pk]))
    assert page_url(event) in edit.content.decode()


# --- one event's registrants ---


def test_it_filters_registrants_by_status_occasion_organisation_type_and_attendance(
    cast, coordinator
):
    event = event_create(county=cast.county_a, days=[10, 20])
    first, second = event.sorted_occasions()
    anna = registration_make(event, name="Anna", occasion_ids=[first.pk])
    bo = registration_make(event, name="Bo", organisation_type="police", occasion_ids=[second.pk])
    registration_make(event, name="Cecilia")
    set_fields(registration_make(event, name="David", occasion_ids=[second.pk]), status="cancelled")
    set_fields(anna, attended=True)
    set_fields(bo, attended=False)

    def shown(**query):
        return names(coordinator.get(page_url(event, **query)).context["registrations"])

    assert shown() == ["Anna", "Bo", "Cecilia"]
    assert shown(status="cancelled") == ["David"]
    assert shown(status="all") == ["Anna", "Bo", "Cecilia", "David"]
    assert shown(occasion=first.pk) == ["Anna", "Cecilia"]
    assert shown(organisation_type="police") == ["Bo"]
    assert shown(attended="yes") == ["Anna"]
    assert shown(attended="no") == ["Bo"]
    assert shown(attended="unknown") == ["Cecilia"]
    assert shown(occasion=second.pk, organisation_type="municipality") == ["Cecilia"]
    # A stale link with an unknown occasion shows everyone rather than nobody.
    assert shown(occasion=999999) == ["Anna", "Bo", "Cecilia"]


def test_it_shows_every_column_of_a_registration(cast, coordinator):
    event = event_create(county=cast.county_a)
    registration_make(
        event,
        name="Anna Andersson",
        email="anna@example.org",
        organisation="Gävle kommun",
        role="Kurator",
        dietary_needs="Vegetarisk",
        accessibility_needs="Hörslinga",
    )
    content = coordinator.get(page_url(event)).content.decode()
    for text in ("Anna Andersson", "anna@example.org", "Gävle kommun", "Kommun", "Kurator"):
        assert text in content
    assert "Vegetarisk" in content and "Hörslinga" in content
    assert '<th scope="col">' in content


def test_it_counts_registrants_per_organisation_type(cast, coordinator):
    event = event_create(county=cast.county_a, capacity=3)
    municipal = [registration_make(event) for _ in range(2)]
    registration_make(event, organisation_type="womens_shelter")
    registration_make(event, organisation_type="womens_shelter")  # waiting
    set_fields(registration_make(event, organisation_type="police"), status="cancelled")
    set_fields(municipal[0], attended=True)

    counts = coordinator.get(page_url(event)).context["counts"]

    assert [(c.label, c.confirmed, c.waiting, c.attended) for c in counts] == [
        ("Kommun", 2, 0, 1),
        ("Kvinnojour", 1, 1, 0),
    ]


def test_it_shows_the_waiting_list_in_order_of_arrival(cast, coordinator):
    event = event_create(county=cast.county_a, capacity=1)
    registration_make(event, name="Först")
    waiting = [registration_make(event, name=f"Reserv {n}") for n in (1, 2, 3)]

    context = coordinator.get(page_url(event)).context

    [queue] = context["waiting_lists"]
    assert queue.occasion is None
    assert names(queue.registrations) == ["Reserv 1", "Reserv 2", "Reserv 3"]
    places = {r.name: r.waiting_place for r in context["registrations"]}
    assert places == {"Först": None, "Reserv 1": 1, "Reserv 2": 2, "Reserv 3": 3}
    assert [waiting_place(r) for r in waiting] == [1, 2, 3]


def test_it_shows_one_waiting_list_per_occasion_when_occasions_are_alternatives(cast, coordinator):
    event = event_create(
        county=cast.county_a,
        capacity_per_occasion=True,
        occasions=[occasion(10, capacity=1), occasion(20, capacity=1)],
    )
    first, second = event.sorted_occasions()
    for name, chosen in [("A", first), ("B", first), ("C", second), ("D", first), ("E", second)]:
        registration_make(event, name=name, occasion_ids=[chosen.pk])

    context = coordinator.get(page_url(event)).context

    queues = [(q.occasion, names(q.registrations)) for q in context["waiting_lists"]]
    assert queues == [(first, ["B", "D"]), (second, ["E"])]
    places = {r.name: r.waiting_place for r in context["registrations"]}
    assert places == {"A": None, "B": 1, "C": None, "D": 2, "E": 1}
    assert places["D"] == waiting_place(Registration.objects.get(event=event, name="D"))


def test_it_shows_only_anonymous_counts_after_the_personal_data_is_erased(cast, coordinator):
    event = event_create(county=cast.county_a)
    registration_make(event, name="Anna Andersson")
    registration_make(event, name="Bo Berg", organisation_type="police")
    registrations_erase(event=event)

    response = coordinator.get(page_url(event))

    assert response.context["erased"]
    rows = {(t.get_organisation_type_display(), t.registered) for t in response.context["tallies"]}
    assert rows == {("Kommun", 1), ("Polisen", 1)}
    content = response.content.decode()
    assert "Anna Andersson" not in content and "Polisen" in content
    close = coordinator.post(action_url("kvinnofrid_event_registration_close", event))
    assert close.status_code == 302
    assert not PageLogEntry.objects.filter(action="kvinnofrid.events.close").exists()


# --- what staff change ---


def test_closing_early_and_reopening_change_whether_registration_is_open(cast, coordinator):
    event = event_create(county=cast.county_a)
    assert event.registration_open()

    response = coordinator.post(action_url("kvinnofrid_event_registration_close", event))

    assert response.status_code == 302 and response["Location"] == page_url(event)
    assert not event.registration_open()
    assert event.registration_book.closed_by == cast.coordinator_a
    page = coordinator.get(page_url(event))
    assert "Öppna anmälan igen" in page.content.decode()

    coordinator.post(action_url("kvinnofrid_event_registration_reopen", event))

    assert event.registration_open()
    actions = PageLogEntry.objects.filter(page=event, user=cast.coordinator_a)
    assert set(actions.values_list("action", flat=True)) >= {
        "kvinnofrid.events.close",
        "kvinnofrid.events.reopen",
    }


def test_it_marks_who_attended_among_the_confirmed(cast, coordinator):
    event = event_create(county=cast.county_a, capacity=3)
    anna, bo, cecilia = (registration_make(event) for _ in range(3))
    waiting = registration_make(event)

    response = coordinator.post(
        action_url("kvinnofrid_event_attendance", event),
        {"attended": [anna.pk, cecilia.pk, waiting.pk, "inte-ett-id"]},
    )

    assert response.status_code == 302
    attended = dict(Registration.objects.filter(event=event).values_list("pk", "attended"))
    assert attended == {anna.pk: True, bo.pk: False, cecilia.pk: True, waiting.pk: None}
    entry = PageLogEntry.objects.get(page=event, action="kvinnofrid.events.attendance")
    assert entry.user == cast.coordinator_a and entry.data == {"attended": 2}


def test_staff_cancelling_a_registration_gives_the_seat_to_the_first_waiting(cast, coordinator):
    event = event_create(county=cast.county_a, capacity=1)
    anna = registration_make(event, name="Anna")
    registration_make(event, name="Bo")
    registration_make(event, name="Cecilia")

    response = coordinator.post(
        action_url("kvinnofrid_event_registration_cancel", event, public_id=anna.public_id),
        {"filters": "status=all&organisation_type=municipality"},
    )

    assert response.status_code == 302
    assert response["Location"] == page_url(event, status="all", organisation_type="municipality")
    statuses = dict(Registration.objects.filter(event=event).values_list("name", "status"))
    assert statuses == {"Anna": "cancelled", "Bo": "confirmed", "Cecilia": "waiting"}
    entry = PageLogEntry.objects.get(page=event, action="kvinnofrid.events.cancel")
    assert entry.user == cast.coordinator_a
    assert entry.data == {"registration": str(anna.public_id)}
    feedback = [str(m) for m in coordinator.get(response["Location"]).context["messages"]]
    assert feedback == ["Anna är avbokad. Bo fick platsen från reservlistan."]


def test_a_registration_of_another_event_cannot_be_cancelled_through_this_one(cast, coordinator):
    event = event_create(county=cast.county_a)
    other = registration_make(event_create(county=cast.county_b))
    response = coordinator.post(
        action_url("kvinnofrid_event_registration_cancel", event, public_id=other.public_id)
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.status == "confirmed"


def test_a_message_to_registrants_is_queued_for_the_worker_and_logged(
    cast, coordinator, django_capture_on_commit_callbacks
):
    event = event_create(county=cast.county_a, capacity=2)
    for _ in range(3):
        registration_make(event)

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(
            action_url("kvinnofrid_event_registrants_message", event),
            {"subject": "Ändrad lokal", "body": "Vi ses i sal B.", "statuses": ["confirmed"]},
        )

    assert response.status_code == 302
    queued = DBTaskResult.objects.get(task_path="kvinnofrid.events.tasks.registrants_message_send")
    kwargs = queued.args_kwargs["kwargs"]
    assert kwargs == {
        "event_id": event.pk,
        "subject": "Ändrad lokal",
        "body": "Vi ses i sal B.",
        "statuses": ["confirmed"],
    }
    entry = PageLogEntry.objects.get(page=event, action="kvinnofrid.events.message")
    assert entry.data["recipients"] == 2

    # What the worker then does, run in-process.
    mail.outbox.clear()
    assert registrants_message_send.call(**kwargs) == 2
    assert [m.subject for m in mail.outbox] == ["Ändrad lokal"] * 2
    assert "Vi ses i sal B." in mail.outbox[0].body


def test_a_message_without_subject_or_recipients_is_not_sent(
    cast, coordinator, django_capture_on_commit_callbacks
):
    event = event_create(county=cast.county_a)
    registration_make(event)

    with django_capture_on_commit_callbacks(execute=True):
        empty = coordinator.post(
            action_url("kvinnofrid_event_registrants_message", event),
            {"subject": "", "body": "Hej", "statuses": ["confirmed"]},
        )
        nobody = coordinator.post(
            action_url("kvinnofrid_event_registrants_message", event),
            {"subject": "Hej", "body": "Hej", "statuses": ["waiting"]},
        )

    assert empty.status_code == 200 and empty.context["message_form"].errors["subject"]
    assert nobody.status_code == 200 and nobody.context["message_form"].non_field_errors()
    assert not DBTaskResult.objects.filter(task_path__endswith="registrants_message_send").exists()
    assert not PageLogEntry.objects.filter(action="kvinnofrid.events.message").exists()


def test_every_staff_action_has_a_swedish_audit_label():
    labels = {
        action: str(registry.get_action_label(f"kvinnofrid.events.{action}"))
        for action in ("cancel", "close", "reopen", "attendance", "message")
    }
    assert labels == {
        "cancel": "Avbokade en anmälan",
        "close": "Stängde anmälan",
        "reopen": "Öppnade anmälan igen",
        "attendance": "Registrerade närvaro",
        "message": "Skickade meddelande till anmälda",
    }


# --- exports ---


def export_event(cast):
    event = event_create(county=cast.county_a, title="Utbildning om heder", days=[10, 20])
    registration_make(
        event,
        name="Anna Andersson",
        email="anna@example.org",
        organisation="Gävle kommun",
        role="Kurator",
        dietary_needs="Vegetarisk",
    )
    registration_make(event, name='=HYPERLINK("https://example.org")', organisation_type="police")
    set_fields(registration_make(event, name="Avbokad Person"), status="cancelled")
    return event


def test_the_csv_export_opens_in_swedish_excel_with_one_row_per_registration(cast, coordinator):
    event = export_event(cast)

    response = coordinator.get(action_url("kvinnofrid_event_registrants_csv", event))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    expected_name = f"anmalningar-{event.slug}.csv"
    assert response["Content-Disposition"] == f'attachment; filename="{expected_name}"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, anna, formula = rows
    assert header[:3] == ["Namn", "E-postadress", "Organisation"]
    first, second = event.sorted_occasions()
    assert anna[:9] == [
        "Anna Andersson",
        "anna@example.org",
        "Gävle kommun",
        "Kommun",
        "Kurator",
        f"{first.date.isoformat()}, {second.date.isoformat()}",
        "Vegetarisk",
        "",
        "Plats",
    ]
    # Text typed on the public form never runs as a formula in the spreadsheet.
    assert formula[0] == '\'=HYPERLINK("https://example.org")'
    assert formula[3] == "Polisen"


def test_the_xlsx_export_has_a_bold_frozen_header_and_one_row_per_registration(cast, coordinator):
    event = export_event(cast)

    response = coordinator.get(action_url("kvinnofrid_event_registrants_xlsx", event))

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="anmalningar-{event.slug}.xlsx"'
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3
    assert rows[0][0] == "Namn" and sheet["A1"].font.b
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width > len("Namn")
    assert rows[1][:5] == (
        "Anna Andersson",
        "anna@example.org",
        "Gävle kommun",
        "Kommun",
        "Kurator",
    )
    assert isinstance(rows[1][-1], datetime.datetime)
    assert sheet["A3"].value == '=HYPERLINK("https://example.org")'
    assert sheet["A3"].data_type == "s"


def test_the_exports_follow_the_filters_of_the_page(cast, coordinator):
    event = export_event(cast)
    url = action_url("kvinnofrid_event_registrants_csv", event)

    police = coordinator.get(url + "?organisation_type=police")
    cancelled = coordinator.get(url + "?status=cancelled")

    def exported_names(response):
        rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";")
        return [row[0] for row in list(rows)[1:]]

    assert exported_names(police) == ['\'=HYPERLINK("https://example.org")']
    assert exported_names(cancelled) == ["Avbokad Person"]
    page = coordinator.get(page_url(event, status="cancelled")).content.decode()
    assert "export.csv?status=cancelled" in page


# --- county isolation ---


def test_another_countys_event_is_not_found_and_cannot_be_changed(cast):
    event = event_create(county=cast.county_a, capacity=1)
    registration = registration_make(event)
    other = verified_client(cast.coordinator_b)

    for name in (
        "kvinnofrid_event_registrants",
        "kvinnofrid_event_registrants_csv",
        "kvinnofrid_event_registrants_xlsx",
    ):
        assert other.get(action_url(name, event)).status_code == 404
    for name in (
        "kvinnofrid_event_registration_close",
        "kvinnofrid_event_attendance",
        "kvinnofrid_event_registrants_message",
    ):
        assert (
            other.post(action_url(name, event), {"attended": [registration.pk]}).status_code == 404
        )
    cancel = action_url(
        "kvinnofrid_event_registration_cancel", event, public_id=registration.public_id
    )
    assert other.post(cancel).status_code == 404

    registration.refresh_from_db()
    assert (registration.status, registration.attended) == ("confirmed", None)
    assert event.registration_open()
    assert not PageLogEntry.objects.filter(action__startswith="kvinnofrid.events.").exists()


def test_national_staff_may_open_a_county_events_registrants(cast):
    event = event_create(county=cast.county_a)
    registration_make(event, name="Anna Andersson")
    response = verified_client(cast.national).get(page_url(event))
    assert response.status_code == 200
    assert "Anna Andersson" in response.content.decode()
