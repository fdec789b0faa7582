from kvinnofrid.tenancy.forms import CountyOwnedAdminForm


class SupportLineForm(CountyOwnedAdminForm):
    pass
