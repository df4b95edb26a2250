from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    # Permissions each staff role gets for this app's models (see portal.roles); which organizer's
    # events a member may touch is decided by portal.scoping.
    role_permissions = {
        "organizer_staff": [
            "view_event",
            "add_event",
            "change_event",
            "view_eventseries",
            "view_registration",
            "change_registration",
            "view_noshowpenalty",
            "change_noshowpenalty",
        ],
    }
