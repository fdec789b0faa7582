"""Rendering an issue to its three outputs: the web version, the PDF and the e-mail.

All three read the same `IssueContent` (`issue_content`), so a section or an item cannot
appear in one and be missing from another; they differ only in where an image's file is
found (a page URL, an absolute URL for mail clients, a local file for WeasyPrint) and in
markup. The e-mail is rendered once per send and never depends on the subscriber: each
subscriber's own links are placeholders that `mailing.build_message` fills in. Nothing in
it tracks the reader: no pixels, no query parameters added to any link.
"""

import datetime
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import css_inline
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import escape

from kvinnofrid.events.ics import absolute_url
from kvinnofrid.pages.models import InformationPage

from .blocks import SectionKind
from .mailing import PREFERENCES_PLACEHOLDER, UNSUBSCRIBE_PLACEHOLDER, RenderedIssue
from .models import NewsletterIssuePage, NewsletterListPage

# Image sizes: the web column, the 600 px e-mail less its padding, the A4 text column.
WEB_IMAGE_SPEC = "max-800x800"
EMAIL_IMAGE_WIDTH = 552
PDF_IMAGE_SPEC = "max-1000x1000"

WEB, EMAIL, PDF = "web", "email", "pdf"


@dataclass(frozen=True)
class ImageRef:
    src: str
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Item:
    heading: str
    html: str  # the rich text, page links expanded to absolute addresses
    text: str  # the same as plain text, links written out
    image: ImageRef | None
    links: list[Link]


@dataclass(frozen=True)
class Section:
    kind: str
    heading: str
    intro: str
    items: list[Item]
    anchor: str


@dataclass(frozen=True)
class IssueLinks:
    """Absolute addresses every output links to. None of them names a person."""

    web: str
    pdf: str
    forward: str
    subscribe: str
    archive: str
    privacy: str


@dataclass(frozen=True)
class IssueContent:
    issue: NewsletterIssuePage
    newsletter: NewsletterListPage
    title: str
    date: datetime.date | None
    intro: str
    preheader: str
    sections: list[Section]
    links: IssueLinks


def privacy_notice_url(*, absolute: bool = True) -> str:
    page = InformationPage.objects.live().filter(role=InformationPage.Role.PRIVACY_NOTICE).first()
    if not page or not page.url:
        return ""
    return absolute_url(page.url) if absolute else page.url


def subscribe_url(newsletter: NewsletterListPage, *, absolute: bool = True) -> str:
    # ?lista= preselects the list on the sign-up form; it says nothing about the reader.
    url = f"{reverse('newsletter-subscribe')}?lista={newsletter.pk}"
    return absolute_url(url) if absolute else url


def forward_url(newsletter: NewsletterListPage, *, absolute: bool = True) -> str:
    if not newsletter.url:
        return ""
    url = newsletter.url + newsletter.reverse_subpage("forward")
    return absolute_url(url) if absolute else url


def issue_links(
    issue: NewsletterIssuePage, newsletter: NewsletterListPage, *, absolute: bool = True
) -> IssueLinks:
    """The e-mail and the PDF need whole addresses; the web version links within the
    site it is served from."""

    def whole(url: str | None) -> str:
        if not url:
            return ""
        return absolute_url(url) if absolute else url

    return IssueLinks(
        web=whole(issue.url),
        pdf=whole(issue.pdf_url()),
        forward=forward_url(newsletter, absolute=absolute),
        subscribe=subscribe_url(newsletter, absolute=absolute),
        archive=whole(newsletter.url),
        privacy=privacy_notice_url(absolute=absolute),
    )


def issue_date(issue: NewsletterIssuePage) -> datetime.date | None:
    """The date an issue carries: when its sending started; before that, when it was
    (last) published, so the preview shows a date too."""
    from .models import NewsletterSend

    try:
        moment = issue.send.started_at
    except (NewsletterSend.DoesNotExist, ValueError):
        moment = issue.last_published_at or issue.first_published_at
    return timezone.localtime(moment).date() if moment else None


# --- rich text ---------------------------------------------------------------------------

_RELATIVE_URL = re.compile(r'(\s(?:href|src)=")(/[^/"][^"]*|/)"')


def absolutise(html: str) -> str:
    """Wagtail writes links to its own pages as paths; an e-mail or a PDF needs the host."""
    return _RELATIVE_URL.sub(lambda m: f'{m.group(1)}{escape(absolute_url(m.group(2)))}"', html)


