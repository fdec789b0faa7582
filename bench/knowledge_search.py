"""Benchmark: knowledge-bank search with facets on PostgreSQL as the bank grows.

Creates its own throw-away PostgreSQL database on the server of DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/postgres), migrates it, fills it with generated
resources in Swedish (title, summary, topics, audiences and "file text" of varying length)
and measures, at each size:

* the library: a ResourceSearch evaluated as the page does (total, the five facet counts
  and the first page of 20 results), for a fixed set of queries by category;
* end to end: the same searches as GET /kunskapsbank/?q=… against gunicorn, and one
  resource page.

It prints p50/p95 per category, the ratio of p95 between the largest and the smallest
size, the targets with PASS/FAIL, and EXPLAIN ANALYZE of the SQL of the slowest search in
some categories (--explain). The database is dropped at the end, also after an error.

    .venv/bin/python bench/knowledge_search.py                    # 10 000, then 100 000
    .venv/bin/python bench/knowledge_search.py --sizes 1000,5000  # a quick run
"""

import argparse
import multiprocessing
import os
import random
import signal
import sys
import tempfile
import time
import urllib.parse
from collections import deque
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

from harness import BenchDatabase, Server, fetch, load, percentile, say  # noqa: E402

LIBRARY_TARGET_MS = 100.0
PAGE_TARGET_MS = 200.0
PAGE_SIZE = 20  # KnowledgeBankPage.results_per_page
INSERT_CONNECTIONS = 2
TABLES = (
    "knowledge_resource",
    "knowledge_resourcesearchentry",
    "knowledge_resource_topics",
    "knowledge_resource_audiences",
    "knowledge_resource_participating_counties",
    "knowledge_searchrow",
)


# --- Generated text ---------------------------------------------------------------------
#
# Words in order of frequency (Zipf-Mandelbrot weights by rank): function words first,
# then the general vocabulary of the field. Each document also draws one word in seven
# from the vocabulary of its topics, and a few rare words are put into documents with a
# fixed probability, so that a query can hit nearly everything, a topic's share, or a
# handful of documents.


def _vocabulary(text: str) -> list[str]:
    """Words of a text block, once each, in order."""
    return list(dict.fromkeys(text.split()))


FUNCTION_WORDS = _vocabulary("""
och att i det som en på är av för med till den har de inte om ett kan ska eller vid från
så men när även under mot efter sin sina sitt deras hur vilka där också genom mellan utan
bör finns andra alla detta dessa flera många samt vara blir få göra behöver kommer ofta
särskilt inom enligt hos vilket både varje olika något mer bland redan sedan samma egen
hela viktigt stort tydligt därför dock exempel bara mycket vad vi man hon han dem henne
sig denna dess kunna måste gäller innebär handlar visar ger tar används utifrån kring över
ur innan medan eftersom trots
""")

DOMAIN_WORDS = [
    *_vocabulary(
        """
    våld kvinnor barn stöd arbete socialtjänsten kommun länsstyrelsen skydd utsatta arbetet
    insatser kommunen kunskap samverkan verksamheter personal myndigheter våldet män flickor
    kvinnors yrkesverksamma utbildning handlingsplan samordnare socialtjänst regionen länet
    kommuner polisen ansvar rutiner metoder uppföljning kartläggning rapport frågor behov
    stödet insats våldsutsatta våldsutsatt utsatt utsatthet förebyggande förebygga upptäcka
    upptäckt bemötande trygghet säkerhet uppdrag regeringen nationella regionala lokala
    strategi strategin myndighet verksamheten organisationer civilsamhället ideella
    kvinnojourer tjejjourer jourer handläggare socialsekreterare chefer politiker ledning
    styrning samordning uppdraget resultat resultaten slutsatser rekommendationer förslag
    åtgärder åtgärd utveckling utvecklingsarbete implementering kvalitet dokumentation
    statistik enkät intervjuer studie studien forskning forskare kunskapsstöd metodstöd
    handbok vägledning material utbildningen utbildningar kompetens kompetensutveckling
    medarbetare anhöriga familj familjen föräldrar vårdnadshavare unga ungdomar pojkar
    personer relationer relation nära hot hotet trakasserier kränkningar brott brottsoffer
    anmälan anmälningar polisanmälan utredning utredningar åtal domstol lagstiftning lagen
    socialtjänstlagen föreskrifter allmänna råd ansvarsfördelning jämställdhet
    jämställdhetspolitiska målet mål målgrupp målgrupper vården
    tandvården skolan förskolan elevhälsan primärvården psykiatrin beroendevården missbruk
    psykisk ohälsa hälsa livssituation boende bostad ekonomi ekonomiskt fysiskt psykiskt
    sexuellt digitalt materiellt latent våldsutövaren förövare konsekvenser risk risker
    riskfaktorer skyddsfaktorer signaler tecken frågan ställa rutinmässigt screening
    samtal samtalet stödsamtal rådgivning information informationen broschyr webbplats
    telefon stödlinje akut akuta långsiktigt långsiktiga länsstyrelsernas länsstyrelserna
    uppdraget samarbete nätverk nätverket regionalt lokalt nationellt kartläggningen
    handlingsplanen årsrapport lägesbild behovsanalys analys bedömning bedömningar
    underlag planering genomförande utvärdering utvärderingen erfarenheter
    """
    ),
    "mäns våld mot kvinnor",
    "våld i nära relationer",
    "våldsutsatta kvinnor",
    "barn som upplever våld",
    "hedersrelaterat våld",
    "hälso- och sjukvården",
]

