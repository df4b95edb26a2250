"""Events' cards (portal.cards): what the home page, /me/, site search and the event list show.

`EventCards` is the provider named on the app's AppConfig. The card functions are the one place
where an event's, a proposal's and a ticket's badges are worded.
"""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal import residents
from portal.cards import Action, Badge, Card, Section

from .filters import ProposalFilter
from .formatting import when_text
from .models import Proposal, VolunteerSignup, Vote
from .selectors import evaluations
from .selectors import events as event_selectors
from .selectors import registrations as registration_selectors
from .services import registrations, volunteers, votes

HOME_EVENTS = 6
HOME_PROPOSALS = 6
SEARCH_RESULTS = 20


def seat_badge(event):
    """Cancelled, over, seats left, waiting list or full; None for an event without a seat limit."""
    if event.status == event.Status.CANCELLED:
        return Badge(_("Cancelled"), "alert")
    if event.is_past:
        return Badge(_("Over"))
    if event.seats_left is None:
        return None
    if event.seats_left > 0:
        label = ngettext("%(count)d seat left", "%(count)d seats left", event.seats_left)
        return Badge(label % {"count": event.seats_left}, "ok")
    return Badge(_("Full — waiting list") if event.waitlist_has_room else _("Full"), "full")


def price_badge(event):
    return Badge(_("Free"), "free") if event.is_free else Badge(f"¥{event.price}")


def event_place(event, with_district=True):
    if event.venue is None:
        return _("Online")
    if with_district and event.venue.district_id:
        return f"{event.venue.name} · {event.venue.district.name}"
    return event.venue.name


def event_card(event, reason=""):
    badges = [Badge(event.get_category_display()), price_badge(event), seat_badge(event)]
    return Card(
        kind="event",
        id=event.pk,
        title=event.title,
        url=event.get_absolute_url(),
        image=event.image_thumbnail.url if event.image_thumbnail else "",
        when=event.start,
        when_text=when_text(event),
        where=event_place(event),
        badges=tuple(badge for badge in badges if badge is not None),
        reason=reason,
    )


def proposal_card(proposal, reason=""):
    where = proposal.district.name if proposal.district else _("The whole city")
    if proposal.round is None:
        votes = ""
    elif proposal.counts_hidden:
        votes = _("Votes are hidden until voting ends.")
    else:
        votes = ngettext("%(count)d vote", "%(count)d votes", proposal.vote_count) % {"count": proposal.vote_count}
    return Card(
        kind="proposal",
        id=proposal.pk,
        title=proposal.title,
        url=proposal.get_absolute_url(),
        where=f"{where} · {proposal.get_category_display()}",
        detail=votes,
        badges=(Badge(proposal.get_status_display()),),
        reason=reason,
    )


def ticket_card(registration):
    """A resident's ticket on /me/: the event, the seat's state, a desk note and the cancel button."""
    event = registration.event
    if registration.status == registration.Status.CONFIRMED:
        label = ngettext("Confirmed, 1 place", "Confirmed, %(count)d places", registration.party_size)
        badges = [Badge(label % {"count": registration.party_size}, "ok")]
    else:
        position = _("Waiting list, number %(position)s") % {"position": registration.waitlist_position}
        badges = [Badge(position, "full")]
    if event.status == event.Status.CANCELLED:
        badges.append(Badge(_("Event cancelled"), "alert"))
    action = getattr(registration, "assisted_action", None)
    actions = ()
    if action is not None and getattr(registration, "can_cancel", False):
        actions = (Action(_("Cancel this registration"), reverse("events:cancel", args=[registration.ticket_code])),)
    return Card(
        kind="ticket",
        id=registration.ticket_code,
        title=event.title,
        url=reverse("events:ticket", args=[registration.ticket_code]),
        when=event.start,
        when_text=when_text(event),
        where=event_place(event, with_district=False),
        badges=tuple(badges),
        note=mark_safe(render_to_string("includes/assisted_note.html", {"action": action}).strip()) if action else "",
        actions=actions,
    )


