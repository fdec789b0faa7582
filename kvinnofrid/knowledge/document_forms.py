"""The base form of every document upload (WAGTAILDOCS_DOCUMENT_FORM_BASE). Kept apart from
forms.py: Wagtail's document forms cannot be imported while models are loading."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm

from . import filetypes


class SafeDocumentForm(BaseDocumentForm):
    """Every document upload in the admin (single, multiple, chooser) goes through this
    form (WAGTAILDOCS_DOCUMENT_FORM_BASE). The file's type is decided by its content; the
    stored name gets that type's extension, so the file is later served with the content
    type of what it is, never of what its name claimed."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):
            return upload  # unchanged file on an edit
        try:
            kind = filetypes.detect(upload)
        except filetypes.UnsupportedFile as error:
            raise forms.ValidationError(str(error), code="unsupported_file") from error
        upload.name = filetypes.safe_filename(upload.name, kind)
        return upload
