"""The business rules of events: every refusal code, seats, the waiting list, check-in and no-shows."""

from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.transaction import TransactionManagementError
from django.utils import timezone

from events import services
from events.models import Event, EventSeries, NoShowPenalty, Registration
from events.services import RegistrationError
from portal.models import OutgoingEmail
from tests.factories import (
    EventFactory,
    OrganizerFactory,
    RegistrationFactory,
    UserFactory,
    at_the_door,
    in_days,
    make_staff,
    resident_of,
)

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


# --- Event model rules ------------------------------------------------------------------------------------


def test_slug_from_english_title_with_random_suffix():
    event = EventFactory(title_en="Spring Opera Night", title_zh_hans="春季戏曲之夜")
    assert event.slug.startswith("spring-opera-night-") and len(event.slug) == len("spring-opera-night-") + 6
    other = EventFactory(title_en="Spring Opera Night")
    assert other.slug != event.slug
    assert EventFactory(title_en="", title_zh_hans="只有中文").slug.startswith("event-")


def test_description_is_sanitised_on_save():
    event = EventFactory(
        description_en='<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:alert(1)">x</a>'
        '<a href="https://example.org" target="_blank">ok</a><img src=x><h2>Plan</h2></p>',
        description_zh_hans="<ul><li><strong>一</strong></li></ul><style>p{}</style>",
    )
    event.refresh_from_db()
    assert "script" not in event.description_en and "onclick" not in event.description_en
    assert "javascript" not in event.description_en and "<img" not in event.description_en
    assert 'href="https://example.org"' in event.description_en and "<h2>Plan</h2>" in event.description_en
    assert event.description_zh_hans == "<ul><li><strong>一</strong></li></ul>"


def test_clean_requires_end_after_start_and_a_reason_to_cancel():
    event = EventFactory.build(start=in_days(3), end=in_days(3, hours=-1), status="cancelled")
    with pytest.raises(ValidationError) as info:
        event.clean()
    assert set(info.value.message_dict) == {"end", "cancellation_reason"}


def test_database_constraints():
    registration = RegistrationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(user=registration.user, event=registration.event, status=WAITLISTED)
    # a cancelled registration does not block a new one
    RegistrationFactory(user=registration.user, event=registration.event, status=CANCELLED)
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(party_size=0)
    assert len(registration.ticket_code) >= 22  # 128 random bits


def test_seats_and_registration_open(event):
    RegistrationFactory(event=event, party_size=3)
    RegistrationFactory(event=event, status=WAITLISTED)
    RegistrationFactory(event=event, status=CANCELLED, party_size=4)
    assert event.seats_taken == 3 and event.seats_left == 7
    assert event.registration_open and event.registration_closed_reason() is None
    annotated = Event.objects.with_counts().get(pk=event.pk)
    assert annotated.confirmed_seats == 3 and annotated.waitlisted_count == 1
    event.capacity, event.waitlist_enabled = 3, False
    assert event.registration_closed_reason() == "This event is full."
    assert not past_event().registration_open and past_event().is_past


# --- register() -----------------------------------------------------------------------------------------


def test_register_confirms_and_writes_a_confirmation(event, resident):
    registration = services.register(user=resident, event=event, party_size=1)
    assert registration.status == CONFIRMED and not registration.assisted
    assert OutgoingEmail.objects.filter(to=resident.email, body__contains=registration.ticket_code).exists()


def test_register_requires_a_verified_address(event):
    message = refused("email_unverified", services.register, user=UserFactory(verified=False), event=event)
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
    message = refused(code, services.register, user=resident, event=event)
    if code == "not_open_yet":
        assert "Registration opens on" in message


def test_register_party_size_limits(event, resident):
    refused("party_size", services.register, user=resident, event=event, party_size=0)
    refused("party_size", services.register, user=resident, event=event, party_size=2)
    event.max_party_size = 4
    event.save()
    assert services.register(user=resident, event=event, party_size=4).party_size == 4


