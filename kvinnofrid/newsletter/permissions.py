"""Model permissions this app's models need per role, read by tenancy.services when it
builds the role groups: (app_label, codename) pairs. Editors and coordinators both run a
county's newsletter; the national coordinator runs the national list."""

_MODELS = ("subscriber", "subscription", "newslettersend", "delivery")

_ALL = [
    ("newsletter", f"{action}_{model}")
    for model in _MODELS
    for action in ("add", "change", "delete", "view")
]
EDITOR = _ALL
COORDINATOR = _ALL
NATIONAL = _ALL
