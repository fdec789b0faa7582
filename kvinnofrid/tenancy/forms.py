from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from kvinnofrid.regions.models import County

from .querysets import national_reader


class CountyOwnedAdminForm(WagtailAdminModelForm):
    """Admin form of a model with a `county` field: county staff may only choose their
    own counties; rows without a county (national) are for national coordinators and
    platform admins."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self._county_staff():
            self.fields["county"].queryset = County.objects.for_user(self.for_user)
            self.fields["county"].required = True
            self.fields["county"].empty_label = None

    def clean(self):
        cleaned = super().clean()
        # Wagtail saves drafts without their required fields, so `required` alone would let
        # county staff save a national draft (which they then could not even see).
        if self._county_staff() and not cleaned.get("county"):
            self.add_error("county", _("Välj vilket av dina län det hör till."))
        return cleaned

    def _county_staff(self) -> bool:
        return self.for_user is not None and not national_reader(self.for_user)
