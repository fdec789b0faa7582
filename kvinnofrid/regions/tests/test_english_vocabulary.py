"""English mode shows the vocabularies (strategy goals, violence areas, target groups) in
English; Swedish stays the default, and `name` stays Swedish for the API and exports."""

import json

import pytest
from django.conf import settings
from django.utils import translation

from kvinnofrid.knowledge.models import KnowledgeBankPage
from kvinnofrid.knowledge.tests.factories import make_resource
from kvinnofrid.pages.models import HomePage
from kvinnofrid.regions.models import StrategyGoal, TargetGroup, ViolenceArea
from kvinnofrid.regions.reference import VOCABULARY

pytestmark = pytest.mark.django_db


def test_every_term_of_the_vocabulary_file_has_an_english_name():
    vocabulary = json.loads(VOCABULARY.read_text(encoding="utf-8"))
    for key in ("strategy_goals", "violence_areas", "target_groups"):
        assert all(row.get("name_en") for row in vocabulary[key]), key
    assert not StrategyGoal.objects.filter(name_en="").exists()
    assert not ViolenceArea.objects.filter(name_en="").exists()
    assert not TargetGroup.objects.filter(name_en="").exists()


def test_a_term_is_named_in_the_interfaces_language():
    honour = ViolenceArea.objects.get(slug="hedersrelaterat-vald")
    goal = StrategyGoal.objects.get(number=3)
    with translation.override("sv"):
        assert honour.label.startswith("Hedersrelaterat våld och förtryck")
        assert str(goal) == "3. Effektivare brottsbekämpning"
    with translation.override("en"):
        assert honour.label.startswith("Honour-related violence and oppression")
        assert str(goal) == "3. More effective law enforcement"
        assert honour.name.startswith("Hedersrelaterat")  # the stored name stays Swedish


def test_the_knowledge_banks_facets_are_in_english_in_english_mode(client):
    bank = HomePage.objects.get().add_child(
        instance=KnowledgeBankPage(title="Kunskapsbank", slug="kunskapsbank", intro="Sök.")
    )
    bank.save_revision().publish()
    make_resource(
        title="Om heder",
        topics=[ViolenceArea.objects.get(slug="hedersrelaterat-vald")],
        audiences=[TargetGroup.objects.get(slug="yrkesforare")],
    )
    swedish = client.get("/kunskapsbank/").content.decode()
    assert "Hedersrelaterat våld och förtryck" in swedish
    assert "Yrkesförare" in swedish

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/kunskapsbank/").content.decode()
    assert "Honour-related violence and oppression" in english
    assert "Professional drivers" in english
    assert "Hedersrelaterat våld och förtryck" not in english
    assert "Yrkesförare" not in english
