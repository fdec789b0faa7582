"""Full-text search with facets over published resources.

Why SQL of our own rather than Wagtail's search backend: the knowledge bank needs Swedish
stemming with title matches ranked first, facet counts for five fields (two of them
many-to-many) in one round trip, and on SQLite a tokenizer that keeps å, ä and ö apart
from a and o ("får" is not "far"). Wagtail's database backend folds diacritics on SQLite
and counts facets one field at a time; the PostgreSQL text search and SQLite FTS5 features
used here are small and stable. The SQL stays in this module.

On PostgreSQL each query word is stemmed with the `swedish` snowball configuration and
matched as a prefix of the indexed lexemes, so "tvångsäktenskap" also finds
"tvångsäktenskapet" and the compound "tvångsäktenskapsfrågor" (the snowball stemmer leaves
the definite "-et" alone). On SQLite, with no stemmer in the engine, the same snowball
stem is computed in Python and matched as a prefix.

A query word also matches the forms of it that stemming does not reach (definite forms
such as "våldet", plurals such as "handböcker"): `kvinnofrid.knowledge.swedish` gives
them, and each word is matched as "the word OR its variants" on both databases.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property

import snowballstemmer
from django.core.cache import cache
from django.db import connection, transaction

from .models import Resource, ResourceSearchEntry
from .swedish import variants

MAX_TERMS = 12
# Prefix matching of very short stems would match half the dictionary ("far*").
MIN_PREFIX_LENGTH = 4
WORD = re.compile(r"-?[^\W_]+")

RELEVANCE, NEWEST = "relevans", "nyast"
# Above this many matches a PostgreSQL search pages through an index instead of ranking
# every match (see ResourceSearch._ids_dense).
DENSE = 2000
ORDERS = (RELEVANCE, NEWEST)
FACETS = ("type", "topic", "audience", "county", "year")
NATIONAL = 0  # the county facet's value for national resources (no county)

_stemmer = snowballstemmer.stemmer("swedish")


@dataclass(frozen=True)
class Term:
    word: str
    negated: bool = False

    @property
    def forms(self) -> tuple[str, ...]:
        """The word and the forms it stands for (kvinnofrid.knowledge.swedish)."""
        return (self.word, *variants(self.word))


def parse_query(query: str) -> list[Term]:
    """Words of the query, lower-cased; a leading minus excludes a word. Anything else
    (quotes, operators, punctuation) is read as a word separator, so no input can make
    the full-text syntax of either database fail."""
    terms = []
    for match in WORD.finditer(query.lower()):
        token = match.group()
        negated = token.startswith("-")
        word = token.lstrip("-")
        if word and Term(word, negated) not in terms:
            terms.append(Term(word, negated))
    terms = terms[:MAX_TERMS]
    # A query of exclusions alone has nothing to rank; ignore it.
    return terms if any(not t.negated for t in terms) else []


@dataclass(frozen=True)
class ResourceFilters:
    kinds: tuple[str, ...] = ()
    topic_ids: tuple[int, ...] = ()
    audience_ids: tuple[int, ...] = ()
    # NATIONAL (0) among the ids selects national resources.
    county_ids: tuple[int, ...] = ()
    years: tuple[int, ...] = ()

    def active(self) -> bool:
        return any((self.kinds, self.topic_ids, self.audience_ids, self.county_ids, self.years))


class _Engine:
    """What differs between PostgreSQL and SQLite: how to match and rank."""

    def __init__(self, terms: list[Term]):
        self.terms = terms

    def source(self, first: tuple[str, list] = ("1 = 1", [])) -> tuple[str, list]:
        """`FROM … WHERE …` of the matches, with the condition `first` written before the
        match. On PostgreSQL that decides what a row is tested for first when the planner
        reads rows through another index (the year, or the newest-first walk): testing the
        match first decompresses the row's large document vector, the filters first only
        for the rows that pass them (PostgreSQL keeps the written order of conditions of
        equal cost). Measured at 100 000 resources: 33 ms against 15 ms for a common word
        with five filters."""
        table, match, params = self._parts()
        return f"{table} WHERE ({first[0]}) AND {match}", [*first[1], *params]

    def _parts(self) -> tuple[str, str, list]:
        """(the table `e` and what it joins, the match condition, its params)"""
        raise NotImplementedError

    def rank(self) -> tuple[str, str, list]:
        """(title_hit expression, rank expression, params) for ordering by relevance."""
        raise NotImplementedError


# PostgreSQL: the narrow copy of each entry that searches read (migration 0003).
SEARCH_ROW = "knowledge_searchrow"


def _tables() -> dict[str, str]:
    entry = ResourceSearchEntry._meta.db_table
    return {
        # What a search reads as `e`: the narrow row on PostgreSQL, the entry on SQLite.
        "entry": SEARCH_ROW if connection.vendor == "postgresql" else entry,
        "full_entry": entry,
        "topics": Resource.topics.through._meta.db_table,
        "audiences": Resource.audiences.through._meta.db_table,
        "participating": Resource.participating_counties.through._meta.db_table,
    }


class _Postgres(_Engine):
    def tsquery(self) -> str:
        parts = []
        for term in self.terms:
            # Only letters and digits reach here, so quoting cannot be broken out of.
            lexemes = [
                f"'{form}'" + (":*" if len(form) >= MIN_PREFIX_LENGTH else "")
                for form in term.forms
            ]
            lexeme = lexemes[0] if len(lexemes) == 1 else "(" + " | ".join(lexemes) + ")"
            parts.append(("!" if term.negated else "") + lexeme)
        return " & ".join(parts)

    # The tsquery is written out in each place rather than joined in once: only a constant
    # expression lets the planner use the GIN index. Ranking reads the small title and
    # summary vectors; ranking by the file text would read (and decompress) the large
    # vector of every match, which for a common word is most of the table.
    def _parts(self):
        return (
            f"{_tables()['entry']} e",
            "e.document @@ to_tsquery('swedish', %s)",
            [self.tsquery()],
        )

    def rank(self):
        query = self.tsquery()
        # The summary's vector stays in the entry: only ranked rows (at most DENSE) read it.
        return (
            "(e.title_vector @@ to_tsquery('swedish', %s))",
            f"(SELECT ts_rank(w.head_vector, to_tsquery('swedish', %s)) "
            f"FROM {_tables()['full_entry']} w WHERE w.resource_id = e.resource_id)",
            [query, query],
        )


class _Sqlite(_Engine):
    FTS = "knowledge_resource_fts"

    def expression(self) -> str:
        positive, negative = [], []
        for term in self.terms:
            if term.negated:
                phrases = [f'"{form}"' for form in term.forms]
            else:
                phrases = [
                    f'"{_stemmer.stemWord(form)}"*'
                    if len(form) >= MIN_PREFIX_LENGTH
                    else f'"{form}"'
                    for form in term.forms
                ]
            phrases = list(dict.fromkeys(phrases))
            phrase = phrases[0] if len(phrases) == 1 else "(" + " OR ".join(phrases) + ")"
            (negative if term.negated else positive).append(phrase)
        expression = " AND ".join(positive)
        for word in negative:
            expression = f"({expression}) NOT {word}"
        return expression

    def _parts(self):
        return (
            f"{_tables()['entry']} e JOIN {self.FTS} ON {self.FTS}.rowid = e.resource_id",
            f"{self.FTS} MATCH %s",
            [self.expression()],
        )

    def rank(self):
        # bm25 is smaller for better matches; title weighs most, then the summary and the
        # topic and audience names, then the files (columns: title, summary, body, labels).
        title_hit = f"e.resource_id IN (SELECT rowid FROM {self.FTS} WHERE {self.FTS} MATCH %s)"
        return (
            title_hit,
            f"-bm25({self.FTS}, 10.0, 4.0, 1.0, 4.0)",
            [f"title : ({self.expression()})"],
        )


class _Everything(_Engine):
    def _parts(self):
        return f"{_tables()['entry']} e", "1 = 1", []

    def rank(self):
        return "0", "0", []


def _engine(terms: list[Term]) -> _Engine:
    if not terms:
        return _Everything(terms)
    return _Postgres(terms) if connection.vendor == "postgresql" else _Sqlite(terms)


# What the matched set `m` carries: the entry's copies of the filter fields (on SQLite
# also the responsible county, see _count).
COLUMNS = "e.resource_id AS id, e.kind, e.year"


def _placeholders(values) -> str:
    return ", ".join(["%s"] * len(values))


def _facet_clauses(filters: ResourceFilters, *, alias: str) -> dict[str, tuple[str, list]]:
    """Each active filter's condition over the matched set `m` or the entry `e`, by facet."""
    t = _tables()
    row_id = "id" if alias == "m" else "resource_id"
    clauses = {}
    if filters.kinds:
        clauses["type"] = (f"{alias}.kind IN ({_placeholders(filters.kinds)})", list(filters.kinds))
    if filters.years:
        clauses["year"] = (f"{alias}.year IN ({_placeholders(filters.years)})", list(filters.years))
    if filters.county_ids:
        # A resource belongs to its responsible county and its participating ones; national
        # material belongs to none.
        ids = [i for i in filters.county_ids if i != NATIONAL]
        parts, params = [], []
        if connection.vendor == "postgresql":
            if ids:
                parts.append(f"{alias}.county_ids && ARRAY[{_placeholders(ids)}]::integer[]")
                params += ids
            if NATIONAL in filters.county_ids:
                parts.append(f"{alias}.county_ids = '{{}}'")
        else:
            participating = (
                f"SELECT 1 FROM {t['participating']} x WHERE x.resource_id = {alias}.{row_id}"
            )
            if ids:
                parts.append(
                    f"{alias}.county_id IN ({_placeholders(ids)}) "
                    f"OR EXISTS ({participating} AND x.county_id IN ({_placeholders(ids)}))"
                )
                params += ids + ids
            if NATIONAL in filters.county_ids:
                parts.append(f"({alias}.county_id IS NULL AND NOT EXISTS ({participating}))")
        clauses["county"] = ("(" + " OR ".join(parts) + ")", params)
    for facet, ids, table, column in (
        ("topic", filters.topic_ids, t["topics"], "violencearea_id"),
        ("audience", filters.audience_ids, t["audiences"], "targetgroup_id"),
    ):
        if not ids:
            continue
        if connection.vendor == "postgresql":
            # The search row's copy of the links.
            clauses[facet] = (
                f"{alias}.{facet}_ids && ARRAY[{_placeholders(ids)}]::integer[]",
                list(ids),
            )
        else:
            clauses[facet] = (
                f"EXISTS (SELECT 1 FROM {table} x WHERE x.resource_id = {alias}.{row_id} "
                f"AND x.{column} IN ({_placeholders(ids)}))",
                list(ids),
            )
    return clauses


