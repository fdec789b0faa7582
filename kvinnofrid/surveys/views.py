"""The public pages behind an organisation's link (`/enkat/<token>/`): answer, save and
continue later, confirm and submit, then view and download the answers. No login: the
signed token is the key. A forged, altered or revoked link is a 404. The pages are never
cached or indexed and send no referrer."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kvinnofrid.pages.models import InformationPage

from . import exports, services
from .models import Invitation, Question, QuestionKind

FIELD_PREFIX = "q-"


def _private(response):
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _invitation(token: str) -> Invitation:
    invitation = services.invitation_from_token(token)
    if invitation is None:
        raise Http404
    return invitation


def _privacy_page():
    return InformationPage.objects.live().filter(role=InformationPage.Role.PRIVACY_NOTICE).first()


def field_name(question: Question, row_index: int | None = None) -> str:
    name = FIELD_PREFIX + question.key
    return name if row_index is None else f"{name}--{row_index}"


def raw_answers(post, questions) -> dict:
    """What the form posted, per question key, in the shape `services.parse_answer` takes."""
    raw = {}
    for question in questions:
        if question.kind == QuestionKind.MULTIPLE:
            raw[question.key] = post.getlist(field_name(question))
        elif question.kind == QuestionKind.GRID:
            raw[question.key] = {
                row: post.get(field_name(question, index), "")
                for index, row in enumerate(question.row_list)
            }
        else:
            raw[question.key] = post.get(field_name(question), "")
    return raw


@dataclass
class Item:
    """One question as the template shows it."""

    number: int
    question: Question
    value: object
    error: str = ""
    condition_text: str = ""
    anchor: str = ""
    described_by: str = ""
    options: list = field(default_factory=list)
    grid: list = field(default_factory=list)

    @property
    def name(self) -> str:
        return field_name(self.question)

    @property
    def id(self) -> str:
        return "id_" + self.question.key


def _items(questions, values: dict, errors: dict) -> list[dict]:
    """Questions grouped by section, each with its value, error and ARIA wiring."""
    numbers = {question.key: index for index, question in enumerate(questions, start=1)}
    by_key = {question.key: question for question in questions}
    sections = []
    for number, question in enumerate(questions, start=1):
        value = values.get(question.key)
        item = Item(number=number, question=question, value=value)
        item.error = errors.get(question.key, "")
        if question.condition_key in by_key:
            parent = by_key[question.condition_key]
            shown = dict(parent.choices).get(question.condition_value, question.condition_value)
            item.condition_text = _(
                "Besvara bara om ni svarat ”%(answer)s” på fråga %(number)s."
            ) % {"answer": shown, "number": numbers[parent.key]}
        described = []
        if question.help_text:
            described.append(f"{item.id}-hint")
        if item.condition_text:
            described.append(f"{item.id}-condition")
        if item.error:
            described.append(f"{item.id}-error")
        item.described_by = " ".join(described)
        if question.kind in (QuestionKind.YES_NO, QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            chosen = value if isinstance(value, list) else [value]
            item.options = [
                {
                    "id": f"{item.id}_{index}",
                    "value": option,
                    "label": label,
                    "checked": option in chosen,
                }
                for index, (option, label) in enumerate(question.choices)
            ]
            item.anchor = f"{item.id}_0"
        elif question.kind == QuestionKind.GRID:
            cells = value if isinstance(value, dict) else {}
            item.grid = [
                {
                    "label": row,
                    "name": field_name(question, row_index),
                    "id": f"{item.id}_{row_index}",
                    "cells": [
                        {
                            "id": f"{item.id}_{row_index}_{index}",
                            "value": option,
                            "checked": cells.get(row) == option,
                        }
                        for index, option in enumerate(question.option_list)
                    ],
                }
                for row_index, row in enumerate(question.row_list)
            ]
            item.anchor = f"{item.id}_0_0"
        else:
            item.anchor = item.id
        if not sections or sections[-1]["title"] != question.section:
            sections.append({"title": question.section, "items": []})
        sections[-1]["items"].append(item)
    return sections


def _progress(questions, values: dict) -> dict:
    applicable = [q for q in questions if q.condition_holds(values)]
    answered = [q for q in applicable if values.get(q.key) not in (None, "", [], {})]
    return {
        "answered": len(answered),
        "total": len(applicable),
        "percent": round(100 * len(answered) / len(applicable)) if applicable else 0,
    }


def _render_form(request, invitation, questions, values, errors, *, status=200):
    sections = _items(questions, values, errors)
    context = {
        "invitation": invitation,
        "survey": invitation.survey,
        "sections": sections,
        "errors": [item for section in sections for item in section["items"] if item.error],
        "progress": _progress(questions, values),
        "privacy_page": _privacy_page(),
    }
    return _private(TemplateResponse(request, "surveys/answer.html", context, status=status))


@require_http_methods(["GET", "POST"])
def survey_answer(request, token: str):
    invitation = _invitation(token)
    if invitation.is_submitted:
        return redirect("survey-answers", token=token)
    questions = list(invitation.survey.questions.order_by("sort_order"))
    if request.method == "GET":
        return _render_form(request, invitation, questions, services.stored_values(invitation), {})
    submit = request.POST.get("action") == "submit"
    result = services.answers_save(
        invitation=invitation, raw=raw_answers(request.POST, questions), submit=submit
    )
    if result.errors:
        return _render_form(
            request, invitation, questions, result.values, result.errors, status=400
        )
    if submit:
        response = redirect("survey-confirm", token=token)
    else:
        messages.success(
            request,
            _(
                "Svaren är sparade. Ni kan fortsätta senare med samma länk; svaren är inte "
                "inskickade än."
            ),
        )
        response = redirect("survey-answer", token=token)
    response.status_code = 303
    return response


@require_http_methods(["GET", "POST"])
def survey_confirm(request, token: str):
    """Step 2: the answers once more, and the button that submits them."""
    invitation = _invitation(token)
    if invitation.is_submitted:
        return redirect("survey-answers", token=token)
    if request.method == "POST":
        missing = services.invitation_submit(invitation=invitation)
        if missing:
            questions = list(invitation.survey.questions.order_by("sort_order"))
            errors = {question.key: _("Besvara frågan.") for question in missing}
            values = services.stored_values(invitation)
            return _render_form(request, invitation, questions, values, errors, status=400)
        messages.success(request, _("Tack! Svaren är inskickade."))
        response = redirect("survey-answers", token=token)
        response.status_code = 303
        return response
    headers, rows = exports.invitation_table(invitation)
    context = {
        "invitation": invitation,
        "survey": invitation.survey,
        "rows": exports.readable_rows(rows),
        "privacy_page": _privacy_page(),
    }
    return _private(TemplateResponse(request, "surveys/confirm.html", context))


def survey_answers(request, token: str):
    """The organisation's answers, printable, with downloads."""
    invitation = _invitation(token)
    headers, rows = exports.invitation_table(invitation)
    context = {
        "invitation": invitation,
        "survey": invitation.survey,
        "rows": exports.readable_rows(rows),
        "privacy_page": _privacy_page(),
    }
    return _private(TemplateResponse(request, "surveys/answers.html", context))


def survey_answers_download(request, token: str, fmt: str):
    invitation = _invitation(token)
    headers, rows = exports.invitation_table(invitation)
    name = f"kartlaggning-{invitation.survey.year}-{slugify(invitation.organisation.name)}"
    if fmt == "xlsx":
        body = exports.xlsx_bytes(
            [(_("Svar"), headers, rows)], title=f"{invitation.survey} – {invitation.organisation}"
        )
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = exports.csv_bytes(headers, rows)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return _private(response)
