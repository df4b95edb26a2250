"""Organizers' changes to an event: capacity, schedule, publish, cancel, duplicate, series, messages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.errors import RegistrationError
from events.models import EventSeries, Registration
from events.services import event_changes, registrations
from portal.models import OutgoingEmail
from tests.factories import (
    EventFactory,
    OrganizerFactory,
    RegistrationFactory,
    UserFactory,
    in_days,
    make_staff,
)
from tests.utils import mail_as_sent

pytestmark = pytest.mark.django_db

CONFIRMED, WAITLISTED, CANCELLED = (
    Registration.Status.CONFIRMED,
    Registration.Status.WAITLISTED,
    Registration.Status.CANCELLED,
)


def refused(expected, function, **kwargs):
    with pytest.raises(RegistrationError) as info:
        function(**kwargs)
    assert info.value.code == expected, info.value.message
    return str(info.value.message)


# --- save_event(): capacity, sequence, notifications ---------------------------------------------------


def test_raising_capacity_promotes_and_lowering_cancels_nobody(staff):
    event = EventFactory(capacity=2, organizer=staff.organizers.get())
    confirmed = [registrations.register(user=UserFactory(), event=event) for _ in range(2)]
    waiting = [registrations.register(user=UserFactory(), event=event) for _ in range(2)]

    event.capacity = 3
    event_changes.save_event(event=event, by_user=staff)
    assert [Registration.objects.get(pk=r.pk).status for r in waiting] == [CONFIRMED, WAITLISTED]

    event.capacity = 1
    event_changes.save_event(event=event, by_user=staff)
    assert all(Registration.objects.get(pk=r.pk).status == CONFIRMED for r in [*confirmed, waiting[0]])
    assert event.seats_left == 0


def test_schedule_changes_raise_the_sequence_and_tell_registrants(event, staff, english_resident):
    registration = registrations.register(user=english_resident, event=event)
    cancelled = registrations.register(user=UserFactory(), event=event)
    registrations.cancel_registration(registration=cancelled, by_user=cancelled.user)
    OutgoingEmail.objects.all().delete()

    event.title_en = "New title"
    event_changes.save_event(event=event, by_user=staff)
    assert event.sequence == 0 and not OutgoingEmail.objects.exists()

    old_start = event.start
    event.start, event.end = event.start + timedelta(days=1), event.end + timedelta(days=1)
    event_changes.save_event(event=event, by_user=staff)
    event.refresh_from_db()
    assert event.sequence == 1
    email = mail_as_sent().get()
    assert email.to == registration.user.email and email.subject == "Changed: New title"
    assert timezone.localtime(old_start).strftime("%Y") in email.body and "Was:" in email.body


def test_save_event_refuses_other_organizers_and_invalid_events(event):
    refused("forbidden", event_changes.save_event, event=event, by_user=make_staff(OrganizerFactory()))
    event.end = event.start
    refused("invalid", event_changes.save_event, event=event)


def test_publish_stamps_published_at(staff):
    event = EventFactory(status="draft", organizer=staff.organizers.get())
    event_changes.publish_event(event=event, by_user=staff)
    event.refresh_from_db()
    assert event.status == "published" and event.published_at and event.sequence == 1


def test_cancel_event_tells_every_active_registrant(event, staff):
    people = [registrations.register(user=UserFactory(), event=event) for _ in range(2)]
    gone = registrations.register(user=UserFactory(), event=event)
    registrations.cancel_registration(registration=gone, by_user=gone.user)
    OutgoingEmail.objects.all().delete()

    refused("invalid", event_changes.cancel_event, event=event, reason=" ", by_user=staff)
    event_changes.cancel_event(event=event, reason="The hall is flooded.", by_user=staff)
    event.refresh_from_db()
    assert event.status == "cancelled" and event.cancellation_reason == "The hall is flooded." and event.sequence == 1
    assert sorted(mail_as_sent().values_list("to", flat=True)) == sorted(p.user.email for p in people)
    assert all("The hall is flooded." in body for body in mail_as_sent().values_list("body", flat=True))
    refused("cancelled", event_changes.cancel_event, event=event, reason="again", by_user=staff)
    refused("cancelled", event_changes.publish_event, event=event, by_user=staff)


def test_duplicate_and_weekly_series(event, staff):
    RegistrationFactory(event=event)
    copy = event_changes.duplicate_event(event=event, by_user=staff)
    assert copy.pk != event.pk and copy.status == "draft" and copy.slug != event.slug
    assert copy.title_en == event.title_en and not copy.registrations.exists()

    occurrences = event_changes.create_weekly_series(event=event, weeks=4, by_user=staff)
    event.refresh_from_db()
    assert len(occurrences) == 3 and event.series is not None
    assert EventSeries.objects.get().events.count() == 4
    assert [o.start - event.start for o in occurrences] == [timedelta(weeks=n) for n in (1, 2, 3)]
    assert all(o.status == "published" for o in occurrences)
    refused("invalid", event_changes.create_weekly_series, event=event, weeks=1, by_user=staff)


def test_message_attendees(event, staff):
    registrations.register(user=UserFactory(), event=event)
    OutgoingEmail.objects.all().delete()
    assert event_changes.message_attendees(event=event, subject="Bring a coat", body="It is cold.", by_user=staff) == 1
    assert "It is cold." in mail_as_sent().get().body
    refused("invalid", event_changes.message_attendees, event=event, subject="", body="x", by_user=staff)


def test_registration_cannot_open_after_the_event_or_cancellation_close_after_it():
    event = EventFactory()
    event.registration_opens = event.end
    event.cancellation_deadline = in_days(30)
    with pytest.raises(RegistrationError) as refused:
        event_changes.save_event(event=event)
    assert refused.value.code == "invalid"