class EventCards:
    """The events app's sections for the home page, site search and /me/."""

    def home(self, request):
        proposals = Proposal.objects.open_for_voting().select_related("round", "district").order_by("-created_at")
        return [
            Section(
                id="events",
                title=_("Upcoming events"),
                cards=[event_card(event) for event in event_selectors.upcoming_events(limit=HOME_EVENTS)],
                empty=_("No upcoming events yet. Check back soon."),
                more_url="/events/",
                more_label=_("All events"),
            ),
            Section(
                id="proposals",
                title=_("Proposals open for voting"),
                cards=[proposal_card(proposal) for proposal in proposals[:HOME_PROPOSALS]],
                empty=_("No proposals are open for voting right now."),
                more_url="/proposals/",
                more_label=_("All proposals"),
            ),
        ]

    def search(self, query):
        """What the event list and the proposal list would find for the same words."""
        words = urlencode({"q": query})
        events = event_selectors.filter_events({"q": query}).qs.select_related("venue__district")[:SEARCH_RESULTS]
        proposals = ProposalFilter(
            {"q": query, "sort": "newest"}, queryset=Proposal.objects.listed()
        ).qs.select_related("round", "district")[:SEARCH_RESULTS]
        return [
            Section(
                id="events",
                title=_("Events"),
                cards=[event_card(event) for event in events],
                more_url=f"/events/?{words}",
            ),
            Section(
                id="proposals",
                title=_("Proposals"),
                cards=[proposal_card(proposal) for proposal in proposals],
                more_url=f"/proposals/?{words}",
            ),
        ]

    def me(self, request):
        """Tickets, events attended, proposals and votes, volunteer roles, evaluations: the resident's own."""
        user = request.user
        tickets = residents.assisted_notes(user, registration_selectors.upcoming_tickets(user=user))
        for registration in tickets:
            registration.can_cancel = registrations.can_cancel(registration=registration, by_user=user)
        sections = [
            Section(
                id="tickets",
                title=_("My tickets"),
                cards=[ticket_card(registration) for registration in tickets],
                empty=_("You have no tickets for coming events."),
                more_url=reverse("events:list"),
                more_label=_("Find events"),
            )
        ]
        attended = registration_selectors.attended_events(user=user)
        if attended:
            sections.append(self._html(request, "attended", "events/includes/attended_list.html", attended=attended))

        my_votes = residents.assisted_notes(
            user, Vote.objects.filter(user=user).select_related("proposal__round").order_by("-created_at")[:50]
        )
        for vote in my_votes:
            vote.can_withdraw = votes.voting_closed_reason(vote.proposal) is None
        sections.append(
            self._html(
                request,
                "participation",
                "events/proposals/me_section.html",
                proposals=user.proposals.order_by("-created_at"),
                votes=my_votes,
                # Only rounds the resident may vote in (or voted in): another district's round is not theirs.
                open_rounds=[r for r in votes.open_rounds(user) if r.refusal is None or r.votes_used],
            )
        )
        signups = residents.assisted_notes(
            user,
            VolunteerSignup.objects.filter(user=user)
            .select_related("role", "event")
            .order_by("-event__start", "-id")[:50],
        )
        for signup in signups:
            signup.can_withdraw = volunteers.can_withdraw(signup)
        sections.append(self._html(request, "volunteering", "events/volunteers/me_section.html", signups=signups))
        sections.append(
            self._html(
                request,
                "evaluations",
                "events/evaluations/me_section.html",
                to_give=evaluations.evaluations_to_give(user=user),
                given=residents.assisted_notes(user, evaluations.evaluations_given(user=user)),
            )
        )
        return sections

    @staticmethod
    def _html(request, id, template, **context):
        return Section(id=id, title="", html=render_to_string(template, context, request=request))