def _filter_sql(filters: ResourceFilters, *, skip: str = "", alias: str = "m") -> tuple[str, list]:
    """The WHERE clause over the matched set `m` (or the entry table `e`), leaving out one
    facet's own filter (a facet's counts show what choosing another value of it would
    give)."""
    sql, params = ["1 = 1"], []
    for facet, (clause, clause_params) in _facet_clauses(filters, alias=alias).items():
        if facet != skip:
            sql.append(clause)
            params += clause_params
    return " AND ".join(sql), params


def _tune(cursor, *, text_query: bool) -> None:
    """PostgreSQL settings for this transaction only.

    The planner prices `document @@ query` as if the tsvector were at hand, so for a word in
    a quarter or more of the resources it prefers reading the table to the GIN index; but
    every row read then decompresses a large vector from TOAST storage. Measured with
    bench/knowledge_search.py at 10 000 resources the index is 4–8 times faster even for a
    word in 89 % of them, so sequential scans are ruled out for search queries. Enough
    work_mem keeps the grouping in memory."""
    if connection.vendor == "postgresql":
        if text_query:
            cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL work_mem = '32MB'")


@dataclass
class ResourceSearch:
    """One search: its total and facet counts (one query), and its results, fetched a page
    at a time by slicing (one query for the ids, then the rows with what they show). It
    quacks enough like a queryset for Django's Paginator."""

    query: str = ""
    filters: ResourceFilters = field(default_factory=ResourceFilters)
    order: str = RELEVANCE

    def __post_init__(self):
        self.terms = parse_query(self.query)
        if self.order not in ORDERS or not self.terms:
            self.order = RELEVANCE if self.terms else NEWEST

    @cached_property
    def _engine(self) -> _Engine:
        return _engine(self.terms)

    @cached_property
    def _counts(self) -> dict[str, dict[str, int]]:
        if self.terms or self.filters.active():
            return self._count()
        # The knowledge bank's front page (no words, no filters) counts every published
        # resource: the same answer for every visitor until the index changes, so it is
        # cached under the index's state (its size and its latest change).
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*), MAX(indexed_at) FROM {_tables()['full_entry']}")
            size, latest = cursor.fetchone()
        state = hashlib.sha1(f"{size}:{latest}".encode()).hexdigest()
        key = f"knowledge:facets:{state}"
        counts = cache.get(key)
        if counts is None:
            counts = self._count()
            cache.set(key, counts, timeout=24 * 3600)
        return counts

    def _count(self) -> dict[str, dict[str, int]]:
        if connection.vendor == "postgresql":
            return self._count_postgres()
        source, source_params = self._engine.source()
        t = _tables()
        branches, params = [], list(source_params)
        where, where_params = _filter_sql(self.filters)
        branches.append(f"SELECT 'total', '', COUNT(*) FROM m WHERE {where}")
        params += where_params
        # Each match's counties once each: the responsible one, the participating ones, or
        # NULL (national) for a match with none.
        counties = (
            f"JOIN (SELECT id AS resource_id, county_id FROM m WHERE county_id IS NOT NULL "
            f"UNION SELECT x.resource_id, x.county_id FROM {t['participating']} x "
            f"WHERE x.resource_id IN (SELECT id FROM m) "
            f"UNION SELECT id, NULL FROM m WHERE county_id IS NULL AND NOT EXISTS "
            f"(SELECT 1 FROM {t['participating']} y WHERE y.resource_id = m.id)"
            f") x ON x.resource_id = m.id"
        )
        for facet, value, join in (
            ("type", "m.kind", ""),
            ("year", "m.year", ""),
            ("county", "x.county_id", counties),
            ("topic", "x.violencearea_id", f"JOIN {t['topics']} x ON x.resource_id = m.id"),
            ("audience", "x.targetgroup_id", f"JOIN {t['audiences']} x ON x.resource_id = m.id"),
        ):
            where, where_params = _filter_sql(self.filters, skip=facet)
            # Grouped by the raw value and made text only per group: casting every
            # matched row first costs more than the grouping itself.
            branches.append(
                f"SELECT '{facet}', CAST(v AS TEXT), n FROM "
                f"(SELECT {value} AS v, COUNT(*) AS n FROM m {join} WHERE {where} "
                f"GROUP BY {value}) g_{facet}"
            )
            params += where_params
        sql = f"WITH m AS MATERIALIZED (SELECT {COLUMNS}, e.county_id FROM {source}) "
        sql += " UNION ALL ".join(branches)
        counts: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
        counts["total"] = {"": 0}
        with transaction.atomic(), connection.cursor() as cursor:
            _tune(cursor, text_query=bool(self.terms))
            cursor.execute(sql, params)
            for facet, value, count in cursor.fetchall():
                # National resources have no county: NULL groups as NATIONAL.
                counts[facet][str(NATIONAL) if value is None else str(value)] = count
        return counts

    # The grouping columns of the PostgreSQL count, in GROUPING() order.
    _GROUPS = ("type", "year", "county", "topic", "audience")

    def _count_postgres(self) -> dict[str, dict[str, int]]:
        """Total and the five facets in one pass over the matches' narrow search rows: one
        hash aggregate with a grouping set per facet. A facet whose filter is active counts
        the rows that pass every other filter (a FILTER aggregate of its own); rows failing
        two or more filters count nowhere and are left out. Topics and audiences are
        grouped by their bit masks, which are split into ids here. Measured at 100 000
        resources, for a word in 89 % of them: 21 ms to read the matches, about 8 ms more
        per grouping set."""
        source, params = self._engine.source()
        clauses = _facet_clauses(self.filters, alias="e")
        # A condition that is NULL is false (none is today; a guard for new columns).
        checks = {facet: (f"COALESCE({sql}, false)", ps) for facet, (sql, ps) in clauses.items()}

        def all_but(skip: str) -> tuple[str, list]:
            parts = [(sql, ps) for facet, (sql, ps) in checks.items() if facet != skip]
            return (
                " AND ".join(sql for sql, _ in parts) or "true",
                [p for _, ps in parts for p in ps],
            )

        everything, aggregate_params = all_but("")
        aggregates = [f"COUNT(*) FILTER (WHERE {everything})"]
        for facet in checks:
            sql, ps = all_but(facet)
            aggregates.append(f"COUNT(*) FILTER (WHERE {sql})")
            aggregate_params += ps
        where, where_params = "", []
        if len(checks) > 1:
            where = " AND (" + " + ".join(f"(NOT {sql})::int" for sql, _ in checks.values())
            where += ") <= 1"
            where_params = [p for _, ps in checks.values() for p in ps]
        groups = "e.kind, e.year, e.county_mask, e.topic_mask, e.audience_mask"
        sql = (
            f"SELECT GROUPING({groups}), {groups}, {', '.join(aggregates)} FROM {source}{where} "
            f"GROUP BY GROUPING SETS ((), {', '.join(f'({g})' for g in groups.split(', '))})"
        )
        params = [*aggregate_params, *params, *where_params]
        facets = list(checks)
        counts: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
        counts["total"] = {"": 0}
        overflow = []
        with transaction.atomic(), connection.cursor() as cursor:
            _tune(cursor, text_query=bool(self.terms))
            cursor.execute(sql, params)
            for row in cursor.fetchall():
                grouping, values, by_filter = row[0], row[1:6], row[6:]
                if grouping == 0b11111:
                    counts["total"][""] = by_filter[0]
                    continue
                # The one column grouped by has its GROUPING() bit clear.
                index = next(i for i in range(5) if not grouping & (1 << (4 - i)))
                facet, value = self._GROUPS[index], values[index]
                n = by_filter[facets.index(facet) + 1] if facet in checks else by_filter[0]
                if n and facet == "county" and value == 0:
                    # No county bit set: national material.
                    counts[facet][str(NATIONAL)] = counts[facet].get(str(NATIONAL), 0) + n
                elif n and facet in ("topic", "audience", "county"):
                    bits = value if value >= 0 else value & ((1 << 63) - 1)
                    if value < 0:
                        overflow.append(facet)
                    for bit in range(1, 63):
                        if bits & (1 << bit):
                            counts[facet][str(bit)] = counts[facet].get(str(bit), 0) + n
                elif n:
                    counts[facet][str(value)] = n
            for facet in dict.fromkeys(overflow):
                counts[facet] = self._count_ids(cursor, facet, checks)
        return counts

    def _count_ids(self, cursor, facet: str, checks) -> dict[str, int]:
        """A facet's counts from the id arrays: for ids beyond the bit masks' 62."""
        source, params = self._engine.source()
        parts = [(sql, ps) for name, (sql, ps) in checks.items() if name != facet]
        where = "".join(f" AND {sql}" for sql, _ in parts)
        values = f"e.{facet}_ids"
        if facet == "county":
            # National material (no county) counts as NATIONAL.
            values = f"CASE WHEN e.county_ids = '{{}}' THEN ARRAY[{NATIONAL}] ELSE {values} END"
        cursor.execute(
            f"SELECT v, COUNT(*) FROM (SELECT unnest({values}) AS v FROM {source}{where}) x "
            f"GROUP BY v",
            [*params, *[p for _, ps in parts for p in ps]],
        )
        return {str(value): n for value, n in cursor.fetchall()}

    @property
    def total(self) -> int:
        return self._counts["total"][""]

    def facet_counts(self, facet: str) -> dict[str, int]:
        return self._counts[facet]

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def ids(self, *, offset: int, limit: int) -> list[int]:
        if connection.vendor == "postgresql" and self.total > DENSE:
            return self._ids_dense(offset=offset, limit=limit)
        source, params = self._engine.source(first=_filter_sql(self.filters, alias="e"))
        if self.order == RELEVANCE:
            title_hit, rank, rank_params = self._engine.rank()
            select = f"{COLUMNS}, {title_hit} AS title_hit, {rank} AS rank"
            order_by = "m.title_hit DESC, m.rank DESC, m.year DESC, m.id DESC"
            params = rank_params + params
        else:
            select = f"{COLUMNS}, e.published_at"
            order_by = "m.year DESC, m.published_at DESC, m.id DESC"
        sql = (
            f"WITH m AS (SELECT {select} FROM {source}) "
            f"SELECT m.id FROM m ORDER BY {order_by} LIMIT %s OFFSET %s"
        )
        with transaction.atomic(), connection.cursor() as cursor:
            _tune(cursor, text_query=bool(self.terms))
            cursor.execute(sql, [*params, limit, offset])
            return [row[0] for row in cursor.fetchall()]

    def _ids_dense(self, *, offset: int, limit: int) -> list[int]:
        """A page of a search that matches thousands of resources, on PostgreSQL.

        Ranking every match reads every match; instead the title matches come first, ranked
        (or, if they too are thousands, newest first), then the other matches newest first,
        read in the order of the newest-first index until the page is full: for a common
        word that stops after a few dozen rows. Sorting by date is that second walk over
        all matches."""
        where, where_params = _filter_sql(self.filters, alias="e")
        source, source_params = self._engine.source(first=(where, where_params))
        newest = "e.year DESC, e.published_at DESC, e.resource_id DESC"
        ids: list[int] = []
        title_hit, rank, rank_params = self._engine.rank()
        with transaction.atomic(), connection.cursor() as cursor:
            _tune(cursor, text_query=True)
            titles = 0
            if self.order == RELEVANCE:
                # Without excluded words a title match is a match (the document vector
                # holds the title's lexemes), found through the title's own small index.
                if any(term.negated for term in self.terms):
                    titled = f"{source} AND {title_hit}"
                    titled_params = [*source_params, rank_params[0]]
                else:
                    titled = f"{SEARCH_ROW} e WHERE ({where}) AND {title_hit}"
                    titled_params = [*where_params, rank_params[0]]
                # Counted only as far as this page needs: exactly up to DENSE or the end of
                # the page, beyond that only that there are more.
                cap = max(DENSE, offset + limit)
                cursor.execute(
                    f"SELECT COUNT(*) FROM (SELECT 1 FROM {titled} LIMIT %s) t",
                    [*titled_params, cap + 1],
                )
                titles = cursor.fetchone()[0]
            if offset < titles:
                if titles > DENSE:
                    # So many title matches that ranking them would read them all too.
                    order, order_params = newest, []
                    cursor.execute("SET LOCAL enable_bitmapscan = off")
                else:
                    order, order_params = f"{rank} DESC, {newest}", rank_params[1:]
                cursor.execute(
                    f"SELECT e.resource_id FROM {titled} ORDER BY {order} LIMIT %s OFFSET %s",
                    [
                        *titled_params,
                        *order_params,
                        min(limit, titles - offset),
                        offset,
                    ],
                )
                ids = [row[0] for row in cursor.fetchall()]
            remaining = limit - len(ids)
            if remaining > 0:
                cursor.execute("SET LOCAL enable_bitmapscan = off")
                cursor.execute("SET LOCAL enable_sort = off")
                rest, rest_params = source, source_params
                if self.order == RELEVANCE:
                    # The title test reads the row's small title vector: before the match.
                    rest, rest_params = self._engine.source(
                        first=(f"({where}) AND NOT {title_hit}", [*where_params, rank_params[0]])
                    )
                cursor.execute(
                    f"SELECT e.resource_id FROM {rest} ORDER BY {newest} LIMIT %s OFFSET %s",
                    [
                        *rest_params,
                        remaining,
                        max(0, offset - titles),
                    ],
                )
                ids += [row[0] for row in cursor.fetchall()]
        return ids

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("ResourceSearch supports slicing only")
        offset = key.start or 0
        limit = (key.stop if key.stop is not None else self.total) - offset
        if limit <= 0:
            return []
        ids = self.ids(offset=offset, limit=limit)
        rows = Resource.objects.filter(id__in=ids).for_display().in_bulk()
        return [rows[i] for i in ids if i in rows]