def test_register_twice_is_refused(event, resident):
    services.register(user=resident, event=event)
    refused("already_registered", services.register, user=resident, event=event)


def test_the_unique_constraint_is_the_last_line(event, resident):
    with mock.patch.object(Registration.objects, "create", side_effect=IntegrityError("unique")):
        refused("already_registered", services.register, user=resident, event=event)


def test_full_event_waitlists_then_refuses(english_resident):
    resident = english_resident
    event = EventFactory(capacity=1, waitlist_limit=1)
    assert services.register(user=UserFactory(), event=event).status == CONFIRMED
    assert services.register(user=resident, event=event).status == WAITLISTED
    assert "waiting list" in OutgoingEmail.objects.filter(to=resident.email).get().body
    assert refused("full", services.register, user=UserFactory(), event=event) == "Sorry, this event is full."


def test_full_event_without_waitlist_refuses():
    event = EventFactory(capacity=1, waitlist_enabled=False)
    services.register(user=UserFactory(), event=event)
    refused("full", services.register, user=UserFactory(), event=event)


def test_party_larger_than_the_seats_left_is_waitlisted():
    event = EventFactory(capacity=3, max_party_size=3)
    services.register(user=UserFactory(), event=event, party_size=2)
    assert services.register(user=UserFactory(), event=event, party_size=2).status == WAITLISTED


def test_unlimited_capacity_always_confirms():
    event = EventFactory(capacity=None)
    for _ in range(5):
        assert services.register(user=UserFactory(), event=event).status == CONFIRMED
    assert event.seats_left is None


def test_assisted_registration_by_staff(event, staff):
    resident = resident_of(event.organizer.district, verified=False)  # at the counter: staff know the person
    refused("consent_required", services.register, user=resident, event=event, assisted_by=staff)
    registration = services.register(user=resident, event=event, assisted_by=staff, consent_noted=True)
    assert registration.assisted and registration.registered_by == staff and registration.consent_noted
    other_staff = make_staff(OrganizerFactory())
    refused(
        "forbidden", services.register, user=UserFactory(), event=event, assisted_by=other_staff, consent_noted=True
    )
    # Staff of the event's organizer serve only residents of the districts their organizers serve.
    refused("forbidden", services.register, user=UserFactory(), event=event, assisted_by=staff, consent_noted=True)


@pytest.mark.django_db(transaction=True)
def test_lock_event_needs_a_transaction(event):
    with pytest.raises(TransactionManagementError):
        services.lock_event(event.pk)


# --- cancel_registration() and the waiting list --------------------------------------------------------


def test_cancel_frees_the_seat_for_the_first_waitlisted():
    event = EventFactory(capacity=1)
    first = services.register(user=UserFactory(), event=event)
    waiting = [services.register(user=UserFactory(), event=event) for _ in range(2)]
    services.cancel_registration(registration=first, by_user=first.user)
    first.refresh_from_db()
    assert first.status == CANCELLED and first.cancelled_at
    statuses = [Registration.objects.get(pk=r.pk).status for r in waiting]
    assert statuses == [CONFIRMED, WAITLISTED]
    promoted = Registration.objects.get(pk=waiting[0].pk)
    assert promoted.promoted_at
    # residents without a preferred language are written to in the site language, Chinese
    assert OutgoingEmail.objects.filter(to=promoted.user.email, subject__contains="有名额空出").exists()


def test_promotion_order_skips_parties_that_do_not_fit():
    event = EventFactory(capacity=2, max_party_size=2)
    a = services.register(user=UserFactory(), event=event)
    e = services.register(user=UserFactory(), event=event)
    big = services.register(user=UserFactory(), event=event, party_size=2)
    c = services.register(user=UserFactory(), event=event)
    d = services.register(user=UserFactory(), event=event)
    assert {r.status for r in (big, c, d)} == {WAITLISTED}

    services.cancel_registration(registration=a, by_user=a.user)  # one seat: the pair does not fit, c does
    status = lambda r: Registration.objects.get(pk=r.pk).status  # noqa: E731
    assert (status(big), status(c), status(d)) == (WAITLISTED, CONFIRMED, WAITLISTED)

    services.cancel_registration(registration=c, by_user=c.user)  # one seat again: d, the pair still waits
    assert (status(big), status(d)) == (WAITLISTED, CONFIRMED)

    services.cancel_registration(registration=e, by_user=e.user)
    services.cancel_registration(registration=d, by_user=d.user)  # two seats: the pair, first in line
    assert status(big) == CONFIRMED


