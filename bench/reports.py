"""Benchmark: the status report (lägesrapport) exports at the scale of every county's
activity log over several years.

Creates its own throw-away PostgreSQL database on the server of DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/postgres) and fills it with bench/coordination.py's
generator (registry, networks, meetings, national issues and --per-county-year activities
per county and year, 21 x 5 x 2 000 = 210 000 by default, with COPY). On top of that, per
county: one adopted action plan with 3 goals, 10 measures (with the latest year's
follow-up where there is one) and 3 indicators with 5 yearly values; the survey to the
municipalities for the last two years, copied from the default template
(surveys.services.survey_from_template), with an invitation to each of the county's
municipalities and submitted answers from about 80 % of them; and report texts for
Stockholm's and the national report of the latest year.

Then, in the same run, each export is a child process `manage.py lagesrapport …` against
that database, timed by the wall clock, with its peak memory (ru_maxrss of that child
alone, through GNU time or a small launcher), --repeats times (min and median):
Stockholm's (01) PDF, DOCX and XLSX of the latest year, and the national PDF.
Django's start-up alone (the same command, stopped by an unknown format) is measured too.
Targets printed beside: county PDF <= 5 s, DOCX <= 3 s, national PDF <= 60 s, peak memory
<= 500 MB. The files are checked: the PDFs open with pypdf and have pages, the DOCX opens
with python-docx, the XLSX's key figure *Insatser* equals a direct COUNT of the county's
activities in the year. Then one in-process run per export is split into data / outline /
render, and an export over its target (or all with --profile all) is profiled with
cProfile in-process. The exit status is 1 if a check fails.

    .venv/bin/python bench/reports.py                                  # 210 000
    .venv/bin/python bench/reports.py --per-county-year 50 --years 2   # quick
    KVINNOFRID_BENCH_KEEP_DB=1 .venv/bin/python bench/reports.py       # then later:
    .venv/bin/python bench/reports.py --database kvinnofrid_bench_reports_<pid>
"""

import argparse
import cProfile
import datetime
import io
import os
import pstats
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import coordination  # noqa: E402  (bench/coordination.py: the activity log's generator)
from harness import BenchDatabase, load, say  # noqa: E402

COUNTY = coordination.COUNTY  # Stockholm, "01"
SECONDS_TARGET = {"county pdf": 5.0, "county docx": 3.0, "national pdf": 60.0}
MEMORY_TARGET_MB = 500.0

MEASURE_STATUS_WEIGHTS = {"not_started": 20, "ongoing": 45, "done": 30, "cancelled": 5}
SUBMITTED_SHARE = 0.80
PARTIAL_SHARE = 0.35  # of those that did not submit
GOAL_TITLES = [
    "Våld ska upptäckas tidigt i kommunernas verksamheter",
    "Våldsutsatta ska få ett samordnat och kunskapsbaserat stöd",
    "Det våldsförebyggande arbetet ska stärkas i hela länet",
]
MEASURE_TITLES = [
    "Införa rutiner för att fråga om våld i socialtjänsten",
    "Utbilda personal i hälso- och sjukvården om våld i nära relationer",
    "Ta fram en länsgemensam rutin för skyddat boende",
    "Stärka samverkan mellan socialtjänst, polis och kvinnojour",
    "Sprida metoden Våga fråga till skolans elevhälsa",
    "Genomföra en kartläggning av hedersrelaterat våld",
    "Införa MVP i länets skolor",
    "Erbjuda behandling för personer som utövar våld i alla kommuner",
    "Genomföra kampanjen 16 dagar mot våld varje år",
    "Utveckla stödet till barn som upplever våld",
    "Utbilda chefer och politiker om mäns våld mot kvinnor",
    "Ta fram en handbok för samverkan i länet",
]
INDICATORS = [
    ("Andel kommuner med rutin för att fråga om våld", "procent"),
    ("Antal personer som fått stöd av kvinnojourerna", "antal"),
    ("Andel kommuner som erbjuder våldsutövare behandling", "procent"),
]
TEXT = (
    "<p>Under året har länsstyrelsen fortsatt att stödja kommunerna i arbetet mot mäns våld "
    "mot kvinnor. Fokus har legat på {topic}.</p>"
    "<ul><li>Regionala nätverk har träffats regelbundet.</li>"
    "<li>Flera kommuner har antagit handlingsplaner.</li></ul>"
    "<p>Arbetet behöver fortsätta med <b>långsiktig finansiering</b> och uppföljning.</p>"
)