TOPIC_WORDS = {
    "fysiskt-psykiskt-sexuellt-vald": """sexuellt våld våldtäkt sexualbrott samtycke psykiskt
        misshandel kränkning övergrepp trauma traumamedvetet bemötande""",
    "vald-i-nara-relationer": """partnervåld närstående partner förövaren skyddsbedömning
        skyddsbedömningen riskbedömning säkerhetsplanering skyddat boende kvinnojouren
        kontrollerande separation eftervåld""",
    "hedersrelaterat-vald": """hedersrelaterat förtryck hedersnormer tvångsäktenskap
        tvångsäktenskapet tvångsäktenskapen tvångsäktenskapsfrågor barnäktenskap könsstympning
        kontroll oskuld släkten heder bortförande utlandsresa""",
    "prostitution-manniskohandel": """prostitution människohandel sexuella ändamål sexköp
        exploatering koppleri utnyttjande stödprogram människohandelsoffer""",
    "kommersialisering-exploatering": """pornografi reklam medier objektifiering
        kommersialisering sexualisering normer plattformar""",
    "barn-som-upplever-vald": """barnperspektivet barnets bästa barnsamtal orosanmälan
        barnkonventionen umgänge vårdnad barnets röst""",
    "vald-mot-aldre-kvinnor": """äldre kvinnor äldreomsorgen hemtjänsten beroendeställning
        demens omsorgspersonal""",
    "vald-mot-personer-med-funktionsnedsattning": """funktionsnedsättning intellektuell
        assistans LSS tillgänglighet kommunikationsstöd""",
    "personer-som-utovar-vald": """våldsutövare våldsutövande behandling förändringsarbete
        ansvarstagande återfall behandlingsprogram frivården""",
    "sexuella-trakasserier": """sexuella trakasserier arbetsplatsen diskriminering
        diskrimineringslagen särbehandling likabehandling""",
    "vald-som-arbetsgivarfraga": """arbetsgivare arbetsmiljö medarbetare personalpolicy
        företagshälsovården arbetsmiljöansvar""",
    "vald-mot-djur": """djur husdjur djurskydd länsveterinär djurskyddshandläggare djurplågeri""",
}

TOPIC_PHRASES = {
    "fysiskt-psykiskt-sexuellt-vald": ["sexuellt våld mot kvinnor", "psykiskt och fysiskt våld"],
    "vald-i-nara-relationer": ["våld i nära relationer", "partnervåld"],
    "hedersrelaterat-vald": ["hedersrelaterat våld och förtryck", "tvångsäktenskap"],
    "prostitution-manniskohandel": ["prostitution och människohandel", "sexköp"],
    "kommersialisering-exploatering": ["sexualisering i reklam och medier", "pornografi"],
    "barn-som-upplever-vald": ["barn som upplever våld", "barnets situation vid våld"],
    "vald-mot-aldre-kvinnor": ["våld mot äldre kvinnor"],
    "vald-mot-personer-med-funktionsnedsattning": ["våld mot personer med funktionsnedsättning"],
    "personer-som-utovar-vald": ["arbete med våldsutövare", "våldsutövande"],
    "sexuella-trakasserier": ["sexuella trakasserier"],
    "vald-som-arbetsgivarfraga": ["våld som arbetsgivarfråga"],
    "vald-mot-djur": ["våld mot djur och människor"],
}

AUDIENCE_PHRASES = {
    "valdsutsatta-kvinnor": "våldsutsatta kvinnor",
    "barn-och-unga-som-upplever-vald": "barn och unga",
    "socialtjanst": "socialtjänsten",
    "halso-och-sjukvard": "hälso- och sjukvården",
    "tandvard": "tandvården",
    "skola-och-forskola": "skola och förskola",
    "polis-och-rattsvasende": "polis och rättsväsende",
    "civilsamhalle": "kvinno- och tjejjourer",
    "politiker-och-chefer": "politiker och chefer",
    "yrkesforare": "yrkesförare",
    "arbetsgivare": "arbetsgivare",
    "unga": "unga",
    "allmanheten": "allmänheten",
}

# Share of documents each rare word is put into (in the file text, else the summary).
RARE_WORDS = {"kontaktförbud": 0.0005, "vittnesstöd": 0.001, "barnahus": 0.005, "stalkning": 0.02}

