"""Benchmark: public page rendering as the page tree grows.

Generates its own data in a throw-away test database, renders the home page, a county
page and an information page at two scales of the tree, and prints median times, SQL
query counts and the ratio between the scales. A flat ratio near 1.0 means the cost of a
page does not grow with the size of the site.

    make bench            # or: .venv/bin/python bench/public_pages.py --small 50 --large 1000
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

URLS = ["/", "/stockholm/", "/tillganglighet/"]


def grow_tree(total: int) -> None:
    from kvinnofrid.pages.models import CountyPage, InformationPage

    counties = list(CountyPage.objects.order_by("county__code"))
    existing = InformationPage.objects.filter(role="").count()
    for number in range(existing, total):
        parent = counties[number % len(counties)]
        parent.add_child(
            instance=InformationPage(
                title=f"Sida {number}", slug=f"sida-{number}", body="<p>Text.</p>"
            )
        )


def measure(client: Client, url: str, repeats: int) -> tuple[float, int]:
    client.get(url)  # warm caches
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    # Count now: each later request resets Django's query log that the context slices.
    query_count = len(queries)
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(timings) * 1000, query_count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=50, help="extra pages at the small scale")
    parser.add_argument("--large", type=int, default=1000, help="extra pages at the large scale")
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        client = Client()
        results = {}
        for scale in (args.small, args.large):
            grow_tree(scale)
            results[scale] = {url: measure(client, url, args.repeats) for url in URLS}
        print(f"{'page':<20}{'pages':>8}{'median ms':>12}{'queries':>9}")
        for url in URLS:
            for scale in (args.small, args.large):
                ms, queries = results[scale][url]
                print(f"{url:<20}{scale:>8}{ms:>12.2f}{queries:>9}")
            ratio = results[args.large][url][0] / results[args.small][url][0]
            print(f"{url:<20}{'ratio':>8}{ratio:>12.2f}x")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
