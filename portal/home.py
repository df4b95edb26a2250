"""The home page's sections. Each domain app contributes its own section once it has content."""

from django.utils.translation import gettext_lazy as _

from events.selectors.events import upcoming_events

HOME_EVENTS = 6


def home_sections(request):
    return [
        {
            "id": "events",
            "title": _("Upcoming events"),
            "items": [
                {"template": "events/includes/home_event_card.html", "object": event}
                for event in upcoming_events(limit=HOME_EVENTS)
            ],
            "empty": _("No upcoming events yet. Check back soon."),
            "more_url": "/events/",
            "more_label": _("All events"),
        },
        {
            "id": "proposals",
            "title": _("Proposals open for voting"),
            "items": proposals_open_for_voting(),
            "empty": _("No proposals are open for voting right now."),
            "more_url": "/proposals/",
            "more_label": _("All proposals"),
        },
        {
            "id": "library",
            "title": _("New in the library"),
            "items": [],
            "empty": _("The online library has no items yet."),
            "more_url": "/library/",
            "more_label": _("Browse the library"),
        },
        {
            "id": "exhibitions",
            "title": _("Current exhibitions"),
            "items": [],
            "empty": _("No exhibitions are on show right now."),
            "more_url": "/exhibitions/",
            "more_label": _("All exhibitions"),
        },
    ]


def proposals_open_for_voting(limit=6):
    """Up to `limit` proposals residents can vote on now, newest first (counts are shown by the card as allowed)."""
    from events.models import Proposal

    proposals = Proposal.objects.open_for_voting().select_related("round", "district").order_by("-created_at")
    return [{"template": "events/proposals/home_card.html", "object": proposal} for proposal in proposals[:limit]]
