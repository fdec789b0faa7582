"""Staff pages for event registrations, inside the Wagtail admin.

Every event is looked up through `get_for_user_or_404`, and every registration through
`Registration.objects.for_user`, so another county's event is a 404 and its registrants
never reach a template. Writes go through the services in services.py, which log them.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch, Q
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from kvinnofrid.regions.choices import OrganisationType
from kvinnofrid.tenancy.querysets import get_for_user_or_404

from . import exports
from .models import EventOccasion, EventPage, Registration, stockholm_today
from .services import (
    attendance_mark,
    registrants_message,
    registration_cancel,
    registration_close,
    registration_reopen,
)

Status = Registration.Status
PAST_EVENTS_PER_PAGE = 50


def _ordered_occasions():
    return Prefetch("occasions", queryset=EventOccasion.objects.order_by("date", "start_time"))


def registrants_url(event: EventPage, query: str = "") -> str:
    url = reverse("kvinnofrid_event_registrants", kwargs={"event_id": event.pk})
    return f"{url}?{query}" if query else url


# --- the list of events ---


class RegistrationEventListView(WagtailAdminTemplateMixin, TemplateView):
    """The events with registration on the platform that the user may see: upcoming ones
    first, soonest at the top, then past ones, latest at the top."""

    template_name = "events/admin/event_list.html"
    page_title = gettext_lazy("Anmälningar")
    header_icon = "date"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = stockholm_today()
        events = (
            EventPage.objects.for_user(self.request.user)
            .with_internal_registration()
            .with_registration_counts()
            .select_related("county", "registration_book")
            .prefetch_related(_ordered_occasions())
        )
        # An event still without occasions has no dates; it is being planned, so upcoming.
        upcoming = events.filter(Q(ends_on__gte=today) | Q(ends_on__isnull=True)).order_by(
            F("starts_on").asc(nulls_last=True), "title", "pk"
        )
        past_page = Paginator(
            events.filter(ends_on__lt=today).order_by("-starts_on", "title", "pk"),
            PAST_EVENTS_PER_PAGE,
        ).get_page(self.request.GET.get("sida"))
        context["upcoming"] = [self._row(event) for event in upcoming]
        context["past"] = [self._row(event) for event in past_page]
        context["past_page"] = past_page
        return context

    @staticmethod
    def _row(event: EventPage) -> EventPage:
        book = event.book_or_blank()
        event.book = book
        event.is_open = event.registration_open(book=book)
        return event


# --- one event's registrants ---


class RegistrantFilterForm(forms.Form):
    """Filters of the registrants page; the exports take the same query string."""

    ACTIVE, ALL = "", "all"
    YES, NO, UNKNOWN = "yes", "no", "unknown"

    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[
            (ACTIVE, gettext_lazy("Plats och reservlista")),
            *Status.choices,
            (ALL, gettext_lazy("Alla, även avbokade")),
        ],
    )
    occasion = forms.ModelChoiceField(
        label=gettext_lazy("Tillfälle"),
        required=False,
        queryset=EventOccasion.objects.none(),
        empty_label=gettext_lazy("Alla tillfällen"),
    )
    organisation_type = forms.ChoiceField(
        label=gettext_lazy("Typ av organisation"),
        required=False,
        choices=[("", gettext_lazy("Alla typer")), *OrganisationType.choices],
    )
    attended = forms.ChoiceField(
        label=gettext_lazy("Närvaro"),
        required=False,
        choices=[
            ("", gettext_lazy("Alla")),
            (YES, gettext_lazy("Närvarade")),
            (NO, gettext_lazy("Närvarade inte")),
            (UNKNOWN, gettext_lazy("Inte registrerad")),
        ],
    )

    def __init__(self, *args, event: EventPage, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occasion"].queryset = event.occasions.order_by("date", "start_time")

    def filter(self, registrations):
        """Filter by the bound form (an empty query string is fine). A filter with a bad
        value (an old link, a removed occasion) is left out rather than emptying the list."""
        self.is_valid()
        data = self.cleaned_data
        status = data.get("status", self.ACTIVE)
        if status == self.ACTIVE:
            registrations = registrations.active()
        elif status != self.ALL:
            registrations = registrations.filter(status=status)
        if data.get("occasion"):
            registrations = registrations.for_occasion(data["occasion"])
        if data.get("organisation_type"):
            registrations = registrations.filter(organisation_type=data["organisation_type"])
        attended = data.get("attended")
        if attended:
            registrations = registrations.filter(
                attended={self.YES: True, self.NO: False, self.UNKNOWN: None}[attended]
            )
        return registrations


class RegistrantsMessageForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Ämnesrad"), max_length=200)
    body = forms.CharField(
        label=gettext_lazy("Meddelande"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy(
            "Varje mottagare får också sin personliga länk för att se eller avboka sin anmälan."
        ),
    )
    statuses = forms.MultipleChoiceField(
        label=gettext_lazy("Skicka till"),
        choices=[
            (Status.CONFIRMED, Status.CONFIRMED.label),
            (Status.WAITING, Status.WAITING.label),
        ],
        widget=forms.CheckboxSelectMultiple,
        initial=[Status.CONFIRMED],
        error_messages={"required": gettext_lazy("Välj vilka som ska få meddelandet.")},
    )

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.registrations = registrations

    def clean(self):
        cleaned = super().clean()
        statuses = cleaned.get("statuses")
        if statuses and not self.registrations.filter(status__in=statuses).exists():
            raise ValidationError(_("Det finns ingen anmäld med de valda statusarna."))
        return cleaned


@dataclass
class OrganisationTypeCount:
    label: str
    confirmed: int
    waiting: int
    attended: int


def organisation_type_counts(registrations) -> list[OrganisationTypeCount]:
    """Confirmed, waiting and attended per organisation type, in the order of the
    choices, with the types nobody registered from left out."""
    rows = {
        row["organisation_type"]: row
        for row in registrations.active()
        .order_by()
        .values("organisation_type")
        .annotate(
            confirmed=Count("id", filter=Q(status=Status.CONFIRMED)),
            waiting=Count("id", filter=Q(status=Status.WAITING)),
            attended=Count("id", filter=Q(attended=True)),
        )
    }
    return [
        OrganisationTypeCount(
            label=str(kind.label),
            confirmed=rows[kind.value]["confirmed"],
            waiting=rows[kind.value]["waiting"],
            attended=rows[kind.value]["attended"],
        )
        for kind in OrganisationType
        if kind.value in rows
    ]


@dataclass
class WaitingList:
    occasion: EventOccasion | None  # None: one list for the whole event
    registrations: list[Registration]


def waiting_lists(event: EventPage, registrations) -> list[WaitingList]:
    """The waiting list in order (place 1 first); one per occasion when the occasions are
    alternatives with their own seats. Places match services.waiting_place()."""
    queue = list(registrations.waiting_list().prefetch_related("occasions"))
    if not event.capacity_per_occasion:
        return [WaitingList(occasion=None, registrations=queue)]
    return [
        WaitingList(
            occasion=occasion,
            registrations=[r for r in queue if occasion in r.occasions.all()],
        )
        for occasion in event.sorted_occasions()
    ]


class EventRegistrationsMixin:
    """Finds the event through the county checkpoint before anything else runs."""

    def dispatch(self, request, *args, **kwargs):
        self.event = get_for_user_or_404(
            EventPage.objects.select_related("county", "registration_book"),
            request.user,
            pk=kwargs["event_id"],
        )
        self.book = self.event.book_or_blank()
        return super().dispatch(request, *args, **kwargs)

    def registrations(self):
        return Registration.objects.for_user(self.request.user).filter(event=self.event)


class EventRegistrantsView(EventRegistrationsMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "events/admin/registrants.html"
    header_icon = "group"
    message_form = None

    def get_page_title(self):
        return _("Anmälningar")

    def get_page_subtitle(self):
        return self.event.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("kvinnofrid_event_registrations"), "label": _("Anmälningar")},
            {"url": "", "label": self.event.title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event, book = self.event, self.book
        context.update(event=event, book=book, erased=book.erased_at is not None)
        if book.erased_at is not None:
            order = {kind.value: index for index, kind in enumerate(OrganisationType)}
            context["tallies"] = sorted(
                event.tallies.all(), key=lambda t: order.get(t.organisation_type, len(order))
            )
            return context
        everyone = self.registrations()
        filter_form = RegistrantFilterForm(self.request.GET, event=event)
        shown = list(
            filter_form.filter(everyone).prefetch_related(_ordered_occasions()).order_by("id")
        )
        queues = waiting_lists(event, everyone)
        places = {}
        for queue in queues:
            for place, registration in enumerate(queue.registrations, start=1):
                places.setdefault(registration.pk, place)
        for registration in shown:
            registration.waiting_place = places.get(registration.pk)
        query = self.request.GET.urlencode()
        context.update(
            registration_open=event.registration_open(book=book),
            occasions=event.sorted_occasions(),
            filter_form=filter_form,
            registrations=shown,
            filter_query=query,
            csv_url=self._export_url("kvinnofrid_event_registrants_csv", query),
            xlsx_url=self._export_url("kvinnofrid_event_registrants_xlsx", query),
            counts=organisation_type_counts(everyone),
            waiting_lists=queues,
            waiting_total=everyone.waiting().count(),
            confirmed=list(everyone.confirmed().order_by("name", "id")),
            message_form=self.message_form or RegistrantsMessageForm(registrations=everyone),
        )
        return context

    def _export_url(self, name: str, query: str) -> str:
        url = reverse(name, kwargs={"event_id": self.event.pk})
        return f"{url}?{query}" if query else url


# --- exports ---


class RegistrantsExportView(EventRegistrationsMixin, View):
    """The registrants the page shows with the same filters, one row per registration."""

    extension = ""
    content_type = ""

    def get(self, request, *args, **kwargs):
        filter_form = RegistrantFilterForm(request.GET, event=self.event)
        registrations = (
            filter_form.filter(self.registrations())
            .prefetch_related(_ordered_occasions())
            .order_by("id")
        )
        response = HttpResponse(self.render(registrations), content_type=self.content_type)
        filename = f"anmalningar-{self.event.slug}.{self.extension}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        # Personal data: never kept by a shared cache or the browser's.
        response["Cache-Control"] = "no-store"
        return response

    def render(self, registrations) -> bytes:
        raise NotImplementedError


class RegistrantsCsvView(RegistrantsExportView):
    extension = "csv"
    content_type = "text/csv; charset=utf-8"

    def render(self, registrations) -> bytes:
        return exports.registrants_csv(registrations)


class RegistrantsXlsxView(RegistrantsExportView):
    extension = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def render(self, registrations) -> bytes:
        return exports.registrants_xlsx(registrations, title=self.event.title)


# --- changes (POST only; each redirects back to the page it came from) ---


class EventActionView(EventRegistrationsMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if self.book.erased_at is not None:
            messages.error(
                request, _("Anmälningarna är raderade; det finns inget att ändra längre.")
            )
            return self.back()
        return self.act(request, **kwargs)

    def act(self, request, **kwargs):
        raise NotImplementedError

    def back(self):
        # Only the filters travel back, re-encoded, so the hidden field cannot redirect
        # anywhere but the registrants page.
        query = QueryDict(self.request.POST.get("filters", "")).urlencode()
        return redirect(registrants_url(self.event, query))


class RegistrationCloseView(EventActionView):
    def act(self, request, **kwargs):
        registration_close(event=self.event, user=request.user)
        messages.success(request, _("Anmälan är stängd. Inga fler kan anmäla sig."))
        return self.back()


class RegistrationReopenView(EventActionView):
    def act(self, request, **kwargs):
        registration_reopen(event=self.event, user=request.user)
        if self.event.registration_open():
            messages.success(request, _("Anmälan är öppen igen."))
        else:
            messages.warning(
                request,
                _(
                    "Stängningen är borttagen, men anmälan är ändå stängd: sista "
                    "anmälningsdagen har passerat eller alla tillfällen har börjat."
                ),
            )
        return self.back()


class AttendanceMarkView(EventActionView):
    def act(self, request, **kwargs):
        attended_ids = {int(pk) for pk in request.POST.getlist("attended") if pk.isdigit()}
        count = attendance_mark(event=self.event, attended_ids=attended_ids, user=request.user)
        messages.success(
            request,
            ngettext(
                "Närvaron är sparad: %(count)d person närvarade.",
                "Närvaron är sparad: %(count)d personer närvarade.",
                count,
            )
            % {"count": count},
        )
        return self.back()


class RegistrationCancelView(EventActionView):
    def act(self, request, **kwargs):
        registration = get_for_user_or_404(
            Registration.objects.filter(event=self.event),
            request.user,
            public_id=kwargs["public_id"],
        )
        promoted = registration_cancel(registration=registration, user=request.user)
        text = _("%(name)s är avbokad.") % {"name": registration.name}
        if promoted:
            text += " " + ngettext(
                "%(names)s fick platsen från reservlistan.",
                "%(names)s fick platser från reservlistan.",
                len(promoted),
            ) % {"names": ", ".join(r.name for r in promoted)}
        messages.success(request, text)
        return self.back()


class RegistrantsMessageView(EventActionView, EventRegistrantsView):
    """Sends the message, or shows the registrants page again with the form's errors."""

    def act(self, request, **kwargs):
        form = RegistrantsMessageForm(request.POST, registrations=self.registrations())
        if form.is_valid():
            try:
                count = registrants_message(
                    event=self.event,
                    subject=form.cleaned_data["subject"],
                    body=form.cleaned_data["body"],
                    statuses=form.cleaned_data["statuses"],
                    user=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "Meddelandet skickas till %(count)d person.",
                        "Meddelandet skickas till %(count)d personer.",
                        count,
                    )
                    % {"count": count},
                )
                return self.back()
        self.message_form = form
        messages.error(request, _("Meddelandet skickades inte. Rätta felen nedan."))
        return self.render_to_response(self.get_context_data())
