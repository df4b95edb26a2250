from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "library"
    verbose_name = _("Library")
    card_provider = "library.cards.LibraryCards"  # portal.cards: its sections on home, /me/ and search
    # Permissions each staff role gets for this app's models (see portal.roles).
    role_permissions = {}
