"""The participation admin: moderators' actions go through the services, organizer staff plan events,
and hidden vote counts stay hidden from everybody but superusers."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from events.models import Event, Proposal
from events.services import proposals, votes
from portal.models import AccountBlock
from tests.factories import (
    OpenProposalFactory,
    OrganizerFactory,
    ProposalCommentFactory,
    ProposalFactory,
    UserFactory,
    VotingRoundFactory,
    make_moderator,
    make_staff,
)
from tests.utils import client_for

pytestmark = pytest.mark.django_db
S = Proposal.Status
CHANGELIST = "/admin/events/proposal/"


@pytest.fixture
def moderator(db):
    return make_moderator()


def action(client, name, objects, url=CHANGELIST, **data):
    return client.post(url, {"action": name, "_selected_action": [o.pk for o in objects], **data})


def status_of(proposal):
    proposal.refresh_from_db()
    return proposal.status


def test_moderator_reviews_requests_changes_opens_for_voting_and_rejects(moderator):
    client = client_for(moderator)
    first, second = ProposalFactory(), ProposalFactory()
    assert client.get(CHANGELIST).status_code == 200

    assert action(client, "start_review", [first]).status_code == 302
    assert status_of(first) == S.UNDER_REVIEW

    page = action(client, "request_changes", [second])
    assert page.status_code == 200 and b"What should the proposer change?" in page.content
    action(client, "request_changes", [second], apply="yes", note="Which day of the week?")
    assert status_of(second) == S.CHANGES_REQUESTED and second.change_request_note == "Which day of the week?"

    voting_round = VotingRoundFactory(title_en="Spring round")
    page = action(client, "open_for_voting", [first])
    assert b"Spring round" in page.content
    action(client, "open_for_voting", [first], apply="yes", round=voting_round.pk)
    assert status_of(first) == S.OPEN_FOR_VOTING and first.round == voting_round

    action(client, "select", [first])  # the round is still running: refused with a message
    assert status_of(first) == S.OPEN_FOR_VOTING
    voting_round.ends = timezone.now() - timedelta(minutes=1)
    voting_round.starts = voting_round.ends - timedelta(days=3)
    voting_round.save()
    action(client, "select", [first])
    assert status_of(first) == S.SELECTED

    action(client, "reject", [second], apply="yes", note="Already offered every week.")
    assert status_of(second) == S.REJECTED and second.rejection_reason == "Already offered every week."


def test_not_select_and_merge(moderator):
    client = client_for(moderator)
    voted = OpenProposalFactory()
    voting_round = voted.round
    voting_round.ends = timezone.now() - timedelta(minutes=1)
    voting_round.starts = voting_round.ends - timedelta(days=3)
    voting_round.save()
    action(client, "not_select", [voted])
    assert status_of(voted) == S.NOT_SELECTED

    original, duplicate = ProposalFactory(), ProposalFactory()
    page = action(client, "merge", [duplicate])
    assert page.status_code == 200
    action(client, "merge", [duplicate], apply="yes", into=original.pk)
    duplicate.refresh_from_db()
    assert duplicate.merged_into == original and duplicate.status == S.REJECTED


def test_organizer_staff_see_proposals_and_plan_events_but_do_not_review():
    organizer = OrganizerFactory()
    staff = make_staff(organizer)
    client = client_for(staff)
    proposal = OpenProposalFactory(title_en="Shadow puppets")
    assert client.get(CHANGELIST).status_code == 200
    assert client.get(f"{CHANGELIST}{proposal.pk}/change/").status_code == 200
    action(client, "start_review", [ProposalFactory()])
    assert not Proposal.objects.filter(status=S.UNDER_REVIEW).exists()

    voting_round = proposal.round
    voting_round.ends = timezone.now() - timedelta(minutes=1)
    voting_round.starts = voting_round.ends - timedelta(days=3)
    voting_round.save()
    proposals.change_proposal_status(proposal=proposal, to=S.SELECTED, by_user=None)
    response = action(client, "plan_event", [proposal])
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/events/event/{event.pk}/change/"
    assert event.organizer == organizer and event.title_en == "Shadow puppets" and event.status == "draft"
    assert status_of(proposal) == S.PLANNED


def test_moderators_cannot_plan_events(moderator):
    proposal = ProposalFactory(status=S.SELECTED)
    action(client_for(moderator), "plan_event", [proposal])
    assert not Event.objects.exists() and status_of(proposal) == S.SELECTED


def test_residents_have_no_admin():
    response = client_for(UserFactory()).get(CHANGELIST)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_hidden_counts_stay_hidden_in_the_admin_except_for_superusers(moderator):
    hidden = OpenProposalFactory(round=VotingRoundFactory(hide_counts_until_closed=True), title_en="Secret count")
    shown = OpenProposalFactory(title_en="Open count")
    voters = [UserFactory() for _ in range(7)]
    for user in voters:
        votes.cast_vote(user=user, proposal=hidden)
    votes.cast_vote(user=voters[0], proposal=shown)

    staff = make_staff(OrganizerFactory())
    for user in (moderator, staff):
        client = client_for(user)
        html = client.get(CHANGELIST).content.decode()
        assert "hidden until voting ends" in html
        rows = client.get(CHANGELIST, {"o": "5"}).context["cl"].result_list  # sort by the votes column
        assert {row.shown_votes for row in rows} == {None, 1}
        change = client.get(f"{CHANGELIST}{hidden.pk}/change/").content.decode()
        assert "hidden until voting ends" in change
    vote_list = client_for(moderator).get("/admin/events/vote/")
    assert vote_list.status_code == 200
    assert {vote.proposal_id for vote in vote_list.context["cl"].result_list} == {shown.pk}

    superuser = UserFactory(is_staff=True, is_superuser=True)
    rows = client_for(superuser).get(CHANGELIST).context["cl"].result_list
    assert {row.pk: row.shown_votes for row in rows} == {hidden.pk: 7, shown.pk: 1}


def test_moderator_hides_comments_and_blocks_authors(moderator):
    client = client_for(moderator)
    comment = ProposalCommentFactory()
    url = "/admin/events/proposalcomment/"
    assert client.get(url).status_code == 200
    page = action(client, "hide", [comment], url=url)
    assert page.status_code == 200
    action(client, "hide", [comment], url=url, apply="yes", note="Personal attack.")
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "Personal attack."

    action(client, "block_authors", [comment], url=url, apply="yes", note="Repeated attacks.")
    comment.author.refresh_from_db()
    assert not comment.author.is_active
    assert AccountBlock.objects.get().reason == "Repeated attacks."


def test_role_permissions():
    make_moderator()
    codes = set(
        Permission.objects.filter(group__name="Moderator", content_type__app_label="events").values_list(
            "codename", flat=True
        )
    )
    assert {"change_proposal", "change_proposalcomment", "add_votinground", "view_vote"} <= codes
    assert "add_event" not in codes
    make_staff(OrganizerFactory())
    staff_codes = set(
        Permission.objects.filter(group__name="Organizer staff", content_type__app_label="events").values_list(
            "codename", flat=True
        )
    )
    assert {"view_proposal", "add_event"} <= staff_codes and "change_proposal" not in staff_codes
