"""The coordination workspace: the county boards' registry of organisations and contacts,
their networks and meetings, the activity log and the issues raised to national level.

Everything here is non-public staff data owned by a county. Reads go through
`for_user(user)` and writes through `writable_by(user)` (querysets.py), the one
checkpoint for county isolation; every write goes through services.py, which audits it.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from kvinnofrid.regions.choices import OrganisationType

from .querysets import (
    ActivityQuerySet,
    ContactQuerySet,
    MeetingQuerySet,
    NationalIssueQuerySet,
    NetworkMemberQuerySet,
    NetworkQuerySet,
    OrganisationQuerySet,
)
from .validators import (
    validate_no_contact_details,
    validate_no_personal_identity_number,
    validate_organisation_number,
)

# Free text refuses personal identity numbers; the texts of the logs that describe the work
# (activities, meetings, national issues) refuse contact details too (see
# kvinnofrid.core.validators for why and what stays allowed).
NO_CASE_DATA = [validate_no_personal_identity_number]
NO_CASE_DATA_OR_CONTACT_DETAILS = [
    validate_no_personal_identity_number,
    validate_no_contact_details,
]


class Organisation(models.Model):
    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Kommun")
        REGION = "region", _("Region")
        AGENCY = "agency", _("Statlig myndighet")
        CIVIL_SOCIETY = "civil_society", _("Civilsamhälle")
        BUSINESS = "business", _("Näringsliv")
        UNIVERSITY = "university", _("Universitet eller högskola")
        OTHER = "other", _("Annan")

    class CivilSocietyKind(models.TextChoices):
        WOMENS_SHELTER = "womens_shelter", _("Kvinnojour")
        YOUNG_WOMENS_SHELTER = "young_womens_shelter", _("Tjejjour")
        VICTIM_SUPPORT = "victim_support", _("Brottsofferjour")
        OTHER = "other", _("Annan ideell organisation")

    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    civil_society_kind = models.CharField(
        _("typ av civilsamhällesorganisation"),
        max_length=30,
        choices=CivilSocietyKind.choices,
        blank=True,
    )
    county = models.ForeignKey(
        "regions.County",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("län"),
        help_text=_("Lämna tomt för nationella organisationer, till exempel myndigheter."),
    )
    municipality = models.ForeignKey(
        "regions.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("kommun"),
    )
    acts_as_region = models.BooleanField(
        _("har regionens uppgifter"),
        default=False,
        help_text=_("Gotlands kommun har också regionens uppgifter."),
    )
    organisation_number = models.CharField(
        _("organisationsnummer"),
        max_length=11,
        blank=True,
        validators=[validate_organisation_number],
        help_text=_("Tio siffror, till exempel 212000-0142."),
    )
    website = models.URLField(_("webbplats"), blank=True)
    # Stable key of the rows made from the reference data ("municipality:0180",
    # "region:01"); they are kept in step by load_reference_organisations.
    reference_key = models.CharField(
        max_length=30, unique=True, null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        indexes = [models.Index(fields=["county", "kind", "name"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="civil_society") | models.Q(civil_society_kind=""),
                name="civil_society_kind_only_for_civil_society",
                violation_error_message=_(
                    "Bara organisationer i civilsamhället har en civilsamhällestyp."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def organisation_type(self) -> str:
        """The shared OrganisationType, used to count participants by kind of organisation
        in the activity log and in event registrations alike."""
        if self.kind == self.Kind.CIVIL_SOCIETY:
            return {
                self.CivilSocietyKind.WOMENS_SHELTER: OrganisationType.WOMENS_SHELTER,
                self.CivilSocietyKind.YOUNG_WOMENS_SHELTER: OrganisationType.YOUNG_WOMENS_SHELTER,
                self.CivilSocietyKind.VICTIM_SUPPORT: OrganisationType.VICTIM_SUPPORT,
            }.get(self.civil_society_kind, OrganisationType.CIVIL_SOCIETY)
        return {
            self.Kind.MUNICIPALITY: OrganisationType.MUNICIPALITY,
            self.Kind.REGION: OrganisationType.REGION,
            self.Kind.AGENCY: OrganisationType.AGENCY,
            self.Kind.BUSINESS: OrganisationType.BUSINESS,
            self.Kind.UNIVERSITY: OrganisationType.UNIVERSITY,
        }.get(self.kind, OrganisationType.OTHER)


class Contact(models.Model):
    """A professional the county board works with. Only work contact details: no personal
    identity numbers, home addresses or anything sensitive."""

    class LegalBasis(models.TextChoices):
        PUBLIC_INTEREST = "public_interest", _("Allmänt intresse (art. 6.1 e GDPR)")

    county = models.ForeignKey(
        "regions.County",
        on_delete=models.PROTECT,
        related_name="contacts",
        verbose_name=_("län"),
        help_text=_("Den länsstyrelse som har kontaktuppgiften."),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="contacts",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("namn"), max_length=200)
    title = models.CharField(_("roll eller titel"), max_length=200, blank=True)
    email = models.EmailField(_("e-postadress"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    is_municipal_coordinator = models.BooleanField(_("kvinnofridssamordnare"), default=False)
    # Only for the county board's own staff, whose work contact details the public needs;
    # contacts in municipalities and organisations stay in the staff registry.
    is_public = models.BooleanField(
        _("visas på länets webbsida"),
        default=False,
        help_text=_(
            "För länsstyrelsens egna medarbetare: namn, roll, telefon och e-postadress visas "
            "under Kontakt på länets sida."
        ),
    )
    legal_basis = models.CharField(
        _("rättslig grund"),
        max_length=30,
        choices=LegalBasis.choices,
        default=LegalBasis.PUBLIC_INTEREST,
    )
    source = models.CharField(
        _("källa"),
        max_length=200,
        help_text=_("Var uppgifterna kommer ifrån, till exempel ”Anmälan till nätverket”."),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")
        indexes = [models.Index(fields=["county", "name"])]

    def __str__(self) -> str:
        return self.name


class Network(ClusterableModel):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Aktivt")
        PAUSED = "paused", _("Vilande")
        CLOSED = "closed", _("Avslutat")

    name = models.CharField(_("namn"), max_length=200)
    counties = models.ManyToManyField(
        "regions.County",
        related_name="networks",
        verbose_name=_("län"),
        help_text=_("Ett nätverk kan spänna över flera län."),
    )
    purpose = models.TextField(_("syfte"), blank=True)
    target_groups = models.ManyToManyField(
        "regions.TargetGroup", blank=True, related_name="+", verbose_name=_("målgrupper")
    )
    violence_areas = models.ManyToManyField(
        "regions.ViolenceArea", blank=True, related_name="+", verbose_name=_("våldsområden")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    # The purpose above is the staff's own note; what the public reads is written apart.
    is_public = models.BooleanField(
        _("visas på länets webbsida"),
        default=False,
        help_text=_("Nätverket visas med beskrivningen nedan på sidan för varje län det hör till."),
    )
    public_description = models.TextField(
        _("beskrivning för webbplatsen"), blank=True, validators=NO_CASE_DATA
    )
    how_to_join = models.TextField(
        _("så går man med"),
        blank=True,
        validators=NO_CASE_DATA,
        help_text=_("Vem nätverket är till för och vem man kontaktar för att gå med."),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("nätverk")
        verbose_name_plural = _("nätverk")

    def __str__(self) -> str:
        return self.name

    @property
    def county_names(self) -> str:
        return ", ".join(sorted(county.name for county in self.counties.all()))


class NetworkMember(models.Model):
    """An organisation or a contact in a network, with a role."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Ordförande")
        CONVENER = "convener", _("Sammankallande")
        MEMBER = "member", _("Ledamot")

    network = ParentalKey(
        Network, on_delete=models.CASCADE, related_name="members", verbose_name=_("nätverk")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="network_memberships",
        verbose_name=_("organisation"),
    )
    contact = models.ForeignKey(
        Contact,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="network_memberships",
        verbose_name=_("kontaktperson"),
    )
    role = models.CharField(_("roll"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    objects = NetworkMemberQuerySet.as_manager()

    class Meta:
        ordering = ["network", "role", "pk"]
        verbose_name = _("medlem i nätverk")
        verbose_name_plural = _("medlemmar i nätverk")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(organisation__isnull=False, contact__isnull=True)
                    | models.Q(organisation__isnull=True, contact__isnull=False)
                ),
                name="network_member_is_organisation_or_contact",
                violation_error_message=_("Välj antingen en organisation eller en kontaktperson."),
            ),
            models.UniqueConstraint(
                fields=["network", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="organisation_once_per_network",
                violation_error_message=_("Organisationen är redan med i nätverket."),
            ),
            models.UniqueConstraint(
                fields=["network", "contact"],
                condition=models.Q(contact__isnull=False),
                name="contact_once_per_network",
                violation_error_message=_("Kontaktpersonen är redan med i nätverket."),
            ),
        ]

    def __str__(self) -> str:
        who = self.contact or self.organisation
        return f"{who} ({self.get_role_display()})"


