"""Exhibitions' cards (portal.cards). Until an exhibition is on show, the home page says so."""

from django.utils.translation import gettext as _

from portal.cards import Section


class ExhibitionCards:
    def home(self, request):
        return [
            Section(
                id="exhibitions",
                title=_("Current exhibitions"),
                empty=_("No exhibitions are on show right now."),
                more_url="/exhibitions/",
                more_label=_("All exhibitions"),
            )
        ]