TITLES = [
    "{Topic} i {place}",
    "Kartläggning av {topic} i {place}",
    "Handbok för {audience} om {topic}",
    "Regional handlingsplan mot {topic} {year}–{later}",
    "Att upptäcka {topic}: metodstöd för {audience}",
    "Lägesbild {year}: {topic} i {place}",
    "Utbildning om {topic} för {audience}",
    "Rutin för arbetet mot {topic}",
    "Samverkan mot {topic} – erfarenheter från {place}",
    "Kunskapsstöd om {topic}",
    "Frågor och svar om {topic} för {audience}",
]
LEADS = [
    "Materialet beskriver {topic} och ger {audience} stöd i arbetet.",
    "Rapporten redovisar hur {place} arbetar mot {topic}.",
    "Här finns rutiner, mallar och exempel för {audience} om {topic}.",
    "En genomgång av kunskapsläget om {topic} med rekommendationer till {audience}.",
]
PUBLISHERS = [
    "Socialstyrelsen",
    "Jämställdhetsmyndigheten",
    "Nationellt centrum för kvinnofrid",
    "Brottsförebyggande rådet",
    "Sveriges Kommuner och Regioner",
    "Polismyndigheten",
    "Folkhälsomyndigheten",
    "Brottsoffermyndigheten",
    "Skolverket",
    "Unizon",
    "Roks",
    "Länsstyrelsen Östergötland, Nationella kompetensteamet",
]
KIND_WEIGHTS = {
    "report": 30,
    "mapping_study": 10,
    "handbook": 12,
    "strategy": 10,
    "template": 8,
    "method_support": 12,
    "film": 6,
    "web_course": 5,
    "link": 7,
}
FIRST_YEAR, LAST_YEAR = 1995, 2026


def _cumulative(weights):
    total, result = 0.0, []
    for weight in weights:
        total += weight
        result.append(total)
    return result


def _zipf(count: int, shift: float = 2.7, exponent: float = 1.0):
    return _cumulative(1.0 / (rank + shift) ** exponent for rank in range(1, count + 1))


class Corpus:
    """Reproducible resources; each batch continues the same random stream."""

    def __init__(self, *, seed: int, counties, topics, audiences):
        self.rng = random.Random(seed)
        self.counties = counties  # [(id, name)]
        self.topics = [(pk, TOPIC_PHRASES.get(slug, [name.lower()])) for pk, slug, name in topics]
        self.topic_words = {}
        for pk, slug, _name in topics:
            words = _vocabulary(TOPIC_WORDS.get(slug, "")) or ["våld"]
            self.topic_words[pk] = (words, _zipf(len(words), shift=1.0, exponent=0.8))
        self.audiences = [
            (pk, AUDIENCE_PHRASES.get(slug, name.lower())) for pk, slug, name in audiences
        ]
        self.words = FUNCTION_WORDS + DOMAIN_WORDS
        self.word_weights = _zipf(len(self.words))
        self.kinds = list(KIND_WEIGHTS)
        self.kind_weights = _cumulative(KIND_WEIGHTS.values())
        self.years = list(range(FIRST_YEAR, LAST_YEAR + 1))
        # More material from recent years.
        self.year_weights = _cumulative(1 + (y - FIRST_YEAR) for y in self.years)
        self.now = datetime.now(UTC)

    def _sentences(self, words: list[str]) -> str:
        rng, parts, sentences, at = self.rng, [], 0, 0
        while at < len(words):
            length = rng.randint(6, 18)
            chunk = " ".join(words[at : at + length])
            at += length
            parts.append(chunk[:1].upper() + chunk[1:] + ".")
            sentences += 1
            if sentences % 6 == 0:
                parts.append("\n\n")
        return " ".join(parts)

    def _words(self, count: int, topic_ids) -> list[str]:
        rng = self.rng
        words = rng.choices(self.words, cum_weights=self.word_weights, k=count)
        # One word in seven from the vocabulary of the document's topics.
        for offset, topic_id in enumerate(topic_ids):
            vocabulary, weights = self.topic_words[topic_id]
            slots = range(3 + offset, count, 7 * len(topic_ids))
            words[3 + offset :: 7 * len(topic_ids)] = rng.choices(
                vocabulary, cum_weights=weights, k=len(slots)
            )
        return words

    def resource(self) -> dict:
        rng = self.rng
        topic_count, audience_count = rng.randint(1, 3), rng.randint(1, 3)
        topics = rng.sample(self.topics, topic_count)
        audiences = rng.sample(self.audiences, audience_count)
        topic_ids = [pk for pk, _ in topics]
        county = rng.choice(self.counties) if rng.random() >= 0.2 else None
        # One county resource in twenty is joint material of two to four counties.
        participating = []
        if county and rng.random() < 0.05:
            others = [c[0] for c in self.counties if c != county]
            participating = rng.sample(others, rng.randint(1, 3))
        year = rng.choices(self.years, cum_weights=self.year_weights)[0]
        kind = rng.choices(self.kinds, cum_weights=self.kind_weights)[0]
        start = datetime(year, 1, 1, 8, tzinfo=UTC)
        published = min(start + timedelta(seconds=rng.randrange(365 * 86400)), self.now)
        topic = rng.choice(topics[0][1])
        names = {
            "topic": topic,
            "Topic": topic[:1].upper() + topic[1:],
            "audience": audiences[0][1],
            "place": county[1] if county else "Sverige",
            "year": year,
            "later": year + 3,
        }
        title = rng.choice(TITLES).format(**names)
        summary_words = self._words(rng.randint(15, 45), topic_ids)
        summary = rng.choice(LEADS).format(**names) + " " + self._sentences(summary_words)
        body_words = self._words(rng.randint(300, 3000), topic_ids) if rng.random() < 0.5 else []
        for word, share in RARE_WORDS.items():
            if rng.random() < share:
                if body_words:
                    body_words.insert(rng.randrange(len(body_words)), word)
                else:
                    summary += f" Materialet tar också upp {word}."
        if county and rng.random() < 0.6:
            publisher = f"Länsstyrelsen i {county[1]}"
        else:
            publisher = rng.choice(PUBLISHERS)
        return {
            "resource": {
                "title": title[:255],
                "summary": summary,
                "kind": kind,
                "publisher": publisher,
                "county_id": county[0] if county else None,
                "year": year,
                "language": "sv",
                "live": True,
                "has_unpublished_changes": False,
                "first_published_at": published,
                "last_published_at": published,
            },
            "topics": topic_ids,
            "audiences": [pk for pk, _ in audiences],
            "participating": participating,
            "body": self._sentences(body_words) if body_words else "",
        }

    def batch(self, count: int) -> list[dict]:
        return [self.resource() for _ in range(count)]


