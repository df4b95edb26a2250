import pytest

from tests.factories import EventFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def test_site_search_finds_events_and_proposals_in_either_language(client, zh_client):
    event = EventFactory(title_en="Lantern festival concert", title_zh_hans="元宵音乐会")
    proposal = ProposalFactory(title_en="Lantern making class")

    page = client.get("/search/?q=lantern").content.decode()
    assert event.get_absolute_url() in page
    assert proposal.get_absolute_url() in page
    assert "/events/?q=lantern" in page

    assert event.get_absolute_url() in zh_client.get("/search/?q=元宵").content.decode()


def test_site_search_says_so_when_nothing_matches(client):
    EventFactory(title_en="Lantern festival concert")
    page = client.get("/search/?q=opera").content.decode()
    assert "Nothing found for “opera”" in page


def test_site_search_leaves_out_past_events_like_the_event_list(client):
    from tests.factories import past_event

    past = past_event(title_en="Lantern walk last week")
    assert past.get_absolute_url() not in client.get("/search/?q=lantern").content.decode()
