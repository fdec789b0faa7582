"""The coordination registry in Wagtail's admin: organisations, contacts, networks,
meetings, the activity log and issues raised to national level.

Wagtail's generic views read `Model._default_manager`; here every view reads through the
tenancy checkpoint instead: lists and inspect pages through `for_user`, edit and delete
through the narrower `writable_by`, so another county's record is a 404 whichever URL
addresses it. Saves and deletes go through services.py, which audits them.
"""

import datetime

import django_filters
from django import forms
from django.db.models import Prefetch
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from kvinnofrid.core.spreadsheets import FORMULA_STARTS
from kvinnofrid.regions.models import County, Municipality, StrategyGoal, ViolenceArea
from kvinnofrid.tenancy.querysets import county_ids_for_user, national_reader

from .forms import (
    ActivityForm,
    ContactForm,
    MeetingForm,
    NationalIssueForm,
    NetworkForm,
    OrganisationForm,
)
from .models import Activity, Contact, Meeting, NationalIssue, Network, Organisation
from .services import record_delete, record_save

CHECKBOXES = forms.CheckboxSelectMultiple


class ScopedIndexView(generic.IndexView):
    list_select_related: tuple = ()
    list_prefetch_related: tuple = ()

    def get_base_queryset(self):
        queryset = self.model.objects.for_user(self.request.user)
        if self.list_select_related:
            queryset = queryset.select_related(*self.list_select_related)
        if self.list_prefetch_related:
            queryset = queryset.prefetch_related(*self.list_prefetch_related)
        return queryset

    def write_csv_row(self, writer, row_dict):
        # Wagtail keeps XLSX cells as text; a CSV cell opened in Excel is not, so text that
        # would start a formula is prefixed with an apostrophe (OWASP's CSV injection rule).
        values = {}
        for field, value in row_dict.items():
            value = self.preprocess_field_value(field, value, self.FORMAT_CSV)
            if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                value = "'" + value
            values[field] = value
        return writer.writerow(values)


class ScopedCreateView(generic.CreateView):
    # Each app's audited write services; other apps subclass with their own.
    save_record = staticmethod(record_save)

    def save_instance(self):
        return self.save_record(form=self.form, user=self.request.user)


class ScopedEditView(generic.EditView):
    save_record = staticmethod(record_save)

    def get_queryset(self):
        return self.model.objects.writable_by(self.request.user)

    def save_instance(self):
        return self.save_record(form=self.form, user=self.request.user)


class ScopedDeleteView(generic.DeleteView):
    delete_record = staticmethod(record_delete)

    def get_object(self, queryset=None):
        return super().get_object(self.model.objects.writable_by(self.request.user))

    def delete_action(self):
        self.delete_record(instance=self.object, user=self.request.user)


class ScopedInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        from kvinnofrid.tenancy.querysets import get_for_user_or_404

        return get_for_user_or_404(self.model, self.request.user, pk=self.pk)

    def get_field_display_value(self, field_name, field):
        # Wagtail prints Python's values ("Överlämnad till: None", "True"), also through
        # its display classes (a document link of None).
        if getattr(self.object, field_name, None) is None:
            return "–"
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return "–"
        if isinstance(value, bool):
            return _("Ja") if value else _("Nej")
        return value


class ContactInspectView(ScopedInspectView):
    def get_context_data(self, **kwargs):
        user = self.request.user
        return {
            **super().get_context_data(**kwargs),
            "can_erase": user.has_perm("coordination.delete_contact")
            and Contact.objects.writable_by(user).filter(pk=self.object.pk).exists(),
            "memberships": self.object.network_memberships.select_related("network"),
        }


class ScopedHistoryView(HistoryView):
    # Wagtail asks for a write permission; the national coordinator reads the trail too.
    any_permission_required = ["add", "change", "delete", "view"]

    def get_base_object_queryset(self):
        return self.model.objects.for_user(self.request.user)


