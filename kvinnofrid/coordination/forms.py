"""Admin forms of the coordination workspace. Every choice of a related record is limited
to what the user may read, through the same checkpoint as the lists."""

import datetime

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.models import Collection

from kvinnofrid.events.models import EventPage
from kvinnofrid.regions.models import County, Municipality, StrategyGoal
from kvinnofrid.tenancy.forms import CountyOwnedAdminForm
from kvinnofrid.tenancy.querysets import county_ids_for_user, national_reader

from .models import (
    Activity,
    Contact,
    NationalIssue,
    NationalIssueGroup,
    Network,
    NetworkMember,
    Organisation,
)
from .validators import normalise_organisation_number

CHECKBOXES = forms.CheckboxSelectMultiple


def documents_for_user(user):
    """Files in the collections of the user's counties (their internal ones included)."""
    documents = get_document_model().objects.all()
    if national_reader(user):
        return documents
    names = County.objects.filter(pk__in=county_ids_for_user(user)).values_list("name", flat=True)
    paths = Collection.objects.filter(depth=2, name__in=list(names)).values_list("path", flat=True)
    within = Q(pk__in=[])
    for path in paths:
        within |= Q(collection__path__startswith=path)
    return documents.filter(within)


def municipalities_for_user(user):
    municipalities = Municipality.objects.select_related("county").order_by("name")
    if national_reader(user):
        return municipalities
    return municipalities.filter(county__in=county_ids_for_user(user))


class ScopedChoicesMixin:
    """Limit related-record fields to rows the user may read."""

    def scope(self, name: str, queryset) -> None:
        if name in self.fields:
            self.fields[name].queryset = queryset


class OrganisationForm(CountyOwnedAdminForm):
    def clean_organisation_number(self):
        value = self.cleaned_data.get("organisation_number", "")
        return normalise_organisation_number(value) if value else ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "municipality" in self.fields:
            self.fields["municipality"].queryset = municipalities_for_user(self.for_user)

    def clean(self):
        cleaned = super().clean()
        county, municipality = cleaned.get("county"), cleaned.get("municipality")
        if municipality and county and municipality.county_id != county.pk:
            self.add_error(
                "municipality", _("Kommunen ligger inte i det län som organisationen hör till.")
            )
        if cleaned.get("kind") == Organisation.Kind.CIVIL_SOCIETY:
            if not cleaned.get("civil_society_kind"):
                cleaned["civil_society_kind"] = Organisation.CivilSocietyKind.OTHER
        elif cleaned.get("civil_society_kind"):
            self.add_error(
                "civil_society_kind",
                _("Välj bara en civilsamhällestyp för organisationer i civilsamhället."),
            )
        user = self.for_user
        if county and user and national_reader(user) and not user.is_superuser:
            # The national coordinator keeps the national rows; a county's are the county's.
            self.add_error(
                "county",
                _("Som nationell samordnare lägger du bara till nationella organisationer."),
            )
        return cleaned


