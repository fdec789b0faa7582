"""Model permissions this app's models need per role, read by tenancy.services when it
builds the role groups: (app_label, codename) pairs."""

_MODELS = ("survey", "question", "invitation", "answer")

COORDINATOR = [
    ("surveys", f"{action}_{model}")
    for model in _MODELS
    for action in ("add", "change", "delete", "view")
]
NATIONAL = [("surveys", f"view_{model}") for model in _MODELS]
