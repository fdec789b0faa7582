"""PostgreSQL: a narrow search row per entry, so that the facet counts over the matches of
a common word read few pages.

Measured at 100 000 generated resources: the matches of "våld" are 89 % of the entries,
whose rows (title, summary, the title and summary vectors, short file text and its vector
stored inline) filled 113 MB, more than shared_buffers; reading them took 55–65 ms before
any counting, and joining them with the topic and audience links another 100–300 ms.

`knowledge_searchrow` holds only what matching, filtering, counting and the newest-first
walk read: the document vector (out of line once large), the title vector, kind, year,
county, publication date, the topic and audience ids as arrays (to filter) and as bit
masks (to count: grouping by a bigint costs a fraction of grouping by an array). Bit i
stands for id i for ids 1–62; any larger id sets bit 63, and the search then counts that
facet from the arrays instead. The GIN indexes move here from the entry.

Triggers on the entry keep the row in step: resource_index writes the entry after the
resource's links are saved, so the arrays are read from the link tables then. SQLite keeps
reading the entry and the link tables.
"""

from django.db import migrations

ROW = "knowledge_searchrow"
ENTRY = "knowledge_resourcesearchentry"

POSTGRES = [
    f"""
    CREATE TABLE {ROW} (
      resource_id integer PRIMARY KEY,
      kind varchar(20) NOT NULL,
      year smallint NOT NULL,
      county_id integer,
      published_at timestamp with time zone,
      topic_ids integer[] NOT NULL,
      audience_ids integer[] NOT NULL,
      topic_mask bigint NOT NULL,
      audience_mask bigint NOT NULL,
      title_vector tsvector NOT NULL,
      document tsvector NOT NULL
    )
    """,
    """
    CREATE FUNCTION knowledge_id_mask(ids integer[]) RETURNS bigint
    LANGUAGE sql IMMUTABLE AS $$
      SELECT coalesce(bit_or(CASE WHEN i BETWEEN 1 AND 62 THEN 1::bigint << i
                                  ELSE 1::bigint << 63 END), 0)
      FROM unnest(ids) AS i
    $$
    """,
    f"""
    CREATE FUNCTION knowledge_searchrow_write() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
      topics integer[] := ARRAY(SELECT violencearea_id FROM knowledge_resource_topics
                                WHERE resource_id = NEW.resource_id ORDER BY 1);
      audiences integer[] := ARRAY(SELECT targetgroup_id FROM knowledge_resource_audiences
                                   WHERE resource_id = NEW.resource_id ORDER BY 1);
    BEGIN
      INSERT INTO {ROW} VALUES (
        NEW.resource_id, NEW.kind, NEW.year, NEW.county_id, NEW.published_at,
        topics, audiences, knowledge_id_mask(topics), knowledge_id_mask(audiences),
        NEW.title_vector, NEW.document)
      ON CONFLICT (resource_id) DO UPDATE SET
        kind = EXCLUDED.kind, year = EXCLUDED.year, county_id = EXCLUDED.county_id,
        published_at = EXCLUDED.published_at, topic_ids = EXCLUDED.topic_ids,
        audience_ids = EXCLUDED.audience_ids, topic_mask = EXCLUDED.topic_mask,
        audience_mask = EXCLUDED.audience_mask, title_vector = EXCLUDED.title_vector,
        document = EXCLUDED.document;
      RETURN NULL;
    END
    $$
    """,
    f"""
    CREATE FUNCTION knowledge_searchrow_delete() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM {ROW} WHERE resource_id = OLD.resource_id;
      RETURN NULL;
    END
    $$
    """,
    f"""
    CREATE FUNCTION knowledge_searchrow_truncate() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
      TRUNCATE {ROW};
      RETURN NULL;
    END
    $$
    """,
    f"""
    CREATE TRIGGER knowledge_searchrow_write AFTER INSERT OR UPDATE ON {ENTRY}
    FOR EACH ROW EXECUTE FUNCTION knowledge_searchrow_write()
    """,
    f"""
    CREATE TRIGGER knowledge_searchrow_delete AFTER DELETE ON {ENTRY}
    FOR EACH ROW EXECUTE FUNCTION knowledge_searchrow_delete()
    """,
    f"""
    CREATE TRIGGER knowledge_searchrow_truncate AFTER TRUNCATE ON {ENTRY}
    FOR EACH STATEMENT EXECUTE FUNCTION knowledge_searchrow_truncate()
    """,
    # Fills the rows of an existing index.
    f"UPDATE {ENTRY} SET kind = kind",
    "DROP INDEX knowledge_entry_document_gin",
    "DROP INDEX knowledge_entry_title_gin",
    f"CREATE INDEX knowledge_searchrow_document ON {ROW} USING gin (document)",
    f"CREATE INDEX knowledge_searchrow_title ON {ROW} USING gin (title_vector)",
    f"""
    CREATE INDEX knowledge_searchrow_newest
    ON {ROW} (year DESC, published_at DESC, resource_id DESC)
    """,
]
POSTGRES_REVERSE = [
    f"DROP TRIGGER knowledge_searchrow_truncate ON {ENTRY}",
    f"DROP TRIGGER knowledge_searchrow_delete ON {ENTRY}",
    f"DROP TRIGGER knowledge_searchrow_write ON {ENTRY}",
    "DROP FUNCTION knowledge_searchrow_truncate()",
    "DROP FUNCTION knowledge_searchrow_delete()",
    "DROP FUNCTION knowledge_searchrow_write()",
    f"DROP TABLE {ROW}",
    "DROP FUNCTION knowledge_id_mask(integer[])",
    f"CREATE INDEX knowledge_entry_document_gin ON {ENTRY} USING gin (document)",
    f"CREATE INDEX knowledge_entry_title_gin ON {ENTRY} USING gin (title_vector)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0002_search_index")]

    operations = [migrations.RunPython(_run(POSTGRES), _run(POSTGRES_REVERSE))]
