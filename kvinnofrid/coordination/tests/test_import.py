"""The registry import: a CSV or XLSX file is previewed row by row, with each row's errors,
then the valid rows are imported in one transaction into one of the user's counties,
audited, and a second import of the same file changes nothing."""

import io
import re
from urllib.parse import parse_qs, urlparse

import openpyxl
import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from kvinnofrid.coordination import importing
from kvinnofrid.coordination.import_views import SESSION_KEY
from kvinnofrid.coordination.importing import ImportKind, import_rows, preview_rows, read_table
from kvinnofrid.coordination.models import Contact, Organisation
from kvinnofrid.tenancy.models import Role
from kvinnofrid.testing.cast import make_staff, verified_client

pytestmark = pytest.mark.django_db

ORGANISATION_HEADER = [
    "Namn",
    "Typ",
    "Civilsamhällestyp",
    "Kommun",
    "Organisationsnummer",
    "Webbplats",
]
ORGANISATIONS = [
    ORGANISATION_HEADER,
    ["Kvinnojouren Frida", "civilsamhälle", "kvinnojour", "Botkyrka", "8024621230", ""],
    ["Tjejjouren Väst", "Civilsamhälle", "tjejjour", "0127", "", "www.tjejjourenvast.se"],
    ["Södertörns högskola", "Universitet eller högskola", "", "Huddinge", "202100-4896", ""],
]
CONTACT_HEADER = ["namn", "organisation", "roll", "e-post", "telefon", "kvinnofridssamordnare"]


@pytest.fixture
def coordinator(cast):
    return verified_client(cast.coordinator_a)


def csv_file(rows, *, delimiter=";", bom=False, name="organisationer.csv") -> SimpleUploadedFile:
    text = "\r\n".join(delimiter.join(cells) for cells in rows) + "\r\n"
    data = ("\ufeff" if bom else "") + text
    return SimpleUploadedFile(name, data.encode("utf-8"), content_type="text/csv")


def xlsx_file(rows, *, name="organisationer.xlsx") -> SimpleUploadedFile:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(client, file, *, kind="organisations", lan="01"):
    return client.post(reverse("kvinnofrid_import"), {"kind": kind, "file": file, "lan": lan})


def preview(client, file, **kwargs):
    """Upload a file; return the preview page and the id its confirmation form sends."""
    response = upload(client, file, **kwargs)
    assert response.status_code == 302, response.content.decode()[:3000]
    import_id = parse_qs(urlparse(response["Location"]).query)["id"][0]
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert f'name="import_id" value="{import_id}"' in page.content.decode()
    return page, import_id


def confirm(client, import_id):
    return client.post(reverse("kvinnofrid_import_confirm"), {"import_id": import_id})


def statuses(page) -> dict[int, str]:
    found = re.findall(
        r'<tr data-status="(\w+)">\s*<th scope="row">(\d+)</th>', page.content.decode()
    )
    return {int(number): status for status, number in found}


def created_entries(model: str) -> int:
    return ModelLogEntry.objects.filter(
        action="kvinnofrid.coordination.create", content_type__model=model
    ).count()


def test_a_csv_with_bom_and_semicolons_is_previewed_then_imported_and_audited(cast, coordinator):
    page, import_id = preview(coordinator, csv_file(ORGANISATIONS, bom=True))
    assert statuses(page) == {2: "new", 3: "new", 4: "new"}
    assert not Organisation.objects.filter(name="Kvinnojouren Frida").exists()

    response = confirm(coordinator, import_id)
    assert response.status_code == 302 and response["Location"] == reverse("organisationer:index")
    frida = Organisation.objects.get(name="Kvinnojouren Frida")
    assert frida.county == cast.county_a
    assert frida.municipality.name == "Botkyrka"
    assert frida.civil_society_kind == Organisation.CivilSocietyKind.WOMENS_SHELTER
    assert frida.organisation_number == "802462-1230"
    west = Organisation.objects.get(name="Tjejjouren Väst")
    assert west.website == "https://www.tjejjourenvast.se"
    assert west.civil_society_kind == Organisation.CivilSocietyKind.YOUNG_WOMENS_SHELTER
    assert Organisation.objects.get(name="Södertörns högskola").kind == "university"
    assert created_entries("organisation") == 3
    assert (
        ModelLogEntry.objects.filter(
            action="kvinnofrid.coordination.create", user=cast.coordinator_a
        ).count()
        == 3
    )
    summary = ModelLogEntry.objects.get(action="kvinnofrid.coordination.import")
    assert summary.data["created"] == 3
    message = [str(m) for m in get_messages(response.wsgi_request)][-1]
    assert "3 nya, 0 uppdaterade och 0 oförändrade" in message


