import pytest
from django.db import connection

from kvinnofrid.knowledge.search import (
    NATIONAL,
    ResourceFilters,
    ResourceSearch,
    parse_query,
)
from kvinnofrid.regions.models import County, TargetGroup, ViolenceArea

from .factories import make_resource

pytestmark = pytest.mark.django_db


def titles(search, limit=50):
    return [resource.title for resource in search[0:limit]]


def test_it_finds_a_word_that_appears_only_inside_a_file():
    make_resource(title="Handbok", file_text="Skyddsbedömning görs tillsammans med kvinnan.")
    make_resource(title="Annat", file_text="Något helt annat.")
    assert titles(ResourceSearch(query="skyddsbedömning")) == ["Handbok"]


def test_the_base_form_finds_the_definite_forms():
    make_resource(title="Bestämd singular", file_text="Risken för tvångsäktenskapet bedöms.")
    make_resource(title="Bestämd plural", file_text="Hon berättade om tvångsäktenskapen.")
    make_resource(title="Utan träff", file_text="Om skolans arbete med värdegrunden.")
    assert sorted(titles(ResourceSearch(query="tvångsäktenskap"))) == [
        "Bestämd plural",
        "Bestämd singular",
    ]
    # and an inflected query finds the base form
    make_resource(title="Grundform", summary="Om tvångsäktenskap i Sverige.")
    assert "Grundform" in titles(ResourceSearch(query="tvångsäktenskapen"))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's swedish stemmer")
def test_postgres_stems_the_documents_as_well():
    make_resource(title="Plural", file_text="Kvinnorna i kommunerna fick stöd.")
    assert titles(ResourceSearch(query="kommun")) == ["Plural"]
    assert titles(ResourceSearch(query="kvinnor")) == ["Plural"]


def test_it_keeps_a_and_a_ring_apart():
    make_resource(title="Får", file_text="Vad får man säga till en kollega?")
    make_resource(title="Far", file_text="En far och hans barn.")
    assert titles(ResourceSearch(query="får")) == ["Får"]
    assert titles(ResourceSearch(query="far")) == ["Far"]


def test_title_matches_rank_above_matches_in_the_files():
    make_resource(title="Samordnare", summary="x", file_text="y")
    make_resource(
        title="Något annat", file_text="samordnare samordnare samordnare samordnare samordnare"
    )
    assert titles(ResourceSearch(query="samordnare")) == ["Samordnare", "Något annat"]


def test_a_minus_excludes_a_word():
    make_resource(title="Skola", file_text="Våld i skolan.")
    make_resource(title="Vård", file_text="Våld i vården.")
    assert titles(ResourceSearch(query="våld -skolan")) == ["Vård"]


@pytest.mark.parametrize(
    "query", ['"våld', "våld OR (", "NEAR(a b)", "title: x", "* ^ ~ :", "-", "a' & !b | c:*"]
)
def test_no_input_breaks_the_full_text_syntax(query):
    make_resource(title="Våld", summary="Våld i nära relationer.")
    search = ResourceSearch(query=query)
    assert search.total >= 0
    assert isinstance(search[0:5], list)


def test_parse_query_drops_a_query_of_exclusions_only():
    assert parse_query("-våld -barn") == []
    assert [t.word for t in parse_query("Våld, BARN!")] == ["våld", "barn"]


def test_facets_count_the_matches_and_ignore_their_own_filter():
    honour = ViolenceArea.objects.get(slug="hedersrelaterat-vald")
    close = ViolenceArea.objects.get(slug="vald-i-nara-relationer")
    stockholm = County.objects.get(code="01")
    make_resource(kind="report", year=2020, county=stockholm, topics=[honour], summary="våld")
    make_resource(kind="report", year=2021, topics=[honour, close], summary="våld")
    make_resource(kind="handbook", year=2021, county=stockholm, topics=[close], summary="våld")
    make_resource(kind="handbook", year=2021, summary="annat")

    search = ResourceSearch(query="våld", filters=ResourceFilters(kinds=("report",)))
    assert search.total == 2
    # the type facet ignores the type filter: it shows what choosing handbook would give
    assert search.facet_counts("type") == {"report": 2, "handbook": 1}
    assert search.facet_counts("year") == {"2020": 1, "2021": 1}
    assert search.facet_counts("topic") == {str(honour.pk): 2, str(close.pk): 1}
    assert search.facet_counts("county") == {str(stockholm.pk): 1, str(NATIONAL): 1}


