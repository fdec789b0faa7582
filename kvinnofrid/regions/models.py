"""Reference data: counties, municipalities and the national strategy's vocabulary.

These rows are loaded from files in `data/` (see reference.py) and are the same on every
installation; codes are the stable keys, names are what people read.
"""

from django.core.validators import RegexValidator
from django.db import models
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


class VocabularyTerm(models.Model):
    """A term of the national vocabulary: stable slug, Swedish name, sort order."""

    slug = models.SlugField(_("kortnamn"), max_length=80, unique=True)
    name = models.CharField(_("namn"), max_length=200)
    sort_order = models.PositiveSmallIntegerField(_("ordning"), default=0)

    objects = OrderedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name


class StrategyGoal(models.Model):
    """One of the four goals (målsättningar) of the national strategy."""

    number = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    name = models.CharField(_("namn"), max_length=200)

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
        return f"{self.number}. {self.name}"


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
