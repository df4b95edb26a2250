"""Event pages through HTTP: the list and its filters, the month calendar, the event page in every state,
registering and cancelling, tickets and their QR codes, /me/ and the home page."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events.models import Registration
from events.services import registrations
from portal.categories import Category
from tests.factories import (
    DistrictFactory,
    EventFactory,
    OrganizerFactory,
    RegistrationFactory,
    UserFactory,
    VenueFactory,
    in_days,
    make_staff,
)
from tests.utils import assert_max_queries, assert_permission_matrix, client_for, html

pytestmark = pytest.mark.django_db


def titles_in(response):
    return [event.title_en for event in response.context["events"]]


# --- The list and its filters ---------------------------------------------------------------------------


def test_list_shows_published_upcoming_events_with_count(client, event):
    EventFactory(status="draft", title_en="Secret draft")
    EventFactory(start=in_days(-3), title_en="Last week")
    EventFactory(status="cancelled", cancellation_reason="Rain", title_en="Called off")
    page = html(client.get("/events/"))
    assert event.title_en in page
    assert "Secret draft" not in page and "Last week" not in page and "Called off" not in page
    assert "1 event found" in page


def test_empty_list_says_so(client):
    assert "No upcoming events have been published yet." in html(client.get("/events/"))


def test_search_filter(client):
    EventFactory(title_en="Peking opera evening")
    EventFactory(title_en="Paper cutting class")
    assert titles_in(client.get("/events/", {"q": "opera"})) == ["Peking opera evening"]


def test_category_filter(client):
    EventFactory(title_en="Talk", category=Category.LECTURE)
    EventFactory(title_en="Film night", category=Category.FILM)
    assert titles_in(client.get("/events/", {"category": "lecture"})) == ["Talk"]


def test_district_filter_counts_online_events_for_the_organizers_district(client):
    riverside = DistrictFactory(code="riverside")
    organizer = OrganizerFactory(district=riverside)
    EventFactory(organizer=organizer, title_en="At home")
    EventFactory(organizer=organizer, venue=None, title_en="Online here")
    EventFactory(title_en="Elsewhere")
    assert sorted(titles_in(client.get("/events/", {"district": "riverside"}))) == ["At home", "Online here"]


def test_date_filters_reach_past_events(client):
    EventFactory(start=in_days(-10), title_en="Past")
    EventFactory(start=in_days(5), title_en="Soon")
    EventFactory(start=in_days(40), title_en="Later")
    past_day = timezone.localdate() - timedelta(days=10)
    assert titles_in(client.get("/events/", {"date_from": past_day.isoformat(), "date_to": past_day.isoformat()})) == [
        "Past"
    ]
    until = (timezone.localdate() + timedelta(days=10)).isoformat()
    assert titles_in(client.get("/events/", {"date_to": until})) == ["Past", "Soon"]


@pytest.mark.parametrize("value", ["1", "true"])
def test_free_filter(client, value):
    EventFactory(title_en="Free one")
    EventFactory(title_en="Paid one", is_free=False, price="30.00")
    response = client.get("/events/", {"free": value})
    assert titles_in(response) == ["Free one"]
    assert '<input type="checkbox" name="free" value="1" id="id_free" checked>' in html(response)


def test_audience_and_language_filters(client):
    EventFactory(title_en="For grandparents", for_seniors=True, language="dialect")
    EventFactory(title_en="For everyone", language="english")
    assert titles_in(client.get("/events/", {"audience": "senior"})) == ["For grandparents"]
    assert titles_in(client.get("/events/", {"language": "english"})) == ["For everyone"]


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "2024-13-45"},
        {"date_to": "yesterday"},
        {"category": "no-such-category"},
        {"district": "atlantis"},
        {"audience": "aliens"},
        {"language": "klingon"},
    ],
)
def test_invalid_filters_are_ignored_with_a_visible_message(client, event, params):
    response = client.get("/events/", params)
    page = html(response)
    assert "Some filters could not be used and were ignored" in page
    assert titles_in(response) == [event.title_en]  # the bad value filters nothing out


def test_invalid_filter_does_not_drop_the_valid_ones(client):
    EventFactory(title_en="Talk", category=Category.LECTURE)
    EventFactory(title_en="Film", category=Category.FILM)
    response = client.get("/events/", {"category": "lecture", "district": "atlantis"})
    assert titles_in(response) == ["Talk"]
    assert "could not be used" in html(response)


def test_pagination_twenty_per_page_keeping_the_filters(client):
    for day in range(25):
        EventFactory(start=in_days(day + 1), category=Category.LECTURE)
    EventFactory(category=Category.FILM)
    first = client.get("/events/", {"category": "lecture"})
    assert len(first.context["events"]) == 20
    page = html(first)
    assert "25 events found" in page
    assert 'href="?category=lecture&amp;page=2"' in page
    second = client.get("/events/", {"category": "lecture", "page": 2})
    assert len(second.context["events"]) == 5
    assert 'href="?category=lecture&amp;page=1"' in html(second)
    assert len(client.get("/events/", {"page": "999"}).context["events"]) == 6  # the last page
    assert len(client.get("/events/", {"page": "abc"}).context["events"]) == 20


def test_cards_show_seats_waitlist_price_and_place(client):
    full = EventFactory(title_en="Full one", capacity=1)
    RegistrationFactory(event=full)
    no_waitlist = EventFactory(title_en="Closed list", capacity=1, waitlist_enabled=False)
    RegistrationFactory(event=no_waitlist)
    EventFactory(title_en="Paid", is_free=False, price="25.00", capacity=10)
    page = html(client.get("/events/"))
    assert "Full — waiting list" in page
    assert ">Full<" in page
    assert "10 seats left" in page
    assert "¥25.00" in page


def test_list_query_count_does_not_grow_with_events(client):
    for _ in range(3):
        EventFactory()
    with assert_max_queries(3) as few:
        html(client.get("/events/"))
    for _ in range(20):
        RegistrationFactory(event=EventFactory())
    with assert_max_queries(len(few.captured_queries)):
        html(client.get("/events/"))


# --- Month calendar ------------------------------------------------------------------------------------


def test_month_grid_lists_events_on_their_day(client):
    event = EventFactory(start=in_days(7))
    month = timezone.localtime(event.start).strftime("%Y-%m")
    page = html(client.get("/events/calendar/", {"month": month}))
    assert "<table" in page and "<caption>" in page and 'scope="col"' in page
    assert f'href="/events/{event.slug}/"' in page
    assert "could not read that month" not in page


def test_calendar_marks_today_and_links_neighbouring_months(client):
    today = timezone.localdate()
    page = html(client.get("/events/calendar/"))
    assert 'aria-current="date"' in page
    previous = (today.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    following = (today.replace(day=28) + timedelta(days=5)).strftime("%Y-%m")
    assert f'href="?month={previous}"' in page and f'href="?month={following}"' in page


@pytest.mark.parametrize("month", ["2024-13", "nonsense", "99999-01", "2024-1-1"])
def test_invalid_month_falls_back_to_this_month_with_a_message(client, month):
    response = client.get("/events/calendar/", {"month": month})
    assert "We could not read that month" in html(response)
    assert response.context["month"] == timezone.localdate().replace(day=1)


def test_calendar_of_another_month_has_no_today(client):
    assert 'aria-current="date"' not in html(client.get("/events/calendar/", {"month": "2001-02"}))


# --- The event page in every state --------------------------------------------------------------------


def detail(user, event):
    return html(client_for(user).get(f"/events/{event.slug}/"))


def test_detail_open_event_shows_the_facts_and_the_form(resident):
    venue = VenueFactory(address="1 River Road", step_free_access=True, hearing_loop=True)
    event = EventFactory(
        organizer=venue.organizer,
        venue=venue,
        max_party_size=3,
        accessibility_notes="Sign language interpreter.",
        description="<p>Songs <strong>old</strong> and new.</p>",
        livestream_url="https://live.example.org/x",
        for_seniors=True,
    )
    page = detail(resident, event)
    for text in (
        event.title_en,
        "1 River Road",
        "Step-free access",
        "Hearing loop",
        "Sign language interpreter.",
        venue.organizer.name_en,
        "Free",
        "Seniors",
        "Mandarin",
        "10 of 10 seats left",
        "<strong>old</strong>",
        "https://live.example.org/x",
        f'href="/events/{event.slug}.ics"',
        f'action="/events/{event.slug}/register/"',
    ):
        assert text in page, text
    assert 'type="number" id="party-size" name="party_size" value="1" min="1" max="3"' in page


def test_description_is_the_only_html_and_other_fields_are_escaped(resident):
    event = EventFactory(summary_en="<b>bold?</b>", description="<p>ok</p><script>alert(1)</script>")
    page = detail(resident, event)
    assert "&lt;b&gt;bold?&lt;/b&gt;" in page
    assert "<script>alert" not in page


def test_detail_full_with_waitlist_offers_the_waiting_list(resident):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    page = detail(resident, event)
    assert "Join the waiting list" in page
    assert "1 person is on the waiting list" not in page and "Full." in page


def test_detail_full_without_waitlist_says_why(resident):
    event = EventFactory(capacity=1, waitlist_enabled=False)
    RegistrationFactory(event=event)
    page = detail(resident, event)
    assert "This event is full." in page
    assert "/register/" not in page


def test_detail_registration_closed(resident):
    event = EventFactory(registration_closes=timezone.now() - timedelta(hours=1))
    page = detail(resident, event)
    assert "Registration for this event has closed." in page and "/register/" not in page


def test_detail_cancelled_event_shows_the_reason(resident):
    event = EventFactory(status="cancelled", cancellation_reason="The hall is flooded.", published_at=in_days(-3))
    page = detail(resident, event)
    assert "This event has been cancelled." in page and "The hall is flooded." in page
    assert "/register/" not in page


def test_past_event_stays_reachable(client):
    event = EventFactory(start=in_days(-30))
    page = html(client.get(f"/events/{event.slug}/"))
    assert "This event is over." in page and "/register/" not in page


def test_anonymous_visitor_is_asked_to_log_in_with_a_way_back(client, event):
    page = html(client.get(f"/events/{event.slug}/"))
    assert f'href="/accounts/login/?next=%2Fevents%2F{event.slug}%2F"' in page
    assert "/register/" not in page


def test_unverified_resident_is_asked_to_confirm_the_address_first():
    user = UserFactory(verified=False)
    page = detail(user, EventFactory())
    assert "Confirm your email address first" in page
    assert 'action="/accounts/email/"' in page and "/register/" not in page


def test_registered_resident_sees_their_place_and_cancel_button(resident, event):
    registration = registrations.register(user=resident, event=event)
    page = detail(resident, event)
    assert "You are registered (1 place)." in page
    assert f'href="/events/tickets/{registration.ticket_code}/"' in page
    assert f'action="/events/tickets/{registration.ticket_code}/cancel/"' in page


def test_waitlisted_resident_sees_their_position(resident):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status="waitlisted")
    registrations.register(user=resident, event=event)
    assert "You are on the waiting list, number 2" in detail(resident, event)


def test_no_cancel_button_after_the_deadline(resident):
    event = EventFactory(cancellation_deadline=timezone.now() - timedelta(hours=1))
    RegistrationFactory(event=event, user=resident)
    page = detail(resident, event)
    assert "You are registered" in page and "/cancel/" not in page


def test_drafts_only_for_their_managers(event, staff, resident):
    event.status = "draft"
    event.save()
    other_staff = make_staff(OrganizerFactory())
    superuser = UserFactory(is_superuser=True, is_staff=True)
    assert_permission_matrix(
        {
            "anonymous": None,
            "citizen": resident,
            "other_citizen": other_staff,
            "organizer_staff": staff,
            "superuser": superuser,
        },
        {
            f"/events/{event.slug}/": {
                "anonymous": 404,
                "citizen": 404,
                "other_citizen": 404,
                "organizer_staff": 200,
                "superuser": 200,
            },
            f"/events/{event.slug}.ics": {"anonymous": 404, "citizen": 404, "organizer_staff": 200},
        },
    )


def test_unknown_event_is_404(client):
    assert client.get("/events/no-such-event/").status_code == 404


# --- Registering and cancelling through HTTP -------------------------------------------------------------


def test_register_redirects_to_the_ticket_and_emails_it(resident, event, django_capture_on_commit_callbacks):
    client = client_for(resident)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/events/{event.slug}/register/", {"party_size": "1"})
    registration = Registration.objects.get(user=resident, event=event)
    assert response.status_code == 302 and response["Location"] == f"/events/tickets/{registration.ticket_code}/"
    assert registration.status == "confirmed"
    page = html(client.get(response["Location"]))
    assert "You are registered. This is your ticket" in page
    assert len(mail.outbox) == 1


def test_register_on_a_full_event_joins_the_waiting_list(resident):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    client = client_for(resident)
    response = client.post(f"/events/{event.slug}/register/")
    assert Registration.objects.get(user=resident).status == "waitlisted"
    assert "you are on the waiting list" in html(client.get(response["Location"]))


def test_register_party_size_above_the_limit_is_refused_with_the_service_message(resident):
    event = EventFactory(max_party_size=2)
    client = client_for(resident)
    response = client.post(f"/events/{event.slug}/register/", {"party_size": "5"}, follow=True)
    assert response.redirect_chain == [(f"/events/{event.slug}/", 302)]
    assert "You can register between 1 and 2 people for this event." in html(response)
    assert not Registration.objects.exists()


def test_register_party_size_not_a_number_is_refused(resident, event):
    response = client_for(resident).post(f"/events/{event.slug}/register/", {"party_size": "lots"}, follow=True)
    assert "You can register between 1 and 1 people" in html(response)
    assert not Registration.objects.exists()


def test_register_twice_is_refused(resident, event):
    RegistrationFactory(event=event, user=resident)
    response = client_for(resident).post(f"/events/{event.slug}/register/", follow=True)
    assert "You are already registered for this event." in html(response)
    assert Registration.objects.count() == 1


def test_register_unverified_is_refused():
    user = UserFactory(verified=False)
    event = EventFactory()
    response = client_for(user).post(f"/events/{event.slug}/register/", follow=True)
    assert "Please confirm your email address before registering" in html(response)


def test_register_anonymous_goes_to_login_and_back_to_the_event(client, event):
    response = client.post(f"/events/{event.slug}/register/")
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next=/events/{event.slug}/"


def test_register_needs_post_and_csrf(resident, event):
    client = client_for(resident)
    assert client.get(f"/events/{event.slug}/register/").status_code == 405
    client.handler.enforce_csrf_checks = True
    assert client.post(f"/events/{event.slug}/register/").status_code == 403


def test_cancel_gives_the_seat_back(resident):
    event = EventFactory(capacity=1)
    registration = RegistrationFactory(event=event, user=resident)
    client = client_for(resident)
    response = client.post(f"/events/tickets/{registration.ticket_code}/cancel/", follow=True)
    assert response.redirect_chain == [(f"/events/{event.slug}/", 302)]
    page = html(response)
    assert "Your registration is cancelled." in page and "1 of 1 seats left" in page
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_cancel_too_late_shows_the_service_message(resident):
    event = EventFactory(cancellation_deadline=timezone.now() - timedelta(hours=1))
    registration = RegistrationFactory(event=event, user=resident)
    response = client_for(resident).post(f"/events/tickets/{registration.ticket_code}/cancel/", follow=True)
    assert "could be given back until" in html(response)
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_cancelling_someone_elses_registration_is_404(resident, event):
    registration = RegistrationFactory(event=event)
    response = client_for(resident).post(f"/events/tickets/{registration.ticket_code}/cancel/")
    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.status == "confirmed"


# --- Tickets and QR codes -----------------------------------------------------------------------------


@pytest.fixture
def ticket_users(event, staff):
    owner = UserFactory()
    registration = RegistrationFactory(event=event, user=owner, party_size=1)
    users = {
        "anonymous": None,
        "citizen": owner,
        "other_citizen": UserFactory(),
        "organizer_staff": staff,
        "other_staff": make_staff(OrganizerFactory()),
        "superuser": UserFactory(is_superuser=True, is_staff=True),
    }
    return registration, users


def test_ticket_and_qr_permission_matrix(ticket_users):
    registration, users = ticket_users
    expected = {
        "anonymous": 302,
        "citizen": 200,
        "other_citizen": 404,
        "organizer_staff": 200,
        "other_staff": 404,
        "superuser": 200,
    }
    base = f"/events/tickets/{registration.ticket_code}/"
    assert_permission_matrix(users, {base: expected, base + "qr.svg": expected, base + "qr.png": expected})
    assert_permission_matrix(
        users,
        {base + "cancel/": {"anonymous": 302, "other_citizen": 404, "other_staff": 404}},
        method="post",
    )


def test_unknown_ticket_is_404(resident):
    assert client_for(resident).get("/events/tickets/nope/").status_code == 404


def test_ticket_page_shows_qr_code_and_details(ticket_users):
    registration, users = ticket_users
    page = html(client_for(users["citizen"]).get(f"/events/tickets/{registration.ticket_code}/"))
    assert 'src="data:image/svg+xml' in page
    assert registration.ticket_code in page
    assert registration.event.title_en in page and registration.event.venue.name_en in page
    assert f'action="/events/tickets/{registration.ticket_code}/cancel/"' in page


def test_qr_images_encode_the_ticket_code(ticket_users):
    registration, users = ticket_users
    client = client_for(users["citizen"])
    svg = client.get(f"/events/tickets/{registration.ticket_code}/qr.svg")
    assert svg["Content-Type"] == "image/svg+xml" and svg.content.startswith(b"<svg")
    png = client.get(f"/events/tickets/{registration.ticket_code}/qr.png")
    assert png["Content-Type"] == "image/png" and png.content.startswith(b"\x89PNG")


def test_waitlisted_ticket_has_no_qr_code(resident):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    registration = RegistrationFactory(event=event, user=resident, status="waitlisted")
    page = html(client_for(resident).get(f"/events/tickets/{registration.ticket_code}/"))
    assert "You are on the waiting list, number 1" in page and "data:image/svg+xml" not in page


def test_ticket_page_has_no_inline_script_or_style(ticket_users):
    registration, users = ticket_users
    page = html(client_for(users["citizen"]).get(f"/events/tickets/{registration.ticket_code}/"))
    assert "<script" not in page and " style=" not in page
