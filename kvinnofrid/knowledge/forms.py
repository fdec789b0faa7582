from django import forms
from django.utils.translation import gettext_lazy as _

from kvinnofrid.tenancy.forms import CountyOwnedAdminForm


class ResourceForm(CountyOwnedAdminForm):
    def clean(self):
        cleaned = super().clean()
        participating = cleaned.get("participating_counties")
        county = cleaned.get("county")
        if participating is not None and participating.exists():
            if county is None and "county" not in self.errors:
                # National material has no county at all; joint material has a county that
                # is responsible for it.
                self.add_error(
                    "county",
                    _("Välj vilket län som ansvarar för materialet när andra län medverkar."),
                )
            elif county is not None:
                # The responsible county is not also a participating one.
                cleaned["participating_counties"] = participating.exclude(pk=county.pk)
        files = self.formsets.get("files")
        kept = 0
        if files is not None:
            for form in files.forms:
                if not form.is_valid() or (files.can_delete and form.cleaned_data.get("DELETE")):
                    continue
                if form.cleaned_data.get("document"):
                    kept += 1
        if not kept and not cleaned.get("external_url"):
            raise forms.ValidationError(
                _("Lägg till minst en fil eller ange en extern webbadress."), code="no_content"
            )
        return cleaned
