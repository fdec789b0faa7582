"""The yearly status report (lägesrapport) of a county, or the national compilation of
all counties (county empty), with the narrative texts staff write beside the figures.

The figures are never stored here: `data.report_data()` assembles them from the platform
whenever the report is shown or exported. A report moves draft → in review → final; a
final report is read-only, and *a new version* (n + 1, a draft copying the texts) is the
way to change it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField

from .querysets import ReportExportQuerySet, StatusReportQuerySet

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link"]

# (field name, Swedish heading): the three parts the ordinance asks for, in report order.
REQUIRED_SECTIONS = (
    ("results_and_effects", _("Resultat och effekter")),
    ("development_analysis", _("Analys av utvecklingen i länet")),
    ("support_needs_analysis", _("Analys av regionala och lokala stödbehov")),
)
GOAL_FIELDS = ("goal_1_text", "goal_2_text", "goal_3_text", "goal_4_text")
TEXT_FIELDS = tuple(name for name, _label in REQUIRED_SECTIONS) + GOAL_FIELDS


# A registry number (diarienummer) as the boards write them: "203-1234-2026",
# "Dnr 700-12345-2025", "LST 2026/123". Checked lightly, since every board has its own
# scheme: letters, digits and - / . : and spaces, starting and ending with a letter or digit.
reference_number_validator = RegexValidator(
    r"^[0-9A-Za-zÅÄÖåäöÉé](?:[0-9A-Za-zÅÄÖåäöÉé .:/-]*[0-9A-Za-zÅÄÖåäöÉé])?$",
    _(
        "Skriv diarienumret med bokstäver, siffror, mellanslag och - / . :, "
        "till exempel 203-1234-2026."
    ),
)


def _text(label):
    return RichTextField(label, blank=True, features=RICH_TEXT_FEATURES)


class StatusReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Utkast")
        REVIEW = "review", _("Granskas")
        FINAL = "final", _("Slutlig")

    county = models.ForeignKey(
        "regions.County",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="status_reports",
        verbose_name=_("län"),
        help_text=_("Tomt för den nationella sammanställningen."),
    )
    year = models.PositiveSmallIntegerField(
        _("år"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    results_and_effects = _text(_("Resultat och effekter"))
    development_analysis = _text(_("Analys av utvecklingen i länet"))
    support_needs_analysis = _text(_("Analys av regionala och lokala stödbehov"))
    # The goals' wording is the strategy's own (regions/data/vocabulary.json, StrategyGoal).
    goal_1_text = _text(
        _("Målsättning 1: Ett utökat och verkningsfullt förebyggande arbete mot våld")
    )
    goal_2_text = _text(
        _(
            "Målsättning 2: Förbättrad upptäckt av våld och starkare skydd och stöd för "
            "våldsutsatta kvinnor och barn"
        )
    )
    goal_3_text = _text(_("Målsättning 3: Effektivare brottsbekämpning"))
    goal_4_text = _text(_("Målsättning 4: Förbättrad kunskap och metodutveckling"))
    reference_number = models.CharField(
        _("diarienummer"),
        max_length=50,
        blank=True,
        validators=[reference_number_validator],
        help_text=_("Länsstyrelsens diarienummer för rapporten, t.ex. 203-1234-2026. Frivilligt."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # Who last changed the texts and who sent the report to review: with four-eyes on
    # (settings.KVINNOFRID_REPORTS_FOUR_EYES) neither may make it final.
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)
    finalised_at = models.DateTimeField(_("fastställd"), null=True, blank=True, editable=False)

    objects = StatusReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("lägesrapport")
        verbose_name_plural = _("lägesrapporter")
        ordering = ["-year", "county__code", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["county", "year", "version"],
                condition=models.Q(county__isnull=False),
                name="one_report_version_per_county_and_year",
            ),
            models.UniqueConstraint(
                fields=["year", "version"],
                condition=models.Q(county__isnull=True),
                name="one_national_report_version_per_year",
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("Lägesrapport %(where)s %(year)s (version %(version)s)")
            % {"where": self.area_name, "year": self.year, "version": self.version}
        )

    @property
    def area_name(self) -> str:
        return self.county.name if self.county_id else str(_("hela landet"))

    @property
    def is_national(self) -> bool:
        return self.county_id is None

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL

    def validate_unique(self, exclude=None):
        super().validate_unique(exclude)
        clash = StatusReport.objects.filter(year=self.year, version=self.version).exclude(
            pk=self.pk
        )
        clash = clash.filter(county=self.county) if self.county_id else clash.national()
        if clash.exists():
            raise ValidationError(
                {"year": _("Det finns redan en lägesrapport för det här länet och året.")}
            )

    def goal_texts(self) -> list[tuple[int, str]]:
        return [(number, getattr(self, f"goal_{number}_text")) for number in range(1, 5)]


class ReportExport(models.Model):
    """A file made from a report by the background worker (PDF, DOCX or XLSX)."""

    class Format(models.TextChoices):
        PDF = "pdf", _("PDF (tillgänglig)")
        DOCX = "docx", _("Word (DOCX)")
        XLSX = "xlsx", _("Excel (XLSX)")

    class Status(models.TextChoices):
        PENDING = "pending", _("Skapas…")
        DONE = "done", _("Klar")
        FAILED = "failed", _("Misslyckades")

    report = models.ForeignKey(StatusReport, on_delete=models.CASCADE, related_name="exports")
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(_("fil"), upload_to="lagesrapporter/%Y/", blank=True)
    error = models.CharField(_("fel"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("beställd"), auto_now_add=True)
    finished_at = models.DateTimeField(_("klar"), null=True, blank=True)

    objects = ReportExportQuerySet.as_manager()

    class Meta:
        verbose_name = _("export av lägesrapport")
        verbose_name_plural = _("exporter av lägesrapporter")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.report} – {self.get_format_display()}"
