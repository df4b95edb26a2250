"""Volunteer slots are never exceeded under parallel sign-ups, on PostgreSQL: real threads and connections."""

import pytest

from events.models import VolunteerSignup
from events.services import volunteers
from tests.factories import UserFactory, VolunteerRoleFactory
from tests.utils import in_parallel

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_thirty_residents_for_five_slots():
    role = VolunteerRoleFactory(slots=5)
    residents = [UserFactory() for _ in range(30)]
    outcomes = in_parallel([lambda user=user: volunteers.sign_up(user=user, role=role) for user in residents])
    assert outcomes.count("ok") == 5 and outcomes.count("full") == 25
    assert VolunteerSignup.objects.filter(role=role).count() == 5


def test_one_resident_for_two_roles_of_one_event_at_once():
    first = VolunteerRoleFactory(slots=10)
    second = VolunteerRoleFactory(event=first.event, slots=10)
    residents = [UserFactory() for _ in range(8)]
    calls = [
        lambda user=user, role=role: volunteers.sign_up(user=user, role=role)
        for user in residents
        for role in (first, second)
    ]
    outcomes = in_parallel(calls)
    assert outcomes.count("ok") == 8 and outcomes.count("other_role") == 8
    for user in residents:
        assert VolunteerSignup.objects.filter(user=user, event=first.event).count() == 1
