from wagtail.admin.forms import WagtailAdminModelForm

from kvinnofrid.regions.models import County
from kvinnofrid.tenancy.querysets import national_reader


class SupportLineForm(WagtailAdminModelForm):
    """County staff may only place lines in their own counties; national lines are for
    national coordinators and platform admins."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and not national_reader(user):
            self.fields["county"].queryset = County.objects.for_user(user)
            self.fields["county"].required = True
            self.fields["county"].empty_label = None
