"""Compatibility shims for third-party packages, each with the reason and the way out.

wagtail-2fa 1.8 (the Wagtail ecosystem's two-factor package) imports
`wagtail.users.widgets.UserListingButton`, a module that Wagtail 7.1+ removed in favour of
`wagtail.admin.widgets.ListingButton` with the same constructor. Aliasing the module lets
us use the maintained package rather than write our own 2FA; drop this when wagtail-2fa
releases a fix (the test suite imports its hooks, so a release that breaks differently
fails loudly).
"""

import sys
import types


def install() -> None:
    try:
        import wagtail.users.widgets  # noqa: F401
    except ModuleNotFoundError:
        from wagtail.admin.widgets import ListingButton

        module = types.ModuleType("wagtail.users.widgets")
        module.UserListingButton = ListingButton
        sys.modules["wagtail.users.widgets"] = module
