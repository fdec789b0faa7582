"""Demo newsletters for `make run`: Stockholm's county list and the national list, with
subscribers who joined over the past year (so the growth table has something to show), one
sent issue each in the archive, and a published Stockholm issue ready to be sent from the
admin. Idempotent."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.rich_text import RichText

from kvinnofrid.events.ics import absolute_url
from kvinnofrid.events.models import stockholm_today
from kvinnofrid.knowledge.models import KnowledgeBankPage
from kvinnofrid.pages.models import CountyPage, HomePage
from kvinnofrid.regions.choices import OrganisationType

from . import sending
from .blocks import SectionKind
from .models import (
    Delivery,
    NewsletterIssuePage,
    NewsletterListPage,
    NewsletterSend,
    Subscriber,
    Subscription,
)
from .prefill import new_issue_sections

ORGANISATION_TYPES = [
    OrganisationType.MUNICIPALITY,
    OrganisationType.REGION,
    OrganisationType.WOMENS_SHELTER,
    OrganisationType.POLICE,
    OrganisationType.AGENCY,
    OrganisationType.VICTIM_SUPPORT,
]


def _item(heading: str, text: str, links: list[tuple[str, str]] = ()) -> dict:
    return {
        "heading": heading,
        "text": RichText(f"<p>{text}</p>"),
        "image": None,
        "image_alt": "",
        "links": [{"label": label, "url": url} for label, url in links],
    }


def _knowledge_bank_link() -> list[tuple[str, str]]:
    bank = KnowledgeBankPage.objects.live().first()
    return [("Till kunskapsbanken", absolute_url(bank.url))] if bank and bank.url else []


def _stockholm_sections(today: datetime.date) -> list[tuple[str, dict]]:
    sections = new_issue_sections(
        county=CountyPage.objects.get(county__code="01").county, today=today
    )
    content = {
        SectionKind.MATERIAL: [
            _item(
                "Nytt metodstöd: att fråga om våld",
                "Ett stöd för socialtjänst och hälso- och sjukvård i att ställa frågor om "
                "våld rutinmässigt, med samtalsexempel och en mall för lokal rutin.",
                _knowledge_bank_link(),
            ),
            _item(
                "Samordnad individuell plan (SIP) – mall",
                "Mallen för en samordnad individuell plan när en våldsutsatt behöver stöd "
                "från både kommun och region finns nu i kunskapsbanken.",
            ),
        ],
        SectionKind.REPORTS: [
            _item(
                "Så arbetar länets kommuner mot våld i nära relationer",
                "Årets kartläggning visar att fler kommuner har en aktuell handlingsplan, "
                "men att få följer upp den med indikatorer. Läs hela sammanställningen.",
            )
        ],
        SectionKind.LAWS: [
            _item(
                "Den nya socialtjänstlagen gäller",
                "Socialtjänstlagen (2025:400) trädde i kraft den 1 juli 2025, med ett större "
                "fokus på förebyggande arbete och lättillgängliga insatser.",
            )
        ],
    }
    for _block, value in sections:
        value["items"] = content.get(value["kind"], value["items"])
    return sections


def _list(parent, *, title: str, slug: str, intro: str) -> NewsletterListPage:
    existing = NewsletterListPage.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    newsletter = parent.add_child(instance=NewsletterListPage(title=title, slug=slug, intro=intro))
    newsletter.save_revision().publish()
    return newsletter


def _issue(newsletter, *, title: str, slug: str, intro: str, preheader: str, sections):
    existing = NewsletterIssuePage.objects.child_of(newsletter).filter(slug=slug).first()
    if existing:
        return existing
    issue = newsletter.add_child(
        instance=NewsletterIssuePage(
            title=title, slug=slug, intro=intro, preheader=preheader, sections=sections
        )
    )
    issue.save_revision().publish()
    return issue


def _subscribers(newsletters: list, *, count: int, prefix: str, now) -> None:
    if Subscriber.objects.filter(email__startswith=f"{prefix}-").exists():
        return
    for number in range(count):
        joined = now - datetime.timedelta(days=(number * 37) % 360)
        subscriber = Subscriber.objects.create(
            email=f"{prefix}-{number}@exempel.se",
            name="",
            organisation_type=ORGANISATION_TYPES[number % len(ORGANISATION_TYPES)],
        )
        for newsletter in newsletters:
            status = Subscription.Status.ACTIVE
            if number % 11 == 5:
                status = Subscription.Status.UNSUBSCRIBED
            elif number % 13 == 7:
                status = Subscription.Status.PENDING
            subscription = Subscription.objects.create(
                subscriber=subscriber, newsletter=newsletter, status=status
            )
            Subscription.objects.filter(pk=subscription.pk).update(
                created_at=joined,
                confirmed_at=joined if status != Subscription.Status.PENDING else None,
                unsubscribed_at=joined + datetime.timedelta(days=20)
                if status == Subscription.Status.UNSUBSCRIBED
                else None,
            )


def _sent_earlier(issue, *, user, days_ago: int) -> None:
    """Record a send as if it had gone out on that day (no mail is written for it)."""
    if NewsletterSend.objects.filter(issue=issue).exists():
        return
    send = sending.send_start(issue=issue, user=user, lists=[issue.newsletter()])
    when = timezone.now() - datetime.timedelta(days=days_ago)
    Delivery.objects.filter(send=send).update(status=Delivery.Status.SENT, attempts=1, sent_at=when)
    NewsletterSend.objects.filter(pk=send.pk).update(
        status=NewsletterSend.Status.DONE, started_at=when, finished_at=when
    )


def demo_newsletters_load() -> None:
    users = get_user_model().objects
    editor = users.get(username="demo-redaktor")
    national_user = users.get(username="demo-nationell")
    today = stockholm_today()
    now = timezone.now()
    stockholm = _list(
        CountyPage.objects.get(county__code="01"),
        title="Nyhetsbrev om mäns våld mot kvinnor i Stockholms län",
        slug="nyhetsbrev",
        intro=(
            "Länsstyrelsens nyhetsbrev för dig som arbetar mot mäns våld mot kvinnor i "
            "länet: nytt material, rapporter, nya lagar och kommande utbildningar."
        ),
    )
    national = _list(
        HomePage.objects.get(),
        title="Länsstyrelsernas nationella nyhetsbrev",
        slug="nyhetsbrev",
        intro="Nytt från länsstyrelsernas gemensamma arbete mot mäns våld mot kvinnor.",
    )
    _subscribers([stockholm], count=40, prefix="stockholm", now=now)
    _subscribers([national], count=20, prefix="nationell", now=now)
    _subscribers([stockholm, national], count=8, prefix="bada", now=now)

    autumn = _issue(
        stockholm,
        title="Nyhetsbrev oktober",
        slug="oktober",
        intro="Hösten är här, och med den länets nätverksträffar och två nya metodstöd.",
        preheader="Nytt metodstöd, årets kartläggning och höstens utbildningar",
        sections=_stockholm_sections(today),
    )
    _sent_earlier(autumn, user=editor, days_ago=45)
    _issue(
        stockholm,
        title="Nyhetsbrev december",
        slug="december",
        intro="Årets sista nummer: vad vi gjorde i år och vad som kommer i vår.",
        preheader="Årets sista nummer",
        sections=_stockholm_sections(today),
    )
    national_issue = _issue(
        national,
        title="Nationellt nyhetsbrev hösten",
        slug="hosten",
        intro="Länsstyrelsernas gemensamma lägesbild och nationella utbildningar.",
        preheader="Lägesbild och nationella utbildningar",
        sections=new_issue_sections(county=None, today=today),
    )
    _sent_earlier(national_issue, user=national_user, days_ago=30)