# The generator runs in a process of its own (spawned: it needs no Django and must not
# inherit a database connection), one batch after another, so the random stream and with
# it the data are the same whatever the timing.
_corpus: Corpus | None = None


def _corpus_start(kwargs: dict) -> None:
    global _corpus
    _corpus = Corpus(**kwargs)


def _corpus_batch(count: int) -> list[dict]:
    return _corpus.batch(count)


def corpus_process(**kwargs) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_corpus_start,
        initargs=(kwargs,),
    )


_names: dict | None = None


def _label_names() -> dict:
    global _names
    if _names is None:
        from kvinnofrid.regions.models import TargetGroup, ViolenceArea

        _names = {
            "topic": dict(ViolenceArea.objects.values_list("id", "name")),
            "audience": dict(TargetGroup.objects.values_list("id", "name")),
        }
    return _names


def insert(rows: list[dict]) -> int:
    """One batch in one transaction, on this thread's own connection."""
    from django.db import connection, transaction

    from kvinnofrid.knowledge.models import Resource, ResourceSearchEntry

    topic_link = Resource.topics.through
    audience_link = Resource.audiences.through
    county_link = Resource.participating_counties.through
    names = _label_names()
    try:
        with transaction.atomic():
            resources = Resource.objects.bulk_create([Resource(**row["resource"]) for row in rows])
            pairs = list(zip(resources, rows, strict=True))
            topic_link.objects.bulk_create(
                [
                    topic_link(resource_id=resource.pk, violencearea_id=pk)
                    for resource, row in pairs
                    for pk in row["topics"]
                ]
            )
            audience_link.objects.bulk_create(
                [
                    audience_link(resource_id=resource.pk, targetgroup_id=pk)
                    for resource, row in pairs
                    for pk in row["audiences"]
                ]
            )
            county_link.objects.bulk_create(
                [
                    county_link(resource_id=resource.pk, county_id=pk)
                    for resource, row in pairs
                    for pk in row["participating"]
                ]
            )
            # The generated tsvector columns are computed by PostgreSQL on insert; the
            # trigger reads the links written above into the search row.
            ResourceSearchEntry.objects.bulk_create(
                [
                    ResourceSearchEntry(
                        resource_id=resource.pk,
                        title=resource.title,
                        summary=resource.summary,
                        # as services.resource_labels writes them
                        labels="\n".join(
                            [names["topic"][pk] for pk in row["topics"]]
                            + [names["audience"][pk] for pk in row["audiences"]]
                        ),
                        body=row["body"],
                        kind=resource.kind,
                        year=resource.year,
                        county_id=resource.county_id,
                        published_at=resource.first_published_at,
                    )
                    for resource, row in pairs
                ],
                batch_size=1000,
            )
    finally:
        connection.close()
    return len(rows)


