"""Survey pages of the admin beyond the builder: a new survey from the template, sending,
response tracking, an invitation's revocation, new link and reopening, results with the
previous year, the XLSX export and an organisation's answers across years.

Reads go through `for_user`/`get_for_user_or_404`, writes through `writable_by`: another
county's survey or invitation is a 404; the national coordinator reads and writes nothing.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages

from kvinnofrid.coordination.admin_views import StaffPageMixin, error_count
from kvinnofrid.coordination.models import Organisation
from kvinnofrid.tenancy.querysets import get_for_user_or_404

from . import charts, exports, services
from .forms import NewSurveyForm
from .models import Answer, Invitation, Survey
from .reporting import survey_results_for


def _writable(model, user, pk):
    try:
        return model.objects.writable_by(user).get(pk=pk)
    except model.DoesNotExist as error:
        raise Http404 from error


class SurveyNewView(StaffPageMixin, FormView):
    template_name = "surveys/admin/form.html"
    form_class = NewSurveyForm
    page_title = gettext_lazy("Ny kartläggning från mallen")
    header_icon = "copy"
    required_permission = "surveys.add_survey"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            error_count=error_count(context["form"]),
            intro=_(
                "Kartläggningen kopieras från länets förra kartläggning, eller från "
                "standardmallen om länet inte har någon. Sedan kan ni redigera frågorna."
            ),
            submit_label=_("Skapa kartläggningen"),
        )
        return context

    def form_valid(self, form):
        survey = services.survey_from_template(user=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Kartläggningen är skapad. Granska frågorna."))
        return redirect("kartlaggningar:edit", survey.pk)


class SurveyTrackingView(StaffPageMixin, TemplateView):
    """Who has answered, who has started, who has not; with the links' actions."""

    template_name = "surveys/admin/tracking.html"
    header_icon = "form"
    required_permission = "surveys.view_survey"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.survey = get_for_user_or_404(
                Survey.objects.select_related("county"), request.user, pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"{self.survey.title} {self.survey.year}"

    def get_context_data(self, **kwargs):
        user = self.request.user
        invitations = list(
            Invitation.objects.for_user(user)
            .filter(survey=self.survey)
            .select_related("organisation")
            .annotate(answer_count=Count("answers", distinct=True))
            .annotate(reminder_count=Count("reminders", distinct=True))
            .order_by("organisation__name")
        )
        active = [i for i in invitations if i.revoked_at is None]
        counts = {
            status: sum(1 for i in active if i.status == status) for status in Invitation.Status
        }
        can_write = (
            user.has_perm("surveys.change_survey")
            and Survey.objects.writable_by(user).filter(pk=self.survey.pk).exists()
        )
        if can_write:
            # Staff may pass an organisation its link by other means than the e-mail (it
            # bounced, or a new coordinator asks). Only those who may send see it: the link
            # answers as the organisation. The national coordinator reads without it.
            from .emails import invitation_link

            for invitation in active:
                invitation.personal_link = invitation_link(invitation)
        return {
            **super().get_context_data(**kwargs),
            "survey": self.survey,
            "invitations": invitations,
            "counts": counts,
            "invited": len(active),
            "question_count": self.survey.questions.count(),
            "can_write": can_write,
            "Status": Invitation.Status,
        }


class SurveySendView(StaffPageMixin, TemplateView):
    """Choose organisations (all the county's municipalities by default) and the address
    each invitation goes to (the municipality's kvinnofridssamordnare by default)."""

    template_name = "surveys/admin/send.html"
    header_icon = "mail"
    required_permission = "surveys.change_survey"
    page_title = gettext_lazy("Skicka kartläggningen")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.survey = _writable(Survey, request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def _rows(self):
        invited = set(self.survey.invitations.values_list("organisation_id", flat=True))
        organisations = (
            Organisation.objects.filter(county=self.survey.county_id)
            .prefetch_related("contacts")
            .order_by("-kind", "name")
        )
        previous = services.previous_addresses(self.survey)
        rows = []
        for organisation in organisations:
            is_municipality = organisation.kind == Organisation.Kind.MUNICIPALITY
            last_year = previous.get(organisation.pk, "")
            email = services.recipient_for(organisation, previous=last_year)
            rows.append(
                {
                    "organisation": organisation,
                    "email": email,
                    "from_previous": bool(email) and email == last_year,
                    # Never ticked without an address: sending would only stop at an error.
                    "checked": is_municipality and organisation.pk not in invited and bool(email),
                    "invited": organisation.pk in invited,
                }
            )
        rows.sort(
            key=lambda row: (row["organisation"].kind != "municipality", row["organisation"].name)
        )
        return rows

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "survey": self.survey,
            "rows": kwargs.get("rows") or self._rows(),
            "errors": kwargs.get("errors", []),
        }

    def post(self, request, pk):
        from django.core.exceptions import ValidationError
        from django.core.validators import validate_email

        rows = self._rows()
        chosen = {int(value) for value in request.POST.getlist("organisation") if value.isdigit()}
        recipients, errors = [], []
        for row in rows:
            organisation = row["organisation"]
            row["email"] = request.POST.get(f"email-{organisation.pk}", "").strip()
            row["checked"] = organisation.pk in chosen
            if not row["checked"]:
                continue
            try:
                validate_email(row["email"])
            except ValidationError:
                row["error"] = _("Skriv en giltig e-postadress till %(organisation)s.") % {
                    "organisation": organisation.name
                }
                errors.append(row)
                continue
            recipients.append((organisation, row["email"]))
        if not recipients and not errors:
            errors.append({"organisation": None, "error": _("Välj minst en organisation.")})
        if errors:
            context = self.get_context_data(rows=rows, errors=errors)
            return self.render_to_response(context, status=400)
        invitations = services.survey_send(
            survey=self.survey, recipients=recipients, user=request.user
        )
        messages.success(
            request,
            ngettext(
                "Kartläggningen skickades till %(count)s organisation.",
                "Kartläggningen skickades till %(count)s organisationer.",
                len(invitations),
            )
            % {"count": len(invitations)},
        )
        return redirect("kvinnofrid_survey_tracking", self.survey.pk)


INVITATION_ACTIONS = {
    "aterkalla": (
        gettext_lazy("Återkalla länken"),
        gettext_lazy("Länken slutar fungera direkt. Svaren finns kvar."),
        "revoke",
    ),
    "ny-lank": (
        gettext_lazy("Skicka en ny länk"),
        gettext_lazy("En ny länk skickas med e-post; den gamla slutar fungera. Svaren finns kvar."),
        "renew",
    ),
    "oppna": (
        gettext_lazy("Öppna svaren igen"),
        gettext_lazy("Organisationen kan ändra sina inskickade svar och skicka in dem igen."),
        "reopen",
    ),
}


class InvitationActionView(StaffPageMixin, TemplateView):
    """A confirmation (GET), then the change (POST)."""

    template_name = "surveys/admin/confirm.html"
    header_icon = "mail"
    required_permission = "surveys.change_invitation"

    def dispatch(self, request, *args, **kwargs):
        if kwargs["action"] not in INVITATION_ACTIONS:
            raise Http404
        self.label, self.explanation, self.verb = INVITATION_ACTIONS[kwargs["action"]]
        if request.user.is_authenticated:
            try:
                self.invitation = (
                    Invitation.objects.writable_by(request.user)
                    .select_related("organisation", "survey")
                    .get(pk=kwargs["pk"])
                )
            except Invitation.DoesNotExist as error:
                raise Http404 from error
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return str(self.label)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "invitation": self.invitation,
            "explanation": self.explanation,
            "label": self.label,
            "back_url": reverse("kvinnofrid_survey_tracking", args=[self.invitation.survey_id]),
        }

    def post(self, request, pk, action):
        invitation, user = self.invitation, request.user
        if self.verb == "revoke":
            services.invitation_revoke(invitation=invitation, user=user)
            text = _("Länken till %(organisation)s är återkallad.")
        elif self.verb == "renew":
            services.invitation_renew(invitation=invitation, user=user)
            text = _("En ny länk är skickad till %(organisation)s.")
        else:
            services.invitation_reopen(invitation=invitation, user=user)
            text = _("Svaren från %(organisation)s är öppna för ändringar igen.")
        messages.success(request, text % {"organisation": invitation.organisation.name})
        return redirect("kvinnofrid_survey_tracking", invitation.survey_id)


