from celery import shared_task

from . import mail, media


@shared_task(acks_late=True, ignore_result=True)
def deliver_email(email_id):
    return mail.deliver(email_id)


@shared_task(ignore_result=True)
def send_pending_emails():
    """Beat sweep: send what the broker or the mail server could not take earlier."""
    return sum(mail.deliver(email_id) for email_id in mail.pending_email_ids())


@shared_task(acks_late=True, ignore_result=True)
def make_venue_thumbnail(venue_id):
    from .models import Venue

    venue = Venue.objects.filter(pk=venue_id).first()
    if venue is not None:
        media.refresh_thumbnail(venue, source="photo", target="photo_thumbnail")


# --- Digests (portal.notify) --------------------------------------------------------------------


@shared_task(ignore_result=True)
def send_daily_digests():
    """Beat, every morning: one email per resident with the day's updates. Idempotent."""
    from .notify import DAILY, send_digests

    return send_digests(DAILY)


@shared_task(ignore_result=True)
def send_weekly_digests():
    """Beat, Monday morning: one email per weekly resident with the week's updates. Idempotent."""
    from .notify import WEEKLY, send_digests

    return send_digests(WEEKLY)
