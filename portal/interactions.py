"""Reading, listening, viewing and borrowing leave a trace: one `portal.Interaction` row each.

Any app records with `record(user=…, target=…, action=…)`; the recommendations read the rows. The
person is kept only when they agreed to personalised recommendations (`Profile.personalisation_consent`);
otherwise the row says what, where (the district) and when. A page never waits for the database: with
Redis as the cache (`REDIS_URL`), rows are pushed onto a list in Redis and written in batches by a beat
task on the `analytics` queue; without it (the embedded default) they are written at once. Recording
never fails the page it is called from: a broken cache is logged and the trace is dropped.
"""

import json
import logging

from celery import shared_task
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .models import District, Interaction, Profile, User

logger = logging.getLogger(__name__)

BUFFER_KEY = "portal:interactions"
BATCH_SIZE = 1000


def record(*, user, target, action, district=None):
    """Note that `user` (anonymous too) did `action` (an Interaction.Action) to `target` (a model instance)."""
    try:
        row = _row(user, target, action, district)
        client = _redis()
        if client is None:
            _write([row])
        else:
            client.rpush(_key(), json.dumps(row))
    except Exception:  # noqa: BLE001 - a trace is never worth a failed page
        logger.warning("Could not record %s of %r", action, target, exc_info=True)


def flush(batch_size=BATCH_SIZE):
    """Write what the buffer holds, `batch_size` rows at a time; returns how many were written."""
    client = _redis()
    if client is None:
        return 0
    written = 0
    while True:
        items = client.lpop(_key(), batch_size)
        if not items:
            return written
        rows = []
        for item in items:
            try:
                rows.append(json.loads(item))
            except ValueError:
                logger.warning("Dropped an unreadable interaction: %r", item)
        written += _write(rows)


@shared_task(name="portal.interactions.flush_interactions", ignore_result=True)
def flush_interactions():
    """Beat, every minute, on the `analytics` queue: the buffered interactions into the database."""
    return flush()


def _row(user, target, action, district):
    person = user if user is not None and user.is_authenticated else None
    profile = _profile(person) if person is not None else None
    if district is None and profile is not None:
        district = profile.district_id
    return {
        "type": ContentType.objects.get_for_model(target).pk,
        "id": target.pk,
        "action": str(action),
        "district": getattr(district, "pk", district),
        "user": person.pk if profile is not None and profile.personalisation_consent else None,
        "at": timezone.now().isoformat(),
    }


def _profile(user):
    try:
        return user.profile
    except Profile.DoesNotExist:
        return None


def _write(rows):
    # A person or district deleted since the row was buffered: keep the trace, without them.
    users = set(User.objects.filter(pk__in={r["user"] for r in rows if r["user"]}).values_list("pk", flat=True))
    districts = set(
        District.objects.filter(pk__in={r["district"] for r in rows if r["district"]}).values_list("pk", flat=True)
    )
    Interaction.objects.bulk_create(
        [
            Interaction(
                target_type_id=row["type"],
                target_id=row["id"],
                action=row["action"],
                district_id=row["district"] if row["district"] in districts else None,
                user_id=row["user"] if row["user"] in users else None,
                created_at=parse_datetime(row["at"]),
            )
            for row in rows
        ]
    )
    return len(rows)


def _redis():
    """The Redis client behind Django's cache, or None when the cache is not Redis."""
    cache = caches["default"]
    if type(cache).__name__ != "RedisCache":
        return None
    return cache._cache.get_client(write=True)


def _key():
    return caches["default"].make_key(BUFFER_KEY)
