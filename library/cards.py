"""The library's cards (portal.cards). Until the library has items, the home page says so."""

from django.utils.translation import gettext as _

from portal.cards import Section


class LibraryCards:
    def home(self, request):
        return [
            Section(
                id="library",
                title=_("New in the library"),
                empty=_("The online library has no items yet."),
                more_url="/library/",
                more_label=_("Browse the library"),
            )
        ]