class ScopedUsageView(UsageView):
    permission_required = "view"

    def get_base_object_queryset(self):
        return self.model.objects.for_user(self.request.user)


class CoordinationViewSet(ModelViewSet):
    """Shared wiring: scoped views, inspect pages for readers who may not edit (the national
    coordinator), CSV and XLSX export of the filtered list."""

    index_view_class = ScopedIndexView
    add_view_class = ScopedCreateView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_admin_menu = False


def _user_municipalities(request):
    if request is None:
        return Municipality.objects.none()
    municipalities = Municipality.objects.order_by("name")
    if national_reader(request.user):
        return municipalities
    return municipalities.filter(county__in=county_ids_for_user(request.user))


def _user_networks(request):
    if request is None:
        return Network.objects.none()
    return Network.objects.for_user(request.user)


def _user_counties(request):
    if request is None:
        return County.objects.none()
    return County.objects.for_user(request.user)


def _year_choices():
    this_year = datetime.date.today().year
    return [(year, str(year)) for year in range(this_year + 1, this_year - 10, -1)]


class ActivityFilterSet(WagtailFilterSet):
    year = django_filters.ChoiceFilter(
        label=_("År"), choices=_year_choices, method="filter_year", empty_label=_("Alla år")
    )
    county = django_filters.ModelChoiceFilter(label=_("Län"), queryset=_user_counties)
    kind = django_filters.ChoiceFilter(label=_("Typ av insats"), choices=Activity.Kind.choices)
    goals = django_filters.ModelChoiceFilter(
        label=_("Målsättning"), queryset=StrategyGoal.objects.all()
    )
    violence_areas = django_filters.ModelChoiceFilter(
        label=_("Våldsområde"), queryset=ViolenceArea.objects.all()
    )
    municipalities = django_filters.ModelChoiceFilter(
        label=_("Kommun"), queryset=_user_municipalities
    )
    network = django_filters.ModelChoiceFilter(label=_("Nätverk"), queryset=_user_networks)

    class Meta:
        model = Activity
        fields = []

    def filter_year(self, queryset, name, value):
        return queryset.in_year(int(value)) if value else queryset


class ActivityViewSet(CoordinationViewSet):
    model = Activity
    icon = "tasks"
    menu_label = _("Insatser")
    list_display = [
        "title",
        Column("kind", label=_("Typ"), accessor="get_kind_display"),
        Column("starts_on", label=_("Datum"), accessor="starts_on"),
        Column("municipality_names", label=_("Kommuner"), accessor="municipality_names"),
        "county",
    ]
    list_export = [
        "starts_on",
        "ends_on",
        "county",
        "get_kind_display",
        "title",
        "municipality_names",
        "organisation_names",
        "participants",
        "goal_numbers",
        "violence_area_names",
        "target_group_names",
        "network",
        "description",
        "outcome",
        "follow_up",
    ]
    export_headings = {
        "starts_on": _("Datum"),
        "ends_on": _("Slutdatum"),
        "county": _("Län"),
        "get_kind_display": _("Typ av insats"),
        "title": _("Rubrik"),
        "municipality_names": _("Kommuner"),
        "organisation_names": _("Organisationer"),
        "participants": _("Deltagare"),
        "goal_numbers": _("Målsättningar"),
        "violence_area_names": _("Våldsområden"),
        "target_group_names": _("Målgrupper"),
        "network": _("Nätverk"),
        "description": _("Beskrivning"),
        "outcome": _("Resultat"),
        "follow_up": _("Uppföljning"),
    }
    export_filename = "insatser"
    filterset_class = ActivityFilterSet
    search_fields = ["title", "description"]
    search_backend_name = None  # plain database lookups: the log is not in Wagtail's index
    ordering = ["-starts_on", "-pk"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("county"), FieldPanel("kind")]),
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
            FieldPanel("municipalities", widget=CHECKBOXES),
            FieldPanel("organisations"),
            MultiFieldPanel(
                [
                    FieldPanel("participants"),
                    InlinePanel(
                        "participant_counts",
                        label=_("Deltagare per typ av organisation"),
                        panels=[FieldPanel("organisation_type"), FieldPanel("count")],
                    ),
                ],
                heading=_("Deltagare"),
            ),
            FieldPanel("goals", widget=CHECKBOXES),
            FieldPanel("violence_areas", widget=CHECKBOXES),
            FieldPanel("target_groups", widget=CHECKBOXES),
            FieldPanel("description"),
            FieldPanel("outcome"),
            FieldPanel("follow_up"),
            FieldPanel("attachments"),
            FieldRowPanel([FieldPanel("network"), FieldPanel("event")]),
        ],
        base_form_class=ActivityForm,
    )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            list_select_related=("county", "network"),
            list_prefetch_related=(
                Prefetch("municipalities", queryset=Municipality.objects.order_by("name")),
                "organisations",
                "goals",
                "violence_areas",
                "target_groups",
            ),
            **kwargs,
        )


class OrganisationFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Typ"), choices=Organisation.Kind.choices)
    county = django_filters.ModelChoiceFilter(label=_("Län"), queryset=_user_counties)

    class Meta:
        model = Organisation
        fields = []


class OrganisationViewSet(CoordinationViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisationer")
    list_display = [
        "name",
        Column("kind", label=_("Typ"), accessor="get_kind_display"),
        "county",
        "municipality",
    ]
    list_export = [
        "name",
        "get_kind_display",
        "get_civil_society_kind_display",
        "county",
        "municipality",
        "organisation_number",
        "website",
    ]
    export_headings = {
        "name": _("Namn"),
        "get_kind_display": _("Typ"),
        "get_civil_society_kind_display": _("Civilsamhällestyp"),
        "county": _("Län"),
        "municipality": _("Kommun"),
        "organisation_number": _("Organisationsnummer"),
        "website": _("Webbplats"),
    }
    export_filename = "organisationer"
    inspect_template_name = "coordination/admin/organisation_inspect.html"
    filterset_class = OrganisationFilterSet
    search_fields = ["name", "organisation_number"]
    search_backend_name = None
    ordering = ["name"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("civil_society_kind")]),
            FieldRowPanel([FieldPanel("county"), FieldPanel("municipality")]),
            FieldPanel("acts_as_region"),
            FieldRowPanel([FieldPanel("organisation_number"), FieldPanel("website")]),
        ],
        base_form_class=OrganisationForm,
    )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            list_select_related=("county", "municipality"), **kwargs
        )


class ContactFilterSet(WagtailFilterSet):
    is_municipal_coordinator = django_filters.BooleanFilter(label=_("Kvinnofridssamordnare"))
    is_public = django_filters.BooleanFilter(label=_("Visas på länets webbsida"))
    county = django_filters.ModelChoiceFilter(label=_("Län"), queryset=_user_counties)

    class Meta:
        model = Contact
        fields = []


class ContactViewSet(CoordinationViewSet):
    model = Contact
    icon = "user"
    menu_label = _("Kontaktpersoner")
    list_display = ["name", "organisation", "title", "email", "county"]
    list_export = [
        "name",
        "organisation",
        "title",
        "email",
        "phone",
        "is_municipal_coordinator",
        "is_public",
        "county",
        "source",
    ]
    export_headings = {
        "name": _("Namn"),
        "organisation": _("Organisation"),
        "title": _("Roll eller titel"),
        "email": _("E-post"),
        "phone": _("Telefon"),
        "is_municipal_coordinator": _("Kvinnofridssamordnare"),
        "is_public": _("Visas på länets webbsida"),
        "county": _("Län"),
        "source": _("Källa"),
    }
    export_filename = "kontaktpersoner"
    filterset_class = ContactFilterSet
    search_fields = ["name", "email", "organisation__name"]
    search_backend_name = None
    ordering = ["name"]
    inspect_template_name = "coordination/admin/contact_inspect.html"
    inspect_view_class = ContactInspectView
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("name"), FieldPanel("title")]),
            FieldRowPanel([FieldPanel("organisation"), FieldPanel("county")]),
            FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
            FieldRowPanel([FieldPanel("is_municipal_coordinator"), FieldPanel("is_public")]),
            FieldRowPanel([FieldPanel("legal_basis"), FieldPanel("source")]),
        ],
        base_form_class=ContactForm,
    )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            list_select_related=("county", "organisation"), **kwargs
        )


