"""The knowledge bank (kunskapsbank): publications and material with their files.

A Resource is a Wagtail snippet with drafts and revisions, owned by a county or national
(no county). Material made by several counties together (a joint mapping) has one
responsible county, which edits it, and participating counties, under which it is listed
and found as well. Its public page is a route of the KnowledgeBankPage. Text extracted from its
files lives on DocumentText (one row per Wagtail document); what search reads is the
ResourceSearchEntry, rebuilt whenever a resource is published or a file's text changes.
"""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import DraftStateMixin, Orderable, Page, RevisionMixin

from kvinnofrid.pages.forms import AsciiSlugPageForm

from .extraction import ExtractionStatus
from .forms import ResourceForm
from .panels import ExtractionStatusPanel
from .querysets import ResourceQuerySet


class ResourceKind(models.TextChoices):
    REPORT = "report", _("Rapport")
    MAPPING_STUDY = "mapping_study", _("Kartläggning")
    HANDBOOK = "handbook", _("Handbok")
    STRATEGY = "strategy", _("Strategi eller handlingsplan")
    TEMPLATE = "template", _("Mall")
    METHOD_SUPPORT = "method_support", _("Metodstöd")
    FILM = "film", _("Film")
    WEB_COURSE = "web_course", _("Webbutbildning")
    LINK = "link", _("Länk")


class ResourceLanguage(models.TextChoices):
    # Swedish, easy-to-read Swedish, English, the national minority languages and the
    # languages public agencies most often translate information about violence into.
    SWEDISH = "sv", _("Svenska")
    EASY_SWEDISH = "sv-lattlast", _("Lättläst svenska")
    ENGLISH = "en", _("Engelska")
    FINNISH = "fi", _("Finska")
    MEANKIELI = "fit", _("Meänkieli")
    SAMI = "se", _("Samiska")
    ROMANI = "rom", _("Romani chib")
    YIDDISH = "yi", _("Jiddisch")
    ARABIC = "ar", _("Arabiska")
    SOMALI = "so", _("Somaliska")
    PERSIAN = "fa", _("Persiska")
    DARI = "prs", _("Dari")
    TIGRINYA = "ti", _("Tigrinja")
    UKRAINIAN = "uk", _("Ukrainska")
    OTHER = "other", _("Annat språk")


class Resource(DraftStateMixin, RevisionMixin, ClusterableModel):
    title = models.CharField(_("titel"), max_length=255)
    summary = models.TextField(
        _("sammanfattning"), help_text=_("Några meningar om vad materialet innehåller och för vem.")
    )
    kind = models.CharField(_("typ"), max_length=20, choices=ResourceKind.choices)
    publisher = models.CharField(
        _("utgivare"), max_length=200, help_text=_("Organisationen som gav ut materialet.")
    )
    # The responsible county: its staff edit the resource (county isolation reads this
    # field alone). The participating counties only list and find it.
    county = models.ForeignKey(
        "regions.County",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resources",
        verbose_name=_("ansvarigt län"),
        help_text=_("Länet som ansvarar för materialet. Lämna tomt för nationellt material."),
    )
    participating_counties = ParentalManyToManyField(
        "regions.County",
        blank=True,
        related_name="participating_resources",
        verbose_name=_("medverkande län"),
        help_text=_(
            "Andra län som står bakom materialet, till exempel i en gemensam kartläggning. "
            "Materialet visas också under deras län; det ansvariga länet redigerar det."
        ),
    )
    year = models.PositiveSmallIntegerField(
        _("utgivningsår"), validators=[MinValueValidator(1950), MaxValueValidator(2100)]
    )
    language = models.CharField(
        _("språk"),
        max_length=12,
        choices=ResourceLanguage.choices,
        default=ResourceLanguage.SWEDISH,
    )
    topics = ParentalManyToManyField(
        "regions.ViolenceArea", blank=True, related_name="resources", verbose_name=_("ämnen")
    )
    audiences = ParentalManyToManyField(
        "regions.TargetGroup", blank=True, related_name="resources", verbose_name=_("målgrupper")
    )
    external_url = models.URLField(
        _("extern webbadress"),
        max_length=500,
        blank=True,
        help_text=_("För filmer, webbutbildningar och material som finns på en annan webbplats."),
    )
    external_id = models.CharField(
        _("externt id"),
        max_length=100,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Id i arkivet som materialet importerades från."),
    )

    objects = ResourceQuerySet.as_manager()

    base_form_class = ResourceForm
    panels = [
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("year"), FieldPanel("language")]),
        FieldRowPanel([FieldPanel("publisher"), FieldPanel("county")]),
        FieldPanel("participating_counties", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Ämnen och målgrupper"),
        ),
        MultiFieldPanel(
            [
                InlinePanel("files", label=_("Fil")),
                ExtractionStatusPanel(heading=_("Sökbar text i filerna")),
                FieldPanel("external_url"),
            ],
            heading=_("Filer och länk"),
        ),
    ]

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("material i kunskapsbanken")
        verbose_name_plural = _("kunskapsbanken")
        indexes = [models.Index(fields=["live", "year"], name="resource_live_year")]

    def __str__(self) -> str:
        return self.title

    @property
    def counties(self) -> list:
        """Every county the resource belongs to, responsible first, then by code (none for
        national material). Reads the prefetch of for_display()."""
        others = sorted(
            (c for c in self.participating_counties.all() if c.pk != self.county_id),
            key=lambda c: c.code,
        )
        return [self.county, *others] if self.county else others

    @property
    def slug(self) -> str:
        return slugify(self.title)[:80] or "material"

    def get_url(self, request=None) -> str | None:
        """The public page, or None while there is no knowledge-bank page."""
        bank = KnowledgeBankPage.objects.live().first()
        return bank.resource_url(self, request=request) if bank else None

    def get_preview_url(self):  # the snippet admin's "view live" link
        return self.get_url()


