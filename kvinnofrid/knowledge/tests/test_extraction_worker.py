"""The whole path of an upload with the real worker process loop: the worker closes its
database connections, so this test runs outside a test transaction (and costs a flush)."""

import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model

from kvinnofrid.knowledge import samples
from kvinnofrid.knowledge.search import ResourceSearch
from kvinnofrid.knowledge.services import collection_for
from kvinnofrid.testing.cast import verified_client

from .test_uploads_and_extraction import extraction_tasks, publish, upload

pytestmark = pytest.mark.django_db(transaction=True)
Document = get_document_model()


def run_worker():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def test_an_uploaded_pdf_is_extracted_in_the_background_and_found_by_search(cast):
    report_pdf = samples.pdf_bytes(
        title="Rapport",
        paragraphs=["Risken för tvångsäktenskapet ska bedömas tidigt av socialtjänsten."],
    )
    client = verified_client(cast.editor_a)
    response = upload(
        client, name="rapport.pdf", content=report_pdf, collection=collection_for(cast.county_a)
    )
    assert response.status_code == 302
    document = Document.objects.get(title="rapport.pdf")
    assert document.extracted.status == "pending"
    assert extraction_tasks().filter(status="READY").count() == 1
    resource = publish(document, cast.county_a)
    assert ResourceSearch(query="tvångsäktenskap").total == 0  # the text is not read yet

    run_worker()

    document.extracted.refresh_from_db()
    assert document.extracted.status == "done"
    assert "tvångsäktenskapet" in document.extracted.text
    assert [r.pk for r in ResourceSearch(query="tvångsäktenskap")[0:5]] == [resource.pk]
