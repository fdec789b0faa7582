"""Choices shared by several modules, kept with the reference data they belong to."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    """The kinds of organisation that professionals work in. The coordination workspace's
    organisation registry uses the same values, so figures from event registrations and
    from the activity log can be put side by side."""

    MUNICIPALITY = "municipality", _("Kommun")
    REGION = "region", _("Region")
    AGENCY = "agency", _("Statlig myndighet")
    POLICE = "police", _("Polisen")
    WOMENS_SHELTER = "womens_shelter", _("Kvinnojour")
    YOUNG_WOMENS_SHELTER = "young_womens_shelter", _("Tjejjour")
    VICTIM_SUPPORT = "victim_support", _("Brottsofferjour")
    CIVIL_SOCIETY = "civil_society", _("Annan ideell organisation")
    BUSINESS = "business", _("Företag")
    UNIVERSITY = "university", _("Universitet eller högskola")
    OTHER = "other", _("Annan")
