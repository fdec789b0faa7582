from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from kvinnofrid.regions.models import County
from kvinnofrid.tenancy.querysets import county_ids_for_user, national_reader

from .models import TEXT_FIELDS, StatusReport


class StatusReportForm(WagtailAdminModelForm):
    """County and year are chosen once, when the report is created; afterwards only the
    texts change. County staff choose among their counties; the national coordinator makes
    only the national compilation (no county)."""

    class Meta:
        model = StatusReport
        fields = [
            "county",
            "year",
            "reference_number",
            "results_and_effects",
            "development_analysis",
            "support_needs_analysis",
            "goal_1_text",
            "goal_2_text",
            "goal_3_text",
            "goal_4_text",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in TEXT_FIELDS:
            widget = self.fields[name].widget
            # Draftail's editable area is not tied to the field's <label>; Draftail passes
            # these options on as props, so give it the label as its accessible name.
            if hasattr(widget, "options"):
                widget.options = {**widget.options, "ariaLabel": str(self.fields[name].label)}
        user = self.for_user
        county = self.fields["county"]
        if self.instance.pk:
            county.disabled = True
            self.fields["year"].disabled = True
            return
        if user is None or user.is_superuser:
            county.required = False
        elif national_reader(user):
            county.queryset = County.objects.none()
            county.required = False
            county.disabled = True
            county.help_text = _(
                "Som nationell samordnare skapar du den nationella sammanställningen."
            )
        else:
            county.queryset = County.objects.filter(pk__in=county_ids_for_user(user))
            county.required = True
            county.empty_label = None

    def clean_county(self):
        county = self.cleaned_data.get("county")
        user = self.for_user
        if self.instance.pk:
            return self.instance.county
        if user is not None and national_reader(user) and not user.is_superuser:
            return None
        return county


class ExportForm(forms.Form):
    format = forms.ChoiceField(
        choices=[("pdf", "PDF"), ("docx", "DOCX"), ("xlsx", "XLSX")], label=_("Format")
    )