# --- Plans, surveys and report texts on top of the activity log -----------------------------


def add_plans(counties, years: list[int], rng: random.Random) -> dict:
    """Per county one adopted action plan over the years: 3 goals, 10 measures (3-3-4),
    a follow-up comment for the latest year on most measures, 3 indicators (one per goal)
    with a value for each of the 5 years up to the latest."""
    from kvinnofrid.plans.models import (
        ActionPlan,
        Indicator,
        IndicatorValue,
        Measure,
        MeasureFollowUp,
        PlanGoal,
    )

    latest = years[-1]
    plans = ActionPlan.objects.bulk_create(
        ActionPlan(
            county=county,
            title=f"Handlingsplan mot mäns våld mot kvinnor i {county.name} "
            f"{years[0]}–{latest + 1}",
            kind=ActionPlan.Kind.ACTION_PLAN,
            summary="Länets gemensamma plan för arbetet mot mäns våld mot kvinnor.",
            period_start=years[0],
            period_end=latest + 1,
            adopted_on=datetime.date(years[0], 3, 1),
            status=ActionPlan.Status.ADOPTED,
        )
        for county in counties
    )
    goals = PlanGoal.objects.bulk_create(
        PlanGoal(plan=plan, title=title, sort_order=position)
        for plan in plans
        for position, title in enumerate(GOAL_TITLES)
    )
    measures = []
    for index, goal in enumerate(goals):
        for _ in range(4 if index % 3 == 2 else 3):
            status = coordination.weighted(rng, MEASURE_STATUS_WEIGHTS)
            starts = datetime.date(rng.choice(years), rng.randint(1, 12), 1)
            ends = starts + datetime.timedelta(days=rng.randint(180, 900))
            progress = {"not_started": 0, "done": 100}.get(status, rng.randint(5, 95))
            measures.append(
                Measure(
                    goal=goal,
                    title=rng.choice(MEASURE_TITLES),
                    description="Åtgärden genomförs tillsammans med länets kommuner.",
                    starts_on=starts,
                    ends_on=ends,
                    status=status,
                    progress=progress,
                )
            )
    measures = Measure.objects.bulk_create(measures)
    follow_ups = MeasureFollowUp.objects.bulk_create(
        MeasureFollowUp(
            measure=measure,
            year=latest,
            sort_order=0,
            comment="Arbetet har fortsatt enligt plan; fler kommuner har anslutit.",
        )
        for measure in measures
        if rng.random() < 0.7
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(
            goal=goal,
            name=INDICATORS[index % 3][0],
            unit=INDICATORS[index % 3][1],
            baseline_value=40,
            baseline_year=latest - 4,
            target_value=90,
            target_year=latest + 1,
        )
        for index, goal in enumerate(goals)
    )
    values = []
    for indicator in indicators:
        value = rng.uniform(30, 60)
        for position, year in enumerate(range(latest - 4, latest + 1)):
            value += rng.uniform(-3, 8)
            values.append(
                IndicatorValue(
                    indicator=indicator,
                    year=year,
                    value=round(value, 2),
                    sort_order=position,
                    source_note="Kolada",
                )
            )
    IndicatorValue.objects.bulk_create(values)
    return {
        "action plans": len(plans),
        "plan goals": len(goals),
        "measures": len(measures),
        "measure follow-ups": len(follow_ups),
        "indicators": len(indicators),
        "indicator values": len(values),
    }


