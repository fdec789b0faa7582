"""Public issue pages (web version, PDF, archive, forward to a colleague)."""

from django.http import HttpResponse


def _todo(request, **kwargs):  # replaced by the issue pages
    return HttpResponse(status=501)


list_archive = forward_page = issue_web_version = issue_pdf = _todo