def test_a_csv_with_commas_imports_contacts_of_the_countys_organisations(cast, coordinator):
    Organisation.objects.create(name="Brottsoffermyndigheten", kind="agency")
    rows = [
        CONTACT_HEADER,
        [
            "Anna Andersson",
            "Botkyrka",
            "Socialsekreterare",
            "anna@botkyrka.se",
            "08-530 610 00",
            "x",
        ],
        ["Bo Berg", "Botkyrka kommun", "", "bo@botkyrka.se", "", ""],
        ["Cecilia Carlsson", "brottsoffermyndigheten", "Utredare", "", "", "nej"],
    ]
    page, import_id = preview(
        coordinator, csv_file(rows, delimiter=",", name="kontakter.csv"), kind="contacts"
    )
    assert statuses(page) == {2: "new", 3: "new", 4: "new"}
    response = confirm(coordinator, import_id)
    assert response["Location"] == reverse("kontakter:index")

    anna = Contact.objects.get(name="Anna Andersson")
    assert anna.county == cast.county_a
    assert anna.organisation.reference_key == "municipality:0127"
    assert anna.is_municipal_coordinator
    assert anna.source.startswith("Import från kontakter.csv 20")
    assert Contact.objects.get(name="Bo Berg").organisation == anna.organisation
    cecilia = Contact.objects.get(name="Cecilia Carlsson")
    assert cecilia.organisation.name == "Brottsoffermyndigheten"
    assert not cecilia.is_municipal_coordinator
    assert created_entries("contact") == 3


def test_an_xlsx_file_is_read_from_its_first_sheet(cast, coordinator):
    rows = [
        ["NAMN", "typ", "organisationsnummer", "kommun"],
        ["Kvinnojouren Frida", "civilsamhälle", 8024621230, "botkyrka kommun"],
        [None, None, None, None],
        ["Region Stockholm test", "region", None, None],
    ]
    page, import_id = preview(coordinator, xlsx_file(rows))
    assert statuses(page) == {2: "new", 4: "new"}
    confirm(coordinator, import_id)
    frida = Organisation.objects.get(name="Kvinnojouren Frida")
    assert frida.organisation_number == "802462-1230"
    assert frida.civil_society_kind == Organisation.CivilSocietyKind.OTHER
    assert Organisation.objects.filter(name="Region Stockholm test", county=cast.county_a).exists()


def test_row_errors_are_shown_with_row_numbers_and_only_valid_rows_are_imported(cast, coordinator):
    rows = [
        ORGANISATION_HEADER,
        ["Kvinnojouren Frida", "civilsamhälle", "kvinnojour", "Botkyrka", "8024621230", ""],
        ["Fel kontrollsiffra", "näringsliv", "", "", "8024621234", ""],
        ["Okänd kommun", "annan", "", "Gröntuna", "", ""],
        ["Fel län", "annan", "", "Uppsala", "", ""],
        ["", "annan", "", "", "", ""],
        ["Fel typ", "förening", "", "", "", ""],
        ["Kvinnojouren Frida", "civilsamhälle", "", "", "", ""],
    ]
    page, import_id = preview(coordinator, csv_file(rows))
    body = page.content.decode()
    assert statuses(page) == {
        2: "new",
        3: "error",
        4: "error",
        5: "error",
        6: "error",
        7: "error",
        8: "error",
    }
    assert "Rad 3: Organisationsnumret stämmer inte (kontrollsiffran är fel)." in body
    assert "Rad 4: Det finns ingen kommun som heter ”Gröntuna”." in body
    assert "Rad 5: Kommunen Uppsala ligger inte i Stockholms län." in body
    assert "Rad 6: Namn saknas." in body
    assert "Rad 7: Okänd typ ”förening”." in body
    assert "Rad 8: Samma organisation finns redan på rad 2." in body

    response = confirm(coordinator, import_id)
    assert response.status_code == 302
    assert list(
        Organisation.objects.filter(reference_key__isnull=True).values_list("name", flat=True)
    ) == ["Kvinnojouren Frida"]
    assert created_entries("organisation") == 1
    message = [str(m) for m in get_messages(response.wsgi_request)][-1]
    assert "6 rader med fel importerades inte." in message


