"""The search index of resources, written in the transaction that saves one (read by library.selectors.search).

`catalog.save_resource` calls `update`, `catalog.withdraw_resource` calls `remove`, so a saved resource
is searchable at once and the index never waits for a worker (seed_demo and imports run without one).
A deleted resource leaves the index through `on_resource_deleted` (connected in LibraryConfig.ready).

The index holds, per resource: both titles (weighted highest), creator and contributor, the subjects
in both languages, both descriptions, and publisher, identifier and collections (lowest). On SQLite it
is the FTS5 table `library_search` (columns in that order, `porter unicode61` tokenizer); on
PostgreSQL the table `library_search` with one weighted `tsvector` per resource (A to D, English words
in the 'english' configuration, CJK tokens in 'simple') under a GIN index. Both are made by migration
0002_search_index. CJK text is pre-segmented by `library.search_text`.
"""

from django.core.cache import cache
from django.db import connection, transaction

from ..models import Resource
from ..search_text import INDEX_VERSION_KEY, TABLE, split_text

COLUMNS = ("title", "creator", "subjects", "description", "other")  # FTS5 columns, and PostgreSQL weights A–D
WEIGHTS = {"title": "A", "creator": "B", "subjects": "B", "description": "C", "other": "D"}
BATCH = 500


def _texts(resource, subjects, collections):
    return {
        "title": (resource.title_zh_hans, resource.title_en),
        "creator": (resource.creator, resource.contributor),
        "subjects": [name for subject in subjects for name in (subject.name_zh_hans, subject.name_en)],
        "description": (resource.description_zh_hans, resource.description_en),
        "other": (
            resource.publisher,
            resource.identifier,
            *[title for collection in collections for title in (collection.title_zh_hans, collection.title_en)],
        ),
    }


def _row(resource, subjects, collections):
    """The resource's id, then per column: on SQLite one text (English text and CJK tokens), on
    PostgreSQL the text for the 'english' vector and the CJK tokens for the 'simple' one."""
    texts = _texts(resource, subjects, collections)
    parts = [split_text(*texts[column]) for column in COLUMNS]
    if connection.vendor == "sqlite":
        return [resource.pk, *[f"{text} {tokens}" for text, tokens in parts]]
    return [resource.pk, *[part for pair in parts for part in pair]]


def _insert_sql():
    if connection.vendor == "sqlite":
        return f"INSERT INTO {TABLE} (rowid, {', '.join(COLUMNS)}) VALUES ({', '.join(['%s'] * (len(COLUMNS) + 1))})"
    vectors = " || ".join(
        f"setweight(to_tsvector('english', %s), '{WEIGHTS[column]}') || "
        f"setweight(to_tsvector('simple', %s), '{WEIGHTS[column]}')"
        for column in COLUMNS
    )
    return (
        f"INSERT INTO {TABLE} (resource_id, document) VALUES (%s, {vectors}) "
        "ON CONFLICT (resource_id) DO UPDATE SET document = EXCLUDED.document"
    )


def _changed():
    """Cached facets (library.selectors.search) are stale now, and again once the change is committed."""

    def bump():
        try:
            cache.incr(INDEX_VERSION_KEY)
        except ValueError:
            cache.add(INDEX_VERSION_KEY, 1, timeout=None)

    bump()
    transaction.on_commit(bump)


def _write(rows):
    if not rows:
        return
    _changed()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany(f"DELETE FROM {TABLE} WHERE rowid = %s", [[row[0]] for row in rows])
        cursor.executemany(_insert_sql(), rows)


def update(resource):
    """Index `resource` as it is now (its subjects and collections included); a withdrawn one is removed."""
    if resource.withdrawn_at is not None:
        remove(resource.pk)
        return
    _write([_row(resource, list(resource.subjects.all()), list(resource.collections.all()))])


def remove(resource_id):
    column = "rowid" if connection.vendor == "sqlite" else "resource_id"
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE {column} = %s", [resource_id])
    _changed()


def on_resource_deleted(sender, instance, **kwargs):
    remove(instance.pk)


def index_many(resource_ids):
    """Index many resources at once (bulk imports, `rebuild`, the benchmark): three queries per BATCH."""
    resource_ids = list(resource_ids)
    for start in range(0, len(resource_ids), BATCH):
        batch = Resource.objects.filter(pk__in=resource_ids[start : start + BATCH], withdrawn_at=None)
        batch = batch.prefetch_related("subjects", "collections").order_by()
        _write([_row(r, r.subjects.all(), r.collections.all()) for r in batch])


def rebuild():
    """Empty the index and index every resource again (after a restore, or when subjects were renamed)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
    ids = list(Resource.objects.filter(withdrawn_at=None).values_list("pk", flat=True))
    index_many(ids)
    return len(ids)
