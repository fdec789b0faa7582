"""Staff pages for subscribers: import (CSV and XLSX, with and without a documented basis,
errors, idempotence, blocked addresses), export read back, block, counts, isolation."""

import csv
import io

import openpyxl
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry, PageLogEntry

from kvinnofrid.newsletter.models import BlockedAddress, Subscriber, Subscription, address_hash
from kvinnofrid.testing.cast import verified_client

from .test_subscriber_support import list_create, subscriber_make

pytestmark = pytest.mark.django_db

CSV_ROWS = "e-post;namn;typ av organisation\nanna@example.org;Anna;Kommun\nbo@example.org;;\n"


def upload(client, newsletter, content: bytes, name="lista.csv", basis=""):
    return client.post(
        reverse("newsletter_subscriber_import", kwargs={"list_id": newsletter.pk}),
        {"fil": SimpleUploadedFile(name, content), "grund": basis},
    )


def xlsx_bytes(rows) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_csv_import_without_basis_makes_pending_rows_and_sends_confirmations(cast):
    newsletter = list_create(county=cast.county_a)
    client = verified_client(cast.coordinator_a)
    response = upload(client, newsletter, CSV_ROWS.encode("utf-8"))
    assert response.status_code == 200
    assert "Importen är klar" in response.content.decode()
    assert set(Subscription.objects.values_list("status", "source")) == {("pending", "import")}
    assert Subscriber.objects.get(email="anna@example.org").organisation_type == "municipality"
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "bo@example.org"]
    assert all("/nyhetsbrev/bekrafta/" in m.body for m in mail.outbox)
    assert PageLogEntry.objects.filter(action="kvinnofrid.newsletter.import").count() == 1

    # Idempotent: the same file again creates nothing and mails nobody.
    mail.outbox.clear()
    upload(client, newsletter, CSV_ROWS.encode("utf-8"))
    assert Subscription.objects.count() == 2 and mail.outbox == []


def test_an_xlsx_import_in_windows_excel_with_basis_is_active_at_once(cast):
    newsletter = list_create(county=cast.county_a)
    content = xlsx_bytes([["E-post", "Namn"], ["cecilia@example.org", "Cecilia Öberg"]])
    response = upload(
        verified_client(cast.editor_a),
        newsletter,
        content,
        name="lista.xlsx",
        basis="Anmälda på länskonferensen 2026-10-12",
    )
    assert response.status_code == 200
    subscription = Subscription.objects.get()
    assert subscription.status == "active" and subscription.confirmed_at is not None
    assert subscription.basis == "Anmälda på länskonferensen 2026-10-12"
    assert subscription.subscriber.name == "Cecilia Öberg"
    assert mail.outbox == []


def test_a_windows_1252_csv_with_commas_is_read(cast):
    newsletter = list_create(county=cast.county_a)
    content = "e-post,namn\r\ndavid@example.org,Dávid Åström\r\n".encode("cp1252")
    upload(verified_client(cast.coordinator_a), newsletter, content, basis="Blankett")
    assert Subscriber.objects.get().name == "Dávid Åström"


def test_row_errors_are_listed_with_row_numbers_and_nothing_is_saved(cast):
    newsletter = list_create(county=cast.county_a)
    content = (
        b"e-post;namn;typ av organisation\n"
        b"ok@example.org;Ok;\n"
        b"inte-en-adress;X;\n"
        b"ok@example.org;Igen;\n"
        b"typ@example.org;;Rymdstyrelsen\n"
    )
    response = upload(verified_client(cast.coordinator_a), newsletter, content)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ingenting importerades" in html
    assert "Rad 3: ”inte-en-adress” är ingen giltig e-postadress." in html
    assert "Rad 4: adressen finns redan på rad 2." in html
    assert "Rad 5: okänd typ av organisation ”Rymdstyrelsen”" in html
    assert not Subscriber.objects.exists() and mail.outbox == []


def test_a_file_that_is_not_a_spreadsheet_is_refused_in_swedish(cast):
    newsletter = list_create(county=cast.county_a)
    response = upload(
        verified_client(cast.coordinator_a), newsletter, b"%PDF-1.4 binary", name="x.csv"
    )
    assert response.status_code == 400
    assert "Ingenting importerades" in response.content.decode()


def test_blocked_and_departed_addresses_are_not_put_back_by_an_import(cast):
    newsletter = list_create(county=cast.county_a)
    BlockedAddress.objects.create(address_hash=address_hash("anna@example.org"), reason="erased")
    subscriber_make("bo@example.org", newsletter, status="unsubscribed")
    response = upload(verified_client(cast.coordinator_a), newsletter, CSV_ROWS.encode(), basis="B")
    html = response.content.decode()
    assert "1 spärrad adress hoppades över" in html
    assert "1 har avslutat prenumerationen" in html
    assert not Subscriber.objects.filter(email="anna@example.org").exists()
    assert Subscription.objects.get().status == "unsubscribed"