def test_contact_row_errors_are_shown_with_row_numbers(cast, coordinator):
    rows = [
        CONTACT_HEADER,
        ["Anna Andersson", "Botkyrka", "", "anna(at)botkyrka.se", "", ""],
        ["Bo Berg", "Kvinnojouren Ingenstans", "", "bo@example.org", "", ""],
        ["Cecilia Carlsson", "", "", "cecilia@example.org", "", ""],
        ["Dan Ek", "Botkyrka", "", "", "", "kanske"],
        ["Eva 811218-9876", "Botkyrka", "", "", "", ""],
    ]
    page, _ = preview(coordinator, csv_file(rows, name="kontakter.csv"), kind="contacts")
    body = page.content.decode()
    assert set(statuses(page).values()) == {"error"}
    assert "Rad 2: E-postadressen ”anna(at)botkyrka.se” är ogiltig." in body
    assert "Rad 3: Organisationen ”Kvinnojouren Ingenstans” finns inte" in body
    assert "Rad 4: Ange organisation för en ny kontaktperson." in body
    assert "Rad 5: Kvinnofridssamordnare ska vara ja, nej, x eller tomt" in body
    assert "Rad 6: Texten innehåller något som ser ut som ett personnummer" in body
    assert "Det finns inget att importera." in body


def test_importing_the_same_file_twice_creates_no_duplicates(cast, coordinator):
    _, import_id = preview(coordinator, csv_file(ORGANISATIONS))
    confirm(coordinator, import_id)
    count = Organisation.objects.count()

    page, import_id = preview(coordinator, csv_file(ORGANISATIONS))
    assert statuses(page) == {2: "unchanged", 3: "unchanged", 4: "unchanged"}
    assert "Det finns inget att importera." in page.content.decode()

    changed = [row[:] for row in ORGANISATIONS]
    changed[1][5] = "https://www.kvinnojourenfrida.se"  # a website is added
    changed[3][0] = "SÖDERTÖRNS HÖGSKOLA"  # found by its number; the name's case is kept
    page, import_id = preview(coordinator, csv_file(changed))
    assert statuses(page) == {2: "update", 3: "unchanged", 4: "unchanged"}
    confirm(coordinator, import_id)
    assert Organisation.objects.count() == count
    assert Organisation.objects.get(name="Kvinnojouren Frida").website == (
        "https://www.kvinnojourenfrida.se"
    )
    update = ModelLogEntry.objects.get(action="kvinnofrid.coordination.update")
    assert update.object_id == str(Organisation.objects.get(name="Kvinnojouren Frida").pk)


def test_contacts_are_matched_by_email_then_by_name_and_organisation(cast, coordinator):
    rows = [
        CONTACT_HEADER,
        ["Anna Andersson", "Botkyrka", "Socialsekreterare", "anna@botkyrka.se", "", "x"],
        ["Bo Berg", "Botkyrka", "", "", "", ""],
    ]
    _, import_id = preview(coordinator, csv_file(rows, name="kontakter.csv"), kind="contacts")
    confirm(coordinator, import_id)
    again = [
        CONTACT_HEADER,
        ["Anna Lind", "Botkyrka", "Socialsekreterare", "ANNA@botkyrka.se", "", "x"],
        ["bo berg", "Botkyrka kommun", "Enhetschef", "", "", ""],
    ]
    page, import_id = preview(coordinator, csv_file(again, name="kontakter.csv"), kind="contacts")
    assert statuses(page) == {2: "update", 3: "update"}
    confirm(coordinator, import_id)
    assert Contact.objects.count() == 2
    anna = Contact.objects.get(email="anna@botkyrka.se")
    assert anna.name == "Anna Lind"
    assert Contact.objects.get(name="Bo Berg").title == "Enhetschef"


