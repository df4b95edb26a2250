"""The proposal pages: permissions, filters, voting and discussion, hidden counts, /me/ and the home page."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Proposal, ProposalComment, Vote
from events.services import comments, proposals, votes
from portal import accounts
from tests.factories import (
    DistrictFactory,
    EventFactory,
    OpenProposalFactory,
    OrganizerFactory,
    ProposalCommentFactory,
    ProposalFactory,
    UserFactory,
    VotingRoundFactory,
    make_moderator,
    make_staff,
)
from tests.utils import assert_permission_matrix, client_for, html

pytestmark = pytest.mark.django_db
S = Proposal.Status
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)


@pytest.fixture
def users(db):
    return {
        "anonymous": None,
        "citizen": UserFactory(),
        "other_citizen": UserFactory(),
        "organizer_staff": make_staff(OrganizerFactory()),
        "moderator": make_moderator(),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }


def form_data(**overrides):
    return {
        "title": "Weekend calligraphy for families",
        "description": "Brush and ink on Saturday mornings.",
        "category": "workshop",
        "audiences": ["child", "adult"],
        "season": "any",
        "expected_participants": "25",
        **overrides,
    }


def test_permission_matrix(users):
    proposal = ProposalFactory(proposer=users["citizen"])
    everybody = dict.fromkeys(users, 200)
    signed_in = {**everybody, "anonymous": 302}
    proposer_only = dict.fromkeys(users, 403) | {"anonymous": 302, "citizen": 200}
    assert_permission_matrix(
        users,
        {
            "/proposals/": everybody,
            "/proposals/?status=submitted&sort=votes": everybody,
            f"/proposals/{proposal.pk}/": everybody,
            "/proposals/similar/?q=calligraphy": everybody,
            "/proposals/new/": signed_in,
            f"/proposals/{proposal.pk}/edit/": proposer_only,
            "/proposals/999999/": dict.fromkeys(users, 404),
        },
    )
    # Actions are POST only; anonymous visitors are sent to log in.
    assert_permission_matrix(
        users,
        {
            f"/proposals/{proposal.pk}/vote/": {**dict.fromkeys(users, 302)},
            f"/proposals/{proposal.pk}/comments/": {**dict.fromkeys(users, 302)},
        },
        method="post",
    )
    assert client_for(users["citizen"]).get(f"/proposals/{proposal.pk}/vote/").status_code == 405


def test_list_filters_sort_and_pagination(client):
    district = DistrictFactory(code="qingshan")
    voting_round = VotingRoundFactory()
    paper = OpenProposalFactory(round=voting_round, title_en="Paper cutting", district=district, vote_count=2)
    jazz = OpenProposalFactory(round=voting_round, title_en="Jazz evening", vote_count=5)
    draft = ProposalFactory(title_en="Tea tasting")
    ProposalFactory(title_en="Merged duplicate", merged_into=paper, status=S.REJECTED)

    def titles(**params):
        return [p.title for p in client.get("/proposals/", params).context["page"].object_list]

    assert titles() == ["Tea tasting", "Jazz evening", "Paper cutting"]  # newest first, merged left out
    assert titles(q="paper") == ["Paper cutting"]
    assert titles(status="submitted") == [draft.title]
    assert titles(district="qingshan") == ["Paper cutting"]
    assert titles(round=voting_round.pk) == ["Jazz evening", "Paper cutting"]
    assert titles(sort="votes")[:2] == ["Jazz evening", "Paper cutting"]
    assert jazz.pk and titles(q="nothing-like-this") == []
    assert "No proposals match" in html(client.get("/proposals/", {"q": "nothing-like-this"}))
    assert client.get("/proposals/", {"district": "nowhere"}).status_code == 200

    for number in range(22):
        ProposalFactory(title_en=f"Extra {number}")
    page_two = client.get("/proposals/", {"page": 2, "status": "submitted"})
    assert len(page_two.context["page"].object_list) == 3
    assert "Page 2 of 2" in html(page_two)


def test_list_shows_the_open_round_and_votes_left():
    resident = UserFactory()
    voting_round = VotingRoundFactory(title_en="Summer ideas", max_votes_per_resident=3)
    proposal = OpenProposalFactory(round=voting_round)
    votes.cast_vote(user=resident, proposal=proposal)
    page = html(client_for(resident).get("/proposals/"))
    assert "Voting is open: Summer ideas" in page
    assert "You have 2 votes left of 3 in this round." in page
    assert "You voted for this" in page
    anonymous = html(client_for(None).get("/proposals/"))
    assert "Log in to vote." in anonymous and "You voted for this" not in anonymous


def test_hidden_counts_never_show_on_pages(client):
    voting_round = VotingRoundFactory(hide_counts_until_closed=True, title_en="Secret round")
    leader = OpenProposalFactory(round=voting_round, title_en="Leader")
    OpenProposalFactory(round=voting_round, title_en="Follower")
    for _ in range(3):
        votes.cast_vote(user=UserFactory(), proposal=leader)

    listing = client.get("/proposals/", {"sort": "votes"})
    page = html(listing)
    assert "3 votes" not in page and "Votes are hidden until voting ends." in page
    assert 'value="votes"' not in page  # the sort option is not offered
    assert [p.title for p in listing.context["page"].object_list] == ["Follower", "Leader"]  # newest, not by votes
    detail = html(client.get(f"/proposals/{leader.pk}/"))
    assert "3 votes" not in detail and "hidden until voting ends" in detail
    home = html(client.get("/"))
    assert "Leader" in home and "3 votes" not in home

    voting_round.starts = timezone.now() - timedelta(days=9)
    voting_round.ends = timezone.now() - timedelta(minutes=1)
    voting_round.save()
    assert "3 votes" in html(client.get(f"/proposals/{leader.pk}/"))


def test_new_proposal_needs_a_verified_address(client):
    unverified = UserFactory(verified=False)
    page = html(client_for(unverified).get("/proposals/new/"))
    assert "confirmed email address" in page and "Send the confirmation email again" in page and "<textarea" not in page
    assert client_for(unverified).post("/proposals/new/", form_data()).status_code == 200
    assert not Proposal.objects.exists()
    response = client.get("/proposals/new/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_submit_a_proposal_and_confirm_despite_similar_ones():
    resident = UserFactory()
    client = client_for(resident)
    page = html(client.get("/proposals/new/"))
    assert 'src="/static/js/similar-proposals.js"' in page and not INLINE_SCRIPT.search(page)
    assert 'name="website"' in page  # the honeypot

    response = client.post("/proposals/new/", form_data())
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/proposals/{proposal.pk}/"
    assert proposal.title_en == "Weekend calligraphy for families" and proposal.proposer == resident

    # A second one with a similar title: shown the similar ones first, stored only when confirmed.
    page = html(client.post("/proposals/new/", form_data(title="Calligraphy for seniors")))
    assert "similar proposals exist" in page and "Weekend calligraphy for families" in page
    assert Proposal.objects.count() == 1
    response = client.post("/proposals/new/", form_data(title="Calligraphy for seniors", confirm_similar="1"))
    assert response.status_code == 302 and Proposal.objects.count() == 2


def test_submit_errors_honeypot_and_rate_limit(monkeypatch):
    resident = UserFactory()
    client = client_for(resident)
    page = html(client.post("/proposals/new/", form_data(title="")))
    assert "This field is required." in page and not Proposal.objects.exists()

    response = client.post("/proposals/new/", form_data(website="http://spam.example"))
    assert response.status_code == 302 and not Proposal.objects.exists()  # silently refused

    monkeypatch.setattr(proposals, "PROPOSAL_RATE", (1, 3600))
    client.post("/proposals/new/", form_data(title="Shadow puppets"))
    page = html(client.post("/proposals/new/", form_data(title="Dragon boats")))
    assert "too often" in page and Proposal.objects.count() == 1


def test_similar_fragment(client):
    ProposalFactory(title_en="Paper cutting for children", title_zh_hans="儿童剪纸")
    assert "Paper cutting for children" in html(client.get("/proposals/similar/", {"q": "paper"}))
    chinese = client.get("/proposals/similar/", {"q": "学剪纸"}, headers={"accept-language": "zh-hans"})
    assert "儿童剪纸" in html(chinese)
    assert html(client.get("/proposals/similar/", {"q": "jazz"})).strip() == ""


def test_vote_and_withdraw_on_the_page():
    resident = UserFactory()
    client = client_for(resident)
    proposal = OpenProposalFactory(round=VotingRoundFactory(max_votes_per_resident=2))
    page = html(client.get(f"/proposals/{proposal.pk}/"))
    assert "Vote for this proposal" in page and "You have 2 votes left of 2" in page

    response = client.post(f"/proposals/{proposal.pk}/vote/")
    assert response.status_code == 302
    page = html(client.get(f"/proposals/{proposal.pk}/"))
    assert "Thank you: your vote has been counted." in page
    assert "You have voted for this proposal." in page and "Withdraw my vote" in page
    assert "You have 1 vote left of 2" in page and "1 vote" in page

    page = html(client.post(f"/proposals/{proposal.pk}/vote/", follow=True))
    assert "You have already voted for this proposal." in page
    client.post(f"/proposals/{proposal.pk}/withdraw/")
    assert not Vote.objects.exists()


def test_the_page_says_why_voting_is_not_possible():
    district = DistrictFactory(name_en="Liuhe Township")
    proposal = OpenProposalFactory(round=VotingRoundFactory(district=district), district=district)
    page = html(client_for(UserFactory()).get(f"/proposals/{proposal.pk}/"))
    assert "This round is for residents of Liuhe Township." in page and "Vote for this proposal" not in page
    page = html(client_for(UserFactory(verified=False)).get(f"/proposals/{ProposalFactory().pk}/"))
    assert "This proposal is not open for voting." in page
    unverified = UserFactory(verified=False)
    page = html(client_for(unverified).get(f"/proposals/{OpenProposalFactory().pk}/"))
    assert "Send the confirmation email again" in page and "Vote for this proposal" not in page
    anonymous = html(client_for(None).get(f"/proposals/{OpenProposalFactory().pk}/"))
    assert "Log in to vote" in anonymous


def test_detail_shows_timeline_events_and_rejection():
    moderator = make_moderator()
    proposal = ProposalFactory(title_en="Lantern making")
    proposals.change_proposal_status(proposal=proposal, to=S.UNDER_REVIEW, by_user=moderator)
    proposals.change_proposal_status(proposal=proposal, to=S.REJECTED, by_user=moderator, note="Fire risk.")
    page = html(client_for(None).get(f"/proposals/{proposal.pk}/"))
    assert "Why it was rejected" in page and "Fire risk." in page
    assert page.index("Under review") < page.index("Rejected: Fire risk.")

    planned = ProposalFactory(status=S.PLANNED)
    published = EventFactory(title_en="Lantern night")
    draft = EventFactory(title_en="Unfinished draft", status="draft")
    planned.events.add(published, draft)
    page = html(client_for(None).get(f"/proposals/{planned.pk}/"))
    assert f'href="/events/{published.slug}/"' in page and "Unfinished draft" not in page


def test_the_proposer_edits_while_editable():
    resident = UserFactory()
    proposal = ProposalFactory(proposer=resident, title_en="Old title")
    client = client_for(resident)
    page = html(client.get(f"/proposals/{proposal.pk}/edit/"))
    assert 'value="Old title"' in page
    response = client.post(f"/proposals/{proposal.pk}/edit/", form_data(title="New title"))
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.title_en == "New title"
    Proposal.objects.filter(pk=proposal.pk).update(status=S.UNDER_REVIEW)
    assert "can no longer be edited" in html(client.get(f"/proposals/{proposal.pk}/edit/"), status=403)


def test_comments_report_hide_and_honeypot(monkeypatch):
    resident, other = UserFactory(), UserFactory()
    proposal = ProposalFactory()
    client = client_for(resident)
    client.post(f"/proposals/{proposal.pk}/comments/", {"body": "I would bring my grandchildren."})
    comment = ProposalComment.objects.get()
    client.post(f"/proposals/{proposal.pk}/comments/", {"body": "Buy cheap watches", "website": "spam"})
    assert ProposalComment.objects.count() == 1

    page = html(client_for(other).get(f"/proposals/{proposal.pk}/"))
    assert "I would bring my grandchildren." in page and "Report to a moderator" in page
    client_for(other).post(f"/proposals/comments/{comment.pk}/report/")
    assert comment.reports.count() == 1
    assert "You reported this comment." in html(client_for(other).get(f"/proposals/{proposal.pk}/"))
    assert "Report to a moderator" not in html(client.get(f"/proposals/{proposal.pk}/"))  # own comment

    comments.hide_comment(comment=comment, by_user=make_moderator(), reason="Off topic.")
    page = html(client_for(None).get(f"/proposals/{proposal.pk}/"))
    assert "A moderator hid this comment: Off topic." in page and "grandchildren" not in page

    monkeypatch.setattr(comments, "COMMENT_RATE", (1, 600))
    page = html(client.post(f"/proposals/{proposal.pk}/comments/", {"body": "Again"}, follow=True))
    assert "too often" in page
    unverified = UserFactory(verified=False)
    assert "Confirm your email address to join the discussion." in html(
        client_for(unverified).get(f"/proposals/{proposal.pk}/")
    )


def test_me_page_lists_my_proposals_and_votes():
    resident = UserFactory()
    mine = ProposalFactory(proposer=resident, title_en="My idea")
    supported = OpenProposalFactory(title_en="Their idea", round=VotingRoundFactory(max_votes_per_resident=4))
    votes.cast_vote(user=resident, proposal=supported)
    page = html(client_for(resident).get("/me/"))
    assert "My proposals" in page and "My idea" in page and f"/proposals/{mine.pk}/edit/" in page
    assert "My votes" in page and "Their idea" in page and "3 votes left of 4" in page
    assert "You have not voted yet." in html(client_for(UserFactory()).get("/me/"))


def test_me_lists_only_rounds_the_resident_may_vote_in_and_the_list_says_why_not():
    from tests.factories import DistrictFactory

    home, elsewhere = DistrictFactory(name_en="Riverside"), DistrictFactory(name_en="Hilltop")
    resident = UserFactory()
    resident.profile.district = home
    resident.profile.save()
    VotingRoundFactory(title_en="Riverside ideas", district=home, max_votes_per_resident=2)
    VotingRoundFactory(title_en="Hilltop ideas", district=elsewhere, max_votes_per_resident=2)
    VotingRoundFactory(title_en="City ideas", max_votes_per_resident=2)
    me = html(client_for(resident).get("/me/"))
    assert "Riverside ideas: 2 votes left of 2." in me and "City ideas: 2 votes left of 2." in me
    assert "Hilltop ideas" not in me
    listing = html(client_for(resident).get("/proposals/"))
    hilltop = listing[listing.index("Voting is open: Hilltop ideas") :]
    hilltop = hilltop[: hilltop.index("</section>")]
    assert "This round is for residents of Hilltop" in hilltop and "votes left" not in hilltop


def test_home_lists_up_to_six_proposals_open_for_voting(client):
    voting_round = VotingRoundFactory()
    for number in range(8):
        OpenProposalFactory(round=voting_round, title_en=f"Open idea {number}")
    ProposalFactory(title_en="Not yet open")
    page = html(client.get("/"))
    section = page[page.index('id="home-proposals"') : page.index('id="home-library"')]
    assert section.count('class="card"') == 6 and "Not yet open" not in section


def test_comments_by_a_blocked_account_stay_but_the_account_cannot_act():
    comment = ProposalCommentFactory()
    accounts.block_account(user=comment.author, by_user=make_moderator(), reason="Spam")
    response = client_for(comment.author).post(f"/proposals/{comment.proposal_id}/comments/", {"body": "More"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