def grow(generator: ProcessPoolExecutor, total: int, batch_size: int) -> tuple[float, float]:
    """Insert resources up to `total`; returns (insert seconds, vacuum analyze seconds).

    Two connections insert at once (the swedish to_tsvector of the file text is most of the
    cost, and it runs in the database backend), while the generator process writes the
    next batches."""
    from django.db import connection

    from kvinnofrid.knowledge.models import Resource

    existing = Resource.objects.count()
    sizes = deque(min(batch_size, total - n) for n in range(existing, total, batch_size))
    start = time.perf_counter()
    done, reported = existing, existing
    step = max(batch_size, (total - existing) // 5)
    generating, inserting = deque(), deque()
    with ThreadPoolExecutor(max_workers=INSERT_CONNECTIONS) as inserters:
        while sizes or generating or inserting:
            while sizes and len(generating) < 2:
                generating.append(generator.submit(_corpus_batch, sizes.popleft()))
            if generating and len(inserting) < INSERT_CONNECTIONS + 1:
                inserting.append(inserters.submit(insert, generating.popleft().result()))
                continue
            done += inserting.popleft().result()
            if done - reported >= step or done == total:
                reported = done
                elapsed = time.perf_counter() - start
                say(f"  {done:>7} resources  {elapsed:6.1f} s  (load {load()})")
    inserted = time.perf_counter() - start
    # The steady state autovacuum gives a live site: GIN pending list merged, statistics
    # current, visibility map set.
    start = time.perf_counter()
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"VACUUM ANALYZE {table}")
    return inserted, time.perf_counter() - start


# --- Queries ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    category: str
    q: str = ""
    kinds: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()  # slugs
    audiences: tuple[str, ...] = ()  # slugs
    counties: tuple[str, ...] = ()  # slugs, or "nationell"
    years: tuple[int, ...] = ()
    order: str = ""

    @property
    def label(self) -> str:
        parts = [f'"{self.q}"' if self.q else "(alla)"]
        for name, values in (
            ("typ", self.kinds),
            ("amne", self.topics),
            ("malgrupp", self.audiences),
            ("lan", self.counties),
            ("ar", self.years),
        ):
            if values:
                parts.append(f"{name}={','.join(str(v) for v in values)}")
        if self.order:
            parts.append(f"ordning={self.order}")
        return " ".join(parts)

    def params(self) -> list[tuple[str, str]]:
        params = [("q", self.q)] if self.q else []
        params += [("typ", v) for v in self.kinds]
        params += [("amne", v) for v in self.topics]
        params += [("malgrupp", v) for v in self.audiences]
        params += [("lan", v) for v in self.counties]
        params += [("ar", str(v)) for v in self.years]
        params += [("ordning", self.order)] if self.order else []
        return params

    def search(self, ids: dict):
        from kvinnofrid.knowledge.search import NATIONAL, ResourceFilters, ResourceSearch

        filters = ResourceFilters(
            kinds=self.kinds,
            topic_ids=tuple(ids["topic"][s] for s in self.topics),
            audience_ids=tuple(ids["audience"][s] for s in self.audiences),
            county_ids=tuple(
                NATIONAL if s == "nationell" else ids["county"][s] for s in self.counties
            ),
            years=self.years,
        )
        return ResourceSearch(query=self.q, filters=filters, order=self.order)


QUERIES = [
    Query("common", q="våld"),
    Query("common", q="kvinnor"),
    Query("common+filter", q="våld", kinds=("report",)),
    Query("common+filter", q="kvinnor", topics=("vald-i-nara-relationer",)),
    Query("common+filter", q="våld", counties=("stockholm",), years=(2024,)),
    Query(
        "common+filter",
        q="våld",
        kinds=("report", "handbook"),
        topics=("hedersrelaterat-vald",),
        audiences=("socialtjanst",),
        counties=("vastra-gotaland", "nationell"),
        years=(2023, 2024),
    ),
    Query("common newest", q="våld", order="nyast"),
    Query("rare", q="kontaktförbud"),
    Query("rare", q="barnahus"),
    Query("rare+filter", q="barnahus", counties=("nationell",)),
    Query("two-word", q="hedersrelaterat våld"),
    Query("two-word", q="skyddsbedömning barn"),
    Query("two-word+filter", q="hedersrelaterat våld", kinds=("report",), years=(2022,)),
    Query("prefix", q="tvångsäktenskap"),
    # A definite form or a plural: the word OR its variants (kvinnofrid.knowledge.swedish).
    Query("forms", q="våldet"),
    Query("forms", q="handböcker"),
    Query("forms+filter", q="människohandeln", counties=("norrbotten",)),
    # A word of a topic's or an audience's name.
    Query("label", q="socialtjänst"),
    Query("label+filter", q="hedersrelaterat våld", counties=("vasterbotten",)),
    Query("prefix+filter", q="tvångsäktenskap", counties=("skane",)),
    Query("browse"),
    Query("browse+filter", kinds=("report",)),
    Query("browse+filter", topics=("prostitution-manniskohandel",), counties=("skane",)),
    Query("browse+filter", audiences=("socialtjanst",), years=(2025,)),
]
CATEGORIES = list(dict.fromkeys(q.category for q in QUERIES))


