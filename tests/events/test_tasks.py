"""Beat tasks and media tasks of the events app: idempotent, driven by the database state."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from events import tasks
from events.models import Registration
from portal.models import OutgoingEmail
from tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_reminders_are_sent_once_to_confirmed_registrations_of_events_within_a_day():
    soon = EventFactory(start=timezone.now() + timedelta(hours=20), end=timezone.now() + timedelta(hours=22))
    confirmed = RegistrationFactory(event=soon)
    RegistrationFactory(event=soon, status=Registration.Status.WAITLISTED)
    RegistrationFactory(event=soon, status=Registration.Status.CANCELLED)
    quiet = RegistrationFactory(event=soon)
    quiet.user.profile.event_reminders = False
    quiet.user.profile.save()
    later = RegistrationFactory(event=EventFactory(start=timezone.now() + timedelta(days=3)))
    cancelled_event = EventFactory(start=soon.start, end=soon.end, status="cancelled", cancellation_reason="Rain")
    RegistrationFactory(event=cancelled_event)

    assert tasks.send_event_reminders() == 1
    assert list(OutgoingEmail.objects.values_list("to", flat=True)) == [confirmed.user.email]
    confirmed.refresh_from_db()
    quiet.refresh_from_db()
    later.refresh_from_db()
    assert confirmed.reminded_at and quiet.reminded_at and later.reminded_at is None

    assert tasks.send_event_reminders() == 0  # sent once
    assert OutgoingEmail.objects.count() == 1


def test_no_shows_are_marked_by_the_beat_task():
    ended = EventFactory(start=timezone.now() - timedelta(hours=3), end=timezone.now() - timedelta(hours=1))
    RegistrationFactory(event=ended, checked_in_at=timezone.now() - timedelta(hours=2))
    missed = RegistrationFactory(event=ended)
    month_ago = timezone.now() - timedelta(days=30)
    long_ago = EventFactory(start=month_ago, end=month_ago + timedelta(hours=2))
    RegistrationFactory(event=long_ago, checked_in_at=long_ago.start)
    old_missed = RegistrationFactory(event=long_ago)
    running = EventFactory(start=timezone.now() - timedelta(hours=1), end=timezone.now() + timedelta(hours=1))
    RegistrationFactory(event=running, checked_in_at=timezone.now())
    not_yet = RegistrationFactory(event=running)

    assert tasks.mark_past_no_shows() == 1
    assert tasks.mark_past_no_shows() == 0
    missed.refresh_from_db()
    old_missed.refresh_from_db()
    not_yet.refresh_from_db()
    assert missed.no_show and not old_missed.no_show and not not_yet.no_show


def test_event_thumbnail_made_after_commit(django_capture_on_commit_callbacks):
    out = BytesIO()
    Image.new("RGB", (1200, 800), "teal").save(out, "JPEG")
    with django_capture_on_commit_callbacks(execute=True):
        event = EventFactory(image=SimpleUploadedFile("poster.jpg", out.getvalue(), content_type="image/jpeg"))
    event.refresh_from_db()
    assert event.image_thumbnail.name.startswith("public/events/thumbs/poster")
    assert event.image_thumbnail.width == 640
    tasks.make_event_thumbnail(event.pk)  # idempotent
    tasks.make_event_thumbnail(999999)  # a deleted event is no error
