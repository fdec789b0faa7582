"""An issue rendered as e-mail: HTML with inlined styles that reads with images off and in
dark mode, a plain-text part with every link written out, and no tracking."""

import io
import itertools
import re
from email import policy
from email.parser import BytesParser

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Collection

from kvinnofrid.events.ics import absolute_url
from kvinnofrid.newsletter.mailing import (
    PREFERENCES_PLACEHOLDER,
    UNSUBSCRIBE_PLACEHOLDER,
    build_message,
)
from kvinnofrid.newsletter.models import NewsletterIssuePage, NewsletterListPage, NewsletterSend
from kvinnofrid.newsletter.rendering import issue_email, plain_text
from kvinnofrid.pages.models import CountyPage, HomePage, InformationPage

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)


# --- building issues in the page tree (imported by the other rendering test modules) ---


def list_create(*, county=None, title: str = "Nyhetsbrev om mäns våld mot kvinnor"):
    parent = CountyPage.objects.get(county=county) if county else HomePage.objects.get()
    number = next(_numbers)
    newsletter = parent.add_child(
        instance=NewsletterListPage(
            title=title, slug=f"nyhetsbrev-{number}", intro="Nyheter från länsstyrelsen."
        )
    )
    newsletter.save_revision().publish()
    return NewsletterListPage.objects.get(pk=newsletter.pk)


def image_create(title: str = "Bild"):
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 20), "purple").save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title,
        collection=Collection.get_first_root_node(),
        file=ContentFile(buffer.getvalue(), name="bild.png"),
    )


def standard_sections(*, image=None) -> list:
    return [
        (
            "section",
            {
                "kind": "material",
                "heading": "",
                "intro": "Nytt stöd för er som möter våldsutsatta.",
                "items": [
                    {
                        "heading": "Ny vägledning om skyddade personuppgifter",
                        "text": '<p>Vägledningen finns <a href="https://example.org/vagledning">'
                        "hos myndigheten</a>.</p><ul><li>för socialtjänsten</li></ul>",
                        "image": image,
                        "image_alt": "Omslaget till vägledningen" if image else "",
                        "links": [
                            {"label": "Läs vägledningen", "url": "https://example.org/vagledning"}
                        ],
                    }
                ],
            },
        ),
        (
            "section",
            {
                "kind": "reports",
                "heading": "Nya rapporter i länet",
                "intro": "",
                "items": [
                    {
                        "heading": "Kartläggning av våld i nära relationer",
                        "text": "<p>Rapporten visar läget i länets kommuner.</p>",
                        "image": None,
                        "image_alt": "",
                        "links": [],
                    }
                ],
            },
        ),
        # Left empty by the editor: it is not shown.
        ("section", {"kind": "laws", "heading": "", "intro": "", "items": []}),
    ]


def issue_create(
    newsletter,
    *,
    title: str | None = None,
    sections=None,
    sent: bool = False,
    live: bool = True,
    image=None,
):
    number = next(_numbers)
    issue = newsletter.add_child(
        instance=NewsletterIssuePage(
            title=title or f"Nyhetsbrev nummer {number}",
            slug=f"nummer-{number}",
            preheader="Ny vägledning och en kartläggning",
            intro="Hej! Här kommer månadens nyheter.",
            sections=sections if sections is not None else standard_sections(image=image),
            live=live,
        )
    )
    if live:
        issue.save_revision().publish()
    if sent:
        NewsletterSend.objects.create(issue=issue, subject=issue.title, html="", text="")
    return NewsletterIssuePage.objects.get(pk=issue.pk)


def privacy_page_create():
    """The site's privacy notice (the pages migration may already have made it)."""
    existing = InformationPage.objects.filter(role="privacy").first()
    if existing:
        if not existing.live:
            existing.save_revision().publish()
        return existing
    page = HomePage.objects.get().add_child(
        instance=InformationPage(
            title="Personuppgiftsinformation", slug="personuppgifter", role="privacy"
        )
    )
    page.save_revision().publish()
    return page


# --- the e-mail ---


@pytest.fixture
def issue(cast):
    privacy_page_create()
    return issue_create(list_create(county=cast.county_a), image=image_create())


def every_href(html: str) -> list[str]:
    return re.findall(r'href="([^"]*)"', html)


def test_the_subject_is_the_issue_title_and_the_html_is_swedish_with_the_preheader(issue):
    rendered = issue_email(issue)
    assert rendered.subject == issue.title
    assert '<html lang="sv"' in rendered.html
    preheader = re.search(r'<div class="preheader" style="([^"]*)">([^<]*)', rendered.html)
    assert "display:none" in preheader.group(1).replace(" ", "")
    assert preheader.group(2).startswith("Ny vägledning och en kartläggning")


def test_every_section_and_item_is_in_both_parts_with_default_headings(issue):
    rendered = issue_email(issue)
    for part in (rendered.html, rendered.text):
        assert "Material och metodstöd" in part  # the kind's label when no heading is set
        assert "Nya rapporter i länet" in part
        assert "Ny vägledning om skyddade personuppgifter" in part
        assert "Kartläggning av våld i nära relationer" in part
        assert "Nytt stöd för er som möter våldsutsatta." in part
        # The laws section was left empty, so it is left out.
        assert "Nya lagar och nya uppdrag" not in part


