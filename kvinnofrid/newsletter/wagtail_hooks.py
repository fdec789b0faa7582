from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.widgets import Button
from wagtail.signals import init_new_page

from kvinnofrid.core.audit import register_audit_actions

from .admin_urls import urlpatterns
from .models import NewsletterIssuePage, NewsletterSend

register_audit_actions(
    {
        "kvinnofrid.newsletter.import": (
            _("Importerade prenumeranter"),
            _("Importerade prenumeranter"),
        ),
        "kvinnofrid.newsletter.export": (
            _("Exporterade prenumeranter"),
            _("Exporterade prenumeranter"),
        ),
        "kvinnofrid.newsletter.test_send": (
            _("Skickade ett provutskick"),
            _("Skickade ett provutskick"),
        ),
        "kvinnofrid.newsletter.block": (
            _("Spärrade en e-postadress"),
            _("Spärrade en e-postadress"),
        ),
        "kvinnofrid.newsletter.send": (_("Startade ett utskick"), _("Startade utskicket")),
        "kvinnofrid.newsletter.schedule": (
            _("Schemalade ett utskick"),
            _("Schemalade utskicket"),
        ),
        "kvinnofrid.newsletter.cancel": (
            _("Avbröt ett schemalagt utskick"),
            _("Avbröt det schemalagda utskicket"),
        ),
        "kvinnofrid.newsletter.pause": (_("Pausade ett utskick"), _("Pausade utskicket")),
        "kvinnofrid.newsletter.resume": (
            _("Återupptog ett utskick"),
            _("Återupptog utskicket"),
        ),
    }
)


@hooks.register("register_admin_urls")
def newsletter_admin_urls():
    return urlpatterns


class NewsletterMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def newsletter_menu_item():
    items = [
        NewsletterMenuItem(
            _("Prenumeranter"),
            reverse("newsletter_subscribers"),
            icon_name="group",
            order=10,
            permission="newsletter.view_subscription",
        ),
        NewsletterMenuItem(
            _("Utskick"),
            reverse("newsletter_sends"),
            icon_name="mail",
            order=20,
            permission="newsletter.view_newslettersend",
        ),
    ]
    return SubmenuMenuItem(_("Nyhetsbrev"), Menu(items=items), icon_name="mail", order=206)


def _is_issue(page) -> bool:
    return issubclass(page.specific_class or object, NewsletterIssuePage)


def _may_send(page, user) -> bool:
    # The same rule as the send page, so the button never leads to a 404.
    return _is_issue(page) and page.permissions_for_user(user).can_publish()


def is_ready_issue(page) -> bool:
    """Published as it stands (the e-mail links to the web version) and not yet sent: the
    next thing to do with it is to send it."""
    return (
        _is_issue(page)
        and page.live
        and not page.has_unpublished_changes
        and not NewsletterSend.objects.filter(issue_id=page.pk).exists()
    )


def _send_url(page) -> str:
    return reverse("newsletter_send", kwargs={"page_id": page.pk})


@hooks.register("register_page_header_buttons")
def issue_send_button(page, user, view_name, next_url=None):
    if _may_send(page, user):
        yield Button(_("Skicka"), _send_url(page), icon_name="mail", priority=40)


@hooks.register("register_page_listing_buttons")
def issue_listing_send_button(page, user, next_url=None):
    """A ready issue's row in the page listing offers Skicka beside Redigera."""
    if _may_send(page, user) and is_ready_issue(page):
        yield Button(
            _("Skicka"),
            _send_url(page),
            icon_name="mail",
            priority=15,
            attrs={"aria-label": _("Skicka %(title)s") % {"title": page.title}},
        )


class SendIssueMenuItem(ActionMenuItem):
    label = _("Skicka")
    name = "action-send-issue"
    icon_name = "mail"

    def get_url(self, parent_context):
        return _send_url(parent_context["page"])


@hooks.register("construct_page_action_menu")
def issue_send_as_primary_action(menu_items, request, context):
    """On a ready issue, Skicka is the editor's primary button (the rest stay in its
    menu): once the issue is published as it stands, sending is what is left to do. With
    unpublished changes it is not ready, and publishing stays first."""
    page = context.get("page")
    if (
        context.get("view") == "edit"
        and page is not None
        and not context.get("locked_for_user")
        and _may_send(page, request.user)
        and is_ready_issue(page)
    ):
        menu_items.insert(0, SendIssueMenuItem(order=-1))


@receiver(init_new_page, dispatch_uid="newsletter_issue_prefill")
def new_issue_prefill(sender, page, parent, **kwargs):
    """A new issue's form opens with the standard sections and the coming events."""
    from .prefill import prefill_new_issue

    prefill_new_issue(page=page, parent=parent)