def test_a_coordinator_of_another_county_gets_404_and_nothing_is_imported(cast):
    other = verified_client(cast.coordinator_b)
    assert other.get(reverse("kvinnofrid_import") + "?lan=01").status_code == 404
    response = upload(other, csv_file(ORGANISATIONS), lan="01")
    assert response.status_code == 404
    assert SESSION_KEY not in other.session
    assert not Organisation.objects.filter(name="Kvinnojouren Frida").exists()
    assert other.get(reverse("kvinnofrid_import") + "?lan=03").status_code == 200


def test_rows_never_match_another_countys_records(cast, coordinator):
    Organisation.objects.create(
        name="Tjejjouren i Uppsala",
        kind="civil_society",
        civil_society_kind="young_womens_shelter",
        county=cast.county_b,
        organisation_number="802500-1119",
    )
    uppsala = Organisation.objects.get(reference_key="municipality:0380")
    Contact.objects.create(
        county=cast.county_b,
        organisation=uppsala,
        name="Berit",
        email="berit@example.org",
        source="Test",
    )
    contacts = [
        CONTACT_HEADER,
        ["Berit", "Botkyrka", "", "berit@example.org", "", ""],
        ["Doris", "Tjejjouren i Uppsala", "", "", "", ""],
        ["Erik", "Uppsala", "", "", "", ""],
    ]
    page, import_id = preview(coordinator, csv_file(contacts, name="k.csv"), kind="contacts")
    assert statuses(page) == {2: "new", 3: "error", 4: "error"}
    body = page.content.decode()
    assert "Rad 3: Organisationen ”Tjejjouren i Uppsala” finns inte" in body
    assert "Rad 4: Organisationen ”Uppsala” finns inte" in body
    confirm(coordinator, import_id)
    assert Contact.objects.filter(county=cast.county_b).get().organisation == uppsala
    assert Contact.objects.get(county=cast.county_a).name == "Berit"

    organisations = [
        ORGANISATION_HEADER,
        ["Tjejjouren i Uppsala", "", "tjejjour", "", "802500-1119", ""],
    ]
    page, import_id = preview(coordinator, csv_file(organisations))
    assert statuses(page) == {2: "new"}
    confirm(coordinator, import_id)
    assert Organisation.objects.filter(organisation_number="802500-1119").count() == 2


def test_the_national_coordinator_and_editors_are_refused(cast):
    # The views raise PermissionDenied; Wagtail's admin answers it with a redirect to the
    # admin home and a message, except for scripts (X-Requested-With), which get the 403.
    script = {"headers": {"x-requested-with": "XMLHttpRequest"}}
    for user in (cast.national, cast.editor_a):
        client = verified_client(user)
        response = client.get(reverse("kvinnofrid_import"))
        assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
        assert client.get(reverse("kvinnofrid_import"), **script).status_code == 403
        response = client.post(
            reverse("kvinnofrid_import"),
            {"kind": "organisations", "file": csv_file(ORGANISATIONS), "lan": "01"},
            **script,
        )
        assert response.status_code == 403
        response = client.post(
            reverse("kvinnofrid_import_confirm"), {"import_id": "whatever"}, **script
        )
        assert response.status_code == 403
    assert not Organisation.objects.filter(name="Kvinnojouren Frida").exists()


