from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    card_provider = "events.cards.EventCards"  # portal.cards: its sections on home, /me/ and search
    # Mail this app sends by reference (portal.messaging), rendered when it is delivered or digested.
    messages = {
        "confirmation": "events.services.notifications.confirmation",
        "waitlisted": "events.services.notifications.waitlisted",
        "promoted": "events.services.notifications.promoted",
        "reminder": "events.services.notifications.reminder",
        "event_changed": "events.services.notifications.event_changed",
        "event_cancelled": "events.services.notifications.event_cancelled",
        "organizer_message": "events.services.notifications.organizer_message",
        "no_show_penalty": "events.services.notifications.no_show_penalty",
        "proposal_status": "events.services.proposals.proposal_status_update",
    }
    # What a one-click link in this app's mail may switch off: kind -> (Profile field, "no more mail" value).
    unsubscribe_kinds = {"reminders": ("event_reminders", False)}
    # Permissions each staff role gets for this app's models (see portal.roles); which organizer's
    # objects a member may touch is decided by portal.scoping.
    role_permissions = {
        # Organizer staff run their events (registrations, volunteers, evaluations), see proposals and
        # plan events from the selected ones (with add_event).
        "organizer_staff": [
            "view_event",
            "add_event",
            "change_event",
            "view_eventseries",
            "view_registration",
            "change_registration",
            "view_noshowpenalty",
            "change_noshowpenalty",
            "view_proposal",
            "view_votinground",
            "view_volunteerrole",
            "add_volunteerrole",
            "change_volunteerrole",
            "delete_volunteerrole",
            "view_volunteersignup",
            "view_evaluation",
            "change_evaluation",
        ],
        # Moderators review proposals, run voting rounds, moderate the discussion and approve
        # evaluation comments for the proposal pages. Evaluation answers are read-only in the admin.
        "moderator": [
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
            "view_evaluation",
            "change_evaluation",
        ],
    }
