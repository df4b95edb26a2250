"""Attendance has one rule (selectors/attendance.py): /me/ and the evaluation form agree on it."""

import pytest
from django.utils import timezone

from tests.factories import RegistrationFactory, past_event
from tests.utils import client_for

pytestmark = pytest.mark.django_db


def test_me_lists_as_attended_only_what_the_evaluation_form_accepts():
    event = past_event(title_en="Lantern walk")
    came = RegistrationFactory(event=event, checked_in_at=event.start)
    stayed_away = RegistrationFactory(event=event)  # confirmed, never checked in, not yet marked absent
    assert "Lantern walk" in client_for(came.user).get("/me/").content.decode()
    assert "Lantern walk" not in client_for(stayed_away.user).get("/me/").content.decode()
    assert client_for(stayed_away.user).get(f"/events/{event.slug}/evaluate/").status_code != 200
    assert client_for(came.user).get(f"/events/{event.slug}/evaluate/").status_code == 200


def test_without_check_in_every_confirmed_seat_counts():
    event = past_event(title_en="Reading circle")
    registration = RegistrationFactory(event=event)
    assert registration.checked_in_at is None and timezone.now() > event.end
    assert "Reading circle" in client_for(registration.user).get("/me/").content.decode()