def test_cancel_rules(event, resident, staff):
    registration = services.register(user=resident, event=event)
    refused("forbidden", services.cancel_registration, registration=registration, by_user=UserFactory())
    services.cancel_registration(registration=registration, by_user=staff)  # staff may, for the resident
    refused("already_cancelled", services.cancel_registration, registration=registration, by_user=resident)
    # cancelled in time: the resident may register again
    assert services.register(user=resident, event=event).status == CONFIRMED


def test_cancel_after_the_deadline_is_too_late_for_confirmed_places(resident, staff):
    event = EventFactory(capacity=1, organizer=staff.organizers.get(), cancellation_deadline=in_days(1))
    confirmed = services.register(user=resident, event=event)
    waiting = services.register(user=UserFactory(), event=event)
    Event.objects.filter(pk=event.pk).update(cancellation_deadline=timezone.now() - timedelta(hours=1))
    message = refused("too_late", services.cancel_registration, registration=confirmed, by_user=resident)
    assert "could be given back until" in message
    services.cancel_registration(registration=waiting, by_user=waiting.user)  # a waiting place: always
    services.cancel_registration(registration=confirmed, by_user=staff)  # staff: always


def test_promote_waitlist_does_nothing_once_registration_closed():
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event, status=WAITLISTED)
    Event.objects.filter(pk=event.pk).update(capacity=5, registration_closes=timezone.now() - timedelta(minutes=1))
    assert services.promote_waitlist(event=event) == []


# --- save_event(): capacity, sequence, notifications ---------------------------------------------------


def test_raising_capacity_promotes_and_lowering_cancels_nobody(staff):
    event = EventFactory(capacity=2, organizer=staff.organizers.get())
    confirmed = [services.register(user=UserFactory(), event=event) for _ in range(2)]
    waiting = [services.register(user=UserFactory(), event=event) for _ in range(2)]

    services.update_capacity(event=event, capacity=3, by_user=staff)
    assert [Registration.objects.get(pk=r.pk).status for r in waiting] == [CONFIRMED, WAITLISTED]

    services.update_capacity(event=event, capacity=1, by_user=staff)
    assert all(Registration.objects.get(pk=r.pk).status == CONFIRMED for r in [*confirmed, waiting[0]])
    assert event.seats_left == 0


def test_schedule_changes_raise_the_sequence_and_tell_registrants(event, staff, english_resident):
    registration = services.register(user=english_resident, event=event)
    cancelled = services.register(user=UserFactory(), event=event)
    services.cancel_registration(registration=cancelled, by_user=cancelled.user)
    OutgoingEmail.objects.all().delete()

    event.title_en = "New title"
    services.save_event(event=event, by_user=staff)
    assert event.sequence == 0 and not OutgoingEmail.objects.exists()

    old_start = event.start
    event.start, event.end = event.start + timedelta(days=1), event.end + timedelta(days=1)
    services.save_event(event=event, by_user=staff)
    event.refresh_from_db()
    assert event.sequence == 1
    email = OutgoingEmail.objects.get()
    assert email.to == registration.user.email and email.subject == "Changed: New title"
    assert timezone.localtime(old_start).strftime("%Y") in email.body and "Was:" in email.body


def test_save_event_refuses_other_organizers_and_invalid_events(event):
    refused("forbidden", services.save_event, event=event, by_user=make_staff(OrganizerFactory()))
    event.end = event.start
    refused("invalid", services.save_event, event=event)


