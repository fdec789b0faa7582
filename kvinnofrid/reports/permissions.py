"""Model permissions this app's models need per role, read by tenancy.services when it
builds the role groups: (app_label, codename) pairs."""

COORDINATOR = []
NATIONAL = []
