"""The event page leads each person to what they can do next: evaluate, or (staff) run the event."""

import pytest

from tests.factories import EventFactory, UserFactory, attendee_of, make_staff, past_event
from tests.utils import client_for

pytestmark = pytest.mark.django_db


def test_an_attendee_of_a_past_event_is_invited_to_evaluate_it():
    event = past_event()
    attendee = attendee_of(event)
    page = client_for(attendee).get(event.get_absolute_url()).content.decode()
    assert f"/events/{event.slug}/evaluate/" in page


def test_someone_who_did_not_attend_is_not_invited_to_evaluate():
    event = past_event()
    attendee_of(event)
    page = client_for(UserFactory()).get(event.get_absolute_url()).content.decode()
    assert "/evaluate/" not in page


def test_staff_of_the_organizer_see_the_tools_to_run_the_event():
    event = EventFactory()
    staff = make_staff(event.organizer)
    page = client_for(staff).get(event.get_absolute_url()).content.decode()
    for path in ("check-in/", "volunteers/", "feedback/"):
        assert f"/events/{event.slug}/{path}" in page
    resident_page = client_for(UserFactory()).get(event.get_absolute_url()).content.decode()
    assert f"/events/{event.slug}/feedback/" not in resident_page
