"""Demo accounts and content for `make run`. Idempotent: a second run changes nothing."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kvinnofrid.coordination.demo import demo_coordination_load
from kvinnofrid.events.demo import demo_events_load
from kvinnofrid.knowledge.demo import demo_resources_load
from kvinnofrid.knowledge.models import KnowledgeBankPage
from kvinnofrid.newsletter.demo import demo_newsletters_load
from kvinnofrid.pages import demo_pages
from kvinnofrid.pages.models import (
    CountyPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    TopicIndexPage,
    TopicPage,
)
from kvinnofrid.plans.demo import demo_plans_load
from kvinnofrid.regions.models import County, ViolenceArea
from kvinnofrid.reports.demo import demo_reports_load
from kvinnofrid.supportlines.models import SupportLineIndexPage
from kvinnofrid.supportlines.services import support_lines_seed
from kvinnofrid.surveys.demo import demo_surveys_load
from kvinnofrid.tenancy.models import CountyMembership, Role
from kvinnofrid.tenancy.services import membership_grant

DEMO_PASSWORD = "kvinnofrid-demo"
DEMO_USERS = [
    # username, first name, last name, role, county code
    ("demo-redaktor", "Rut", "Redaktör", Role.EDITOR, "01"),
    ("demo-samordnare", "Sara", "Samordnare", Role.COORDINATOR, "01"),
    ("demo-nationell", "Nora", "Nationell", Role.NATIONAL, None),
]

HOME_BODY = (
    "<h2>Om Kvinnofrid</h2>"
    "<p>Länsstyrelserna har i uppdrag att samordna arbetet mot mäns våld mot kvinnor i "
    "varje län. Det handlar om att föra ut den nationella strategin till kommuner, regioner "
    "och andra aktörer, att stödja kompetensutveckling och att följa upp arbetet.</p>"
)
STOCKHOLM_MISSION = (
    "<p>Länsstyrelsen i Stockholms län samordnar länets arbete mot mäns våld mot kvinnor. "
    "Vi besöker kommunerna, leder nätverk för kommunernas kvinnofridssamordnare, "
    "anordnar utbildningar och följer upp arbetet i en årlig lägesrapport.</p>"
)
STOCKHOLM_CONTACT = "<p>Samordnare mot mäns våld mot kvinnor, Länsstyrelsen i Stockholms län.</p>"


class Command(BaseCommand):
    help = "Create demo staff accounts and demo content (for development only)."

    @transaction.atomic
    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo content is for development settings (DEBUG=True) only.")
        User = get_user_model()
        admin, created = User.objects.get_or_create(
            username="admin",
            defaults={"is_staff": True, "is_superuser": True, "first_name": "Admin"},
        )
        if created:
            admin.set_password(DEMO_PASSWORD)
            admin.save()
        for username, first, last, role, county_code in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@example.org",
                },
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            county = County.objects.get(code=county_code) if county_code else None
            if not CountyMembership.objects.filter(user=user, role=role, county=county).exists():
                membership_grant(user=user, role=role, county=county, granted_by=admin)

        home = HomePage.objects.get()
        if not home.body:
            home.body = HOME_BODY
            home.save_revision(user=admin).publish()
        stockholm = CountyPage.objects.get(county__code="01")
        if not stockholm.mission:
            stockholm.mission = STOCKHOLM_MISSION
            stockholm.contact = STOCKHOLM_CONTACT
            stockholm.save_revision(user=admin).publish()
        self._topic_pages(home, admin)
        self._news(home, stockholm, admin)
        support_lines_seed()
        if not SupportLineIndexPage.objects.child_of(home).exists():
            directory = home.add_child(
                instance=SupportLineIndexPage(
                    title="Stödlinjer",
                    slug="stodlinjer",
                    intro=(
                        "Här når du stödlinjer för dig som är utsatt för våld, för anhöriga och "
                        "för yrkesverksamma. Du ser direkt vilka som är öppna just nu."
                    ),
                    search_description="Stödlinjer om våld, med öppettider och om de är öppna nu.",
                )
            )
            directory.save_revision(user=admin).publish()
        if not KnowledgeBankPage.objects.exists():
            bank = home.add_child(
                instance=KnowledgeBankPage(
                    title="Kunskapsbank",
                    slug="kunskapsbank",
                    intro=(
                        "Rapporter, kartläggningar, handböcker, mallar och metodstöd från "
                        "länsstyrelserna och andra aktörer. Sökningen letar även i filerna."
                    ),
                    search_description=(
                        "Sök bland rapporter, kartläggningar, handböcker och metodstöd om mäns "
                        "våld mot kvinnor."
                    ),
                )
            )
            bank.save_revision(user=admin).publish()
        demo_resources_load(user=admin)
        demo_events_load(user=admin)
        demo_coordination_load(user=admin)
        # After the coordination demo: it made the network shown here.
        self._public_county_info(admin)
        demo_plans_load(user=admin)
        # After the coordination demo: the invitations go to its contacts.
        demo_surveys_load(user=admin)
        # Last: the report gathers what the demos above made.
        demo_reports_load(user=admin)
        # Issues show the calendar of the events demo.
        demo_newsletters_load()
        self.stdout.write("Demo content ready.")

    def _topic_pages(self, home, admin):
        index = TopicIndexPage.objects.child_of(home).filter(slug=demo_pages.TOPIC_INDEX["slug"])
        index = index.first()
        if index is None:
            index = home.add_child(
                instance=TopicIndexPage(
                    search_description=demo_pages.TOPIC_INDEX["intro"], **demo_pages.TOPIC_INDEX
                )
            )
            index.save_revision(user=admin).publish()
        for topic in demo_pages.TOPICS:
            if TopicPage.objects.child_of(index).filter(slug=topic["slug"]).exists():
                continue
            page = index.add_child(
                instance=TopicPage(
                    title=topic["title"],
                    slug=topic["slug"],
                    intro=topic["intro"],
                    body=topic["body"],
                    search_description=topic["intro"],
                )
            )
            page.violence_areas.set(ViolenceArea.objects.filter(slug__in=topic["areas"]))
            page.save_revision(user=admin).publish()

    def _news(self, home, stockholm, admin):
        import datetime

        from django.utils import timezone

        today = timezone.localdate()
        areas = {area.slug: area for area in ViolenceArea.objects.all()}
        for county_code, items in demo_pages.NEWS.items():
            parent = stockholm if county_code == "01" else home
            index = NewsIndexPage.objects.child_of(parent).first()
            if index is None:
                continue  # provisioning makes one; an editor may have removed it
            for item in items:
                if NewsPage.objects.child_of(index).filter(slug=item["slug"]).exists():
                    continue
                page = index.add_child(
                    instance=NewsPage(
                        title=item["title"],
                        slug=item["slug"],
                        date=today - datetime.timedelta(days=item["days_ago"]),
                        intro=item["intro"],
                        body=item["body"],
                        search_description=item["intro"],
                    )
                )
                page.violence_areas.set([areas[slug] for slug in item["areas"] if slug in areas])
                page.save_revision(user=admin).publish()

    def _public_county_info(self, admin):
        """Stockholm's page shows a public network and two of the board's staff."""
        from kvinnofrid.coordination.demo import MARKER_NETWORK
        from kvinnofrid.coordination.models import Contact, Network, Organisation

        stockholm = County.objects.get(code="01")
        network = Network.objects.filter(name=MARKER_NETWORK).first()
        if network is not None and not network.is_public:
            network.is_public = True
            for field, value in demo_pages.STOCKHOLM_PUBLIC_NETWORK.items():
                setattr(network, field, value)
            network.save()
        board, _ = Organisation.objects.get_or_create(
            name=demo_pages.STOCKHOLM_BOARD,
            county=stockholm,
            defaults={"kind": Organisation.Kind.AGENCY},
        )
        for name, title, phone, email in demo_pages.STOCKHOLM_PUBLIC_CONTACTS:
            Contact.objects.get_or_create(
                county=stockholm,
                organisation=board,
                name=name,
                defaults={
                    "title": title,
                    "phone": phone,
                    "email": email,
                    "is_public": True,
                    "source": "Länsstyrelsens personal (demo)",
                },
            )