def evaluate(search) -> int:
    """What the knowledge-bank page asks of a search: total, facets, first page."""
    from kvinnofrid.knowledge.search import FACETS

    total = search.total
    for facet in FACETS:
        search.facet_counts(facet)
    list(search[0:PAGE_SIZE])
    return total


def rounds(runs: dict, *, warmup: int, repeats: int, budget: float, minimum: int = 5) -> dict:
    """Milliseconds per run: every run once per round, `warmup` untimed rounds first, then
    up to `repeats` rounds, fewer (but at least `minimum`) once `budget` seconds are spent.
    Round after round rather than one query after another, so that a passing burst of load
    on the machine spreads over all queries."""
    for _ in range(warmup):
        for run in runs.values():
            run()
    timings: dict = {key: [] for key in runs}
    began = time.perf_counter()
    for number in range(1, repeats + 1):
        for key, run in runs.items():
            start = time.perf_counter()
            run()
            timings[key].append((time.perf_counter() - start) * 1000)
        if number >= minimum and time.perf_counter() - began > budget:
            break
    return timings


def line(category: str, label: str, timings: list[float], extra: str = "") -> str:
    label = label if len(label) <= 58 else label[:57] + "…"
    return (
        f"  {category:<16}{label:<58}{extra:>12}"
        f"  p50 {percentile(timings, 0.5):8.1f}  p95 {percentile(timings, 0.95):8.1f} ms"
    )


@dataclass
class Results:
    """timings[(mode, n, query label)] -> ms; mode is "library" or "http"."""

    timings: dict = field(default_factory=dict)
    totals: dict = field(default_factory=dict)  # (n, label) -> hits

    def pooled(self, mode: str, n: int, category: str | None = None) -> list[float]:
        values = []
        for query in QUERIES:
            if category is None or query.category == category:
                values += self.timings.get((mode, n, query.label), [])
        return values


# --- Library level ----------------------------------------------------------------------


def vocabulary_ids() -> dict:
    from kvinnofrid.regions.models import County, TargetGroup, ViolenceArea

    return {
        "topic": dict(ViolenceArea.objects.values_list("slug", "id")),
        "audience": dict(TargetGroup.objects.values_list("slug", "id")),
        "county": dict(County.objects.values_list("slug", "id")),
    }


def measure_library(results: Results, n: int, ids: dict, args) -> None:
    say(f"Library searches at N={n} ({len(QUERIES)} queries; load {load()}):")
    for query in QUERIES:
        results.totals[(n, query.label)] = evaluate(query.search(ids))
    timings = rounds(
        {query.label: lambda query=query: evaluate(query.search(ids)) for query in QUERIES},
        warmup=args.warmup,
        repeats=args.repeats,
        budget=args.budget,
    )
    for query in QUERIES:
        results.timings[("library", n, query.label)] = timings[query.label]
        hits = f"{results.totals[(n, query.label)]} hits"
        say(line(query.category, query.label, timings[query.label], hits))


