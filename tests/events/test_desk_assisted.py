"""Assisted actions (issue 7, items 10 and 14): whom staff may serve, the audit record, the resident's notice,
the desk's search, the assisted volunteer sign-up, and the desk notes and withdrawals on /me/."""

import pytest

from events.errors import EvaluationError, ParticipationError, RegistrationError, VolunteerError
from events.models import Evaluation, Registration, VolunteerSignup, Vote
from events.services import evaluations, registrations, volunteers, votes
from portal import residents
from portal.models import AssistedAction, OutgoingEmail
from tests.factories import (
    DistrictFactory,
    EventFactory,
    OpenProposalFactory,
    OrganizerFactory,
    UserFactory,
    VenueFactory,
    VolunteerRoleFactory,
    attendee_of,
    make_staff,
    make_walk_in,
    past_event,
    resident_of,
)
from tests.utils import client_for

pytestmark = pytest.mark.django_db
RATINGS = {"content": 5, "organisation": 4, "venue": 4, "recommend": 5}


def assist_all(staff, resident, organizer):
    """Every assisted action once, through the services; returns (vote, registration, evaluation, sign-up)."""
    vote = votes.cast_vote(user=resident, proposal=OpenProposalFactory(), assisted_by=staff, consent_noted=True)
    registration = registrations.register(
        user=resident, event=EventFactory(organizer=organizer), assisted_by=staff, consent_noted=True
    )
    held = past_event(organizer=organizer)
    attendee_of(held, user=resident)
    evaluation = evaluations.submit_evaluation(
        user=resident, event=held, assisted_by=staff, consent_noted=True, **RATINGS
    )
    role = VolunteerRoleFactory(event=EventFactory(organizer=organizer))
    signup = volunteers.sign_up(user=resident, role=role, assisted_by=staff, consent_noted=True)
    return vote, registration, evaluation, signup


def refusals(staff, resident, organizer):
    """The code each service answers when `staff` act for `resident` (None: it was accepted)."""
    codes = []
    attempts = [
        (ParticipationError, lambda: votes.cast_vote(
            user=resident, proposal=OpenProposalFactory(), assisted_by=staff, consent_noted=True
        )),
        (RegistrationError, lambda: registrations.register(
            user=resident, event=EventFactory(organizer=organizer), assisted_by=staff, consent_noted=True
        )),
        (VolunteerError, lambda: volunteers.sign_up(
            user=resident, role=VolunteerRoleFactory(event=EventFactory(organizer=organizer)), assisted_by=staff,
            consent_noted=True,
        )),
    ]  # fmt: skip
    for error, attempt in attempts:
        try:
            attempt()
        except error as exc:
            codes.append(exc.code)
        else:
            codes.append(None)
    held = past_event(organizer=organizer)
    attendee_of(held, user=resident)
    try:
        evaluations.submit_evaluation(user=resident, event=held, assisted_by=staff, consent_noted=True, **RATINGS)
    except EvaluationError as exc:
        codes.append(exc.code)
    else:
        codes.append(None)
    return codes


# --- whom staff may serve -----------------------------------------------------------------------------------


def test_staff_serve_residents_of_their_districts_and_venues_and_those_their_desk_registered(organizer, staff):
    elsewhere = DistrictFactory()
    VenueFactory(organizer=organizer, district=DistrictFactory(code="venue-district"))
    assert refusals(staff, resident_of(organizer.district), organizer) == [None] * 4
    assert refusals(staff, resident_of(DistrictFactory(code="venue-district")), organizer) == [None] * 4
    assert refusals(staff, make_walk_in(organizer=organizer), organizer) == [None] * 4
    # A resident of another district, or one another organizer's desk registered, is refused by every service.
    assert refusals(staff, resident_of(elsewhere), organizer) == ["forbidden"] * 4
    assert refusals(staff, make_walk_in(organizer=OrganizerFactory()), organizer) == ["forbidden"] * 4
    assert refusals(staff, UserFactory(), organizer) == ["forbidden"] * 4
    superuser = UserFactory(is_superuser=True, is_staff=True)
    assert refusals(superuser, resident_of(elsewhere), organizer) == [None] * 4


def test_every_assisted_action_is_on_the_audit_record(organizer, staff):
    resident = make_walk_in(organizer=organizer)
    vote, registration, evaluation, signup = assist_all(staff, resident, organizer)
    actions = AssistedAction.objects.filter(resident=resident)
    assert sorted(actions.values_list("kind", flat=True)) == ["evaluation", "registration", "volunteer", "vote"]
    for action, target in zip(
        [actions.get(kind=kind) for kind in ("vote", "registration", "evaluation", "volunteer")],
        (vote, registration, evaluation, signup),
        strict=True,
    ):
        assert action.staff == staff and action.organizer == organizer and action.consent_noted
        assert action.target_id == target.pk and action.target_type.model_class() is type(target)
    # A walk-in without email is told nothing by mail: the record is there all the same.
    assert not OutgoingEmail.objects.filter(to="").exists()


