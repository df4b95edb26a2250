from celery import shared_task

from . import media, notify
from .interactions import flush_interactions  # noqa: F401 - defined beside the buffer; imported by the worker
from .jobs import run_job  # noqa: F401 - defined beside the job record; imported by the worker
from .mail import deliver_email, send_pending_emails  # noqa: F401 - defined beside the outbox; imported by the worker


@shared_task(acks_late=True, ignore_result=True)
def make_venue_thumbnail(venue_id):
    """The old name of portal.media.make_thumbnail for a venue, kept for messages queued before a deploy."""
    return media.make_thumbnail("portal", "venue", venue_id, "photo", "photo_thumbnail")


# --- Digests (portal.notify) --------------------------------------------------------------------


@shared_task(ignore_result=True)
def send_daily_digests():
    """Beat, every morning: one email per resident with the day's updates. Idempotent."""
    return notify.send_digests(notify.DAILY)


@shared_task(ignore_result=True)
def send_weekly_digests():
    """Beat, Monday morning: one email per weekly resident with the week's updates. Idempotent."""
    return notify.send_digests(notify.WEEKLY)
