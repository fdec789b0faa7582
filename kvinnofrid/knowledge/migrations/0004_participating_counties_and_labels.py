"""Material of several counties, and topic and audience names in search.

* `Resource.participating_counties`: counties that stand behind a resource besides the
  responsible `county`, which alone decides who edits it. Existing resources keep their one
  county as the responsible one, so no data moves; national material stays without any.
* `ResourceSearchEntry.labels`: the names of the resource's topics and audiences, filled
  here for the entries there are.

PostgreSQL: the entry's vectors take the labels at weight B (the summary's; the title is
A), and the search row holds every county of a resource (responsible and participating)
as an array and a bit mask, like topics and audiences, instead of one county id; national
material has an empty array. SQLite: the FTS5 table gets a `labels` column (adding the
column rebuilt the entry table, which drops its triggers, so they are made again).
"""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


ENTRY = "knowledge_resourcesearchentry"
ROW = "knowledge_searchrow"
FTS = "knowledge_resource_fts"
PARTICIPATING = "knowledge_resource_participating_counties"


def _vectors(*, labels: bool) -> str:
    label = "|| setweight(to_tsvector('swedish', labels), 'B')" if labels else ""
    return f"""
    ALTER TABLE {ENTRY}
      DROP COLUMN document, DROP COLUMN head_vector,
      ADD COLUMN head_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('swedish', title), 'A')
        || setweight(to_tsvector('swedish', summary), 'B') {label}
      ) STORED,
      ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('swedish', title), 'A')
        || setweight(to_tsvector('swedish', summary), 'B') {label}
        || setweight(to_tsvector('swedish', body), 'C')
      ) STORED
    """


def _write_function(counties_sql: str, county_columns: str, county_values: str, county_set):
    return f"""
    CREATE OR REPLACE FUNCTION knowledge_searchrow_write() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
      topics integer[] := ARRAY(SELECT violencearea_id FROM knowledge_resource_topics
                                WHERE resource_id = NEW.resource_id ORDER BY 1);
      audiences integer[] := ARRAY(SELECT targetgroup_id FROM knowledge_resource_audiences
                                   WHERE resource_id = NEW.resource_id ORDER BY 1);
      {counties_sql}
    BEGIN
      INSERT INTO {ROW} (resource_id, kind, year, {county_columns}, published_at, topic_ids,
                         audience_ids, topic_mask, audience_mask, title_vector, document)
      VALUES (
        NEW.resource_id, NEW.kind, NEW.year, {county_values}, NEW.published_at,
        topics, audiences, knowledge_id_mask(topics), knowledge_id_mask(audiences),
        NEW.title_vector, NEW.document)
      ON CONFLICT (resource_id) DO UPDATE SET
        kind = EXCLUDED.kind, year = EXCLUDED.year, {county_set},
        published_at = EXCLUDED.published_at, topic_ids = EXCLUDED.topic_ids,
        audience_ids = EXCLUDED.audience_ids, topic_mask = EXCLUDED.topic_mask,
        audience_mask = EXCLUDED.audience_mask, title_vector = EXCLUDED.title_vector,
        document = EXCLUDED.document;
      RETURN NULL;
    END
    $$
    """


POSTGRES = [
    _vectors(labels=True),
    f"""
    ALTER TABLE {ROW} DROP COLUMN county_id,
      ADD COLUMN county_ids integer[] NOT NULL DEFAULT '{{}}',
      ADD COLUMN county_mask bigint NOT NULL DEFAULT 0
    """,
    # The responsible county and the participating ones, once each.
    _write_function(
        f"""counties integer[] := ARRAY(
        SELECT c FROM (SELECT NEW.county_id AS c
                       UNION SELECT county_id FROM {PARTICIPATING}
                             WHERE resource_id = NEW.resource_id) x
        WHERE c IS NOT NULL ORDER BY 1);""",
        "county_ids, county_mask",
        "counties, knowledge_id_mask(counties)",
        "county_ids = EXCLUDED.county_ids, county_mask = EXCLUDED.county_mask",
    ),
]
POSTGRES_REVERSE = [
    _write_function("", "county_id", "NEW.county_id", "county_id = EXCLUDED.county_id"),
    f"""
    ALTER TABLE {ROW} DROP COLUMN county_ids, DROP COLUMN county_mask,
      ADD COLUMN county_id integer
    """,
    _vectors(labels=False),
    f"UPDATE {ENTRY} SET kind = kind",
]


