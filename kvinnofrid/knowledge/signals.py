def queue_text_extraction(sender, instance, **kwargs):
    """A new or replaced file gets its text extracted in the background; the upload itself
    never waits for (or fails with) the extraction."""
    from .models import DocumentText
    from .services import document_text_pending

    current = DocumentText.objects.filter(document_id=instance.pk).values_list(
        "file_hash", flat=True
    )
    if instance.file_hash and instance.file_hash in current:
        return
    document_text_pending(document=instance)


def index_on_publish(sender, instance, **kwargs):
    # Inside the publishing transaction: the entry and the publication commit together.
    from .services import resource_index

    resource_index(resource=instance)


def unindex_on_unpublish(sender, instance, **kwargs):
    from .services import resource_unindex

    resource_unindex(resource=instance)


def reindex_after_file_removed(sender, instance, **kwargs):
    """A file taken off a resource (or a deleted document) takes its words out of search."""
    from .models import Resource
    from .services import resource_index

    resource = Resource.objects.filter(pk=instance.resource_id).first()
    if resource is not None:
        resource_index(resource=resource)