def test_filters_combine_across_facets_and_any_value_within_one():
    stockholm = County.objects.get(code="01")
    social = TargetGroup.objects.get(slug="socialtjanst")
    make_resource(title="A", county=stockholm, audiences=[social], year=2020)
    make_resource(title="B", county=None, audiences=[social], year=2021)
    make_resource(title="C", county=stockholm, year=2021)
    both = ResourceFilters(county_ids=(stockholm.pk, NATIONAL), audience_ids=(social.pk,))
    assert sorted(titles(ResourceSearch(filters=both))) == ["A", "B"]
    national_only = ResourceFilters(county_ids=(NATIONAL,))
    assert titles(ResourceSearch(filters=national_only)) == ["B"]
    assert titles(ResourceSearch(filters=ResourceFilters(years=(2020,)))) == ["A"]


def test_without_a_query_the_newest_come_first_and_unpublished_never():
    make_resource(title="Äldst", year=2010)
    make_resource(title="Nyast", year=2025)
    make_resource(title="Utkast", year=2026, live=False)
    search = ResourceSearch()
    assert search.order == "nyast"
    assert titles(search) == ["Nyast", "Äldst"]
    assert search.total == 2


def test_sorting_by_date_works_with_a_query_too():
    make_resource(title="Våld 2010", year=2010)
    make_resource(title="Om något", summary="våld", year=2025)
    assert titles(ResourceSearch(query="våld", order="nyast")) == ["Om något", "Våld 2010"]
    assert titles(ResourceSearch(query="våld")) == ["Våld 2010", "Om något"]


def test_pages_are_slices_of_one_ordering():
    for year in range(2000, 2025):
        make_resource(title=f"År {year}", year=year)
    search = ResourceSearch()
    assert search.total == 25
    first, second = search[0:10], search[10:20]
    assert [r.year for r in first] == list(range(2024, 2014, -1))
    assert [r.year for r in second] == list(range(2014, 2004, -1))


def test_the_front_page_counts_are_cached_until_the_index_changes():
    make_resource(kind="report")
    assert ResourceSearch().facet_counts("type") == {"report": 1}
    make_resource(kind="handbook")
    assert ResourceSearch().facet_counts("type") == {"report": 1, "handbook": 1}
    gone = make_resource(kind="film")
    gone.unpublish()
    assert ResourceSearch().facet_counts("type") == {"report": 1, "handbook": 1}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's dense-search path")
def test_a_search_with_many_matches_pages_titles_first_then_newest(monkeypatch):
    from kvinnofrid.knowledge import search

    monkeypatch.setattr(search, "DENSE", 3)
    make_resource(title="Våld och våld", year=2001)
    make_resource(title="Våld", summary="Om något.", year=2002)
    for year in (2010, 2015, 2020, 2005):
        make_resource(title=f"Rapport {year}", summary="Om våld.", year=year)
    make_resource(title="Annat", summary="Inget om det.", year=2026)
    found = ResourceSearch(query="våld")
    assert found.total == 6
    # the two title matches first (in ts_rank order, ties newest first), then the rest newest
    assert sorted(titles(found)[:2]) == ["Våld", "Våld och våld"]
    assert titles(found)[2:] == ["Rapport 2020", "Rapport 2015", "Rapport 2010", "Rapport 2005"]
    # pages that cross from the title matches to the rest join up exactly
    pages = [
        r.title for start in (0, 1, 3, 5) for r in found[start : start + (1 if start == 0 else 2)]
    ]
    assert pages == titles(found)
    newest = ResourceSearch(query="våld", order="nyast")
    assert titles(newest) == [
        "Rapport 2020",
        "Rapport 2015",
        "Rapport 2010",
        "Rapport 2005",
        "Våld",
        "Våld och våld",
    ]
    filtered = ResourceSearch(query="våld", filters=ResourceFilters(years=(2015, 2020, 2002)))
    assert filtered.total == 3
    assert titles(filtered) == ["Våld", "Rapport 2020", "Rapport 2015"]
    # an excluded word: title matches must still be matches
    excluding = titles(ResourceSearch(query="våld -2010"))
    assert sorted(excluding[:2]) == ["Våld", "Våld och våld"]
    assert excluding[2:] == ["Rapport 2020", "Rapport 2015", "Rapport 2005"]
    assert titles(ResourceSearch())[:3] == ["Annat", "Rapport 2020", "Rapport 2015"]


