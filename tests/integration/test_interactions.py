"""With Redis as the cache, traces wait in Redis and the beat task writes them in batches (portal.interactions)."""

import pytest
from django.core.cache import caches

from portal.interactions import BUFFER_KEY, flush, record
from portal.models import Interaction
from tests.factories import OrganizerFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _empty_buffer():
    client = caches["default"]._cache.get_client(write=True)
    client.delete(caches["default"].make_key(BUFFER_KEY))
    yield
    client.delete(caches["default"].make_key(BUFFER_KEY))


def test_traces_wait_in_redis_until_the_flush_writes_them_in_batches():
    assert type(caches["default"]).__name__ == "RedisCache"
    target = OrganizerFactory()
    for _ in range(25):
        record(user=None, target=target, action=Interaction.Action.READ)
    assert not Interaction.objects.exists()
    assert flush(batch_size=10) == 25
    assert Interaction.objects.filter(target_id=target.pk, action="read").count() == 25
    assert flush() == 0


def test_a_person_deleted_before_the_flush_leaves_the_trace_without_them():
    user, target = UserFactory(), OrganizerFactory()
    user.profile.personalisation_consent = True
    user.profile.save()
    record(user=user, target=target, action=Interaction.Action.BORROW)
    user.delete()
    assert flush() == 1
    assert Interaction.objects.get().user is None
