"""Voting rounds and votes: who may vote where, casting and withdrawing votes, closing rounds."""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import residents

from ..errors import ParticipationError
from ..formatting import local_text
from ..models import (
    Proposal,
    Vote,
    VotingRound,
)
from .proposals import Status, require_verified

# --- Voting rounds and votes -----------------------------------------------------------------------------


@transaction.atomic
def close_round(*, voting_round, now=None):
    """Close a round that has ended: rank its proposals by votes (ties share a rank) and stamp `closed_at`.

    Idempotent: a closed round or one still running is returned unchanged.
    """
    now = now or timezone.now()
    voting_round = VotingRound.objects.select_for_update().get(pk=voting_round.pk)
    if voting_round.closed_at is not None or voting_round.ends > now:
        return voting_round
    rank, previous = 0, None
    ranked = voting_round.proposals.exclude(status=Status.REJECTED).order_by("-vote_count", "created_at", "pk")
    for position, proposal in enumerate(ranked, start=1):
        if proposal.vote_count != previous:
            rank, previous = position, proposal.vote_count
        Proposal.objects.filter(pk=proposal.pk).update(rank=rank)
    voting_round.closed_at = now
    voting_round.save(update_fields=["closed_at"])
    return voting_round


def close_due_rounds(*, now=None):
    """Close every round that has ended and is not closed yet; returns how many were closed."""
    now = now or timezone.now()
    due = VotingRound.objects.filter(closed_at__isnull=True, ends__lte=now).values_list("pk", flat=True)
    return sum(close_round(voting_round=VotingRound(pk=pk), now=now).closed_at == now for pk in list(due))


def _lock_resident(user):
    """Serialize one resident's votes: their user row is locked until the transaction ends."""
    get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True).first()


def voting_closed_reason(proposal, user=None, now=None):
    """(code, user-facing reason) when `user` (or anybody) cannot vote on `proposal` now, else None.

    Looks at the proposal, the round and the district, not at the resident's own votes.
    """
    now = now or timezone.now()
    voting_round = proposal.round
    if proposal.status != Status.OPEN_FOR_VOTING or voting_round is None:
        return "not_open_for_voting", _("This proposal is not open for voting.")
    if now < voting_round.starts:
        return "round_not_open", _("Voting opens on %(date)s.") % {"date": local_text(voting_round.starts)}
    if now >= voting_round.ends:
        return "round_not_open", _("Voting closed on %(date)s.") % {"date": local_text(voting_round.ends)}
    if voting_round.district_id is not None and user is not None and user.is_authenticated:
        return district_refusal(voting_round, getattr(user, "profile", None))
    return None


def district_refusal(voting_round, profile):
    """(code, reason) when `profile`'s district does not let its resident vote in the district round, else None.

    The district counts as it was when the round opened: a resident who changed district after that
    votes in the new district's rounds that open later, so moving back and forth gives no second vote.
    A round that requires it takes only a district confirmed by staff (Profile.district_verified).
    """
    district = voting_round.district
    if profile is None or profile.district_id != voting_round.district_id:
        return "wrong_district", _(
            "This round is for residents of %(district)s. Set your district in your profile if you live there."
        ) % {"district": district.name}
    if profile.district_changed_at is not None and profile.district_changed_at > voting_round.starts:
        return "district_changed", _(
            "You changed your district on %(date)s, after this round opened. Your district counts for rounds "
            "that open from now on."
        ) % {"date": local_text(profile.district_changed_at, "DATE_FORMAT")}
    if voting_round.requires_verified_district and not profile.district_verified:
        return "district_unverified", _(
            "This round needs a district confirmed by staff. Ask at a cultural center or station in "
            "%(district)s to confirm yours."
        ) % {"district": district.name}
    return None


def votes_left(*, user, voting_round):
    """How many more proposals `user` may support in `voting_round`; None when there is no limit."""
    if voting_round.max_votes_per_resident is None:
        return None
    used = Vote.objects.filter(user=user, round=voting_round).count() if user.is_authenticated else 0
    return max(voting_round.max_votes_per_resident - used, 0)


