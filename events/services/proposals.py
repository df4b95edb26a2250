"""Every business action of the participation loop: proposals, voting rounds, votes, comments, moderation.

Views, the admin, the API, tasks and the demo call these; none re-implements a rule. All functions are
keyword-only and atomic, and refuse with `ParticipationError`: a ValidationError carrying a translated,
user-facing message and a stable `code` (the API's status for each code is in the error's `status_by_code`).

Votes are counted exactly under parallel requests: the resident's user row is locked while their votes
in the round are counted (so parallel votes never pass the round's limit), the unique constraint on
(user, proposal) is the last line against double votes, and the proposal's `vote_count` moves with an
F() update in the same transaction as the Vote row it counts.

Codes: email_unverified, forbidden, invalid, rate_limited, not_editable, invalid_transition, note_required,
round_required, wrong_round_district, round_over, round_not_over, no_event, has_votes, not_open_for_voting,
round_not_open, wrong_district, district_changed, district_unverified, already_voted, vote_limit, not_voted,
already_reported, own_comment, already_hidden, already_blocked, consent_required.
"""

import re
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.accounts import has_verified_email
from portal.categories import Category
from portal.links import absolute_url
from portal.notify import notify as notify_resident
from portal.roles import is_moderator
from portal.scoping import is_organizer_staff, managed_organizers

from ..errors import ParticipationError
from ..formatting import local_text
from ..models import (
    AUDIENCE_FIELDS,
    Event,
    Proposal,
    ProposalStatusChange,
)
from . import event_changes
from .notifications import render

Status = Proposal.Status

# Flood limits, per resident: (how many, within seconds).
PROPOSAL_RATE = (5, 24 * 3600)

# Which status may follow which; every change goes through change_proposal_status().
TRANSITIONS = {
    Status.SUBMITTED: {Status.UNDER_REVIEW, Status.CHANGES_REQUESTED, Status.REJECTED},
    Status.UNDER_REVIEW: {Status.CHANGES_REQUESTED, Status.OPEN_FOR_VOTING, Status.REJECTED},
    Status.CHANGES_REQUESTED: {Status.SUBMITTED, Status.REJECTED},
    Status.OPEN_FOR_VOTING: {Status.SELECTED, Status.NOT_SELECTED, Status.REJECTED},
    Status.SELECTED: {Status.PLANNED},
    Status.PLANNED: {Status.HELD},
    Status.NOT_SELECTED: set(),
    Status.HELD: set(),
    Status.REJECTED: set(),
}


def require_verified(user, message):
    if not has_verified_email(user):
        raise ParticipationError(message, "email_unverified")


def check_rate(user, action, rate):
    """A fixed-window counter in the cache: `rate` = (limit, seconds). Counts only attempts that got this far."""
    limit, seconds = rate
    key = f"participation:{action}:{user.pk}"
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=seconds)
        count = 1
    if count > limit:
        raise ParticipationError(_("You have done this too often. Please wait a while and try again."), "rate_limited")


# --- Proposals ------------------------------------------------------------------------------------------

CONTENT_FIELDS = (
    "category",
    "district",
    "venue",
    "season",
    "expected_participants",
    "will_help",
    "image",
)


def language_field(name, language):
    return f"{name}_{language.replace('-', '_')}"


def current_language():
    available = [code for code, _name in settings.LANGUAGES]
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language if language in available else settings.LANGUAGE_CODE


def _apply(proposal, *, title=None, description=None, audiences=None, **fields):
    """Write the resident's values: texts into the language the proposal is written in, the rest as given."""
    errors = {}
    if title is not None:
        title = title.strip()
        if not title:
            errors["title"] = _("Give your proposal a title.")
        elif len(title) > Proposal.TITLE_MAX:
            errors["title"] = _("The title may have at most %(max)d characters.") % {"max": Proposal.TITLE_MAX}
        else:
            setattr(proposal, language_field("title", proposal.language), title)
    if description is not None:
        description = description.strip()
        if not description:
            errors["description"] = _("Describe the activity you propose.")
        elif len(description) > Proposal.DESCRIPTION_MAX:
            errors["description"] = _("The description may have at most %(max)d characters.") % {
                "max": Proposal.DESCRIPTION_MAX
            }
        else:
            setattr(proposal, language_field("description", proposal.language), description)
    if audiences is not None:
        for band, field in AUDIENCE_FIELDS.items():
            setattr(proposal, field, band in audiences)
    for name, value in fields.items():
        if name not in CONTENT_FIELDS:
            raise TypeError(f"unknown proposal field {name!r}")
        if name == "image" and not value:
            continue
        setattr(proposal, name, value)
    if proposal.category not in Category.values:
        errors["category"] = _("Choose a category.")
    if not 1 <= (proposal.expected_participants or 0) <= 100_000:
        errors["expected_participants"] = _("Expect between 1 and 100000 participants.")
    if errors:
        raise ParticipationError(" ".join(str(message) for message in errors.values()), "invalid")