class _PlainText(HTMLParser):
    """Rich text as readable plain text: paragraphs apart, list items with a dash, each
    link's address written out after its text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.href_stack: list[str] = []
        self.link_text: list[list[str]] = []
        self.lists: list[list] = []  # [ordered, counter]

    def handle_starttag(self, tag, attrs):
        if tag in ("p", "h2", "h3", "h4", "ul", "ol"):
            self.out.append("\n\n")
        if tag in ("ul", "ol"):
            self.lists.append([tag == "ol", 0])
        elif tag == "li":
            marker = "- "
            if self.lists and self.lists[-1][0]:
                self.lists[-1][1] += 1
                marker = f"{self.lists[-1][1]}. "
            self.out.append("\n" + marker)
        elif tag == "br":
            self.out.append("\n")
        elif tag == "a":
            self.href_stack.append(dict(attrs).get("href") or "")
            self.link_text.append([])

    def handle_endtag(self, tag):
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self.out.append("\n\n")
        elif tag in ("p", "h2", "h3", "h4"):
            self.out.append("\n\n")
        elif tag == "a" and self.href_stack:
            href = self.href_stack.pop()
            text = "".join(self.link_text.pop()).strip()
            if href and href != text:
                self.out.append(f" ({href})")

    def handle_data(self, data):
        data = re.sub(r"\s+", " ", data)
        if self.link_text:
            self.link_text[-1].append(data)
        self.out.append(data)

    def text(self) -> str:
        joined = "".join(self.out)
        joined = re.sub(r"[ \t]+\n", "\n", joined)
        joined = re.sub(r"\n[ \t]+", "\n", joined)
        return re.sub(r"\n{3,}", "\n\n", joined).strip()


def plain_text(html: str) -> str:
    parser = _PlainText()
    parser.feed(html)
    parser.close()
    return parser.text()


# --- content ----------------------------------------------------------------------------


def _image(image, alt: str, output: str) -> ImageRef | None:
    if image is None:
        return None
    if output == EMAIL:
        # Mail clients scale by the width attribute; Outlook ignores CSS max-width.
        rendition = image.get_rendition(f"width-{EMAIL_IMAGE_WIDTH}")
        src = absolute_url(rendition.url)
    elif output == PDF:
        rendition = image.get_rendition(PDF_IMAGE_SPEC)
        try:
            # WeasyPrint reads the file directly rather than fetching it over HTTP.
            src = Path(rendition.file.path).as_uri()
        except NotImplementedError:
            src = absolute_url(rendition.url)
    else:
        rendition = image.get_rendition(WEB_IMAGE_SPEC)
        src = rendition.url
    return ImageRef(src=src, width=rendition.width, height=rendition.height, alt=alt)


def _sections(issue: NewsletterIssuePage, output: str) -> list[Section]:
    sections = []
    for number, block in enumerate(issue.sections, start=1):
        value = block.value
        items = []
        for item in value.get("items") or []:
            html = absolutise(str(item.get("text") or ""))
            items.append(
                Item(
                    heading=item.get("heading") or "",
                    html=html,
                    text=plain_text(html),
                    image=_image(item.get("image"), (item.get("image_alt") or "").strip(), output),
                    links=[
                        Link(label=link["label"], url=link["url"])
                        for link in item.get("links") or []
                        if link.get("url")
                    ],
                )
            )
        intro = (value.get("intro") or "").strip()
        # A standard section the editor left empty (the new-issue template starts with
        # all of them) is left out rather than shown as a bare heading.
        if not items and not intro:
            continue
        sections.append(
            Section(
                kind=value.get("kind") or SectionKind.FREE,
                heading=(value.get("heading") or "").strip() or SectionKind.label(value["kind"]),
                intro=intro,
                items=items,
                anchor=f"sektion-{number}",
            )
        )
    return sections


def issue_content(issue: NewsletterIssuePage, *, output: str = WEB) -> IssueContent:
    newsletter = issue.newsletter()
    return IssueContent(
        issue=issue,
        newsletter=newsletter,
        title=issue.title,
        date=issue_date(issue),
        intro=issue.intro.strip(),
        preheader=issue.preheader.strip(),
        sections=_sections(issue, output),
        links=issue_links(issue, newsletter, absolute=output != WEB),
    )


def _tidy_text(text: str) -> str:
    lines = [line.rstrip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def issue_email(issue: NewsletterIssuePage, *, test_send: bool = False) -> RenderedIssue:
    """The e-mail of an issue (subject, HTML, plain text), with placeholders for each
    subscriber's preference and unsubscribe links. `test_send` adds a line saying that
    those links do nothing in a test send."""
    with translation.override("sv"):
        content = issue_content(issue, output=EMAIL)
        context = {
            "content": content,
            "links": content.links,
            "date": formats.date_format(content.date, "j F Y") if content.date else "",
            "preferences_url": PREFERENCES_PLACEHOLDER,
            "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
            "sender": content.newsletter.from_name(),
            "test_send": test_send,
        }
        html = render_to_string("newsletter/email/issue.html", context)
        text = render_to_string("newsletter/email/issue.txt", context)
    # Mail clients drop <style> rules, so every rule is written onto its elements; the
    # dark-mode and narrow-screen rules cannot be, and stay in their kept <style> tag.
    html = css_inline.CSSInliner(load_remote_stylesheets=False).inline(html)
    return RenderedIssue(subject=issue.title, html=html, text=_tidy_text(text))


def issue_pdf_html(issue: NewsletterIssuePage) -> str:
    with translation.override("sv"):
        content = issue_content(issue, output=PDF)
        return render_to_string(
            "newsletter/pdf/issue.html",
            {
                "content": content,
                "links": content.links,
                "date": formats.date_format(content.date, "j F Y") if content.date else "",
            },
        )


def issue_pdf(issue: NewsletterIssuePage) -> bytes:
    from weasyprint import HTML

    return HTML(string=issue_pdf_html(issue)).write_pdf(pdf_variant="pdf/ua-1")


def pdf_filename(issue: NewsletterIssuePage) -> str:
    return f"{issue.slug or 'nyhetsbrev'}.pdf"
