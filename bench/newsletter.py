"""Benchmark: sending a newsletter issue through the task worker against a bare smtplib loop,
to the same local SMTP sink, and the worker's memory as the number of subscribers grows.

Creates its own throw-away PostgreSQL database on the server of DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/postgres), migrates it (which builds the site tree:
home page and county pages) and loads the reference data. One SMTP sink runs for the
whole run: `python -m aiosmtpd -n -l 127.0.0.1:PORT -c newsletter.CountingSink FILE`, a
handler that accepts and discards every message like aiosmtpd.handlers.Sink and only
counts them (and their bytes) into FILE, so that every message is seen to arrive.

For each size N in --subscribers (5 000 and 20 000 by default), in the same run:

* a county newsletter list with N active subscribers (INSERT … SELECT generate_series,
  then ANALYZE) and a live issue with realistic content (four sections, eleven items with
  rich text and links; no images);
* bare loop: the N messages exactly as the worker builds them (`mailing.build_message`
  with each subscriber's own preference and one-click unsubscribe links, from the issue
  rendered once) are built --render-chunk at a time outside the timing, and one
  `smtplib.SMTP` connection `sendmail`s them; only the sendmail calls are timed (the
  practical limit of Python and the sink on this machine). Built in chunks so that this
  process does not hold N messages at once;
* platform: a fresh `manage.py db_worker --queue-name * --no-reload` process (settings
  config.settings.test with KVINNOFRID_TEST_SMTP_PORT, which points the delivery backend,
  raw SMTP, at the sink; NEWSLETTER_SEND_RATE_PER_MINUTE=0, NEWSLETTER_BATCH_SIZE=
  --batch-size) first sends a small warm-up issue (--warmup subscribers of their own
  list), then the clock runs from `sending.send_start` (whose INSERT … SELECT of the
  deliveries is also timed on its own) until the send is DONE. Checked: N deliveries all
  *sent*, N more messages counted by the sink. The worker's peak RSS (VmHWM of
  /proc/<pid>/status, read before it is stopped) against its RSS after the warm-up shows
  whether memory grows with N; each size gets its own worker, so the peaks compare.

Printed: N, bare-loop msgs/s, platform msgs/s, the ratio against the target of 0.5
(issue 6), the worker's peak RSS, and the machine's load and cores (the worker,
PostgreSQL and the sink share them; the bare loop needs only itself and the sink). When the
ratio misses the target (or with --profile) `send_batch` is profiled in-process with
cProfile on a send of --profile-subscribers, and the top functions are printed. The
database is dropped at the end, also after an error (KVINNOFRID_BENCH_KEEP_DB=1 keeps it).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/newsletter.py
    .venv/bin/python bench/newsletter.py --subscribers 500,2000      # quick
"""

import argparse
import asyncio
import os
import shutil
import signal
import smtplib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

from harness import BenchDatabase, free_port, load, say  # noqa: E402

TARGET_RATIO = 0.5
WORKER_SETTINGS = "config.settings.test"
COUNTIES = ["01", "03", "04", "05", "06", "07", "08"]  # a list per size, each in its own county


# --- The SMTP sink (runs in its own process, imported by aiosmtpd's -c) -----------------


class CountingSink:
    """aiosmtpd.handlers.Sink that counts: accepts and discards every message, and writes
    "<messages> <bytes>" to a file at most every 0.1 s (never per message)."""

    def __init__(self, path: str):
        self.path = path
        self.messages = 0
        self.bytes = 0
        self.scheduled = False
        self.flush()

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("CountingSink takes the file to write its counts to")
        return cls(args[0])

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages += 1
        self.bytes += len(envelope.original_content or b"")
        if not self.scheduled:
            self.scheduled = True
            asyncio.get_running_loop().call_later(0.1, self.flush)
        return "250 OK"

    def flush(self) -> None:
        self.scheduled = False
        temporary = f"{self.path}.tmp"
        with open(temporary, "w") as counts:
            counts.write(f"{self.messages} {self.bytes}")
        os.replace(temporary, self.path)


