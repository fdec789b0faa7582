"""Newsletters: lists, subscribers, issues and their deliveries.

A `NewsletterListPage` stands under its county's page (a county list) or under the home
page (the national list); its county is derived from the tree, as for events. An issue is
a `NewsletterIssuePage` under its list. Subscribers and subscriptions are plain rows, never
page content. Sending state lives in `NewsletterSend` (one per issue) and one `Delivery`
row per (issue, subscriber), unique in the database, which is what makes a send
exactly-once (see sending.py and docs/newsletter.md).
"""

import hashlib
import hmac
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from kvinnofrid.pages.forms import AsciiSlugPageForm
from kvinnofrid.pages.models import county_of_page
from kvinnofrid.regions.choices import OrganisationType
from kvinnofrid.tenancy.querysets import CountyScopedQuerySet

from .blocks import IssueStreamBlock


class NewsletterListPage(RoutablePageMixin, Page):
    """A newsletter (a list people subscribe to) and the public archive of its sent issues."""

    base_form_class = AsciiSlugPageForm

    intro = models.TextField(_("ingress"), blank=True)
    sender_name = models.CharField(
        _("avsändare"),
        max_length=120,
        blank=True,
        help_text=_("Namnet i brevens Från-fält, t.ex. ”Länsstyrelsen i Stockholms län”."),
    )
    # Derived on save from where the page stands: never edited by hand.
    county = models.ForeignKey(
        "regions.County",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="newsletters",
        verbose_name=_("län"),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("sender_name")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["pages.CountyPage", "pages.HomePage"]
    subpage_types = ["newsletter.NewsletterIssuePage"]

    class Meta:
        verbose_name = _("nyhetsbrev")
        verbose_name_plural = pgettext_lazy("plural", "nyhetsbrev")

    def save(self, *args, **kwargs):
        self.county = county_of_page(self)
        return super().save(*args, **kwargs)

    @property
    def is_national(self) -> bool:
        return self.county_id is None

    def from_name(self) -> str:
        if self.sender_name:
            return self.sender_name
        return self.county.board_name if self.county_id else str(_("Länsstyrelserna"))

    @path("")
    def archive_route(self, request):
        from .issue_views import list_archive

        return list_archive(request, newsletter=self)

    @path("vidarebefordra/", name="forward")
    def forward_route(self, request):
        from .issue_views import forward_page

        return forward_page(request, newsletter=self)


class NewsletterIssuePage(RoutablePageMixin, Page):
    """One issue. The page is the web version; the PDF and the e-mail are rendered from the
    same content (rendering.py)."""

    base_form_class = AsciiSlugPageForm

    preheader = models.CharField(
        _("förhandstext"),
        max_length=200,
        blank=True,
        help_text=_("Visas efter ämnesraden i många e-postprogram."),
    )
    intro = models.TextField(_("inledning"), blank=True)
    sections = StreamField(IssueStreamBlock(), blank=True, verbose_name=_("sektioner"))
    county = models.ForeignKey(
        "regions.County",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("län"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("preheader"),
        FieldPanel("intro"),
        FieldPanel("sections"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("sections"),
    ]
    parent_page_types = ["newsletter.NewsletterListPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("nummer av nyhetsbrev")
        verbose_name_plural = _("nummer av nyhetsbrev")

    def save(self, *args, **kwargs):
        self.county = county_of_page(self)
        return super().save(*args, **kwargs)

    @path("")
    def web_version_route(self, request):
        from .issue_views import issue_web_version

        return issue_web_version(request, issue=self)

    @path("pdf/", name="pdf")
    def pdf_route(self, request):
        from .issue_views import issue_pdf

        return issue_pdf(request, issue=self)

    def pdf_url(self) -> str:
        return self.url + self.reverse_subpage("pdf") if self.url else ""

    def newsletter(self) -> NewsletterListPage:
        return NewsletterListPage.objects.parent_of(self).get()


class Subscriber(models.Model):
    """A person who asked for a newsletter. Only what sending and the staff's counts need."""

    email = models.EmailField(_("e-postadress"), unique=True)
    name = models.CharField(_("namn"), max_length=200, blank=True)
    organisation_type = models.CharField(
        _("typ av organisation"), max_length=30, choices=OrganisationType.choices, blank=True
    )
    # The key of the signed links in every e-mail: rotating it voids every old link.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    # Permanent failures on consecutive issues; an address that reaches
    # NEWSLETTER_DEACTIVATE_AFTER_FAILURES is deactivated (never mailed again until it
    # signs up anew).
    consecutive_failures = models.PositiveSmallIntegerField(default=0, editable=False)
    deactivated_at = models.DateTimeField(_("avaktiverad"), null=True, blank=True)

    class Meta:
        verbose_name = _("prenumerant")
        verbose_name_plural = _("prenumeranter")

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = normalise_email(self.email)
        return super().save(*args, **kwargs)


class SubscriptionQuerySet(CountyScopedQuerySet):
    county_lookup = "newsletter__county"
    lookup_repeats_rows = False

    def active(self):
        return self.filter(status=Subscription.Status.ACTIVE)

    def pending(self):
        return self.filter(status=Subscription.Status.PENDING)


class Subscription(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Väntar på bekräftelse")
        ACTIVE = "active", _("Aktiv")
        UNSUBSCRIBED = "unsubscribed", pgettext_lazy("prenumeration", "Avslutad")

    class Source(models.TextChoices):
        SIGNUP = "signup", _("Anmälan på webbplatsen")
        IMPORT = "import", _("Import")

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    newsletter = models.ForeignKey(
        NewsletterListPage,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("nyhetsbrev"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    source = models.CharField(
        _("källa"), max_length=20, choices=Source.choices, default=Source.SIGNUP
    )
    # For imports that do not ask for confirmation: the documented basis for mailing.
    basis = models.CharField(_("grund"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("anmäld"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("bekräftad"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("avslutad"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("prenumeration")
        verbose_name_plural = _("prenumerationer")
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "newsletter"], name="one_subscription_per_list"
            )
        ]
        indexes = [models.Index(fields=["newsletter", "status"], name="subscription_list_status")]

    def __str__(self):
        return f"{self.subscriber_id} → {self.newsletter_id}"


def normalise_email(email: str) -> str:
    """Addresses compare case-insensitively (the local part is case-sensitive in theory,
    never in practice), and trimmed."""
    return (email or "").strip().lower()


def address_hash(email: str) -> str:
    """A keyed hash of an address: the blocklist can recognise it without storing it."""
    key = getattr(settings, "NEWSLETTER_BLOCKLIST_KEY", "") or settings.SECRET_KEY
    return hmac.new(key.encode(), normalise_email(email).encode(), hashlib.sha256).hexdigest()


class BlockedAddressQuerySet(models.QuerySet):
    def blocks(self, email: str) -> bool:
        return self.filter(address_hash=address_hash(email)).exists()


class BlockedAddress(models.Model):
    """An address that is never mailed again: only its keyed hash is kept. A new double
    opt-in (the person confirming from that very mailbox) lifts the block."""

    class Reason(models.TextChoices):
        ERASED = "erased", _("Uppgifterna raderade på begäran")
        BLOCKED = "blocked", _("Spärrad av personal")
        BOUNCED = "bounced", _("Upprepade permanenta fel")

    address_hash = models.CharField(max_length=64, unique=True)
    reason = models.CharField(_("orsak"), max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BlockedAddressQuerySet.as_manager()

    class Meta:
        verbose_name = _("spärrad adress")
        verbose_name_plural = _("spärrade adresser")

    def __str__(self):
        return self.address_hash[:12]


class NewsletterSendQuerySet(CountyScopedQuerySet):
    county_lookup = "issue__county"
    lookup_repeats_rows = False


class NewsletterSend(models.Model):
    """The sending of one issue: which lists, by whom, how far it has come."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Schemalagt")
        SENDING = "sending", _("Skickas")
        PAUSED = "paused", _("Pausat")
        DONE = "done", _("Klart")

    issue = models.OneToOneField(NewsletterIssuePage, on_delete=models.PROTECT, related_name="send")
    lists = models.ManyToManyField(NewsletterListPage, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SENDING)
    started_at = models.DateTimeField(auto_now_add=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    # A send chosen for a later time waits as *scheduled*, with no message and no
    # deliveries yet: at its time the schedule starts it (sending.scheduled_sends_start),
    # so it reaches whoever subscribes by then and carries the issue as it is then.
    # Until it starts, started_at is that time.
    scheduled_at = models.DateTimeField(_("schemalagt till"), null=True, blank=True)
    # The message as rendered when the send started (subject, HTML and text with
    # placeholders for each subscriber's own links): later page edits do not change a
    # send under way, and the worker does not render per batch.
    subject = models.CharField(max_length=300)
    html = models.TextField()
    text = models.TextField()
    from_email = models.CharField(max_length=300)
    # A worker holds the send while it works on it; a killed worker's lease runs out and
    # the next worker takes over (sending.py).
    lease_owner = models.CharField(max_length=64, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)

    objects = NewsletterSendQuerySet.as_manager()

    class Meta:
        verbose_name = _("utskick")
        verbose_name_plural = pgettext_lazy("plural", "utskick")

    def __str__(self):
        return self.subject


class DeliveryQuerySet(models.QuerySet):
    def due(self, now):
        return self.filter(status=Delivery.Status.PENDING, next_attempt_at__lte=now)


class Delivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Väntar")
        SENT = "sent", _("Skickad")
        FAILED = "failed", _("Misslyckades")
        SKIPPED = "skipped", _("Hoppades över")

    send = models.ForeignKey(NewsletterSend, on_delete=models.CASCADE, related_name="deliveries")
    issue = models.ForeignKey(NewsletterIssuePage, on_delete=models.PROTECT, related_name="+")
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.SET_NULL, null=True, related_name="deliveries"
    )
    # The list the subscriber got the issue through: its one-click unsubscribe leaves it.
    newsletter = models.ForeignKey(NewsletterListPage, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("leverans")
        verbose_name_plural = _("leveranser")
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="one_delivery_per_issue_and_subscriber"
            )
        ]
        indexes = [models.Index(fields=["send", "status", "next_attempt_at"], name="delivery_due")]

    def __str__(self):
        return f"{self.issue_id}/{self.subscriber_id}: {self.status}"
