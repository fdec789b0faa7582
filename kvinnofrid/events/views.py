"""Public views of the calendar: the listing and archive, the event page with its
registration form, the personal registration page and the iCalendar files."""

import calendar as month_calendar
import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kvinnofrid.pages.models import InformationPage
from kvinnofrid.regions.models import County, ViolenceArea

from . import services
from .forms import RegistrationForm
from .ics import calendar_bytes
from .models import (
    CalendarPage,
    EventFormat,
    EventKind,
    EventPage,
    Registration,
    stockholm_today,
)

SESSION_KEY = "kvinnofrid_event_registrations"
NATIONAL = "nationellt"
ALL_EVENTS_FEED = "alla"
# A feed reaches back a year, so a subscribed calendar keeps recent history.
FEED_HISTORY_DAYS = 365


# --- the calendar ---


def _month_options(today: datetime.date, archive: bool) -> list[tuple[str, str]]:
    options = []
    year, month = today.year, today.month
    for _step in range(12):
        first = datetime.date(year, month, 1)
        options.append((first.strftime("%Y-%m"), date_format(first, "F Y").capitalize()))
        month += -1 if archive else 1
        if month == 0:
            year, month = year - 1, 12
        elif month == 13:
            year, month = year + 1, 1
    return options


def _month_range(value: str) -> tuple[datetime.date, datetime.date] | None:
    try:
        first = datetime.datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        return None
    last = first.replace(day=month_calendar.monthrange(first.year, first.month)[1])
    return first, last


def _filtered_events(params, *, archive: bool, today: datetime.date):
    events = EventPage.objects.live().public()
    events = events.past(today) if archive else events.upcoming(today)
    chosen = {}
    county = params.get("lan", "")
    if county == NATIONAL:
        events = events.national()
        chosen["lan"] = county
    elif county:
        match = County.objects.filter(slug=county).first()
        if match:
            events = events.for_county(match)
            chosen["lan"] = county
    if params.get("typ") in EventKind.values:
        events = events.filter(kind=params["typ"])
        chosen["typ"] = params["typ"]
    if params.get("form") in EventFormat.values:
        # A hybrid event can be followed both ways.
        wanted = {params["form"], EventFormat.HYBRID}
        events = events.filter(format__in=wanted)
        chosen["form"] = params["form"]
    if params.get("amne"):
        events = events.filter(topics__slug=params["amne"])
        chosen["amne"] = params["amne"]
    month = _month_range(params.get("manad", ""))
    if month:
        events = events.with_occasion_between(*month)
        chosen["manad"] = params["manad"]
    order = ("-ends_on", "-starts_on", "-pk") if archive else ("starts_on", "ends_on", "pk")
    return events.order_by(*order).for_listing(), chosen


def calendar_listing(request, *, calendar: CalendarPage, archive: bool):
    today = stockholm_today()
    events, chosen = _filtered_events(request.GET, archive=archive, today=today)
    results = Paginator(events, calendar.events_per_page).get_page(request.GET.get("sida"))
    base = request.GET.copy()
    base.pop("sida", None)
    context = calendar.get_context(request)
    context.update(
        archive=archive,
        results=results,
        chosen=chosen,
        page_query=base.urlencode(),
        filters={
            "counties": County.objects.only("slug", "name"),
            "kinds": EventKind.choices,
            "formats": EventFormat.choices,
            "topics": ViolenceArea.objects.only("slug", "name"),
            "months": _month_options(today, archive),
        },
        national=NATIONAL,
        all_feed=calendar.feed_url(ALL_EVENTS_FEED),
        county_feed=calendar.feed_url(chosen["lan"]) if chosen.get("lan") else "",
        archive_url=calendar.archive_url(),
        today=today,
    )
    response = TemplateResponse(request, "events/calendar_page.html", context)
    patch_cache_control(response, public=True, max_age=120)
    return response


def calendar_feed(request, feed: str):
    since = stockholm_today() - datetime.timedelta(days=FEED_HISTORY_DAYS)
    events = EventPage.objects.live().public().filter(ends_on__gte=since)
    name = _("Kvinnofrid – kalender")
    if feed == NATIONAL:
        events = events.national()
        name = _("Kvinnofrid – nationella evenemang")
    elif feed != ALL_EVENTS_FEED:
        county = County.objects.filter(slug=feed).first()
        if county is None:
            raise Http404
        events = events.for_county(county)
        name = _("Kvinnofrid – %(county)s") % {"county": county.name}
    body = calendar_bytes(events.order_by("starts_on", "pk").for_listing(), name=name)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{feed}.ics"'
    patch_cache_control(response, public=True, max_age=900)
    return response


# --- the event page and registration ---