class ContactForm(ScopedChoicesMixin, CountyOwnedAdminForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope("organisation", Organisation.objects.for_user(self.for_user))


class NetworkForm(ScopedChoicesMixin, CountyOwnedAdminForm):
    def __init__(self, *args, **kwargs):
        super(CountyOwnedAdminForm, self).__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and not national_reader(user):
            # A network may span counties the user does not work in; keep those it has.
            current = self.instance.counties.all() if self.instance.pk else County.objects.none()
            self.fields["counties"].queryset = County.objects.filter(
                Q(pk__in=county_ids_for_user(user)) | Q(pk__in=current)
            ).distinct()
        self._scope_member_rows()

    def _scope_member_rows(self) -> None:
        """The member rows (an inline formset) choose among the user's organisations and
        contacts. Django builds those forms lazily, each through `add_fields`, the empty
        template row included, so the limit is applied there."""
        formset = self.formsets.get("members")
        if formset is None or self.for_user is None:
            return
        organisations = Organisation.objects.for_user(self.for_user)
        contacts = Contact.objects.for_user(self.for_user).select_related("organisation")
        add_fields = formset.add_fields

        def scoped_add_fields(form, index):
            add_fields(form, index)
            form.fields["organisation"].queryset = organisations
            form.fields["contact"].queryset = contacts

        formset.add_fields = scoped_add_fields

    def clean(self):
        cleaned = super(CountyOwnedAdminForm, self).clean()
        user = self.for_user
        counties = cleaned.get("counties")
        if (
            user is not None
            and not user.is_superuser
            and counties is not None
            and not {county.pk for county in counties} & county_ids_for_user(user)
        ):
            self.add_error("counties", _("Nätverket måste höra till minst ett av dina län."))
        return cleaned


class MeetingForm(ScopedChoicesMixin, CountyOwnedAdminForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.scope("network", Network.objects.writable_by(user))
        members = NetworkMember.objects.for_user(user).select_related(
            "network", "organisation", "contact"
        )
        if self.instance.pk:
            members = members.filter(network=self.instance.network_id)
        self.scope("attendees", members)
        self.scope("minutes", documents_for_user(user))

    def clean(self):
        cleaned = super().clean()
        network, county = cleaned.get("network"), cleaned.get("county")
        if network and county and not network.counties.filter(pk=county.pk).exists():
            self.add_error("county", _("Länet är inte med i nätverket."))
        attendees = cleaned.get("attendees")
        if network and attendees:
            strangers = [member for member in attendees if member.network_id != network.pk]
            if strangers:
                self.add_error("attendees", _("Välj bara medlemmar i det här nätverket."))
        return cleaned


class ActivityForm(ScopedChoicesMixin, CountyOwnedAdminForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.scope("organisations", Organisation.objects.for_user(user).select_related("county"))
        self.scope("municipalities", municipalities_for_user(user))
        self.scope("network", Network.objects.for_user(user))
        self.scope("event", EventPage.objects.for_user(user).order_by("-starts_on"))
        self.scope("attachments", documents_for_user(user))
        if not self.instance.pk and "starts_on" in self.fields:
            self.fields["starts_on"].initial = datetime.date.today

    def clean(self):
        cleaned = super().clean()
        county, municipalities = cleaned.get("county"), cleaned.get("municipalities")
        if county and municipalities:
            elsewhere = [m.name for m in municipalities if m.county_id != county.pk]
            if elsewhere:
                self.add_error(
                    "municipalities",
                    _("%(names)s ligger inte i %(county)s.")
                    % {"names": ", ".join(elsewhere), "county": county.name},
                )
        return cleaned


class NationalIssueForm(ScopedChoicesMixin, CountyOwnedAdminForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        readable = Organisation.objects.for_user(self.for_user)
        self.scope("raised_by", readable)
        self.scope("forwarded_to", readable.agencies())
        if not self.instance.pk and "raised_on" in self.fields:
            self.fields["raised_on"].initial = datetime.date.today


class QuickVisitForm(forms.Form):
    """The quick entry of a municipality visit: only what cannot be guessed."""

    municipality = forms.CharField(
        label=_("Kommun"),
        help_text=_("Skriv några bokstäver och välj i listan."),
        widget=forms.TextInput(attrs={"list": "kommuner", "autocomplete": "off"}),
    )
    starts_on = forms.DateField(
        label=_("Datum"),
        initial=datetime.date.today,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    organisations = forms.ModelMultipleChoiceField(
        label=_("Fler organisationer som deltog"),
        required=False,
        queryset=Organisation.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Kommunen räknas alltid. Håll ned Ctrl (⌘ på Mac) för att välja flera."),
    )
    participants = forms.IntegerField(label=_("Antal deltagare"), min_value=0, required=False)
    goals = forms.ModelMultipleChoiceField(
        label=_("Målsättningar i nationella strategin"),
        queryset=StrategyGoal.objects.all(),
        required=False,
        widget=CHECKBOXES,
    )
    description = forms.CharField(
        label=_("Vad togs upp?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Inga uppgifter om enskilda personer."),
        validators=Activity._meta.get_field("description").validators,
    )

    def __init__(self, *args, user, county: County, **kwargs):
        super().__init__(*args, **kwargs)
        self.county = county
        self.municipality_choices = list(
            Municipality.objects.filter(county=county).order_by("name")
        )
        self.fields["organisations"].queryset = (
            Organisation.objects.for_user(user)
            .filter(Q(county=county) | Q(county__isnull=True))
            .exclude(kind=Organisation.Kind.MUNICIPALITY)
        )

    def clean_municipality(self):
        typed = self.cleaned_data["municipality"].strip()
        wanted = typed.casefold().removesuffix(" kommun")
        for municipality in self.municipality_choices:
            if wanted in {municipality.name.casefold(), municipality.code}:
                return municipality
        raise forms.ValidationError(
            _("Välj en kommun i %(county)s ur listan."), params={"county": self.county.name}
        )


class IssueGroupingForm(forms.Form):
    issues = forms.ModelMultipleChoiceField(
        label=_("Frågor"),
        queryset=NationalIssue.objects.none(),
        widget=CHECKBOXES,
        error_messages={"required": _("Välj minst en fråga att gruppera.")},
    )
    existing = forms.ModelChoiceField(
        label=_("Lägg till i en befintlig grupp"),
        queryset=NationalIssueGroup.objects.all(),
        required=False,
        empty_label=_("– ingen –"),
    )
    title = forms.CharField(
        label=_("eller skapa en ny grupp med rubriken"), max_length=200, required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issues"].queryset = NationalIssue.objects.for_user(user).select_related(
            "county", "topic"
        )

    def clean(self):
        cleaned = super().clean()
        existing, title = cleaned.get("existing"), (cleaned.get("title") or "").strip()
        if existing and title:
            raise forms.ValidationError(
                _("Välj en befintlig grupp eller skriv en rubrik för en ny, inte båda.")
            )
        if not existing and not title:
            raise forms.ValidationError(
                _("Välj en befintlig grupp eller skriv en rubrik för en ny grupp.")
            )
        cleaned["group_title"] = existing.title if existing else title
        return cleaned
