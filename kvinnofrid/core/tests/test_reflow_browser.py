"""Reflow (WCAG 1.4.10): every public page can be read at 320 CSS pixels wide, the width
of a 1280 px window at 400 % zoom, with no sideways scrolling of the page.

The page list is not written by hand: it is every page of the demo site's /sitemap.xml
plus the public views outside the page tree (search, filtered listings, the calendar
archive, resource and plan details, the subscriber and survey pages behind signed links,
the 404 page and the English interface). A page fails when the document is wider than
the viewport; the message names the element that sticks out furthest, so the fix can be
found without opening a browser."""

import time
import xml.etree.ElementTree as ET
from urllib.parse import urlencode, urlsplit

import pytest
from django.urls import reverse

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORT = {"width": 320, "height": 800}
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}

# Runs in the page: the document's overflow, and what sticks out furthest beyond the
# viewport: an element's box or a run of text (a long word overflows its box without
# widening it, so boxes alone would miss it). Whatever sits inside its own scroll container
# (a wide table in a focusable region) does not widen the page and is not an offender.
MEASURE = """
() => {
  const root = document.documentElement;
  const viewport = root.clientWidth;
  const result = {scrollWidth: root.scrollWidth, viewport: viewport, offender: null};
  if (root.scrollWidth <= viewport) return result;
  // A scroll container clips its content, except what is positioned against an element
  // outside it; when nothing unclipped is found, the second pass names what is left.
  let trustClipping = true;
  const clipped = (element) => {
    if (!trustClipping) return false;
    for (let node = element.parentElement; node && node !== document.body;
         node = node.parentElement) {
      if (getComputedStyle(node).overflowX !== "visible") return true;
    }
    return false;
  };
  const describe = (element) => {
    let name = element.tagName.toLowerCase();
    if (element.id) name += "#" + element.id;
    if (typeof element.className === "string" && element.className.trim())
      name += "." + element.className.trim().split(/\\s+/).join(".");
    return name;
  };
  let worst = null;
  const consider = (element, box, kind, text) => {
    if (box.width === 0 || box.right <= viewport + 0.5) return;
    if (getComputedStyle(element).overflowX !== "visible" && kind === "text") return;
    if (clipped(element)) return;
    // Ties go to the later (deeper) candidate: the child that pushes, not its parents.
    if (!worst || box.right >= worst.right)
      worst = {element, kind, text, right: box.right, width: box.width};
  };
  const search = () => {
    for (const element of document.body.querySelectorAll("*")) {
      consider(element, element.getBoundingClientRect(), "box", element.textContent);
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim() || !node.parentElement) continue;
      range.selectNodeContents(node);
      consider(node.parentElement, range.getBoundingClientRect(), "text", node.textContent);
    }
  };
  search();
  if (!worst) {
    trustClipping = false;
    search();
  }
  if (worst) {
    const path = [];
    for (let node = worst.element; node && node !== document.body; node = node.parentElement)
      path.unshift(describe(node));
    result.offender = {
      kind: worst.kind,
      path: path.slice(-4).join(" > "),
      right: Math.round(worst.right),
      width: Math.round(worst.width),
      text: (worst.text || "").trim().replace(/\\s+/g, " ").slice(0, 60),
    };
  }
  return result;
}
"""


def sitemap_paths(page) -> list[str]:
    response = page.request.get("/sitemap.xml")
    assert response.ok, response.status
    root = ET.fromstring(response.body())
    return [urlsplit(loc.text).path for loc in root.iterfind("sm:url/sm:loc", SITEMAP_NS)]


def filtered_query(page, path: str) -> str:
    """The listing at `path` with each of its filter selects set to its first real choice:
    the filtered results and the chosen options are part of what must reflow."""
    page.goto(path)
    choices = page.evaluate(
        """() => [...document.querySelectorAll("main form select[name]")].map((select) => {
             const option = [...select.options].find((o) => o.value);
             return option ? [select.name, option.value] : null;
           }).filter(Boolean)"""
    )
    assert choices, f"{path} has no filters to choose"
    return path + "?" + urlencode([tuple(choice) for choice in choices])


