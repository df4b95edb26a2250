"""Rules and privacy promises that a review found broken on one path: each is held on every path now."""

import csv
import io

import pytest

from events.errors import RegistrationError
from events.models import Event, Vote
from events.services import event_changes, votes
from tests.factories import (
    EvaluationFactory,
    EventFactory,
    OpenProposalFactory,
    OrganizerFactory,
    RegistrationFactory,
    UserFactory,
    VotingRoundFactory,
    in_days,
    make_staff,
    make_walk_in,
    past_event,
    resident_of,
)
from tests.utils import client_for

pytestmark = pytest.mark.django_db


def test_a_cancelled_event_cannot_be_published_again_through_the_admin():
    event = EventFactory()
    staff = make_staff(event.organizer)
    event_changes.cancel_event(event=event, reason="Storm warning", by_user=staff)
    event.refresh_from_db()
    event.status = Event.Status.PUBLISHED
    with pytest.raises(RegistrationError) as refused:
        event_changes.save_event(event=event, by_user=staff)
    assert refused.value.code == "cancelled"
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED


def test_registration_cannot_open_after_the_event_or_cancellation_close_after_it():
    event = EventFactory()
    event.registration_opens = event.end
    event.cancellation_deadline = in_days(30)
    with pytest.raises(RegistrationError) as refused:
        event_changes.save_event(event=event)
    assert refused.value.code == "invalid"


def test_the_evaluation_admin_cannot_be_filtered_by_author():
    event = past_event()
    staff = make_staff(event.organizer)
    author = UserFactory()
    EvaluationFactory(event=event, user=author, anonymous=True, comment="comment-by-the-author")
    EvaluationFactory(event=event, anonymous=True, comment="comment-by-someone-else")
    client = client_for(staff)
    assert "comment-by-someone-else" in client.get("/admin/events/evaluation/").content.decode()
    # A refused lookup is a 400 (DisallowedModelAdminLookup), never a list narrowed to the author.
    assert client.get(f"/admin/events/evaluation/?user={author.pk}").status_code == 400
    assert client.get(f"/admin/events/evaluation/?user__username={author.username}").status_code == 400


def test_the_desk_never_orders_proposals_by_hidden_counts():
    voting_round = VotingRoundFactory(hide_counts_until_closed=True)
    older = OpenProposalFactory(round=voting_round, title_en="Older proposal")
    newer = OpenProposalFactory(round=voting_round, title_en="Newer proposal")
    for voter in UserFactory.create_batch(3):
        votes.cast_vote(user=voter, proposal=newer)
    organizer = OrganizerFactory()
    staff = make_staff(organizer)
    page = client_for(staff).get(f"/desk/residents/{make_walk_in(organizer=organizer).pk}/").content.decode()
    assert page.index("Older proposal") < page.index("Newer proposal")
    assert older.pk < newer.pk


def test_the_desk_shows_only_what_belongs_to_the_staff_members_organizers():
    own_event, other_event = EventFactory(title_en="Our concert"), EventFactory(title_en="Their lecture")
    staff = make_staff(own_event.organizer)
    resident = resident_of(own_event.organizer.district, email="alice@example.org")
    RegistrationFactory(user=resident, event=own_event)
    RegistrationFactory(user=resident, event=other_event)
    votes.cast_vote(user=resident, proposal=OpenProposalFactory(title_en="A vote of her own"))
    page = client_for(staff).get(f"/desk/residents/{resident.pk}/").content.decode()
    assert "Our concert" in page
    assert "Their lecture" not in page
    assert "alice@example.org" not in page
    # Her own votes are hers: the desk lists only votes this staff member recorded (the proposal may
    # still appear in the form's list of proposals open for voting).
    assert Vote.objects.filter(user=resident).count() == 1
    assert "A vote of her own" not in page.split('name="proposal"')[0]


def test_the_desk_books_as_many_places_as_the_event_allows():
    event = EventFactory(max_party_size=10, capacity=100)
    staff = make_staff(event.organizer)
    resident = make_walk_in(organizer=event.organizer)
    response = client_for(staff).post(
        f"/desk/residents/{resident.pk}/register/", {"event": event.pk, "party_size": 10, "consent": "on"}
    )
    assert response.status_code == 302
    assert resident.registrations.get().party_size == 10


def test_the_feedback_csv_keeps_the_marks_of_fewer_than_five_answers_to_itself():
    event = past_event()
    staff = make_staff(event.organizer)
    for _ in range(3):
        EvaluationFactory(event=event, anonymous=True, comment="fine")
    response = client_for(staff).get(f"/events/{event.slug}/feedback/export.csv")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert len(rows) == 4
    for row in rows[1:]:
        assert row[5:9] == ["", "", "", ""]
        assert "fine" in row
        assert "T" not in row[-1]  # the day only, not the minute
