"""News (*Aktuellt*) per county and nationally, and a home page that shows what is current:
news, coming events, new material, running campaigns and the latest newsletter."""

import datetime
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail import hooks

from kvinnofrid.events.tests.factories import event_create
from kvinnofrid.knowledge.models import KnowledgeBankPage
from kvinnofrid.knowledge.tests.factories import make_resource
from kvinnofrid.newsletter.tests.test_rendering import issue_create, list_create
from kvinnofrid.pages.current import HOME_CAMPAIGNS_HOOK
from kvinnofrid.pages.models import CountyPage, HomePage, NewsIndexPage, NewsPage
from kvinnofrid.pages.services import site_provision
from kvinnofrid.supportlines.models import SupportLineIndexPage

pytestmark = pytest.mark.django_db


def news_index(county_code=None) -> NewsIndexPage:
    parent = (
        CountyPage.objects.get(county__code=county_code) if county_code else HomePage.objects.get()
    )
    return NewsIndexPage.objects.child_of(parent).get()


def news_create(index, title, *, days_ago=0, intro="En kort ingress.", **fields) -> NewsPage:
    page = index.add_child(
        instance=NewsPage(
            title=title,
            date=datetime.date.today() - datetime.timedelta(days=days_ago),
            intro=intro,
            **fields,
        )
    )
    page.save_revision().publish()
    return NewsPage.objects.get(pk=page.pk)


def test_provisioning_gives_every_county_and_the_nation_one_news_page():
    assert NewsIndexPage.objects.count() == 22
    assert NewsIndexPage.objects.child_of(HomePage.objects.get()).count() == 1
    for county_page in CountyPage.objects.all():
        assert NewsIndexPage.objects.child_of(county_page).live().count() == 1
    site_provision()
    assert NewsIndexPage.objects.count() == 22


def test_provisioning_leaves_a_county_alone_whose_aktuellt_slug_is_taken():
    from kvinnofrid.pages.models import InformationPage

    stockholm = CountyPage.objects.get(county__code="01")
    NewsIndexPage.objects.child_of(stockholm).get().delete()
    stockholm.add_child(instance=InformationPage(title="Aktuellt", slug="aktuellt"))
    site_provision()
    assert not NewsIndexPage.objects.child_of(stockholm).exists()


def test_a_news_item_knows_its_county_from_where_it_stands(cast):
    item = news_create(news_index("01"), "Ny kartläggning")
    national = news_create(news_index(), "Nationell nyhet")
    assert item.county == cast.county_a and national.county is None


def test_the_news_listing_is_newest_first_and_paginated(client):
    index = news_index("01")
    for number in range(12):
        news_create(index, f"Nyhet nummer {number}", days_ago=number)
    first = client.get("/stockholm/aktuellt/").content.decode()
    assert "12 nyheter" in first
    assert first.index("Nyhet nummer 0<") < first.index("Nyhet nummer 9<")
    assert "Nyhet nummer 11<" not in first and 'href="?sida=2"' in first
    second = client.get("/stockholm/aktuellt/?sida=2").content.decode()
    assert "Nyhet nummer 11<" in second and "Nyhet nummer 0<" not in second


