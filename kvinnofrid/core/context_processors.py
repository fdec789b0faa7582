from django.conf import settings


def site_shell(request):
    """What the public page shell needs on every page."""
    return {"QUICK_EXIT_URL": settings.QUICK_EXIT_URL}
