"""A county page shows what the county actually has: its published material, public
networks and staff contacts, support lines, adopted plans and final status reports. The
empty sentences appear only when there is nothing, and the page costs the same number of
queries however much there is."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kvinnofrid.coordination.tests.factories import ContactFactory, NetworkFactory
from kvinnofrid.knowledge.models import KnowledgeBankPage
from kvinnofrid.knowledge.tests.factories import make_resource
from kvinnofrid.pages.models import CountyPage, HomePage, InformationPage
from kvinnofrid.plans.tests.factories import plan_create
from kvinnofrid.reports.models import ReportExport, StatusReport
from kvinnofrid.supportlines.models import SupportLine, SupportLineIndexPage

pytestmark = pytest.mark.django_db

COUNTY_URL = "/stockholm/"


@pytest.fixture
def bank(db):
    page = HomePage.objects.get().add_child(
        instance=KnowledgeBankPage(title="Kunskapsbank", slug="kunskapsbank")
    )
    return page


@pytest.fixture
def directory(db):
    return HomePage.objects.get().add_child(
        instance=SupportLineIndexPage(title="Stödlinjer", slug="stodlinjer")
    )


def body(client, url=COUNTY_URL) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def final_report(county, *, year: int, pdf: bool = True, pdf_before_final: bool = False):
    finalised = timezone.now() - datetime.timedelta(days=1)
    report = StatusReport.objects.create(
        county=county, year=year, status=StatusReport.Status.FINAL, finalised_at=finalised
    )
    if pdf:
        export = ReportExport(
            report=report, format=ReportExport.Format.PDF, status=ReportExport.Status.DONE
        )
        export.file.save(f"rapport-{year}.pdf", ContentFile(b"%PDF-1.7 lagesrapport"), save=False)
        export.finished_at = timezone.now()
        export.save()
        if pdf_before_final:
            ReportExport.objects.filter(pk=export.pk).update(
                created_at=finalised - datetime.timedelta(days=2)
            )
    return report


def test_an_empty_county_says_so_in_each_section(client, bank, directory):
    page = body(client, "/norrbotten/")
    assert "Det finns inga publikationer från länet ännu." in page
    assert "Länsstyrelsen har inga öppna nätverk att visa här just nu." in page
    assert "Länet har inga antagna handlingsplaner publicerade ännu." in page
    assert "Det finns inga fastställda lägesrapporter från länet ännu." in page
    assert "Länets nätverk visas här när de har lagts in." not in page


def test_the_county_page_lists_its_published_material_newest_first(cast, client, bank):
    make_resource(title="Kartläggning 2021", county=cast.county_a, year=2021)
    make_resource(title="Handbok 2024", county=cast.county_a, year=2024)
    make_resource(title="Utkast från länet", county=cast.county_a, live=False)
    make_resource(title="Uppsalas rapport", county=cast.county_b)
    page = body(client)
    assert "Det finns inga publikationer från länet ännu." not in page
    assert page.index("Handbok 2024") < page.index("Kartläggning 2021")
    assert "Utkast från länet" not in page and "Uppsalas rapport" not in page
    assert 'href="/kunskapsbank/?lan=stockholm"' in page


def test_joint_material_shows_on_the_page_of_a_participating_county(cast, client, bank):
    joint = make_resource(title="Gemensam kartläggning", county=cast.county_b)
    joint.participating_counties.set([cast.county_a])
    joint.save()  # a parental many-to-many is written on save
    assert "Gemensam kartläggning" in body(client)


def test_the_county_page_shows_public_networks_with_how_to_join(cast, client):
    NetworkFactory(
        counties=[cast.county_a, cast.county_b],
        name="Nätverket mot hedersrelaterat våld",
        is_public=True,
        public_description="För yrkesverksamma i två län.",
        how_to_join="Skriv till samordnaren på länsstyrelsen.",
    )
    NetworkFactory(counties=[cast.county_a], name="Internt arbetsnätverk")
    NetworkFactory(counties=[cast.county_b], name="Uppsalas nätverk", is_public=True)
    page = body(client)
    assert "Nätverket mot hedersrelaterat våld" in page
    assert "För yrkesverksamma i två län." in page
    assert "Skriv till samordnaren på länsstyrelsen." in page
    assert "Internt arbetsnätverk" not in page and "Uppsalas nätverk" not in page
    assert "Länets nätverk visas här" not in page
    # A network of two counties shows on both.
    assert "Nätverket mot hedersrelaterat våld" in body(client, "/uppsala/")


def test_the_county_page_shows_only_the_staff_contacts_marked_public(cast, client):
    ContactFactory(
        county=cast.county_a,
        name="Lena Länsstyrelse",
        title="Samordnare mot mäns våld mot kvinnor",
        phone="010-223 10 00",
        email="lena@example.org",
        is_public=True,
    )
    ContactFactory(county=cast.county_a, name="Kommunens samordnare", email="k@example.org")
    page = body(client)
    assert "Lena Länsstyrelse" in page and "Samordnare mot mäns våld mot kvinnor" in page
    assert 'href="tel:0102231000"' in page and 'href="mailto:lena@example.org"' in page
    assert "Kommunens samordnare" not in page


def test_the_county_page_links_its_adopted_plans_only(cast, client):
    adopted = plan_create(cast.county_a, title="Regional strategi 2024–2027")
    plan_create(cast.county_a, status="draft", title="Utkast till handlingsplan")
    plan_create(cast.county_b, title="Uppsalas handlingsplan")
    page = body(client)
    assert f'href="{adopted.get_absolute_url()}"' in page
    assert "Utkast till handlingsplan" not in page and "Uppsalas handlingsplan" not in page
    assert 'href="/handlingsplaner/?lan=stockholm"' in page


def test_final_status_reports_link_their_pdf_and_drafts_are_not_shown(cast, client):
    final_report(cast.county_a, year=2025)
    final_report(cast.county_a, year=2024, pdf_before_final=True)
    StatusReport.objects.create(county=cast.county_a, year=2026)  # a draft
    page = body(client)
    assert 'href="/stockholm/lagesrapport/2025/"' in page
    assert "Lägesrapport 2024" in page and "/stockholm/lagesrapport/2024/" not in page
    assert "Lägesrapport 2026" not in page

    response = client.get("/stockholm/lagesrapport/2025/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # A PDF made from the draft text, before the report was final, is not the report.
    assert client.get("/stockholm/lagesrapport/2024/").status_code == 404
    assert client.get("/stockholm/lagesrapport/2026/").status_code == 404
    assert client.get("/uppsala/lagesrapport/2025/").status_code == 404


def test_the_county_page_shows_its_own_support_lines_with_status_and_the_directory_link(
    cast, client, directory
):
    SupportLine.objects.create(
        name="Stockholms rådgivning om heder",
        organisation="Länsstyrelsen",
        phone="08-123 456 78",
        county=cast.county_a,
        always_open=True,
    )
    SupportLine.objects.create(
        name="Uppsalas linje", organisation="X", phone="018-12 34 56", county=cast.county_b
    )
    page = body(client)
    assert "Stockholms rådgivning om heder" in page
    assert "Öppet" in page or "öppet" in page
    assert "Uppsalas linje" not in page
    assert 'href="/stodlinjer/?lan=stockholm"' in page


def test_the_county_page_lists_its_published_in_menu_child_pages(client):
    county_page = CountyPage.objects.get(county__code="01")
    shown = county_page.add_child(
        instance=InformationPage(
            title="Om länets arbete", slug="om-lanets-arbete", show_in_menus=True
        )
    )
    county_page.add_child(
        instance=InformationPage(title="Inte i menyn", slug="inte-i-menyn", show_in_menus=False)
    )
    county_page.add_child(
        instance=InformationPage(
            title="Opublicerad", slug="opublicerad", show_in_menus=True, live=False
        )
    )
    page = body(client)
    assert f'href="{shown.url}"' in page
    assert "Inte i menyn" not in page and "Opublicerad" not in page
    # The county's news page, provisioned with the site, is in the menu from the start.
    assert 'href="/stockholm/aktuellt/"' in page


def _fill(cast, count: int):
    for number in range(count):
        make_resource(title=f"Material {count}-{number}", county=cast.county_a)
        NetworkFactory(counties=[cast.county_a], is_public=True)
        ContactFactory(county=cast.county_a, is_public=True)
        plan_create(cast.county_a, title=f"Plan {count}-{number}")
        final_report(cast.county_a, year=2000 + count * 10 + number)
        SupportLine.objects.create(
            name=f"Linje {count}-{number}", organisation="X", phone="112", county=cast.county_a
        )


def _queries(client) -> int:
    client.get(COUNTY_URL)  # warm caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(COUNTY_URL).status_code == 200
    return len(queries)


def test_the_county_page_costs_the_same_queries_with_one_or_six_of_everything(
    cast, client, bank, directory
):
    _fill(cast, 1)
    few = _queries(client)
    _fill(cast, 5)
    page = body(client)
    assert page.count('class="network"') == 6
    assert _queries(client) == few
