import pytest
from django.utils import timezone

from kvinnofrid.surveys.demo import demo_surveys_load
from kvinnofrid.surveys.models import Invitation, Survey
from kvinnofrid.surveys.reporting import survey_results_for

pytestmark = pytest.mark.django_db


def test_the_demo_gives_two_years_to_track_and_compare_and_loads_once(cast):
    demo_surveys_load(user=cast.coordinator_a)
    demo_surveys_load(user=cast.coordinator_a)
    year = timezone.localdate().year
    assert Survey.objects.filter(county=cast.county_a).count() == 2
    statuses = set(Invitation.objects.filter(survey__year=year).values_list("status", flat=True))
    assert statuses == {"submitted", "partial", "not_started"}
    results = survey_results_for(county=cast.county_a, year=year)
    assert results.submitted == 11 and results.previous.submitted == 22
    assert results.question("action_plan").previous.answered == 22
