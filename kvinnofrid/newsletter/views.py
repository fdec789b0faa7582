"""Public subscriber pages (sign-up, confirmation, preferences, unsubscribe)."""

from django.http import HttpResponse


def _todo(request, **kwargs):  # replaced by the subscriber pages
    return HttpResponse(status=501)


subscribe = subscribe_done = confirm = preferences = unsubscribe = _todo