def test_publish_stamps_published_at(staff):
    event = EventFactory(status="draft", organizer=staff.organizers.get())
    services.publish_event(event=event, by_user=staff)
    event.refresh_from_db()
    assert event.status == "published" and event.published_at and event.sequence == 1


def test_cancel_event_tells_every_active_registrant(event, staff):
    people = [services.register(user=UserFactory(), event=event) for _ in range(2)]
    gone = services.register(user=UserFactory(), event=event)
    services.cancel_registration(registration=gone, by_user=gone.user)
    OutgoingEmail.objects.all().delete()

    refused("invalid", services.cancel_event, event=event, reason=" ", by_user=staff)
    services.cancel_event(event=event, reason="The hall is flooded.", by_user=staff)
    event.refresh_from_db()
    assert event.status == "cancelled" and event.cancellation_reason == "The hall is flooded." and event.sequence == 1
    assert sorted(OutgoingEmail.objects.values_list("to", flat=True)) == sorted(p.user.email for p in people)
    assert all("The hall is flooded." in body for body in OutgoingEmail.objects.values_list("body", flat=True))
    refused("cancelled", services.cancel_event, event=event, reason="again", by_user=staff)
    refused("cancelled", services.publish_event, event=event, by_user=staff)


def test_duplicate_and_weekly_series(event, staff):
    RegistrationFactory(event=event)
    copy = services.duplicate_event(event=event, by_user=staff)
    assert copy.pk != event.pk and copy.status == "draft" and copy.slug != event.slug
    assert copy.title_en == event.title_en and not copy.registrations.exists()

    occurrences = services.create_weekly_series(event=event, weeks=4, by_user=staff)
    event.refresh_from_db()
    assert len(occurrences) == 3 and event.series is not None
    assert EventSeries.objects.get().events.count() == 4
    assert [o.start - event.start for o in occurrences] == [timedelta(weeks=n) for n in (1, 2, 3)]
    assert all(o.status == "published" for o in occurrences)
    refused("invalid", services.create_weekly_series, event=event, weeks=1, by_user=staff)


def test_message_attendees(event, staff):
    services.register(user=UserFactory(), event=event)
    OutgoingEmail.objects.all().delete()
    assert services.message_attendees(event=event, subject="Bring a coat", body="It is cold.", by_user=staff) == 1
    assert "It is cold." in OutgoingEmail.objects.get().body
    refused("invalid", services.message_attendees, event=event, subject="", body="x", by_user=staff)


# --- check_in() ------------------------------------------------------------------------------------------


def test_check_in_outcomes(organizer, staff, resident):
    event = at_the_door(organizer=organizer)
    registration = services.register(user=resident, event=event)
    refused("forbidden", services.check_in, code=registration.ticket_code, by_user=resident)
    refused("not_found", services.check_in, code="nope", by_user=staff)
    refused("not_found", services.check_in, code=registration.ticket_code, by_user=make_staff(OrganizerFactory()))
    other_event = EventFactory(organizer=event.organizer)
    message = refused("wrong_event", services.check_in, code=registration.ticket_code, by_user=staff, event=other_event)
    assert message == f"This ticket is for another event: {event.title_en}."

    checked = services.check_in(code=registration.ticket_code, by_user=staff, event=event)
    assert checked.checked_in_at and checked.checked_in_by == staff

    Registration.objects.filter(pk=registration.pk).update(
        checked_in_at=timezone.make_aware(datetime(2026, 5, 1, 19, 2))
    )
    message = refused("already_checked_in", services.check_in, code=registration.ticket_code, by_user=staff)
    assert message == "Already checked in at 19:02."


def test_check_in_refuses_cancelled_and_waitlisted_tickets(staff):
    event = EventFactory(capacity=1, organizer=staff.organizers.get())
    first = services.register(user=UserFactory(), event=event)
    waiting = services.register(user=UserFactory(), event=event)
    refused("waitlisted", services.check_in, code=waiting.ticket_code, by_user=staff)
    services.cancel_registration(registration=waiting, by_user=waiting.user)
    assert "cancelled on" in refused("cancelled", services.check_in, code=waiting.ticket_code, by_user=staff)
    services.cancel_event(event=event, reason="Snow", by_user=staff)
    assert "Snow" in refused("cancelled", services.check_in, code=first.ticket_code, by_user=staff)


