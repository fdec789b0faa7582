from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "kvinnofrid.knowledge"
    label = "knowledge"
    verbose_name = _("Kunskapsbank")

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.documents import get_document_model
        from wagtail.signals import published, unpublished

        from . import signals
        from .models import Resource, ResourceFile

        post_save.connect(
            signals.queue_text_extraction,
            sender=get_document_model(),
            dispatch_uid="knowledge_text_extraction",
        )
        post_delete.connect(
            signals.reindex_after_file_removed, sender=ResourceFile, dispatch_uid="kb_file_removed"
        )
        published.connect(signals.index_on_publish, sender=Resource, dispatch_uid="kb_publish")
        unpublished.connect(
            signals.unindex_on_unpublish, sender=Resource, dispatch_uid="kb_unpublish"
        )