def test_a_news_page_shows_date_intro_body_and_county(client):
    news_create(
        news_index("01"),
        "Ny handbok om barn som upplever våld",
        intro="Länsstyrelsen ger ut en handbok.",
        body="<p>Handboken riktar sig till socialtjänsten.</p>",
    )
    page = client.get("/stockholm/aktuellt/ny-handbok-om-barn-som-upplever-vald/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Länsstyrelsen ger ut en handbok." in text
    assert "Handboken riktar sig till socialtjänsten." in text
    assert "Stockholms län" in text


def test_a_news_image_needs_an_alternative_text():
    from kvinnofrid.newsletter.tests.test_rendering import image_create

    page = NewsPage(title="Bildnyhet", intro="Ingress", image=image_create())
    page.slug = "bildnyhet"
    with pytest.raises(ValidationError) as error:
        news_index("01").add_child(instance=page)
    assert "image_alt" in error.value.message_dict


def test_the_county_page_shows_its_newest_news(client):
    index = news_index("01")
    for number in range(4):
        news_create(index, f"Länsnyhet {number}", days_ago=number)
    news_create(news_index("03"), "Uppsalanyhet")
    page = client.get("/stockholm/").content.decode()
    assert "Länsnyhet 0" in page and "Länsnyhet 2" in page
    assert "Länsnyhet 3" not in page and "Uppsalanyhet" not in page
    assert page.index("Länsnyhet 0") < page.index("Länsnyhet 2")
    assert "Det finns inga nyheter från länet ännu." not in page


def test_the_home_page_shows_national_news_and_the_newest_from_the_counties(client):
    news_create(news_index(), "Regeringen ger nytt uppdrag")
    news_create(news_index("01"), "Stockholm startar nätverk")
    page = client.get("/").content.decode()
    assert "Regeringen ger nytt uppdrag" in page
    assert "Nytt från länen" in page and "Stockholm startar nätverk" in page
    assert 'href="/aktuellt/"' in page


def test_the_home_page_shows_coming_events_and_new_material(cast, client):
    HomePage.objects.get().add_child(
        instance=KnowledgeBankPage(title="Kunskapsbank", slug="kunskapsbank")
    )
    event_create(county=cast.county_a, title="Länskonferens om heder", days=(10,))
    event_create(county=cast.county_a, title="Passerad utbildning", days=(-10,))
    make_resource(title="Ny nationell vägledning", year=2026)
    make_resource(title="Opublicerat material", live=False)
    page = client.get("/").content.decode()
    assert "Länskonferens om heder" in page and "Passerad utbildning" not in page
    assert "Ny nationell vägledning" in page and "Opublicerat material" not in page


def test_the_home_page_shows_the_latest_sent_national_newsletter(cast, client):
    national = list_create()
    issue_create(national, title="Nyhetsbrev mars", sent=True)
    issue_create(national, title="Ej skickat nummer")
    issue_create(list_create(county=cast.county_a), title="Stockholms nummer", sent=True)
    page = client.get("/").content.decode()
    assert "Senaste nyhetsbrevet" in page
    assert "Nyhetsbrev mars" in page
    assert "Ej skickat nummer" not in page and "Stockholms nummer" not in page


def test_the_home_page_falls_back_to_a_county_newsletter(cast, client):
    issue_create(list_create(county=cast.county_a), title="Stockholms nummer", sent=True)
    assert "Stockholms nummer" in client.get("/").content.decode()


@dataclass
class Campaign:
    title: str
    url: str
    summary: str = ""
    period: str = ""


def test_running_campaigns_show_only_when_an_app_provides_them(client):
    assert "Pågående kampanjer" not in client.get("/").content.decode()

    def provider(request):
        return [Campaign("Kampanjen Köp inte sex", "/kampanjer/kop-inte-sex/", period="1/2–31/3")]

    with hooks.register_temporarily(HOME_CAMPAIGNS_HOOK, provider):
        page = client.get("/").content.decode()
    assert "Pågående kampanjer" in page
    assert 'href="/kampanjer/kop-inte-sex/"' in page and "1/2–31/3" in page


def test_the_home_help_box_links_the_support_line_directory(client):
    HomePage.objects.get().add_child(
        instance=SupportLineIndexPage(title="Stödlinjer", slug="stodlinjer")
    )
    page = client.get("/").content.decode()
    help_box = page[page.index('id="hjalp"') : page.index("</section>", page.index('id="hjalp"'))]
    assert 'href="/stodlinjer/"' in help_box


def test_the_home_page_lists_its_in_menu_child_pages_but_not_the_counties_twice(client):
    from kvinnofrid.pages.models import InformationPage

    home = HomePage.objects.get()
    home.add_child(instance=InformationPage(title="Om webbplatsen", slug="om", show_in_menus=True))
    CountyPage.objects.filter(county__code="01").update(show_in_menus=True)
    page = client.get("/").content.decode()
    start = page.index('class="section-menu"')
    menu = page[start : page.index("</nav>", start)]
    assert 'href="/om/"' in menu and 'href="/aktuellt/"' in menu
    assert "/stockholm/" not in menu


def _home_queries(client) -> int:
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    return len(queries)


def test_the_home_page_costs_the_same_queries_at_two_sizes(cast, client):
    HomePage.objects.get().add_child(
        instance=KnowledgeBankPage(title="Kunskapsbank", slug="kunskapsbank")
    )

    def fill(count):
        for number in range(count):
            news_create(news_index(), f"Nationell {count}-{number}")
            news_create(news_index("01"), f"Stockholm {count}-{number}")
            event_create(county=cast.county_a, days=(5 + number,))
            make_resource(title=f"Material {count}-{number}")

    fill(1)
    few = _home_queries(client)
    fill(4)
    assert _home_queries(client) == few
