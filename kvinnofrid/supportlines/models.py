"""Support lines (stödlinjer) and their opening hours. The hours engine is in hours.py;
these models store what editors enter and build an OpeningHours from it."""

from datetime import date, datetime, timedelta
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from kvinnofrid.pages.forms import AsciiSlugPageForm

from . import hours
from .forms import SupportLineForm
from .phone import display_phone, is_short_number, normalise_phone
from .querysets import SupportLineQuerySet


class Audience(models.TextChoices):
    PUBLIC = "public", _("Våldsutsatta och allmänheten")
    PROFESSIONALS = "professionals", _("Yrkesverksamma")
    BOTH = "both", _("Alla")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("måndag")
    TUESDAY = 1, _("tisdag")
    WEDNESDAY = 2, _("onsdag")
    THURSDAY = 3, _("torsdag")
    FRIDAY = 4, _("fredag")
    SATURDAY = 5, _("lördag")
    SUNDAY = 6, _("söndag")


class SupportLine(index.Indexed, ClusterableModel):
    name = models.CharField(_("namn"), max_length=200)
    organisation = models.CharField(_("ansvarig organisation"), max_length=200)
    phone = models.CharField(
        _("telefonnummer"),
        max_length=20,
        help_text=_("Skriv numret som vanligt, till exempel 010-223 57 60. Det sparas i E.164."),
    )
    web_url = models.URLField(_("webbadress"), blank=True)
    chat_url = models.URLField(_("chatt"), blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    topics = ParentalManyToManyField(
        "regions.ViolenceArea", blank=True, related_name="+", verbose_name=_("ämnen")
    )
    audience = models.CharField(
        _("målgrupp"), max_length=20, choices=Audience.choices, default=Audience.BOTH
    )
    county = models.ForeignKey(
        "regions.County",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_lines",
        verbose_name=_("län"),
        help_text=_("Lämna tomt för en nationell stödlinje."),
    )
    always_open = models.BooleanField(_("öppen dygnet runt"), default=False)
    closed_on_holidays = models.BooleanField(
        _("stängd på helgdagar"),
        default=True,
        help_text=_("Röda dagar samt midsommarafton, julafton och nyårsafton."),
    )
    eve_opens = models.TimeField(_("öppnar dag före helgdag"), null=True, blank=True)
    eve_closes = models.TimeField(_("stänger dag före helgdag"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("ordning"), default=100)
    live = models.BooleanField(_("publicerad"), default=True)

    objects = SupportLineQuerySet.as_manager()

    base_form_class = SupportLineForm
    panels = [
        FieldPanel("name"),
        FieldPanel("organisation"),
        FieldPanel("phone"),
        FieldRowPanel([FieldPanel("web_url"), FieldPanel("chat_url")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("audience"), FieldPanel("county")]),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("always_open"),
                InlinePanel("weekly_hours", label=_("Öppettider per veckodag")),
                FieldPanel("closed_on_holidays"),
                FieldRowPanel([FieldPanel("eve_opens"), FieldPanel("eve_closes")]),
                InlinePanel("special_days", label=_("Särskilda dagar")),
            ],
            heading=_("Öppettider"),
        ),
        FieldRowPanel([FieldPanel("sort_order"), FieldPanel("live")]),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("organisation"),
        index.SearchField("description"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("stödlinje")
        verbose_name_plural = _("stödlinjer")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(eve_opens__isnull=True, eve_closes__isnull=True)
                | models.Q(eve_opens__isnull=False, eve_closes__isnull=False),
                name="eve_hours_both_or_neither",
                violation_error_message=_("Ange både när linjen öppnar och stänger före helgdag."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if self.phone:
            self.phone = normalise_phone(self.phone)

    @property
    def phone_display(self) -> str:
        return display_phone(self.phone)

    @property
    def phone_href(self) -> str:
        return f"tel:{self.phone}"

    @property
    def phone_e164(self) -> str | None:
        """None for short numbers (112, 114 14), which have no E.164 form."""
        return None if is_short_number(self.phone) else self.phone

    def opening_hours(self) -> hours.OpeningHours:
        special: dict = {}
        for row in self.special_days.all():
            special.setdefault(row.day, [])
            if not row.closed:
                special[row.day].append((row.opens, row.closes))
        eve = [(self.eve_opens, self.eve_closes)] if self.eve_opens and self.eve_closes else None
        return hours.OpeningHours(
            weekly=[
                hours.WeeklyInterval(weekday=row.weekday, opens=row.opens, closes=row.closes)
                for row in self.weekly_hours.all()
            ],
            always_open=self.always_open,
            closed_on_holidays=self.closed_on_holidays,
            eve_hours=eve,
            special_days=[hours.SpecialDay(day=day, intervals=ivs) for day, ivs in special.items()],
        )

    def coming_special_days(self, *, today: date, days: int = 30) -> list[str]:
        """The special days from today and the coming `days` days, in words and in date
        order, with the editor's reason: ["Stängt 24 december (julafton)", …]. Reads the
        prefetched special days (with_hours())."""
        last = today + timedelta(days=days)
        by_day: dict[date, list] = {}
        notes: dict[date, str] = {}
        for row in self.special_days.all():
            if not today <= row.day <= last:
                continue
            by_day.setdefault(row.day, [])
            if not row.closed and row.opens and row.closes:
                by_day[row.day].append((row.opens, row.closes))
            if row.note:
                notes.setdefault(row.day, row.note)
        texts = []
        for day in sorted(by_day):
            text = hours.describe_special_day(day, by_day[day])
            texts.append(f"{text} ({notes[day]})" if day in notes else text)
        return texts

    def status_at(self, moment: datetime) -> hours.Status:
        return hours.status_at(self.opening_hours(), moment=moment)

    def weekly_summary(self) -> list[tuple[str, list[str]]]:
        """[("måndag", ["09:00–16:00"]), …] for the directory and the API."""
        by_day: dict[int, list[str]] = {}
        for row in self.weekly_hours.all():
            by_day.setdefault(row.weekday, []).append(f"{row.opens:%H:%M}–{row.closes:%H:%M}")
        return [(str(Weekday(day).label), sorted(by_day[day])) for day in sorted(by_day)]


class WeeklyHours(Orderable):
    line = ParentalKey(SupportLine, on_delete=models.CASCADE, related_name="weekly_hours")
    weekday = models.PositiveSmallIntegerField(_("veckodag"), choices=Weekday.choices)
    opens = models.TimeField(_("öppnar"))
    closes = models.TimeField(
        _("stänger"), help_text=_("En tid före öppningstiden betyder nästa dag.")
    )

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = _("öppettid")
        verbose_name_plural = _("öppettider")


class SpecialDay(Orderable):
    """A date with its own hours (several rows make several intervals), or closed."""

    line = ParentalKey(SupportLine, on_delete=models.CASCADE, related_name="special_days")
    day = models.DateField(_("datum"))
    closed = models.BooleanField(_("stängt hela dagen"), default=False)
    opens = models.TimeField(_("öppnar"), null=True, blank=True)
    closes = models.TimeField(_("stänger"), null=True, blank=True)
    note = models.CharField(_("anledning"), max_length=200, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("day"), FieldPanel("closed")]),
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("särskild dag")
        verbose_name_plural = _("särskilda dagar")

    def clean(self):
        super().clean()
        has_times = self.opens is not None and self.closes is not None
        if self.closed == has_times or (self.opens is None) != (self.closes is None):
            raise ValidationError(
                _("Ange antingen öppettider eller att linjen är stängd hela dagen.")
            )


COUNTY_PARAM = "lan"
"""The directory's query parameter for a county: its slug ("stockholm"), or its SCB code
("01")."""


def county_from_param(value: str):
    from kvinnofrid.regions.models import County

    value = value.strip()
    if value.isdigit():
        return County.objects.filter(code=value.zfill(2)).first()
    return County.objects.filter(slug=value).first()


class SupportLineIndexPage(Page):
    """The directory: every published line with its status now, filterable."""

    base_form_class = AsciiSlugPageForm

    intro = models.TextField(_("ingress"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["pages.HomePage", "pages.CountyPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("stödlinjeförteckning")
        verbose_name_plural = _("stödlinjeförteckningar")

    def county(self):
        from kvinnofrid.pages.models import CountyPage

        parent_path = self.path[: -self.steplen]
        parent = CountyPage.objects.filter(path=parent_path).select_related("county").first()
        return parent.county if parent else None

    def get_context(self, request, *args, **kwargs):
        from kvinnofrid.regions.models import County, ViolenceArea

        from .directory import directory_entries

        context = super().get_context(request, *args, **kwargs)
        audience = request.GET.get("malgrupp", "")
        topic = request.GET.get("amne", "")
        audience = audience if audience in Audience.values and audience != Audience.BOTH else ""
        # Under a county page, that county's lines; on the national directory, the visitor
        # may add a county's own lines to the national ones.
        county = self.county()
        chosen_county = None
        if county is None and request.GET.get("lan"):
            chosen_county = county_from_param(request.GET["lan"])
        lines = SupportLine.objects.for_public_county(county or chosen_county)
        lines = lines.with_hours()
        if audience:
            lines = lines.for_audience(audience)
        if topic:
            lines = lines.about(topic)
        context.update(
            entries=directory_entries(lines.distinct(), now=timezone.now()),
            audience=audience,
            topic=topic,
            audiences=[(a.value, a.label) for a in Audience if a != Audience.BOTH],
            topics=ViolenceArea.objects.ordered(),
            counties=County.objects.order_by("code") if county is None else None,
            chosen_county=chosen_county,
            directory_county=county or chosen_county,
        )
        return context

    @classmethod
    def url_for_county(cls, county) -> str | None:
        """The national directory showing the national lines plus the county's own (the
        link a county page gives); None when no directory is published."""
        directory = cls.objects.live().filter(depth=3).first()
        if directory is None or not directory.url:
            return None
        return f"{directory.url}?{urlencode({COUNTY_PARAM: county.slug})}"

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # The statuses are computed for this moment; caches may keep them a minute at most.
        patch_cache_control(response, public=True, max_age=60)
        return response
