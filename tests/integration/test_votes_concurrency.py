"""Votes counted exactly under parallel requests, on PostgreSQL: real threads, each with its own connection."""

import pytest
from django.db import connection

from events.models import Proposal, Vote
from events.services import votes
from tests.factories import OpenProposalFactory, UserFactory, VotingRoundFactory
from tests.utils import in_parallel

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_database_is_postgresql():
    assert connection.vendor == "postgresql"


def test_sixty_residents_voting_at_once_are_all_counted():
    proposal = OpenProposalFactory()
    residents = [UserFactory() for _ in range(60)]
    outcomes = in_parallel([lambda user=user: votes.cast_vote(user=user, proposal=proposal) for user in residents])
    assert outcomes == ["ok"] * 60
    proposal.refresh_from_db()
    assert proposal.vote_count == 60
    assert Vote.objects.filter(proposal=proposal).count() == 60


def test_a_resident_voting_twice_at_once_counts_once():
    proposal = OpenProposalFactory()
    residents = [UserFactory() for _ in range(10)]
    calls = [lambda user=user: votes.cast_vote(user=user, proposal=proposal) for user in residents for _ in (1, 2)]
    outcomes = in_parallel(calls)
    assert outcomes.count("ok") == 10 and outcomes.count("already_voted") == 10
    for index in range(10):
        assert sorted(outcomes[2 * index : 2 * index + 2]) == ["already_voted", "ok"]
    proposal.refresh_from_db()
    assert proposal.vote_count == 10 == Vote.objects.filter(proposal=proposal).count()


def test_parallel_votes_never_pass_the_round_limit():
    voting_round = VotingRoundFactory(max_votes_per_resident=3)
    proposals = [OpenProposalFactory(round=voting_round) for _ in range(12)]
    residents = [UserFactory() for _ in range(4)]
    calls = [
        lambda user=user, proposal=proposal: votes.cast_vote(user=user, proposal=proposal)
        for user in residents
        for proposal in proposals
    ]
    outcomes = in_parallel(calls)
    assert outcomes.count("ok") == 12 and outcomes.count("vote_limit") == 36
    for user in residents:
        assert Vote.objects.filter(user=user, round=voting_round).count() == 3
    assert sum(Proposal.objects.filter(round=voting_round).values_list("vote_count", flat=True)) == 12


def test_parallel_withdrawals_and_votes_keep_the_count_exact():
    proposal = OpenProposalFactory()
    residents = [UserFactory() for _ in range(30)]
    for user in residents[:15]:
        votes.cast_vote(user=user, proposal=proposal)
    calls = [lambda user=user: votes.withdraw_vote(user=user, proposal=proposal) for user in residents[:15]]
    calls += [lambda user=user: votes.cast_vote(user=user, proposal=proposal) for user in residents[15:]]
    assert in_parallel(calls) == ["ok"] * 30
    proposal.refresh_from_db()
    assert proposal.vote_count == 15 == Vote.objects.filter(proposal=proposal).count()
