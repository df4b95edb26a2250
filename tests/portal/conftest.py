import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits and throttles count in the cache: every test starts with none used."""
    cache.clear()
    yield
    cache.clear()
