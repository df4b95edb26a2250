"""Volunteer API: list roles, sign up (201; again 409; full 400; unverified 403), withdraw (204)."""

import pytest

from events.models import VolunteerSignup
from tests.factories import EventFactory, UserFactory, VolunteerRoleFactory
from tests.utils import api

pytestmark = pytest.mark.django_db


@pytest.fixture
def role(event):
    return VolunteerRoleFactory(event=event, slots=1)


def test_list_roles_with_slots_left(role, resident):
    response = api(resident).get(f"/api/events/{role.event_id}/volunteer-roles/")
    assert response.status_code == 200
    item = response.json()["results"][0]
    assert item["id"] == role.pk and item["slots"] == 1 and item["slots_left"] == 1 and item["signed_up"] is False
    assert item["url"].endswith(f"/events/{role.event.slug}/#volunteer-role-{role.pk}")


def test_roles_of_a_draft_are_not_found(resident):
    role = VolunteerRoleFactory(event=EventFactory(status="draft"))
    assert api(resident).get(f"/api/events/{role.event_id}/volunteer-roles/").status_code == 404
    assert api(resident).post(f"/api/volunteer-roles/{role.pk}/signup/").status_code == 404


def test_sign_up_statuses(role, resident):
    url = f"/api/volunteer-roles/{role.pk}/signup/"
    response = api(resident).post(url)
    assert response.status_code == 201 and response.json()["role"] == role.pk
    assert api(resident).post(url).json()["code"] == "already_signed_up"
    assert api(resident).post(url).status_code == 409
    full = api(UserFactory()).post(url)
    assert full.status_code == 400 and full.json()["code"] == "full"
    assert api(UserFactory(verified=False)).post(url).status_code == 403
    assert api().post(url).status_code == 403
    listed = api(resident).get(f"/api/events/{role.event_id}/volunteer-roles/").json()["results"][0]
    assert listed["signed_up"] is True and listed["slots_left"] == 0


def test_other_role_is_a_conflict(role, resident):
    other = VolunteerRoleFactory(event=role.event)
    api(resident).post(f"/api/volunteer-roles/{role.pk}/signup/")
    response = api(resident).post(f"/api/volunteer-roles/{other.pk}/signup/")
    assert response.status_code == 409 and response.json()["code"] == "other_role"


def test_withdraw(role, resident):
    url = f"/api/volunteer-roles/{role.pk}/signup/"
    assert api(resident).delete(url).status_code == 404
    api(resident).post(url)
    assert api(resident).delete(url).status_code == 204
    assert not VolunteerSignup.objects.exists()
