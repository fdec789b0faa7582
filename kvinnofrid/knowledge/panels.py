from wagtail.admin.panels import Panel


class ExtractionStatusPanel(Panel):
    """Shows the editor, file by file, whether the text inside could be made searchable
    (an encrypted or scanned PDF cannot), without ever blocking the save."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "knowledge/admin/extraction_status_panel.html"

        def get_context_data(self, parent_context=None):
            from .models import DocumentText

            context = super().get_context_data(parent_context)
            rows = []
            if self.instance.pk:
                files = self.instance.files.select_related("document").order_by("sort_order")
                texts = {
                    text.document_id: text
                    for text in DocumentText.objects.filter(
                        document_id__in=[f.document_id for f in files]
                    )
                }
                rows = [(f.document, texts.get(f.document_id)) for f in files]
            context["rows"] = rows
            return context
