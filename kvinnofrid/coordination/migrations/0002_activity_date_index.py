"""Indexes for the activity log at national scale (measured by bench/coordination.py).

- (starts_on, id) newest first: the national coordinator's list has no county to narrow
  it and was sorting every row.
- PostgreSQL only: trigram indexes for the list's search, which Django runs as
  UPPER(column) LIKE '%…%' and which otherwise reads every description. pg_trgm is a
  trusted extension (PostgreSQL 13+), so the database owner may create it. SQLite has no
  such index; its databases are small.
"""

from django.db import migrations, models

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS activity_title_trgm ON coordination_activity "
    "USING gin (UPPER(title) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS activity_description_trgm ON coordination_activity "
    "USING gin (UPPER(description) gin_trgm_ops)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS activity_description_trgm",
    "DROP INDEX IF EXISTS activity_title_trgm",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("coordination", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="activity",
            index=models.Index(fields=["-starts_on", "-id"], name="activity_date"),
        ),
        migrations.RunPython(_run(POSTGRES), _run(POSTGRES_REVERSE)),
    ]
