"""The public page tree: one HomePage, one CountyPage per county beneath it, and
information pages such as the accessibility statement."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from .forms import AsciiSlugPageForm
from .querysets import InformationPageQuerySet, NewsPageQuerySet


class HomePage(Page):
    intro = models.TextField(_("ingress"), blank=True)
    body = RichTextField(_("brödtext"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1
    base_form_class = AsciiSlugPageForm

    class Meta:
        verbose_name = _("startsida")

    def get_context(self, request, *args, **kwargs):
        from .current import home_page_sections

        context = super().get_context(request, *args, **kwargs)
        context["county_pages"] = (
            CountyPage.objects.live()
            .child_of(self)
            .select_related("county")
            .order_by("county__code")
        )
        context.update(home_page_sections(self, request=request))
        return context


class CountyPage(RoutablePageMixin, Page):
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
    base_form_class = AsciiSlugPageForm

    class Meta:
        verbose_name = _("länssida")
        verbose_name_plural = _("länssidor")

    def get_context(self, request, *args, **kwargs):
        from kvinnofrid.events.models import CalendarPage, EventPage, stockholm_today

        from .current import county_page_sections

        context = super().get_context(request, *args, **kwargs)
        context.update(county_page_sections(self, request=request))
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

    def status_report_url(self, year: int) -> str:
        return self.url + self.reverse_subpage("status_report", args=[year])

    @path("lagesrapport/<int:year>/", name="status_report")
    def status_report_route(self, request, year: int):
        """The county's final status report of a year as the PDF made from it. The report
        is a public document once it is final; drafts and exports made before it was
        finalised are never served."""
        from .current import final_status_reports

        report = next(
            (r for r in final_status_reports(self.county) if r.year == year and r.pdf), None
        )
        if report is None:
            raise Http404
        response = FileResponse(
            report.pdf.file.open("rb"),
            content_type="application/pdf",
            filename=f"lagesrapport-{self.county.slug}-{year}.pdf",
        )
        response["Cache-Control"] = "public, max-age=3600"
        return response


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
    base_form_class = AsciiSlugPageForm

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
    base_form_class = AsciiSlugPageForm

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
    base_form_class = AsciiSlugPageForm

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


class NewsIndexPage(Page):
    """*Aktuellt*: the news of a county (under its county page) or the national news (under
    the home page). Provisioning makes one for each; the listing is newest first."""

    intro = models.TextField(_("ingress"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["pages.HomePage", "pages.CountyPage"]
    subpage_types = ["pages.NewsPage"]
    max_count_per_parent = 1
    base_form_class = AsciiSlugPageForm
    items_per_page = 10

    class Meta:
        verbose_name = _("nyhetsöversikt")
        verbose_name_plural = _("nyhetsöversikter")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context(request, *args, **kwargs)
        news = NewsPage.objects.live().public().child_of(self).newest_first().for_listing()
        context["news"] = Paginator(news, self.items_per_page).get_page(request.GET.get("sida"))
        return context


class NewsPage(Page):
    """One news item (*nyhet*)."""

    date = models.DateField(_("datum"), default=datetime.date.today)
    intro = models.TextField(
        _("ingress"), help_text=_("En eller två meningar som visas i listor och på startsidan.")
    )
    body = RichTextField(_("brödtext"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bild"),
    )
    image_alt = models.CharField(
        _("alternativtext för bilden"),
        max_length=250,
        blank=True,
        help_text=_("Beskriv vad bilden visar för den som inte ser den."),
    )
    violence_areas = ParentalManyToManyField(
        "regions.ViolenceArea", blank=True, related_name="+", verbose_name=_("våldsområden")
    )
    # Derived on save from where the page stands (as for events): never edited by hand.
    county = models.ForeignKey(
        "regions.County",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("län"),
    )

    objects = PageManager.from_queryset(NewsPageQuerySet)()

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("image"), FieldPanel("image_alt")])], heading=_("Bild")
        ),
    ]
    promote_panels = Page.promote_panels + [
        FieldPanel("violence_areas", widget=forms.CheckboxSelectMultiple)
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types: list[str] = []
    base_form_class = AsciiSlugPageForm

    class Meta:
        verbose_name = _("nyhet")
        verbose_name_plural = _("nyheter")
        indexes = [models.Index(fields=["date"], name="newspage_date")]

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError({"image_alt": _("Skriv en alternativtext som beskriver bilden.")})

    def save(self, *args, **kwargs):
        self.county = county_of_page(self)
        return super().save(*args, **kwargs)
