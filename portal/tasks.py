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
