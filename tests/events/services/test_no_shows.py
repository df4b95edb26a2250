"""No-shows after an event and the penalty for residents who often do not come."""

import pytest
from django.utils import timezone

from events.errors import RegistrationError
from events.models import NoShowPenalty, Registration
from events.services import check_in, no_shows, registrations
from tests.factories import (
    EventFactory,
    RegistrationFactory,
    UserFactory,
    in_days,
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


def past_event(**kwargs):
    return EventFactory(start=in_days(-1, hour=10), end=in_days(-1, hour=12), **kwargs)


# --- no-shows and the penalty ----------------------------------------------------------------------------


def ended_with_check_in(user, **kwargs):
    event = past_event(**kwargs)
    RegistrationFactory(event=event, checked_in_at=timezone.now())
    return event, RegistrationFactory(event=event, user=user)


def test_mark_no_shows_only_after_the_end_and_only_when_check_in_was_used(resident):
    upcoming = EventFactory()
    RegistrationFactory(event=upcoming, user=resident)
    RegistrationFactory(event=upcoming, checked_in_at=timezone.now())
    assert no_shows.mark_no_shows(event=upcoming) == 0

    no_check_in = past_event()
    RegistrationFactory(event=no_check_in, user=resident)
    assert no_shows.mark_no_shows(event=no_check_in) == 0

    event, missed = ended_with_check_in(resident)
    cancelled_in_time = RegistrationFactory(event=event, status=CANCELLED)
    assert no_shows.mark_no_shows(event=event) == 1
    assert no_shows.mark_no_shows(event=event) == 0  # idempotent
    missed.refresh_from_db()
    cancelled_in_time.refresh_from_db()
    assert missed.no_show and not cancelled_in_time.no_show
    assert not NoShowPenalty.objects.exists()  # one no-show is not enough


def test_two_no_shows_bring_a_penalty_for_events_in_demand(resident, settings):
    for _ in range(2):
        event, _registration = ended_with_check_in(resident)
        no_shows.mark_no_shows(event=event)
    penalty = NoShowPenalty.objects.get(user=resident)
    assert penalty.no_shows == 2 and penalty.in_force
    assert (penalty.until - timezone.now()).days in (29, 30)
    assert mail_as_sent().filter(to=resident.email, subject__contains="报名受限").exists()

    in_demand = EventFactory(capacity=10)
    for _ in range(9):
        RegistrationFactory(event=in_demand)  # 1 seat left of 10: below 20 %
    message = refused("no_show_penalty", registrations.register, user=resident, event=in_demand)
    assert timezone.localtime(penalty.until).strftime("%Y") in message and "until" in message

    with_waitlist = EventFactory(capacity=50)
    RegistrationFactory(event=with_waitlist, status=WAITLISTED)
    refused("no_show_penalty", registrations.register, user=resident, event=with_waitlist)

    # events with plenty of seats, or unlimited ones, stay open to them
    assert registrations.register(user=resident, event=EventFactory(capacity=10)).status == CONFIRMED
    assert registrations.register(user=resident, event=EventFactory(capacity=None)).status == CONFIRMED

    settings.EVENTS_NO_SHOW_POLICY = False
    assert registrations.register(user=resident, event=in_demand).status == CONFIRMED


def test_waiver_lifts_the_penalty_and_old_no_shows_do_not_count_again(resident, staff):
    events = []
    for _ in range(2):
        event, _registration = ended_with_check_in(resident)
        no_shows.mark_no_shows(event=event)
        events.append(event)
    refused("forbidden", no_shows.waive_no_show_penalty, user=resident, by_user=UserFactory())
    assert no_shows.waive_no_show_penalty(user=resident, by_user=staff) == 1
    penalty = NoShowPenalty.objects.get()
    assert penalty.waived_by == staff and not penalty.in_force

    assert no_shows.apply_no_show_policy(user_id=resident.pk) is None
    full = EventFactory(capacity=1)
    RegistrationFactory(event=full)
    assert registrations.register(user=resident, event=full).status == WAITLISTED


def test_check_in_closes_when_the_event_ends_so_a_no_show_stays_one(resident, staff):
    event, registration = ended_with_check_in(resident, organizer=staff.organizers.get())
    no_shows.mark_no_shows(event=event)
    refused("over", check_in.check_in, code=registration.ticket_code, by_user=staff)
    registration.refresh_from_db()
    assert registration.no_show and registration.checked_in_at is None
