"""Resources for tests, published and indexed as an editor's publish would leave them."""

import itertools

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from kvinnofrid.knowledge.models import DocumentText, Resource, ResourceFile
from kvinnofrid.knowledge.services import collection_for, resource_index

_numbers = itertools.count(1)


def make_document(*, content: bytes, name: str = "fil.pdf", county=None, title="Fil"):
    Document = get_document_model()
    document = Document(title=title, collection=collection_for(county))
    document.file.save(name, ContentFile(content), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def make_resource(
    *,
    title: str | None = None,
    summary: str = "Ett material om arbetet mot våld.",
    file_text: str = "",
    kind: str = "report",
    county=None,
    year: int = 2024,
    topics=(),
    audiences=(),
    participating_counties=(),
    live: bool = True,
    **fields,
) -> Resource:
    """`file_text` stands for text already extracted from an attached file."""
    number = next(_numbers)
    resource = Resource.objects.create(
        title=title or f"Material {number}",
        summary=summary,
        kind=kind,
        publisher="Länsstyrelsen",
        county=county,
        year=year,
        live=live,
        external_url=fields.pop("external_url", "https://example.org/"),
        **fields,
    )
    resource.topics.set(topics)
    resource.audiences.set(audiences)
    resource.participating_counties.set(participating_counties)
    resource.save()
    if file_text:
        document = make_document(content=b"%PDF-1.7 test", name=f"fil-{number}.pdf", county=county)
        DocumentText.objects.update_or_create(
            document=document,
            defaults={"status": "done", "kind": "pdf", "text": file_text, "file_hash": "x"},
        )
        ResourceFile.objects.create(resource=resource, document=document)
    resource_index(resource=resource)
    return resource