class NetworkViewSet(CoordinationViewSet):
    model = Network
    icon = "link"
    menu_label = _("Nätverk")
    list_display = [
        "name",
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("county_names", label=_("Län"), accessor="county_names"),
    ]
    list_filter = ["status", "is_public"]
    list_export = ["name", "get_status_display", "county_names", "purpose"]
    export_headings = {
        "name": _("Namn"),
        "get_status_display": _("Status"),
        "county_names": _("Län"),
        "purpose": _("Syfte"),
    }
    export_filename = "natverk"
    search_fields = ["name", "purpose"]
    search_backend_name = None
    ordering = ["name"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("counties", widget=CHECKBOXES),
            FieldPanel("status"),
            FieldPanel("purpose"),
            FieldPanel("target_groups", widget=CHECKBOXES),
            FieldPanel("violence_areas", widget=CHECKBOXES),
            MultiFieldPanel(
                [
                    FieldPanel("is_public"),
                    FieldPanel("public_description"),
                    FieldPanel("how_to_join"),
                ],
                heading=_("På länets webbsida"),
            ),
            InlinePanel(
                "members",
                label=_("Medlemmar"),
                panels=[FieldPanel("organisation"), FieldPanel("contact"), FieldPanel("role")],
            ),
        ],
        base_form_class=NetworkForm,
    )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(list_prefetch_related=("counties",), **kwargs)


class MeetingViewSet(CoordinationViewSet):
    model = Meeting
    icon = "date"
    menu_label = _("Nätverksmöten")
    list_display = [
        "network",
        Column("starts_at", label=_("Datum och tid"), accessor="starts_at"),
        Column("format", label=_("Form"), accessor="get_format_display"),
        "county",
    ]
    list_export = [
        "network",
        "starts_at",
        "get_format_display",
        "place",
        "county",
        "other_participants",
    ]
    export_headings = {
        "network": _("Nätverk"),
        "starts_at": _("Datum och tid"),
        "get_format_display": _("Form"),
        "place": _("Mötesplats"),
        "county": _("Län"),
        "other_participants": _("Övriga deltagare"),
    }
    export_filename = "natverksmoten"
    search_fields = ["network__name", "agenda"]
    search_backend_name = None
    ordering = ["-starts_at"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("network"), FieldPanel("county")]),
            FieldRowPanel([FieldPanel("starts_at"), FieldPanel("format"), FieldPanel("place")]),
            FieldPanel("agenda"),
            FieldPanel("minutes"),
            FieldPanel("attendees", widget=CHECKBOXES),
            FieldPanel("other_participants"),
        ],
        base_form_class=MeetingForm,
    )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(list_select_related=("network", "county"), **kwargs)


class NationalIssueFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=NationalIssue.Status.choices)
    county = django_filters.ModelChoiceFilter(label=_("Län"), queryset=_user_counties)
    topic = django_filters.ModelChoiceFilter(label=_("Område"), queryset=ViolenceArea.objects.all())
    groups = django_filters.ModelChoiceFilter(
        label=_("Grupp"), queryset=lambda request: _issue_groups()
    )

    class Meta:
        model = NationalIssue
        fields = []


