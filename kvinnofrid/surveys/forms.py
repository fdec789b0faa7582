"""Staff forms: the survey builder (the survey and its questions), a new survey from the
template, and sending. Choices are limited to the user's counties and organisations."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from kvinnofrid.regions.models import County
from kvinnofrid.tenancy.forms import CountyOwnedAdminForm
from kvinnofrid.tenancy.querysets import county_ids_for_user

from .models import QuestionKind

CHOICE_KINDS = (QuestionKind.YES_NO, QuestionKind.SINGLE, QuestionKind.MULTIPLE)


class SurveyForm(CountyOwnedAdminForm):
    """The survey with its questions (an inline formset). Checks across questions: keys
    are unique, and a condition names an earlier choice question and one of its options."""

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("questions")
        if formset is None or not formset.is_valid():
            return cleaned
        seen = {}
        for form in sorted(
            (f for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")),
            key=lambda f: f.cleaned_data.get("ORDER") or 0,
        ):
            data = form.cleaned_data
            key = data.get("key")
            if key in seen:
                form.add_error("key", _("Nyckeln används redan av en annan fråga."))
                continue
            condition = data.get("condition_key")
            if condition:
                parent = seen.get(condition)
                if parent is None:
                    form.add_error(
                        "condition_key", _("Ange nyckeln till en fråga som står före den här.")
                    )
                elif parent["kind"] not in CHOICE_KINDS:
                    form.add_error(
                        "condition_key", _("Villkoret måste gälla en ja/nej- eller valfråga.")
                    )
                else:
                    options = (
                        ["ja", "nej"]
                        if parent["kind"] == QuestionKind.YES_NO
                        else [o.strip() for o in parent["options"].splitlines() if o.strip()]
                    )
                    if data.get("condition_value") not in options:
                        form.add_error(
                            "condition_value",
                            _("Skriv ett av svarsalternativen: %(options)s")
                            % {"options": ", ".join(options)},
                        )
            seen[key] = data
        if any(form.errors for form in formset.forms):
            raise forms.ValidationError(_("Rätta felen i frågorna."))
        return cleaned


class NewSurveyForm(forms.Form):
    county = forms.ModelChoiceField(
        label=_("Län"), queryset=County.objects.none(), empty_label=None
    )
    year = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    deadline = forms.DateField(
        label=_("Sista svarsdag"), help_text=_("Skriv datumet som ÅÅÅÅ-MM-DD.")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = County.objects.filter(pk__in=county_ids_for_user(user))
        today = datetime.date.today()
        self.fields["year"].initial = today.year
        self.fields["deadline"].initial = today + datetime.timedelta(days=42)

    def clean(self):
        from .models import Survey

        cleaned = super().clean()
        county, year = cleaned.get("county"), cleaned.get("year")
        if county and year and Survey.objects.filter(county=county, year=year).exists():
            self.add_error("year", _("Länet har redan en kartläggning det året."))
        return cleaned