class ResourceFile(Orderable):
    resource = ParentalKey(Resource, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        related_name="resource_files",
        verbose_name=_("fil"),
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("fil")
        verbose_name_plural = _("filer")


class DocumentText(models.Model):
    """What text extraction found in one Wagtail document, and how it went."""

    document = models.OneToOneField(
        "wagtaildocs.Document",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="extracted",
    )
    status = models.CharField(
        _("textutdrag"),
        max_length=12,
        choices=ExtractionStatus.choices,
        default=ExtractionStatus.PENDING,
    )
    kind = models.CharField(_("filtyp"), max_length=12, blank=True)
    text = models.TextField(blank=True)
    detail = models.CharField(max_length=300, blank=True)
    # Which file the text belongs to: a replaced file gets extracted again.
    file_hash = models.CharField(max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("textutdrag")
        verbose_name_plural = _("textutdrag")

    def __str__(self) -> str:
        return f"{self.document_id}: {self.status}"


class ResourceSearchEntry(models.Model):
    """The searchable text of one published resource, with copies of the fields that
    filter and order a search, so that a search reads this one table (and the topic and
    audience links) and never the resource rows.

    On PostgreSQL migrations add generated tsvector columns (Swedish configuration), and
    triggers copy each entry into a narrow search row with the GIN index (migration 0003);
    on SQLite triggers keep an FTS5 table in step. None of these is a model, so they stay
    out of the ORM's way; kvinnofrid.knowledge.search reads them.
    """

    resource = models.OneToOneField(
        Resource, on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    title = models.TextField()
    summary = models.TextField(blank=True)
    # The names of the resource's topics and audiences: a search for "socialtjänst" finds
    # what is tagged with it. Weighted like the summary, below the title.
    labels = models.TextField(blank=True)
    body = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=ResourceKind.choices)
    year = models.PositiveSmallIntegerField()
    # The responsible county; the search reads the participating ones from their links
    # (SQLite) or from the search row's array (PostgreSQL).
    county = models.ForeignKey(
        "regions.County", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    indexed_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("sökindex för material")
        indexes = [
            models.Index(fields=["-year", "-published_at", "-resource"], name="kb_entry_newest")
        ]

    def __str__(self) -> str:
        return self.title


class KnowledgeBankPage(RoutablePageMixin, Page):
    """The knowledge bank: search with facets, and a page per published resource."""

    base_form_class = AsciiSlugPageForm

    intro = models.TextField(_("ingress"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["pages.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    results_per_page = 20

    class Meta:
        verbose_name = _("kunskapsbank")
        verbose_name_plural = _("kunskapsbanker")

    def resource_url(self, resource: Resource, request=None) -> str:
        return self.url + self.reverse_subpage("resource", args=[resource.pk, resource.slug])

    @path("")
    def index_route(self, request):
        from django.core.paginator import Paginator

        from .browse import PAGE_PARAMS, Vocabulary, facet_options, search_from_params

        vocabulary = Vocabulary.load()
        search = search_from_params(request.GET, names=PAGE_PARAMS, vocabulary=vocabulary)
        results = Paginator(search, self.results_per_page).get_page(request.GET.get("sida"))
        base = request.GET.copy()
        base.pop("sida", None)
        context = self.get_context(request)
        context.update(
            search=search,
            results=results,
            facets=facet_options(search, vocabulary=vocabulary),
            page_query=base.urlencode(),
            resource_base=self.url,
        )
        return TemplateResponse(request, "knowledge/knowledge_bank_page.html", context)

    @path("<int:pk>/", name="resource_short")
    @path("<int:pk>/<str:slug>/", name="resource")
    def resource_route(self, request, pk: int, slug: str = ""):
        resource = Resource.objects.published().for_display().filter(pk=pk).first()
        if resource is None:
            raise Http404
        if slug != resource.slug:
            return redirect(self.resource_url(resource), permanent=True)
        context = self.get_context(request)
        context.update(resource=resource, files=resource_files(resource))
        response = TemplateResponse(request, "knowledge/resource_page.html", context)
        patch_cache_control(response, public=True, max_age=300)
        return response


def resource_files(resource: Resource) -> list[dict]:
    """Download entries with format and size in words: "PDF, 3,2 MB"."""
    from .filetypes import ALLOWED, human_size

    entries = []
    for item in resource.files.all():
        document = item.document
        extension = document.file_extension.lower()
        kind = next((k for k in ALLOWED.values() if k.extension == f".{extension}"), None)
        label = str(kind.label) if kind else extension.upper()
        size = human_size(document.file_size) if document.file_size else ""
        entries.append(
            {
                "title": document.title,
                "url": document.url,
                "format": label,
                "size": size,
                "description": ", ".join(part for part in (label, size) if part),
            }
        )
    return entries
