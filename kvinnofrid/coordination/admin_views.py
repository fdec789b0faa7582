"""Coordination pages of the admin that are not Wagtail's generic views: the county
dashboard, the quick entry of a municipality visit and a contact's export and erasure.

Reads go through `for_user`/`get_for_user_or_404` and writes through `writable_by`; the
dashboard only accepts a county the user may read, so another county is a 404.
"""

import datetime
import json

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from kvinnofrid.regions.models import County
from kvinnofrid.tenancy.querysets import county_ids_for_user, get_for_user_or_404, national_reader

from . import maps
from .dashboard import figures_for
from .forms import IssueGroupingForm, QuickVisitForm
from .models import Activity, Contact, NationalIssue, NationalIssueGroup, Organisation
from .services import (
    activity_from_event,
    activity_record,
    contact_erase,
    contact_export,
    national_issues_group,
)

ALL_COUNTIES = "alla"


class StaffPageMixin(WagtailAdminTemplateMixin):
    required_permission = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.required_permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


def error_count(form) -> int:
    """How many errors the summary at the top of a form lists."""
    return sum(len(errors) for errors in form.errors.values())


def _activities_label(count: int) -> str:
    return ngettext("%(count)s insats", "%(count)s insatser", count) % {"count": count}


class DashboardView(StaffPageMixin, TemplateView):
    template_name = "coordination/admin/dashboard.html"
    page_title = gettext_lazy("Översikt")
    header_icon = "clipboard-list"
    required_permission = "coordination.view_activity"

    def _county(self):
        """The county asked for (?lan=<SCB code>), or None for the whole country, which only
        national readers may see; county staff default to their first county."""
        user = self.request.user
        code = self.request.GET.get("lan", "")
        if code == ALL_COUNTIES or (not code and national_reader(user)):
            if not national_reader(user):
                raise Http404
            return None
        if not code:
            county = County.objects.filter(pk__in=county_ids_for_user(user)).first()
            if county is None:
                raise Http404
            return county
        return get_for_user_or_404(County, user, code=code)

    def _year(self) -> int:
        this_year = datetime.date.today().year
        try:
            year = int(self.request.GET.get("ar", this_year))
        except ValueError:
            return this_year
        return year if 2000 <= year <= this_year + 1 else this_year

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        county, year = self._county(), self._year()
        figures = figures_for(county=county, year=year)
        if county:
            the_map = maps.municipality_map(county.code)
            counts = {reach.municipality.code: reach.activities for reach in figures.reached}
            map_title = _("Kommuner som nåtts i %(county)s %(year)s") % {
                "county": county.name,
                "year": year,
            }
        else:
            the_map = maps.county_map()
            counts = {row.county.code: row.activities for row in figures.counties}
            map_title = _("Insatser per län %(year)s") % {"year": year}
        maximum = max(counts.values(), default=0)
        context.update(
            figures=figures,
            county=county,
            year=year,
            years=range(datetime.date.today().year + 1, datetime.date.today().year - 6, -1),
            counties=County.objects.for_user(self.request.user),
            national=national_reader(self.request.user),
            all_counties=ALL_COUNTIES,
            map_svg=maps.choropleth_svg(
                the_map=the_map,
                counts=counts,
                title=map_title,
                description=_(
                    "Kartan visar antalet insatser med färg. Samma siffror finns i tabellen "
                    "under kartan."
                ),
                value_label=_activities_label,
            ),
            map_title=map_title,
            legend=maps.legend(maximum),
            activity_list_url=reverse("insatser:index"),
            quick_visit_url=reverse("kvinnofrid_quick_visit"),
            can_add=self.request.user.has_perm("coordination.add_activity")
            and bool(county_ids_for_user(self.request.user)),
        )
        return context


class QuickVisitView(StaffPageMixin, FormView):
    """A municipality visit in under a minute: the municipality, the date (today by
    default) and, if wanted, the rest; everything else is filled in."""

    template_name = "coordination/admin/quick_visit.html"
    form_class = QuickVisitForm
    page_title = gettext_lazy("Nytt kommunbesök")
    header_icon = "tasks"
    required_permission = "coordination.add_activity"

    def dispatch(self, request, *args, **kwargs):
        # The national coordinator reads every county's log but writes none of it.
        self.counties = list(County.objects.filter(pk__in=county_ids_for_user(request.user)))
        if request.user.is_authenticated and not self.counties:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def _county(self) -> County:
        code = self.request.POST.get("lan") or self.request.GET.get("lan")
        if not code:
            return self.counties[0]
        for county in self.counties:
            if county.code == code:
                return county
        raise Http404

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user, "county": self._county()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context.update(
            county=form.county,
            counties=self.counties,
            municipalities=form.municipality_choices,
            error_count=error_count(form),
        )
        return context

    def form_valid(self, form):
        data = form.cleaned_data
        municipality = data["municipality"]
        municipality_organisation = Organisation.objects.filter(
            reference_key=f"municipality:{municipality.code}"
        ).first()
        organisations = [*data["organisations"]]
        if municipality_organisation:
            organisations.append(municipality_organisation)
        activity = activity_record(
            county=form.county,
            kind=Activity.Kind.MUNICIPALITY_VISIT,
            title=_("Kommunbesök i %(municipality)s") % {"municipality": municipality.name},
            starts_on=data["starts_on"],
            municipalities=[municipality],
            organisations=organisations,
            goals=list(data["goals"]),
            participants=data["participants"],
            description=data["description"],
            user=self.request.user,
        )
        messages.success(
            self.request,
            _("Kommunbesöket i %(municipality)s den %(date)s är registrerat.")
            % {"municipality": municipality.name, "date": activity.starts_on.isoformat()},
            buttons=[
                messages.button(
                    reverse("insatser:edit", args=[activity.pk]), _("Lägg till mer om besöket")
                )
            ],
        )
        return redirect(f"{reverse('kvinnofrid_quick_visit')}?lan={form.county.code}")


