import io

import pytest

from kvinnofrid.knowledge import demo, samples
from kvinnofrid.knowledge.filetypes import detect


def test_without_pango_the_demo_publications_get_word_files(monkeypatch):
    def no_pango(**kwargs):
        raise OSError("cannot load library 'libpango-1.0-0'")

    demo._demo_file.cache_clear()
    monkeypatch.setattr(samples, "pdf_bytes", no_pango)
    try:
        extension, content = demo._demo_file("demo-varmland-handbok")
    finally:
        demo._demo_file.cache_clear()
    assert extension == "docx"
    assert detect(io.BytesIO(content)).key == "docx"


@pytest.mark.django_db
def test_the_demo_mappings_belong_to_every_county_that_made_them():
    from kvinnofrid.knowledge.models import Resource
    from kvinnofrid.knowledge.search import ResourceFilters, ResourceSearch
    from kvinnofrid.regions.models import County

    demo.demo_resources_load()
    to_dare = Resource.objects.get(title="Att våga se och kunna stå kvar")
    assert to_dare.kind == "mapping_study"
    assert [c.code for c in to_dare.counties] == ["25", "24"]
    assert "Norrbottens och Västerbottens" in to_dare.publisher
    north = Resource.objects.get(external_id="demo-kartlaggning-norr-2016")
    assert [c.code for c in north.counties] == ["25", "22", "23", "24"]
    for code in ("22", "23", "24", "25"):
        county = County.objects.get(code=code)
        found = ResourceSearch(filters=ResourceFilters(county_ids=(county.pk,)))
        assert north.pk in [r.pk for r in found[0:20]]