def test_facet_counts_agree_with_counting_by_hand():
    import random

    rng = random.Random(4)
    topics = list(ViolenceArea.objects.all()[:3])
    # an id beyond what the PostgreSQL bit masks hold is counted all the same
    topics.append(ViolenceArea.objects.create(id=90, slug="nytt-omrade", name="Nytt", group="core"))
    audiences = list(TargetGroup.objects.all()[:3])
    counties = list(County.objects.order_by("code")[:3])
    made = []
    for number in range(40):
        county = rng.choice([None, *counties])
        # joint material: a responsible county and up to two participating ones
        others = [c for c in counties if c != county] if county else []
        resource = make_resource(
            # a word in no topic's or audience's name: the labels are searched too
            summary="stödsamtal" if number % 5 else "annat",
            kind=rng.choice(["report", "handbook", "film"]),
            year=rng.choice([2020, 2021, 2022]),
            county=county,
            participating_counties=rng.sample(others, rng.randint(0, min(2, len(others)))),
            topics=rng.sample(topics, rng.randint(0, 2)),
            audiences=rng.sample(audiences, rng.randint(0, 2)),
        )
        made.append(resource)
    assert any(r.participating_counties.exists() for r in made)

    def values(resource):
        belongs = {resource.county_id, *(c.pk for c in resource.participating_counties.all())}
        belongs.discard(None)
        return {
            "type": {resource.kind},
            "year": {str(resource.year)},
            "county": {str(pk) for pk in belongs} or {str(NATIONAL)},
            "topic": {str(t.pk) for t in resource.topics.all()},
            "audience": {str(a.pk) for a in resource.audiences.all()},
        }

    rows = [(r, values(r)) for r in made if r.summary == "stödsamtal"]
    second = str(counties[1].pk)
    for filters, chosen in (
        (ResourceFilters(), {}),
        (ResourceFilters(kinds=("report",)), {"type": {"report"}}),
        (
            ResourceFilters(kinds=("report", "film"), topic_ids=(90,), county_ids=(NATIONAL,)),
            {"type": {"report", "film"}, "topic": {"90"}, "county": {str(NATIONAL)}},
        ),
        (
            ResourceFilters(years=(2021,), audience_ids=(audiences[0].pk,)),
            {"year": {"2021"}, "audience": {str(audiences[0].pk)}},
        ),
        (
            ResourceFilters(county_ids=(counties[1].pk,), kinds=("handbook",)),
            {"county": {second}, "type": {"handbook"}},
        ),
        (
            ResourceFilters(county_ids=(counties[0].pk, NATIONAL), years=(2020, 2022)),
            {"county": {str(counties[0].pk), str(NATIONAL)}, "year": {"2020", "2022"}},
        ),
    ):
        search = ResourceSearch(query="stödsamtal", filters=filters)

        def passes(vals, skip="", chosen=chosen):
            return all(vals[f] & wanted for f, wanted in chosen.items() if f != skip)

        # the total counts a resource once, however many counties it belongs to
        assert search.total == sum(passes(vals) for _, vals in rows), filters
        assert len(titles(search, limit=100)) == search.total
        for facet in ("type", "year", "county", "topic", "audience"):
            expected = {}
            for _, vals in rows:
                if passes(vals, skip=facet):
                    for value in vals[facet]:
                        expected[value] = expected.get(value, 0) + 1
            assert search.facet_counts(facet) == expected, (facet, filters)
