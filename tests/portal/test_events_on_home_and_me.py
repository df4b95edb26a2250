"""/me/ lists the resident's tickets and past events; the home page shows the next events without N+1."""

import pytest

from tests.factories import EventFactory, RegistrationFactory, in_days
from tests.utils import assert_max_queries, client_for, html

pytestmark = pytest.mark.django_db


@pytest.fixture
def resident(db):
    from tests.factories import UserFactory

    return UserFactory()


def test_me_lists_upcoming_tickets_with_waitlist_position_and_past_events(resident):
    soon = EventFactory(title_en="Soon")
    full = EventFactory(title_en="Full", capacity=1)
    RegistrationFactory(event=full)
    RegistrationFactory(event=full, status="waitlisted")
    past = EventFactory(title_en="Went there", start=in_days(-20))
    skipped = EventFactory(title_en="Skipped", start=in_days(-10))
    mine = RegistrationFactory(event=soon, user=resident)
    RegistrationFactory(event=full, user=resident, status="waitlisted")
    RegistrationFactory(event=past, user=resident)
    RegistrationFactory(event=skipped, user=resident, no_show=True)
    RegistrationFactory(event=EventFactory(title_en="Cancelled mine"), user=resident, status="cancelled")
    page = html(client_for(resident).get("/me/"))
    assert f'href="/events/tickets/{mine.ticket_code}/"' in page
    assert "Waiting list, number 2" in page
    assert "Went there" in page
    assert "Skipped" not in page and "Cancelled mine" not in page


def test_me_without_tickets(resident):
    assert "You have no tickets for coming events." in html(client_for(resident).get("/me/"))


def test_home_shows_the_next_six_events_without_n_plus_one(client):
    events = [EventFactory(start=in_days(day + 1)) for day in range(8)]
    EventFactory(status="draft")
    # One query per section: events, proposals open for voting, new in the library, current exhibitions.
    with assert_max_queries(4):
        page = html(client.get("/"))
    for event in events[:6]:
        assert f'href="/events/{event.slug}/"' in page
    assert f'href="/events/{events[6].slug}/"' not in page
    assert "No upcoming events yet." not in page


def test_me_costs_the_same_queries_for_one_ticket_or_many():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from events.services import votes
    from tests.factories import OpenProposalFactory, RegistrationFactory, UserFactory, VotingRoundFactory

    def queries(user):
        client = client_for(user)
        client.get("/me/")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/me/").status_code == 200
        return len(captured.captured_queries)

    def resident_with(count):
        user, voting_round = UserFactory(), VotingRoundFactory()
        for day in range(count):
            RegistrationFactory(user=user, event=EventFactory(start=in_days(day + 1)))
            votes.cast_vote(user=user, proposal=OpenProposalFactory(round=voting_round))
        return user

    assert queries(resident_with(6)) <= queries(resident_with(1))
