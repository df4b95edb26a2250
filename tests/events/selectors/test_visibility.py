"""One visibility rule for every door: an event that was never published is never public, cancelled or not."""

import pytest

from events.services import event_changes
from tests.factories import EventFactory, OpenProposalFactory, UserFactory, make_staff
from tests.utils import client_for

pytestmark = pytest.mark.django_db


def _dropped_draft():
    """A draft cancelled by its staff: how a draft is dropped, since staff cannot delete events."""
    event = EventFactory(status="draft", slug="dropped-draft")
    event_changes.cancel_event(event=event, reason="Not going ahead", by_user=make_staff(event.organizer))
    event.refresh_from_db()
    assert event.published_at is None
    return event


@pytest.mark.parametrize("viewer", ["anonymous", "resident"])
def test_a_draft_cancelled_before_publishing_is_not_found_on_any_door(viewer):
    event = _dropped_draft()
    proposal = OpenProposalFactory()
    proposal.events.add(event)
    client = client_for(None if viewer == "anonymous" else UserFactory())
    urls = [f"/events/{event.slug}/", f"/events/{event.slug}.ics", f"/api/events/{event.pk}/"]
    if viewer == "resident":  # the evaluation form asks visitors to log in first, whatever the slug
        urls.append(f"/events/{event.slug}/evaluate/")
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert b"dropped-draft" not in client.get("/events/feed.ics").content
    assert b"dropped-draft" not in client.get(f"/proposals/{proposal.pk}/").content


def test_its_own_staff_still_see_it_and_a_published_then_cancelled_event_stays_readable():
    dropped = _dropped_draft()
    assert client_for(make_staff(dropped.organizer)).get(f"/events/{dropped.slug}/").status_code == 200
    published = EventFactory(slug="called-off")
    event_changes.cancel_event(event=published, reason="Storm warning", by_user=make_staff(published.organizer))
    response = client_for(None).get("/events/called-off/")
    assert response.status_code == 200
    assert "Storm warning" in response.content.decode()
    assert client_for(None).get("/events/called-off.ics").status_code == 200
