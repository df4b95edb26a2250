"""The business rules of events: every refusal code, seats, the waiting list, check-in and no-shows."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import IntegrityError
from django.db.transaction import TransactionManagementError
from django.utils import timezone

from events.errors import RegistrationError
from events.models import Event, Registration
from events.services import event_changes, registrations
from tests.factories import (
    EventFactory,
    OrganizerFactory,
    RegistrationFactory,
    UserFactory,
    in_days,
    make_staff,
    resident_of,
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


# --- register() -----------------------------------------------------------------------------------------


def test_register_confirms_and_writes_a_confirmation(event, resident):
    registration = registrations.register(user=resident, event=event, party_size=1)
    assert registration.status == CONFIRMED and not registration.assisted
    assert mail_as_sent().filter(to=resident.email, body__contains=registration.ticket_code).exists()


def test_register_requires_a_verified_address(event):
    message = refused("email_unverified", registrations.register, user=UserFactory(verified=False), event=event)
    assert "confirm your email" in message


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"status": "draft"}, "not_published"),
        ({"status": "cancelled", "cancellation_reason": "Storm"}, "cancelled"),
        ({"registration_opens": in_days(2)}, "not_open_yet"),
        ({"registration_closes": timezone.now() - timedelta(minutes=1)}, "closed"),
        ({"start": timezone.now() - timedelta(minutes=5), "end": in_days(1)}, "closed"),
        ({"start": in_days(-2), "end": in_days(-2, hours=2)}, "past"),
    ],
)
def test_register_refuses_outside_the_window(resident, changes, code):
    event = EventFactory(**changes)
    message = refused(code, registrations.register, user=resident, event=event)
    if code == "not_open_yet":
        assert "Registration opens on" in message


def test_register_party_size_limits(event, resident):
    refused("party_size", registrations.register, user=resident, event=event, party_size=0)
    refused("party_size", registrations.register, user=resident, event=event, party_size=2)
    event.max_party_size = 4
    event.save()
    assert registrations.register(user=resident, event=event, party_size=4).party_size == 4


def test_register_twice_is_refused(event, resident):
    registrations.register(user=resident, event=event)
    refused("already_registered", registrations.register, user=resident, event=event)


def test_the_unique_constraint_is_the_last_line(event, resident):
    with mock.patch.object(Registration.objects, "create", side_effect=IntegrityError("unique")):
        refused("already_registered", registrations.register, user=resident, event=event)


def test_full_event_waitlists_then_refuses(english_resident):
    resident = english_resident
    event = EventFactory(capacity=1, waitlist_limit=1)
    assert registrations.register(user=UserFactory(), event=event).status == CONFIRMED
    assert registrations.register(user=resident, event=event).status == WAITLISTED
    assert "waiting list" in mail_as_sent().filter(to=resident.email).get().body
    assert refused("full", registrations.register, user=UserFactory(), event=event) == "Sorry, this event is full."


def test_full_event_without_waitlist_refuses():
    event = EventFactory(capacity=1, waitlist_enabled=False)
    registrations.register(user=UserFactory(), event=event)
    refused("full", registrations.register, user=UserFactory(), event=event)


def test_party_larger_than_the_seats_left_is_waitlisted():
    event = EventFactory(capacity=3, max_party_size=3)
    registrations.register(user=UserFactory(), event=event, party_size=2)
    assert registrations.register(user=UserFactory(), event=event, party_size=2).status == WAITLISTED


def test_unlimited_capacity_always_confirms():
    event = EventFactory(capacity=None)
    for _ in range(5):
        assert registrations.register(user=UserFactory(), event=event).status == CONFIRMED
    assert event.seats_left is None


def test_assisted_registration_by_staff(event, staff):
    resident = resident_of(event.organizer.district, verified=False)  # at the counter: staff know the person
    refused("consent_required", registrations.register, user=resident, event=event, assisted_by=staff)
    registration = registrations.register(user=resident, event=event, assisted_by=staff, consent_noted=True)
    assert registration.assisted and registration.registered_by == staff and registration.consent_noted
    other_staff = make_staff(OrganizerFactory())
    refused(
        "forbidden",
        registrations.register,
        user=UserFactory(),
        event=event,
        assisted_by=other_staff,
        consent_noted=True,
    )
    # Staff of the event's organizer serve only residents of the districts their organizers serve.
    refused("forbidden", registrations.register, user=UserFactory(), event=event, assisted_by=staff, consent_noted=True)


@pytest.mark.django_db(transaction=True)
def test_lock_event_needs_a_transaction(event):
    with pytest.raises(TransactionManagementError):
        registrations.lock_event(event.pk)


# --- cancel_registration() and the waiting list --------------------------------------------------------


def test_cancel_frees_the_seat_for_the_first_waitlisted():
    event = EventFactory(capacity=1)
    first = registrations.register(user=UserFactory(), event=event)
    waiting = [registrations.register(user=UserFactory(), event=event) for _ in range(2)]
    registrations.cancel_registration(registration=first, by_user=first.user)
    first.refresh_from_db()
    assert first.status == CANCELLED and first.cancelled_at
    statuses = [Registration.objects.get(pk=r.pk).status for r in waiting]
    assert statuses == [CONFIRMED, WAITLISTED]
    promoted = Registration.objects.get(pk=waiting[0].pk)
    assert promoted.promoted_at
    # residents without a preferred language are written to in the site language, Chinese
    assert mail_as_sent().filter(to=promoted.user.email, subject__contains="有名额空出").exists()


def test_promotion_order_skips_parties_that_do_not_fit():
    event = EventFactory(capacity=2, max_party_size=2)
    a = registrations.register(user=UserFactory(), event=event)
    e = registrations.register(user=UserFactory(), event=event)
    big = registrations.register(user=UserFactory(), event=event, party_size=2)
    c = registrations.register(user=UserFactory(), event=event)
    d = registrations.register(user=UserFactory(), event=event)
    assert {r.status for r in (big, c, d)} == {WAITLISTED}

    registrations.cancel_registration(registration=a, by_user=a.user)  # one seat: the pair does not fit, c does
    status = lambda r: Registration.objects.get(pk=r.pk).status  # noqa: E731
    assert (status(big), status(c), status(d)) == (WAITLISTED, CONFIRMED, WAITLISTED)

    registrations.cancel_registration(registration=c, by_user=c.user)  # one seat again: d, the pair still waits
    assert (status(big), status(d)) == (WAITLISTED, CONFIRMED)

    registrations.cancel_registration(registration=e, by_user=e.user)
    registrations.cancel_registration(registration=d, by_user=d.user)  # two seats: the pair, first in line
    assert status(big) == CONFIRMED


def test_cancel_rules(event, resident, staff):
    registration = registrations.register(user=resident, event=event)
    refused("forbidden", registrations.cancel_registration, registration=registration, by_user=UserFactory())
    registrations.cancel_registration(registration=registration, by_user=staff)  # staff may, for the resident
    refused("already_cancelled", registrations.cancel_registration, registration=registration, by_user=resident)
    # cancelled in time: the resident may register again
    assert registrations.register(user=resident, event=event).status == CONFIRMED


def test_cancel_after_the_deadline_is_too_late_for_confirmed_places(resident, staff):
    event = EventFactory(capacity=1, organizer=staff.organizers.get(), cancellation_deadline=in_days(1))
    confirmed = registrations.register(user=resident, event=event)
    waiting = registrations.register(user=UserFactory(), event=event)
    Event.objects.filter(pk=event.pk).update(cancellation_deadline=timezone.now() - timedelta(hours=1))
    message = refused("too_late", registrations.cancel_registration, registration=confirmed, by_user=resident)
    assert "could be given back until" in message
    registrations.cancel_registration(registration=waiting, by_user=waiting.user)  # a waiting place: always
    registrations.cancel_registration(registration=confirmed, by_user=staff)  # staff: always


def test_nobody_is_promoted_once_registration_closed(staff):
    event = EventFactory(capacity=1, organizer=staff.organizers.get())
    waiting = RegistrationFactory(event=event, status=WAITLISTED)
    Event.objects.filter(pk=event.pk).update(registration_closes=timezone.now() - timedelta(minutes=1))
    event.refresh_from_db()
    event.capacity = 5
    event_changes.save_event(event=event, by_user=staff)
    assert Registration.objects.get(pk=waiting.pk).status == WAITLISTED
