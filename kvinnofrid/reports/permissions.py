"""Model permissions this app's models need per role, read by tenancy.services when it
builds the role groups: (app_label, codename) pairs. Coordinators write their county's
reports; national coordinators read every county's and write the national compilation
(the querysets narrow the writes). Exports need no permission of their own: whoever may
read a report may export it."""

COORDINATOR = [("reports", f"{action}_statusreport") for action in ("add", "change", "view")]
NATIONAL = [("reports", f"{action}_statusreport") for action in ("add", "change", "view")]
