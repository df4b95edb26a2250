"""Numbers and dates staff type have sane bounds on every door (admin, API, services, query strings)."""

from datetime import datetime

import pytest
from django.utils import timezone

from events.errors import RegistrationError
from events.models import Event
from events.services import check_in, event_changes, registrations
from tests.factories import EventFactory, OrganizerFactory, UserFactory, VenueFactory, at_the_door, make_staff
from tests.utils import client_for

pytestmark = pytest.mark.django_db


def _api_event(staff, venue, **fields):
    body = {
        "title_zh_hans": "新活动",
        "organizer_id": venue.organizer_id,
        "venue_id": venue.pk,
        "start": "2027-03-01T19:00:00+08:00",
        "end": "2027-03-01T21:00:00+08:00",
        "capacity": 10,
        **fields,
    }
    return client_for(staff).post("/api/events/", body, content_type="application/json")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"max_party_size": 1_000_000}, "max_party_size"),
        ({"max_party_size": 11, "capacity": 100}, "max_party_size"),  # EVENTS_MAX_PARTY_SIZE
        ({"max_party_size": 5, "capacity": 3}, "max_party_size"),  # never above the seats
        ({"is_free": False, "price": "-5"}, "price"),
        ({"start": "0001-01-01T19:00:00+08:00", "end": "0001-01-01T21:00:00+08:00"}, "start"),
        ({"end": "9999-01-01T21:00:00+08:00"}, "end"),
    ],
)
def test_the_api_refuses_out_of_bounds_values_as_field_errors(fields, field):
    venue = VenueFactory()
    response = _api_event(make_staff(venue.organizer), venue, **fields)
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Event.objects.exists()


def test_the_admin_refuses_a_party_size_above_the_bound(settings):
    settings.EVENTS_MAX_PARTY_SIZE = 4
    event = EventFactory(capacity=100)
    event.max_party_size = 5
    with pytest.raises(RegistrationError) as refused:
        event_changes.save_event(event=event, by_user=make_staff(event.organizer))
    assert refused.value.code == "invalid"


def test_an_event_saved_with_a_huge_party_size_before_the_bound_still_renders_one_input():
    event = EventFactory(capacity=10)
    Event.objects.filter(pk=event.pk).update(max_party_size=30000)
    page = client_for(UserFactory()).get(event.get_absolute_url()).content.decode()
    assert page.count("<option") < 50 and 'max="10"' in page
    with pytest.raises(RegistrationError) as refused:
        registrations.register(user=UserFactory(), event=event, party_size=11)
    assert refused.value.code == "party_size"


def test_no_query_string_makes_the_feed_or_the_list_fail():
    EventFactory()
    client = client_for(None)
    for query in (
        {"date_from": "0001-01-01"},
        {"date_to": "9999-12-31"},
        {"date_from": "0001-01-01", "date_to": "9999-12-31"},
        {"date_from": "-1-01-01"},
    ):
        assert client.get("/events/feed.ics", query).status_code == 200, query
        assert client.get("/events/", query).status_code == 200, query
        assert client.get("/api/events/", query).status_code in (200, 400), query


def test_check_in_opens_two_hours_before_the_start_and_closes_at_the_end(settings):
    organizer = OrganizerFactory()
    staff = make_staff(organizer)
    later = EventFactory(organizer=organizer)  # next week
    ticket = registrations.register(user=UserFactory(), event=later)
    with pytest.raises(RegistrationError) as refused:
        check_in.check_in(code=ticket.ticket_code, by_user=staff)
    assert refused.value.code == "too_early"
    settings.EVENTS_CHECK_IN_OPENS_HOURS = 24 * 8
    assert check_in.check_in(code=ticket.ticket_code, by_user=staff).checked_in_at


def test_a_checked_in_ticket_cannot_be_given_back_by_its_owner():
    event = at_the_door()
    registration = registrations.register(user=UserFactory(), event=event)
    check_in.check_in(code=registration.ticket_code, by_user=make_staff(event.organizer))
    registration.refresh_from_db()
    assert not registrations.can_cancel(registration=registration, by_user=registration.user)
    with pytest.raises(RegistrationError) as refused:
        registrations.cancel_registration(registration=registration, by_user=registration.user)
    assert refused.value.code == "checked_in"


def test_dates_in_range_are_accepted():
    event = EventFactory.build(organizer=OrganizerFactory(), start=timezone.make_aware(datetime(2001, 5, 1, 19)))
    event.end = event.start.replace(hour=21)
    event.venue = None
    event.clean()


@pytest.mark.parametrize("slug", ["calendar", "feedback", "feed", "tickets"])
def test_a_slug_equal_to_a_fixed_path_is_refused(slug):
    event = EventFactory()
    event.slug = slug
    with pytest.raises(RegistrationError) as refused:
        event_changes.save_event(event=event, by_user=make_staff(event.organizer))
    assert refused.value.code == "invalid" and "fixed part" in refused.value.message
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as invalid:
        event.full_clean()
    assert "slug" in invalid.value.message_dict
