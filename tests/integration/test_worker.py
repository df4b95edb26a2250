"""Side effects through Redis and a real Celery worker, on PostgreSQL.

Each test commits its rows (`transactional_db`), so the worker, a separate process with its own
database connection, sees them exactly as production would.
"""

import logging
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from kombu.exceptions import OperationalError
from PIL import Image

from portal.mail import queue_email
from portal.media import THUMBNAIL_WIDTH
from portal.models import OutgoingEmail, Venue
from portal.tasks import send_pending_emails
from tests.factories import VenueFactory

from .conftest import broker_unreachable

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def png(width, height):
    out = BytesIO()
    Image.new("RGB", (width, height), (168, 32, 26)).save(out, "PNG")
    return out.getvalue()


def test_venue_photo_thumbnail_is_made_by_the_worker(celery_worker, settings):
    venue = VenueFactory(photo=SimpleUploadedFile("main-hall.png", png(1600, 900), content_type="image/png"))
    assert Path(settings.MEDIA_ROOT, venue.photo.name).is_file()

    thumbnail_name = celery_worker.wait_for(
        lambda: (
            Venue.objects.filter(pk=venue.pk)
            .exclude(photo_thumbnail="")
            .values_list("photo_thumbnail", flat=True)
            .first()
        ),
        what="the worker to store photo_thumbnail",
    )
    thumbnail_path = Path(settings.MEDIA_ROOT, thumbnail_name)
    assert thumbnail_name.startswith("public/venues/thumbs/main-hall")
    assert thumbnail_path.is_file(), f"{thumbnail_path} is in the database but not on disk"
    with Image.open(thumbnail_path) as thumbnail:
        assert thumbnail.format == "JPEG"
        assert thumbnail.size == (THUMBNAIL_WIDTH, 360)
    log = celery_worker.log()
    assert "portal.media.make_thumbnail" in log and "succeeded" in log


def test_committed_email_is_delivered_by_the_worker(celery_worker):
    with transaction.atomic():
        email = queue_email(to="resident@example.org", subject="Your ticket for the lantern festival", body="See you!")
        # Nothing leaves before the transaction commits.
        assert not celery_worker.mail_files()

    celery_worker.wait_for(
        lambda: OutgoingEmail.objects.filter(pk=email.pk, sent_at__isnull=False).exists(),
        what="OutgoingEmail.sent_at to be set by the worker",
    )
    (mail_file,) = celery_worker.wait_for(celery_worker.mail_files, what="the mail file")
    text = mail_file.read_text()
    assert "Subject: Your ticket for the lantern festival" in text
    assert "To: resident@example.org" in text
    email.refresh_from_db()
    assert email.attempts == 1 and email.last_error == ""


def test_mail_waits_in_the_database_while_the_broker_is_down(celery_worker, celery_app, caplog):
    with (
        broker_unreachable(celery_app),
        caplog.at_level(logging.WARNING, logger="portal.background"),
        transaction.atomic(),
    ):
        email = queue_email(to="resident@example.org", subject="Proposal accepted", body="Thank you.")
    # queue_email returned and the transaction committed (its on_commit hook ran while the broker
    # was still unreachable) although the task could not be queued.

    (record,) = [r for r in caplog.records if r.name == "portal.background"]
    assert "Could not queue portal.tasks.deliver_email" in record.getMessage()
    assert isinstance(record.exc_info[1], OperationalError), record.exc_info
    email.refresh_from_db()
    assert email.sent_at is None and email.attempts == 0
    assert not celery_worker.mail_files()

    # The broker is back: the beat sweep, run by the real worker, sends what was left.
    send_pending_emails.delay()
    celery_worker.wait_for(
        lambda: OutgoingEmail.objects.filter(pk=email.pk, sent_at__isnull=False).exists(),
        what="the beat sweep to deliver the waiting mail",
    )
    (mail_file,) = celery_worker.wait_for(celery_worker.mail_files, what="the mail file")
    assert "Subject: Proposal accepted" in mail_file.read_text()
    assert "portal.tasks.send_pending_emails" in celery_worker.log()


def test_the_confirmation_is_rendered_by_the_worker_after_the_seat_lock_is_released(celery_worker):
    """Under the event's row lock the request writes one outbox row by reference; the QR code, the
    calendar file and the templates are made by the worker, once the lock is gone."""
    from django.db import connections

    from events.models import Event
    from events.services import registrations
    from tests.factories import EventFactory, UserFactory

    event, resident = EventFactory(capacity=5), UserFactory()
    with transaction.atomic():
        registration = registrations.register(user=resident, event=event)
        queued = OutgoingEmail.objects.get(to=resident.email)
        assert queued.message == "events.confirmation" and queued.body == "" and queued.attachments == []
        # The seat lock is held here: another connection cannot take the event row.
        other = connections.create_connection("default")
        try:
            with other.cursor() as cursor:
                cursor.execute("SET lock_timeout = '100ms'")
                with pytest.raises(Exception, match="lock"):
                    cursor.execute(f"SELECT id FROM {Event._meta.db_table} WHERE id = %s FOR UPDATE", [event.pk])
        finally:
            other.close()

    sent = celery_worker.wait_for(
        lambda: OutgoingEmail.objects.filter(pk=queued.pk, sent_at__isnull=False).first(),
        what="the worker to render and send the confirmation",
    )
    assert registration.ticket_code in sent.body and sent.html_body
    assert {a["filename"] for a in sent.attachments} == {f"ticket-{registration.ticket_code}.png", f"{event.slug}.ics"}
