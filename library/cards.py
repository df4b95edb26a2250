"""The library's cards (portal.cards): what the home page, site search and the /library/ page show of a resource.

`resource_card` is the one place where a resource's card is worded; `LibraryCards` is the provider
named on the app's AppConfig. Every list comes from library.selectors.search, so site search finds
what the /library/ page finds, in the same order.
"""

from django.contrib.auth.models import AnonymousUser
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from portal.cards import Badge, Card, Section

from .selectors import search as search_selectors

HOME_RESOURCES = 6
SEARCH_RESULTS = 20


def access_badge(resource):
    tone = {resource.Access.OPEN: "free", resource.Access.STAFF: "alert"}.get(resource.access, "")
    return Badge(resource.get_access_display(), tone)


def resource_card(resource, snippet=None):
    """A resource as every list shows it: cover, title, creator, kind and access, and where the query matched."""
    return Card(
        kind="item",
        id=resource.pk,
        title=resource.title,
        url=resource.get_absolute_url(),
        image=resource.cover_thumbnail.url if resource.cover_thumbnail else "",
        where=resource.organizer.name,
        detail=resource.creator,
        badges=(Badge(resource.get_kind_display()), access_badge(resource)),
        note=snippet or "",
    )


class LibraryCards:
    def home(self, request):
        newest = search_selectors.search(user=request.user, sort="newest").resources[:HOME_RESOURCES]
        return [
            Section(
                id="library",
                title=_("New in the library"),
                cards=[resource_card(resource) for resource in newest],
                empty=_("The online library has no items yet."),
                more_url="/library/",
                more_label=_("Browse the library"),
            )
        ]

    def search(self, query):
        """What the /library/ page lists first for the same words (as a visitor sees it)."""
        results = search_selectors.search(user=AnonymousUser(), query=query)
        found = results.resources[:SEARCH_RESULTS]
        return [
            Section(
                id="library",
                title=_("Library"),
                cards=[resource_card(resource, results.snippet(resource)) for resource in found],
                more_url=f"/library/?{urlencode({'q': query})}",
            )
        ]
