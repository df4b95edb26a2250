"""The desk's services: residents without email, assisted registration and assisted votes with consent."""

import pytest
from django.contrib.auth import get_user_model

from events.errors import ParticipationError, RegistrationError
from events.services import proposals, registrations, votes
from portal import residents
from portal.models import OutgoingEmail
from portal.residents import ResidentError
from tests.factories import (
    DistrictFactory,
    OpenProposalFactory,
    OrganizerFactory,
    UserFactory,
    VotingRoundFactory,
    make_moderator,
    make_staff,
    make_walk_in,
)

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_desk_creates_a_resident_without_email_or_password(staff):
    district = DistrictFactory(code="qingshan")
    resident = residents.create_walk_in_resident(
        name="周奶奶", phone="138 0013 8000", district=district, age_band="senior", by_user=staff
    )
    resident.refresh_from_db()
    assert resident.email is None and not resident.has_usable_password()
    assert resident.username.startswith("walkin-")
    assert resident.profile.display_name == "周奶奶" and resident.profile.phone == "13800138000"
    assert resident.profile.district == district and resident.profile.age_band == "senior"
    # NULL, never '': two residents without email do not collide on the unique address.
    second = residents.create_walk_in_resident(name="Old Wang", by_user=staff)
    assert User.objects.filter(email__isnull=True).count() == 2 and second.email is None


def test_email_is_stored_lowercase_or_null():
    user = UserFactory(email="  Mixed@Example.ORG ")
    assert user.email == "mixed@example.org"
    blank = User.objects.create_user(username="blank", email="")
    blank.refresh_from_db()
    assert blank.email is None


def test_desk_refusals(staff):
    with pytest.raises(ResidentError) as info:
        residents.create_walk_in_resident(name="x", by_user=UserFactory())
    assert info.value.code == "forbidden"
    with pytest.raises(ResidentError) as info:
        residents.create_walk_in_resident(name="  ", by_user=staff)
    assert info.value.code == "invalid"
    residents.create_walk_in_resident(name="A", phone="13800138000", by_user=staff)
    with pytest.raises(ResidentError) as info:
        residents.create_walk_in_resident(name="B", phone="138-0013-8000", by_user=staff)
    assert info.value.code == "phone_taken"


def test_find_residents_by_name_username_and_whole_phone(staff, organizer):
    walk_in = residents.create_walk_in_resident(name="周桂兰", phone="13912345678", by_user=staff)
    named = UserFactory(username="lin-xiao", first_name="Xiao")
    named.profile.district = organizer.district
    named.profile.save()
    assert residents.find_residents(query="周桂", by_user=staff) == [walk_in]
    assert residents.find_residents(query="2345", by_user=staff) == []  # never by a part of the number
    assert residents.find_residents(query="1391234567", by_user=staff) == []
    assert residents.find_residents(query="139 1234 5678", by_user=staff) == [walk_in]
    assert residents.find_residents(query="lin-x", by_user=staff) == [named]
    assert residents.find_residents(query="x", by_user=staff) == []  # too short: nobody is listed by accident
    assert staff not in residents.find_residents(query=staff.username, by_user=staff)
    with pytest.raises(ResidentError):
        residents.find_residents(query="周桂", by_user=UserFactory())


def test_assisted_registration_needs_consent_and_sends_no_mail_without_email(event, staff, organizer):
    walk_in = make_walk_in(organizer=organizer)
    with pytest.raises(RegistrationError) as info:
        registrations.register(user=walk_in, event=event, assisted_by=staff)
    assert info.value.code == "consent_required"
    OutgoingEmail.objects.all().delete()
    registration = registrations.register(user=walk_in, event=event, assisted_by=staff, consent_noted=True)
    assert registration.assisted and registration.consent_noted and registration.registered_by == staff
    assert not OutgoingEmail.objects.exists()  # the ticket is printed at the desk


# --- assisted votes -----------------------------------------------------------------------------------


def test_staff_record_a_vote_for_a_resident_with_consent(staff, organizer):
    proposal = OpenProposalFactory()
    walk_in = make_walk_in(organizer=organizer)
    with pytest.raises(ParticipationError) as info:
        votes.cast_vote(user=walk_in, proposal=proposal, assisted_by=staff)
    assert info.value.code == "consent_required"
    vote = votes.cast_vote(user=walk_in, proposal=proposal, assisted_by=staff, consent_noted=True)
    assert vote.assisted and vote.recorded_by == staff and vote.consent_noted
    proposal.refresh_from_db()
    assert proposal.vote_count == 1
    with pytest.raises(ParticipationError) as info:  # counts once, like any other
        votes.cast_vote(user=walk_in, proposal=proposal, assisted_by=staff, consent_noted=True)
    assert info.value.code == "already_voted"


def test_a_self_cast_vote_is_not_assisted(resident):
    vote = votes.cast_vote(user=resident, proposal=OpenProposalFactory())
    assert not vote.assisted and vote.recorded_by is None and not vote.consent_noted


def test_only_organizer_staff_record_votes(organizer):
    proposal = OpenProposalFactory()
    for recorder in (UserFactory(), make_moderator()):
        with pytest.raises(ParticipationError) as info:
            votes.cast_vote(
                user=make_walk_in(organizer=organizer), proposal=proposal, assisted_by=recorder, consent_noted=True
            )
        assert info.value.code == "forbidden"
    other_staff = make_staff(OrganizerFactory())  # proposals belong to no organizer: the resident's district counts
    assert votes.cast_vote(
        user=make_walk_in(district=other_staff.organizers.get().district),
        proposal=proposal,
        assisted_by=other_staff,
        consent_noted=True,
    )


def test_the_district_rule_applies_to_the_resident(staff, organizer):
    qingshan, other = DistrictFactory(), DistrictFactory()
    proposal = OpenProposalFactory(district=qingshan, round=VotingRoundFactory(district=qingshan))
    outsider = make_walk_in(organizer=organizer)
    outsider.profile.district = other
    outsider.profile.save()
    staff.profile.district = qingshan  # the recorder's own district does not matter
    staff.profile.save()
    with pytest.raises(ParticipationError) as info:
        votes.cast_vote(user=outsider, proposal=proposal, assisted_by=staff, consent_noted=True)
    assert info.value.code == "wrong_district"
    local = make_walk_in(organizer=organizer)
    local.profile.district = qingshan
    local.profile.save()
    assert votes.cast_vote(user=local, proposal=proposal, assisted_by=staff, consent_noted=True).assisted


def test_proposal_news_skips_residents_without_email(staff, organizer):
    moderator = make_moderator()
    proposal = OpenProposalFactory(round=VotingRoundFactory())
    walk_in = make_walk_in(organizer=organizer)
    votes.cast_vote(user=walk_in, proposal=proposal, assisted_by=staff, consent_noted=True)
    OutgoingEmail.objects.all().delete()
    proposals.change_proposal_status(proposal=proposal, to="rejected", by_user=moderator, note="Too loud")
    assert not OutgoingEmail.objects.filter(to="").exists()
    assert set(OutgoingEmail.objects.values_list("to", flat=True)) == {proposal.proposer.email}
