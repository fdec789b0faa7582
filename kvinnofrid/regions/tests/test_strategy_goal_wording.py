"""Strategy goal 1 reads the same everywhere: as the strategy itself words it (skr.
2016/17:10, regeringen.se), which the StrategyGoal rows carry."""

import re
from pathlib import Path

import pytest

from kvinnofrid.regions.models import StrategyGoal
from kvinnofrid.reports.models import StatusReport

SOURCE = Path(__file__).resolve().parents[2]
# Every wording of goal 1 that has been used: "utökat och … arbete mot våld".
GOAL_1_WORDING = re.compile(r"utökat och [a-zåäö ]*?arbete mot våld", re.IGNORECASE)


@pytest.mark.django_db
def test_the_strategy_goal_rows_carry_the_strategys_own_wording():
    assert StrategyGoal.objects.get(number=1).name == (
        "Ett utökat och verkningsfullt förebyggande arbete mot våld"
    )


@pytest.mark.django_db
def test_the_report_outline_names_goal_1_as_the_strategy_goal_does():
    label = str(StatusReport._meta.get_field("goal_1_text").verbose_name)
    assert label == f"Målsättning 1: {StrategyGoal.objects.get(number=1).name}"


@pytest.mark.django_db
def test_no_code_template_data_or_demo_content_words_goal_1_differently():
    wording = StrategyGoal.objects.get(number=1).name.lower()[len("ett ") :]
    found = {}
    for path in SOURCE.rglob("*"):
        if path.suffix not in {".py", ".html", ".txt", ".json", ".md", ".csv"}:
            continue
        # Translations are refreshed from the code; old migrations are history.
        if "locale" in path.parts or "migrations" in path.parts:
            continue
        for match in GOAL_1_WORDING.finditer(path.read_text(encoding="utf-8", errors="ignore")):
            if match.group(0).lower() != wording:
                found[str(path.relative_to(SOURCE))] = match.group(0)
    # This file's own pattern never matches itself: it has no "arbete mot våld" literal
    # after "utökat och" on one line.
    assert found == {}
