"""Forms of the subscriber pages. Public field names are Swedish words: they show in the
browser's autofill and in the error summary's links."""

from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kvinnofrid.regions.choices import OrganisationType

from .models import NewsletterListPage

ORGANISATION_TYPE_CHOICES = [
    ("", _("Välj typ av organisation (valfritt)")),
    *OrganisationType.choices,
]


def live_lists():
    """Every list open for sign-up: the national list first, then the counties in the
    order of their codes."""
    return (
        NewsletterListPage.objects.live()
        .public()
        .select_related("county")
        .order_by(F("county__code").asc(nulls_first=True), "title", "pk")
    )


class ListsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, newsletter):
        return newsletter.title


class SignupForm(forms.Form):
    nyhetsbrev = ListsField(
        queryset=NewsletterListPage.objects.none(),
        label=_("Vilka nyhetsbrev vill du ha?"),
        error_messages={"required": _("Välj minst ett nyhetsbrev.")},
    )
    epost = forms.EmailField(
        label=_("E-postadress"),
        max_length=254,
        error_messages={
            "required": _("Skriv din e-postadress."),
            "invalid": _("Skriv e-postadressen i formatet namn@exempel.se."),
        },
    )
    namn = forms.CharField(label=_("Namn (valfritt)"), max_length=200, required=False)
    organisationstyp = forms.ChoiceField(
        label=_("Typ av organisation (valfritt)"),
        choices=ORGANISATION_TYPE_CHOICES,
        required=False,
        help_text=_("Hjälper oss att se vilka som läser nyhetsbrevet."),
    )
    # The honeypot: hidden from people (and from assistive technology, so it is no
    # accessibility barrier); form-filling robots fill it in.
    webbadress = forms.CharField(required=False, label=_("Lämna det här fältet tomt"))

    autocomplete = {"epost": "email", "namn": "name", "webbadress": "off"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nyhetsbrev"].queryset = live_lists()
        for name, value in self.autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        self.fields["webbadress"].widget.attrs["tabindex"] = "-1"

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("webbadress", "").strip())


class PreferencesForm(forms.Form):
    nyhetsbrev = ListsField(
        queryset=NewsletterListPage.objects.none(),
        label=_("Nyhetsbrev du får"),
        required=False,
        help_text=_("Tar du bort alla kryss avslutar du alla prenumerationer."),
    )
    namn = forms.CharField(label=_("Namn (valfritt)"), max_length=200, required=False)
    organisationstyp = forms.ChoiceField(
        label=_("Typ av organisation (valfritt)"),
        choices=ORGANISATION_TYPE_CHOICES,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nyhetsbrev"].queryset = live_lists()
        self.fields["namn"].widget.attrs["autocomplete"] = "name"


# Staff ----------------------------------------------------------------------------------


class SubscriberSearchForm(forms.Form):
    q = forms.CharField(label=_("Sök e-postadress"), required=False, max_length=254)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", pgettext_lazy("status", "Alla"))],
    )

    def __init__(self, *args, **kwargs):
        from .models import Subscription

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            ("", pgettext_lazy("status", "Alla")),
            *Subscription.Status.choices,
        ]


class SubscriberImportForm(forms.Form):
    fil = forms.FileField(
        label=_("Fil"),
        help_text=_("CSV (UTF-8 eller Windows-1252, semikolon eller komma) eller Excel (XLSX)."),
    )
    grund = forms.CharField(
        label=_("Dokumenterad grund (valfritt)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Fyll i om mottagarna redan har bett om nyhetsbrevet och det finns dokumenterat, "
            "till exempel ”Anmälda via pappersblankett på länskonferensen 2026-10-12”. Då "
            "blir de prenumeranter direkt. Lämnar du fältet tomt får varje ny adress ett "
            "e-postmeddelande med en länk att bekräfta."
        ),
    )


class AddressBlockForm(forms.Form):
    epost = forms.EmailField(label=_("E-postadress"), max_length=254)
