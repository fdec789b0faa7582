"""The full-text index behind kvinnofrid.knowledge.search, per database engine.

PostgreSQL: tsvector columns generated from the entry's text with the `swedish`
configuration: `document` (title weighted A, summary B, file text C) with a GIN index
to match, and the small `title_vector` and `head_vector` (title and summary) to rank
without reading the large file text of every match.
SQLite: an FTS5 table over the entry's text whose tokenizer keeps diacritics (å, ä, ö are
letters of their own in Swedish), kept in step by triggers.
"""

from django.db import migrations

POSTGRES = [
    """
    ALTER TABLE knowledge_resourcesearchentry
      ADD COLUMN title_vector tsvector GENERATED ALWAYS AS (to_tsvector('swedish', title)) STORED,
      ADD COLUMN head_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('swedish', title), 'A')
        || setweight(to_tsvector('swedish', summary), 'B')
      ) STORED,
      ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('swedish', title), 'A')
        || setweight(to_tsvector('swedish', summary), 'B')
        || setweight(to_tsvector('swedish', body), 'C')
      ) STORED
    """,
    "CREATE INDEX knowledge_entry_document_gin ON knowledge_resourcesearchentry USING gin (document)",
    "CREATE INDEX knowledge_entry_title_gin ON knowledge_resourcesearchentry USING gin (title_vector)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS knowledge_entry_title_gin",
    "DROP INDEX IF EXISTS knowledge_entry_document_gin",
    "ALTER TABLE knowledge_resourcesearchentry DROP COLUMN IF EXISTS document, "
    "DROP COLUMN IF EXISTS head_vector, DROP COLUMN IF EXISTS title_vector",
]
SQLITE = [
    """
    CREATE VIRTUAL TABLE knowledge_resource_fts USING fts5(
      title, summary, body,
      content='knowledge_resourcesearchentry', content_rowid='resource_id',
      tokenize="unicode61 remove_diacritics 0"
    )
    """,
    """
    CREATE TRIGGER knowledge_entry_ai AFTER INSERT ON knowledge_resourcesearchentry BEGIN
      INSERT INTO knowledge_resource_fts(rowid, title, summary, body)
      VALUES (new.resource_id, new.title, new.summary, new.body);
    END
    """,
    """
    CREATE TRIGGER knowledge_entry_ad AFTER DELETE ON knowledge_resourcesearchentry BEGIN
      INSERT INTO knowledge_resource_fts(knowledge_resource_fts, rowid, title, summary, body)
      VALUES ('delete', old.resource_id, old.title, old.summary, old.body);
    END
    """,
    """
    CREATE TRIGGER knowledge_entry_au AFTER UPDATE ON knowledge_resourcesearchentry BEGIN
      INSERT INTO knowledge_resource_fts(knowledge_resource_fts, rowid, title, summary, body)
      VALUES ('delete', old.resource_id, old.title, old.summary, old.body);
      INSERT INTO knowledge_resource_fts(rowid, title, summary, body)
      VALUES (new.resource_id, new.title, new.summary, new.body);
    END
    """,
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS knowledge_entry_ai",
    "DROP TRIGGER IF EXISTS knowledge_entry_ad",
    "DROP TRIGGER IF EXISTS knowledge_entry_au",
    "DROP TABLE IF EXISTS knowledge_resource_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        )
    ]
