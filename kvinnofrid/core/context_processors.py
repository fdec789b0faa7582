from django.conf import settings


def site_shell(request):
    """What the public page shell needs on every page."""
    return {
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
        # Editors write in Swedish; with the English interface chosen, their text keeps
        # lang="sv" so screen readers pronounce it right (WCAG 3.1.2).
        "CONTENT_LANGUAGE": settings.WAGTAIL_CONTENT_LANGUAGES[0][0],
    }
