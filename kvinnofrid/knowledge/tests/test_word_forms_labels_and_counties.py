"""Issue 16: definite forms and irregular plurals find their base words, topic and audience
names are searched, and material may belong to several counties. On SQLite and on
PostgreSQL alike (the suite runs on both)."""

import pytest

from kvinnofrid.knowledge.importing import resources_import
from kvinnofrid.knowledge.models import KnowledgeBankPage, Resource
from kvinnofrid.knowledge.search import NATIONAL, ResourceFilters, ResourceSearch
from kvinnofrid.knowledge.swedish import variants
from kvinnofrid.pages.models import HomePage
from kvinnofrid.regions.models import County, TargetGroup, ViolenceArea
from kvinnofrid.testing.cast import verified_client

from .factories import make_resource
from .test_resource_admin import URL as ADD_URL
from .test_resource_admin import form_data

pytestmark = pytest.mark.django_db


def titles(query, **filters):
    search = ResourceSearch(query=query, filters=ResourceFilters(**filters))
    return sorted(resource.title for resource in search[0:50])


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("våldet", ("vålde",)),  # the stemmer makes "vålde" "våld"
        ("våldets", ("vålde",)),
        ("människohandeln", ("människohandel",)),
        ("skolan", ("skola",)),
        ("handböcker", ("handbok",)),
        ("handbok", ("handböcker",)),
        ("metodhandböckerna", ("metodhandbok", "metodhandböcker")),
        ("tjänstemän", ("tjänsteman",)),
        ("länder", ("land",)),
        # words that only look definite, and the pronoun "man", have no variants
        ("paket", ()),
        ("handlingsplan", ()),
        ("myndighet", ()),
        ("man", ()),
        ("män", ()),
        ("instans", ()),
        ("våld", ()),
    ],
)
def test_variants_of_a_query_word(word, expected):
    assert variants(word) == expected


def test_definite_forms_find_their_base_words():
    make_resource(title="Grundform", summary="Stöd till kvinnor utsatta för våld.")
    make_resource(title="Handel", summary="Arbetet mot människohandel i länet.")
    make_resource(title="Skola", summary="Vad en skola kan göra.")
    make_resource(title="Annat", summary="Om något helt annat.")
    assert titles("våldet") == ["Grundform"]
    assert titles("våldets") == ["Grundform"]
    assert titles("människohandeln") == ["Handel"]
    assert titles("skolan") == ["Skola"]
    # and the definite forms are still found themselves
    make_resource(title="Bestämd", summary="Våldet upphör inte vid en separation.")
    assert titles("våldet") == ["Bestämd", "Grundform"]
    assert titles("våld") == ["Bestämd", "Grundform"]


def test_irregular_plurals_find_their_singular_and_back():
    make_resource(title="Singular", summary="En handbok för socialsekreterare.")
    make_resource(title="Plural", summary="Länens handböcker samlade.")
    make_resource(title="Tjänsteman", summary="Stöd till varje tjänsteman.")
    assert titles("handböcker") == ["Plural", "Singular"]
    assert titles("handbok") == ["Plural", "Singular"]
    assert titles("handboken") == ["Plural", "Singular"]
    assert titles("tjänstemän") == ["Tjänsteman"]
    # an excluded word excludes its forms too
    assert titles("länens -handböcker") == []


def test_topic_and_audience_names_are_searched_below_titles():
    honour = ViolenceArea.objects.get(slug="hedersrelaterat-vald")
    social = TargetGroup.objects.get(slug="socialtjanst")
    make_resource(title="Taggad", summary="Om samtal med unga.", topics=[honour])
    make_resource(title="För handläggare", summary="Om samtal.", audiences=[social])
    make_resource(title="Otaggad", summary="Om samtal med unga.")
    make_resource(title="Socialtjänst och samtal", summary="Om samtal.")
    assert titles("hedersrelaterat våld") == ["Taggad"]
    assert titles("tvångsäktenskap") == ["Taggad"]  # a word in the topic's name
    found = ResourceSearch(query="socialtjänst")
    # the title match first, then the resource that is only tagged with the audience
    assert [r.title for r in found[0:10]] == ["Socialtjänst och samtal", "För handläggare"]


def test_a_resource_follows_a_change_of_its_labels():
    honour = ViolenceArea.objects.get(slug="hedersrelaterat-vald")
    resource = make_resource(title="Material", summary="Om samtal.", topics=[honour])
    assert titles("könsstympning") == ["Material"]
    resource.topics.set([ViolenceArea.objects.get(slug="vald-mot-djur")])
    resource.save()
    from kvinnofrid.knowledge.services import resource_index

    resource_index(resource=resource)
    assert titles("könsstympning") == []
    assert titles("djur") == ["Material"]


@pytest.fixture
def north():
    return {code: County.objects.get(code=code) for code in ("22", "23", "24", "25")}


@pytest.fixture
def joint(north):
    return make_resource(
        title="Gemensam kartläggning",
        summary="En kartläggning av fyra län.",
        kind="mapping_study",
        county=north["25"],
        participating_counties=[north["24"], north["22"], north["23"]],
    )