def _fts(columns: list[str]) -> list[str]:
    names = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return [
        "DROP TRIGGER IF EXISTS knowledge_entry_ai",
        "DROP TRIGGER IF EXISTS knowledge_entry_ad",
        "DROP TRIGGER IF EXISTS knowledge_entry_au",
        f"DROP TABLE IF EXISTS {FTS}",
        f"""
        CREATE VIRTUAL TABLE {FTS} USING fts5(
          {names},
          content='{ENTRY}', content_rowid='resource_id',
          tokenize="unicode61 remove_diacritics 0"
        )
        """,
        f"""
        CREATE TRIGGER knowledge_entry_ai AFTER INSERT ON {ENTRY} BEGIN
          INSERT INTO {FTS}(rowid, {names}) VALUES (new.resource_id, {new});
        END
        """,
        f"""
        CREATE TRIGGER knowledge_entry_ad AFTER DELETE ON {ENTRY} BEGIN
          INSERT INTO {FTS}({FTS}, rowid, {names}) VALUES ('delete', old.resource_id, {old});
        END
        """,
        f"""
        CREATE TRIGGER knowledge_entry_au AFTER UPDATE ON {ENTRY} BEGIN
          INSERT INTO {FTS}({FTS}, rowid, {names}) VALUES ('delete', old.resource_id, {old});
          INSERT INTO {FTS}(rowid, {names}) VALUES (new.resource_id, {new});
        END
        """,
        f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
    ]


# bm25 weights follow the column order: title, summary, body, labels.
SQLITE = _fts(["title", "summary", "body", "labels"])
SQLITE_REVERSE = _fts(["title", "summary", "body"])


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


def fill_labels(apps, schema_editor):
    """Every entry is written once (on PostgreSQL that rewrites its search row, with the
    new vectors and the county array)."""
    Entry = apps.get_model("knowledge", "ResourceSearchEntry")
    Resource = apps.get_model("knowledge", "Resource")
    names: dict[int, list[str]] = {}
    for relation in (Resource.topics.through, Resource.audiences.through):
        term = "violencearea" if relation is Resource.topics.through else "targetgroup"
        links = relation.objects.order_by(f"{term}__sort_order", f"{term}__name")
        for resource_id, name in links.values_list("resource_id", f"{term}__name"):
            names.setdefault(resource_id, []).append(name)
    entries = list(Entry.objects.only("resource_id"))
    for entry in entries:
        entry.labels = "\n".join(names.get(entry.resource_id, []))
    Entry.objects.bulk_update(entries, ["labels"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0003_search_rows"),
        ("regions", "0002_reference_data"),
    ]

    operations = [
        migrations.AddField(
            model_name="resource",
            name="participating_counties",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True,
                help_text="Andra län som står bakom materialet, till exempel i en gemensam kartläggning. Materialet visas också under deras län; det ansvariga länet redigerar det.",
                related_name="participating_resources",
                to="regions.county",
                verbose_name="medverkande län",
            ),
        ),
        migrations.AddField(
            model_name="resourcesearchentry",
            name="labels",
            field=models.TextField(blank=True),
        ),
        migrations.AlterField(
            model_name="resource",
            name="county",
            field=models.ForeignKey(
                blank=True,
                help_text="Länet som ansvarar för materialet. Lämna tomt för nationellt material.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="resources",
                to="regions.county",
                verbose_name="ansvarigt län",
            ),
        ),
        migrations.RunPython(
            _run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
        migrations.RunPython(fill_labels, migrations.RunPython.noop),
    ]