# --- no-shows and the penalty ----------------------------------------------------------------------------


def ended_with_check_in(user, **kwargs):
    event = past_event(**kwargs)
    RegistrationFactory(event=event, checked_in_at=timezone.now())
    return event, RegistrationFactory(event=event, user=user)


def test_mark_no_shows_only_after_the_end_and_only_when_check_in_was_used(resident):
    upcoming = EventFactory()
    RegistrationFactory(event=upcoming, user=resident)
    RegistrationFactory(event=upcoming, checked_in_at=timezone.now())
    assert services.mark_no_shows(event=upcoming) == 0

    no_check_in = past_event()
    RegistrationFactory(event=no_check_in, user=resident)
    assert services.mark_no_shows(event=no_check_in) == 0

    event, missed = ended_with_check_in(resident)
    cancelled_in_time = RegistrationFactory(event=event, status=CANCELLED)
    assert services.mark_no_shows(event=event) == 1
    assert services.mark_no_shows(event=event) == 0  # idempotent
    missed.refresh_from_db()
    cancelled_in_time.refresh_from_db()
    assert missed.no_show and not cancelled_in_time.no_show
    assert not NoShowPenalty.objects.exists()  # one no-show is not enough


def test_two_no_shows_bring_a_penalty_for_events_in_demand(resident, settings):
    for _ in range(2):
        event, _registration = ended_with_check_in(resident)
        services.mark_no_shows(event=event)
    penalty = NoShowPenalty.objects.get(user=resident)
    assert penalty.no_shows == 2 and penalty.in_force
    assert (penalty.until - timezone.now()).days in (29, 30)
    assert OutgoingEmail.objects.filter(to=resident.email, subject__contains="报名受限").exists()

    in_demand = EventFactory(capacity=10)
    for _ in range(9):
        RegistrationFactory(event=in_demand)  # 1 seat left of 10: below 20 %
    message = refused("no_show_penalty", services.register, user=resident, event=in_demand)
    assert timezone.localtime(penalty.until).strftime("%Y") in message and "until" in message

    with_waitlist = EventFactory(capacity=50)
    RegistrationFactory(event=with_waitlist, status=WAITLISTED)
    refused("no_show_penalty", services.register, user=resident, event=with_waitlist)

    # events with plenty of seats, or unlimited ones, stay open to them
    assert services.register(user=resident, event=EventFactory(capacity=10)).status == CONFIRMED
    assert services.register(user=resident, event=EventFactory(capacity=None)).status == CONFIRMED

    settings.EVENTS_NO_SHOW_POLICY = False
    assert services.register(user=resident, event=in_demand).status == CONFIRMED


def test_waiver_lifts_the_penalty_and_old_no_shows_do_not_count_again(resident, staff):
    events = []
    for _ in range(2):
        event, _registration = ended_with_check_in(resident)
        services.mark_no_shows(event=event)
        events.append(event)
    refused("forbidden", services.waive_no_show_penalty, user=resident, by_user=UserFactory())
    assert services.waive_no_show_penalty(user=resident, by_user=staff) == 1
    penalty = NoShowPenalty.objects.get()
    assert penalty.waived_by == staff and not penalty.in_force

    assert services.apply_no_show_policy(user_id=resident.pk) is None
    full = EventFactory(capacity=1)
    RegistrationFactory(event=full)
    assert services.register(user=resident, event=full).status == WAITLISTED


def test_check_in_closes_when_the_event_ends_so_a_no_show_stays_one(resident, staff):
    event, registration = ended_with_check_in(resident, organizer=staff.organizers.get())
    services.mark_no_shows(event=event)
    refused("over", services.check_in, code=registration.ticket_code, by_user=staff)
    registration.refresh_from_db()
    assert registration.no_show and registration.checked_in_at is None
