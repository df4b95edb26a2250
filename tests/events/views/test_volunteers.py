"""Volunteer pages: the event page's roles, sign-up and withdraw buttons, the staff page and its CSV, /me/."""

import pytest

from events.models import VolunteerSignup
from portal.models import OutgoingEmail
from tests.factories import OrganizerFactory, UserFactory, VolunteerRoleFactory, make_moderator, make_staff
from tests.utils import assert_permission_matrix, client_for, csv_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def role(event):
    return VolunteerRoleFactory(event=event, slots=2, name_en="Helper for seniors")


def test_event_page_shows_roles_with_slots_left_and_a_button(role, resident):
    VolunteerSignup.objects.create(role=role, event=role.event, user=UserFactory())
    page = client_for(resident).get(role.event.get_absolute_url()).content.decode()
    assert "Volunteer at this event" in page and "Helper for seniors" in page
    assert "1 of 2 places left" in page
    assert f"/volunteers/{role.pk}/signup/" in page


def test_event_page_without_roles_shows_no_section(event, resident):
    assert "Volunteer at this event" not in client_for(resident).get(event.get_absolute_url()).content.decode()


def test_anonymous_visitors_are_asked_to_log_in(role):
    page = client_for(None).get(role.event.get_absolute_url()).content.decode()
    assert "Log in to volunteer" in page and f"/volunteers/{role.pk}/signup/" not in page


def test_sign_up_and_withdraw_through_the_page(role, resident):
    client = client_for(resident)
    response = client.post(f"{role.event.get_absolute_url()}volunteers/{role.pk}/signup/", follow=True)
    assert "Thank you! You volunteer as" in response.content.decode()
    assert VolunteerSignup.objects.filter(user=resident, role=role).exists()
    page = client.get(role.event.get_absolute_url()).content.decode()
    assert "You volunteer in this role." in page and "Withdraw as Helper for seniors" in page
    me = client.get("/me/").content.decode()
    assert "My volunteer roles" in me and "Helper for seniors" in me
    response = client.post(f"{role.event.get_absolute_url()}volunteers/{role.pk}/withdraw/", follow=True)
    assert "You no longer volunteer" in response.content.decode()
    assert not VolunteerSignup.objects.exists()


def test_full_role_shows_the_refusal(role, resident):
    for _ in range(2):
        VolunteerSignup.objects.create(role=role, event=role.event, user=UserFactory())
    client = client_for(resident)
    assert "All places taken" in client.get(role.event.get_absolute_url()).content.decode()
    response = client.post(f"{role.event.get_absolute_url()}volunteers/{role.pk}/signup/", follow=True)
    assert "All volunteer places" in response.content.decode()


def test_anonymous_sign_up_goes_to_login(role):
    response = client_for(None).post(f"{role.event.get_absolute_url()}volunteers/{role.pk}/signup/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_volunteers_page_and_csv_permission_matrix(role, staff):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    users = {
        "anonymous": None,
        "citizen": UserFactory(),
        "organizer_staff": staff,
        "other_staff": make_staff(OrganizerFactory()),
        "moderator": make_moderator(),
        "superuser": superuser,
    }
    base = role.event.get_absolute_url()
    expected = {
        "anonymous": 302,
        "citizen": 403,
        "organizer_staff": 200,
        "other_staff": 403,
        "moderator": 403,
        "superuser": 200,
    }
    assert_permission_matrix(
        users, {f"{base}volunteers/": expected, f"/events/{role.event.slug}/volunteers.csv": expected}
    )


def test_staff_see_contact_info_and_write_to_a_role(role, staff):
    volunteer = UserFactory()
    volunteer.profile.phone = "13900139000"
    volunteer.profile.save()
    VolunteerSignup.objects.create(role=role, event=role.event, user=volunteer)
    client = client_for(staff)
    page = client.get(f"{role.event.get_absolute_url()}volunteers/").content.decode()
    assert volunteer.email in page and "13900139000" in page and "1 of 2" in page
    OutgoingEmail.objects.all().delete()
    response = client.post(
        f"{role.event.get_absolute_url()}volunteers/",
        {"role": role.pk, "subject": "Briefing", "body": "Please come at 6."},
        follow=True,
    )
    assert "Message queued for 1 volunteer" in response.content.decode()
    assert OutgoingEmail.objects.get().to == volunteer.email


def test_csv_download(role, staff):
    VolunteerSignup.objects.create(role=role, event=role.event, user=UserFactory(username="vol1"))
    response = client_for(staff).get(f"/events/{role.event.slug}/volunteers.csv")
    assert any("vol1" in row for row in csv_rows(response))