def _issue_groups():
    from .models import NationalIssueGroup

    return NationalIssueGroup.objects.all()


class NationalIssueViewSet(CoordinationViewSet):
    model = NationalIssue
    icon = "help"
    menu_label = _("Frågor till nationell nivå")
    list_display = [
        "title",
        Column("status", label=_("Status"), accessor="get_status_display"),
        "raised_by",
        Column("raised_on", label=_("Väckt den"), accessor="raised_on"),
        "county",
    ]
    list_export = [
        "title",
        "get_status_display",
        "raised_by",
        "topic",
        "raised_on",
        "forwarded_to",
        "forwarded_on",
        "answered_on",
        "county",
        "group_titles",
        "description",
        "response",
    ]
    export_headings = {
        "title": _("Rubrik"),
        "get_status_display": _("Status"),
        "raised_by": _("Väckt av"),
        "topic": _("Område"),
        "raised_on": _("Väckt den"),
        "forwarded_to": _("Överlämnad till"),
        "forwarded_on": _("Överlämnad den"),
        "answered_on": _("Besvarad den"),
        "county": _("Län"),
        "group_titles": _("Grupper"),
        "description": _("Beskrivning"),
        "response": _("Svar"),
    }
    export_filename = "fragor-till-nationell-niva"
    filterset_class = NationalIssueFilterSet
    search_fields = ["title", "description"]
    search_backend_name = None
    ordering = ["-raised_on", "-pk"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("county"), FieldPanel("status")]),
            FieldPanel("title"),
            FieldRowPanel([FieldPanel("raised_by"), FieldPanel("raised_on"), FieldPanel("topic")]),
            FieldPanel("description"),
            FieldRowPanel([FieldPanel("forwarded_to"), FieldPanel("forwarded_on")]),
            FieldRowPanel([FieldPanel("answered_on")]),
            FieldPanel("response"),
        ],
        base_form_class=NationalIssueForm,
    )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            list_select_related=("county", "raised_by", "topic", "forwarded_to"),
            list_prefetch_related=("groups",),
            **kwargs,
        )


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, shown_to, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown_to = shown_to

    def is_shown(self, request):
        return self.shown_to(request.user)


class CoordinationViewSetGroup(ViewSetGroup):
    menu_label = _("Samordning")
    menu_icon = "clipboard-list"
    menu_order = 190

    def get_submenu_items(self):
        # The pages of our own come first: the overview and the quick entry are where a
        # coordinator starts the day.
        return [
            PermissionMenuItem(
                _("Översikt"),
                reverse_lazy("kvinnofrid_dashboard"),
                icon_name="clipboard-list",
                order=10,
                shown_to=lambda user: user.has_perm("coordination.view_activity"),
            ),
            PermissionMenuItem(
                _("Nytt kommunbesök"),
                reverse_lazy("kvinnofrid_quick_visit"),
                icon_name="plus",
                order=20,
                shown_to=lambda user: (
                    user.has_perm("coordination.add_activity") and bool(county_ids_for_user(user))
                ),
            ),
            *super().get_submenu_items(),
            PermissionMenuItem(
                _("Importera organisationer och kontaktpersoner"),
                reverse_lazy("kvinnofrid_import"),
                icon_name="upload",
                order=800,
                shown_to=lambda user: (
                    user.has_perm("coordination.add_organisation")
                    and bool(county_ids_for_user(user))
                ),
            ),
            PermissionMenuItem(
                _("Gruppera frågor"),
                reverse_lazy("kvinnofrid_issue_grouping"),
                icon_name="folder-open-inverse",
                order=900,
                shown_to=national_reader,
            ),
        ]

    items = (
        ActivityViewSet("insatser"),
        NetworkViewSet("natverk"),
        MeetingViewSet("natverksmoten"),
        OrganisationViewSet("organisationer"),
        ContactViewSet("kontakter"),
        NationalIssueViewSet("nationella-fragor"),
    )