def _answer(question, rng: random.Random, year: int):
    """A plausible answer of the question's kind (the format answers_save stores)."""
    kind = question.kind
    if kind == "yes_no":
        return "ja" if rng.random() < 0.7 else "nej"
    if kind == "single":
        return rng.choice(question.option_list)
    if kind == "multiple":
        options = question.option_list
        return rng.sample(options, rng.randint(1, min(3, len(options))))
    if kind == "number":
        if question.key.endswith("_year"):
            return rng.randint(year - 8, year)
        if question.key.endswith("_fte"):
            return rng.choice([0.25, 0.5, 0.5, 1, 1, 2])
        return rng.randint(5, 400)
    if kind == "date":
        return datetime.date(rng.randint(year - 5, year), rng.randint(1, 12), 1).isoformat()
    if kind == "grid":
        return {row: rng.choice(question.option_list) for row in question.row_list}
    if kind == "short_text":
        return "Samtalsbehandling i egen regi och via kommunförbundet."
    return "Utbildning för nya medarbetare och fortsatta nätverksträffar."


def add_surveys(counties, years: list[int], rng: random.Random) -> dict:
    """The last two years' surveys, each copied from the default template (the second from
    the first, as a county does), invitations to every municipality of the county and
    answers from about 80 % of them (the rest partly started or not at all)."""
    from django.utils import timezone

    from kvinnofrid.coordination.models import Organisation
    from kvinnofrid.surveys.models import Answer, Invitation
    from kvinnofrid.surveys.services import survey_from_template

    municipalities = {county.pk: [] for county in counties}
    for organisation in Organisation.objects.filter(kind=Organisation.Kind.MUNICIPALITY).order_by(
        "name"
    ):
        if organisation.county_id in municipalities:
            municipalities[organisation.county_id].append(organisation)
    rows = {"surveys": 0, "invitations": 0, "submitted": 0, "answers": 0}
    for year in years[-2:]:
        sent = timezone.make_aware(datetime.datetime(year, 3, 1, 9))
        for county in counties:
            survey = survey_from_template(
                county=county, year=year, deadline=datetime.date(year, 4, 15), user=None
            )
            questions = list(survey.questions.order_by("sort_order"))
            invitations = []
            for organisation in municipalities[county.pk]:
                roll = rng.random()
                if roll < SUBMITTED_SHARE:
                    status = Invitation.Status.SUBMITTED
                elif roll < SUBMITTED_SHARE + (1 - SUBMITTED_SHARE) * PARTIAL_SHARE:
                    status = Invitation.Status.PARTIAL
                else:
                    status = Invitation.Status.NOT_STARTED
                answered = sent + datetime.timedelta(days=rng.randint(1, 40))
                invitations.append(
                    Invitation(
                        survey=survey,
                        organisation=organisation,
                        email=f"kvinnofrid@{organisation.pk}.example.org",
                        status=status,
                        sent_at=sent,
                        last_saved_at=None if status == "not_started" else answered,
                        submitted_at=answered if status == "submitted" else None,
                    )
                )
            invitations = Invitation.objects.bulk_create(invitations)
            answers = []
            for invitation in invitations:
                if invitation.status == Invitation.Status.NOT_STARTED:
                    continue
                given: dict = {}
                for question in questions:
                    if not question.condition_holds(given):
                        continue
                    if invitation.status == Invitation.Status.PARTIAL and rng.random() < 0.5:
                        continue
                    if not question.required and rng.random() < 0.15:
                        continue
                    given[question.key] = _answer(question, rng, year)
                    answers.append(
                        Answer(invitation=invitation, question=question, value=given[question.key])
                    )
            Answer.objects.bulk_create(answers, batch_size=2000)
            rows["surveys"] += 1
            rows["invitations"] += len(invitations)
            rows["submitted"] += sum(i.status == "submitted" for i in invitations)
            rows["answers"] += len(answers)
    return rows


