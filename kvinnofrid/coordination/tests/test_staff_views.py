"""The coordination registry in the admin: writes through the services (audited, whole or
not at all), reads through the checkpoint, lists with filters and exports."""

import csv
import datetime
import io
import json

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from kvinnofrid.coordination.models import Activity, Contact, Meeting, NetworkMember, Organisation
from kvinnofrid.regions.models import Municipality, StrategyGoal
from kvinnofrid.testing.cast import verified_client

from .factories import ActivityFactory, ContactFactory, NetworkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(cast):
    return verified_client(cast.coordinator_a)


@pytest.fixture
def national(cast):
    return verified_client(cast.national)


def inline(prefix: str, rows: list[dict] = ()) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
        data[f"{prefix}-{index}-ORDER"] = str(index + 1)
        data[f"{prefix}-{index}-DELETE"] = ""
    return data


def activity_form(cast, **fields) -> dict:
    botkyrka = Municipality.objects.get(code="0127")
    data = {
        "county": str(cast.county_a.pk),
        "kind": "training",
        "title": "Utbildning om våld i nära relationer för socialtjänsten",
        "starts_on": "2026-04-14",
        "municipalities": [str(botkyrka.pk)],
        "participants": "35",
        "goals": [str(StrategyGoal.objects.get(number=2).pk)],
        "description": "Grundutbildning för handläggare.",
        **inline(
            "participant_counts",
            [{"organisation_type": "municipality", "count": "30"}],
        ),
    }
    data.update(fields)
    return data


def test_a_coordinator_records_an_activity_and_the_change_is_audited(cast, coordinator):
    response = coordinator.post(reverse("insatser:add"), activity_form(cast))
    assert response.status_code == 302, response.content.decode()[:3000]
    activity = Activity.objects.get()
    assert activity.county == cast.county_a
    assert [m.name for m in activity.municipalities.all()] == ["Botkyrka"]
    assert activity.participant_counts.get().count == 30
    entry = ModelLogEntry.objects.get(action="kvinnofrid.coordination.create")
    assert entry.user == cast.coordinator_a and entry.object_id == str(activity.pk)


def test_a_municipality_of_another_county_is_refused_and_nothing_is_saved(cast, coordinator):
    uppsala = Municipality.objects.get(code="0380")
    data = activity_form(cast, municipalities=[str(uppsala.pk)])
    response = coordinator.post(reverse("insatser:add"), data)
    assert response.status_code == 200
    assert "Välj ett giltigt alternativ" in response.content.decode()
    assert not Activity.objects.exists()
    assert not ModelLogEntry.objects.filter(action__startswith="kvinnofrid.coordination").exists()


def test_an_activity_ending_before_it_starts_gets_a_swedish_error(cast, coordinator):
    data = activity_form(cast, ends_on="2026-04-01")
    response = coordinator.post(reverse("insatser:add"), data)
    assert "Slutdatumet kan inte vara före startdatumet." in response.content.decode()
    assert not Activity.objects.exists()


def test_a_coordinator_cannot_file_an_activity_under_another_county(cast, coordinator):
    data = activity_form(cast, county=str(cast.county_b.pk), municipalities=[])
    response = coordinator.post(reverse("insatser:add"), data)
    assert response.status_code == 200
    assert not Activity.objects.exists()