def test_the_resident_is_told_in_their_language_through_the_outbox(organizer, staff):
    resident = resident_of(organizer.district)
    resident.profile.preferred_languages = ["zh-hans"]
    resident.profile.save()
    OutgoingEmail.objects.all().delete()
    proposal = OpenProposalFactory(title_zh_hans="社区合唱团", title_en="Community choir")
    votes.cast_vote(user=resident, proposal=proposal, assisted_by=staff, consent_noted=True)
    mail = OutgoingEmail.objects.get(to=resident.email)
    # In the resident's language: the organizer's and the proposal's Chinese names, the withdrawal link.
    assert organizer.name_zh_hans in mail.body and "社区合唱团" in mail.subject
    assert organizer.name_en not in mail.body and "Community choir" not in mail.body
    assert "/me/#my-votes-title" in mail.body and mail.html_body


def test_a_walk_in_can_volunteer_at_the_desk_with_consent(organizer, staff):
    walk_in = make_walk_in(organizer=organizer)
    role = VolunteerRoleFactory(event=EventFactory(organizer=organizer))
    with pytest.raises(VolunteerError) as info:
        volunteers.sign_up(user=walk_in, role=role, assisted_by=staff)
    assert info.value.code == "consent_required"
    with pytest.raises(VolunteerError) as info:  # on their own, a confirmed address is still needed
        volunteers.sign_up(user=walk_in, role=role)
    assert info.value.code == "email_unverified"
    signup = volunteers.sign_up(user=walk_in, role=role, assisted_by=staff, consent_noted=True)
    assert signup.assisted and signup.signed_up_by == staff and signup.consent_noted
    other = make_staff(OrganizerFactory(district=organizer.district))  # serves the district, not the event
    with pytest.raises(VolunteerError) as info:
        volunteers.sign_up(user=make_walk_in(organizer=organizer), role=role, assisted_by=other, consent_noted=True)
    assert info.value.code == "forbidden"


def test_only_the_resident_withdraws_an_evaluation_and_only_an_assisted_one(organizer, staff):
    resident = make_walk_in(organizer=organizer)
    *_ignored, evaluation, _signup = assist_all(staff, resident, organizer)
    with pytest.raises(EvaluationError) as info:
        evaluations.withdraw_evaluation(evaluation=evaluation, by_user=staff)
    assert info.value.code == "forbidden"
    own_event = past_event()
    own = evaluations.submit_evaluation(user=attendee_of(own_event), event=own_event, **RATINGS)
    with pytest.raises(EvaluationError) as info:
        evaluations.withdraw_evaluation(evaluation=own, by_user=own.user)
    assert info.value.code == "not_assisted"
    evaluations.withdraw_evaluation(evaluation=evaluation, by_user=resident)
    assert not Evaluation.objects.filter(pk=evaluation.pk).exists()
    assert AssistedAction.objects.filter(kind="evaluation", target_id=evaluation.pk).exists()  # the record stays


# --- the desk's pages ------------------------------------------------------------------------------------------


def test_the_desk_search_masks_phones_finds_only_whole_numbers_and_only_residents_served(organizer, staff):
    ours = make_walk_in(organizer=organizer, first_name="Zhou")
    ours.profile.phone = "13912341234"
    ours.profile.save()
    theirs = resident_of(DistrictFactory(), first_name="Zhou")
    theirs.profile.phone = "13800001111"
    theirs.profile.save()
    client = client_for(staff)
    page = client.get("/desk/", {"q": "139 1234 1234"}).content.decode()
    assert f"/desk/residents/{ours.pk}/" in page and "139****1234" in page and "13912341234" not in page
    assert f"/desk/residents/{ours.pk}/" not in client.get("/desk/", {"q": "1234"}).content.decode()
    assert f"/desk/residents/{ours.pk}/" not in client.get("/desk/", {"q": "1391234123"}).content.decode()
    # Another district's resident is found neither by name nor by their whole number, nor opened directly.
    assert f"/desk/residents/{theirs.pk}/" not in client.get("/desk/", {"q": "Zhou"}).content.decode()
    assert f"/desk/residents/{theirs.pk}/" not in client.get("/desk/", {"q": "13800001111"}).content.decode()
    assert client.get(f"/desk/residents/{theirs.pk}/").status_code == 404
    resident_page = client.get(f"/desk/residents/{ours.pk}/").content.decode()
    assert "139****1234" in resident_page and "13912341234" not in resident_page
    superuser = client_for(UserFactory(is_superuser=True, is_staff=True))
    assert f"/desk/residents/{theirs.pk}/" in superuser.get("/desk/", {"q": "Zhou"}).content.decode()