def test_the_html_has_inlined_styles_and_keeps_only_the_dark_mode_and_narrow_rules(issue):
    html = issue_email(issue).html
    assert re.search(r'<h1 style="[^"]*font-size: ?28px', html)
    assert re.search(r'<table[^>]*class="container"[^>]*style="[^"]*width: ?600px', html)
    styles = re.findall(r"<style[^>]*>(.*?)</style>", html, re.S)
    assert len(styles) == 1, "the rules that can be inlined are removed from the head"
    assert "@media (prefers-color-scheme: dark)" in styles[0]
    assert '<meta name="color-scheme" content="light dark">' in html
    assert '<meta name="supported-color-schemes" content="light dark">' in html


def test_images_carry_their_alt_text_and_no_text_depends_on_them(issue):
    html = issue_email(issue).html
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) == 1
    assert 'alt="Omslaget till vägledningen"' in images[0]
    assert re.search(r'src="https?://[^"]+\.png"', images[0]), "absolute URL for mail clients"
    # The layout is tables with widths of their own, not background images.
    assert "background-image" not in html and "background=" not in html


def test_there_is_no_tracking(issue):
    html = issue_email(issue).html
    for image in re.findall(r"<img [^>]*>", html):
        assert 'width="1"' not in image and 'height="1"' not in image
    issue_links = [
        href
        for href in every_href(html)
        if href not in (PREFERENCES_PLACEHOLDER, UNSUBSCRIBE_PLACEHOLDER)
    ]
    subscribe = absolute_url(reverse("newsletter-subscribe"))
    for href in issue_links:
        # The only query string is the list on the sign-up link, which names no person.
        if "?" in href:
            assert href == f"{subscribe}?lista={issue.newsletter().pk}", href
        assert "utm_" not in href
    assert "https://example.org/vagledning" in issue_links  # editors' links unchanged


def test_the_html_links_to_every_version_and_the_subscriber_pages(issue):
    html = issue_email(issue).html
    hrefs = every_href(html)
    newsletter = issue.newsletter()
    web = absolute_url(issue.url)
    assert web.startswith("http")
    assert web in hrefs
    assert absolute_url(issue.pdf_url()) in hrefs
    assert absolute_url(newsletter.url + "vidarebefordra/") in hrefs
    assert PREFERENCES_PLACEHOLDER in hrefs and UNSUBSCRIBE_PLACEHOLDER in hrefs
    privacy = InformationPage.objects.get(role="privacy")
    assert absolute_url(privacy.url) in hrefs


def test_the_text_part_writes_out_every_link(issue):
    rendered = issue_email(issue)
    text = rendered.text
    newsletter = issue.newsletter()
    for url in (
        absolute_url(issue.url),
        absolute_url(issue.pdf_url()),
        absolute_url(newsletter.url + "vidarebefordra/"),
        absolute_url(InformationPage.objects.get(role="privacy").url),
        PREFERENCES_PLACEHOLDER,
        UNSUBSCRIBE_PLACEHOLDER,
        "https://example.org/vagledning",
    ):
        assert url in text, url
    assert "Läs vägledningen: https://example.org/vagledning" in text
    assert "[Bild: Omslaget till vägledningen]" in text
    assert "<" not in text and "&amp;" not in text
    assert "\n\n\n" not in text


def test_a_built_message_has_both_parts_and_one_click_unsubscribe(issue):
    raw = build_message(
        rendered=issue_email(issue),
        from_email="Länsstyrelsen <nyhetsbrev@example.org>",
        to="lisa@example.org",
        preferences_url="https://kvinnofrid.example/nyhetsbrev/installningar/abc/",
        unsubscribe_url="https://kvinnofrid.example/nyhetsbrev/avsluta/abc/",
        message_id="<1@example.org>",
        list_id="<nyhetsbrev.example.org>",
    )
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert message["Subject"] == issue.title
    assert message["List-Unsubscribe"] == "<https://kvinnofrid.example/nyhetsbrev/avsluta/abc/>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    for part in (text, html):
        assert "https://kvinnofrid.example/nyhetsbrev/installningar/abc/" in part
        assert "https://kvinnofrid.example/nyhetsbrev/avsluta/abc/" in part
        assert "%%KVINNOFRID" not in part
        assert "Kartläggning av våld i nära relationer" in part


def test_the_email_does_not_depend_on_who_receives_it(issue):
    assert issue_email(issue) == issue_email(issue)


def test_page_links_in_rich_text_become_absolute_in_the_email(cast):
    newsletter = list_create(county=cast.county_a)
    sections = [
        (
            "section",
            {
                "kind": "free",
                "heading": "Fritt",
                "intro": "",
                "items": [
                    {
                        "heading": "Om oss",
                        "text": f'<p>Se <a linktype="page" id="{newsletter.pk}">arkivet</a>.</p>',
                        "image": None,
                        "image_alt": "",
                        "links": [],
                    }
                ],
            },
        )
    ]
    issue = issue_create(newsletter, sections=sections)
    rendered = issue_email(issue)
    assert f'href="{absolute_url(newsletter.url)}"' in rendered.html
    assert f"Se arkivet ({absolute_url(newsletter.url)})." in rendered.text


def test_plain_text_keeps_paragraphs_lists_and_link_addresses():
    text = plain_text(
        '<p>Första <b>stycket</b> med <a href="https://a.example/">en länk</a>.</p>'
        "<ol><li>ett</li><li>två</li></ol><p>Slut &amp; klart</p>"
    )
    assert text == (
        "Första stycket med en länk (https://a.example/).\n\n1. ett\n2. två\n\nSlut & klart"
    )
