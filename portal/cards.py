"""One card shape for lists that mix kinds, and the providers that fill them.

The home page, /me/, site search (and next, recommendations) do not know the apps: they ask every
app's provider, named by `card_provider` on its AppConfig (a dotted path to a class), in the order of
INSTALLED_APPS. A provider answers with `Section`s of `Card`s:

    class EventCards:
        def home(self, request): ...      # sections for the home page
        def search(self, query): ...      # sections of results for the words `query`
        def me(self, request): ...        # the resident's own sections on /me/

Any of the three may be missing. A card is what every list shows of a thing: its kind and id, title,
link and image, when and where (or a short detail), badges, the reason it is shown (recommendations),
a note, and the buttons a resident may press on it. A section that is not a list of cards (a list
with forms of its own, a summary) comes as `html` the provider rendered, with its own heading.

Base layer: imports no domain app.
"""

from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from django.apps import apps
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Badge:
    label: str
    tone: str = ""  # "", "ok", "full", "alert", "free": the badge-<tone> class


@dataclass(frozen=True)
class Action:
    """A button on a card: a POST to `url` (with the CSRF token)."""

    label: str
    url: str


@dataclass(frozen=True)
class Card:
    kind: str  # "event", "proposal", "ticket", later "item", "exhibition"
    id: int | str
    title: str
    url: str
    image: str = ""  # a thumbnail URL; the title says what it shows, so it is decorative (alt="")
    when: datetime | None = None
    when_text: str = ""  # `when` as the kind says it ("Sat 9 Dec, 14:00–16:00"); else the date
    where: str = ""
    detail: str = ""
    badges: tuple[Badge, ...] = ()
    reason: str = ""  # why this card is shown to this person (recommendations)
    note: str = ""  # plain text, or markup the provider rendered from a template (a SafeString)
    actions: tuple[Action, ...] = ()


@dataclass
class Section:
    id: str
    title: str
    cards: list[Card] = field(default_factory=list)
    empty: str = ""  # said when there are no cards
    more_url: str = ""
    more_label: str = ""
    html: str = ""  # a section that is not a list of cards, rendered whole by its provider


@cache
def providers():
    """One instance of every app's provider, in INSTALLED_APPS order."""
    found = []
    for app_config in apps.get_app_configs():
        path = getattr(app_config, "card_provider", None)
        if path:
            found.append(import_string(path)())
    return tuple(found)


def sections(place, *args):
    """Every provider's sections for `place` ("home", "search" or "me"), in order."""
    found = []
    for provider in providers():
        if hasattr(provider, place):
            found.extend(getattr(provider, place)(*args))
    return found
