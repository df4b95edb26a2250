"""Participation services: every rule and refusal code of proposals, transitions, votes, comments and moderation."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from events.errors import ParticipationError
from events.models import Event, Proposal, ProposalStatusChange
from events.services import proposals, votes
from portal.models import OutgoingEmail
from tests.factories import (
    DistrictFactory,
    OpenProposalFactory,
    OrganizerFactory,
    ProposalFactory,
    UserFactory,
    VenueFactory,
    VotingRoundFactory,
    make_moderator,
    make_staff,
)
from tests.utils import mail_as_sent

pytestmark = pytest.mark.django_db
S = Proposal.Status


@pytest.fixture
def moderator(db):
    return make_moderator()


def refused(code, call, **kwargs):
    with pytest.raises(ParticipationError) as info:
        call(**kwargs)
    assert info.value.code == code, info.value.message
    return info.value


def submit(user, **overrides):
    data = {
        "title": "Weekend calligraphy for families",
        "description": "Brush and ink on Saturday mornings.",
        "category": "workshop",
        "audiences": ["child", "adult"],
        "expected_participants": 25,
    }
    return proposals.submit_proposal(user=user, **{**data, **overrides})


def ended(voting_round):
    voting_round.starts = timezone.now() - timedelta(days=10)
    voting_round.ends = timezone.now() - timedelta(minutes=1)
    voting_round.save()
    return voting_round


# --- proposals ---------------------------------------------------------------------------------------


def test_submit_records_the_first_timeline_step_in_the_residents_language(resident):
    proposal = submit(resident, description="<p>Brush and ink.</p><script>alert(1)</script>")
    assert proposal.status == S.SUBMITTED and proposal.proposer == resident
    assert proposal.title_en == "Weekend calligraphy for families" and not proposal.title_zh_hans
    assert proposal.description_en == "<p>Brush and ink.</p>"  # sanitised
    assert proposal.for_children and proposal.for_adults and not proposal.for_seniors
    step = proposal.status_changes.get()
    assert (step.from_status, step.to_status, step.actor) == ("", S.SUBMITTED, resident)
    with translation.override("zh-hans"):
        chinese = submit(resident, title="周末亲子书法")
        assert chinese.language == "zh-hans" and chinese.title_zh_hans == "周末亲子书法" and not chinese.title_en
        assert chinese.title == "周末亲子书法"
    with translation.override("en"):
        assert Proposal.objects.get(pk=chinese.pk).title == "周末亲子书法"  # falls back to the language written


def test_submit_refusals(resident):
    refused("email_unverified", submit, user=UserFactory(verified=False))
    refused("invalid", submit, user=resident, title="  ")
    refused("invalid", submit, user=resident, title="x" * 121)
    refused("invalid", submit, user=resident, description="x" * 4001)
    refused("invalid", submit, user=resident, expected_participants=0)
    refused("invalid", submit, user=resident, category="nonsense")
    assert not Proposal.objects.exists()


def test_submitting_is_rate_limited_per_resident(resident, monkeypatch):
    monkeypatch.setattr(proposals, "PROPOSAL_RATE", (2, 3600))
    submit(resident)
    submit(resident)
    refused("rate_limited", submit, user=resident)
    submit(UserFactory())  # another resident is not affected
    assert Proposal.objects.count() == 3


def test_the_proposer_edits_until_review_and_resubmits_after_changes_requested(resident, moderator):
    proposal = submit(resident)
    proposals.update_proposal(proposal=proposal, by_user=resident, title="Calligraphy for families")
    proposal.refresh_from_db()
    assert proposal.title_en == "Calligraphy for families" and proposal.status == S.SUBMITTED
    refused("forbidden", proposals.update_proposal, proposal=proposal, by_user=UserFactory(), title="Mine")
    refused("forbidden", proposals.update_proposal, proposal=proposal, by_user=moderator, title="Mine")

    proposals.change_proposal_status(
        proposal=proposal, to=S.CHANGES_REQUESTED, by_user=moderator, note="Say which day."
    )
    proposal.refresh_from_db()
    assert proposal.change_request_note == "Say which day."
    proposals.update_proposal(proposal=proposal, by_user=resident, description="Saturdays at nine.")
    proposal.refresh_from_db()
    assert proposal.status == S.SUBMITTED
    assert list(proposal.status_changes.values_list("to_status", "actor")) == [
        (S.SUBMITTED, resident.pk),
        (S.CHANGES_REQUESTED, moderator.pk),
        (S.SUBMITTED, resident.pk),
    ]
    proposals.change_proposal_status(proposal=proposal, to=S.UNDER_REVIEW, by_user=moderator)
    refused("not_editable", proposals.update_proposal, proposal=proposal, by_user=resident, title="Late")


def test_transitions_are_checked_and_every_change_is_on_the_timeline(moderator):
    voting_round = VotingRoundFactory()
    proposal = ProposalFactory()
    change = proposals.change_proposal_status
    refused("forbidden", change, proposal=proposal, to=S.UNDER_REVIEW, by_user=UserFactory())
    refused("forbidden", change, proposal=proposal, to=S.UNDER_REVIEW, by_user=make_staff(OrganizerFactory()))
    refused("invalid_transition", change, proposal=proposal, to=S.SELECTED, by_user=moderator)
    refused("note_required", change, proposal=proposal, to=S.REJECTED, by_user=moderator, note=" ")
    change(proposal=proposal, to=S.UNDER_REVIEW, by_user=moderator)
    refused("round_required", change, proposal=proposal, to=S.OPEN_FOR_VOTING, by_user=moderator)
    old = ended(VotingRoundFactory())
    refused("round_over", change, proposal=proposal, to=S.OPEN_FOR_VOTING, by_user=moderator, round=old)
    district_round = VotingRoundFactory(district=DistrictFactory())
    refused(
        "wrong_round_district", change, proposal=proposal, to=S.OPEN_FOR_VOTING, by_user=moderator, round=district_round
    )
    change(proposal=proposal, to=S.OPEN_FOR_VOTING, by_user=moderator, round=voting_round)
    proposal.refresh_from_db()
    assert proposal.round == voting_round
    refused("round_not_over", change, proposal=proposal, to=S.SELECTED, by_user=moderator)
    ended(voting_round)
    change(proposal=proposal, to=S.SELECTED, by_user=moderator)
    refused("no_event", change, proposal=proposal, to=S.PLANNED, by_user=None)
    assert list(proposal.status_changes.values_list("from_status", "to_status")) == [
        (S.SUBMITTED, S.UNDER_REVIEW),
        (S.UNDER_REVIEW, S.OPEN_FOR_VOTING),
        (S.OPEN_FOR_VOTING, S.SELECTED),
    ]


def test_rejection_keeps_a_public_reason(moderator):
    proposal = ProposalFactory()
    proposals.change_proposal_status(proposal=proposal, to=S.REJECTED, by_user=moderator, note="Not legal.")
    proposal.refresh_from_db()
    assert proposal.status == S.REJECTED and proposal.rejection_reason == "Not legal."
    refused("invalid_transition", proposals.change_proposal_status, proposal=proposal, to=S.SUBMITTED, by_user=None)


def test_merge_duplicates_without_votes(moderator, resident):
    original = ProposalFactory()
    duplicate = ProposalFactory()
    refused("forbidden", proposals.merge_proposal, proposal=duplicate, into=original, by_user=resident)
    refused("invalid_transition", proposals.merge_proposal, proposal=duplicate, into=duplicate, by_user=moderator)
    proposals.merge_proposal(proposal=duplicate, into=original, by_user=moderator)
    duplicate.refresh_from_db()
    assert duplicate.merged_into == original and duplicate.status == S.REJECTED
    assert original.get_absolute_url() in duplicate.rejection_reason
    refused("invalid_transition", proposals.merge_proposal, proposal=original, into=duplicate, by_user=moderator)

    voted = OpenProposalFactory()
    votes.cast_vote(user=resident, proposal=voted)
    refused("has_votes", proposals.merge_proposal, proposal=voted, into=original, by_user=moderator)


# --- from proposal to event ------------------------------------------------------------------------------


def selected_proposal(**kwargs):
    proposal = OpenProposalFactory(**kwargs)
    ended(proposal.round)
    proposals.change_proposal_status(proposal=proposal, to=S.SELECTED, by_user=None)
    proposal.refresh_from_db()
    return proposal


def test_planning_creates_a_linked_draft_event_at_the_staff_members_organizer():
    district = DistrictFactory()
    elsewhere, local = OrganizerFactory(), OrganizerFactory(district=district)
    venue = VenueFactory(organizer=local, district=district)
    staff = make_staff(elsewhere)
    local.staff.add(staff)
    proposal = selected_proposal(
        district=district, title_zh_hans="亲子书法", title_en="Family calligraphy", for_seniors=True
    )
    event = proposals.plan_event_from_proposal(proposal=proposal, by_user=staff)
    assert event.organizer == local and event.venue == venue and event.status == Event.Status.DRAFT
    assert (event.title_zh_hans, event.title_en) == ("亲子书法", "Family calligraphy")
    assert event.for_seniors and event.category == proposal.category and event.capacity == 20
    proposal.refresh_from_db()
    assert proposal.status == S.PLANNED and list(proposal.events.all()) == [event]
    second = proposals.plan_event_from_proposal(proposal=proposal, by_user=staff)  # a planned one may get more
    assert proposal.events.count() == 2 and second.pk != event.pk
    assert proposal.status_changes.filter(to_status=S.PLANNED).count() == 1


def test_planning_refusals(resident, moderator):
    proposal = selected_proposal()
    refused("forbidden", proposals.plan_event_from_proposal, proposal=proposal, by_user=resident)
    refused("forbidden", proposals.plan_event_from_proposal, proposal=proposal, by_user=moderator)
    staff = make_staff(OrganizerFactory())
    refused("invalid_transition", proposals.plan_event_from_proposal, proposal=ProposalFactory(), by_user=staff)


def test_planned_proposals_are_held_once_their_event_has_ended():
    staff = make_staff(OrganizerFactory())
    proposal = selected_proposal()
    event = proposals.plan_event_from_proposal(proposal=proposal, by_user=staff)
    assert proposals.mark_held_proposals() == 0  # a draft in the future
    Event.objects.filter(pk=event.pk).update(
        status="published", start=timezone.now() - timedelta(hours=3), end=timezone.now() - timedelta(hours=1)
    )
    assert proposals.mark_held_proposals() == 1
    proposal.refresh_from_db()
    assert proposal.status == S.HELD
    assert proposals.mark_held_proposals() == 0


# --- notifications ---------------------------------------------------------------------------------------


def test_proposer_and_supporters_hear_of_each_step_in_their_language(moderator):
    proposer = UserFactory()
    proposer.profile.preferred_languages = ["zh-hans"]
    proposer.profile.save()
    english, never, weekly = UserFactory(), UserFactory(), UserFactory()
    english.profile.preferred_languages = ["en"]
    english.profile.save()
    never.profile.notification_frequency = "never"
    never.profile.save()
    weekly.profile.notification_frequency = "weekly"
    weekly.profile.save()
    proposal = OpenProposalFactory(proposer=proposer, title_zh_hans="剪纸课", title_en="Paper cutting")
    for user in (english, never, weekly, moderator):
        votes.cast_vote(user=user, proposal=proposal)
    ended(proposal.round)
    OutgoingEmail.objects.all().delete()

    proposals.change_proposal_status(proposal=proposal, to=S.SELECTED, by_user=moderator)

    mails = {mail.to: mail for mail in mail_as_sent().all()}
    assert set(mails) == {proposer.email, english.email}  # not the actor, not "never", not the weekly digest
    assert "剪纸课" in mails[proposer.email].subject and "您" in mails[proposer.email].body
    assert mails[english.email].subject == "A proposal you support: Paper cutting"
    assert "Selected" in mails[english.email].body and proposal.get_absolute_url() in mails[english.email].body


def test_notify_false_writes_no_mail(moderator):
    proposal = ProposalFactory()
    proposals.change_proposal_status(proposal=proposal, to=S.UNDER_REVIEW, by_user=moderator, notify=False)
    assert not OutgoingEmail.objects.exists()


def test_similar_proposals_share_title_words_in_either_language():
    paper = ProposalFactory(title_en="Paper cutting for children", title_zh_hans="儿童剪纸课")
    ProposalFactory(title_en="Jazz evening", title_zh_hans="爵士乐之夜")
    merged = ProposalFactory(title_en="Paper cutting again", merged_into=paper)
    assert proposals.similar_proposals(text="PAPER flowers") == [paper]
    assert proposals.similar_proposals(text="想学剪纸") == [paper]
    assert proposals.similar_proposals(text="the and") == []
    assert merged not in proposals.similar_proposals(text="paper cutting")
    assert proposals.similar_proposals(text="paper", exclude=paper) == []


def test_one_shared_common_word_is_not_a_similar_proposal():
    garden = ProposalFactory(title_en="Community garden", title_zh_hans="社区花园")
    ProposalFactory(title_en="Community choir", title_zh_hans="社区合唱团")
    ProposalFactory(title_en="Community cinema nights", title_zh_hans="社区电影夜")
    ProposalFactory(title_en="Jazz evening", title_zh_hans="爵士乐之夜")
    assert proposals.similar_proposals(text="Community dance") == []
    assert proposals.similar_proposals(text="社区舞蹈") == []
    assert proposals.similar_proposals(text="A garden for bees") == [garden]
    assert proposals.similar_proposals(text="社区花园扩建") == [garden]
    # Two words shared, even common ones, still count: the closest first.
    cinema = proposals.similar_proposals(text="Community cinema")
    assert cinema and cinema[0].title_en == "Community cinema nights"


def test_status_changes_are_recorded_with_the_actor(moderator):
    proposal = ProposalFactory()
    proposals.change_proposal_status(proposal=proposal, to=S.UNDER_REVIEW, by_user=moderator, note="Looking")
    change = ProposalStatusChange.objects.filter(proposal=proposal).last()
    assert (change.actor, change.note, change.to_label) == (moderator, "Looking", "Under review")
