"""The proposals API: list and filters, create, vote and withdraw with every status code, hidden counts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Proposal, Vote
from events.services import proposals, votes
from tests.factories import (
    DistrictFactory,
    EventFactory,
    OpenProposalFactory,
    OrganizerFactory,
    ProposalFactory,
    UserFactory,
    VotingRoundFactory,
    make_moderator,
    make_staff,
)
from tests.utils import api

pytestmark = pytest.mark.django_db
S = Proposal.Status
LIST = "/api/proposals/"


def vote_url(proposal):
    return f"/api/proposals/{proposal.pk}/vote/"


def test_list_is_public_paginated_and_filtered():
    district = DistrictFactory(code="binjiang")
    voting_round = VotingRoundFactory()
    paper = OpenProposalFactory(round=voting_round, title_en="Paper cutting", district=district, vote_count=4)
    ProposalFactory(title_en="Tea tasting")
    ProposalFactory(title_en="Merged", merged_into=paper, status=S.REJECTED)
    response = api().get(LIST)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"} and body["count"] == 2

    def titles(**params):
        return [item["title"] for item in api().get(LIST, params).json()["results"]]

    assert titles(q="paper") == ["Paper cutting"]
    assert titles(status="submitted") == ["Tea tasting"]
    assert titles(district="binjiang") == ["Paper cutting"]
    assert titles(round=voting_round.pk) == ["Paper cutting"]
    assert titles(sort="votes")[0] == "Paper cutting"
    assert api().get(LIST, {"status": "nonsense"}).status_code == 400
    assert len(api().get(LIST, {"page_size": 1}).json()["results"]) == 1


def test_detail_fields():
    district = DistrictFactory(code="xicheng")
    proposal = OpenProposalFactory(title_en="Shadow puppets", district=district, for_seniors=True)
    event = EventFactory(title_en="Shadow puppet night")
    proposal.events.add(event, EventFactory(status="draft"))
    votes.cast_vote(user=UserFactory(), proposal=proposal)
    body = api().get(f"/api/proposals/{proposal.pk}/").json()
    assert body["id"] == proposal.pk and body["url"] == f"http://testserver/proposals/{proposal.pk}/"
    assert body["title"] == "Shadow puppets" and body["status"] == "open_for_voting" and body["votes"] == 1
    assert body["district"] == "xicheng" and body["category"] == "workshop" and body["round"] == proposal.round_id
    assert body["audiences"] == ["adult", "senior"]
    assert [e["slug"] for e in body["events"]] == [event.slug]
    assert body["events"][0]["url"] == f"http://testserver/events/{event.slug}/"
    merged = ProposalFactory(merged_into=proposal, status=S.REJECTED)
    assert api().get(f"/api/proposals/{merged.pk}/").json()["merged_into"] == proposal.pk
    assert api().get("/api/proposals/999999/").status_code == 404


def test_hidden_counts_are_null_and_do_not_order():
    voting_round = VotingRoundFactory(hide_counts_until_closed=True)
    leader = OpenProposalFactory(round=voting_round, title_en="Leader")
    OpenProposalFactory(round=voting_round, title_en="Follower")
    for _ in range(3):
        votes.cast_vote(user=UserFactory(), proposal=leader)
    results = api().get(LIST, {"sort": "votes"}).json()["results"]
    assert [(item["title"], item["votes"], item["rank"]) for item in results] == [
        ("Follower", None, None),
        ("Leader", None, None),
    ]
    assert api().get(f"/api/proposals/{leader.pk}/").json()["votes"] is None
    response = api(UserFactory()).post(vote_url(OpenProposalFactory(round=voting_round)))
    assert response.status_code == 201 and response.json()["votes"] is None

    voting_round.starts = timezone.now() - timedelta(days=9)
    voting_round.ends = timezone.now() - timedelta(minutes=1)
    voting_round.save()
    assert api().get(f"/api/proposals/{leader.pk}/").json()["votes"] == 3


def test_create():
    resident = UserFactory()
    payload = {
        "title": "Dragon boat training",
        "description": "Every Sunday on the river.",
        "category": "sports",
        "audiences": ["teen", "adult"],
        "district": DistrictFactory(code="liuhe").code,
        "expected_participants": 30,
        "will_help": True,
    }
    response = api(resident, token=True).post(LIST, payload, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "submitted" and body["district"] == "liuhe" and body["votes"] == 0
    proposal = Proposal.objects.get()
    assert proposal.proposer == resident and proposal.will_help and proposal.for_teens

    errors = api(resident).post(LIST, {**payload, "title": "", "category": "nope"}, format="json")
    assert errors.status_code == 400 and {"title", "category"} <= set(errors.json())
    assert api().post(LIST, payload, format="json").status_code == 403
    unverified = api(UserFactory(verified=False)).post(LIST, payload, format="json")
    assert unverified.status_code == 403 and unverified.json()["code"] == "email_unverified"


def test_create_is_rate_limited(monkeypatch):
    monkeypatch.setattr(proposals, "PROPOSAL_RATE", (1, 3600))
    client = api(UserFactory())
    payload = {"title": "One", "description": "x", "category": "other"}
    assert client.post(LIST, payload, format="json").status_code == 201
    response = client.post(LIST, {**payload, "title": "Two"}, format="json")
    assert response.status_code == 429 and response.json()["code"] == "rate_limited"


def test_vote_status_codes():
    resident = UserFactory()
    client = api(resident)
    proposal = OpenProposalFactory(round=VotingRoundFactory(max_votes_per_resident=1))

    response = client.post(vote_url(proposal))
    assert response.status_code == 201
    assert response.json() == {
        "id": Vote.objects.get().pk,
        "proposal": proposal.pk,
        "votes": 1,
        "votes_left": 0,
    }
    again = client.post(vote_url(proposal))
    assert again.status_code == 409 and again.json()["detail"] == "You have already voted for this proposal."
    over = client.post(vote_url(OpenProposalFactory(round=proposal.round)))
    assert over.status_code == 400 and over.json()["code"] == "vote_limit"

    assert client.post(vote_url(ProposalFactory())).json()["code"] == "not_open_for_voting"
    assert client.post(vote_url(ProposalFactory())).status_code == 400
    past = VotingRoundFactory(starts=timezone.now() - timedelta(days=5), ends=timezone.now() - timedelta(days=1))
    outside = client.post(vote_url(OpenProposalFactory(round=past)))
    assert outside.status_code == 400 and outside.json()["code"] == "round_not_open"

    district = DistrictFactory(name_en="Taoyuan Township")
    wrong = client.post(vote_url(OpenProposalFactory(round=VotingRoundFactory(district=district), district=district)))
    assert wrong.status_code == 403 and wrong.json()["code"] == "wrong_district"
    assert "Taoyuan Township" in wrong.json()["detail"]

    unverified = api(UserFactory(verified=False)).post(vote_url(proposal))
    assert unverified.status_code == 403 and unverified.json()["code"] == "email_unverified"
    assert api().post(vote_url(proposal)).status_code == 403  # anonymous
    assert client.post("/api/proposals/999999/vote/").status_code == 404


def test_withdraw_status_codes():
    resident = UserFactory()
    client = api(resident)
    proposal = OpenProposalFactory()
    assert client.delete(vote_url(proposal)).status_code == 404
    client.post(vote_url(proposal))
    assert client.delete(vote_url(proposal)).status_code == 204
    proposal.refresh_from_db()
    assert proposal.vote_count == 0 and not Vote.objects.exists()
    client.post(vote_url(proposal))
    proposal.round.starts = timezone.now() - timedelta(days=9)
    proposal.round.ends = timezone.now() - timedelta(minutes=1)
    proposal.round.save()
    closed = client.delete(vote_url(proposal))
    assert closed.status_code == 400 and closed.json()["code"] == "round_not_open"
    assert api().delete(vote_url(proposal)).status_code == 403


def test_permission_matrix_for_reads_and_writes():
    proposal = OpenProposalFactory()
    users = {
        "anonymous": None,
        "citizen": UserFactory(),
        "other_citizen": UserFactory(),
        "organizer_staff": make_staff(OrganizerFactory()),
        "moderator": make_moderator(),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }
    for role, user in users.items():
        client = api(user)
        assert client.get(LIST).status_code == 200, role
        assert client.get(f"/api/proposals/{proposal.pk}/").status_code == 200, role
        assert client.post(vote_url(proposal)).status_code == (403 if user is None else 201), role
        assert client.put(f"/api/proposals/{proposal.pk}/", {}).status_code in (403, 405), role
        assert client.delete(f"/api/proposals/{proposal.pk}/").status_code in (403, 405), role


def test_schema_documents_the_proposal_endpoints(client):
    schema = client.get("/api/schema/").content.decode()
    for path in ("/api/proposals/", "/api/proposals/{id}/", "/api/proposals/{id}/vote/"):
        assert path in schema
