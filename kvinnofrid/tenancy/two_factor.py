"""The second-factor step, on wagtail-2fa and django-otp.

django-otp 1.7.5 stopped trying every device of a user when the form names none (a
security fix: failed guesses throttled unrelated devices). wagtail-2fa 1.8's token form
names none, so with current django-otp every code is refused. Staff here have TOTP
devices only, so the form below names the user's confirmed TOTP device explicitly, which is
what the fix asks for. Registered under wagtail-2fa's own URL name (see wagtail_hooks).
"""

from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail_2fa import forms as wagtail_2fa_forms
from wagtail_2fa import views as wagtail_2fa_views


class TokenForm(wagtail_2fa_forms.TokenForm):
    def _chosen_device(self, user):
        chosen = super()._chosen_device(user)
        if chosen is not None:
            return chosen
        return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("id").first()


class TokenView(wagtail_2fa_views.LoginView):
    form_class = TokenForm
