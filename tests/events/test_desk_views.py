"""The desk pages: the permission matrix, finding and registering residents, booking and voting for them."""

import pytest

from events.models import Registration, Vote
from tests.factories import (
    EventFactory,
    OpenProposalFactory,
    OrganizerFactory,
    UserFactory,
    make_moderator,
    make_staff,
    make_walk_in,
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
