"""Background work of the knowledge bank."""

from django_tasks import task
from wagtail.documents import get_document_model


@task(queue_name="default")
def extract_document_text(*, document_id: int) -> str:
    """Read the text inside an uploaded file and re-index the resources that use it.
    Queued when a document's file is new or replaced; returns the extraction status."""
    from .services import document_text_extract

    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return "gone"  # deleted before the worker came to it
    return document_text_extract(document=document).status
