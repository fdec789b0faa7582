"""Benchmark: the events module — registrations under concurrency and the calendar page
as the number of events grows.

Creates its own throw-away PostgreSQL database on the server of DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/postgres), migrates it (which builds the site tree:
home page and county pages), starts gunicorn against it and measures:

* the calendar: live, routable EventPages (one or two EventOccasions each, topics,
  spread over the counties, national events and the next twelve months) are created to
  --first events and then to --events; at each size GET /kalender/ and filtered variants
  (?lan=, ?typ=, ?amne=, ?manad=, ?sida=40) are timed in-process (Django test Client)
  and over HTTP (gunicorn), p50/p95, with the number of SQL queries per page in-process,
  which should not grow with the number of events;
* registrations: an event with internal registration, two occasions and --capacity
  seats takes --registrations registrations from --clients concurrent HTTP clients, each
  with its own session: GET the event page (csrftoken cookie and csrfmiddlewaretoken of
  the form), then POST the registration form, expecting 303. Printed: registrations/s
  and p50/p95 of the POST, then checks in the database: seats filled exactly, the rest on
  the waiting list, in order of arrival, no duplicates, one queued e-mail each (mail only
  becomes django_tasks rows; nothing is sent). The exit status is 1 if a check fails.

Timings include whatever else runs on the machine; the load average is printed. The
database is dropped at the end, also after an error (KVINNOFRID_BENCH_KEEP_DB=1 keeps it).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/events.py
    .venv/bin/python bench/events.py --events 500 --registrations 200 --repeats 20  # quick
    .venv/bin/python bench/events.py --sqlite   # rough figures on a temporary SQLite file
"""

import argparse
import datetime
import itertools
import os
import random
import re
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

from harness import BenchDatabase, Server, load, percentile, say  # noqa: E402

REGISTRATION_COUNTY = "stockholm"
FILTER_COUNTY = "vastra-gotaland"
FILTER_TOPIC = "hedersrelaterat-vald"
NATIONAL_SHARE = 0.1  # of the generated events, under the calendar page
TWO_OCCASIONS_SHARE = 0.25
KIND_WEIGHTS = {
    "training": 35,
    "conference": 15,
    "webinar": 20,
    "network_meeting": 15,
    "information_session": 10,
    "train_the_trainer": 5,
}
FORMAT_WEIGHTS = {"physical": 50, "digital": 30, "hybrid": 20}
MODE_WEIGHTS = {"internal": 70, "external": 15, "none": 15}
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HITS = re.compile(r'<h2 id="cal-results">(\d+) evenemang')


def p50_p95(values: list[float]) -> str:
    return f"p50 {percentile(values, 0.5):7.1f}  p95 {percentile(values, 0.95):7.1f} ms"


# --- Database ---------------------------------------------------------------------------


def server_summary() -> str:
    from django.db import connection

    if connection.vendor != "postgresql":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version} (a file; writers serialised)"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
        settings = []
        for name in ("shared_buffers", "max_connections", "synchronous_commit"):
            cursor.execute(f"SHOW {name}")
            settings.append(f"{name}={cursor.fetchone()[0]}")
    return f"PostgreSQL {version} ({', '.join(settings)})"


