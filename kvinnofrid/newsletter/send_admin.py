"""Staff pages for sending an issue: test send, choosing the lists and starting, progress
with pause and resume, and the final report; and the list of all sends.

Who may send an issue is who may publish it (Wagtail's page permissions, which follow the
county's page subtree); anyone else gets a 404, as for other counties' records.
"""

import datetime
import zoneinfo

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import sending
from .models import Delivery, NewsletterIssuePage, NewsletterSend


def _issue(request, page_id: int) -> NewsletterIssuePage:
    issue = NewsletterIssuePage.objects.filter(pk=page_id).first()
    if issue is None or not issue.permissions_for_user(request.user).can_publish():
        raise Http404
    return issue


def _send_of(issue) -> NewsletterSend | None:
    return NewsletterSend.objects.filter(issue=issue).select_related("started_by").first()


STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


def stockholm_time(value: str) -> datetime.datetime:
    """'2026-10-18T09:30' (a datetime-local field) read as Swedish time, DST included. A
    time that does not exist (the hour skipped when the clocks go forward in March) is
    refused; an hour that happens twice (October) means its first, summer-time, pass."""
    try:
        naive = datetime.datetime.strptime(value.strip(), "%Y-%m-%dT%H:%M")
    except ValueError:
        raise ValidationError(
            _("Skriv datum och tid som 2026-10-18 09:30."), code="invalid"
        ) from None
    aware = naive.replace(tzinfo=STOCKHOLM, fold=0)
    round_trip = aware.astimezone(datetime.UTC).astimezone(STOCKHOLM).replace(tzinfo=None)
    if round_trip != naive:
        raise ValidationError(
            _(
                "Klockan %(time)s finns inte den dagen: klockan ställs fram en timme i "
                "natt. Välj en annan tid."
            )
            % {"time": naive.strftime("%H:%M")},
            code="nonexistent",
        )
    # In UTC: an aware time inside the repeated October hour compares unequal to every
    # time of another zone (PEP 495), the database's included.
    return aware.astimezone(datetime.UTC)


class ListsForm(forms.Form):
    NOW, LATER = "now", "later"
    when = forms.ChoiceField(
        label=gettext_lazy("När"),
        choices=[(NOW, gettext_lazy("Skicka nu")), (LATER, gettext_lazy("Skicka vid en vald tid"))],
        widget=forms.RadioSelect,
        initial=NOW,
        required=False,
    )
    send_at = forms.CharField(
        label=gettext_lazy("Datum och tid (svensk tid)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    lists = forms.MultipleChoiceField(
        label=gettext_lazy("Skicka till prenumeranterna på"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Välj minst ett nyhetsbrev att skicka till.")},
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("Jag har granskat provutskicket och vill skicka numret."),
        error_messages={"required": gettext_lazy("Bekräfta att numret ska skickas.")},
    )

    def __init__(self, *args, lists, **kwargs):
        super().__init__(*args, **kwargs)
        self.list_pages = {str(newsletter.pk): newsletter for newsletter in lists}
        self.fields["lists"].choices = [
            (str(newsletter.pk), newsletter.title) for newsletter in lists
        ]
        if lists and not self.is_bound:
            self.initial["lists"] = [str(lists[0].pk)]

    def chosen(self):
        return [self.list_pages[pk] for pk in self.cleaned_data["lists"]]

    def clean_send_at(self):
        if self.data.get("when") != self.LATER:
            return None
        value = self.cleaned_data.get("send_at") or ""
        if not value.strip():
            raise ValidationError(_("Ange datum och tid för utskicket."), code="required")
        at = stockholm_time(value)
        if at <= timezone.now():
            raise ValidationError(
                _("Tidpunkten har redan passerat. Välj en tid framåt, eller skicka nu."),
                code="past",
            )
        return at


class IssueSendView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "newsletter/admin/send.html"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        self.issue = _issue(request, kwargs["page_id"])
        self.send = _send_of(self.issue)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Skicka: %(title)s") % {"title": self.issue.title}

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("newsletter_sends"), "label": _("Utskick")},
            {"url": "", "label": self.issue.title},
        ]

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "json" and self.send:
            return JsonResponse(_progress_json(self.send))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.send is not None:
            if "cancel" in request.POST and self.send.status == NewsletterSend.Status.SCHEDULED:
                if sending.send_cancel(send=self.send, user=request.user):
                    messages.success(request, _("Det schemalagda utskicket är avbrutet."))
                else:
                    messages.error(request, _("Utskicket hade redan börjat."))
            return redirect("newsletter_send", page_id=self.issue.pk)
        form = ListsForm(
            request.POST, lists=sending.sendable_lists(user=request.user, issue=self.issue)
        )
        if form.is_valid():
            at = form.cleaned_data["send_at"]
            try:
                if at is None:
                    sending.send_start(issue=self.issue, user=request.user, lists=form.chosen())
                else:
                    sending.send_schedule(
                        issue=self.issue, user=request.user, lists=form.chosen(), at=at
                    )
            except PermissionDenied as error:
                raise Http404 from error
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if at is None:
                    messages.success(request, _("Utskicket har startat."))
                else:
                    messages.success(
                        request,
                        _("Utskicket är schemalagt till %(time)s.")
                        % {"time": date_format(timezone.localtime(at), "DATETIME_FORMAT")},
                    )
                return redirect("newsletter_send", page_id=self.issue.pk)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["issue"] = self.issue
        context["send"] = self.send
        if self.send is None:
            lists = sending.sendable_lists(user=self.request.user, issue=self.issue)
            form = kwargs.get("form") or ListsForm(lists=lists)
            context["form"] = form
            context["error_count"] = sum(len(errors) for errors in form.errors.values())
            context["recipients"] = [
                (newsletter, sending.recipient_count(lists=[newsletter])) for newsletter in lists
            ]
        else:
            context["progress"] = sending.progress(self.send)
            context["failures"] = sending.failure_summary(self.send)
            context["lists"] = list(self.send.lists.all())
            context["progress_url"] = (
                reverse("newsletter_send", kwargs={"page_id": self.issue.pk}) + "?format=json"
            )
        return context