def explain(query: Query, ids: dict) -> None:
    """EXPLAIN ANALYZE of the search's own queries (facets and total, the ids of the first
    page), replayed in order in one transaction so that the search's SET LOCAL settings
    apply to them as they did."""
    from django.db import connection, transaction

    statements = []

    def capture(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        evaluate(query.search(ids))
    with transaction.atomic(), connection.cursor() as cursor:
        for sql, params in statements:
            if sql.startswith("SET "):
                cursor.execute(sql, params)
                continue
            if "knowledge_searchrow" not in sql and "FROM m" not in sql:
                continue  # the rows and their prefetches, by primary key
            name = "facet/total query" if "GROUPING" in sql else "ids query (first page)"
            say(f"\n--- EXPLAIN (ANALYZE, BUFFERS) {name} of {query.label} ---")
            say(f"SQL: {sql}")
            say(f"params: {list(params)}")
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            for (line,) in cursor.fetchall():
                say(line)


# --- End to end -------------------------------------------------------------------------


def measure_http(results: Results, n: int, args, server: Server, bank_path: str) -> None:
    from kvinnofrid.knowledge.models import Resource

    say(f"HTTP at N={n} (gunicorn, {args.workers} workers, {args.server_settings}; load {load()}):")
    urls = {}
    for query in QUERIES:
        url = server.base + bank_path + "?" + urllib.parse.urlencode(query.params())
        status, html = fetch(url)
        assert status == 200, (url, status)
        total = results.totals.get((n, query.label))
        if total is not None and f"{total} träff" not in html:
            say(f"  WARNING: the page for {query.label} does not show {total} hits")
        urls[query.label] = url
    resource = Resource.objects.filter(live=True).order_by("-id").first()
    page_url = f"{server.base}{bank_path}{resource.pk}/{resource.slug}/"
    status, _ = fetch(page_url)
    assert status == 200, (page_url, status)
    urls["resource page"] = page_url
    # Every worker past its first request (imports, templates) before anything is timed.
    for _ in range(4 * args.workers):
        fetch(urls[QUERIES[-1].label])
        fetch(page_url)
    timings = rounds(
        {label: lambda url=url: fetch(url) for label, url in urls.items()},
        warmup=args.warmup,
        repeats=args.repeats,
        budget=args.budget,
    )
    for query in QUERIES:
        results.timings[("http", n, query.label)] = timings[query.label]
        say(line(query.category, query.label, timings[query.label]))
    results.timings[("resource", n, "resource page")] = timings["resource page"]
    say(line("resource page", page_url.removeprefix(server.base), timings["resource page"]))


# --- Set-up -----------------------------------------------------------------------------


def server_summary() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
        settings = []
        for name in ("shared_buffers", "work_mem", "jit", "max_parallel_workers_per_gather"):
            cursor.execute(f"SHOW {name}")
            settings.append(f"{name}={cursor.fetchone()[0]}")
    return f"PostgreSQL {version} ({', '.join(settings)})"


def database_size() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_size_pretty(pg_database_size(current_database())), "
            "pg_size_pretty(pg_total_relation_size('knowledge_resourcesearchentry')), "
            "pg_size_pretty(pg_relation_size('knowledge_searchrow')), "
            "pg_size_pretty(pg_relation_size('knowledge_searchrow_document'))"
        )
        database, entries, rows, gin = cursor.fetchone()
    return (
        f"database {database}, search entries {entries}, search rows {rows} without TOAST "
        f"(GIN index {gin})"
    )


def knowledge_bank_path() -> str:
    from kvinnofrid.knowledge.models import KnowledgeBankPage
    from kvinnofrid.pages.models import HomePage

    bank = KnowledgeBankPage.objects.first()
    if bank is None:
        home = HomePage.objects.get()
        bank = home.add_child(instance=KnowledgeBankPage(title="Kunskapsbank", slug="kunskapsbank"))
        bank.save_revision().publish()
    return bank.url or "/kunskapsbank/"


# --- Report -----------------------------------------------------------------------------