def test_editing_and_deleting_are_audited(cast, coordinator):
    activity = ActivityFactory(county=cast.county_a)
    data = activity_form(cast, title="Ny rubrik")
    response = coordinator.post(reverse("insatser:edit", args=[activity.pk]), data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Ny rubrik"
    coordinator.post(reverse("insatser:delete", args=[activity.pk]))
    assert not Activity.objects.exists()
    assert list(
        ModelLogEntry.objects.filter(content_type__model="activity", object_id=str(activity.pk))
        .order_by("timestamp")
        .values_list("action", flat=True)
    ) == ["kvinnofrid.coordination.update", "kvinnofrid.coordination.delete"]


def test_the_national_coordinator_reads_every_county_and_writes_none(cast, national):
    activity = ActivityFactory(county=cast.county_a, title="Länssamverkan i Stockholm")
    ActivityFactory(county=cast.county_b, title="Länssamverkan i Uppsala")
    listing = national.get(reverse("insatser:index")).content.decode()
    assert "Länssamverkan i Stockholm" in listing and "Länssamverkan i Uppsala" in listing
    assert national.get(reverse("insatser:inspect", args=[activity.pk])).status_code == 200
    assert national.get(reverse("insatser:edit", args=[activity.pk])).status_code in {302, 403}
    response = national.post(reverse("insatser:edit", args=[activity.pk]), activity_form(cast))
    assert response.status_code in {302, 403}
    activity.refresh_from_db()
    assert activity.title == "Länssamverkan i Stockholm"


def test_the_national_coordinator_adds_national_organisations_only(cast, national):
    data = {"name": "Jämställdhetsmyndigheten", "kind": "agency", "county": ""}
    assert national.post(reverse("organisationer:add"), data).status_code == 302
    agency = Organisation.objects.get(name="Jämställdhetsmyndigheten")
    assert agency.county is None
    data = {"name": "Kvinnojouren Frida", "kind": "civil_society", "county": cast.county_a.pk}
    response = national.post(reverse("organisationer:add"), data)
    assert "bara till nationella organisationer" in response.content.decode()
    assert not Organisation.objects.filter(name="Kvinnojouren Frida").exists()


def test_an_organisation_number_is_checked_and_normalised(cast, coordinator):
    data = {
        "name": "Kvinnojouren Frida",
        "kind": "civil_society",
        "civil_society_kind": "womens_shelter",
        "county": cast.county_a.pk,
        "organisation_number": "8024621234",
    }
    response = coordinator.post(reverse("organisationer:add"), data)
    assert "kontrollsiffran är fel" in response.content.decode()
    data["organisation_number"] = "8024621230"
    response = coordinator.post(reverse("organisationer:add"), data)
    assert response.status_code == 302
    assert Organisation.objects.get(name="Kvinnojouren Frida").organisation_number == (
        "802462-1230"
    )


def test_county_staff_see_their_own_and_national_organisations_only(cast, coordinator):
    Organisation.objects.create(name="Brottsoffermyndigheten", kind="agency")
    Organisation.objects.create(
        name="Tjejjouren i Uppsala", kind="civil_society", county=cast.county_b
    )
    listing = coordinator.get(reverse("organisationer:index") + "?q=Brottsoffer").content.decode()
    assert "Brottsoffermyndigheten" in listing
    listing = coordinator.get(reverse("organisationer:index") + "?q=Tjejjouren").content.decode()
    assert "Tjejjouren i Uppsala" not in listing


def test_the_activity_list_filters_by_year_kind_goal_area_municipality_and_network(
    cast, coordinator
):
    goal = StrategyGoal.objects.get(number=1)
    network = NetworkFactory(counties=[cast.county_a])
    botkyrka = Municipality.objects.get(code="0127")
    visit = ActivityFactory(county=cast.county_a, title="Besök i Botkyrka")
    visit.municipalities.set([botkyrka])
    visit.goals.set([goal])
    ActivityFactory(
        county=cast.county_a,
        title="Nätverksmöte i fjol",
        kind="network_meeting",
        starts_on=datetime.date(2025, 5, 5),
        network=network,
    )

    def shown(**query):
        response = coordinator.get(reverse("insatser:index"), query)
        assert response.status_code == 200
        body = response.content.decode()
        return [title for title in ("Besök i Botkyrka", "Nätverksmöte i fjol") if title in body]

    assert shown() == ["Besök i Botkyrka", "Nätverksmöte i fjol"]
    assert shown(year="2025") == ["Nätverksmöte i fjol"]
    assert shown(kind="municipality_visit") == ["Besök i Botkyrka"]
    assert shown(goals=goal.pk) == ["Besök i Botkyrka"]
    assert shown(municipalities=botkyrka.pk) == ["Besök i Botkyrka"]
    assert shown(network=network.pk) == ["Nätverksmöte i fjol"]


def test_the_activity_list_takes_as_many_queries_for_many_rows_as_for_few(cast, coordinator):
    def queries(count):
        Activity.objects.all().delete()
        for index in range(count):
            activity = ActivityFactory(county=cast.county_a)
            activity.municipalities.set(Municipality.objects.filter(county=cast.county_a)[:2])
            activity.goals.set(StrategyGoal.objects.all()[: 1 + index % 3])
        with CaptureQueriesContext(connection) as context:
            response = coordinator.get(reverse("insatser:index"))
        assert response.status_code == 200
        return len(context.captured_queries)

    assert queries(3) == queries(20)


def test_the_activity_list_exports_csv_and_xlsx_that_read_back(cast, coordinator):
    activity = ActivityFactory(county=cast.county_a, title='=HYPERLINK("x")', participants=12)
    activity.municipalities.set([Municipality.objects.get(code="0127")])
    activity.goals.set(StrategyGoal.objects.filter(number__in=[2, 4]))

    response = coordinator.get(reverse("insatser:index"), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    header, row = rows[0], rows[1]
    assert header[:5] == ["Datum", "Slutdatum", "Län", "Typ av insats", "Rubrik"]
    assert row[header.index("Kommuner")] == "Botkyrka"
    assert row[header.index("Målsättningar")] == "2, 4"
    assert not row[header.index("Rubrik")].startswith("=")  # formula neutralised

    response = coordinator.get(reverse("insatser:index"), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][4] == "Rubrik"
    assert values[1][7] == 12
    assert values[1][2] == "Stockholms län"


def test_a_meeting_is_logged_as_an_activity_of_the_county_that_held_it(cast, coordinator):
    network = NetworkFactory(counties=[cast.county_a, cast.county_b])
    shelter = Organisation.objects.create(
        name="Kvinnojouren Frida",
        kind="civil_society",
        civil_society_kind="womens_shelter",
        county=cast.county_a,
    )
    botkyrka = Organisation.objects.get(reference_key="municipality:0127")
    members = [
        NetworkMember.objects.create(network=network, organisation=shelter),
        NetworkMember.objects.create(network=network, organisation=botkyrka),
    ]
    data = {
        "network": network.pk,
        "county": cast.county_a.pk,
        "starts_at": "2026-05-20 13:00",
        "format": "digital",
        "attendees": [str(member.pk) for member in members],
        "other_participants": "3",
    }
    response = coordinator.post(reverse("natverksmoten:add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    activity = Meeting.objects.get().activity
    assert activity.kind == "network_meeting" and activity.county == cast.county_a
    assert activity.starts_on == datetime.date(2026, 5, 20)
    assert activity.participants == 5
    assert [m.name for m in activity.municipalities.all()] == ["Botkyrka"]
    assert dict(activity.participant_counts.values_list("organisation_type", "count")) == {
        "municipality": 1,
        "womens_shelter": 1,
    }


def test_a_contact_exports_everything_and_erasure_leaves_no_name_behind(cast, coordinator):
    contact = ContactFactory(county=cast.county_a, name="Anna Andersson", phone="08-123 456")
    coordinator.post(
        reverse("kontakter:edit", args=[contact.pk]),
        {
            "name": "Anna Andersson",
            "title": "Kvinnofridssamordnare",
            "organisation": contact.organisation.pk,
            "county": cast.county_a.pk,
            "email": contact.email,
            "phone": "08-123 456",
            "is_municipal_coordinator": "on",
            "legal_basis": "public_interest",
            "source": "Kommunens webbplats",
        },
    )
    exported = json.loads(
        coordinator.get(reverse("kvinnofrid_contact_export", args=[contact.pk])).content
    )
    assert exported["namn"] == "Anna Andersson" and exported["kvinnofridssamordnare"] is True
    assert exported["källa"] == "Kommunens webbplats"
    network = NetworkFactory(counties=[cast.county_a], name="Kvinnofridsnätverket")
    NetworkMember.objects.create(network=network, contact=contact, role="convener")
    inspect = coordinator.get(reverse("kontakter:inspect", args=[contact.pk])).content.decode()
    assert "Kvinnofridsnätverket</a> (Sammankallande)" in inspect

    assert (
        coordinator.get(reverse("kvinnofrid_contact_erase", args=[contact.pk])).status_code == 200
    )
    coordinator.post(reverse("kvinnofrid_contact_erase", args=[contact.pk]))
    assert not Contact.objects.exists()
    labels = set(
        ModelLogEntry.objects.filter(content_type__model="contact").values_list("label", flat=True)
    )
    assert labels == {"Raderad kontaktperson"}
    assert ModelLogEntry.objects.filter(action="kvinnofrid.coordination.erase").count() == 1


def test_every_coordination_action_has_a_swedish_audit_label():
    from wagtail.log_actions import registry

    for action in (
        "kvinnofrid.coordination.create",
        "kvinnofrid.coordination.update",
        "kvinnofrid.coordination.delete",
        "kvinnofrid.coordination.erase",
    ):
        assert registry.action_exists(action)
        assert registry.get_action_label(action)[0].isupper()


def test_the_national_coordinator_groups_similar_issues_from_two_counties(cast, national):
    from kvinnofrid.coordination.models import NationalIssueGroup

    from .factories import NationalIssueFactory

    first = NationalIssueFactory(county=cast.county_a, title="Barnäktenskap: vägledning saknas")
    second = NationalIssueFactory(county=cast.county_b, title="Vägledning om barnäktenskap")
    before = first.updated_at
    page = national.get(reverse("kvinnofrid_issue_grouping")).content.decode()
    assert first.title in page and second.title in page

    response = national.post(
        reverse("kvinnofrid_issue_grouping"),
        {"issues": [first.pk, second.pk], "title": "Barnäktenskap"},
    )
    assert response.status_code == 302
    group = NationalIssueGroup.objects.get()
    assert set(group.issues.all()) == {first, second}
    first.refresh_from_db()
    assert first.updated_at == before  # the county's own record is untouched
    entry = ModelLogEntry.objects.get(action="kvinnofrid.coordination.group")
    assert entry.user == cast.national and entry.data["issues"] == sorted([first.pk, second.pk])
    listing = national.get(reverse("nationella-fragor:index"), {"groups": group.pk})
    assert first.title in listing.content.decode()


def test_grouping_needs_one_group_and_at_least_one_issue(cast, national):
    from .factories import NationalIssueFactory

    issue = NationalIssueFactory(county=cast.county_a)
    response = national.post(reverse("kvinnofrid_issue_grouping"), {"title": "Grupp"})
    assert "Välj minst en fråga att gruppera." in response.content.decode()
    response = national.post(reverse("kvinnofrid_issue_grouping"), {"issues": [issue.pk]})
    assert "Välj en befintlig grupp eller skriv en rubrik" in response.content.decode()


def test_the_coordination_menu_leads_to_the_overview_and_the_quick_entry(cast, coordinator):
    body = coordinator.get("/admin/").content.decode()
    assert reverse("kvinnofrid_dashboard") in body and reverse("kvinnofrid_quick_visit") in body
    assert reverse("kvinnofrid_issue_grouping") not in body


def test_contacts_unused_for_the_retention_period_are_erased_by_the_scheduled_task(cast, settings):
    from django.utils import timezone

    from kvinnofrid.coordination.tasks import contacts_erase_stale

    settings.KVINNOFRID_CONTACT_RETENTION_DAYS = 365
    old = timezone.now() - datetime.timedelta(days=400)
    stale = ContactFactory(county=cast.county_a, name="Gammal kontakt")
    in_network = ContactFactory(county=cast.county_a, name="Sammankallande")
    NetworkMember.objects.create(
        network=NetworkFactory(counties=[cast.county_a]), contact=in_network
    )
    fresh = ContactFactory(county=cast.county_a, name="Ny kontakt")
    Contact.objects.filter(pk__in=[stale.pk, in_network.pk]).update(updated_at=old)

    assert contacts_erase_stale.call() == 1
    assert set(Contact.objects.values_list("name", flat=True)) == {"Sammankallande", "Ny kontakt"}
    entry = ModelLogEntry.objects.get(action="kvinnofrid.coordination.erase")
    assert entry.user is None and entry.label == "Raderad kontaktperson"
    assert fresh.pk in Contact.objects.values_list("pk", flat=True)


def test_an_organisations_page_leads_to_its_survey_answers(cast, coordinator):
    botkyrka = Organisation.objects.get(reference_key="municipality:0127")
    page = coordinator.get(reverse("organisationer:inspect", args=[botkyrka.pk])).content.decode()
    assert reverse("kvinnofrid_survey_organisation", args=[botkyrka.pk]) in page