class Sink:
    def __init__(self, directory: str):
        self.port = free_port()
        self.counts = Path(directory) / "sink-counts"
        self.log = open(Path(directory) / "sink.log", "w")  # noqa: SIM115 (closed in stop)
        command = [
            *(sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{self.port}"),
            *("-c", "newsletter.CountingSink", str(self.counts)),
        ]
        self.describe = " ".join(["python", *command[1:-1], "FILE"])
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent)}
        self.process = subprocess.Popen(
            command,
            cwd=Path(__file__).resolve().parent,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the SMTP sink exited: {self.log_text()}")
            try:
                with smtplib.SMTP("127.0.0.1", self.port, timeout=2) as probe:
                    probe.noop()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the SMTP sink did not start")

    def log_text(self) -> str:
        self.log.flush()
        return (self.counts.parent / "sink.log").read_text()[-2000:]

    def read(self) -> tuple[int, int]:
        try:
            messages, size = self.counts.read_text().split()
        except (FileNotFoundError, ValueError):
            return 0, 0
        return int(messages), int(size)

    def wait_for(self, messages: int, timeout: float = 10) -> tuple[int, int]:
        deadline = time.monotonic() + timeout
        while True:
            counted = self.read()
            if counted[0] >= messages or time.monotonic() > deadline:
                time.sleep(0.25)  # one more flush: nothing arrives beyond the expected
                return self.read()
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


# --- Data -------------------------------------------------------------------------------


def server_summary() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
        settings = []
        for name in ("shared_buffers", "synchronous_commit", "fsync"):
            cursor.execute(f"SHOW {name}")
            settings.append(f"{name}={cursor.fetchone()[0]}")
    return f"PostgreSQL {version} ({', '.join(settings)})"


def paragraph(text: str, url: str, label: str) -> str:
    return f'<p>{text} Läs mer <a href="{url}">{label}</a>.</p>'


ITEM_TEXT = (
    "Länsstyrelsen har tillsammans med kommunerna i länet tagit fram stöd för "
    "socialtjänsten, hälso- och sjukvården och polisen i arbetet mot mäns våld mot "
    "kvinnor, våld i nära relationer och hedersrelaterat våld och förtryck."
)


def issue_sections() -> list:
    """Four sections with eleven items: about the size of a real monthly issue."""

    def item(number: int, heading: str) -> dict:
        return {
            "heading": heading,
            "text": paragraph(ITEM_TEXT, f"https://example.org/stod/{number}", "på webbplatsen")
            + "<ul><li>för socialtjänsten</li><li>för hälso- och sjukvården</li>"
            "<li>för skolan</li></ul>",
            "image": None,
            "image_alt": "",
            "links": [
                {"label": "Läs materialet", "url": f"https://example.org/material/{number}"},
                {"label": "Ladda ner som PDF", "url": f"https://example.org/pdf/{number}.pdf"},
            ],
        }

    headings = {
        "material": [
            "Ny vägledning om skyddade personuppgifter",
            "Metodstöd för samtal",
            "Checklista för riskbedömning",
        ],
        "reports": [
            "Kartläggning av våld i nära relationer",
            "Uppföljning av länets strategi",
            "Rapport om ekonomiskt våld",
        ],
        "laws": ["Ändringar i socialtjänstlagen", "Nytt uppdrag till Jämställdhetsmyndigheten"],
        "free": [
            "Nätverksträff för kommunsamordnare",
            "Ny samordnare på länsstyrelsen",
            "Tips från länets kommuner",
        ],
    }
    sections = []
    number = 0
    for kind, items in headings.items():
        entries = []
        for heading in items:
            number += 1
            entries.append(item(number, heading))
        sections.append(
            (
                "section",
                {
                    "kind": kind,
                    "heading": "Från länet" if kind == "free" else "",
                    "intro": "Nytt stöd för er som möter våldsutsatta och våldsutövare.",
                    "items": entries,
                },
            )
        )
    return sections


def list_create(county_code: str, title: str):
    from kvinnofrid.newsletter.models import NewsletterListPage
    from kvinnofrid.pages.models import CountyPage

    parent = CountyPage.objects.get(county__code=county_code)
    newsletter = parent.add_child(
        instance=NewsletterListPage(
            title=title, slug=title.lower().replace(" ", "-"), intro="Nyheter från länet."
        )
    )
    newsletter.save_revision().publish()
    return NewsletterListPage.objects.get(pk=newsletter.pk)


def issue_create(newsletter, title: str):
    from kvinnofrid.newsletter.models import NewsletterIssuePage

    issue = newsletter.add_child(
        instance=NewsletterIssuePage(
            title=title,
            slug=title.lower().replace(" ", "-"),
            preheader="Ny vägledning, en kartläggning och nya lagar",
            intro="Hej! Här kommer månadens nyheter om arbetet mot mäns våld mot kvinnor.",
            sections=issue_sections(),
            live=True,
        )
    )
    issue.save_revision().publish()
    return NewsletterIssuePage.objects.get(pk=issue.pk)


def subscribers_create(newsletter, count: int, tag: str) -> float:
    """`count` active subscribers of `newsletter` in two statements; returns seconds."""
    from django.db import connection

    from kvinnofrid.newsletter.models import Subscriber, Subscription

    start = time.perf_counter()
    domains = "ARRAY['kommun.se', 'region.se', 'polisen.se', 'example.org']"
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {Subscriber._meta.db_table}
                (email, name, organisation_type, key, created_at, consecutive_failures)
            SELECT 'mottagare.' || %s || '.' || g || '@' || ({domains})[1 + g %% 4],
                   '', '', gen_random_uuid(), now(), 0
            FROM generate_series(1, %s) AS g
            """,  # noqa: S608 (table names from the models)
            [tag, count],
        )
        cursor.execute(
            f"""
            INSERT INTO {Subscription._meta.db_table}
                (subscriber_id, newsletter_id, status, source, basis, created_at, confirmed_at)
            SELECT id, %s, %s, %s, 'Benchmark', now(), now()
            FROM {Subscriber._meta.db_table} WHERE email LIKE %s
            """,  # noqa: S608
            [
                newsletter.pk,
                Subscription.Status.ACTIVE,
                Subscription.Source.IMPORT,
                f"mottagare.{tag}.%",
            ],
        )
        cursor.execute("ANALYZE")
    return time.perf_counter() - start


# --- Bare loop --------------------------------------------------------------------------


def bare_loop(sink: Sink, *, issue, newsletter, count: int, chunk: int) -> dict:
    """Seconds spent in sendmail for the N messages of this list over one connection; the
    messages are built `chunk` at a time, outside the timing."""
    from kvinnofrid.newsletter import mailing, rendering, sending
    from kvinnofrid.newsletter.models import NewsletterSend, Subscriber

    rendered = rendering.issue_email(issue)
    # The worker's per-send helper, on an unsaved send: the same links and List-Id.
    links = sending._Links(
        NewsletterSend(subject=rendered.subject, html=rendered.html, text=rendered.text)
    )
    from_email = mailing.sender_address(newsletter.from_name())
    envelope_from = mailing.envelope_sender()
    rows = (
        Subscriber.objects.filter(subscriptions__newsletter=newsletter)
        .order_by("pk")
        .values_list("pk", "email", "key")
        .iterator(chunk_size=chunk)
    )
    counted_before = sink.read()[0]
    seconds = 0.0
    build_seconds = 0.0
    sent = 0
    size = 0
    smtp = smtplib.SMTP("127.0.0.1", sink.port, timeout=30)
    try:
        batch: list[tuple[str, bytes]] = []

        def flush() -> None:
            nonlocal seconds, sent
            start = time.perf_counter()
            for to, message in batch:
                smtp.sendmail(envelope_from, [to], message)
            seconds += time.perf_counter() - start
            sent += len(batch)
            batch.clear()

        for pk, email, key in rows:
            start = time.perf_counter()
            message = mailing.build_message(
                rendered=links.rendered,
                from_email=from_email,
                to=email,
                preferences_url=links.preferences(key),
                unsubscribe_url=links.unsubscribe(key, newsletter.pk),
                message_id=f"<bench.{pk}@{links.domain}>",
                list_id=links.list_id(newsletter.pk),
            )
            build_seconds += time.perf_counter() - start
            size += len(message)
            batch.append((email, message))
            if len(batch) >= chunk:
                flush()
        if batch:
            flush()
    finally:
        smtp.quit()
    counted = sink.wait_for(counted_before + count)[0] - counted_before
    return {
        "sent": sent,
        "seconds": seconds,
        "rate": sent / seconds if seconds else 0.0,
        "build_seconds": build_seconds,
        "message_bytes": size / sent if sent else 0,
        "counted": counted,
    }


# --- Platform ---------------------------------------------------------------------------


def proc_status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of a process, in kB."""
    values = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return values


class Worker:
    """`manage.py db_worker` against the benchmark's database, delivering to the sink."""

    def __init__(self, *, env: dict, interval: float, log_dir: str, label: str):
        self.log_path = Path(log_dir) / f"worker-{label}.log"
        self.log = open(self.log_path, "w")  # noqa: SIM115 (closed in stop)
        command = [
            *(sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--no-reload"),
            *("--interval", str(interval)),
        ]
        self.process = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )

    def status(self) -> dict[str, int]:
        return proc_status(self.process.pid)

    def alive(self) -> bool:
        return self.process.poll() is None

    def log_tail(self, chars: int = 3000) -> str:
        self.log.flush()
        return self.log_path.read_text()[-chars:]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def wait_done(send, worker: Worker, *, timeout: float, report_every: float = 10.0) -> float:
    """Polls the send's status every 0.1 s until DONE; returns the time it was seen done."""
    from kvinnofrid.newsletter import sending
    from kvinnofrid.newsletter.models import NewsletterSend

    deadline = time.monotonic() + timeout
    reported = time.monotonic()
    while True:
        status = NewsletterSend.objects.filter(pk=send.pk).values_list("status", flat=True)[0]
        if status == NewsletterSend.Status.DONE:
            return time.perf_counter()
        if not worker.alive():
            raise RuntimeError(f"the worker exited:\n{worker.log_tail()}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"send {send.pk} not done in {timeout} s:\n{worker.log_tail()}")
        if time.monotonic() - reported > report_every:
            reported = time.monotonic()
            counts = sending.progress(send)
            say(
                f"    … {counts.sent}/{counts.total} sent, worker RSS "
                f"{worker.status().get('VmRSS', 0) / 1024:.0f} MB, load {load()}"
            )
        time.sleep(0.1)


class StatementTimer:
    """A connection.execute_wrapper that keeps the duration of statements matching a prefix."""

    def __init__(self, prefix: str):
        self.prefix = prefix
        self.seconds: list[float] = []

    def __call__(self, execute, sql, params, many, context):
        if not sql.lstrip().startswith(self.prefix):
            return execute(sql, params, many, context)
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds.append(time.perf_counter() - start)


def platform_send(
    sink: Sink, *, issue, newsletter, count: int, user, worker: Worker, timeout: float
) -> dict:
    from django.db import connection

    from kvinnofrid.newsletter import sending
    from kvinnofrid.newsletter.models import Delivery

    counted_before = sink.read()[0]
    insert = StatementTimer(f"INSERT INTO {Delivery._meta.db_table}")
    start = time.perf_counter()
    with connection.execute_wrapper(insert):
        send = sending.send_start(issue=issue, user=user, lists=[newsletter])
    started = time.perf_counter()
    done = wait_done(send, worker, timeout=timeout)
    seconds = done - start
    counts = sending.progress(send)
    counted = sink.wait_for(counted_before + count)[0] - counted_before
    return {
        "send": send,
        "seconds": seconds,
        "rate": count / seconds,
        "start_seconds": started - start,
        "insert_seconds": sum(insert.seconds),
        "progress": counts,
        "counted": counted,
    }


# --- Profile ----------------------------------------------------------------------------


def in_process_send(*, user, count: int, tag: str):
    from kvinnofrid.newsletter import sending

    newsletter = list_create(COUNTIES[-1], f"Profilering {tag}")
    subscribers_create(newsletter, count, f"profil{tag}")
    issue = issue_create(newsletter, f"Nummer profil {tag}")
    return sending.send_start(issue=issue, user=user, lists=[newsletter])


def split_send_batch(*, user, count: int, batch_size: int) -> None:
    """Where send_batch's time goes without a profiler: its steps wrapped with a clock,
    in this process, to the same sink, until the send is done."""
    from django.conf import settings

    from kvinnofrid.newsletter import mailing, sending
    from kvinnofrid.newsletter.models import NewsletterSend

    settings.NEWSLETTER_SEND_RATE_PER_MINUTE = 0
    settings.NEWSLETTER_BATCH_SIZE = batch_size
    send = in_process_send(user=user, count=count, tag="split")
    spent: dict[str, float] = {}
    calls: dict[str, int] = {}

    def clocked(label, function):
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.perf_counter() - start
                calls[label] = calls.get(label, 0) + 1

        return wrapper

    patches = [
        (mailing, "build_message", "mailing.build_message (MIME, headers, QP)"),
        (mailing.SMTPTransport, "send", "SMTPTransport.send (sendmail to the sink)"),
        (sending, "_mark", "sending._mark (UPDATE … sent, autocommit)"),
        (sending, "_due_chunk", "sending._due_chunk (SELECT of 200)"),
        (sending, "_blocked_among", "sending._blocked_among (HMAC + SELECT)"),
        (sending, "_failures_reset", "sending._failures_reset (UPDATE per chunk)"),
        (sending, "_lease_renew", "sending._lease_renew"),
    ]
    originals = [(owner, name, getattr(owner, name)) for owner, name, _ in patches]
    for owner, name, label in patches:
        setattr(owner, name, clocked(label, getattr(owner, name)))
    try:
        start = time.perf_counter()
        while NewsletterSend.objects.get(pk=send.pk).status != NewsletterSend.Status.DONE:
            sending.send_batch(send_id=send.pk)
        total = time.perf_counter() - start
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)
    sent = sending.progress(send).sent
    say(
        f"\nWhere the time goes: send_batch in-process with its steps clocked (no profiler), "
        f"{sent}/{count} sent in {total:.1f} s = {sent / total:.0f} msgs/s; load {load()}"
    )
    for label, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        say(
            f"  {label:<48}{seconds:>7.2f} s {100 * seconds / total:>5.1f} %  "
            f"{1000 * seconds / calls[label]:>7.2f} ms x {calls[label]}"
        )
    rest = total - sum(spent.values())
    say(
        f"  {'the rest (ORM, _Links tokens, status reads, …)':<48}{rest:>7.2f} s "
        f"{100 * rest / total:>5.1f} %"
    )


def profile_send_batch(sink: Sink, *, user, count: int, batch_size: int) -> None:
    """send_batch in this process under cProfile, to the same sink, until the send is done."""
    import cProfile
    import io
    import pstats

    from django.conf import settings

    from kvinnofrid.newsletter import sending
    from kvinnofrid.newsletter.models import NewsletterSend

    send = in_process_send(user=user, count=count, tag="cprofile")
    settings.NEWSLETTER_SEND_RATE_PER_MINUTE = 0
    settings.NEWSLETTER_BATCH_SIZE = batch_size
    assert settings.KVINNOFRID_DELIVERY_EMAIL_BACKEND.endswith("smtp.EmailBackend")
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    while NewsletterSend.objects.get(pk=send.pk).status != NewsletterSend.Status.DONE:
        sending.send_batch(send_id=send.pk)
    profiler.disable()
    seconds = time.perf_counter() - start
    sent = sending.progress(send).sent
    say(
        f"\nProfile: send_batch in-process (cProfile, which slows Python code down), "
        f"{sent}/{count} sent in {seconds:.1f} s = {sent / seconds:.0f} msgs/s; load {load()}"
    )
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order)
        stats.print_stats(25)
        lines = out.getvalue().splitlines()
        first = next(i for i, line in enumerate(lines) if "ncalls" in line)
        say(f"  top 25 by {order}:")
        for line in lines[first:]:
            if line.strip():
                say(f"  {line}")


