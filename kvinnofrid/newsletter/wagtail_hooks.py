from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.widgets import Button
from wagtail.signals import init_new_page

from kvinnofrid.core.audit import register_audit_actions

from .admin_urls import urlpatterns
from .models import NewsletterIssuePage

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


@hooks.register("register_page_header_buttons")
def issue_send_button(page, user, view_name, next_url=None):
    if not issubclass(page.specific_class or object, NewsletterIssuePage):
        return
    # The same rule as the send page, so the button never leads to a 404.
    if page.permissions_for_user(user).can_publish():
        yield Button(
            _("Skicka"),
            reverse("newsletter_send", kwargs={"page_id": page.pk}),
            icon_name="mail",
            priority=40,
        )


@receiver(init_new_page, dispatch_uid="newsletter_issue_prefill")
def new_issue_prefill(sender, page, parent, **kwargs):
    """A new issue's form opens with the standard sections and the coming events."""
    from .prefill import prefill_new_issue

    prefill_new_issue(page=page, parent=parent)
