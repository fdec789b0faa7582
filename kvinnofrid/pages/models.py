"""The public page tree: one HomePage, one CountyPage per county beneath it, and
information pages such as the accessibility statement."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.search import index

from .querysets import InformationPageQuerySet


class HomePage(Page):
    intro = models.TextField(_("ingress"), blank=True)
    body = RichTextField(_("brödtext"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("startsida")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["county_pages"] = (
            CountyPage.objects.live()
            .child_of(self)
            .select_related("county")
            .order_by("county__code")
        )
        return context


class CountyPage(Page):
    """A county's own part of the site; its subtree is what the county's staff edit."""

    county = models.OneToOneField(
        "regions.County", on_delete=models.PROTECT, related_name="page", verbose_name=_("län")
    )
    intro = models.TextField(_("ingress"), blank=True)
    mission = RichTextField(_("länsstyrelsens uppdrag"), blank=True)
    contact = RichTextField(_("kontakt"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("mission"),
        FieldPanel("contact"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("mission"),
    ]

    parent_page_types = ["pages.HomePage"]

    class Meta:
        verbose_name = _("länssida")
        verbose_name_plural = _("länssidor")


class InformationPage(Page):
    """A plain page of text. A few have a fixed role that the site shell links to."""

    class Role(models.TextChoices):
        NONE = "", _("Ingen särskild roll")
        ACCESSIBILITY_STATEMENT = "accessibility", _("Tillgänglighetsredogörelse")
        PRIVACY_NOTICE = "privacy", _("Personuppgiftsinformation")

    intro = models.TextField(_("ingress"), blank=True)
    body = RichTextField(_("brödtext"), blank=True)
    role = models.CharField(
        _("roll på webbplatsen"), max_length=20, choices=Role.choices, blank=True
    )

    objects = PageManager.from_queryset(InformationPageQuerySet)()

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    settings_panels = Page.settings_panels + [FieldPanel("role")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("informationssida")
        verbose_name_plural = _("informationssidor")
        constraints = [
            models.UniqueConstraint(
                fields=["role"], condition=~models.Q(role=""), name="one_page_per_site_role"
            )
        ]