def test_joint_material_shows_under_each_of_its_counties_and_counts_once(north, joint):
    make_resource(title="Bara Norrbotten", summary="En kartläggning.", county=north["25"])
    make_resource(title="Nationell", summary="En kartläggning.")
    for county in north.values():
        assert "Gemensam kartläggning" in titles("kartläggning", county_ids=(county.pk,))
    assert titles("", county_ids=(north["23"].pk,)) == ["Gemensam kartläggning"]
    assert titles("", county_ids=(NATIONAL,)) == ["Nationell"]
    search = ResourceSearch(query="kartläggning")
    assert search.total == 3
    assert search.facet_counts("county") == {
        str(north["25"].pk): 2,
        str(north["24"].pk): 1,
        str(north["23"].pk): 1,
        str(north["22"].pk): 1,
        str(NATIONAL): 1,
    }
    # two counties chosen that it both belongs to: still one hit
    both = ResourceSearch(filters=ResourceFilters(county_ids=(north["24"].pk, north["25"].pk)))
    assert both.total == 2
    assert sorted(r.title for r in both[0:10]) == ["Bara Norrbotten", "Gemensam kartläggning"]
    assert list(Resource.objects.in_county(north["22"])) == [joint]
    assert Resource.objects.in_county(north["25"]).count() == 2


@pytest.fixture
def bank():
    home = HomePage.objects.get()
    page = home.add_child(instance=KnowledgeBankPage(title="Kunskapsbank", slug="kunskapsbank"))
    page.save_revision().publish()
    return page


def test_the_api_and_the_pages_show_every_county_of_joint_material(client, bank, joint):
    data = client.get("/api/v1/resources/?county=24").json()
    assert data["count"] == 1
    [result] = data["results"]
    assert result["county"] == "25"
    assert result["counties"] == ["25", "22", "23", "24"]
    facet = {option["value"]: option["count"] for option in data["facets"]["county"]}
    assert facet == {"22": 1, "23": 1, "24": 1, "25": 1}
    assert client.get("/api/v1/resources/?county=jamtland").json()["count"] == 1
    listing = client.get("/kunskapsbank/?lan=22").content.decode()
    assert "Gemensam kartläggning" in listing
    assert "Norrbottens län, Västernorrlands län, Jämtlands län, Västerbottens län" in listing
    page = client.get(f"/kunskapsbank/{joint.pk}/{joint.slug}/").content.decode()
    assert '<a href="/kunskapsbank/?lan=24">Västerbottens län</a>' in page


def test_an_editor_adds_participating_counties_and_only_the_responsible_county_edits(cast):
    client = verified_client(cast.editor_a)
    other = County.objects.get(code="05")
    data = form_data(
        county=str(cast.county_a.pk),
        participating_counties=[str(cast.county_b.pk), str(other.pk), str(cast.county_a.pk)],
        external_url="https://example.org/",
        **{"action-publish": "action-publish"},
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["form"].errors
    resource = Resource.objects.get()
    # the responsible county is not also a participating one
    assert resource.county == cast.county_a
    assert set(resource.participating_counties.all()) == {cast.county_b, other}
    assert titles("", county_ids=(other.pk,)) == ["Länets handbok"]
    # a participating county's staff do not edit it
    edit = f"/admin/snippets/knowledge/resource/edit/{resource.pk}/"
    assert verified_client(cast.coordinator_b).get(edit).status_code == 404
    assert client.get(edit).status_code == 200


def test_national_material_cannot_have_participating_counties(cast):
    client = verified_client(cast.national)
    data = form_data(
        county="",
        participating_counties=[str(cast.county_b.pk)],
        external_url="https://example.org/",
        **{"action-publish": "action-publish"},
    )
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Välj vilket län som ansvarar för materialet" in response.content.decode()
    assert not Resource.objects.exists()


def test_the_import_takes_participating_counties(tmp_path, north):
    line = (
        '{"external_id": "x-1", "title": "Gemensam", "summary": "En kartläggning.", '
        '"type": "mapping_study", "publisher": "Länsstyrelserna", "year": 2016, '
        '"county": "25", "participating_counties": ["24", "jamtland"], '
        '"url": "https://example.org/"}'
    )
    report = resources_import(lines=[line], base_dir=tmp_path)
    assert report.errors == [] and report.created == 1
    resource = Resource.objects.get(external_id="x-1")
    assert set(resource.participating_counties.all()) == {north["24"], north["23"]}
    assert titles("", county_ids=(north["23"].pk,)) == ["Gemensam"]
    assert resources_import(lines=[line], base_dir=tmp_path).unchanged == 1
    national = line.replace('"county": "25"', '"county": null').replace("x-1", "x-2")
    report = resources_import(lines=[national], base_dir=tmp_path)
    assert report.errors and "kräver ett ansvarigt län" in report.errors[0][1]
    assert not Resource.objects.filter(external_id="x-2").exists()
