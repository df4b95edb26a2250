"""The participation demo: proposals in every status, open and closed rounds, votes, comments; safe to run again."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from events.models import Proposal, ProposalComment, Vote, VotingRound
from portal.models import OutgoingEmail

pytestmark = pytest.mark.django_db


def counts():
    return {model.__name__: model.objects.count() for model in (Proposal, VotingRound, Vote, ProposalComment)}


def test_demo_participation(demo):
    assert set(Proposal.objects.values_list("status", flat=True)) == set(Proposal.Status.values)
    assert not Proposal.objects.filter(title_zh_hans="").exists() and not Proposal.objects.filter(title_en="").exists()

    open_now = [r for r in VotingRound.objects.all() if r.is_open()]
    city = next(r for r in open_now if r.district is None)
    assert city.proposals.filter(status="open_for_voting").count() >= 4 and city.votes.count() >= 20
    per_resident = Vote.objects.filter(round=city).values("user").annotate(n=Count("id"))
    assert max(row["n"] for row in per_resident) <= city.max_votes_per_resident
    district_round = next(r for r in open_now if r.district is not None)
    assert district_round.hide_counts_until_closed and district_round.proposals.exists()
    assert all(v.user.profile.district_id == district_round.district_id for v in district_round.votes.all())
    for proposal in Proposal.objects.all():
        assert proposal.vote_count == proposal.votes.count(), proposal.title_en

    closed = VotingRound.objects.get(closed_at__isnull=False)
    assert closed.proposals.filter(rank=1).exists()
    for status in ("planned", "held"):
        proposal = Proposal.objects.get(status=status)
        assert proposal.events.filter(slug__startswith="demo-").exists()
        assert proposal.status_changes.filter(to_status=status).exists()
    assert Proposal.objects.filter(merged_into__isnull=False).exists()
    assert ProposalComment.objects.filter(hidden_at__isnull=False, hidden_by__username="moderator").count() == 1
    assert not OutgoingEmail.objects.exists()

    first = counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == first
