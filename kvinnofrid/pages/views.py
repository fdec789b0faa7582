from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page

RESULTS_PER_PAGE = 20
MAX_QUERY_LENGTH = 200


def search(request):
    """Full-text search over published, public pages (Wagtail search)."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().specific().search(query)
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("sida"))
    return render(request, "pages/search.html", {"query": query, "results": page})
