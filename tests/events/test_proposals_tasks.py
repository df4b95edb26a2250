"""The hourly close_voting_rounds task: closes and ranks ended rounds, moves planned proposals to held; idempotent."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from events import tasks
from events.models import Event, Proposal
from events.services import votes
from portal.models import OutgoingEmail
from tests.factories import EventFactory, OpenProposalFactory, ProposalFactory, UserFactory, VotingRoundFactory

pytestmark = pytest.mark.django_db


def test_scheduled_hourly():
    entry = settings.CELERY_BEAT_SCHEDULE["close-voting-rounds"]
    assert entry == {"task": "events.tasks.close_voting_rounds", "schedule": 3600.0}


def test_closes_ranks_and_holds_once():
    voting_round = VotingRoundFactory()
    first = OpenProposalFactory(round=voting_round)
    second = OpenProposalFactory(round=voting_round)
    for _ in range(2):
        votes.cast_vote(user=UserFactory(), proposal=second)
    votes.cast_vote(user=UserFactory(), proposal=first)
    running = VotingRoundFactory()
    planned = ProposalFactory(status=Proposal.Status.PLANNED)
    planned.events.add(EventFactory(start=timezone.now() - timedelta(hours=3), end=timezone.now() - timedelta(hours=1)))
    voting_round.starts = timezone.now() - timedelta(days=9)
    voting_round.ends = timezone.now() - timedelta(minutes=5)
    voting_round.save()
    OutgoingEmail.objects.all().delete()

    tasks.close_voting_rounds.delay()  # eager outside tests/integration, as Celery beat would send it
    assert tasks.close_voting_rounds() == {"rounds_closed": 0, "proposals_held": 0}  # the second run: nothing
    voting_round.refresh_from_db()
    running.refresh_from_db()
    assert voting_round.closed_at is not None and running.closed_at is None
    first.refresh_from_db()
    second.refresh_from_db()
    assert (second.rank, first.rank) == (1, 2)
    planned.refresh_from_db()
    assert planned.status == Proposal.Status.HELD
    assert planned.status_changes.get().to_status == Proposal.Status.HELD
    assert OutgoingEmail.objects.filter(to=planned.proposer.email).count() == 1


def test_a_cancelled_or_draft_event_does_not_make_a_proposal_held():
    planned = ProposalFactory(status=Proposal.Status.PLANNED)
    past = {"start": timezone.now() - timedelta(hours=3), "end": timezone.now() - timedelta(hours=1)}
    planned.events.add(EventFactory(status=Event.Status.DRAFT, **past))
    assert tasks.close_voting_rounds() == {"rounds_closed": 0, "proposals_held": 0}
