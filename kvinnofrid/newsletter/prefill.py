"""What a new issue starts with: the standard sections, the calendar one already filled
with the list's upcoming public events.

The editor gets a draft to change, not a generated section: every item is an ordinary
ItemBlock (heading, text, link) and can be edited or removed like any other. Called from
Wagtail's `init_new_page` signal (wagtail_hooks.py), which fires when the admin's "add
page" form is first shown, so an issue created in code starts empty as before.
"""

import datetime

from django.utils import formats, translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.rich_text import RichText

from kvinnofrid.events.ics import absolute_url
from kvinnofrid.events.models import EventPage, stockholm_today

from .blocks import SectionKind
from .models import NewsletterIssuePage, NewsletterListPage

# An issue is read in a few minutes; a longer calendar belongs on the calendar page.
CALENDAR_ITEM_LIMIT = 15
STANDARD_KINDS = (SectionKind.MATERIAL, SectionKind.REPORTS, SectionKind.LAWS)


def _occasion_line(occasion) -> str:
    when = _("%(day)s kl. %(start)s–%(end)s") % {
        "day": formats.date_format(occasion.date, "l j F Y"),
        "start": formats.time_format(occasion.start_time, "H.i"),
        "end": formats.time_format(occasion.end_time, "H.i"),
    }
    where = occasion.effective_format_label
    if occasion.place and occasion.effective_format != "digital":
        where = _("%(format)s: %(place)s") % {"format": where, "place": occasion.place}
    # Swedish weekdays are lower case; a line starts with a capital.
    return f"{escape(when[:1].upper() + when[1:])}<br/>{escape(where)}"


def calendar_items(*, county, today: datetime.date) -> list[dict]:
    """One item per upcoming public event of the county (national events when county is
    None), soonest first: its title, its coming dates with place or form, and a link."""
    events = EventPage.objects.live().public()
    events = events.for_county(county) if county is not None else events.national()
    events = events.upcoming(today).order_by("starts_on", "pk").for_listing()
    items = []
    with translation.override("sv"):
        for event in events[:CALENDAR_ITEM_LIMIT]:
            occasions = [o for o in event.occasions.all() if o.date >= today]
            text = "".join(f"<p>{_occasion_line(occasion)}</p>" for occasion in occasions)
            items.append(
                {
                    "heading": event.title,
                    "text": RichText(text),
                    "image": None,
                    "image_alt": "",
                    "links": [{"label": _("Läs mer och anmäl dig"), "url": absolute_url(event.url)}]
                    if event.url
                    else [],
                }
            )
    return items


def new_issue_sections(*, county, today: datetime.date) -> list[tuple[str, dict]]:
    """The standard sections in their order, as StreamField content. Headings are left
    empty so each shows its kind's name (and follows the language of the labels)."""
    sections = [
        ("section", {"kind": kind, "heading": "", "intro": "", "items": []})
        for kind in STANDARD_KINDS
    ]
    sections.append(
        (
            "section",
            {
                "kind": SectionKind.CALENDAR,
                "heading": "",
                "intro": "",
                "items": calendar_items(county=county, today=today),
            },
        )
    )
    return sections


def prefill_new_issue(*, page, parent, today: datetime.date | None = None) -> None:
    """Give a new issue, before the editor sees its form, the standard sections."""
    if not isinstance(page, NewsletterIssuePage) or page.sections:
        return
    newsletter = parent.specific if not isinstance(parent, NewsletterListPage) else parent
    if not isinstance(newsletter, NewsletterListPage):
        return
    page.sections = new_issue_sections(county=newsletter.county, today=today or stockholm_today())
