"""The evaluations demo: real numbers on past events' reports and the held proposal's page; safe to run again."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count

from events.models import Evaluation, Event, Proposal
from events.selectors import feedback
from portal.models import OutgoingEmail, User
from tests.utils import client_for

pytestmark = pytest.mark.django_db


def test_demo_evaluations(demo):
    total = Evaluation.objects.count()
    assert total >= 100
    per_event = dict(
        Event.objects.filter(slug__startswith="demo-").annotate(n=Count("evaluations")).values_list("slug", "n")
    )
    assert per_event["demo-picture-book-hour"] == 3
    assert per_event["demo-paper-cutting-class"] >= 5
    assert Evaluation.objects.filter(anonymous=True).exists() and Evaluation.objects.exclude(comment="").exists()
    assert Evaluation.objects.filter(comment_approved=True).exists()
    assert not OutgoingEmail.objects.filter(subject__contains="How was").exists()
    # Every evaluation was given by an attendee, within the window, after the end.
    for evaluation in Evaluation.objects.select_related("event"):
        assert evaluation.event.end <= evaluation.created_at

    held = Proposal.objects.get(status="held")
    page = client_for(None).get(f"/proposals/{held.pk}/").content.decode()
    assert "What participants thought" in page and "would recommend it" in page
    summary = feedback.proposal_feedback(proposal=held).summary
    assert summary.enough and summary.answers == per_event["demo-paper-cutting-class"]

    loop = Proposal.objects.get(source_evaluations__isnull=False)
    assert loop.status == "submitted" and loop.proposer.username == "staff-city-cultural-center"
    assert loop.title_zh_hans and loop.title_en

    staff = User.objects.get(username="staff-city-cultural-center")
    page = client_for(staff).get("/events/demo-paper-cutting-class/feedback/").content.decode()
    assert '<svg class="chart" role="img"' in page

    call_command("seed_demo", stdout=io.StringIO())
    assert Evaluation.objects.count() == total
