"""Writes for the knowledge bank: text extraction, the search entry, file storage."""

import logging
from pathlib import Path

from django.core.files import File
from django.db import transaction
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

from kvinnofrid.pages.services import county_collection, national_collection
from kvinnofrid.regions.models import County

from . import filetypes
from .extraction import ExtractionStatus, extract_text
from .models import DocumentText, Resource, ResourceSearchEntry

logger = logging.getLogger(__name__)

# How much of a resource's file text is indexed. PostgreSQL's tsvector holds at most 1 MB
# and keeps positions only up to 16 383; the first 300 000 characters (a 100-page report)
# carry the words a search needs.
INDEXED_FILE_TEXT = 300_000


def resource_index(*, resource: Resource) -> None:
    """Make the search entry of a resource match its published state and its files' text."""
    resource = Resource.objects.filter(pk=resource.pk).first()
    if resource is None:
        return
    if not resource.live:
        resource_unindex(resource=resource)
        return
    texts = DocumentText.objects.filter(
        document__resource_files__resource=resource, status=ExtractionStatus.DONE
    ).order_by("document__resource_files__sort_order")
    body = "\n".join(texts.values_list("text", flat=True))[:INDEXED_FILE_TEXT]
    ResourceSearchEntry.objects.update_or_create(
        resource=resource,
        defaults={
            "title": resource.title,
            "summary": resource.summary,
            "labels": resource_labels(resource=resource),
            "body": body,
            "kind": resource.kind,
            "year": resource.year,
            "county_id": resource.county_id,
            "published_at": resource.first_published_at,
        },
    )


def resource_labels(*, resource: Resource) -> str:
    """The names of a resource's topics and audiences, one a line, as search indexes them."""
    names = [t.name for t in resource.topics.order_by("sort_order", "name")]
    names += [a.name for a in resource.audiences.order_by("sort_order", "name")]
    return "\n".join(names)


def resource_unindex(*, resource: Resource) -> None:
    ResourceSearchEntry.objects.filter(resource_id=resource.pk).delete()


def document_text_pending(*, document) -> None:
    """Mark a document's text as awaited and queue the extraction once the upload is
    committed (a rolled-back upload queues nothing)."""
    from .tasks import extract_document_text

    DocumentText.objects.update_or_create(
        document=document, defaults={"status": ExtractionStatus.PENDING, "file_hash": ""}
    )
    document_id = document.pk
    transaction.on_commit(lambda: extract_document_text.enqueue(document_id=document_id))


def document_text_extract(*, document) -> DocumentText:
    """Extract the text of one document and re-index the published resources using it.
    Never raises for a bad file: the outcome is recorded for the editor instead."""
    kind_key = ""
    try:
        with document.open_file() as handle:
            kind = filetypes.detect(handle)
            kind_key = kind.key
            extracted = extract_text(handle, kind=kind.key)
        status, text, detail = extracted.status, extracted.text, extracted.detail
    except filetypes.UnsupportedFile as error:
        status, text, detail = ExtractionStatus.UNSUPPORTED, "", str(error)[:300]
    except OSError as error:  # the stored file is missing or unreadable
        status, text, detail = ExtractionStatus.CORRUPT, "", repr(error)[:300]
    if status != ExtractionStatus.DONE:
        logger.info("Text extraction of document %s: %s (%s)", document.pk, status, detail)
    with transaction.atomic():
        result, _ = DocumentText.objects.update_or_create(
            document=document,
            defaults={
                "status": status,
                "kind": kind_key,
                "text": text,
                "detail": detail[:300],
                "file_hash": document.file_hash,
            },
        )
        for resource in Resource.objects.published().using_document(document.pk):
            resource_index(resource=resource)
    return result


def collection_for(county: County | None) -> Collection:
    """The public collection a resource's files go in: the county's, or the national one."""
    return county_collection(county) if county else national_collection()


def document_store(*, path: Path, title: str, collection: Collection, uploaded_by=None):
    """Store a local file as a Wagtail document after checking its type by content, or
    return the document already holding the same bytes in that collection (so importing
    twice stores nothing twice). Raises filetypes.UnsupportedFile."""
    Document = get_document_model()
    with path.open("rb") as handle:
        kind = filetypes.detect(handle)
        existing = Document.objects.filter(
            collection=collection, file_hash=hash_filelike(handle)
        ).first()
        if existing:
            return existing
        handle.seek(0)
        document = Document(title=title, collection=collection, uploaded_by_user=uploaded_by)
        document.file.save(filetypes.safe_filename(path.name, kind), File(handle), save=False)
        document._set_document_file_metadata()
        document.save()
    return document
