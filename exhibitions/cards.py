"""Exhibitions' cards (portal.cards): the home page's "Current exhibitions" and the Exhibitions section of search."""

from django.utils.translation import gettext as _

from portal.cards import Badge, Card, Section

from .selectors import exhibitions as selectors

HOME_EXHIBITIONS = 6
SEARCH_RESULTS = 20


def dates_text(exhibition):
    opens = exhibition.opens_on.isoformat() if exhibition.opens_on else ""
    closes = exhibition.closes_on.isoformat() if exhibition.closes_on else ""
    if opens and closes:
        return _("%(opens)s to %(closes)s") % {"opens": opens, "closes": closes}
    if opens:
        return _("From %(opens)s") % {"opens": opens}
    if closes:
        return _("Until %(closes)s") % {"closes": closes}
    return ""


def exhibition_card(exhibition, reason=""):
    return Card(
        kind="exhibition",
        id=exhibition.pk,
        title=exhibition.title,
        url=exhibition.get_absolute_url(),
        image=exhibition.cover_thumbnail.url if exhibition.cover_thumbnail else "",
        where=exhibition.organizer.name,
        detail=dates_text(exhibition) or exhibition.summary,
        badges=(Badge(exhibition.get_category_display()),),
        reason=reason,
    )


class ExhibitionCards:
    def home(self, request):
        return [
            Section(
                id="exhibitions",
                title=_("Current exhibitions"),
                cards=[exhibition_card(e) for e in selectors.current_exhibitions(limit=HOME_EXHIBITIONS)],
                empty=_("No exhibitions are on show right now."),
                more_url="/exhibitions/",
                more_label=_("All exhibitions"),
            )
        ]

    def search(self, query):
        """Published exhibitions whose title, introduction or works match the words, in either language."""
        return [
            Section(
                id="exhibitions",
                title=_("Exhibitions"),
                cards=[exhibition_card(e) for e in selectors.search_exhibitions(query, limit=SEARCH_RESULTS)],
            )
        ]
