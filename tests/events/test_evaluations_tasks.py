"""Evaluation invitations (hourly, once per person and event) and the organizers' weekly feedback digest."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events import tasks
from events.models import EvaluationInvitation, FeedbackDigest
from events.selectors import evaluations as evaluation_selectors
from events.services import evaluations
from portal.models import OutgoingEmail
from tests.factories import EvaluationFactory, EventFactory, RegistrationFactory, attendee_of, make_staff, past_event

pytestmark = pytest.mark.django_db


class Outbox:
    """The recorded mail (portal.mail.queue_email), read like django.core.mail.outbox."""

    def __iter__(self):
        return iter(OutgoingEmail.objects.order_by("pk"))

    def __len__(self):
        return OutgoingEmail.objects.count()

    def __getitem__(self, index):
        return list(self)[index]

    def __bool__(self):
        return len(self) > 0


mail = type("mail", (), {"outbox": Outbox()})


def test_attendees_are_invited_once_in_their_language():
    event = past_event(title_en="Paper cutting", title_zh_hans="剪纸课")
    english = attendee_of(event)
    english.profile.preferred_languages = ["en"]
    english.profile.save()
    chinese = attendee_of(event)
    RegistrationFactory(event=event)  # confirmed, not checked in while check-in was used: did not attend
    quiet = attendee_of(event)
    quiet.profile.notification_frequency = "never"
    quiet.profile.save()
    already = attendee_of(event)
    EvaluationFactory(event=event, user=already)
    attendee_of(EventFactory())  # not ended yet
    attendee_of(past_event(days_ago=20))  # window closed

    assert tasks.send_evaluation_invitations() == 2
    by_address = {m.to: m for m in mail.outbox}
    assert set(by_address) == {english.email, chinese.email}
    assert by_address[english.email].subject == "How was Paper cutting? Tell us in two minutes"
    assert f"/events/{event.slug}/evaluate/" in by_address[english.email].body
    assert "剪纸课" in by_address[chinese.email].subject
    assert EvaluationInvitation.objects.filter(event=event).count() == 4  # quiet and already get a row, no mail
    assert not EvaluationInvitation.objects.get(user=quiet).emailed

    assert tasks.send_evaluation_invitations() == 0
    assert len(mail.outbox) == 2 and OutgoingEmail.objects.count() == 2


def test_quiet_residents_still_see_it_on_me():
    event = past_event()
    quiet = attendee_of(event)
    quiet.profile.notification_frequency = "never"
    quiet.profile.save()
    tasks.send_evaluation_invitations()
    assert not mail.outbox
    assert [r.event for r in evaluation_selectors.evaluations_to_give(user=quiet)] == [event]


def test_events_without_check_in_invite_every_confirmed_registrant():
    event = past_event()
    users = [attendee_of(event, checked_in=False) for _n in range(3)]
    RegistrationFactory(event=event, status="cancelled")
    assert tasks.send_evaluation_invitations() == 3
    assert {m.to for m in mail.outbox} == {u.email for u in users}


def test_weekly_digest_once_per_organizer_and_week():
    event = past_event(days_ago=10, title_en="Clay")
    staff = make_staff(event.organizer)
    staff.profile.preferred_languages = ["en"]
    staff.profile.save()
    quiet_staff = make_staff(event.organizer)
    quiet_staff.profile.notification_frequency = "never"
    quiet_staff.profile.save()
    week = evaluations.last_week()
    in_week = week.start + timedelta(days=2)
    for number in range(6):
        EvaluationFactory(
            event=event,
            user=attendee_of(event),
            created_at=in_week,
            suggestion=f"Idea {number}" if number < 3 else "",
            recommend=number % 5 + 1,
        )
    EvaluationFactory(event=event, user=attendee_of(event), created_at=timezone.now(), suggestion="This week")
    other = past_event(days_ago=10)  # an organizer without evaluations last week gets nothing
    EvaluationFactory(event=other, user=attendee_of(other), created_at=week.start - timedelta(days=1))

    assert tasks.send_organizer_feedback_digests() == 1
    assert [m.to for m in mail.outbox] == [staff.email]
    message = mail.outbox[0]
    assert "Feedback for" in message.subject
    assert "received 6 new evaluations" in message.body and "Clay: 6" in message.body
    assert "3 suggestions for next time" in message.body and "Idea 0" in message.body
    assert "This week" not in message.body
    assert "/events/feedback/" in message.body
    digest = FeedbackDigest.objects.get()
    assert (digest.organizer, digest.week_start, digest.evaluations, digest.recipients) == (
        event.organizer,
        week.first_day,
        6,
        1,
    )
    assert tasks.send_organizer_feedback_digests() == 0
    assert len(mail.outbox) == 1


def test_digest_below_five_answers_gives_no_averages():
    event = past_event(days_ago=10)
    staff = make_staff(event.organizer)
    staff.profile.preferred_languages = ["en"]
    staff.profile.save()
    week = evaluations.last_week()
    EvaluationFactory(event=event, user=attendee_of(event), created_at=week.start + timedelta(hours=3))
    assert tasks.send_organizer_feedback_digests() == 1
    body = mail.outbox[0].body
    assert "received 1 new evaluation " in body and "Averages are shown from 5 answers on." in body
    assert "/ 5" not in body
