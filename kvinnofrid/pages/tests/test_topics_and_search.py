import pytest
from django.core.management import call_command

from kvinnofrid.pages.models import TopicIndexPage, TopicPage

pytestmark = pytest.mark.django_db


def test_the_national_topic_pages_exist_and_are_published(demo_content, client):
    titles = set(
        TopicPage.objects.live()
        .child_of(TopicIndexPage.objects.get())
        .values_list("title", flat=True)
    )
    assert {
        "Vad är mäns våld mot kvinnor?",
        "Den nationella strategin",
        "Länsstyrelsernas uppdrag",
        "Hedersrelaterat våld och förtryck",
        "Prostitution och människohandel",
        "Barn som upplever våld",
        "Våld mot djur och våld mot människor",
    } == titles
    body = client.get("/om-mans-vald-mot-kvinnor/").content.decode()
    assert body.count('class="card"') == 7
    strategy = client.get("/om-mans-vald-mot-kvinnor/den-nationella-strategin/").content.decode()
    assert "Ett utökat och verkningsfullt förebyggande arbete mot våld" in strategy
    assert "Om mäns våld mot kvinnor</a>" in strategy  # breadcrumb and menu


def test_topic_pages_are_tagged_with_violence_areas(demo_content):
    honour = TopicPage.objects.get(slug="hedersrelaterat-vald-och-fortryck")
    assert "hedersrelaterat-vald" in honour.violence_areas.values_list("slug", flat=True)


def test_search_finds_pages_by_words_in_their_text(demo_content, client):
    response = client.get("/sok/", {"q": "barnfridsbrott"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Barn som upplever våld" in body
    assert "1 träff för ”barnfridsbrott”" in body


def test_search_says_so_when_nothing_is_found(demo_content, client):
    body = client.get("/sok/", {"q": "xyzzyqwerty"}).content.decode()
    assert "0 träffar" in body
    assert "Försök med ett annat ord" in body


def test_search_does_not_find_unpublished_pages(demo_content, client):
    page = TopicPage.objects.get(slug="barn-som-upplever-vald")
    page.unpublish()
    call_command("wagtail_update_index", verbosity=0)
    assert (
        "Barn som upplever våld"
        not in client.get("/sok/", {"q": "barnfridsbrott"}).content.decode()
    )


def test_an_empty_search_shows_only_the_form(client):
    body = client.get("/sok/").content.decode()
    assert 'id="sok-fraga"' in body
    assert "träff" not in body


def test_county_pages_render_empty_sections_gracefully(client):
    body = client.get("/gotland/").content.decode()
    assert "Nätverk i länet" in body
    assert "Det finns inga kommande evenemang just nu." in body


def test_search_points_to_the_knowledge_bank_with_the_same_words(demo_content, client):
    html = client.get("/sok/?q=tvångsäktenskap").content.decode()
    assert 'href="/kunskapsbank/?q=tv%C3%A5ngs%C3%A4ktenskap"' in html
    assert "Sök efter ”tvångsäktenskap” i kunskapsbanken" in html
