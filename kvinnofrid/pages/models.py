"""The public page tree: one HomePage, one CountyPage per county beneath it, and
information pages such as the accessibility statement."""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
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

    def get_context(self, request, *args, **kwargs):
        from kvinnofrid.events.models import CalendarPage, EventPage, stockholm_today

        context = super().get_context(request, *args, **kwargs)
        context["events"] = (
            EventPage.objects.live()
            .public()
            .for_county(self.county_id)
            .upcoming(stockholm_today())
            .order_by("starts_on", "pk")
            .for_listing()[:5]
        )
        calendar = CalendarPage.objects.live().first()
        if calendar:
            context["calendar_url"] = f"{calendar.url}?lan={self.county.slug}"
            context["county_feed_url"] = calendar.feed_url(self.county.slug)
        return context


def county_of_page(page):
    """The county whose part of the tree a page stands in (None outside every county page,
    e.g. national events and the national newsletter)."""
    if not page.path:
        return None
    county_page = CountyPage.objects.ancestor_of(page).only("county_id").first()
    return county_page.county if county_page else None


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


class TopicIndexPage(Page):
    """A section of topic pages, e.g. "Om mäns våld mot kvinnor"."""

    intro = models.TextField(_("ingress"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["pages.HomePage", "pages.CountyPage", "pages.TopicIndexPage"]
    subpage_types = ["pages.TopicPage", "pages.TopicIndexPage"]

    class Meta:
        verbose_name = _("ämnesöversikt")
        verbose_name_plural = _("ämnesöversikter")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topics"] = self.get_children().live().public().specific().order_by("path")
        return context


class TopicPage(Page):
    """Knowledge on one subject, tagged with the violence areas it concerns."""

    intro = models.TextField(_("ingress"), blank=True)
    body = RichTextField(_("brödtext"), blank=True)
    violence_areas = ParentalManyToManyField(
        "regions.ViolenceArea", blank=True, related_name="+", verbose_name=_("våldsområden")
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("related_links", label=_("Relaterade länkar")),
    ]
    promote_panels = Page.promote_panels + [
        FieldPanel("violence_areas", widget=forms.CheckboxSelectMultiple)
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["pages.TopicIndexPage", "pages.TopicPage"]

    class Meta:
        verbose_name = _("ämnessida")
        verbose_name_plural = _("ämnessidor")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["links"] = self.related_links.select_related("page")
        return context


class RelatedLink(Orderable):
    """A link from a topic page: to another page here, or to an external address."""

    source = ParentalKey(TopicPage, on_delete=models.CASCADE, related_name="related_links")
    title = models.CharField(_("rubrik"), max_length=200)
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sida"),
    )
    url = models.URLField(_("extern adress"), blank=True)

    panels = [FieldPanel("title"), FieldPanel("page"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("relaterad länk")
        verbose_name_plural = _("relaterade länkar")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(page__isnull=False) & models.Q(url=""))
                | (models.Q(page__isnull=True) & ~models.Q(url="")),
                name="related_link_page_or_url",
                violation_error_message=_("Ange antingen en sida eller en extern adress."),
            )
        ]

    @property
    def href(self) -> str:
        return self.page.url if self.page_id else self.url
