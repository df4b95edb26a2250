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


# Participation (events.participation): moderators review proposals, run voting rounds and moderate the
# discussion; organizer staff see proposals and plan events from the selected ones (with add_event).
EventsConfig.role_permissions["organizer_staff"] = [
    *EventsConfig.role_permissions["organizer_staff"],
    "view_proposal",
    "view_votinground",
]
EventsConfig.role_permissions["moderator"] = [
    "view_proposal",
    "change_proposal",
    "view_proposalstatuschange",
    "view_votinground",
    "add_votinground",
    "change_votinground",
    "view_vote",
    "view_proposalcomment",
    "change_proposalcomment",
    "view_commentreport",
    "view_accountblock",
]

# Volunteers (events.volunteering): organizer staff define roles on their events and see who signed up.
EventsConfig.role_permissions["organizer_staff"] = [
    *EventsConfig.role_permissions["organizer_staff"],
    "view_volunteerrole",
    "add_volunteerrole",
    "change_volunteerrole",
    "delete_volunteerrole",
    "view_volunteersignup",
]

# Evaluations (events.evaluations): organizer staff read their events' evaluations and approve comments;
# moderators approve comments of every organizer for the proposal pages. Answers are read-only in the admin.
EventsConfig.role_permissions["organizer_staff"] = [
    *EventsConfig.role_permissions["organizer_staff"],
    "view_evaluation",
    "change_evaluation",
]
EventsConfig.role_permissions["moderator"] = [
    *EventsConfig.role_permissions.get("moderator", []),
    "view_evaluation",
    "change_evaluation",
]