def _progress_json(send: NewsletterSend) -> dict:
    counts = sending.progress(send)
    return {
        "status": send.status,
        "total": counts.total,
        "sent": counts.sent,
        "failed": counts.failed,
        "skipped": counts.skipped,
        "pending": counts.pending,
        "percent": counts.percent,
    }


class IssueTestSendView(View):
    def post(self, request, page_id):
        from .testsend import test_send

        issue = _issue(request, page_id)
        try:
            address = test_send(issue=issue, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Ett provutskick är på väg till %(address)s.") % {"address": address},
            )
        return redirect("newsletter_send", page_id=issue.pk)


class SendPauseView(View):
    action = "pause"

    def post(self, request, page_id):
        issue = _issue(request, page_id)
        send = _send_of(issue)
        if send is None:
            raise Http404
        if self.action == "pause":
            sending.send_pause(send=send, user=request.user)
            messages.success(request, _("Utskicket är pausat."))
        else:
            sending.send_resume(send=send, user=request.user)
            messages.success(request, _("Utskicket fortsätter."))
        return redirect("newsletter_send", page_id=issue.pk)


class SendListView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "newsletter/admin/sends.html"
    page_title = gettext_lazy("Utskick")
    header_icon = "mail"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        status = Delivery.Status
        # Counts per send in the same query: the page does not grow in queries with sends.
        context["sends"] = (
            NewsletterSend.objects.for_user(self.request.user)
            .select_related("issue", "issue__county", "started_by")
            .annotate(
                total=Count("deliveries"),
                sent=Count("deliveries", filter=Q(deliveries__status=status.SENT)),
                failed=Count("deliveries", filter=Q(deliveries__status=status.FAILED)),
                pending=Count("deliveries", filter=Q(deliveries__status=status.PENDING)),
            )
            .order_by("-started_at")[:100]
        )
        return context

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("newsletter.view_newslettersend"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


urlpatterns = [
    path("nyhetsbrev/utskick/", SendListView.as_view(), name="newsletter_sends"),
    path(
        "nyhetsbrev/nummer/<int:page_id>/utskick/",
        IssueSendView.as_view(),
        name="newsletter_send",
    ),
    path(
        "nyhetsbrev/nummer/<int:page_id>/provutskick/",
        IssueTestSendView.as_view(),
        name="newsletter_test_send",
    ),
    path(
        "nyhetsbrev/nummer/<int:page_id>/pausa/",
        SendPauseView.as_view(action="pause"),
        name="newsletter_send_pause",
    ),
    path(
        "nyhetsbrev/nummer/<int:page_id>/fortsatt/",
        SendPauseView.as_view(action="resume"),
        name="newsletter_send_resume",
    ),
]
