"""Bar charts of survey results as inline SVG: `role="img"` with a title and a
description that says every figure in words, bars drawn with attributes and classes (no
style attributes, which the content security policy forbids). The same figures are in a
table beside each chart."""

import itertools

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from .models import QuestionKind
from .reporting import QuestionResult

BAR_WIDTH = 320
LABEL_WIDTH = 190
BAR_HEIGHT = 16
GAP = 6
_ids = itertools.count(1)


def _rows(question: QuestionResult) -> list[dict]:
    previous = question.previous
    return [
        {
            "label": label,
            "count": count,
            "share": round(100 * count / question.answered) if question.answered else 0,
            "previous": previous.counts.get(label) if previous else None,
            "previous_answered": previous.answered if previous else None,
        }
        for label, count in question.counts.items()
    ]


def choice_svg(question: QuestionResult, rows: list[dict]) -> str:
    number = next(_ids)
    has_previous = question.previous is not None and question.previous.answered > 0
    top = max([row["count"] for row in rows] + [row["previous"] or 0 for row in rows] + [1])
    per_row = BAR_HEIGHT * (2 if has_previous else 1) + GAP * 2
    height = per_row * len(rows) + GAP
    bars = []
    for index, row in enumerate(rows):
        y = GAP + index * per_row
        width = round(BAR_WIDTH * row["count"] / top)
        bars.append(
            format_html(
                '<text x="0" y="{}" class="kf-chart__label">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" class="kf-chart__bar"></rect>'
                '<text x="{}" y="{}" class="kf-chart__value">{}</text>',
                y + BAR_HEIGHT - 3,
                row["label"][:28],
                LABEL_WIDTH,
                y,
                width,
                BAR_HEIGHT,
                LABEL_WIDTH + width + 4,
                y + BAR_HEIGHT - 3,
                row["count"],
            )
        )
        if has_previous:
            previous = row["previous"] or 0
            width = round(BAR_WIDTH * previous / top)
            bars.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" class="kf-chart__bar '
                    'kf-chart__bar--previous"></rect>'
                    '<text x="{}" y="{}" class="kf-chart__value">{}</text>',
                    LABEL_WIDTH,
                    y + BAR_HEIGHT,
                    width,
                    BAR_HEIGHT,
                    LABEL_WIDTH + width + 4,
                    y + 2 * BAR_HEIGHT - 3,
                    previous,
                )
            )
    described = []
    for row in rows:
        text = _("%(label)s: %(count)s av %(answered)s") % {
            "label": row["label"],
            "count": row["count"],
            "answered": question.answered,
        }
        if has_previous:
            text += _(" (förra året %(count)s av %(answered)s)") % {
                "count": row["previous"] or 0,
                "answered": row["previous_answered"],
            }
        described.append(text)
    words = "; ".join(described)
    return format_html(
        '<svg class="kf-chart" role="img" aria-labelledby="chart-{n}-title chart-{n}-desc" '
        'width="{w}" height="{h}" viewBox="0 0 {w} {h}"><title id="chart-{n}-title">{title}</title>'
        '<desc id="chart-{n}-desc">{desc}</desc>{bars}</svg>',
        n=number,
        w=LABEL_WIDTH + BAR_WIDTH + 40,
        h=height,
        title=question.text,
        desc=words,
        bars=format_html_join("", "{}", ((bar,) for bar in bars)),
    )


def question_chart(question: QuestionResult) -> dict:
    """What the results page shows for one question."""
    chart = {"question": question, "svg": "", "rows": [], "grid": []}
    if question.kind in (
        QuestionKind.YES_NO,
        QuestionKind.SINGLE,
        QuestionKind.MULTIPLE,
        QuestionKind.YEAR,
    ):
        chart["rows"] = _rows(question)
        chart["svg"] = choice_svg(question, chart["rows"])
    elif question.kind == QuestionKind.GRID:
        previous = question.previous.grid if question.previous else {}
        chart["columns"] = list(next(iter(question.grid.values()), {}).keys())
        chart["grid"] = [
            {
                "row": row,
                "cells": [
                    {"count": count, "previous": previous.get(row, {}).get(column)}
                    for column, count in cells.items()
                ],
            }
            for row, cells in question.grid.items()
        ]
    return chart