def public_paths(page) -> list[str]:
    """Every public page of the demo site and the public views outside the page tree."""
    from kvinnofrid.events.models import CalendarPage, EventPage, Registration
    from kvinnofrid.events.services import registration_token
    from kvinnofrid.knowledge.models import KnowledgeBankPage
    from kvinnofrid.newsletter import tokens
    from kvinnofrid.newsletter.models import NewsletterListPage, Subscription
    from kvinnofrid.surveys.models import Invitation
    from kvinnofrid.surveys.services import invitation_token

    paths = sitemap_paths(page)
    calendar = CalendarPage.objects.live().get()
    bank = KnowledgeBankPage.objects.live().get()
    paths += [
        reverse("search") + "?q=v%C3%A5ld",
        reverse("search") + "?q=ingenting-som-finns",
        filtered_query(page, "/stodlinjer/"),
        filtered_query(page, calendar.url),
        calendar.archive_url(),
        bank.url + "?q=v%C3%A5ld",
        reverse("plans:list"),
        reverse("newsletter-subscribe"),
        reverse("newsletter-subscribe-done"),
        "/finns-inte/",
    ]
    paths += [event.url for event in EventPage.objects.live()]
    # The resource details are routes of the knowledge bank page; links from its listing.
    page.goto(bank.url)
    paths += page.eval_on_selector_all(
        ".resource-list h3 a", "(links) => links.map((a) => a.pathname)"
    )
    page.goto(reverse("plans:list"))
    paths += page.eval_on_selector_all(
        "main a[href^='/handlingsplaner/']", "(links) => links.map((a) => a.pathname)"
    )
    for newsletter in NewsletterListPage.objects.live():
        paths.append(newsletter.url + newsletter.reverse_subpage("forward"))

    # Pages behind personal links, as the e-mails give them.
    registration = Registration.objects.first()
    if registration is not None:
        paths.append(
            reverse("event-registration", kwargs={"token": registration_token(registration)})
        )
    active = Subscription.objects.filter(status=Subscription.Status.ACTIVE).first()
    pending = Subscription.objects.filter(status=Subscription.Status.PENDING).first()
    paths += [
        reverse(
            "newsletter-preferences",
            kwargs={"token": tokens.preferences_token(active.subscriber)},
        ),
        reverse(
            "newsletter-unsubscribe",
            kwargs={
                "token": tokens.unsubscribe_token(active.subscriber.key.hex, active.newsletter_id)
            },
        ),
        reverse(
            "newsletter-confirm",
            kwargs={"token": tokens.confirmation_token(pending.subscriber)},
        ),
        reverse("newsletter-preferences", kwargs={"token": "forfalskad:token"}),
    ]
    open_invitation = Invitation.objects.exclude(status=Invitation.Status.SUBMITTED).first()
    answered = Invitation.objects.filter(status=Invitation.Status.SUBMITTED).first()
    paths += [
        reverse("survey-answer", kwargs={"token": invitation_token(open_invitation)}),
        reverse("survey-confirm", kwargs={"token": invitation_token(open_invitation)}),
        reverse("survey-answers", kwargs={"token": invitation_token(answered)}),
    ]
    # Last, because ?sprak=en switches the interface for the rest of the visit.
    paths += [
        "/?sprak=en",
        "/tillganglighet/?sprak=en",
        calendar.url + "?sprak=en",
        "/stodlinjer/?sprak=en",
    ]
    return list(dict.fromkeys(paths))


def test_every_public_page_reflows_at_320_css_pixels(page, demo_content):
    page.set_viewport_size(VIEWPORT)
    started = time.monotonic()
    paths = public_paths(page)
    assert len(paths) > 40, paths  # the walk found the demo site, not a stub

    overflowing = []
    for path in paths:
        response = page.goto(path)
        assert response is not None and response.status in (200, 404), (path, response)
        measured = page.evaluate(MEASURE)
        assert measured["viewport"] == VIEWPORT["width"], measured  # no classic scrollbar
        if measured["scrollWidth"] > measured["viewport"]:
            width, offender = measured["scrollWidth"], measured["offender"]
            overflowing.append(f"{path}: {width} px wide; sticks out furthest: {offender}")
    elapsed = time.monotonic() - started
    print(f"reflow: {len(paths)} pages at {VIEWPORT['width']} px in {elapsed:.1f} s")
    assert overflowing == [], "\n".join(overflowing)