class ContactExportView(View):
    """Everything held on one contact, for a request under GDPR art. 15."""

    def get(self, request, pk):
        if not request.user.has_perm("coordination.view_contact"):
            raise PermissionDenied
        contact = get_for_user_or_404(Contact, request.user, pk=pk)
        body = json.dumps(contact_export(contact=contact), ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        name = slugify(contact.name) or "kontakt"
        response["Content-Disposition"] = f'attachment; filename="kontaktuppgifter-{name}.json"'
        response["Cache-Control"] = "no-store"
        return response


class ContactEraseView(StaffPageMixin, TemplateView):
    """Erase a contact on request (GDPR art. 17), after a confirmation."""

    template_name = "coordination/admin/contact_erase.html"
    page_title = gettext_lazy("Radera kontaktperson")
    header_icon = "bin"
    required_permission = "coordination.delete_contact"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            try:
                self.contact = Contact.objects.writable_by(request.user).get(pk=kwargs["pk"])
            except Contact.DoesNotExist as error:
                raise Http404 from error
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "contact": self.contact}

    def post(self, request, pk):
        name = self.contact.name
        contact_erase(contact=self.contact, user=request.user)
        messages.success(request, _("Alla uppgifter om %(name)s är raderade.") % {"name": name})
        return redirect("kontakter:index")


class IssueGroupingView(StaffPageMixin, FormView):
    """The national coordinator gathers similar issues from the counties into groups."""

    template_name = "coordination/admin/issue_grouping.html"
    form_class = IssueGroupingForm
    page_title = gettext_lazy("Gruppera frågor till nationell nivå")
    header_icon = "help"
    required_permission = "coordination.view_nationalissue"

    def dispatch(self, request, *args, **kwargs):
        # A county's staff have no use for the national overview: to them it does not exist.
        if request.user.is_authenticated and not national_reader(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context.update(
            error_count=error_count(form),
            open_issues=form.fields["issues"]
            .queryset.filter(status__in=NationalIssue.OPEN_STATUSES)
            .prefetch_related("groups")
            .order_by("topic__sort_order", "-raised_on"),
            groups=NationalIssueGroup.objects.prefetch_related("issues__county"),
        )
        return context

    def form_valid(self, form):
        issues = list(form.cleaned_data["issues"])
        group = national_issues_group(
            issues=issues, title=form.cleaned_data["group_title"], user=self.request.user
        )
        messages.success(
            self.request,
            ngettext(
                "%(count)s fråga lades i gruppen ”%(group)s”.",
                "%(count)s frågor lades i gruppen ”%(group)s”.",
                len(issues),
            )
            % {"count": len(issues), "group": group.title},
        )
        return redirect("kvinnofrid_issue_grouping")


class ActivityFromEventView(StaffPageMixin, TemplateView):
    """Log one of the county's events in the activity log: a confirmation page (GET), then
    the activity is made (POST) and opened to be completed."""

    template_name = "coordination/admin/activity_from_event.html"
    page_title = gettext_lazy("Logga evenemanget som insats")
    header_icon = "tasks"
    required_permission = "coordination.add_activity"

    def dispatch(self, request, *args, **kwargs):
        from kvinnofrid.events.models import EventPage

        if request.user.is_authenticated:
            self.event = get_for_user_or_404(EventPage, request.user, pk=kwargs["event_id"])
            # National events are not a county's activity to log.
            if self.event.county_id not in county_ids_for_user(request.user):
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "event": self.event}

    def post(self, request, event_id):
        if self.event.starts_on is None:
            messages.error(request, _("Evenemanget har inga tillfällen ännu."))
            return redirect("wagtailadmin_pages:edit", self.event.pk)
        activity = activity_from_event(event=self.event, user=request.user)
        messages.success(
            request, _("Evenemanget finns i insatsloggen. Komplettera gärna med resultat.")
        )
        return redirect("insatser:edit", activity.pk)
