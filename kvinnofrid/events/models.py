"""Events (the calendar): conferences, trainings, webinars and network meetings with one or
more occasions, and the registrations to them.

An `EventPage` lives under its county's page (county events) or under the `CalendarPage`
(national events); its county is derived from where it stands in the tree. Registrations
are plain rows, never page content, so publishing a page revision cannot touch them; the
per-event `RegistrationBook` holds what staff change outside the page (closing early) and
is the row that registrations lock to keep capacity exact.
"""

import datetime
import uuid
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from kvinnofrid.pages.forms import AsciiSlugPageForm
from kvinnofrid.pages.models import county_of_page
from kvinnofrid.regions.choices import OrganisationType

from .querysets import EventPageQuerySet, RegistrationQuerySet

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def stockholm_today(now: datetime.datetime | None = None) -> datetime.date:
    return timezone.localtime(now or timezone.now(), STOCKHOLM).date()


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("Konferens")
    TRAINING = "training", _("Utbildning")
    TRAIN_THE_TRAINER = "train_the_trainer", _("Utbildarutbildning")
    WEBINAR = "webinar", _("Webbinarium")
    NETWORK_MEETING = "network_meeting", _("Nätverksträff")
    INFORMATION_SESSION = "information_session", _("Informationsträff")


class EventFormat(models.TextChoices):
    PHYSICAL = "physical", _("På plats")
    DIGITAL = "digital", _("Digitalt")
    HYBRID = "hybrid", _("På plats och digitalt")


class RegistrationMode(models.TextChoices):
    NONE = "none", _("Ingen anmälan")
    EXTERNAL = "external", _("Anmälan via extern länk")
    INTERNAL = "internal", _("Anmälan här, med platser och reservlista")