def add_report_texts(year: int) -> int:
    """Written texts for Stockholm's and the national report of `year` (the command uses
    the newest version's), so the narrative is rendered too."""
    from kvinnofrid.regions.models import County
    from kvinnofrid.reports.models import TEXT_FIELDS, StatusReport

    topics = ["hedersrelaterat våld", "barn som upplever våld", "våldsutövare"]
    made = 0
    for county in (County.objects.get(code=COUNTY), None):
        texts = {name: TEXT.format(topic=topics[i % 3]) for i, name in enumerate(TEXT_FIELDS)}
        StatusReport.objects.create(county=county, year=year, **texts)
        made += 1
    return made


def prepare(args, years: list[int]) -> None:
    """The activity log through bench/coordination.py, then what the report adds."""
    registry = coordination.Registry(
        seed=args.seed, years=years, networks_per_county=args.networks_per_county
    )
    start = time.perf_counter()
    registry.build_registry()
    say(
        f"Registry in {time.perf_counter() - start:.1f} s: "
        + ", ".join(f"{registry.rows[k]} {k}" for k in list(registry.rows))
    )
    total = args.per_county_year * len(years) * len(registry.counties)
    say(f"Activity log: {args.per_county_year} per county and year ({total} activities; COPY)")
    seconds = registry.grow(args.per_county_year)
    logged = [k for k in registry.rows if k.startswith(("activit", "meeting"))]
    say(f"Generated in {seconds:.1f} s: " + ", ".join(f"{registry.rows[k]} {k}" for k in logged))
    add_report_parts(registry.counties, years, random.Random(args.seed + 1))


def add_report_parts(counties, years: list[int], rng: random.Random) -> None:
    start = time.perf_counter()
    plans = add_plans(counties, years, rng)
    surveys = add_surveys(counties, years, rng)
    texts = add_report_texts(years[-1])
    say(
        f"Plans, surveys and report texts in {time.perf_counter() - start:.1f} s: "
        + ", ".join(f"{n} {k}" for k, n in {**plans, **surveys}.items())
        + f", {texts} status reports with texts"
    )
    say(f"VACUUM ANALYZE in {coordination.analyze(vacuum=True):.1f} s")


# --- The exports, each a child process ------------------------------------------------------


@dataclass
class Export:
    key: str  # "county pdf", …
    arguments: list[str]
    fmt: str
    seconds: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)
    output: Path | None = None

    @property
    def national(self) -> bool:
        return "--national" in self.arguments


def exports_for(year: int) -> list[Export]:
    county = ["--county", COUNTY, "--year", str(year)]
    return [
        Export("county pdf", [*county, "--format", "pdf"], "pdf"),
        Export("county docx", [*county, "--format", "docx"], "docx"),
        Export("county xlsx", [*county, "--format", "xlsx"], "xlsx"),
        Export("national pdf", ["--national", "--year", str(year), "--format", "pdf"], "pdf"),
    ]


# Starts the command and reports its exit status and max RSS (KiB) to a file: a small
# process in between, because a child's ru_maxrss starts at the RSS of the process that
# forked it (Linux keeps the high-water mark across fork and exec), and this benchmark's
# own process holds the generated data. GNU time does the same where it is installed.
LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as report:
    report.write(f"{os.waitstatus_to_exitcode(status)} {usage.ru_maxrss}")
