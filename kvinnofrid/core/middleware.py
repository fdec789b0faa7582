from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

LANGUAGE_PARAMETER = "sprak"


class ChosenLanguageMiddleware:
    """Swedish unless the visitor chose English with the language link.

    Django's LocaleMiddleware would follow the browser's Accept-Language, giving English
    menus around Swedish content to anyone whose browser is set to English. Here the
    interface follows only an explicit choice, kept in Django's language cookie."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.GET.get(LANGUAGE_PARAMETER)
        if chosen in self.available:
            query = request.GET.copy()
            del query[LANGUAGE_PARAMETER]
            target = request.path + (f"?{query.urlencode()}" if query else "")
            # A path such as //elsewhere.example/ would leave the site: never redirect off it.
            if not url_has_allowed_host_and_scheme(
                target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            ):
                target = "/"
            response = HttpResponseRedirect(target)
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                chosen,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
            )
            return response

        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.available:
            language = settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # override() rather than activate(): the language must not outlive the request in
        # this thread, or whatever the thread does next (a test, a task run in-process)
        # speaks the last visitor's language.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
