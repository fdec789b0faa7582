"""The demo of `make run` gives the dashboard something believable to show."""

import datetime

import pytest
from django.core.management import call_command

from kvinnofrid.coordination.dashboard import figures_for
from kvinnofrid.coordination.models import Activity, NationalIssueGroup, Network
from kvinnofrid.regions.models import County

pytestmark = pytest.mark.django_db


def test_the_demo_fills_stockholms_log_once(settings):
    settings.DEBUG = True
    call_command("load_demo_content", verbosity=0)
    count = Activity.objects.count()
    call_command("load_demo_content", verbosity=0)
    assert Activity.objects.count() == count >= 60

    stockholm = County.objects.get(code="01")
    year = datetime.date.today().year
    this_year = figures_for(county=stockholm, year=year)
    # The demo spreads its log over the last 700 days.
    assert (
        sum(figures_for(county=stockholm, year=y).activities for y in range(year - 2, year + 1))
        == count
    )
    assert this_year.active_networks == 3
    assert this_year.open_issues_count == 3
    assert Network.objects.filter(counties__code="03").count() == 1  # spans two counties
    assert NationalIssueGroup.objects.get().issues.count() == 2