def open_rounds(user, now=None):
    """Rounds open now, each with `votes_left` (None = unlimited) and `votes_used` for `user` when signed in,
    and `refusal`: why `user` may not vote in it (another district's round …), or None."""
    now = now or timezone.now()
    rounds = list(VotingRound.objects.filter(starts__lte=now, ends__gt=now).select_related("district"))
    profile = getattr(user, "profile", None) if user.is_authenticated else None
    for voting_round in rounds:
        refusal = district_refusal(voting_round, profile) if profile and voting_round.district_id else None
        voting_round.refusal = refusal[1] if refusal else None
        voting_round.votes_used = (
            Vote.objects.filter(user=user, round=voting_round).count() if user.is_authenticated else 0
        )
        voting_round.votes_left = votes_left(user=user, voting_round=voting_round) if user.is_authenticated else None
    return rounds


@transaction.atomic
def cast_vote(*, user, proposal, assisted_by=None, consent_noted=False):
    """`user` supports `proposal`; returns the Vote.

    Refuses: an address not yet verified ("email_unverified"); a proposal not open for voting
    ("not_open_for_voting"); outside its round's dates ("round_not_open"); a district round when the
    resident's profile is in another district ("wrong_district", naming the district), moved there after
    the round opened ("district_changed") or is not confirmed by staff when the round asks for it
    ("district_unverified"); a second vote ("already_voted"); more votes than the round allows
    ("vote_limit").

    `assisted_by`: organizer staff recording the vote at a desk for a resident without a smartphone,
    only for residents they may serve (portal.residents.may_assist; others: "forbidden"); the vote is on
    the audit record and the resident is told. Staff know the person, so no confirmed address is asked;
    the resident must have agreed and staff say so (`consent_noted`, else "consent_required"). Every other rule applies
    to the RESIDENT (the district rule looks at their profile); the Vote is marked assisted, with who
    recorded it, and counts once like any other.
    """
    if assisted_by is not None:
        residents.require_assist(assisted_by, user, ParticipationError)
        if not consent_noted:
            raise ParticipationError(
                _("Tick the box to confirm that the resident agreed to this vote."), "consent_required"
            )
    else:
        require_verified(user, _("Please confirm your email address before voting, so that each resident counts once."))
    _lock_resident(user)
    proposal = Proposal.objects.select_related("round__district").get(pk=proposal.pk)
    closed = voting_closed_reason(proposal, user)
    if closed:
        code, message = closed
        raise ParticipationError(str(message), code)
    if Vote.objects.filter(user=user, proposal=proposal).exists():
        raise _already_voted()
    left = votes_left(user=user, voting_round=proposal.round)
    if left == 0:
        raise ParticipationError(
            _("You have used all %(max)d votes of this round. Withdraw a vote to support another proposal.")
            % {"max": proposal.round.max_votes_per_resident},
            "vote_limit",
        )
    try:
        with transaction.atomic():
            vote = Vote.objects.create(
                user=user,
                proposal=proposal,
                round=proposal.round,
                assisted=assisted_by is not None,
                recorded_by=assisted_by,
                consent_noted=assisted_by is not None and consent_noted,
            )
    except IntegrityError as exc:  # a parallel request of the same resident won (the constraint held)
        raise _already_voted() from exc
    Proposal.objects.filter(pk=proposal.pk).update(vote_count=F("vote_count") + 1)
    if assisted_by is not None:
        residents.record_assisted(
            staff=assisted_by,
            resident=user,
            kind=residents.AssistedAction.Kind.VOTE,
            target=vote,
            consent_noted=consent_noted,
            what=lambda: _("a vote for “%(title)s”") % {"title": proposal.title},
            withdraw_path="/me/#my-votes-title",
        )
    return vote


def _already_voted():
    return ParticipationError(_("You have already voted for this proposal."), "already_voted")


@transaction.atomic
def withdraw_vote(*, user, proposal):
    """`user` takes their vote back while the round is open. Refuses: no vote ("not_voted"), voting
    over or not open ("not_open_for_voting", "round_not_open")."""
    _lock_resident(user)
    proposal = Proposal.objects.select_related("round__district").get(pk=proposal.pk)
    vote = Vote.objects.filter(user=user, proposal=proposal).first()
    if vote is None:
        raise ParticipationError(_("You have not voted for this proposal."), "not_voted")
    closed = voting_closed_reason(proposal)
    if closed:
        code, message = closed
        raise ParticipationError(str(message), code)
    vote.delete()
    Proposal.objects.filter(pk=proposal.pk).update(vote_count=F("vote_count") - 1)
