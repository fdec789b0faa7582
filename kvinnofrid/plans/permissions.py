"""Model permissions this app's models need per role, read by tenancy.services when it
builds the role groups: (app_label, codename) pairs. Goals, revisions, follow-ups and
indicator values are edited inline with their parent and need no permissions of their own."""

MODELS = ("actionplan", "measure", "indicator")

COORDINATOR = [
    ("plans", f"{action}_{model}")
    for model in MODELS
    for action in ("add", "change", "delete", "view")
]
NATIONAL = [("plans", f"view_{model}") for model in MODELS]
