"""Counties as tenants: who works for which county board, and in which role."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .querysets import CountyMembershipQuerySet


class Role(models.TextChoices):
    EDITOR = "editor", _("Redaktör")
    COORDINATOR = "coordinator", _("Länssamordnare")
    NATIONAL = "national", _("Nationell samordnare")


class CountyMembership(models.Model):
    """A staff member's role in one county. The national coordinator needs no county: the
    role reads every county."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="county_memberships",
        verbose_name=_("användare"),
    )
    county = models.ForeignKey(
        "regions.County",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("län"),
    )
    role = models.CharField(_("roll"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    objects = CountyMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("länsbehörighet")
        verbose_name_plural = _("länsbehörigheter")
        ordering = ["county__code", "role", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "county"],
                name="one_role_per_user_and_county",
                violation_error_message=_("Användaren har redan en roll i det här länet."),
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(role="national"),
                name="one_national_role_per_user",
                violation_error_message=_("Användaren är redan nationell samordnare."),
            ),
            models.CheckConstraint(
                condition=models.Q(role="national") | models.Q(county__isnull=False),
                name="county_required_unless_national",
                violation_error_message=_(
                    "Välj ett län. Bara nationella samordnare har behörighet utan län."
                ),
            ),
        ]

    def __str__(self) -> str:
        where = self.county.name if self.county_id else _("alla län")
        return f"{self.user} – {self.get_role_display()} ({where})"


class RoleGroup(models.Model):
    """The Wagtail group that carries a role's permissions in one county (or nationally).

    Kept as a row rather than found by group name, because admins may rename groups."""

    county = models.ForeignKey(
        "regions.County", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    group = models.OneToOneField("auth.Group", on_delete=models.CASCADE, related_name="role_group")

    class Meta:
        verbose_name = _("rollgrupp")
        verbose_name_plural = _("rollgrupper")
        constraints = [
            models.UniqueConstraint(fields=["county", "role"], name="one_group_per_county_role"),
            models.UniqueConstraint(
                fields=["role"], condition=models.Q(county__isnull=True), name="one_national_group"
            ),
        ]

    def __str__(self) -> str:
        return self.group.name


class LogEntryCounty(models.Model):
    """A county that the object of a Wagtail ModelLogEntry belonged to when the entry was
    written (kvinnofrid/tenancy/audit.py stamps it).

    Stored rather than derived at read time so that the entry of a deleted object keeps
    its county: its label stays readable to that county and to nobody else. An entry
    without a row is readable only to national readers (fail closed)."""

    log_entry = models.ForeignKey(
        "wagtailcore.ModelLogEntry", on_delete=models.CASCADE, related_name="+"
    )
    county = models.ForeignKey("regions.County", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("loggpostens län")
        verbose_name_plural = _("loggposternas län")
        constraints = [
            models.UniqueConstraint(fields=["log_entry", "county"], name="one_row_per_entry_county")
        ]
        indexes = [models.Index(fields=["county", "log_entry"])]

    def __str__(self) -> str:
        return f"{self.log_entry_id} → {self.county_id}"
