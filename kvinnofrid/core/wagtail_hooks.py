from wagtail import hooks

from .audit import AUDIT_ACTIONS


@hooks.register("register_log_actions")
def register_kvinnofrid_actions(actions):
    for action, (label, message) in AUDIT_ACTIONS.items():
        actions.register_action(action, label, message)