class SurveyResultsView(StaffPageMixin, TemplateView):
    template_name = "surveys/admin/results.html"
    header_icon = "view"
    required_permission = "surveys.view_survey"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.survey = get_for_user_or_404(
                Survey.objects.select_related("county"), request.user, pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Resultat: %(survey)s") % {"survey": f"{self.survey.title} {self.survey.year}"}

    def get_context_data(self, **kwargs):
        results = survey_results_for(county=self.survey.county, year=self.survey.year)
        return {
            **super().get_context_data(**kwargs),
            "survey": self.survey,
            "results": results,
            "charts": [charts.question_chart(question) for question in results.questions],
        }


class SurveyExportView(View):
    """Every organisation's answers: one row per organisation, one column per question
    (one per cell for grids); a second sheet lists the questions."""

    def get(self, request, pk):
        if not request.user.has_perm("surveys.view_survey"):
            raise PermissionDenied
        survey = get_for_user_or_404(Survey, request.user, pk=pk)
        invitations = (
            Invitation.objects.for_user(request.user)
            .filter(survey=survey)
            .select_related("organisation")
            .prefetch_related("answers")
            .order_by("organisation__name")
        )
        headers, rows = exports.survey_table(survey, invitations)
        q_headers, q_rows = exports.question_sheet(survey)
        body = exports.xlsx_bytes(
            [(_("Svar"), headers, rows), (pgettext("enkät", "Frågor"), q_headers, q_rows)],
            title=str(survey),
        )
        response = HttpResponse(
            body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        name = f"kartlaggning-{survey.year}-{slugify(survey.county.name)}"
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        response["Cache-Control"] = "no-store"
        return response


class OrganisationAnswersView(StaffPageMixin, TemplateView):
    """One organisation's answers, survey by survey, latest year first."""

    template_name = "surveys/admin/organisation.html"
    header_icon = "group"
    required_permission = "surveys.view_survey"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.organisation = get_for_user_or_404(Organisation, request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Kartläggningar: %(organisation)s") % {"organisation": self.organisation.name}

    def get_context_data(self, **kwargs):
        invitations = (
            Invitation.objects.for_user(self.request.user)
            .filter(organisation=self.organisation)
            .select_related("survey", "survey__county", "organisation")
            .prefetch_related(Prefetch("answers", queryset=Answer.objects.all()))
            .order_by("-survey__year")
        )
        return {
            **super().get_context_data(**kwargs),
            "organisation": self.organisation,
            "surveys": [
                {
                    "invitation": invitation,
                    "rows": exports.readable_rows(exports.invitation_table(invitation)[1]),
                }
                for invitation in invitations
            ],
            "today": datetime.date.today(),
        }