def test_the_desk_records_which_organizer_registered_a_walk_in(organizer, staff):
    second = OrganizerFactory()
    second.staff.add(staff)
    client = client_for(staff)
    page = client.get("/desk/").content.decode()
    assert second.name in page  # two organizers: the staff member picks
    response = client.post("/desk/", {"name": "Old Wang", "organizer": second.pk})
    assert response.status_code == 302
    walk_in = residents.residents().get(first_name="Old Wang")
    assert walk_in.profile.created_by_organizer == second
    foreign = OrganizerFactory()
    client.post("/desk/", {"name": "Old Li", "organizer": foreign.pk})
    assert not residents.residents().filter(first_name="Old Li").exists()
    # Staff of the organizer that registered them serve them, wherever they live.
    assert residents.may_assist(make_staff(second), walk_in)
    assert not residents.may_assist(make_staff(foreign), walk_in)


def test_the_desk_signs_up_a_volunteer_with_consent(organizer, staff):
    walk_in = make_walk_in(organizer=organizer)
    role = VolunteerRoleFactory(event=EventFactory(organizer=organizer), name_en="Market helper")
    foreign_role = VolunteerRoleFactory()
    client = client_for(staff)
    url = f"/desk/residents/{walk_in.pk}/volunteer/"
    page = client.get(f"/desk/residents/{walk_in.pk}/").content.decode()
    assert "Market helper" in page and foreign_role.name not in page
    response = client.post(url, {"role": role.pk})
    assert "Tick the box to confirm that the resident agreed to volunteer." in response.content.decode()
    assert client.post(url, {"role": foreign_role.pk, "consent": "on"}).status_code == 200
    assert not VolunteerSignup.objects.exists()
    response = client.post(url, {"role": role.pk, "consent": "on"})
    assert response.status_code == 302
    signup = VolunteerSignup.objects.get()
    assert signup.user == walk_in and signup.assisted and signup.signed_up_by == staff and signup.consent_noted
    assert AssistedAction.objects.filter(kind="volunteer", resident=walk_in, organizer=organizer).exists()


# --- /me/ ----------------------------------------------------------------------------------------------------------


def test_me_shows_what_the_desk_recorded_and_the_resident_withdraws_it(organizer, staff):
    resident = resident_of(organizer.district)
    vote, registration, evaluation, signup = assist_all(staff, resident, organizer)
    votes.cast_vote(user=resident, proposal=OpenProposalFactory())  # their own: no note
    client = client_for(resident)
    page = client.get("/me/").content.decode()
    assert page.count(f"recorded at the desk by {organizer.name_en} on") == 4
    assert page.count('<span class="badge assisted-note">') == 4 and "&lt;span" not in page  # markup, not text
    client.post(f"/proposals/{vote.proposal_id}/withdraw/")
    assert not Vote.objects.filter(pk=vote.pk).exists()
    client.post(f"/events/tickets/{registration.ticket_code}/cancel/")
    assert Registration.objects.get(pk=registration.pk).status == "cancelled"
    response = client.post(f"/events/{evaluation.event.slug}/evaluate/withdraw/")
    assert response.status_code == 302 and not Evaluation.objects.filter(pk=evaluation.pk).exists()
    client.post(f"/events/{signup.event.slug}/volunteers/{signup.role_id}/withdraw/")
    assert not VolunteerSignup.objects.filter(pk=signup.pk).exists()
    assert "recorded at the desk" not in client.get("/me/").content.decode()
    # Another resident cannot withdraw somebody's evaluation.
    held = past_event(organizer=organizer)
    other = resident_of(organizer.district)
    attendee_of(held, user=other)
    theirs = evaluations.submit_evaluation(user=other, event=held, assisted_by=staff, consent_noted=True, **RATINGS)
    assert client.post(f"/events/{held.slug}/evaluate/withdraw/").status_code == 404
    assert Evaluation.objects.filter(pk=theirs.pk).exists()


def test_the_audit_admin_is_read_only_and_scoped(organizer, staff):
    assist_all(staff, make_walk_in(organizer=organizer, username="ours"), organizer)
    other = OrganizerFactory()
    assist_all(make_staff(other), make_walk_in(organizer=other, username="theirs"), other)
    client = client_for(staff)
    page = client.get("/admin/portal/assistedaction/").content.decode()
    assert "ours" in page and "theirs" not in page
    assert client.get("/admin/portal/assistedaction/add/").status_code == 403
    action = AssistedAction.objects.filter(organizer=organizer).first()
    foreign = AssistedAction.objects.filter(organizer=other).first()
    assert client.get(f"/admin/portal/assistedaction/{action.pk}/change/").status_code == 200
    assert client.get(f"/admin/portal/assistedaction/{foreign.pk}/change/").status_code in (302, 403, 404)
    client.post(f"/admin/portal/assistedaction/{action.pk}/delete/", {"post": "yes"})
    assert AssistedAction.objects.filter(pk=action.pk).exists()
