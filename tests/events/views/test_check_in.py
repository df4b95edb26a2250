"""The check-in page at the door: who may use it, and what it says for every kind of ticket."""

import pytest
from django.utils import timezone

from events.models import Registration
from tests.factories import EventFactory, OrganizerFactory, RegistrationFactory, UserFactory, at_the_door, make_staff
from tests.utils import assert_max_queries, assert_permission_matrix, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(organizer):
    return at_the_door(organizer=organizer)


def url(event):
    return f"/events/{event.slug}/check-in/"


def check_in(client, event, code, **extra):
    response = client.post(url(event), {"code": code, **extra})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    return page.content.decode()


def test_permission_matrix(event, staff, resident):
    users = {
        "anonymous": None,
        "citizen": resident,
        "other_citizen": make_staff(OrganizerFactory()),  # staff of another organizer
        "organizer_staff": staff,
        "superuser": UserFactory(is_superuser=True, is_staff=True),
    }
    expected = {"anonymous": 302, "citizen": 403, "other_citizen": 403, "organizer_staff": 200, "superuser": 200}
    assert_permission_matrix(users, {url(event): expected})
    post_expected = {"anonymous": 302, "citizen": 403, "other_citizen": 403, "organizer_staff": 302, "superuser": 302}
    assert_permission_matrix(users, {url(event): post_expected}, method="post", data={"code": "x"})


def test_anonymous_goes_to_login(client, event):
    response = client.get(url(event))
    assert response["Location"] == f"/accounts/login/?next={url(event)}"


def test_admits_a_confirmed_ticket_with_name_and_party_size(event, staff):
    registration = RegistrationFactory(event=event, party_size=3, user=UserFactory(first_name="Mei", last_name="Li"))
    page = check_in(client_for(staff), event, f"  {registration.ticket_code} ")
    assert "Admitted" in page and "Mei Li, 3 people" in page
    assert "3 of 3 people checked in" in page
    registration.refresh_from_db()
    assert registration.checked_in_at is not None and registration.checked_in_by == staff


def test_second_scan_is_refused_with_the_time(event, staff):
    registration = RegistrationFactory(event=event)
    client = client_for(staff)
    check_in(client, event, registration.ticket_code)
    page = check_in(client, event, registration.ticket_code)
    time = timezone.localtime(Registration.objects.get().checked_in_at).strftime("%H:%M")
    assert "Not admitted" in page and f"Already checked in at {time}." in page


def test_refusals_show_the_services_message(event, staff):
    cancelled = RegistrationFactory(event=event, status="cancelled", cancelled_at=timezone.now())
    waitlisted = RegistrationFactory(event=event, status="waitlisted")
    other_event = RegistrationFactory(event=EventFactory(organizer=event.organizer, title_en="Another night"))
    foreign = RegistrationFactory()  # another organizer's ticket: unknown here
    client = client_for(staff)
    assert "This ticket was cancelled on" in check_in(client, event, cancelled.ticket_code)
    assert "on the waiting list and has no seat yet" in check_in(client, event, waitlisted.ticket_code)
    assert "This ticket is for another event: Another night." in check_in(client, event, other_event.ticket_code)
    assert "No ticket with this code was found." in check_in(client, event, foreign.ticket_code)
    assert "No ticket with this code was found." in check_in(client, event, "")
    assert not Registration.objects.filter(checked_in_at__isnull=False).exists()


def test_cancelled_event_refuses_every_ticket(staff):
    event = EventFactory(organizer=staff.organizers.get(), status="cancelled", cancellation_reason="Storm")
    registration = RegistrationFactory(event=event)
    assert "This event was cancelled: Storm" in check_in(client_for(staff), event, registration.ticket_code)


def test_result_shows_once(event, staff):
    registration = RegistrationFactory(event=event)
    client = client_for(staff)
    check_in(client, event, registration.ticket_code)
    assert "Admitted" not in client.get(url(event)).content.decode()


def test_name_search_lists_active_registrations_with_a_button_each(event, staff):
    anna = RegistrationFactory(event=event, user=UserFactory(username="anna-w", first_name="Anna"))
    RegistrationFactory(event=event, user=UserFactory(username="annabel"), status="waitlisted")
    RegistrationFactory(event=event, user=UserFactory(username="annette"), status="cancelled")
    RegistrationFactory(event=event, user=UserFactory(username="bob"))
    RegistrationFactory(user=UserFactory(username="anna-elsewhere"))
    client = client_for(staff)
    page = client.get(url(event), {"q": "ann"}).content.decode()
    assert "anna-w" in page and "annabel" in page
    assert "annette" not in page and "bob" not in page and "anna-elsewhere" not in page
    assert f'value="{anna.ticket_code}"' in page
    # Checking in from the list comes back to the same search.
    response = client.post(url(event), {"code": anna.ticket_code, "q": "ann"})
    assert response["Location"] == f"{url(event)}?q=ann"
    page = client.get(response["Location"]).content.decode()
    assert "Admitted" in page and "checked in at" in page


def test_search_by_email_and_no_match(event, staff):
    RegistrationFactory(event=event, user=UserFactory(username="wang", email="wang.fang@example.org"))
    client = client_for(staff)
    assert "wang" in client.get(url(event), {"q": "wang.fang@"}).content.decode()
    assert "Nobody registered for this event matches" in client.get(url(event), {"q": "zzz"}).content.decode()


def test_page_loads_the_scanner_script_and_no_inline_script(event, staff):
    page = client_for(staff).get(url(event)).content.decode()
    assert '<script src="/static/js/checkin-scan.js" defer></script>' in page
    assert 'name="code"' in page and "autofocus" in page
    import re

    assert not re.search(r"<script(?![^>]*\bsrc=)", page)


def test_counts_in_constant_queries(event, staff):
    for _ in range(10):
        RegistrationFactory(event=event, party_size=2)
    client = client_for(staff)
    with assert_max_queries(12):
        client.get(url(event), {"q": "resident"})