def _privacy_page():
    return InformationPage.objects.live().filter(role=InformationPage.Role.PRIVACY_NOTICE).first()


def _seats_state(event: EventPage, occasions) -> dict:
    """Whether new registrations get a seat or a place on the waiting list."""
    if event.capacity_per_occasion:
        full = [o for o in occasions if services.seats_left(event, o) == 0]
        return {"full": bool(occasions) and len(full) == len(occasions), "full_occasions": full}
    return {"full": services.seats_left(event) == 0, "full_occasions": []}


def event_detail(request, *, event: EventPage):
    book = event.book_or_blank()
    registration_open = event.registration_open(book=book)
    occasions = event.open_occasions() if registration_open else []
    form = None
    status = 200
    if registration_open:
        form = RegistrationForm(
            request.POST if request.method == "POST" else None, event=event, occasions=occasions
        )
        if request.method == "POST" and not getattr(request, "is_preview", False):
            if form.is_valid():
                try:
                    result = services.registration_create(
                        event=event,
                        occasion_ids=[o.pk for o in form.cleaned_data["occasions"]],
                        **{
                            name: form.cleaned_data[name]
                            for name in (
                                "name",
                                "email",
                                "organisation",
                                "organisation_type",
                                "role",
                                "dietary_needs",
                                "accessibility_needs",
                            )
                        },
                    )
                except ValidationError as error:
                    form.add_error(None, error.messages)
                else:
                    return _after_registration(request, event, result)
            status = 400 if form.errors else 200
    elif request.method == "POST":
        status = 409
    context = event.get_context(request)
    context.update(
        occasions=event.sorted_occasions(),
        registration_open=registration_open,
        book=book,
        form=form,
        privacy_page=_privacy_page(),
        seats=_seats_state(event, occasions) if registration_open else {},
        ics_url=event.ics_url,
        is_upcoming=event.is_upcoming(),
    )
    response = TemplateResponse(request, "events/event_page.html", context, status=status)
    if request.method == "GET" and not registration_open:
        patch_cache_control(response, public=True, max_age=120)
    return response


def _after_registration(request, event: EventPage, result: services.RegistrationResult):
    if result.created:
        # This browser may see what became of the registration; someone typing another
        # person's address learns nothing (see event_registered).
        mine = request.session.get(SESSION_KEY, [])
        request.session[SESSION_KEY] = [*mine[-9:], str(result.registration.public_id)]
    elif not _registered_recently(result.registration):
        from .emails import send_to_registrations

        send_to_registrations("already", [result.registration.pk])
    # 303: reloading the thanks page never posts the form again.
    response = redirect(event.url + event.reverse_subpage("registered"))
    response.status_code = 303
    return response


def _registered_recently(registration: Registration) -> bool:
    """A double submit arrives within seconds; only later attempts get the link again."""
    return timezone.now() - registration.created_at < datetime.timedelta(minutes=10)


def event_registered(request, *, event: EventPage):
    mine = request.session.get(SESSION_KEY, [])
    registration = Registration.objects.filter(event=event, public_id__in=mine).active().last()
    context = event.get_context(request)
    context.update(
        registration=registration,
        place=services.waiting_place(registration) if registration else None,
        ics_url=event.ics_url,
    )
    response = TemplateResponse(request, "events/registered.html", context)
    patch_cache_control(response, private=True, no_store=True)
    return response


def event_ics(request, page_path: str):
    """/<the event's path>/kalender.ics: "Lägg till i kalender" on the event page."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    event = (
        EventPage.objects.live()
        .public()
        .filter(url_path=site.root_page.url_path + page_path)
        .first()
    )
    if event is None:
        raise Http404
    body = calendar_bytes([event], name=event.title)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


@require_http_methods(["GET", "POST"])
def registration_detail(request, token: str):
    """The personal page behind the link in the confirmation e-mail: see the registration
    and cancel it. The token is signed; the page is never cached or indexed."""
    registration = services.registration_from_token(token)
    if registration is None:
        raise Http404
    event = registration.event
    can_cancel = registration.status != Registration.Status.CANCELLED and event.is_upcoming()
    if request.method == "POST":
        if request.POST.get("action") == "cancel" and can_cancel:
            services.registration_cancel(registration=registration)
            messages.success(
                request, _("Din anmälan är avbokad. Du får en bekräftelse med e-post.")
            )
        return redirect("event-registration", token=token)
    context = {
        "registration": registration,
        "event": event,
        "occasions": sorted(registration.occasions.all(), key=lambda o: (o.date, o.start_time)),
        "place": services.waiting_place(registration),
        "can_cancel": can_cancel,
        "privacy_page": _privacy_page(),
    }
    response = TemplateResponse(request, "events/registration_detail.html", context)
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