"""
GNU_TIME = "/usr/bin/time"


def run_child(arguments: list[str], *, env: dict) -> tuple[float, float, int, str]:
    """(wall seconds, peak RSS in MB, exit status, stderr) of `manage.py lagesrapport …`,
    its peak from its own rusage (wait4) in a small parent: GNU time, or LAUNCHER."""
    command = [sys.executable, str(REPO / "manage.py"), "lagesrapport", *arguments]
    with tempfile.TemporaryFile() as stderr, tempfile.NamedTemporaryFile("r") as report:
        if os.access(GNU_TIME, os.X_OK):
            wrapped = [GNU_TIME, "-f", "%x %M", "-o", report.name, *command]
        else:
            wrapped = [sys.executable, "-S", "-c", LAUNCHER, report.name, *command]
        start = time.perf_counter()
        subprocess.run(
            wrapped, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=stderr, check=False
        )
        seconds = time.perf_counter() - start
        # GNU time writes "Command exited with non-zero status N" first when it fails.
        code, max_rss_kib = report.read().split()[-2:]
        stderr.seek(0)
        errors = stderr.read().decode(errors="replace")
    return seconds, int(max_rss_kib) / 1024, int(code), errors


def measure_children(exports: list[Export], *, repeats: int, env: dict, out: Path, year: int):
    say(
        f"\nEach export a child process (manage.py lagesrapport, {env['DJANGO_SETTINGS_MODULE']}),"
        f" {repeats} times, one at a time; load {load()}"
    )
    # Django's start-up and the command's import alone: an unknown format stops it there.
    startup = []
    for _ in range(repeats):
        seconds, peak, code, _errors = run_child(
            ["--county", COUNTY, "--year", str(year), "--format", "none", "--output", os.devnull],
            env=env,
        )
        startup.append((seconds, peak))
    for export in exports:
        export.output = out / f"{export.key.replace(' ', '-')}.{export.fmt}"
        for _ in range(repeats):
            export.output.unlink(missing_ok=True)
            seconds, peak, code, errors = run_child(
                [*export.arguments, "--output", str(export.output)], env=env
            )
            if code != 0:
                raise RuntimeError(
                    f"lagesrapport {' '.join(export.arguments)}: exit {code}\n{errors}"
                )
            export.seconds.append(seconds)
            export.peak_mb.append(peak)
        say(
            f"  {export.key:<13} {' '.join(f'{s:6.2f} s' for s in export.seconds)}   "
            f"peak {' '.join(f'{m:5.0f} MB' for m in export.peak_mb)}   "
            f"{export.output.stat().st_size:>9,} bytes"
        )
    return startup


# --- Checks of the files ------------------------------------------------------------------


def check_files(exports: list[Export], checks, *, year: int) -> None:
    import docx
    import openpyxl
    from pypdf import PdfReader

    from kvinnofrid.regions.models import County

    say("\nChecks of the files (the last run's):")
    expected = coordination.expected_figures(COUNTY, year)["activities"]
    county_name = County.objects.get(code=COUNTY).name
    for export in exports:
        path = export.output
        try:
            if export.fmt == "pdf":
                reader = PdfReader(path)
                pages = len(reader.pages)
                text = " ".join(page.extract_text() or "" for page in reader.pages)
                found = county_name in " ".join(text.split())
                checks.check(
                    f"{export.key}: pypdf opens it, {pages} pages, "
                    f"'{county_name}' in its text: {found}",
                    pages > 0 and found,
                )
            elif export.fmt == "docx":
                document = docx.Document(path)
                headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
                checks.check(
                    f"{export.key}: python-docx opens it, {len(document.paragraphs)} paragraphs, "
                    f"{len(headings)} headings, {len(document.tables)} tables",
                    len(document.paragraphs) > 0 and len(headings) > 0,
                )
            else:
                workbook = openpyxl.load_workbook(path, read_only=True)
                sheet = workbook["Nyckeltal"]
                rows = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True)}
                header = list(rows.get("Nyckeltal", ()))
                shown = rows.get("Insatser", (None,))[0]
                checks.check(
                    f"{export.key}: openpyxl opens it ({len(workbook.sheetnames)} sheets); "
                    f"Nyckeltal 'Insatser' {header[:1]} = {shown}, direct COUNT of {COUNTY}'s "
                    f"activities in {year} = {expected}",
                    shown == expected and header[:1] == [str(year)],
                )
        except Exception as error:  # noqa: BLE001 (a broken file is a failed check)
            checks.check(f"{export.key}: {path} does not open: {error!r}", False)


# --- In-process: where the time goes ----------------------------------------------------------


def in_process_document(export: Export, year: int):
    from kvinnofrid.regions.models import County
    from kvinnofrid.reports.data import national_data, report_data
    from kvinnofrid.reports.models import StatusReport
    from kvinnofrid.reports.outline import county_document, national_document

    if export.national:
        data = national_data(year=year)
        report = StatusReport.objects.national().filter(year=year).order_by("-version").first()
        return data, lambda: national_document(data, report)
    county = County.objects.get(code=COUNTY)
    data = report_data(county=county, year=year)
    report = StatusReport.objects.filter(county=county, year=year).order_by("-version").first()
    return data, lambda: county_document(data, report)


def breakdown(exports: list[Export], year: int) -> dict:
    """One warm in-process run per export, split into data (SQL), outline and render."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kvinnofrid.reports.exports import render

    say("\nIn-process, one warm run each (after one untimed): data / outline / render")
    parts = {}
    for export in exports:
        for _ in range(2):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                _data, outline = in_process_document(export, year)
                data_s = time.perf_counter() - start
            start = time.perf_counter()
            document = outline()
            outline_s = time.perf_counter() - start
            start = time.perf_counter()
            render(document, export.fmt)
            render_s = time.perf_counter() - start
        sql_ms = sum(float(q["time"]) for q in captured.captured_queries) * 1000
        parts[export.key] = (data_s, outline_s, render_s)
        say(
            f"  {export.key:<13} data {data_s:6.2f} s ({len(captured.captured_queries)} queries, "
            f"{sql_ms:.0f} ms SQL)   outline {outline_s:5.2f} s   render {render_s:6.2f} s"
        )
    return parts


