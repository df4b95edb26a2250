"""Library search on PostgreSQL: the selector's cases (tests/library/selectors/test_search.py) run here
again, on the tsvector index, plus what only PostgreSQL has (the GIN index the search uses).

The page and API tests run on PostgreSQL too in CI's second run of the whole suite; this module makes
sure the search cases themselves are never skipped there (REQUIRE_INTEGRATION=1)."""

import pytest
from django.db import connection

from tests.library.conftest import _english  # noqa: F401  (autouse: read in English, as in tests/library)
from tests.library.factories import make_resource
from tests.library.selectors.test_search import *  # noqa: F403  (the same cases, collected here)

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_the_index_is_a_weighted_tsvector_under_a_gin_index():
    assert connection.vendor == "postgresql"
    resource = make_resource(title_en="Paintings", title_zh_hans="红楼梦", description_en="river")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'library_search'")
        definitions = " ".join(row[0] for row in cursor.fetchall())
        cursor.execute("SELECT document::text FROM library_search WHERE resource_id = %s", [resource.pk])
        [document] = cursor.fetchone()
    assert "USING gin (document)" in definitions
    assert "'paint':1A" in document and "'红楼':" in document and "'楼梦':" in document
    assert "'river':" in document and "C" in document.split("'river':")[1][:4]
