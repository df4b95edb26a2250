"""Volunteering services: slots under the event lock, full, withdraw, one role per person and event."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from events.errors import VolunteerError
from events.models import VolunteerSignup
from events.services import volunteers
from portal.models import OutgoingEmail
from tests.factories import (
    EventFactory,
    OrganizerFactory,
    UserFactory,
    VolunteerRoleFactory,
    make_staff,
    make_walk_in,
)
from tests.utils import mail_as_sent

pytestmark = pytest.mark.django_db


def refused(code, call, **kwargs):
    with pytest.raises(VolunteerError) as info:
        call(**kwargs)
    assert info.value.code == code, info.value.message
    return info.value


@pytest.fixture
def role(event):
    return VolunteerRoleFactory(event=event, slots=2)


def test_sign_up_takes_a_slot_and_withdraw_gives_it_back(role, resident):
    signup = volunteers.sign_up(user=resident, role=role)
    assert signup.event == role.event and signup.user == resident
    assert role.slots_left == 1
    volunteers.withdraw(user=resident, role=role)
    assert role.slots_left == 2 and not VolunteerSignup.objects.exists()


def test_a_full_role_refuses_with_a_clear_message(role):
    for _ in range(2):
        volunteers.sign_up(user=UserFactory(), role=role)
    error = refused("full", volunteers.sign_up, user=UserFactory(), role=role)
    assert "All volunteer places" in error.message and role.name in error.message
    assert role.signups.count() == 2


def test_one_sign_up_per_person_and_role(role, resident):
    volunteers.sign_up(user=resident, role=role)
    refused("already_signed_up", volunteers.sign_up, user=resident, role=role)


def test_one_role_per_person_and_event(role, resident):
    photographer = VolunteerRoleFactory(event=role.event, name_en="Photographer")
    volunteers.sign_up(user=resident, role=role)
    error = refused("other_role", volunteers.sign_up, user=resident, role=photographer)
    assert role.name in error.message
    # Another event is fine.
    volunteers.sign_up(user=resident, role=VolunteerRoleFactory())


def test_the_constraint_is_the_last_line(role, resident):
    VolunteerSignup.objects.create(role=role, event=role.event, user=resident)
    other = VolunteerRoleFactory(event=role.event)
    with pytest.raises(IntegrityError), transaction.atomic():
        VolunteerSignup.objects.create(role=other, event=role.event, user=resident)


def test_unverified_residents_and_walk_ins_cannot_sign_up_themselves(role):
    refused("email_unverified", volunteers.sign_up, user=UserFactory(verified=False), role=role)
    refused("email_unverified", volunteers.sign_up, user=make_walk_in(), role=role)


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"status": "draft"}, "not_published"),
        ({"status": "cancelled", "cancellation_reason": "Rain"}, "cancelled"),
        ({"start": timezone.now() - timedelta(hours=1), "end": timezone.now() + timedelta(hours=1)}, "started"),
    ],
)
def test_closed_events_take_no_volunteers(resident, changes, code):
    role = VolunteerRoleFactory(event=EventFactory(**changes))
    refused(code, volunteers.sign_up, user=resident, role=role)


def test_withdraw_until_the_event_starts(role, resident):
    refused("not_signed_up", volunteers.withdraw, user=resident, role=role)
    volunteers.sign_up(user=resident, role=role)
    event = role.event
    event.start, event.end = timezone.now() - timedelta(minutes=5), timezone.now() + timedelta(hours=2)
    event.save()
    refused("started", volunteers.withdraw, user=resident, role=role)
    assert VolunteerSignup.objects.filter(user=resident).exists()


def test_sign_up_counts_under_the_event_lock(role, resident, monkeypatch):
    locked = []
    real = volunteers.lock_event
    monkeypatch.setattr(volunteers, "lock_event", lambda event_id: locked.append(event_id) or real(event_id))
    volunteers.sign_up(user=resident, role=role)
    volunteers.withdraw(user=resident, role=role)
    assert locked == [role.event_id, role.event_id]


def test_message_volunteers_emails_each_and_counts_those_without_email(role, staff):
    with_email, walk_in = UserFactory(), make_walk_in()
    volunteers.sign_up(user=with_email, role=role)
    VolunteerSignup.objects.create(role=role, event=role.event, user=walk_in)  # signed up at a desk by staff
    OutgoingEmail.objects.all().delete()
    sent, without = volunteers.message_volunteers(role=role, subject="Briefing", body="Come at 6.", by_user=staff)
    assert (sent, without) == (1, 1)
    mail = mail_as_sent().get()
    assert mail.to == with_email.email and "Briefing" in mail.subject and "Come at 6." in mail.body


def test_volunteers_read_the_organizers_message_in_their_own_language(role, staff):
    chinese = UserFactory()
    chinese.profile.preferred_languages = ["zh-hans"]
    chinese.profile.save()
    volunteers.sign_up(user=chinese, role=role)
    OutgoingEmail.objects.all().delete()
    volunteers.message_volunteers(role=role, subject="Briefing", body="Come at 6.", by_user=staff)
    mail = mail_as_sent().get()
    assert "Come at 6." in mail.body and role.name_zh_hans in mail.body and "您好" in mail.body
    assert not OutgoingEmail.objects.filter(to="").exists()


def test_only_the_events_staff_message_volunteers(role):
    other = make_staff(OrganizerFactory())
    refused("forbidden", volunteers.message_volunteers, role=role, subject="a", body="b", by_user=other)
    refused("forbidden", volunteers.message_volunteers, role=role, subject="a", body="b", by_user=UserFactory())


def test_message_needs_subject_and_body(role, staff):
    refused("invalid", volunteers.message_volunteers, role=role, subject=" ", body="b", by_user=staff)


def test_csv_lists_volunteers_with_contact(role):
    user = UserFactory()
    user.profile.phone = "13800138000"
    user.profile.save()
    volunteers.sign_up(user=user, role=role)
    _header, row = volunteers.volunteer_rows([role.event])
    assert user.email in row and "13800138000" in row and role.name in row
