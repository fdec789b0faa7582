from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET


@never_cache
@require_GET
def healthz(request):
    """For load balancers and monitoring: is this process able to reach its database?"""
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def csrf_failure(request, reason=""):
    """Django's default CSRF page is English and technical; this one says what to do."""
    return render(request, "403_csrf.html", status=403)


@requires_csrf_token
def server_error(request):
    """A 500 page that needs neither the database nor context processors (either may be
    what failed), and still offers the quick exit."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"quick_exit_url": settings.QUICK_EXIT_URL}))
