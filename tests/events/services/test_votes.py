"""Votes and voting rounds: casting, withdrawing, district rounds, limits, hidden counts, closing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.errors import ParticipationError
from events.models import Proposal, Vote
from events.services import votes
from tests.factories import (
    DistrictFactory,
    OpenProposalFactory,
    ProposalFactory,
    UserFactory,
    VotingRoundFactory,
)

pytestmark = pytest.mark.django_db


def refused(code, call, **kwargs):
    with pytest.raises(ParticipationError) as info:
        call(**kwargs)
    assert info.value.code == code, info.value.message
    return info.value


def ended(voting_round):
    voting_round.starts = timezone.now() - timedelta(days=10)
    voting_round.ends = timezone.now() - timedelta(minutes=1)
    voting_round.save()
    return voting_round


# --- votes ---------------------------------------------------------------------------------------------


def test_cast_and_withdraw_keep_the_count_exact(resident):
    proposal = OpenProposalFactory()
    vote = votes.cast_vote(user=resident, proposal=proposal)
    assert vote.round == proposal.round
    votes.cast_vote(user=UserFactory(), proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.vote_count == 2 == proposal.votes.count()
    refused("already_voted", votes.cast_vote, user=resident, proposal=proposal)
    votes.withdraw_vote(user=resident, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.vote_count == 1 == proposal.votes.count()
    refused("not_voted", votes.withdraw_vote, user=resident, proposal=proposal)
    votes.cast_vote(user=resident, proposal=proposal)  # may vote again after withdrawing
    proposal.refresh_from_db()
    assert proposal.vote_count == 2


def test_vote_refusals(resident):
    refused("email_unverified", votes.cast_vote, user=UserFactory(verified=False), proposal=OpenProposalFactory())
    refused("not_open_for_voting", votes.cast_vote, user=resident, proposal=ProposalFactory())
    future = VotingRoundFactory(starts=timezone.now() + timedelta(days=1), ends=timezone.now() + timedelta(days=3))
    error = refused("round_not_open", votes.cast_vote, user=resident, proposal=OpenProposalFactory(round=future))
    assert "Voting opens on" in error.message
    past = ended(VotingRoundFactory())
    error = refused("round_not_open", votes.cast_vote, user=resident, proposal=OpenProposalFactory(round=past))
    assert "Voting closed on" in error.message
    assert not Vote.objects.exists()


def test_a_district_round_takes_only_its_residents(resident):
    district = DistrictFactory(name_en="Qingshan Township")
    proposal = OpenProposalFactory(round=VotingRoundFactory(district=district), district=district)
    error = refused("wrong_district", votes.cast_vote, user=resident, proposal=proposal)
    assert "Qingshan Township" in error.message
    resident.profile.district = district
    resident.profile.save()
    votes.cast_vote(user=resident, proposal=proposal)
    assert proposal.votes.count() == 1


def test_the_round_limit_counts_votes_in_that_round_only(resident):
    voting_round = VotingRoundFactory(max_votes_per_resident=2)
    first, second, third = (OpenProposalFactory(round=voting_round) for _ in range(3))
    assert votes.votes_left(user=resident, voting_round=voting_round) == 2
    votes.cast_vote(user=resident, proposal=first)
    votes.cast_vote(user=resident, proposal=second)
    assert votes.votes_left(user=resident, voting_round=voting_round) == 0
    error = refused("vote_limit", votes.cast_vote, user=resident, proposal=third)
    assert "all 2 votes" in error.message
    votes.cast_vote(user=resident, proposal=OpenProposalFactory())  # another round
    votes.withdraw_vote(user=resident, proposal=first)
    votes.cast_vote(user=resident, proposal=third)
    assert votes.votes_left(user=resident, voting_round=voting_round) == 0


def test_no_withdrawal_after_the_round(resident):
    proposal = OpenProposalFactory()
    votes.cast_vote(user=resident, proposal=proposal)
    ended(proposal.round)
    refused("round_not_open", votes.withdraw_vote, user=resident, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.vote_count == 1


def test_hidden_counts_until_the_round_ends():
    proposal = OpenProposalFactory(round=VotingRoundFactory(hide_counts_until_closed=True), vote_count=3)
    assert proposal.counts_hidden and proposal.visible_vote_count is None
    assert Proposal.objects.with_visible_votes().get(pk=proposal.pk).visible_votes is None
    ended(proposal.round)
    proposal.refresh_from_db()
    assert not proposal.counts_hidden and proposal.visible_vote_count == 3
    assert Proposal.objects.with_visible_votes().get(pk=proposal.pk).visible_votes == 3


def test_closing_ranks_with_shared_ranks_and_is_idempotent():
    voting_round = VotingRoundFactory()
    a, b, c, d = (OpenProposalFactory(round=voting_round, vote_count=n) for n in (5, 9, 5, 1))
    assert votes.close_due_rounds() == 0  # still running
    ended(voting_round)
    assert votes.close_due_rounds() == 1
    ranks = {p.pk: p.rank for p in Proposal.objects.filter(round=voting_round)}
    assert ranks == {b.pk: 1, a.pk: 2, c.pk: 2, d.pk: 4}
    voting_round.refresh_from_db()
    closed_at = voting_round.closed_at
    assert closed_at is not None
    assert votes.close_due_rounds() == 0
    voting_round.refresh_from_db()
    assert voting_round.closed_at == closed_at