def profile(export: Export, year: int, *, lines: int) -> None:
    """cProfile of the command in-process (call_command), by cumulative and own time."""
    from django.core.management import call_command

    with tempfile.TemporaryDirectory() as directory:
        output = Path(directory) / f"out.{export.fmt}"
        profiler = cProfile.Profile()
        profiler.enable()
        call_command(
            "lagesrapport", *export.arguments, "--output", str(output), stdout=io.StringIO()
        )
        profiler.disable()
    for order in ("cumulative", "tottime"):
        stream = io.StringIO()
        stats = pstats.Stats(profiler, stream=stream)
        stats.sort_stats(order).print_stats(lines)
        say(f"\n--- cProfile: {export.key} ({' '.join(export.arguments)}), by {order} ---")
        text = stream.getvalue()
        text = text.replace(
            f"{sys.prefix}/lib/python{sys.version_info.major}."
            f"{sys.version_info.minor}/site-packages/",
            "",
        ).replace(f"{REPO}/", "")
        say(text[text.find("   ncalls") :].rstrip())


# --- Report -------------------------------------------------------------------------------


def summary(exports: list[Export], startup: list, title: str) -> list[Export]:
    say("\n" + "=" * 100)
    say(f"Summary: status report exports, PostgreSQL, {title}; load average now {load()}")
    say(
        f"{'export':<14}{'min s':>8}{'median s':>10}{'target':>9}{'peak MB min':>13}"
        f"{'median':>8}{'target':>9}  result"
    )
    startup_s = [s for s, _ in startup]
    startup_mb = [m for _, m in startup]
    say(
        f"{'(start-up)':<14}{min(startup_s):>8.2f}{statistics.median(startup_s):>10.2f}"
        f"{'':>9}{min(startup_mb):>13.0f}{statistics.median(startup_mb):>8.0f}{'':>9}"
        "  Django set-up and imports only"
    )
    missed = []
    for export in exports:
        target = SECONDS_TARGET.get(export.key)
        median_s = statistics.median(export.seconds)
        peak = max(export.peak_mb)
        ok = (target is None or median_s <= target) and peak <= MEMORY_TARGET_MB
        if not ok:
            missed.append(export)
        say(
            f"{export.key:<14}{min(export.seconds):>8.2f}{median_s:>10.2f}"
            f"{('<= ' + format(target, '.0f')) if target else '-':>9}"
            f"{min(export.peak_mb):>13.0f}{statistics.median(export.peak_mb):>8.0f}"
            f"{'<= ' + format(MEMORY_TARGET_MB, '.0f'):>9}  {'PASS' if ok else 'MISS'}"
        )
    say(
        "Times are the child's wall clock (start-up included); peak MB its max RSS "
        "(its own rusage, from wait4), the result compares the median time and the highest peak."
    )
    return missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-county-year", type=int, default=2000, help="activities")
    parser.add_argument("--years", type=int, default=5, help="years up to this one")
    parser.add_argument("--networks-per-county", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3, help="child runs per export")
    parser.add_argument("--settings", default="config.settings.test", help="of the children")
    parser.add_argument(
        "--profile",
        choices=("missed", "all", "none"),
        default="missed",
        help="cProfile in-process the exports over a target (or all)",
    )
    parser.add_argument("--profile-lines", type=int, default=30)
    parser.add_argument(
        "--database",
        help="measure this existing database (kept by KVINNOFRID_BENCH_KEEP_DB=1) instead of "
        "generating one; it is migrated first and never dropped (plans and surveys are added "
        "if it has none, e.g. a database kept by bench/coordination.py)",
    )
    parser.add_argument("--seed", type=int, default=20260101)
    args = parser.parse_args()
    if args.per_county_year < 1 or args.years < 1:
        parser.error("--per-county-year and --years must be at least 1")

    began = time.perf_counter()
    if args.database:
        database = coordination.ExistingDatabase(args.database)
    else:
        database = BenchDatabase(prefix="kvinnofrid_bench_reports", script="bench/reports.py")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    database.create()
    say(f"{'Using' if args.database else 'Created'} database {database.name}")
    checks = coordination.Checks()
    try:
        os.environ["DATABASE_URL"] = database.url
        import django

        django.setup()
        from django.core.management import call_command

        say(coordination.server_summary())
        start = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        say(f"Migrated in {time.perf_counter() - start:.1f} s")

        from kvinnofrid.coordination.models import Activity
        from kvinnofrid.plans.models import ActionPlan
        from kvinnofrid.regions.models import County

        if args.database:
            years = sorted(Activity.objects.years())
            if not years:
                sys.exit(f"{args.database} holds no activities")
            if not ActionPlan.objects.exists():
                add_report_parts(
                    list(County.objects.order_by("code")), years, random.Random(args.seed + 1)
                )
        else:
            this_year = datetime.date.today().year
            years = list(range(this_year - args.years + 1, this_year + 1))
            prepare(args, years)
        year = years[-1]
        activities = Activity.objects.count()
        title = f"{activities} activities, {len(years)} year(s) {years[0]}-{year}"
        preparation_seconds = time.perf_counter() - began

        env = dict(os.environ)
        env.update(
            DATABASE_URL=database.url,
            DJANGO_SETTINGS_MODULE=args.settings,
            PYTHONUNBUFFERED="1",
        )
        exports = exports_for(year)
        with tempfile.TemporaryDirectory(prefix="kvinnofrid-bench-reports-") as out:
            startup = measure_children(
                exports, repeats=args.repeats, env=env, out=Path(out), year=year
            )
            check_files(exports, checks, year=year)
        parts = breakdown(exports, year)
        missed = summary(exports, startup, title)
        say(f"Setting up and generating the data took {preparation_seconds:.0f} s of the run.")
        say(
            f"Checks: {sum(p for _, p in checks.results)} of {len(checks.results)} ok"
            + ("" if checks.passed else " -- SOME FAILED")
        )
        for export in missed:
            largest = max(zip(parts[export.key], ("data", "outline", "render"), strict=True))
            say(f"  {export.key} missed; in-process its largest part is {largest[1]}")
        chosen = exports if args.profile == "all" else missed if args.profile == "missed" else []
        for export in chosen:
            profile(export, year, lines=args.profile_lines)
    finally:
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: BLE001 (Django may not be set up yet)
            pass
        say(f"{database.drop()}; total run time {time.perf_counter() - began:.1f} s")
    if not checks.passed:
        sys.exit(1)


if __name__ == "__main__":
    main()