class CalendarPage(RoutablePageMixin, Page):
    """The public calendar: upcoming events with filters, the archive and the iCalendar
    feeds. National events are its children; county events stand under county pages."""

    base_form_class = AsciiSlugPageForm

    intro = models.TextField(_("ingress"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["pages.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1
    events_per_page = 25

    class Meta:
        verbose_name = _("kalender")
        verbose_name_plural = _("kalendrar")

    @path("")
    def upcoming_route(self, request):
        from .views import calendar_listing

        return calendar_listing(request, calendar=self, archive=False)

    @path("arkiv/", name="archive")
    def archive_route(self, request):
        from .views import calendar_listing

        return calendar_listing(request, calendar=self, archive=True)

    def feed_url(self, feed: str) -> str:
        from django.urls import reverse

        return reverse("calendar-feed", kwargs={"feed": feed})

    def archive_url(self) -> str:
        return self.url + self.reverse_subpage("archive")


class EventPage(RoutablePageMixin, Page):
    base_form_class = AsciiSlugPageForm
    kind = models.CharField(_("typ av evenemang"), max_length=30, choices=EventKind.choices)
    summary = models.TextField(
        _("sammanfattning"), help_text=_("Visas i kalendern och i kalenderfilen.")
    )
    programme = RichTextField(_("program"), blank=True)
    organiser_name = models.CharField(
        _("annan arrangör"),
        max_length=200,
        blank=True,
        help_text=_("Lämna tomt när länsstyrelsen själv arrangerar."),
    )
    organiser_url = models.URLField(_("arrangörens webbplats"), blank=True)
    audiences = ParentalManyToManyField(
        "regions.TargetGroup", blank=True, related_name="+", verbose_name=_("målgrupper")
    )
    topics = ParentalManyToManyField(
        "regions.ViolenceArea", blank=True, related_name="+", verbose_name=_("våldsområden")
    )
    # "Genomförande", not "form": Django's own catalogue translates a msgid "Form" as
    # "Formulär", which is what staff saw.
    format = models.CharField(_("genomförande"), max_length=20, choices=EventFormat.choices)
    venue_name = models.CharField(_("plats"), max_length=200, blank=True)
    venue_address = models.CharField(_("adress"), max_length=300, blank=True)
    digital_note = models.CharField(
        _("om det digitala deltagandet"),
        max_length=300,
        blank=True,
        help_text=_("Visas öppet, t.ex. ”Sänds i Teams. Länken skickas till anmälda.”"),
    )
    joining_link = models.URLField(
        _("länk för att ansluta"),
        blank=True,
        help_text=_("Visas aldrig på webbplatsen; skickas bara till dem som fått plats."),
    )
    registration_mode = models.CharField(
        _("anmälan"),
        max_length=20,
        choices=RegistrationMode.choices,
        default=RegistrationMode.INTERNAL,
    )
    registration_url = models.URLField(_("extern anmälningslänk"), blank=True)
    capacity = models.PositiveIntegerField(
        _("antal platser"),
        null=True,
        blank=True,
        help_text=_("Lämna tomt för obegränsat antal platser."),
    )
    capacity_per_occasion = models.BooleanField(
        _("tillfällena är alternativ"),
        default=False,
        help_text=_(
            "Den som anmäler sig väljer ett av tillfällena, och varje tillfälle har egna "
            "platser och egen reservlista."
        ),
    )
    registration_deadline = models.DateField(
        _("sista anmälningsdag"),
        null=True,
        blank=True,
        help_text=_("Anmälan stänger vid dagens slut (svensk tid)."),
    )
    # Derived on save, for fast calendar queries: never edited by hand.
    county = models.ForeignKey(
        "regions.County",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="events",
        verbose_name=_("län"),
    )
    starts_on = models.DateField(_("första dag"), null=True, editable=False, db_index=True)
    ends_on = models.DateField(_("sista dag"), null=True, editable=False, db_index=True)

    objects = PageManager.from_queryset(EventPageQuerySet)()

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("programme"),
        InlinePanel("occasions", label=_("Tillfällen"), min_num=1),
        MultiFieldPanel(
            [
                FieldPanel("format"),
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldPanel("digital_note"),
                FieldPanel("joining_link"),
            ],
            heading=_("Plats och genomförande"),
        ),
        MultiFieldPanel(
            [FieldPanel("organiser_name"), FieldPanel("organiser_url")],
            heading=_("Arrangör"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_mode"),
                FieldPanel("registration_url"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_deadline")]),
                FieldPanel("capacity_per_occasion"),
            ],
            heading=_("Anmälan"),
        ),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("programme"),
        index.FilterField("starts_on"),
    ]
    parent_page_types = ["pages.CountyPage", "events.CalendarPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("evenemang")
        verbose_name_plural = _("evenemang")

    def clean(self):
        super().clean()
        errors = {}
        if self.registration_mode == RegistrationMode.EXTERNAL and not self.registration_url:
            errors["registration_url"] = _("Ange adressen till den externa anmälan.")
        if self.registration_mode != RegistrationMode.EXTERNAL and self.registration_url:
            errors["registration_url"] = _("En extern länk används bara med extern anmälan.")
        if self.format in (EventFormat.PHYSICAL, EventFormat.HYBRID) and not (
            self.venue_name or self.venue_address or self._occasions_have_venues()
        ):
            errors["venue_name"] = _("Ange var evenemanget äger rum.")
        if errors:
            raise ValidationError(errors)

    def _occasions_have_venues(self) -> bool:
        return all(o.venue_name or o.venue_address for o in self.occasions.all())

    def save(self, *args, **kwargs):
        self.county = county_of_page(self)
        dates = [o.date for o in self.occasions.all() if o.date]
        self.starts_on = min(dates) if dates else None
        self.ends_on = max(dates) if dates else None
        return super().save(*args, **kwargs)

    # --- what the public page and the registration form need ---

    @property
    def organiser(self) -> str:
        if self.organiser_name:
            return self.organiser_name
        return self.county.board_name if self.county_id else str(_("Länsstyrelserna"))

    @property
    def ics_url(self) -> str:
        # Served by events/urls.py: Wagtail's page URLs cannot end in ".ics".
        return self.url + "kalender.ics" if self.url else ""

    @property
    def has_internal_registration(self) -> bool:
        return self.registration_mode == RegistrationMode.INTERNAL

    def sorted_occasions(self) -> list["EventOccasion"]:
        return sorted(self.occasions.all(), key=lambda o: (o.date, o.start_time))

    def occasion_deadline(self, occasion: "EventOccasion") -> datetime.date | None:
        return occasion.registration_deadline or self.registration_deadline

    def occasion_open(self, occasion: "EventOccasion", now=None) -> bool:
        """An occasion takes registrations until the end of its deadline day, Stockholm
        time, and never after it has begun."""
        now = timezone.localtime(now or timezone.now(), STOCKHOLM)
        deadline = self.occasion_deadline(occasion)
        if deadline is not None and now.date() > deadline:
            return False
        return now < occasion.starts_at

    def open_occasions(self, now=None) -> list["EventOccasion"]:
        return [o for o in self.sorted_occasions() if self.occasion_open(o, now)]

    def book_or_blank(self) -> "RegistrationBook":
        """The event's registration book (select_related("registration_book") saves the
        query); an unsaved blank one, open and not erased, for an event without one."""
        try:
            return self.registration_book
        except RegistrationBook.DoesNotExist:
            return RegistrationBook(event_id=self.pk)

    def registration_open(self, now=None, *, book=None) -> bool:
        if not self.has_internal_registration:
            return False
        if book is None:
            # Read afresh: staff may have closed registration since this object was loaded.
            book = RegistrationBook.objects.filter(event_id=self.pk).first()
        if book is None:
            book = RegistrationBook(event_id=self.pk)
        if book.closed_at or book.erased_at:
            return False
        return bool(self.open_occasions(now))

    def is_upcoming(self, now=None) -> bool:
        return self.ends_on is not None and self.ends_on >= stockholm_today(now)

    @path("")
    def event_route(self, request):
        from .views import event_detail

        return event_detail(request, event=self)

    @path("anmalan/tack/", name="registered")
    def registered_route(self, request):
        from .views import event_registered

        return event_registered(request, event=self)


class EventOccasion(Orderable):
    """One date of an event. Format, venue and deadline default to the event's."""

    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="occasions")
    label = models.CharField(
        _("benämning"), max_length=200, blank=True, help_text=_("T.ex. ”Del 1: digital halvdag”")
    )
    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("starttid"))
    end_time = models.TimeField(_("sluttid"))
    format = models.CharField(
        _("genomförande"),
        max_length=20,
        choices=EventFormat.choices,
        blank=True,
        help_text=_("Lämna tomt för att använda evenemangets genomförande."),
    )
    venue_name = models.CharField(_("plats"), max_length=200, blank=True)
    venue_address = models.CharField(_("adress"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(
        _("antal platser"),
        null=True,
        blank=True,
        help_text=_("Bara när tillfällena är alternativ. Tomt: obegränsat."),
    )
    registration_deadline = models.DateField(
        _("sista anmälningsdag för tillfället"),
        null=True,
        blank=True,
        help_text=_("Lämna tomt för evenemangets sista anmälningsdag."),
    )

    panels = [
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("format"),
        FieldRowPanel([FieldPanel("venue_name"), FieldPanel("venue_address")]),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_deadline")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("tillfälle")
        verbose_name_plural = _("tillfällen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="event_occasion_ends_after_start",
                violation_error_message=_("Sluttiden måste vara efter starttiden."),
            )
        ]

    def __str__(self) -> str:
        return self.label or self.date.isoformat()

    @property
    def starts_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.date, self.start_time, STOCKHOLM)

    @property
    def ends_at(self) -> datetime.datetime:
        return datetime.datetime.combine(self.date, self.end_time, STOCKHOLM)

    @property
    def effective_format(self) -> str:
        return self.format or self.event.format

    @property
    def effective_format_label(self) -> str:
        return EventFormat(self.effective_format).label

    @property
    def place(self) -> str:
        """Where it happens, in one line."""
        if self.venue_name or self.venue_address:
            parts = [self.venue_name, self.venue_address]
        else:
            parts = [self.event.venue_name, self.event.venue_address]
        return ", ".join(p for p in parts if p)


class RegistrationBook(models.Model):
    """Per-event registration state that is not page content. Its row is locked by every
    registration, cancellation and promotion of the event, so seats are counted under one
    lock and the waiting list keeps the order of arrival."""

    event = models.OneToOneField(
        EventPage, on_delete=models.CASCADE, primary_key=True, related_name="registration_book"
    )
    closed_at = models.DateTimeField(_("stängd för anmälan"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    erased_at = models.DateTimeField(_("personuppgifter raderade"), null=True, blank=True)

    class Meta:
        verbose_name = _("anmälningsläge")
        verbose_name_plural = _("anmälningslägen")

    def __str__(self) -> str:
        return f"Anmälan till {self.event_id}"


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Plats")
        WAITING = "waiting", _("Reservlista")
        CANCELLED = "cancelled", _("Avbokad")

    # The personal link carries a signed form of this, never the integer id.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="registrations")
    occasions = models.ManyToManyField(
        EventOccasion, related_name="registrations", verbose_name=_("tillfällen")
    )
    name = models.CharField(_("namn"), max_length=200)
    email = models.EmailField(_("e-postadress"))
    organisation = models.CharField(_("organisation"), max_length=200)
    organisation_type = models.CharField(
        _("typ av organisation"), max_length=30, choices=OrganisationType.choices
    )
    role = models.CharField(_("yrkesroll"), max_length=200)
    dietary_needs = models.CharField(_("kost"), max_length=500, blank=True)
    accessibility_needs = models.CharField(_("tillgänglighet"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    attended = models.BooleanField(_("närvarade"), null=True, blank=True)
    consented_at = models.DateTimeField(_("godkände personuppgiftsinformationen"))
    created_at = models.DateTimeField(_("anmäld"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("fick plats"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("avbokad"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("anmälan")
        verbose_name_plural = _("anmälningar")
        # Arrival order: ids are handed out under the event's lock (services.py).
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~models.Q(status="cancelled"),
                name="one_active_registration_per_email",
                violation_error_message=_("Den här e-postadressen är redan anmäld."),
            )
        ]
        indexes = [models.Index(fields=["event", "status", "id"], name="registration_queue")]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_status_display()})"


class RegistrationTally(models.Model):
    """Anonymous counts kept when the registrants' personal data is erased, for the
    activity statistics and the status report."""

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="tallies")
    organisation_type = models.CharField(max_length=30, choices=OrganisationType.choices)
    registered = models.PositiveIntegerField(default=0)
    attended = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("anonym anmälningsstatistik")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organisation_type"], name="one_tally_per_event_and_type"
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.organisation_type}"
