"""The configured services are the ones in use: PostgreSQL for data, Redis for the cache."""

import uuid

import pytest
import redis
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection

pytestmark = pytest.mark.integration


def test_cache_is_redis_and_round_trips():
    cache = caches["default"]
    assert isinstance(cache, RedisCache)
    key = f"integration:{uuid.uuid4().hex}"
    value = {"seats_left": 3, "title": "皮影戏 Shadow puppets"}
    cache.set(key, value, timeout=60)
    try:
        assert cache.get(key) == value
        # The value is really in the Redis server of REDIS_URL, not in this process.
        server = redis.Redis.from_url(settings.REDIS_URL)
        assert server.exists(cache.make_and_validate_key(key)) == 1
    finally:
        cache.delete(key)
    assert cache.get(key) is None


@pytest.mark.django_db
def test_database_is_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        assert int(cursor.fetchone()[0]) >= 150000
