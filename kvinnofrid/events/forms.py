from django import forms
from django.utils.translation import gettext_lazy as _

from kvinnofrid.regions.choices import OrganisationType

from .models import EventPage


def occasion_label(occasion) -> str:
    from django.utils.formats import date_format

    when = _("%(date)s kl. %(start)s–%(end)s") % {
        "date": date_format(occasion.date, "l j F Y"),
        "start": occasion.start_time.strftime("%H.%M"),
        "end": occasion.end_time.strftime("%H.%M"),
    }
    parts = [occasion.label, when, occasion.effective_format_label]
    return " · ".join(str(p) for p in parts if p)


class OccasionsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, occasion):
        return occasion_label(occasion)


class OccasionField(forms.ModelChoiceField):
    def label_from_instance(self, occasion):
        return occasion_label(occasion)


class RegistrationForm(forms.Form):
    """The public registration form. Field names are Swedish words because they show in
    the browser's autofill and in error links."""

    name = forms.CharField(label=_("Namn"), max_length=200)
    email = forms.EmailField(label=_("E-postadress"), max_length=254)
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    organisation_type = forms.ChoiceField(
        label=_("Typ av organisation"),
        choices=[("", _("Välj typ av organisation"))] + OrganisationType.choices,
    )
    role = forms.CharField(
        label=_("Yrkesroll"), max_length=200, help_text=_("Till exempel socialsekreterare.")
    )
    occasions = OccasionsField(
        queryset=None,
        label=_("Vilka tillfällen kommer du på?"),
        widget=forms.CheckboxSelectMultiple,
    )
    dietary_needs = forms.CharField(
        label=_("Kost (valfritt)"),
        max_length=500,
        required=False,
        help_text=_("Till exempel allergier eller vegetarisk kost."),
    )
    accessibility_needs = forms.CharField(
        label=_("Behov av anpassning (valfritt)"),
        max_length=500,
        required=False,
        help_text=_("Till exempel teckenspråkstolk, hörslinga eller tillgänglig entré."),
    )
    consent = forms.BooleanField(
        label=_("Jag har läst hur mina personuppgifter behandlas."),
        error_messages={"required": _("Kryssa i att du har läst personuppgiftsinformationen.")},
    )

    autocomplete = {
        "name": "name",
        "email": "email",
        "organisation": "organization",
        "role": "organization-title",
    }

    def __init__(self, *args, event: EventPage, occasions, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        queryset = event.occasions.filter(pk__in=[o.pk for o in occasions]).order_by(
            "date", "start_time"
        )
        if event.capacity_per_occasion:
            # Alternatives: one occasion, each with its own seats and waiting list.
            self.fields["occasions"] = OccasionField(
                queryset=queryset,
                label=_("Välj tillfälle"),
                widget=forms.RadioSelect,
                empty_label=None,
                error_messages={"required": _("Välj vilket tillfälle du vill gå på.")},
            )
        else:
            field = self.fields["occasions"]
            field.queryset = queryset
            field.error_messages["required"] = _("Välj minst ett tillfälle.")
            if len(occasions) == 1:
                field.initial = [occasions[0].pk]
        self.fields["name"].error_messages["required"] = _("Skriv ditt namn.")
        self.fields["email"].error_messages["required"] = _("Skriv din e-postadress.")
        self.fields["email"].error_messages["invalid"] = _(
            "Skriv e-postadressen som namn@exempel.se."
        )
        self.fields["organisation"].error_messages["required"] = _(
            "Skriv vilken organisation du arbetar i."
        )
        self.fields["organisation_type"].error_messages["required"] = _("Välj typ av organisation.")
        self.fields["role"].error_messages["required"] = _("Skriv din yrkesroll.")
        for name, token in self.autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = token

    def clean_occasions(self):
        occasions = self.cleaned_data["occasions"]
        if self.event.capacity_per_occasion:
            return [occasions]
        return list(occasions)