def _record(proposal, *, from_status, to_status, actor, note=""):
    return ProposalStatusChange.objects.create(
        proposal=proposal, from_status=from_status, to_status=to_status, actor=actor, note=note
    )


@transaction.atomic
def submit_proposal(*, user, title, description, audiences=(), **fields):
    """A resident proposes an activity; returns the Proposal, `submitted`, with the first timeline entry.

    The title and description are stored in the language the resident writes in (the active language).
    Refuses an address not yet verified ("email_unverified"), empty or overlong texts and out-of-range
    numbers ("invalid"), and more than PROPOSAL_RATE proposals a day ("rate_limited").
    Other keyword arguments: category, district, venue, season, expected_participants, will_help, image.
    """
    require_verified(user, _("Please confirm your email address before you propose an activity."))
    proposal = Proposal(proposer=user, language=current_language())
    _apply(proposal, title=title, description=description, audiences=audiences, **fields)
    check_rate(user, "proposal", PROPOSAL_RATE)
    proposal.save()
    _record(proposal, from_status="", to_status=Status.SUBMITTED, actor=user)
    return proposal


@transaction.atomic
def update_proposal(*, proposal, by_user, **changes):
    """The proposer edits their proposal while it is `submitted` or `changes_requested`; returns it.

    Editing after changes were requested resubmits it (back to `submitted`, on the timeline). Refuses
    anybody but the proposer ("forbidden") and a proposal already in review or later ("not_editable").
    """
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if by_user is None or proposal.proposer_id != by_user.pk:
        raise ParticipationError.forbidden()
    if not proposal.is_editable:
        raise ParticipationError(_("This proposal is being reviewed and can no longer be edited."), "not_editable")
    _apply(proposal, **changes)
    proposal.save()
    if proposal.status == Status.CHANGES_REQUESTED:
        _change(proposal, to=Status.SUBMITTED, by_user=by_user, note="", notify=True)
    return proposal


def _may_change(by_user, proposal, to):
    if by_user is None:  # the system: tasks and the demo
        return True
    if to == Status.SUBMITTED:
        return proposal.proposer_id == by_user.pk
    if to == Status.PLANNED:
        return is_organizer_staff(by_user)
    return is_moderator(by_user)


@transaction.atomic
def change_proposal_status(*, proposal, to, by_user, note="", round=None, notify=True):
    """Move `proposal` to status `to`, record it on the timeline and tell the proposer and every supporter.

    Only the transitions in TRANSITIONS are allowed ("invalid_transition"). Moderators (or superusers)
    review, open for voting, select and reject; organizer staff plan; the proposer resubmits; `by_user`
    None is the system ("forbidden" otherwise). Requesting changes and rejecting need a `note` (sent to
    the proposer; a rejection reason is public) ("note_required"). Opening for voting needs a `round`
    that has not ended ("round_required", "round_over"); a district round takes only proposals for its
    district ("wrong_round_district"). Selecting waits until the round has ended ("round_not_over");
    planning needs a linked event ("no_event"). Nobody is emailed about their own action.
    """
    proposal = Proposal.objects.select_for_update(of=("self",)).select_related("round").get(pk=proposal.pk)
    to = Status(to)
    if not _may_change(by_user, proposal, to):
        raise ParticipationError.forbidden()
    if to not in TRANSITIONS[proposal.status]:
        raise ParticipationError(
            _("A proposal that is “%(current)s” cannot become “%(to)s”.")
            % {"current": Status(proposal.status).label, "to": to.label},
            "invalid_transition",
        )
    note = (note or "").strip()
    if to in (Status.CHANGES_REQUESTED, Status.REJECTED) and not note:
        raise ParticipationError(_("Write a note for the proposer explaining why."), "note_required")
    if to == Status.OPEN_FOR_VOTING:
        if round is None:
            raise ParticipationError(_("Choose the voting round."), "round_required")
        if round.has_ended:
            raise ParticipationError(_("This voting round has already ended."), "round_over")
        if round.district_id is not None and round.district_id != proposal.district_id:
            raise ParticipationError(
                _("The round “%(round)s” is only for proposals in %(district)s.")
                % {"round": round.title, "district": round.district.name},
                "wrong_round_district",
            )
        proposal.round = round
    if to in (Status.SELECTED, Status.NOT_SELECTED) and proposal.round and not proposal.round.has_ended:
        raise ParticipationError(
            _("Voting in this round is open until %(date)s; select proposals after it ends.")
            % {"date": local_text(proposal.round.ends)},
            "round_not_over",
        )
    if to == Status.PLANNED and not proposal.events.exists():
        raise ParticipationError(_("Plan an event for this proposal first."), "no_event")
    return _change(proposal, to=to, by_user=by_user, note=note, notify=notify)


