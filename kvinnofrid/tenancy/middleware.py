from django.conf import settings
from wagtail_2fa.middleware import VerifyUserMiddleware

from .boundary import admin_object_outside_users_counties


class StaffTwoFactorMiddleware(VerifyUserMiddleware):
    """Every account that can reach the admin must have and use a second factor (TOTP).

    Accounts named in KVINNOFRID_2FA_EXEMPT_USERNAMES (dev settings only; production
    refuses it) pass without one."""

    def _require_verified_user(self, request):
        user = request.user
        if (
            user.is_authenticated
            and user.get_username() in settings.KVINNOFRID_2FA_EXEMPT_USERNAMES
        ):
            # wagtail-2fa's menu hook reads this to keep the full menu for the account.
            user.enable_2fa = False
            return False
        if not request.path_info.startswith("/admin/"):
            # The public site is the same for staff and visitors; the admin is what the
            # second factor protects (the userbar's links lead there).
            return False
        return super()._require_verified_user(request)


class CountyBoundaryMiddleware:
    """Admin URLs that address an object of another county answer 404 before Wagtail's own
    403 can tell that the object exists (see boundary.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        admin_object_outside_users_counties(request, view_kwargs)
        return None