class MeetingFormat(models.TextChoices):
    PHYSICAL = "physical", _("På plats")
    DIGITAL = "digital", _("Digitalt")
    HYBRID = "hybrid", _("På plats och digitalt")


class Meeting(models.Model):
    """A meeting of a network. Each meeting is also an activity in the log of the county
    that held it (services.meeting_save keeps the two in step)."""

    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("nätverk")
    )
    county = models.ForeignKey(
        "regions.County",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("län som höll mötet"),
    )
    starts_at = models.DateTimeField(_("datum och tid"))
    format = models.CharField(
        _("form"), max_length=10, choices=MeetingFormat.choices, default=MeetingFormat.PHYSICAL
    )
    place = models.CharField(_("plats"), max_length=200, blank=True)
    agenda = models.TextField(
        _("dagordning"), blank=True, validators=NO_CASE_DATA_OR_CONTACT_DETAILS
    )
    minutes = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("minnesanteckningar"),
    )
    attendees = models.ManyToManyField(
        NetworkMember, blank=True, related_name="meetings_attended", verbose_name=_("närvarande")
    )
    other_participants = models.PositiveIntegerField(
        _("övriga deltagare"),
        default=0,
        help_text=_("Antal deltagare som inte är medlemmar i nätverket."),
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("nätverksmöte")
        verbose_name_plural = _("nätverksmöten")

    def __str__(self) -> str:
        return f"{self.network} {self.starts_at:%Y-%m-%d}"


class Activity(ClusterableModel):
    """One piece of coordination work (insats) in a county's log."""

    class Kind(models.TextChoices):
        MUNICIPALITY_VISIT = "municipality_visit", _("Kommunbesök")
        COUNTY_COLLABORATION = "county_collaboration", _("Länssamverkan")
        NETWORK_MEETING = "network_meeting", _("Nätverksmöte")
        TRAINING = "training", _("Utbildning")
        CONFERENCE = "conference", _("Konferens")
        WEBINAR = "webinar", _("Webbinarium")
        CAMPAIGN = "campaign", _("Kampanj")
        METHOD_SUPPORT = "method_support", _("Metodstöd")
        MAPPING_STUDY = "mapping_study", _("Kartläggning")
        OTHER = "other", _("Annat")

    county = models.ForeignKey(
        "regions.County", on_delete=models.PROTECT, related_name="activities", verbose_name=_("län")
    )
    kind = models.CharField(_("typ av insats"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("rubrik"), max_length=200, validators=NO_CASE_DATA)
    starts_on = models.DateField(_("datum"))
    ends_on = models.DateField(_("slutdatum"), null=True, blank=True)
    organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="activities", verbose_name=_("organisationer")
    )
    municipalities = models.ManyToManyField(
        "regions.Municipality",
        blank=True,
        related_name="activities",
        verbose_name=_("kommuner som nåddes"),
    )
    participants = models.PositiveIntegerField(_("antal deltagare"), null=True, blank=True)
    goals = models.ManyToManyField(
        "regions.StrategyGoal",
        blank=True,
        related_name="activities",
        verbose_name=_("målsättningar i nationella strategin"),
    )
    violence_areas = models.ManyToManyField(
        "regions.ViolenceArea",
        blank=True,
        related_name="activities",
        verbose_name=_("våldsområden"),
    )
    target_groups = models.ManyToManyField(
        "regions.TargetGroup", blank=True, related_name="activities", verbose_name=_("målgrupper")
    )
    description = models.TextField(
        _("beskrivning"), blank=True, validators=NO_CASE_DATA_OR_CONTACT_DETAILS
    )
    outcome = models.TextField(
        _("resultat"), blank=True, validators=NO_CASE_DATA_OR_CONTACT_DETAILS
    )
    follow_up = models.TextField(
        _("uppföljning"), blank=True, validators=NO_CASE_DATA_OR_CONTACT_DETAILS
    )
    attachments = models.ManyToManyField(
        "wagtaildocs.Document", blank=True, related_name="+", verbose_name=_("bilagor")
    )
    event = models.ForeignKey(
        "events.EventPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("evenemang"),
    )
    network = models.ForeignKey(
        Network,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("nätverk"),
    )
    meeting = models.OneToOneField(
        Meeting,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="activity",
        verbose_name=_("nätverksmöte"),
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("insats")
        verbose_name_plural = _("insatser")
        indexes = [
            models.Index(fields=["county", "-starts_on", "-id"], name="activity_county_date"),
            # The national coordinator's list (no county filter) in its own order.
            models.Index(fields=["-starts_on", "-id"], name="activity_date"),
            models.Index(fields=["county", "kind", "-starts_on"], name="activity_county_kind"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="activity_ends_after_it_starts",
                violation_error_message=_("Slutdatumet kan inte vara före startdatumet."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    # Read from prefetched relations by the list and its exports (no query per row).
    @property
    def municipality_names(self) -> str:
        return ", ".join(sorted(m.name for m in self.municipalities.all()))

    @property
    def organisation_names(self) -> str:
        return ", ".join(sorted(o.name for o in self.organisations.all()))

    @property
    def goal_numbers(self) -> str:
        return ", ".join(str(goal.number) for goal in sorted(self.goals.all(), key=_number))

    @property
    def violence_area_names(self) -> str:
        return ", ".join(area.name for area in self.violence_areas.all())

    @property
    def target_group_names(self) -> str:
        return ", ".join(group.name for group in self.target_groups.all())


def _number(goal) -> int:
    return goal.number


class ActivityParticipants(models.Model):
    """How many of an activity's participants came from each kind of organisation."""

    activity = ParentalKey(Activity, on_delete=models.CASCADE, related_name="participant_counts")
    organisation_type = models.CharField(
        _("typ av organisation"), max_length=30, choices=OrganisationType.choices
    )
    count = models.PositiveIntegerField(_("antal"), validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["activity", "organisation_type"]
        verbose_name = _("deltagare per organisationstyp")
        verbose_name_plural = _("deltagare per organisationstyp")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "organisation_type"], name="one_count_per_organisation_type"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_organisation_type_display()}: {self.count}"


class NationalIssue(models.Model):
    """A question raised by an organisation that the county board takes to the national
    level (fråga till nationell nivå)."""

    class Status(models.TextChoices):
        NEW = "new", _("Ny")
        PREPARING = "preparing", _("Bereds")
        FORWARDED = "forwarded", _("Överlämnad")
        ANSWERED = "answered", _("Besvarad")
        CLOSED = "closed", _("Avslutad")

    OPEN_STATUSES = (Status.NEW, Status.PREPARING, Status.FORWARDED)

    county = models.ForeignKey(
        "regions.County",
        on_delete=models.PROTECT,
        related_name="national_issues",
        verbose_name=_("län"),
    )
    title = models.CharField(
        _("rubrik"), max_length=200, validators=NO_CASE_DATA_OR_CONTACT_DETAILS
    )
    raised_by = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="national_issues",
        verbose_name=_("väckt av"),
    )
    topic = models.ForeignKey(
        "regions.ViolenceArea",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("område"),
    )
    description = models.TextField(_("beskrivning"), validators=NO_CASE_DATA_OR_CONTACT_DETAILS)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    raised_on = models.DateField(_("väckt den"))
    forwarded_to = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="issues_received",
        limit_choices_to={"kind": Organisation.Kind.AGENCY},
        verbose_name=_("överlämnad till"),
    )
    forwarded_on = models.DateField(_("överlämnad den"), null=True, blank=True)
    answered_on = models.DateField(_("besvarad den"), null=True, blank=True)
    response = models.TextField(_("svar"), blank=True, validators=NO_CASE_DATA_OR_CONTACT_DETAILS)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ändrad"), auto_now=True)

    objects = NationalIssueQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_on", "-pk"]
        verbose_name = _("fråga till nationell nivå")
        verbose_name_plural = _("frågor till nationell nivå")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def group_titles(self) -> str:
        # From prefetched groups in lists and exports.
        return ", ".join(group.title for group in self.groups.all())


class NationalIssueGroup(models.Model):
    """Similar issues from several counties, gathered by the national coordinator so that
    they are taken to the national level together. The group points at the issues rather
    than the other way round: grouping is the national coordinator's own record and leaves
    every county's issues as the county wrote them."""

    title = models.CharField(_("rubrik"), max_length=200, unique=True)
    issues = models.ManyToManyField(
        NationalIssue, related_name="groups", blank=True, verbose_name=_("frågor")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("grupp av frågor")
        verbose_name_plural = _("grupper av frågor")

    def __str__(self) -> str:
        return self.title