def report(results: Results, sizes: list[int], args) -> None:
    first, last = sizes[0], sizes[-1]
    say("\n" + "=" * 78)
    say("Library: ResourceSearch -> total + 5 facet_counts + search[0:20], fresh per run")
    say(f"HTTP:    GET knowledge-bank page via gunicorn ({args.server_settings}), full request")
    say(f"Load average of the machine now: {load()} (other work on it inflates the figures)")
    say(f"{'mode':<9}{'N':>8}  {'category':<18}{'runs':>6}{'p50 ms':>10}{'p95 ms':>10}")
    for mode in ("library", "http"):
        for n in sizes:
            for category in [*CATEGORIES, None]:
                values = results.pooled(mode, n, category)
                if values:
                    say(
                        f"{mode:<9}{n:>8}  {category or 'ALL':<18}{len(values):>6}"
                        f"{percentile(values, 0.5):>10.1f}{percentile(values, 0.95):>10.1f}"
                    )
    for n in sizes:
        values = results.timings.get(("resource", n, "resource page"), [])
        if values:
            say(
                f"{'http':<9}{n:>8}  {'resource page':<18}{len(values):>6}"
                f"{percentile(values, 0.5):>10.1f}{percentile(values, 0.95):>10.1f}"
            )

    if last != first:
        say(f"\nRatio of p95, N={last} / N={first}")
        say(f"{'category':<18}{'library':>10}{'http':>10}")
        for category in [*CATEGORIES, None]:
            ratios = []
            for mode in ("library", "http"):
                small, large = (
                    results.pooled(mode, first, category),
                    results.pooled(mode, last, category),
                )
                if small and large:
                    ratio = percentile(large, 0.95) / percentile(small, 0.95)
                    ratios.append(f"{ratio:>9.1f}x")
                else:
                    ratios.append(f"{'-':>10}")
            say(f"{category or 'ALL':<18}{''.join(ratios)}")

    say(f"\nTargets (at the largest N measured, {last}; the targets are set for N=100 000)")

    def verdict(ms: float, target: float) -> str:
        return "PASS" if ms <= target else "FAIL"

    def worst(mode: str) -> tuple[str, float]:
        return max(
            ((c, percentile(results.pooled(mode, last, c), 0.95)) for c in CATEGORIES),
            key=lambda pair: pair[1],
        )

    overall = percentile(results.pooled("library", last, None), 0.95)
    category, ms = worst("library")
    say(
        f"  p95 ≤ {LIBRARY_TARGET_MS:.0f} ms for a query with facets at N={last}: "
        f"all queries {overall:.1f} ms {verdict(overall, LIBRARY_TARGET_MS)}; "
        f"worst category {category} {ms:.1f} ms {verdict(ms, LIBRARY_TARGET_MS)}"
    )
    if results.pooled("http", last, None):
        overall = percentile(results.pooled("http", last, None), 0.95)
        category, ms = worst("http")
        say(
            f"  knowledge-bank page p95 ≤ {PAGE_TARGET_MS:.0f} ms end to end at N={last}: "
            f"all queries {overall:.1f} ms {verdict(overall, PAGE_TARGET_MS)}; "
            f"worst category {category} {ms:.1f} ms {verdict(ms, PAGE_TARGET_MS)}"
        )
        page = results.timings.get(("resource", last, "resource page"), [])
        if page:
            ms = percentile(page, 0.95)
            say(
                f"  resource page p95 ≤ {PAGE_TARGET_MS:.0f} ms at N={last}: "
                f"{ms:.1f} ms {verdict(ms, PAGE_TARGET_MS)}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000", help="resource counts, growing")
    parser.add_argument("--repeats", type=int, default=20, help="timed runs per query")
    parser.add_argument("--warmup", type=int, default=1, help="untimed rounds of all queries")
    parser.add_argument(
        "--budget",
        type=float,
        default=60.0,
        help="seconds of timed rounds per size and mode; then fewer repeats (at least 5)",
    )
    parser.add_argument("--batch", type=int, default=5000, help="resources per insert")
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--server-settings", default="config.settings.dev")
    parser.add_argument("--no-http", action="store_true", help="library level only")
    parser.add_argument(
        "--explain",
        default="common,common+filter,browse",
        help="categories whose slowest search to EXPLAIN ANALYZE at the largest N ('' for none)",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.replace("_", "").split(",")]
    if sizes != sorted(sizes) or len(set(sizes)) != len(sizes):
        parser.error("--sizes must grow: the same database is filled further for each")

    began = time.perf_counter()
    database = BenchDatabase(prefix="kvinnofrid_bench", script="bench/knowledge_search.py")
    bench_url = database.url
    # SIGTERM ends the run like Ctrl-C does: through the clean-up below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    database.create()
    say(f"Created database {database.name}")
    server = generator = None
    try:
        os.environ["DATABASE_URL"] = bench_url
        import django

        django.setup()
        from django.core.management import call_command

        from kvinnofrid.regions.models import County, TargetGroup, ViolenceArea

        say(server_summary())
        start = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        bank_path = knowledge_bank_path()
        say(f"Migrated and built the site tree in {time.perf_counter() - start:.1f} s")

        ids = vocabulary_ids()
        generator = corpus_process(
            seed=args.seed,
            counties=list(County.objects.order_by("code").values_list("id", "name")),
            topics=list(ViolenceArea.objects.order_by("slug").values_list("id", "slug", "name")),
            audiences=list(TargetGroup.objects.order_by("slug").values_list("id", "slug", "name")),
        )
        results = Results()
        generation = 0.0
        with tempfile.TemporaryDirectory(prefix="kvinnofrid-bench-") as log_dir:
            for n in sizes:
                say(f"\nGenerating resources up to N={n}:")
                inserted, vacuumed = grow(generator, n, args.batch)
                generation += inserted + vacuumed
                say(
                    f"Generated up to N={n}: insert {inserted:.1f} s, VACUUM ANALYZE "
                    f"{vacuumed:.1f} s; {database_size()}"
                )
                measure_library(results, n, ids, args)
                if not args.no_http:
                    server = Server(
                        database_url=bench_url,
                        settings=args.server_settings,
                        workers=args.workers,
                        log_dir=log_dir,
                    )
                    server.wait_ready(bank_path)
                    measure_http(results, n, args, server, bank_path)
                    server.stop()
                    server = None
            generator.shutdown()
            generator = None
            report(results, sizes, args)
            # EXPLAIN ANALYZE the slowest search of each chosen category at the largest N.
            for category in filter(None, args.explain.split(",")):
                candidates = [q for q in QUERIES if q.category == category]
                if not candidates:
                    say(f"\nNo query in category {category!r} to explain")
                    continue
                explain(
                    max(
                        candidates,
                        key=lambda q: percentile(
                            results.timings[("library", sizes[-1], q.label)], 0.95
                        ),
                    ),
                    ids,
                )
        say(f"\nGeneration (insert + VACUUM ANALYZE) in total: {generation:.1f} s")
    finally:
        if server is not None:
            server.stop()
        if generator is not None:
            generator.shutdown(cancel_futures=True)
        try:
            from django.db import connections

            connections.close_all()
        except Exception:  # noqa: BLE001 (Django may not be set up yet)
            pass
        say(f"{database.drop()}; total run time {time.perf_counter() - began:.1f} s")


if __name__ == "__main__":
    main()
