"""Audit logging of staff changes through Wagtail's audit log.

Apps declare their actions with `register_audit_actions`, each with a Swedish label; the
labels show in Wagtail's "Logghändelser" report and its filters. `audit_log` refuses an
action nobody declared, so a typo cannot silently produce an unlabelled entry.
"""

import re

from django.utils.functional import Promise
from wagtail.log_actions import log, registry

ACTION_PATTERN = re.compile(r"^kvinnofrid\.[a-z_]+\.[a-z_]+$")

# action -> (label, message); filled by register_audit_actions at import time of each app.
AUDIT_ACTIONS: dict[str, tuple[Promise | str, Promise | str]] = {}


class UnknownAuditAction(ValueError):
    pass


def register_audit_actions(actions: dict[str, tuple[Promise | str, Promise | str]]) -> None:
    for action in actions:
        if not ACTION_PATTERN.match(action):
            raise ValueError(f"Audit actions are named kvinnofrid.<app>.<verb>, not {action!r}")
    AUDIT_ACTIONS.update(actions)


def audit_log(*, instance, action: str, user=None, data: dict | None = None):
    """Record a staff change. Call it inside the service's transaction so the entry and the
    change are written together or not at all."""
    if not registry.action_exists(action):
        raise UnknownAuditAction(f"{action!r} is not a registered audit action")
    return log(instance=instance, action=action, user=user, data=data or {})
