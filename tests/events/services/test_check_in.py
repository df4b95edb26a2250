"""Checking tickets in at the door (the service)."""

from datetime import datetime

import pytest
from django.utils import timezone

from events.errors import RegistrationError
from events.models import Registration
from events.services import check_in, event_changes, registrations
from tests.factories import (
    EventFactory,
    OrganizerFactory,
    UserFactory,
    at_the_door,
    make_staff,
)

pytestmark = pytest.mark.django_db


def refused(expected, function, **kwargs):
    with pytest.raises(RegistrationError) as info:
        function(**kwargs)
    assert info.value.code == expected, info.value.message
    return str(info.value.message)


# --- check_in() ------------------------------------------------------------------------------------------


def test_check_in_outcomes(organizer, staff, resident):
    event = at_the_door(organizer=organizer)
    registration = registrations.register(user=resident, event=event)
    refused("forbidden", check_in.check_in, code=registration.ticket_code, by_user=resident)
    refused("not_found", check_in.check_in, code="nope", by_user=staff)
    refused("not_found", check_in.check_in, code=registration.ticket_code, by_user=make_staff(OrganizerFactory()))
    other_event = EventFactory(organizer=event.organizer)
    message = refused("wrong_event", check_in.check_in, code=registration.ticket_code, by_user=staff, event=other_event)
    assert message == f"This ticket is for another event: {event.title_en}."

    checked = check_in.check_in(code=registration.ticket_code, by_user=staff, event=event)
    assert checked.checked_in_at and checked.checked_in_by == staff

    Registration.objects.filter(pk=registration.pk).update(
        checked_in_at=timezone.make_aware(datetime(2026, 5, 1, 19, 2))
    )
    message = refused("already_checked_in", check_in.check_in, code=registration.ticket_code, by_user=staff)
    assert message == "Already checked in at 19:02."


def test_check_in_refuses_cancelled_and_waitlisted_tickets(staff):
    event = EventFactory(capacity=1, organizer=staff.organizers.get())
    first = registrations.register(user=UserFactory(), event=event)
    waiting = registrations.register(user=UserFactory(), event=event)
    refused("waitlisted", check_in.check_in, code=waiting.ticket_code, by_user=staff)
    registrations.cancel_registration(registration=waiting, by_user=waiting.user)
    assert "cancelled on" in refused("cancelled", check_in.check_in, code=waiting.ticket_code, by_user=staff)
    event_changes.cancel_event(event=event, reason="Snow", by_user=staff)
    assert "Snow" in refused("cancelled", check_in.check_in, code=first.ticket_code, by_user=staff)