# --- Main -------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--subscribers", default="5000,20000", help="sizes, comma-separated (default 5000,20000)"
    )
    parser.add_argument("--batch-size", type=int, default=1000, help="NEWSLETTER_BATCH_SIZE")
    parser.add_argument("--interval", type=float, default=1.0, help="db_worker --interval")
    parser.add_argument("--warmup", type=int, default=200, help="subscribers of the warm-up send")
    parser.add_argument("--render-chunk", type=int, default=1000, help="bare loop: built at once")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds per platform send")
    parser.add_argument("--profile", action="store_true", help="profile even if on target")
    parser.add_argument("--profile-subscribers", type=int, default=1000)
    args = parser.parse_args()
    sizes = [int(size) for size in args.subscribers.split(",") if size.strip()]
    if not sizes or len(sizes) > len(COUNTIES) - 2 or min(sizes) <= 0:
        parser.error(f"--subscribers: 1 to {len(COUNTIES) - 2} positive sizes")

    began = time.perf_counter()
    database = BenchDatabase(prefix="kvinnofrid_bench_newsletter", script="bench/newsletter.py")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    database.create()
    say(f"Created database {database.name}")
    sink = None
    worker = None
    passed = True
    log_dir = tempfile.mkdtemp(prefix="kvinnofrid-bench-newsletter-")
    try:
        sink = Sink(log_dir)
        # The same settings in this process (send_start, the bare loop's messages, the
        # profile) as in the worker.
        os.environ.update(
            DATABASE_URL=database.url,
            DJANGO_SETTINGS_MODULE=WORKER_SETTINGS,
            KVINNOFRID_TEST_SMTP_PORT=str(sink.port),
            NEWSLETTER_SEND_RATE_PER_MINUTE="0",
            NEWSLETTER_BATCH_SIZE=str(args.batch_size),
        )
        import django

        django.setup()
        from django.conf import settings
        from django.contrib.auth import get_user_model
        from django.core.management import call_command

        say(server_summary())
        say(f"SMTP sink: {sink.describe} (counts, discards)")
        say(
            f"Worker: manage.py db_worker --queue-name * --no-reload --interval {args.interval}, "
            f"{WORKER_SETTINGS} with KVINNOFRID_TEST_SMTP_PORT={sink.port} (delivery backend "
            f"{settings.KVINNOFRID_DELIVERY_EMAIL_BACKEND} -> raw SMTP to 127.0.0.1:"
            f"{settings.EMAIL_PORT}), NEWSLETTER_SEND_RATE_PER_MINUTE="
            f"{settings.NEWSLETTER_SEND_RATE_PER_MINUTE}, NEWSLETTER_BATCH_SIZE="
            f"{settings.NEWSLETTER_BATCH_SIZE}, sending.CHUNK_SIZE={_chunk_size()}"
        )
        say(f"Machine: {os.cpu_count()} CPUs, load {load()}")
        start = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        out = _call_quiet("load_reference_data")
        seconds = time.perf_counter() - start
        say(f"Migrated, site tree and reference data in {seconds:.1f} s ({out})")
        user = get_user_model().objects.create_superuser(
            username="utskick", email="utskick@example.org", password="ett-langt-losenord"
        )

        worker_env = {
            **os.environ,
            "PYTHONUNBUFFERED": "1",
        }
        rows = []
        for index, count in enumerate(sizes):
            say(f"\n--- {count} subscribers (load {load()}) ---")
            newsletter = list_create(COUNTIES[index], f"Nyhetsbrev {count}")
            seconds = subscribers_create(newsletter, count, f"n{count}")
            issue = issue_create(newsletter, f"Nummer {count}")
            warm_list = list_create(COUNTIES[index], f"Uppvarmning {count}")
            subscribers_create(warm_list, args.warmup, f"w{count}")
            warm_issue = issue_create(warm_list, f"Uppvarmning nummer {count}")
            say(f"  {count} subscribers created in {seconds:.1f} s; list {newsletter.url}")

            bare = bare_loop(
                sink, issue=issue, newsletter=newsletter, count=count, chunk=args.render_chunk
            )
            say(
                f"  bare loop: {bare['sent']} sendmail in {bare['seconds']:.1f} s = "
                f"{bare['rate']:.0f} msgs/s (built outside the timing in "
                f"{bare['build_seconds']:.1f} s, {bare['message_bytes'] / 1024:.1f} KiB each); "
                f"sink counted {bare['counted']}; load {load()}"
            )

            worker = Worker(
                env=worker_env, interval=args.interval, log_dir=log_dir, label=str(count)
            )
            warm = platform_send(
                sink,
                issue=warm_issue,
                newsletter=warm_list,
                count=args.warmup,
                user=user,
                worker=worker,
                timeout=args.timeout,
            )
            after_warmup = worker.status()
            say(
                f"  worker warmed up: {args.warmup} sent in {warm['seconds']:.1f} s (start-up "
                f"included); RSS {after_warmup.get('VmRSS', 0) / 1024:.0f} MB, peak so far "
                f"{after_warmup.get('VmHWM', 0) / 1024:.0f} MB"
            )
            platform = platform_send(
                sink,
                issue=issue,
                newsletter=newsletter,
                count=count,
                user=user,
                worker=worker,
                timeout=args.timeout,
            )
            memory = worker.status()
            tracebacks = worker.log_tail(10**7).count("Traceback")
            worker.stop()
            worker = None
            counts = platform["progress"]
            ratio = platform["rate"] / bare["rate"] if bare["rate"] else 0.0
            say(
                f"  platform: {count} in {platform['seconds']:.1f} s = {platform['rate']:.0f} "
                f"msgs/s (send_start {platform['start_seconds'] * 1000:.0f} ms, of which the "
                f"INSERT … SELECT {platform['insert_seconds'] * 1000:.0f} ms); load {load()}"
            )
            checks = [
                (f"deliveries: {counts.total} (expected {count})", counts.total == count),
                (f"sent: {counts.sent} (expected {count})", counts.sent == count),
                (
                    f"failed {counts.failed}, skipped {counts.skipped}, pending {counts.pending}",
                    counts.failed == counts.skipped == counts.pending == 0,
                ),
                (
                    f"sink counted {platform['counted']} for the platform (expected {count})",
                    platform["counted"] == count,
                ),
                (
                    f"sink counted {bare['counted']} for the bare loop (expected {count})",
                    bare["counted"] == count == bare["sent"],
                ),
                (f"worker log: {tracebacks} tracebacks", tracebacks == 0),
            ]
            for description, ok in checks:
                say(f"    {'PASS' if ok else 'FAIL'}  {description}")
            passed = passed and all(ok for _, ok in checks)
            say(
                f"  worker memory: RSS after warm-up {after_warmup.get('VmRSS', 0) / 1024:.0f} "
                f"MB, peak (VmHWM) {memory.get('VmHWM', 0) / 1024:.0f} MB, RSS at the end "
                f"{memory.get('VmRSS', 0) / 1024:.0f} MB"
            )
            rows.append(
                {
                    "count": count,
                    "bare": bare,
                    "platform": platform,
                    "ratio": ratio,
                    "warm_rss": after_warmup.get("VmRSS", 0) / 1024,
                    "peak": memory.get("VmHWM", 0) / 1024,
                }
            )

        say("\n" + "=" * 96)
        say(
            f"Summary: PostgreSQL, {os.cpu_count()} CPUs, load average now {load()}; batch "
            f"size {args.batch_size}, rate unlimited; target platform/bare >= {TARGET_RATIO}"
        )
        say(
            f"{'subscribers':>11}{'bare msgs/s':>13}{'platform msgs/s':>17}{'ratio':>8}"
            f"{'':>3}{'INSERT…SELECT':>15}{'worker RSS warm':>17}{'peak':>8}"
        )
        for row in rows:
            mark = "✔" if row["ratio"] >= TARGET_RATIO else "✘"
            say(
                f"{row['count']:>11}{row['bare']['rate']:>13.0f}{row['platform']['rate']:>17.0f}"
                f"{row['ratio']:>8.2f} {mark} {row['platform']['insert_seconds'] * 1000:>12.0f} ms"
                f"{row['warm_rss']:>14.0f} MB{row['peak']:>5.0f} MB"
            )
        if len(rows) > 1:
            first, last = rows[0], rows[-1]
            growth = last["peak"] - first["peak"]
            say(
                f"Worker peak RSS {first['count']} -> {last['count']} subscribers: "
                f"{first['peak']:.0f} -> {last['peak']:.0f} MB ({growth:+.0f} MB for "
                f"{last['count'] / first['count']:.0f}x the subscribers)"
            )
        missed = any(row["ratio"] < TARGET_RATIO for row in rows)
        if missed or args.profile:
            split_send_batch(user=user, count=args.profile_subscribers, batch_size=args.batch_size)
            profile_send_batch(
                sink, user=user, count=args.profile_subscribers, batch_size=args.batch_size
            )
        say(f"Checks: {'PASS' if passed else 'FAIL'}")
    finally:
        if worker is not None:
            worker.stop()
        if sink is not None:
            sink.stop()
        shutil.rmtree(log_dir, ignore_errors=True)
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: BLE001 (Django may not be set up yet)
            pass
        say(f"{database.drop()}; total run time {time.perf_counter() - began:.1f} s")
    if not passed:
        sys.exit(1)


def _chunk_size() -> int:
    from kvinnofrid.newsletter import sending

    return sending.CHUNK_SIZE


def _call_quiet(command: str) -> str:
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command(command, stdout=out)
    return out.getvalue().strip()


if __name__ == "__main__":
    main()
