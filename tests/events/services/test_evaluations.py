"""Evaluation services: who may evaluate, when, once; assisted answers; comment approval; suggestion → proposal."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from events.errors import EvaluationError
from events.models import Evaluation, Proposal
from events.selectors import evaluations as evaluation_selectors
from events.services import evaluations
from tests.factories import (
    EvaluationFactory,
    EventFactory,
    OrganizerFactory,
    RegistrationFactory,
    UserFactory,
    attendee_of,
    make_moderator,
    make_staff,
    past_event,
    resident_of,
)

pytestmark = pytest.mark.django_db
RATINGS = {"content": 5, "organisation": 4, "venue": 3, "recommend": 5}


def submit(user, event, **kwargs):
    return evaluations.submit_evaluation(user=user, event=event, **{**RATINGS, **kwargs})


def refused(code, user, event, **kwargs):
    with pytest.raises(EvaluationError) as caught:
        submit(user, event, **kwargs)
    assert caught.value.code == code, caught.value.message
    return str(caught.value.message)


def test_a_checked_in_attendee_evaluates_once():
    event = past_event()
    user = attendee_of(event)
    evaluation = submit(user, event, comment="  Lovely  ", suggestion="More chairs", anonymous=True)
    assert (evaluation.content, evaluation.recommend, evaluation.comment) == (5, 5, "Lovely")
    assert evaluation.anonymous and not evaluation.assisted and not evaluation.comment_approved
    assert "already evaluated" in refused("already_evaluated", user, event)
    assert Evaluation.objects.count() == 1


def test_when_check_in_was_used_only_checked_in_people_attended():
    event = past_event()
    attendee_of(event)  # somebody was checked in, so check-in was used
    came_without_check_in = attendee_of(event, checked_in=False)
    assert "attended" in refused("not_attendee", came_without_check_in, event)


def test_without_check_in_every_confirmed_registration_counts():
    event = past_event()
    confirmed = attendee_of(event, checked_in=False)
    waitlisted = RegistrationFactory(event=event, status="waitlisted").user
    cancelled = RegistrationFactory(event=event, status="cancelled").user
    assert submit(confirmed, event).pk
    refused("not_attendee", waitlisted, event)
    refused("not_attendee", cancelled, event)
    refused("not_attendee", UserFactory(), event)


def test_a_no_show_did_not_attend():
    event = past_event()
    registration = RegistrationFactory(event=event, no_show=True)
    refused("not_attendee", registration.user, event)


def test_attendance_is_asked_before_timing():
    future = EventFactory()
    stranger = UserFactory()
    refused("not_attendee", stranger, future)
    long_ago = past_event(days_ago=30)
    refused("not_attendee", stranger, long_ago)


def test_before_the_end_and_after_the_window(settings):
    settings.EVENTS_EVALUATION_WINDOW_DAYS = 14
    running = EventFactory(start=timezone.now() - timedelta(hours=1), end=timezone.now() + timedelta(hours=1))
    user = attendee_of(running)
    assert "once it has ended" in refused("not_ended", user, running)
    old = past_event(days_ago=16)
    assert "closed" in refused("window_closed", attendee_of(old), old)
    settings.EVENTS_EVALUATION_WINDOW_DAYS = 30
    assert submit(attendee_of(old), old).pk


def test_a_cancelled_event_has_no_attendees():
    event = past_event()
    user = attendee_of(event)
    type(event).objects.filter(pk=event.pk).update(status="cancelled", cancellation_reason="Storm")
    event.refresh_from_db()
    refused("not_attendee", user, event)


@pytest.mark.parametrize("bad", [0, 6, None, "4", True, 2.5])
def test_ratings_must_be_whole_numbers_from_1_to_5(bad):
    event = past_event()
    refused("invalid", attendee_of(event), event, venue=bad)


def test_texts_have_a_limit():
    event = past_event()
    refused("invalid", attendee_of(event), event, comment="x" * 2001)


def test_the_database_allows_one_evaluation_per_person_and_event():
    evaluation = EvaluationFactory()
    with pytest.raises(IntegrityError):
        EvaluationFactory(event=evaluation.event, user=evaluation.user)


def test_staff_record_an_evaluation_for_a_resident_who_agreed():
    event = past_event()
    staff = make_staff(event.organizer)
    resident = attendee_of(event, user=resident_of(event.organizer.district))
    message = refused("consent_required", resident, event, assisted_by=staff)
    assert "agreed" in message
    other_staff = make_staff(OrganizerFactory())
    refused("forbidden", resident, event, assisted_by=other_staff, consent_noted=True)
    evaluation = submit(resident, event, assisted_by=staff, consent_noted=True)
    assert evaluation.assisted and evaluation.assisted_by == staff and evaluation.consent_noted
    assert evaluation.user == resident
    # It counts once like any other: the resident cannot add a second one.
    refused("already_evaluated", resident, event)


def test_staff_cannot_record_for_somebody_who_did_not_attend():
    event = past_event()
    staff = make_staff(event.organizer)
    refused("not_attendee", resident_of(event.organizer.district), event, assisted_by=staff, consent_noted=True)
    # An attendee from a district the organizer does not serve is not theirs to record for.
    refused("forbidden", attendee_of(event), event, assisted_by=staff, consent_noted=True)


def test_comment_approval_by_moderators_and_the_organizers_staff():
    evaluation = EvaluationFactory(event=past_event(), comment="Wonderful teacher")
    resident, other_staff = UserFactory(), make_staff(OrganizerFactory())
    for user in (resident, other_staff):
        with pytest.raises(EvaluationError) as caught:
            evaluations.approve_comment(evaluation=evaluation, by_user=user)
        assert caught.value.code == "forbidden"
    moderator = make_moderator()
    approved = evaluations.approve_comment(evaluation=evaluation, by_user=moderator)
    assert approved.comment_approved and approved.comment_approved_by == moderator
    assert evaluations.approve_comment(evaluation=evaluation, by_user=moderator).comment_approved  # idempotent
    staff = make_staff(evaluation.event.organizer)
    assert not evaluations.unapprove_comment(evaluation=evaluation, by_user=staff).comment_approved
    evaluation.refresh_from_db()
    assert evaluation.comment_approved_at is None


def test_no_comment_nothing_to_approve():
    evaluation = EvaluationFactory(event=past_event())
    with pytest.raises(EvaluationError) as caught:
        evaluations.approve_comment(evaluation=evaluation, by_user=make_moderator())
    assert caught.value.code == "no_comment"


def test_a_suggestion_becomes_a_proposal_by_the_staff_member():
    event = past_event(title_en="Paper cutting")
    evaluation = EvaluationFactory(event=event, suggestion="An advanced class\nwith more colours", anonymous=True)
    staff = make_staff(event.organizer)
    with pytest.raises(EvaluationError) as caught:
        evaluations.propose_from_suggestion(evaluation=evaluation, by_user=make_staff(OrganizerFactory()))
    assert caught.value.code == "forbidden"
    proposal = evaluations.propose_from_suggestion(evaluation=evaluation, by_user=staff)
    assert proposal.status == Proposal.Status.SUBMITTED and proposal.proposer == staff
    assert proposal.title == "An advanced class" and proposal.category == event.category
    assert "with more colours" in proposal.description and "Paper cutting" in proposal.description
    assert evaluation.user.username not in proposal.description
    assert proposal.status_changes.get().note.startswith("From an evaluation")
    evaluation.refresh_from_db()
    assert evaluation.suggestion_proposal == proposal and list(proposal.source_evaluations.all()) == [evaluation]
    with pytest.raises(EvaluationError) as caught:
        evaluations.propose_from_suggestion(evaluation=evaluation, by_user=staff)
    assert caught.value.code == "already_proposed"


def test_no_suggestion_no_proposal():
    evaluation = EvaluationFactory(event=past_event())
    with pytest.raises(EvaluationError) as caught:
        evaluations.propose_from_suggestion(evaluation=evaluation, by_user=make_staff(evaluation.event.organizer))
    assert caught.value.code == "no_suggestion"


def test_evaluations_to_give_and_given():
    user = UserFactory()
    recent, older, closed, future = past_event(1), past_event(5), past_event(20), EventFactory()
    for event in (recent, older, closed, future):
        attendee_of(event, user=user)
    not_came = past_event(3)
    attendee_of(not_came)
    RegistrationFactory(event=not_came, user=user)  # confirmed, not checked in, while check-in was used
    assert [r.event for r in evaluation_selectors.evaluations_to_give(user=user)] == [older, recent]
    submit(user, older)
    assert [r.event for r in evaluation_selectors.evaluations_to_give(user=user)] == [recent]
    assert [e.event for e in evaluation_selectors.evaluations_given(user=user)] == [older]