def test_exports_read_back_with_formulas_neutralised(cast):
    newsletter = list_create(county=cast.county_a)
    subscriber_make("eva@example.org", newsletter, name='=HYPERLINK("http://x")')
    client = verified_client(cast.coordinator_a)
    csv_response = client.get(
        reverse(
            "newsletter_subscriber_export", kwargs={"list_id": newsletter.pk, "file_format": "csv"}
        )
    )
    assert csv_response.status_code == 200
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["e-post", "namn", "typ av organisation"]
    assert rows[1][0] == "eva@example.org"
    assert rows[1][1] == '\'=HYPERLINK("http://x")'
    xlsx_response = client.get(
        reverse(
            "newsletter_subscriber_export",
            kwargs={"list_id": newsletter.pk, "file_format": "xlsx"},
        )
    )
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_response.content)).active
    assert sheet["A2"].value == "eva@example.org"
    assert sheet["B2"].data_type == "s"
    assert PageLogEntry.objects.filter(action="kvinnofrid.newsletter.export").count() == 2


def test_staff_block_an_address_deleting_the_subscriber_and_auditing_it(cast):
    newsletter = list_create(county=cast.county_a)
    subscriber_make("spam@example.org", newsletter)
    client = verified_client(cast.coordinator_a)
    url = reverse("newsletter_subscriber_block", kwargs={"list_id": newsletter.pk})
    response = client.post(url, {"epost": "Spam@Example.org"})
    assert response.status_code == 302
    assert not Subscriber.objects.exists()
    assert BlockedAddress.objects.get().reason == "blocked"
    entry = PageLogEntry.objects.get(action="kvinnofrid.newsletter.block")
    assert "spam@example.org" not in str(entry.data)
    assert not ModelLogEntry.objects.filter(data__icontains="spam@example.org").exists()


def test_a_blocked_address_can_come_back_only_through_double_opt_in(cast):
    from django.test import Client

    newsletter = list_create(county=cast.county_a)
    client = verified_client(cast.coordinator_a)
    client.post(
        reverse("newsletter_subscriber_block", kwargs={"list_id": newsletter.pk}),
        {"epost": "tillbaka@example.org"},
    )
    public = Client()
    public.post(
        "/nyhetsbrev/prenumerera/", {"nyhetsbrev": [newsletter.pk], "epost": "tillbaka@example.org"}
    )
    assert Subscription.objects.get().status == "pending"
    assert BlockedAddress.objects.exists()  # still blocked until confirmed
    [message] = mail.outbox
    link = message.body.split("http://127.0.0.1:8000", 2)[1].split()[0]
    public.post(link)
    assert Subscription.objects.get().status == "active"
    assert not BlockedAddress.objects.exists()


def test_national_coordinators_read_county_lists_but_do_not_import_or_block(cast):
    county_list = list_create(county=cast.county_a)
    national_list = list_create()
    client = verified_client(cast.national)
    assert (
        client.get(
            reverse("newsletter_subscriber_list", kwargs={"list_id": county_list.pk})
        ).status_code
        == 200
    )
    for name in ("newsletter_subscriber_import", "newsletter_subscriber_block"):
        assert client.get(reverse(name, kwargs={"list_id": county_list.pk})).status_code in (
            302,  # Wagtail answers a refused permission with a redirect to the dashboard
            403,
        )
        assert client.get(reverse(name, kwargs={"list_id": national_list.pk})).status_code == 200
    # County staff never see the national list.
    county_client = verified_client(cast.coordinator_a)
    assert (
        county_client.get(
            reverse("newsletter_subscriber_list", kwargs={"list_id": national_list.pk})
        ).status_code
        == 404
    )


def test_the_overview_counts_each_list_and_shows_growth(cast):
    mine = list_create(county=cast.county_a, title="Brev A")
    theirs = list_create(county=cast.county_b, title="Brev B")
    subscriber_make("a1@example.org", mine)
    subscriber_make("a2@example.org", mine, status="pending")
    Subscription.objects.filter(subscriber__email="a1@example.org").update(
        confirmed_at="2026-11-03T10:00:00+01:00"
    )
    subscriber_make("b1@example.org", theirs)
    response = verified_client(cast.coordinator_a).get(reverse("newsletter_subscribers"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Brev A" in html and "Brev B" not in html
    assert "<td>1</td><td>1</td><td>0</td>" in html
    assert "November 2026" in html
