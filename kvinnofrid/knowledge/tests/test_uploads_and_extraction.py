"""Uploads through Wagtail's own admin views, text extraction by the real worker, and how
the files are served."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tasks_db.models import DBTaskResult
from wagtail.documents import get_document_model

from kvinnofrid.knowledge import samples
from kvinnofrid.knowledge.models import DocumentText, Resource, ResourceFile
from kvinnofrid.knowledge.search import ResourceSearch
from kvinnofrid.knowledge.services import collection_for, document_text_extract, resource_index
from kvinnofrid.testing.cast import verified_client

pytestmark = pytest.mark.django_db
ADD_DOCUMENT = "/admin/documents/add/"
Document = get_document_model()


@pytest.fixture(scope="module")
def report_pdf():
    return samples.pdf_bytes(
        title="Rapport",
        paragraphs=["Risken för tvångsäktenskapet ska bedömas tidigt av socialtjänsten."],
    )


def upload(client, *, name, content, collection):
    return client.post(
        ADD_DOCUMENT,
        {
            "title": name,
            "collection": str(collection.pk),
            "file": SimpleUploadedFile(name, content),
        },
    )


def extraction_tasks():
    return DBTaskResult.objects.filter(task_path__endswith="tasks.extract_document_text")


def publish(resource_document, county):
    resource = Resource.objects.create(
        title="Rapport om heder",
        summary="En rapport.",
        kind="report",
        publisher="Länsstyrelsen",
        county=county,
        year=2024,
    )
    ResourceFile.objects.create(resource=resource, document=resource_document)
    resource.save_revision().publish()
    return resource


@pytest.mark.parametrize(
    "maker, status",
    [
        (samples.encrypted_pdf_bytes, "encrypted"),
        (samples.image_only_pdf_bytes, "no_text"),
    ],
)
def test_a_file_without_readable_text_is_kept_and_the_editor_is_told(
    cast, maker, status, django_capture_on_commit_callbacks
):
    client = verified_client(cast.editor_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(
            client, name="skannad.pdf", content=maker(), collection=collection_for(cast.county_a)
        )
    assert response.status_code == 302
    document = Document.objects.get(title="skannad.pdf")
    assert extraction_tasks().count() == 1  # queued for the worker; run here in-process
    document_text_extract(document=document)
    assert document.extracted.status == status
    with django_capture_on_commit_callbacks(execute=True):
        resource = publish(document, cast.county_a)
    edit = client.get(f"/admin/snippets/knowledge/resource/edit/{resource.pk}/")
    assert edit.status_code == 200
    label = str(DocumentText(status=status).get_status_display())
    assert label in edit.content.decode()
    assert "hittas inte i sökningen" in edit.content.decode()


def test_a_corrupt_pdf_is_recorded_without_an_exception():
    from .factories import make_document

    document = make_document(content=samples.corrupt_pdf_bytes(), name="trasig.pdf")
    assert document_text_extract(document=document).status == "corrupt"
    assert DocumentText.objects.get(document=document).status == "corrupt"


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("rapport.pdf", samples.html_bytes(), "HTML"),
        ("bild.png", samples.svg_bytes(), "SVG"),
        ("text.txt", b"", "tom"),
        ("makro.docx", samples.macro_docx_bytes(), "makro"),
    ],
)
def test_a_file_is_judged_by_its_content_and_refused_in_swedish(cast, name, content, message):
    client = verified_client(cast.editor_a)
    response = upload(client, name=name, content=content, collection=collection_for(cast.county_a))
    assert response.status_code == 200
    assert message.lower() in response.content.decode().lower()
    assert not Document.objects.exists()
    assert not DocumentText.objects.exists()


def test_a_pdf_with_a_misleading_name_is_stored_under_its_real_type(cast, report_pdf):
    client = verified_client(cast.editor_a)
    response = upload(
        client, name="rapport.txt", content=report_pdf, collection=collection_for(cast.county_a)
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.filename.endswith(".pdf")
    assert document.content_type == "application/pdf"


def test_files_over_the_size_limit_are_refused(cast, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
    client = verified_client(cast.editor_a)
    response = upload(
        client, name="stor.txt", content=b"ord " * 100, collection=collection_for(cast.county_a)
    )
    assert response.status_code == 200
    assert not Document.objects.exists()


def test_downloads_are_attachments_or_sandboxed_inline(cast, report_pdf, client):
    from .factories import make_document

    docx = make_document(
        content=samples.docx_bytes(title="Mall", paragraphs=["Text"]), name="mall.docx"
    )
    pdf = make_document(content=report_pdf, name="rapport.pdf")
    response = client.get(docx.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    response = client.get(pdf.url)
    assert response["Content-Type"] == "application/pdf"
    # nothing inside the PDF may load or run anything from the site's origin
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_unpublishing_takes_a_resource_out_of_search(cast, django_capture_on_commit_callbacks):
    from .factories import make_resource

    resource = make_resource(title="Avpublicera mig", county=cast.county_a)
    assert ResourceSearch(query="avpublicera").total == 1
    resource.unpublish()
    assert ResourceSearch(query="avpublicera").total == 0
    resource.save_revision().publish()
    resource_index(resource=resource)
    assert ResourceSearch(query="avpublicera").total == 1


def test_deleting_a_file_takes_its_words_out_of_search(cast):
    from .factories import make_resource

    resource = make_resource(title="Med fil", file_text="Ordet barnahus står bara i filen.")
    assert ResourceSearch(query="barnahus").total == 1
    resource.files.get().document.delete()
    assert ResourceSearch(query="barnahus").total == 0
    assert ResourceSearch(query="fil").total == 1
