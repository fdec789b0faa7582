"""Reference data: counties, municipalities and the national strategy's vocabulary.

These rows are loaded from files in `data/` (see reference.py) and are the same on every
installation; codes are the stable keys, names are what people read.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .querysets import CountyQuerySet, MunicipalityQuerySet, OrderedQuerySet


class County(models.Model):
    """A county (län) and its county administrative board (länsstyrelse): one tenant."""

    code = models.CharField(
        _("SCB-kod"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^\d{2}$", _("Länskoden ska vara två siffror."))],
    )
    iso_code = models.CharField(
        _("ISO 3166-2-kod"),
        max_length=5,
        unique=True,
        validators=[RegexValidator(r"^SE-[A-Z]{1,2}$", _("Ange en kod som SE-AB."))],
    )
    name = models.CharField(_("namn"), max_length=100, unique=True)
    slug = models.SlugField(_("kortnamn"), max_length=50, unique=True)

    objects = CountyQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("län")
        verbose_name_plural = _("län")

    def __str__(self) -> str:
        return self.name

    @property
    def board_name(self) -> str:
        """The authority's name, e.g. "Länsstyrelsen i Stockholms län"."""
        return f"Länsstyrelsen i {self.name}"


class Municipality(models.Model):
    code = models.CharField(
        _("SCB-kod"),
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^\d{4}$", _("Kommunkoden ska vara fyra siffror."))],
    )
    name = models.CharField(_("namn"), max_length=100)
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("län")
    )

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")
        constraints = [
            # Codes are compared as strings everywhere; four digits, leading zero kept. (That
            # the first two digits are the county's code is checked by the loader.)
            models.CheckConstraint(
                condition=models.Q(code__regex=r"^\d{4}$"), name="municipality_code_four_digits"
            ),
        ]

    def __str__(self) -> str:
        return self.name


def _in_language(*, name: str, name_en: str) -> str:
    """The English name when the interface is English and one exists, else the Swedish."""
    if name_en and (get_language() or "").startswith("en"):
        return name_en
    return name


class VocabularyTerm(models.Model):
    """A term of the national vocabulary: stable slug, Swedish and English name, sort order.
    `label` (and str()) is the name in the interface's language; `name` stays Swedish for
    the API, the exports and sorting."""

    slug = models.SlugField(_("kortnamn"), max_length=80, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    # The vocabularies are reference data loaded from data/vocabulary.json, not gettext
    # strings: their English names travel with the rows.
    name_en = models.CharField(_("namn på engelska"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    objects = OrderedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return _in_language(name=self.name, name_en=self.name_en)


class StrategyGoal(models.Model):
    """One of the four goals (målsättningar) of the national strategy."""

    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    name = models.CharField(_("namn"), max_length=200)
    name_en = models.CharField(_("namn på engelska"), max_length=200, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("målsättning i nationella strategin")
        verbose_name_plural = _("målsättningar i nationella strategin")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=4), name="strategy_goal_one_to_four"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.label}"

    @property
    def label(self) -> str:
        """The goal's name in the interface's language."""
        return _in_language(name=self.name, name_en=self.name_en)


class ViolenceArea(VocabularyTerm):
    class Group(models.TextChoices):
        CORE = "core", _("Våldsområde")
        CROSS_CUTTING = "cross_cutting", _("Tvärgående område")

    group = models.CharField(_("grupp"), max_length=20, choices=Group.choices)

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("våldsområde")
        verbose_name_plural = _("våldsområden")


class TargetGroup(VocabularyTerm):
    class Group(models.TextChoices):
        EXPOSED = "exposed", _("Våldsutsatta")
        PROFESSIONAL = "professional", _("Yrkesverksamma")
        PUBLIC = "public", _("Allmänheten")

    group = models.CharField(_("grupp"), max_length=20, choices=Group.choices)

    class Meta(VocabularyTerm.Meta):
        verbose_name = _("målgrupp")
        verbose_name_plural = _("målgrupper")
