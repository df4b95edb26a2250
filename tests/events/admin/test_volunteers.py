"""Admin: volunteer roles inline on the event, the CSV export action, the sign-up list, assisted filters."""

import pytest

from events.models import VolunteerRole, VolunteerSignup
from events.services import votes
from tests.events.admin.test_events import form_data
from tests.factories import EventFactory, OpenProposalFactory, UserFactory, VolunteerRoleFactory, make_walk_in
from tests.utils import client_for, csv_rows

pytestmark = pytest.mark.django_db


def test_staff_add_a_role_in_the_event_inline(staff, event):
    client = client_for(staff)
    url = f"/admin/events/event/{event.pk}/change/"
    response = client.get(url)
    assert "Volunteer roles" in response.content.decode()
    data = form_data(response)
    prefix = next(
        inline.formset.prefix
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is VolunteerRole
    )
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-0-name_zh_hans": "摄影",
            f"{prefix}-0-name_en": "Photographer",
            f"{prefix}-0-slots": "2",
            f"{prefix}-0-order": "0",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    role = VolunteerRole.objects.get()
    assert role.event == event and role.slots == 2 and role.name_en == "Photographer"


def test_export_volunteers_action(staff, event):
    role = VolunteerRoleFactory(event=event)
    VolunteerSignup.objects.create(role=role, event=event, user=UserFactory(username="helper-1"))
    response = client_for(staff).post(
        "/admin/events/event/", {"action": "export_volunteers", "_selected_action": [event.pk]}
    )
    assert any("helper-1" in row for row in csv_rows(response))


def test_signup_admin_is_scoped(staff, event):
    mine = VolunteerRoleFactory(event=event)
    foreign = VolunteerRoleFactory(event=EventFactory())
    VolunteerSignup.objects.create(role=mine, event=event, user=UserFactory(username="mine-vol"))
    VolunteerSignup.objects.create(role=foreign, event=foreign.event, user=UserFactory(username="foreign-vol"))
    page = client_for(staff).get("/admin/events/volunteersignup/").content.decode()
    assert "mine-vol" in page and "foreign-vol" not in page


def test_vote_and_registration_lists_filter_assisted(staff):
    superuser = UserFactory(is_superuser=True, is_staff=True)
    proposal = OpenProposalFactory()
    votes.cast_vote(
        user=make_walk_in(username="granny", organizer=staff.organizers.get()),
        proposal=proposal,
        assisted_by=staff,
        consent_noted=True,
    )
    votes.cast_vote(user=UserFactory(username="self-voter"), proposal=proposal)
    client = client_for(superuser)
    page = client.get("/admin/events/vote/", {"assisted__exact": "1"}).content.decode()
    assert "granny" in page and "self-voter" not in page
    assert client.get("/admin/events/registration/", {"consent_noted__exact": "1"}).status_code == 200
