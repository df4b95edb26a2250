"""Voting rounds as a resident sees them: which are open, and what is left for them in each."""

from django.utils import timezone

from ..models import Vote, VotingRound
from ..services import votes


def open_rounds(user, now=None):
    """Rounds open now, each with `votes_left` (None = unlimited) and `votes_used` for `user` when signed in,
    and `refusal`: why `user` may not vote in it (another district's round …), or None."""
    now = now or timezone.now()
    rounds = list(VotingRound.objects.filter(starts__lte=now, ends__gt=now).select_related("district"))
    profile = getattr(user, "profile", None) if user.is_authenticated else None
    for voting_round in rounds:
        refusal = votes.district_refusal(voting_round, profile) if profile and voting_round.district_id else None
        voting_round.refusal = refusal[1] if refusal else None
        voting_round.votes_used = (
            Vote.objects.filter(user=user, round=voting_round).count() if user.is_authenticated else 0
        )
        voting_round.votes_left = (
            votes.votes_left(user=user, voting_round=voting_round) if user.is_authenticated else None
        )
    return rounds
