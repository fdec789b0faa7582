"""Platform admins grant, change and revoke county roles in Wagtail's admin. Every write
goes through tenancy.services, so group membership and the audit log follow."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from .models import CountyMembership
from .services import membership_change, membership_grant, membership_revoke


class MembershipCreateView(generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return membership_grant(
            user=data["user"],
            role=data["role"],
            county=data["county"],
            granted_by=self.request.user,
        )


class MembershipEditView(generic.EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        return membership_change(
            membership=self.object,
            role=data["role"],
            county=data["county"],
            changed_by=self.request.user,
        )


class MembershipDeleteView(generic.DeleteView):
    def delete_action(self):
        membership_revoke(membership=self.object, revoked_by=self.request.user)


class CountyMembershipViewSet(ModelViewSet):
    # Only superusers hold the model permissions, so only they see and use this.
    model = CountyMembership
    icon = "key"
    menu_label = _("Länsbehörigheter")
    add_to_admin_menu = False
    add_to_settings_menu = True
    form_fields = ["user", "county", "role"]
    list_display = ["user", "county", "role", "created_at"]
    list_filter = ["role", "county"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "user__email"]
    add_view_class = MembershipCreateView
    edit_view_class = MembershipEditView
    delete_view_class = MembershipDeleteView
    inspect_view_enabled = False
    copy_view_enabled = False
