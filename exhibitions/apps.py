from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExhibitionsConfig(AppConfig):
    name = "exhibitions"
    verbose_name = _("Exhibitions")
    card_provider = "exhibitions.cards.ExhibitionCards"  # portal.cards: its sections on home, /me/ and search
    # Permissions each staff role gets for this app's models (see portal.roles).
    role_permissions = {}
