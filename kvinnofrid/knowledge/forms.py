from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from kvinnofrid.regions.models import County
from kvinnofrid.tenancy.querysets import national_reader


class ResourceForm(WagtailAdminModelForm):
    """County staff place resources in their own counties; national resources (no county)
    are for national coordinators and platform admins."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and not national_reader(user):
            self.fields["county"].queryset = County.objects.for_user(user)
            self.fields["county"].required = True
            self.fields["county"].empty_label = None

    def clean(self):
        cleaned = super().clean()
        # Wagtail saves drafts without their required fields, so `required` alone would let
        # county staff save a national draft (which they then could not even see).
        user = self.for_user
        if user is not None and not national_reader(user) and not cleaned.get("county"):
            self.add_error("county", _("Välj vilket av dina län materialet hör till."))
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
