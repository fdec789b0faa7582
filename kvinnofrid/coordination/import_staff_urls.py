"""Isolation-matrix entries of the registry import.

The upload page names the county it imports into (?lan=<SCB code>): the county's
coordinator gets it, the coordinator of another county 404, the editor and the national
coordinator (who imports into no county) 403.
"""

from django.urls import reverse

from kvinnofrid.tenancy.isolation import register_staff_url
from kvinnofrid.tenancy.models import Role

register_staff_url(
    "coordination import upload",
    make=lambda county: reverse("kvinnofrid_import") + f"?lan={county.code}",
    allowed_roles={Role.COORDINATOR},
)
