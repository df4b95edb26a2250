from celery.schedules import crontab
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
        "volunteer_message": "events.services.notifications.volunteer_message",
        "proposal_status": "events.services.proposals.proposal_status_update",
    }
    # What a one-click link in this app's mail may switch off: kind -> (Profile field, "no more mail" value).
    unsubscribe_kinds = {"reminders": ("event_reminders", False)}
    # Celery: the queue of each task (portal.celery gathers every app's), and the beat entries.
    task_routes = {
        "events.tasks.send_event_reminders": {"queue": "email"},
        "events.tasks.send_evaluation_invitations": {"queue": "email"},
        "events.tasks.send_organizer_feedback_digests": {"queue": "email"},
        "events.tasks.mark_past_no_shows": {"queue": "default"},
        "events.tasks.close_voting_rounds": {"queue": "default"},
        "events.tasks.make_event_thumbnail": {"queue": "media"},
    }
    beat_schedule = {
        # Each confirmed registration gets one reminder in the 24 hours before its event.
        "send-event-reminders": {"task": "events.tasks.send_event_reminders", "schedule": 3600.0},
        "mark-past-no-shows": {"task": "events.tasks.mark_past_no_shows", "schedule": 3600.0},
        # Rounds that have ended are closed and ranked; proposals whose event took place become "held".
        "close-voting-rounds": {"task": "events.tasks.close_voting_rounds", "schedule": 3600.0},
        # Attendees of events that ended are invited to evaluate them, once.
        "send-evaluation-invitations": {"task": "events.tasks.send_evaluation_invitations", "schedule": 3600.0},
        # Organizers' weekly feedback digest, Monday morning, about the week that just ended.
        "send-organizer-feedback-digests": {
            "task": "events.tasks.send_organizer_feedback_digests",
            "schedule": crontab(minute=0, hour=7, day_of_week="mon"),
        },
    }
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