def analyze() -> None:
    """Current planner statistics, as autovacuum would keep them on a live site."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


# --- Generated events -------------------------------------------------------------------


def _weighted(rng: random.Random, weights: dict) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class Calendar:
    """Creates real events through the page tree, as the admin does: add_child on the
    county page (or the calendar page for national events), so each is a live, routable
    EventPage with its occasions, topics, derived county/starts_on/ends_on and a
    RegistrationBook. With publish=True each also gets a revision and is published, as
    an editor's "Publish" does (about four times slower)."""

    def __init__(self, *, seed: int, publish: bool):
        from kvinnofrid.events.models import EventKind
        from kvinnofrid.events.tests.factories import calendar_page
        from kvinnofrid.pages.models import CountyPage
        from kvinnofrid.regions.models import ViolenceArea

        self.rng = random.Random(seed)
        self.publish = publish
        self.calendar = calendar_page()
        self.counties = list(CountyPage.objects.select_related("county").order_by("path"))
        self.topics = list(ViolenceArea.objects.order_by("slug"))
        self.kind_labels = dict(EventKind.choices)
        self.today = datetime.date.today()
        self.number = 0

    def occasion(self, date: datetime.date, *, label: str = ""):
        from kvinnofrid.events.models import EventOccasion

        start = self.rng.choice((datetime.time(9), datetime.time(13)))
        return EventOccasion(
            label=label, date=date, start_time=start, end_time=datetime.time(16, 30)
        )

    def add(self, parent, **fields):
        from kvinnofrid.events.models import EventPage

        self.number += 1
        now = datetime.datetime.now(datetime.UTC)
        fields.setdefault("slug", f"evenemang-{self.number}")
        event = parent.add_child(
            instance=EventPage(live=True, first_published_at=now, last_published_at=now, **fields)
        )
        if self.publish:
            event.save_revision().publish()
        return event

    def random_event(self):
        rng = self.rng
        national = rng.random() < NATIONAL_SHARE
        parent = self.calendar if national else rng.choice(self.counties)
        kind = _weighted(rng, KIND_WEIGHTS)
        form = _weighted(rng, FORMAT_WEIGHTS)
        mode = _weighted(rng, MODE_WEIGHTS)
        topics = rng.sample(self.topics, rng.randint(1, 3))
        first = self.today + datetime.timedelta(days=rng.randint(1, 365))
        occasions = [self.occasion(first)]
        if rng.random() < TWO_OCCASIONS_SHARE:
            occasions.append(self.occasion(first + datetime.timedelta(days=rng.randint(7, 35))))
        place = "Sverige" if national else parent.county.name
        return self.add(
            parent,
            title=f"{self.kind_labels[kind]} om {topics[0].name.lower()}"[:240]
            + f" ({self.number + 1})",
            kind=kind,
            summary=f"{self.kind_labels[kind]} för yrkesverksamma i {place}.",
            format=form,
            venue_name="" if form == "digital" else f"Länsstyrelsen, {place}",
            venue_address="" if form == "digital" else "Storgatan 1",
            digital_note="Sänds i Teams. Länken skickas till anmälda."
            if form != "physical"
            else "",
            registration_mode=mode,
            registration_url="https://example.org/anmalan" if mode == "external" else "",
            capacity=rng.choice((30, 50, 100, None)) if mode == "internal" else None,
            occasions=occasions,
            topics=topics,
        )

    def grow(self, total: int) -> float:
        """Generated events up to `total`; returns seconds."""
        start = time.perf_counter()
        already = self.number
        step = max(100, (total - already) // 4)
        while self.number < total:
            self.random_event()
            if (self.number - already) % step == 0 or self.number == total:
                elapsed = time.perf_counter() - start
                say(f"  {self.number:>6} events  {elapsed:6.1f} s  (load {load()})")
        analyze()
        return time.perf_counter() - start


# --- Calendar page ----------------------------------------------------------------------


def calendar_variants(path: str) -> dict[str, str]:
    from kvinnofrid.events.models import stockholm_today

    today = stockholm_today()
    month = datetime.date(today.year + (today.month + 2) // 12, (today.month + 2) % 12 + 1, 1)
    return {
        "upcoming": path,
        "county": f"{path}?lan={FILTER_COUNTY}",
        "kind": f"{path}?typ=conference",
        "topic": f"{path}?amne={FILTER_TOPIC}",
        "month": f"{path}?manad={month:%Y-%m}",
        "page 40": f"{path}?sida=40",
    }


def rounds(runs: dict, *, repeats: int, warmup: int = 2) -> dict[str, list[float]]:
    """Milliseconds per run: every run once per round, round after round (a passing burst
    of load on the machine then spreads over all of them)."""
    for _ in range(warmup):
        for run in runs.values():
            run()
    timings: dict = {key: [] for key in runs}
    for _ in range(repeats):
        for key, run in runs.items():
            start = time.perf_counter()
            run()
            timings[key].append((time.perf_counter() - start) * 1000)
    return timings


def measure_calendar(results: dict, n: int, urls: dict, args, server) -> None:
    import requests
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from kvinnofrid.events.models import EventPage, stockholm_today

    upcoming = EventPage.objects.live().public().upcoming(stockholm_today()).count()
    client = Client()

    def get(url: str) -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    # Right page, right count: the heading says how many events match.
    html = client.get(urls["upcoming"]).content.decode()
    if f"{upcoming} evenemang" not in html:
        say(f"  WARNING: {urls['upcoming']} does not show {upcoming} evenemang")
    for label, url in urls.items():
        get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        results["queries"][(n, label)] = len(queries)
        hits = HITS.search(response.content.decode())
        results["hits"][(n, label)] = int(hits.group(1)) if hits else 0

    say(f"Calendar at {n} events ({upcoming} upcoming, live), in-process, load {load()}:")
    timings = rounds(
        {label: lambda url=url: get(url) for label, url in urls.items()}, repeats=args.repeats
    )
    for label, url in urls.items():
        results["timings"][("in-process", n, label)] = timings[label]
        hits, queries = results["hits"][(n, label)], results["queries"][(n, label)]
        say(f"  {label:<9}{url:<38}{hits:>5} hits{queries:>4} queries  {p50_p95(timings[label])}")

    if server is None:
        return
    session = requests.Session()
    session.trust_env = False  # no proxy between us and 127.0.0.1

    def fetch(url: str) -> None:
        response = session.get(server.base + url, timeout=120)
        assert response.status_code == 200, (url, response.status_code)

    say(f"Calendar at {n} events over HTTP (gunicorn, {server.describe}), load {load()}:")
    timings = rounds(
        {label: lambda url=url: fetch(url) for label, url in urls.items()},
        repeats=args.repeats,
        warmup=3,  # one keep-alive connection: the same gunicorn worker throughout
    )
    for label, url in urls.items():
        results["timings"][("http", n, label)] = timings[label]
        say(f"  {label:<9}{url:<38}{'':>22}  {p50_p95(timings[label])}")


# --- HTTP server ------------------------------------------------------------------------


# --- Registrations ----------------------------------------------------------------------


def registration_event(calendar: Calendar, *, title: str, capacity: int | None):
    """An event in REGISTRATION_COUNTY with internal registration and two occasions (both
    are chosen in the form), published as an editor would."""
    from kvinnofrid.events.models import EventPage
    from kvinnofrid.pages.models import CountyPage

    parent = CountyPage.objects.get(county__slug=REGISTRATION_COUNTY)
    first = calendar.today + datetime.timedelta(days=45)
    event = calendar.add(
        parent,
        title=title,
        slug=f"anmalan-{calendar.number + 1}",
        kind="conference",
        summary="Regional konferens om mäns våld mot kvinnor.",
        format="hybrid",
        venue_name="Konferenscentret",
        venue_address="Storgatan 1, Stockholm",
        digital_note="Sänds i Teams. Länken skickas till anmälda.",
        registration_mode="internal",
        capacity=capacity,
        occasions=[
            calendar.occasion(first, label="Dag 1"),
            calendar.occasion(first + datetime.timedelta(days=1), label="Dag 2"),
        ],
        topics=calendar.topics[:2],
    )
    if not calendar.publish:
        event.save_revision().publish()
    return EventPage.objects.get(pk=event.pk)


class Registrants:
    """Concurrent clients registering for one event over HTTP. Each client is a thread
    with its own requests.Session (its own keep-alive connection); every registration is
    a new visitor (cookies cleared): GET the page, then POST the form."""

    def __init__(self, server: Server, event, *, prefix: str):
        self.server = server
        self.url = server.base + event.url
        self.occasion_ids = [str(o.pk) for o in event.sorted_occasions()]
        self.prefix = prefix
        self.lock = threading.Lock()
        self.numbers = itertools.count()
        self.get_ms: list[float] = []
        self.post_ms: list[float] = []
        self.errors: list[str] = []

    def _next(self, total: int) -> int | None:
        with self.lock:
            number = next(self.numbers)
        return number if number < total else None

    def _error(self, number: int, what: str, response) -> None:
        body = response.text if response is not None else ""
        match = re.search(r'class="error-summary".*?</ul>', body, re.S)
        detail = re.sub(r"<[^>]+>|\s+", " ", match.group(0)).strip() if match else body[:200]
        status = response.status_code if response is not None else "-"
        with self.lock:
            self.errors.append(f"#{number} {what}: {status} {detail}")

    def client(self, total: int, barrier: threading.Barrier) -> None:
        import requests

        session = requests.Session()
        session.trust_env = False
        origin = {"Origin": self.server.base, "Referer": self.url}
        barrier.wait()
        while (number := self._next(total)) is not None:
            session.cookies.clear()
            try:
                start = time.perf_counter()
                page = session.get(self.url, timeout=120)
                got = time.perf_counter()
                token = TOKEN.search(page.text)
                if page.status_code != 200 or not token:
                    self._error(number, "GET", page)
                    continue
                if not all(f'value="{pk}"' in page.text for pk in self.occasion_ids):
                    self._error(number, "GET without the occasions", page)
                    continue
                data = [
                    ("csrfmiddlewaretoken", token.group(1)),
                    ("name", f"Deltagare {number}"),
                    ("email", f"{self.prefix}{number:06d}@example.org"),
                    ("organisation", "Exempelkommun"),
                    ("organisation_type", "municipality"),
                    ("role", "Socialsekreterare"),
                    *(("occasions", pk) for pk in self.occasion_ids),
                    ("consent", "on"),
                ]
                posted = time.perf_counter()
                response = session.post(
                    self.url, data=data, headers=origin, allow_redirects=False, timeout=120
                )
                done = time.perf_counter()
            except requests.RequestException as error:
                with self.lock:
                    self.errors.append(f"#{number}: {error!r}")
                continue
            if response.status_code != 303 or not response.headers.get("Location", "").endswith(
                "/anmalan/tack/"
            ):
                self._error(number, "POST", response)
                continue
            with self.lock:
                self.get_ms.append((got - start) * 1000)
                self.post_ms.append((done - posted) * 1000)

    def run(self, total: int, clients: int) -> float:
        """Seconds from the moment all clients start until the last is done."""
        barrier = threading.Barrier(clients + 1)
        threads = [
            threading.Thread(target=self.client, args=(total, barrier), daemon=True)
            for _ in range(clients)
        ]
        for thread in threads:
            thread.start()
        barrier.wait()
        start = time.perf_counter()
        for thread in threads:
            thread.join()
        return time.perf_counter() - start


def registration_checks(event, *, total: int, capacity: int, tasks_before: int, errors: list):
    """(description, passed) of what the database must hold after `total` registrations."""
    from django.db.models import Max, Min
    from django_tasks_db.models import DBTaskResult

    from kvinnofrid.events.models import Registration

    registrations = Registration.objects.filter(event=event)
    confirmed = registrations.filter(status="confirmed")
    waiting = registrations.filter(status="waiting")
    rows = registrations.count()
    seats = min(capacity, total)
    n_confirmed, n_waiting = confirmed.count(), waiting.count()
    emails = registrations.values("email").distinct().count()
    links = Registration.occasions.through.objects.filter(registration__event=event).count()
    occasions = event.occasions.count()
    last_confirmed = confirmed.aggregate(id=Max("id"), at=Max("created_at"))
    first_waiting = waiting.aggregate(id=Min("id"), at=Min("created_at"))
    in_order = first_waiting["id"] is None or (
        last_confirmed["id"] < first_waiting["id"] and last_confirmed["at"] <= first_waiting["at"]
    )
    queued = DBTaskResult.objects.count() - tasks_before
    return [
        (f"no failed requests: {len(errors)} failed", not errors),
        (f"registrations: {rows} (expected {total})", rows == total),
        (f"confirmed: {n_confirmed} (expected capacity {seats})", n_confirmed == seats),
        (
            f"waiting list: {n_waiting} (expected {total} - {seats} = {total - seats})",
            n_waiting == total - seats,
        ),
        (f"no duplicates: {emails} distinct e-mail addresses in {rows} rows", emails == rows),
        (
            f"occasions: {links} links (expected {rows} x {occasions})",
            links == rows * occasions,
        ),
        ("order of arrival: every seat went before every waiting-list place", in_order),
        (f"e-mails queued as tasks: {queued} (expected {total})", queued == total),
    ]


def measure_registrations(results: dict, calendar: Calendar, server: Server, args) -> bool:
    from django_tasks_db.models import DBTaskResult

    # Every worker past its first registration (templates, e-mail, .ics) before timing.
    warm = registration_event(calendar, title="Inskjutning av anmälan", capacity=5)
    Registrants(server, warm, prefix="uppvarmning").run(4 * server.concurrency, args.clients)

    event = registration_event(
        calendar, title="Regional konferens om våld i nära relationer", capacity=args.capacity
    )
    registrants = Registrants(server, event, prefix="deltagare")
    tasks_before = DBTaskResult.objects.count()
    say(
        f"\nRegistrations over HTTP: {args.registrations} to {event.url} ({args.capacity} "
        f"seats, 2 occasions), {args.clients} clients, gunicorn {server.describe}; "
        f"load {load()}"
    )
    seconds = registrants.run(args.registrations, args.clients)
    done = len(registrants.post_ms)
    rate = args.registrations / seconds
    say(f"  {args.registrations} registrations in {seconds:.1f} s: {rate:.1f} registrations/s")
    say(f"  POST (register, 303):  {p50_p95(registrants.post_ms)}  ({done} ok)")
    say(f"  GET  (form page, 200): {p50_p95(registrants.get_ms)}")
    checks = registration_checks(
        event,
        total=args.registrations,
        capacity=args.capacity,
        tasks_before=tasks_before,
        errors=registrants.errors,
    )
    tracebacks = server.log_tail(10**7).count("Traceback")
    checks.append((f"server log: {tracebacks} tracebacks", tracebacks == 0))
    say("  Checks in the database:")
    for description, passed in checks:
        say(f"    {'PASS' if passed else 'FAIL'}  {description}")
    for error in registrants.errors[:10]:
        say(f"    error: {error[:300]}")
    if tracebacks:
        say(f"  gunicorn log (end):\n{server.log_tail()}")
    results["registrations"] = {
        "total": args.registrations,
        "seconds": seconds,
        "rate": rate,
        "post": registrants.post_ms,
        "get": registrants.get_ms,
        "passed": all(passed for _, passed in checks),
    }
    return results["registrations"]["passed"]


# --- Report -----------------------------------------------------------------------------


def report(results: dict, sizes: list[int], labels: list[str], args) -> None:
    say("\n" + "=" * 86)
    say(f"Summary ({'SQLite' if args.sqlite else 'PostgreSQL'}; load average now {load()})")
    say(
        f"{'calendar':<10}{'events':>7}{'hits':>6}{'queries':>8}"
        f"{'in-process p50':>16}{'p95':>7}{'HTTP p50':>10}{'p95':>7}  (ms)"
    )
    for label in labels:
        for n in sizes:
            cells = ""
            for mode in ("in-process", "http"):
                values = results["timings"].get((mode, n, label))
                cells += f"{percentile(values, 0.5):>{16 if mode == 'in-process' else 10}.1f}"
                cells += f"{percentile(values, 0.95):>7.1f}"
            hits, queries = results["hits"][(n, label)], results["queries"][(n, label)]
            say(f"{label:<10}{n:>7}{hits:>6}{queries:>8}{cells}")
    first, last = sizes[0], sizes[-1]
    changed = [
        f"{label} ({results['queries'][(first, label)]} -> {results['queries'][(last, label)]}"
        f" queries, {results['hits'][(first, label)]} -> {results['hits'][(last, label)]} hits)"
        for label in labels
        if results["queries"][(last, label)] != results["queries"][(first, label)]
    ]
    say(
        f"SQL queries per calendar page, {first} -> {last} events: "
        + ("DIFFER for " + "; ".join(changed) if changed else "the same for every variant")
    )
    registrations = results.get("registrations")
    if registrations:
        say(
            f"Registrations over HTTP, {args.clients} clients: {registrations['total']} in "
            f"{registrations['seconds']:.1f} s = {registrations['rate']:.1f}/s; "
            f"POST {p50_p95(registrations['post'])}; "
            f"checks {'PASS' if registrations['passed'] else 'FAIL'}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=2000, help="events at the large size")
    parser.add_argument("--first", type=int, default=100, help="events at the small size")
    parser.add_argument("--registrations", type=int, default=800)
    parser.add_argument("--capacity", type=int, default=200, help="seats of the event")
    parser.add_argument("--clients", type=int, default=8, help="concurrent HTTP clients")
    parser.add_argument("--repeats", type=int, default=50, help="timed requests per URL")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=2, help="gunicorn threads per worker")
    parser.add_argument("--server-settings", default="config.settings.dev")
    parser.add_argument(
        "--publish", action="store_true", help="a revision and publish() per event (slower)"
    )
    parser.add_argument("--no-http", action="store_true", help="time the calendar in-process only")
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument(
        "--sqlite", action="store_true", help="a temporary SQLite file instead of PostgreSQL"
    )
    args = parser.parse_args()
    if not 0 < args.first < args.events:
        parser.error("--first must be between 0 and --events")

    began = time.perf_counter()
    database = BenchDatabase(
        prefix="kvinnofrid_bench_events", script="bench/events.py", sqlite=args.sqlite
    )
    # SIGTERM ends the run like Ctrl-C does: through the clean-up below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    database.create()
    say(f"Created database {database.name}")
    server = None
    passed = True
    try:
        os.environ["DATABASE_URL"] = database.url
        import django

        django.setup()
        from django.core.management import call_command

        say(server_summary())
        if args.sqlite:
            say("NOTE: SQLite serialises writers; PostgreSQL is what these figures are for.")
        start = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        calendar = Calendar(seed=args.seed, publish=args.publish)
        path = calendar.calendar.url or "/kalender/"
        say(f"Migrated and built the site tree in {time.perf_counter() - start:.1f} s")

        results: dict = {"timings": {}, "queries": {}, "hits": {}}
        sizes = [args.first, args.events]
        urls = calendar_variants(path)
        with tempfile.TemporaryDirectory(prefix="kvinnofrid-bench-events-") as log_dir:
            server = Server(
                database_url=database.url,
                settings=args.server_settings,
                workers=args.workers,
                threads=args.threads,
                log_dir=log_dir,
            )
            server.wait_ready(path)
            for n in sizes:
                how = "add_child + publish" if args.publish else "add_child"
                say(f"\nCreating events up to {n} ({how}):")
                seconds = calendar.grow(n)
                say(f"Created up to {n} events in {seconds:.1f} s")
                measure_calendar(results, n, urls, args, None if args.no_http else server)
            passed = measure_registrations(results, calendar, server, args)
            server.stop()
            server = None
        report(results, sizes, list(urls), args)
    finally:
        if server is not None:
            server.stop()
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: BLE001 (Django may not be set up yet)
            pass
        say(f"{database.drop()}; total run time {time.perf_counter() - began:.1f} s")
    if not passed:
        sys.exit(1)


if __name__ == "__main__":
    main()
