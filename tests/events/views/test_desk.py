"""The desk pages: the permission matrix, finding and registering residents, booking and voting for them."""

import pytest

from events.models import Registration, Vote
from events.services import votes
from tests.factories import (
    EventFactory,
    OpenProposalFactory,
    OrganizerFactory,
    RegistrationFactory,
    UserFactory,
    VotingRoundFactory,
    make_moderator,
    make_staff,
    make_walk_in,
    resident_of,
)
from tests.utils import assert_permission_matrix, client_for

pytestmark = pytest.mark.django_db


def test_desk_permission_matrix(staff, organizer):
    walk_in = make_walk_in(organizer=organizer)
    users = {
        "anonymous": None,
        "citizen": UserFactory(),
        "organizer_staff": staff,
        "other_staff": make_staff(OrganizerFactory()),
        "moderator": make_moderator(),
        "superuser": UserFactory(is_superuser=True, is_staff=True),
    }
    expected = {
        "anonymous": 302,
        "citizen": 403,
        "organizer_staff": 200,
        "other_staff": 200,
        "moderator": 403,
        "superuser": 200,
    }
    assert_permission_matrix(users, {"/desk/": expected})
    # Another organizer's staff do not serve this resident: the page is not found for them.
    resident_page = {**expected, "other_staff": 404}
    assert_permission_matrix(users, {f"/desk/residents/{walk_in.pk}/": resident_page})
    post = {**resident_page, "organizer_staff": 200, "superuser": 200}
    assert_permission_matrix(users, {f"/desk/residents/{walk_in.pk}/vote/": post}, method="post")


def test_staff_residents_are_not_served_at_the_desk(staff):
    assert client_for(staff).get(f"/desk/residents/{make_staff(OrganizerFactory()).pk}/").status_code == 404


def test_find_and_register_a_walk_in(staff):
    client = client_for(staff)
    response = client.post("/desk/", {"name": "Granny Zhou", "phone": "13800138000", "age_band": "senior"})
    assert response.status_code == 302
    resident = Registration._meta.get_field("user").related_model.objects.get(first_name="Granny Zhou")
    assert resident.email is None
    page = client.get(response["Location"]).content.decode()
    assert "Granny Zhou" in page and "none: print tickets" in page
    found = client.get("/desk/", {"q": "Granny"}).content.decode()
    assert f"/desk/residents/{resident.pk}/" in found and "no email" in found


def test_book_a_place_needs_consent_and_leads_to_the_printable_ticket(staff, event, organizer):
    walk_in = make_walk_in(organizer=organizer)
    client = client_for(staff)
    url = f"/desk/residents/{walk_in.pk}/register/"
    response = client.post(url, {"event": event.pk, "party_size": 1})
    assert response.status_code == 200
    assert "Tick the box to confirm that the resident agreed to this registration." in response.content.decode()
    assert not Registration.objects.exists()
    response = client.post(url, {"event": event.pk, "party_size": 1, "consent": "on"})
    registration = Registration.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/events/tickets/{registration.ticket_code}/"
    assert registration.assisted and registration.consent_noted and registration.registered_by == staff
    ticket = client.get(response["Location"])
    assert ticket.status_code == 200 and registration.ticket_code in ticket.content.decode()


def test_staff_book_only_their_organizers_events(staff, organizer):
    foreign = EventFactory()
    response = client_for(staff).post(
        f"/desk/residents/{make_walk_in(organizer=organizer).pk}/register/",
        {"event": foreign.pk, "party_size": 1, "consent": "on"},
    )
    assert response.status_code == 200 and not Registration.objects.exists()


def test_record_a_vote(staff, organizer):
    proposal = OpenProposalFactory()
    walk_in = make_walk_in(organizer=organizer)
    client = client_for(staff)
    page = client.get(f"/desk/residents/{walk_in.pk}/").content.decode()
    assert proposal.title in page
    client.post(f"/desk/residents/{walk_in.pk}/vote/", {"proposal": proposal.pk})
    assert not Vote.objects.exists()
    response = client.post(f"/desk/residents/{walk_in.pk}/vote/", {"proposal": proposal.pk, "consent": "on"})
    assert response.status_code == 302
    vote = Vote.objects.get()
    assert vote.assisted and vote.recorded_by == staff and vote.consent_noted
    assert "recorded by" in client.get(response["Location"]).content.decode()


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