def _change(proposal, *, to, by_user, note, notify):
    from_status = proposal.status
    proposal.status = to
    if to == Status.CHANGES_REQUESTED:
        proposal.change_request_note = note
    if to == Status.REJECTED:
        proposal.rejection_reason = note
    proposal.save()
    change = _record(proposal, from_status=from_status, to_status=to, actor=by_user, note=note)
    if notify:
        notify_status_change(proposal, change)
    return proposal


@transaction.atomic
def merge_proposal(*, proposal, into, by_user, notify=True):
    """Merge a duplicate into another proposal: it is rejected with a public pointer to `into`.

    Only moderators ("forbidden"); only a proposal nobody has voted for ("has_votes"), not into itself,
    not into a proposal that was merged itself, and not once selected, planned, held or rejected
    ("invalid_transition").
    """
    if by_user is not None and not is_moderator(by_user):
        raise ParticipationError.forbidden()
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    into = Proposal.objects.get(pk=into.pk)
    if proposal.vote_count or proposal.votes.exists():
        raise ParticipationError(_("Proposals with votes cannot be merged."), "has_votes")
    if into.pk == proposal.pk or into.merged_into_id is not None or into.status == Status.REJECTED:
        raise ParticipationError(_("Choose another proposal to merge into."), "invalid_transition")
    if Status.REJECTED not in TRANSITIONS[proposal.status]:
        raise ParticipationError(_("This proposal can no longer be merged."), "invalid_transition")
    proposal.merged_into = into
    note = _("Merged into “%(title)s” (%(url)s), which proposes the same.") % {
        "title": into.title,
        "url": into.get_absolute_url(),
    }
    return _change(proposal, to=Status.REJECTED, by_user=by_user, note=note, notify=notify)


def _pick_organizer(proposal, by_user):
    organizers = managed_organizers(by_user)
    if proposal.venue_id and organizers.filter(pk=proposal.venue.organizer_id).exists():
        return proposal.venue.organizer
    if proposal.district_id:
        local = organizers.filter(district_id=proposal.district_id).first()
        if local is not None:
            return local
    return organizers.order_by("pk").first()


def _pick_venue(proposal, organizer):
    if proposal.venue_id and proposal.venue.organizer_id == organizer.pk:
        return proposal.venue
    venues = organizer.venues.order_by("pk")
    if proposal.district_id:
        return venues.filter(district_id=proposal.district_id).first() or venues.first()
    return venues.first()


@transaction.atomic
def plan_event_from_proposal(*, proposal, by_user, notify=True):
    """Create a draft Event from a selected proposal and link it; the proposal becomes `planned`.

    The event belongs to one of the staff member's organizers (the suggested venue's, else one in the
    proposal's district, else their first) and copies the texts in both languages, the category and
    the audience; the venue is the suggested one or the organizer's venue in that district. Its date is
    a placeholder a month ahead: staff set the real one before publishing. A planned proposal may get
    further events. Refuses anybody but organizer staff ("forbidden") and proposals not selected or
    planned ("invalid_transition"). Returns the event.
    """
    if not is_organizer_staff(by_user):
        raise ParticipationError.forbidden()
    proposal = Proposal.objects.select_for_update(of=("self",)).select_related("venue").get(pk=proposal.pk)
    if proposal.status not in (Status.SELECTED, Status.PLANNED):
        raise ParticipationError(_("Only selected proposals can be planned as events."), "invalid_transition")
    organizer = _pick_organizer(proposal, by_user)
    start = (timezone.localtime() + timedelta(days=30)).replace(hour=19, minute=0, second=0, microsecond=0)
    event = Event(
        organizer=organizer,
        venue=_pick_venue(proposal, organizer),
        category=proposal.category,
        for_children=proposal.for_children,
        for_teens=proposal.for_teens,
        for_adults=proposal.for_adults or not proposal.audiences,
        for_seniors=proposal.for_seniors,
        start=start,
        end=start + timedelta(hours=2),
        capacity=proposal.expected_participants,
        status=Event.Status.DRAFT,
    )
    for code, _name in settings.LANGUAGES:
        for name in ("title", "description"):
            field = language_field(name, code)
            setattr(event, field, getattr(proposal, field) or getattr(proposal, name))
    event_changes.save_event(event=event, by_user=by_user)
    proposal.events.add(event)
    if proposal.status == Status.SELECTED:
        _change(
            proposal,
            to=Status.PLANNED,
            by_user=by_user,
            note=_("Planned as “%(title)s”.") % {"title": event.title},
            notify=notify,
        )
    return event