def test_the_upload_page_documents_the_columns(coordinator):
    body = coordinator.get(reverse("kvinnofrid_import")).content.decode()
    for column in ("civilsamhällestyp", "organisationsnummer", "kvinnofridssamordnare", "källa"):
        assert f"<code>{column}</code>" in body
    assert "Stockholms län" in body


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "innehåller HTML"),
        (b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer\n%%EOF\n", "går bara att importera CSV"),
        (b"", "tom"),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_is_refused_and_nothing_is_kept(
    cast, coordinator, content, message
):
    response = upload(coordinator, SimpleUploadedFile("organisationer.csv", content))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert SESSION_KEY not in coordinator.session
    assert not Organisation.objects.filter(reference_key__isnull=True).exists()


def test_a_file_over_the_limits_is_refused_with_a_swedish_message(coordinator):
    many = [["namn", "typ"]] + [[f"Organisation {n}", "annan"] for n in range(5001)]
    response = upload(coordinator, csv_file(many))
    assert "Filen har fler än 5\xa0000 rader" in response.content.decode()
    big = SimpleUploadedFile("stor.csv", b"namn;typ\r\n" + b"x" * (5 * 1000 * 1000))
    response = upload(coordinator, big)
    assert "Filen är större än 5,0 MB" in response.content.decode()
    assert SESSION_KEY not in coordinator.session


def test_unknown_columns_are_reported(coordinator):
    rows = [["namn", "typ", "antal anställda"], ["Kvinnojouren Frida", "civilsamhälle", "4"]]
    page, _ = preview(coordinator, csv_file(rows))
    assert "Kolumner som inte läses in: antal anställda." in page.content.decode()


def test_a_stale_or_foreign_import_id_imports_nothing(cast, coordinator):
    _, import_id = preview(coordinator, csv_file(ORGANISATIONS))

    colleague = verified_client(
        make_staff("samordnare-a2", role=Role.COORDINATOR, county=cast.county_a)
    )
    response = confirm(colleague, import_id)
    assert response.status_code == 302 and response["Location"] == reverse("kvinnofrid_import")
    assert "finns inte längre" in str(list(get_messages(response.wsgi_request))[0])
    assert not Organisation.objects.filter(name="Kvinnojouren Frida").exists()

    assert confirm(coordinator, "ett-gissat-id").status_code == 302
    assert not Organisation.objects.filter(name="Kvinnojouren Frida").exists()

    confirm(coordinator, import_id)
    assert confirm(coordinator, import_id)["Location"] == reverse("kvinnofrid_import")
    assert Organisation.objects.filter(name="Kvinnojouren Frida").count() == 1

    # Rows left in a session by another user (a shared computer) are not this user's.
    _, import_id = preview(coordinator, csv_file(ORGANISATIONS))
    session = coordinator.session
    pending = session[SESSION_KEY]
    pending["user"] = cast.coordinator_b.pk
    session[SESSION_KEY] = pending
    session.save()
    assert confirm(coordinator, import_id)["Location"] == reverse("kvinnofrid_import")


def test_the_confirmation_validates_again_against_the_registry_as_it_is_now(cast, coordinator):
    _, import_id = preview(coordinator, csv_file(ORGANISATIONS))
    # Someone adds Frida by hand between the preview and the confirmation.
    Organisation.objects.create(
        name="Kvinnojouren Frida", kind="civil_society", county=cast.county_a
    )
    confirm(coordinator, import_id)
    frida = Organisation.objects.get(name="Kvinnojouren Frida")
    assert frida.organisation_number == "802462-1230"


def test_an_unexpected_failure_leaves_nothing_half_saved(cast, monkeypatch):
    rows = read_table(uploaded_file=csv_file(ORGANISATIONS))
    calls = []

    def failing_audit_log(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise RuntimeError("the disk is full")

    monkeypatch.setattr(importing, "audit_log", failing_audit_log)
    with pytest.raises(RuntimeError):
        import_rows(
            kind=ImportKind.ORGANISATIONS,
            rows=rows,
            county=cast.county_a,
            user=cast.coordinator_a,
            source_name="organisationer.csv",
        )
    assert not Organisation.objects.filter(reference_key__isnull=True).exists()


def test_the_services_refuse_a_county_the_user_does_not_work_in(cast):
    rows = read_table(uploaded_file=csv_file(ORGANISATIONS))
    with pytest.raises(PermissionDenied):
        preview_rows(
            kind=ImportKind.ORGANISATIONS, rows=rows, county=cast.county_b, user=cast.coordinator_a
        )
    with pytest.raises(PermissionDenied):
        import_rows(
            kind=ImportKind.ORGANISATIONS,
            rows=rows,
            county=cast.county_b,
            user=cast.coordinator_a,
            source_name="x.csv",
        )


def test_read_table_keeps_row_numbers_of_the_file_and_quoted_delimiters():
    text = 'namn,typ\r\n\r\n"Jouren, Syd",annan\r\n"Rad\nmed radbrytning",annan\r\n'
    rows = read_table(uploaded_file=SimpleUploadedFile("a.csv", text.encode()))
    assert rows == [
        {"row": 3, "cells": {"namn": "Jouren, Syd", "typ": "annan"}},
        {"row": 4, "cells": {"namn": "Rad\nmed radbrytning", "typ": "annan"}},
    ]
