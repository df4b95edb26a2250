"""portal.cards: home, /me/ and search ask every app's provider; one card shape for every kind."""

import pytest
from django.apps import apps

from portal import cards
from portal.cards import Action, Badge, Card, Section
from tests.factories import EventFactory, OpenProposalFactory, UserFactory
from tests.utils import client_for

pytestmark = pytest.mark.django_db


class ThingCards:
    """A provider of an app the pages have never heard of."""

    def home(self, request):
        return [Section(id="things", title="Things", cards=[thing()], more_url="/things/", more_label="All things")]

    def search(self, query):
        return [Section(id="things", title="Things", cards=[thing(query)] if "lamp" in query else [])]

    def me(self, request):
        return [Section(id="my-things", title="My things", empty="You have no things yet.")]


def thing(title="A brass lamp"):
    return Card(
        kind="thing",
        id=7,
        title=title,
        url="/things/7/",
        where="Attic",
        badges=(Badge("Shiny", "ok"),),
        reason="Because you like lamps",
        actions=(Action("Polish it", "/things/7/polish/"),),
    )


@pytest.fixture
def thing_provider(monkeypatch):
    monkeypatch.setattr(apps.get_app_config("portal"), "card_provider", f"{__name__}.ThingCards", raising=False)
    cards.providers.cache_clear()
    yield
    cards.providers.cache_clear()


def test_every_page_shows_the_sections_of_any_registered_provider(client, thing_provider):
    home = client.get("/").content.decode()
    assert 'id="home-things"' in home and "A brass lamp" in home and "Because you like lamps" in home
    assert 'class="badge badge-ok">Shiny<' in home and 'action="/things/7/polish/"' in home
    assert "csrfmiddlewaretoken" in home and '<a href="/things/">All things</a>' in home
    found = client.get("/search/", {"q": "lamp"}).content.decode()
    assert "lamp" in found and "/things/7/" in found
    me = client_for(UserFactory()).get("/me/").content.decode()
    assert 'id="my-things"' in me and "You have no things yet." in me


def test_home_sections_come_in_the_order_of_the_apps(client):
    page = client.get("/").content.decode()
    order = [page.index(f'id="home-{name}"') for name in ("events", "proposals", "library", "exhibitions")]
    assert order == sorted(order)


def test_an_event_reads_the_same_on_the_home_page_the_list_and_in_search(client):
    event = EventFactory(title_en="Lantern workshop", capacity=2, is_free=True)
    for page in (client.get("/"), client.get("/events/"), client.get("/search/", {"q": "lantern"})):
        html = page.content.decode()
        card = html[html.index('class="kind-card kind-event"') :]
        card = card[: card.index("</article>")]
        assert event.get_absolute_url() in card and "Lantern workshop" in card
        assert "2 seats left" in card and "Free" in card and event.venue.name in card


def test_a_proposal_card_hides_counts_as_its_round_does(client):
    from tests.factories import VotingRoundFactory

    OpenProposalFactory(title_en="Night market", round=VotingRoundFactory(hide_counts_until_closed=True))
    page = client.get("/").content.decode()
    card = page[page.index('class="kind-card kind-proposal"') :]
    assert "Night market" in card and "Votes are hidden until voting ends." in card