def mark_held_proposals(*, now=None, notify=True):
    """Planned proposals whose event has taken place (a published event ended) become `held`; returns how many."""
    now = now or timezone.now()
    due = Proposal.objects.filter(
        status=Status.PLANNED, events__status=Event.Status.PUBLISHED, events__end__lte=now
    ).distinct()
    held = 0
    for proposal in due:
        with transaction.atomic():
            if Proposal.objects.select_for_update().filter(pk=proposal.pk, status=Status.PLANNED).exists():
                change_proposal_status(
                    proposal=proposal,
                    to=Status.HELD,
                    by_user=None,
                    note=_("The activity has taken place."),
                    notify=notify,
                )
                held += 1
    return held


# --- Similar proposals -----------------------------------------------------------------------------------

WORD = re.compile(r"[a-z0-9]{3,}")
HAN = re.compile(r"[\u3400-\u9fff]+")
STOP_WORDS = {"the", "and", "for", "with", "our", "from", "about", "class", "event", "activity"}


def title_words(text):
    """Words of a title to compare: Latin words of 3+ letters (lower case) and pairs of Chinese characters.

    Chinese is written without spaces, so two neighbouring characters stand for a word; it is crude
    but database-agnostic and easy to explain.
    """
    text = (text or "").lower()
    words = {word for word in WORD.findall(text) if word not in STOP_WORDS}
    for run in HAN.findall(text):
        words.update(run[i : i + 2] for i in range(len(run) - 1))
    return words


# A word found in more titles than this share (and than COMMON_AT_LEAST) is common here: "community",
# "festival", 社区 … One common word shared says nothing; two words shared, or one that is not common, do.
COMMON_SHARE = 0.05
COMMON_AT_LEAST = 2


def _titled(word):
    return Q(title_zh_hans__icontains=word) | Q(title_en__icontains=word)


def similar_proposals(*, text, exclude=None, limit=5):
    """Proposals whose title (in either language) shares with `text` two words, or one word that is not
    common among the proposals' titles; most shared words first, distinctive words before common ones."""
    words = sorted(title_words(text), key=len, reverse=True)[:10]
    if not words:
        return []
    pool = Proposal.objects.listed()
    if exclude is not None:
        pool = pool.exclude(pk=exclude.pk)
    titles = pool.aggregate(total=Count("pk"), **{f"w{i}": Count("pk", filter=_titled(w)) for i, w in enumerate(words)})
    common_above = max(COMMON_AT_LEAST, COMMON_SHARE * titles["total"])
    common = {word for i, word in enumerate(words) if titles[f"w{i}"] > common_above}
    distinctive = set(words) - common
    candidates = {}
    for group in (distinctive, common):
        if group:
            match = Q()
            for word in group:
                match |= _titled(word)
            candidates.update((p.pk, p) for p in pool.filter(match).order_by("-created_at")[:50])
    scored = []
    for proposal in candidates.values():
        shared = set(words) & (title_words(proposal.title_zh_hans) | title_words(proposal.title_en))
        if len(shared) >= 2 or shared & distinctive:
            scored.append((len(shared & distinctive), len(shared), proposal))
    scored.sort(key=lambda item: (-item[0], -item[1], -item[2].created_at.timestamp()))
    return [proposal for _distinctive, _shared, proposal in scored[:limit]]


# --- Notifications ----------------------------------------------------------------------------------------


def notify_status_change(proposal, change):
    """Tell the proposer and every supporter about `change`, each in their language; not the actor.

    Proposal news is not transactional: it goes through portal.notify, so each resident gets it at once,
    in their daily or weekly digest, or never, as they chose. Returns what notify() kept.
    """
    recipients = {}
    if proposal.proposer_id:
        recipients[proposal.proposer_id] = (proposal.proposer, True)
    for vote in proposal.votes.select_related("user__profile"):
        recipients.setdefault(vote.user_id, (vote.user, False))
    recipients.pop(change.actor_id, None)
    sent = []
    for user, is_proposer in recipients.values():
        kept = notify_resident(
            user=user,
            message="events.proposal_status",
            target=change,
            params={"is_proposer": is_proposer},
            kind="proposals",
        )
        if kept is not None:
            sent.append(kept)
    return sent


def proposal_status_update(user, change, params):
    """The "proposal_status" message (events' AppConfig.messages): `change` told to `user`, in the active language."""
    proposal = change.proposal
    is_proposer = bool(params.get("is_proposer"))
    subject = (
        (lambda: _("Your proposal: %(title)s") % {"title": proposal.title})
        if is_proposer
        else (lambda: _("A proposal you support: %(title)s") % {"title": proposal.title})
    )
    return render(
        user,
        "proposal_status",
        subject,
        {
            "proposal": proposal,
            "proposal_url": absolute_url(proposal.get_absolute_url()),
            "status_label": Status(change.to_status).label,
            "note": change.note,
            "is_proposer": is_proposer,
            "linked_events": [(event, absolute_url(event.get_absolute_url())) for event in proposal.events.public()],
        },
        item=True,
    )
