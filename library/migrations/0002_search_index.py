"""The search index (library.services.search_index): an FTS5 table on SQLite, a tsvector table with a GIN
index on PostgreSQL. Neither is a model: only the index service writes them and the search selector reads
them. Resources saved before this migration are indexed by `manage.py library_reindex`.

No foreign key to library_resource: Django's flush (between transactional tests) truncates the models'
tables without CASCADE, and would refuse. A deleted resource's row is removed by the index service."""

from django.db import migrations, models

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE library_search USING fts5("
    "title, creator, subjects, description, other, tokenize = 'porter unicode61 remove_diacritics 2')"
)
POSTGRESQL_CREATE = [
    "CREATE TABLE library_search (resource_id bigint PRIMARY KEY, document tsvector NOT NULL)",
    "CREATE INDEX library_search_document ON library_search USING gin (document)",
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        for statement in POSTGRESQL_CREATE:
            schema_editor.execute(statement)
    else:
        raise NotImplementedError(f"library search supports SQLite and PostgreSQL, not {vendor}")


def drop(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS library_search")


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [
        migrations.RunPython(create, drop),
        migrations.AddIndex(
            model_name="resource",
            index=models.Index(fields=["-created_at", "-id"], name="library_resource_newest"),
        ),
    ]
