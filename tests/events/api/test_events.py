"""The events API: every endpoint, every status it answers, who may do what, and what it costs in queries."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.authtoken.models import Token

from events.api.events import EventViewSet
from events.errors import RegistrationError
from events.models import Event, NoShowPenalty, Registration
from events.services import event_changes
from portal.models import OutgoingEmail
from portal.rest import WriteRateThrottle
from tests.factories import (
    PASSWORD,
    DistrictFactory,
    EventFactory,
    OrganizerFactory,
    RegistrationFactory,
    UserFactory,
    VenueFactory,
    at_the_door,
    in_days,
    make_staff,
)
from tests.utils import assert_max_queries, assert_permission_matrix, client_for

pytestmark = pytest.mark.django_db

CONFIRMED, WAITLISTED, CANCELLED = (
    Registration.Status.CONFIRMED,
    Registration.Status.WAITLISTED,
    Registration.Status.CANCELLED,
)
JSON = "application/json"


@pytest.fixture
def users(organizer):
    other_organizer = OrganizerFactory()
    return {
        "anonymous": None,
        "citizen": UserFactory(),
        "other_citizen": UserFactory(),
        "organizer_staff": make_staff(organizer),
        "other_staff": make_staff(other_organizer),
        "superuser": UserFactory(is_superuser=True, is_staff=True),
    }


def post(user, url, data=None, client=None):
    return (client or client_for(user)).post(url, data or {}, content_type=JSON)


def register(user, event, **data):
    return post(user, f"/api/events/{event.pk}/register/", data)


def cancel(user, event):
    return post(user, f"/api/events/{event.pk}/cancel/")


def check_in(user, code, **data):
    return post(user, "/api/check-in/", {"code": code, **data})


def patch(user, event, data):
    return client_for(user).patch(f"/api/events/{event.pk}/", data, content_type=JSON)


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


def refusal(response, status, code):
    assert response.status_code == status, response.content
    body = response.json()
    assert body["code"] == code, body
    return body["detail"]


# --- Reading events ------------------------------------------------------------------------------------


def test_list_is_paginated_with_the_contract_keys(client, event):
    response = client.get("/api/events/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 1 and body["next"] is None and body["previous"] is None
    (item,) = body["results"]
    assert item["id"] == event.pk and item["slug"] == event.slug
    assert item["url"] == f"http://testserver/events/{event.slug}/"


def test_detail_describes_the_event(client, organizer):
    district = DistrictFactory(code="xuhui")
    venue = VenueFactory(
        organizer=organizer,
        district=district,
        address_en="1 Culture Road",
        step_free_access=True,
        hearing_loop=True,
    )
    event = EventFactory(
        organizer=organizer,
        venue=venue,
        capacity=10,
        max_party_size=3,
        is_free=False,
        price="25.00",
        category="performance",
        language="bilingual",
        for_children=True,
        for_seniors=True,
        image=SimpleUploadedFile("poster.png", b"not really a png", content_type="image/png"),
    )
    RegistrationFactory(event=event, party_size=3)
    response = client.get(f"/api/events/{event.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["seats_left"] == 7 and data["capacity"] == 10
    assert data["registration_open"] is True and data["registration_closed_reason"] is None
    assert data["venue"] == {
        "id": venue.pk,
        "name": venue.name_en,
        "address": "1 Culture Road",
        "district": "xuhui",
        "step_free_access": True,
        "hearing_loop": True,
        "accessible_toilet": False,
        "accessibility_features": ["Step-free access", "Hearing loop"],
        "accessibility_notes": "",
    }
    assert data["organizer"] == {"id": organizer.pk, "slug": organizer.slug, "name": organizer.name_en}
    assert data["start"] == timezone.localtime(event.start).isoformat() and data["start"].endswith("+08:00")
    assert data["status"] == "published" and data["cancellation_reason"] == ""
    assert data["category"] == "performance" and data["language"] == "bilingual"
    assert sorted(data["audiences"]) == ["adult", "child", "senior"]
    assert data["is_free"] is False and data["price"] == "25.00"
    assert data["waitlist_enabled"] is True and data["max_party_size"] == 3
    assert data["image"].startswith("http://testserver/media/public/events/poster")
    assert data["title"] == event.title_en and data["title_zh_hans"] == event.title_zh_hans
    assert "organizer_id" not in data and "venue_id" not in data


def test_detail_in_chinese(zh_client, event):
    data = zh_client.get(f"/api/events/{event.pk}/").json()
    assert data["title"] == event.title_zh_hans


def test_an_online_event_has_no_venue_and_no_image(client, organizer):
    event = EventFactory(organizer=organizer, venue=None, capacity=None)
    data = client.get(f"/api/events/{event.pk}/").json()
    assert data["venue"] is None and data["image"] is None and data["seats_left"] is None


def test_closed_registration_says_why(client, organizer):
    event = EventFactory(organizer=organizer, registration_closes=timezone.now() - timedelta(minutes=1))
    data = client.get(f"/api/events/{event.pk}/").json()
    assert data["registration_open"] is False
    assert data["registration_closed_reason"] == "Registration for this event has closed."


def test_full_event_without_waiting_list_says_so(client, organizer):
    event = EventFactory(organizer=organizer, capacity=1, waitlist_enabled=False)
    RegistrationFactory(event=event)
    data = client.get(f"/api/events/{event.pk}/").json()
    assert data["seats_left"] == 0 and data["registration_open"] is False
    assert data["registration_closed_reason"] == "This event is full."


def test_a_past_event_is_reachable_by_id_but_not_listed(client, organizer):
    past = EventFactory(organizer=organizer, start=in_days(-3, hour=10), end=in_days(-3, hour=12))
    assert client.get(f"/api/events/{past.pk}/").status_code == 200
    assert past.pk not in ids(client.get("/api/events/"))
    day = timezone.localdate(past.start).isoformat()
    assert ids(client.get(f"/api/events/?date_from={day}&date_to={day}")) == [past.pk]


def test_visibility_of_drafts_and_cancelled_events(users, organizer):
    published = EventFactory(organizer=organizer)
    draft = EventFactory(organizer=organizer, status="draft")
    other_draft = EventFactory(status="draft")
    cancelled = EventFactory(organizer=organizer)
    cancelled.status, cancelled.cancellation_reason = "cancelled", "The hall is flooded."
    cancelled.save()
    never_published = EventFactory(organizer=organizer, status="cancelled", cancellation_reason="Plans changed.")
    public = {published.pk, cancelled.pk}
    expected = {
        "anonymous": public,
        "citizen": public,
        "other_staff": public,
        "organizer_staff": public | {draft.pk, never_published.pk},
        "superuser": public | {draft.pk, other_draft.pk, never_published.pk},
    }
    for role, visible in expected.items():
        client = client_for(users[role])
        assert set(ids(client.get("/api/events/"))) == visible, role
        for event in (published, draft, other_draft, cancelled, never_published):
            status = client.get(f"/api/events/{event.pk}/").status_code
            assert status == (200 if event.pk in visible else 404), (role, event.status, status)
    data = client_for(None).get(f"/api/events/{cancelled.pk}/").json()
    assert data["status"] == "cancelled" and data["cancellation_reason"] == "The hall is flooded."
    assert data["registration_closed_reason"] == "This event has been cancelled."


def test_unknown_event_is_404_with_detail(client):
    response = client.get("/api/events/999999/")
    assert response.status_code == 404 and "detail" in response.json()
    assert client.get("/api/events/not-a-number/").status_code == 404


# --- Pagination ------------------------------------------------------------------------------------


def test_page_and_page_size(client, organizer):
    events = [EventFactory(organizer=organizer, start=in_days(3 + n)) for n in range(5)]
    first = client.get("/api/events/?page_size=2").json()
    assert first["count"] == 5 and [e["id"] for e in first["results"]] == [e.pk for e in events[:2]]
    assert "page=2" in first["next"] and first["previous"] is None
    third = client.get("/api/events/?page_size=2&page=3").json()
    assert [e["id"] for e in third["results"]] == [events[4].pk] and third["next"] is None
    assert client.get("/api/events/?page=9").status_code == 404


def test_page_size_is_capped_at_100(client, organizer):
    venue = VenueFactory(organizer=organizer)
    Event.objects.bulk_create(
        Event(
            organizer=organizer,
            venue=venue,
            title_zh_hans=f"活动{n}",
            title=f"活动{n}",
            slug=f"event-{n}",
            start=in_days(2),
            end=in_days(2, hours=2),
            status="published",
        )
        for n in range(105)
    )
    assert len(client.get("/api/events/").json()["results"]) == 20
    body = client.get("/api/events/?page_size=1000").json()
    assert body["count"] == 105 and len(body["results"]) == 100


@pytest.mark.parametrize("role", ["anonymous", "organizer_staff"])
def test_list_costs_the_same_queries_for_1_or_20_events(users, organizer, role):
    other_venue = VenueFactory(organizer=organizer, step_free_access=True)
    for n in range(20):
        event = EventFactory(organizer=organizer, venue=other_venue if n % 2 else None, start=in_days(2 + n))
        RegistrationFactory(event=event)
        RegistrationFactory(event=event, status=WAITLISTED)
    EventFactory(organizer=organizer, status="draft")
    client = client_for(users[role])
    with assert_max_queries(100) as one:
        assert len(client.get("/api/events/?page_size=1").json()["results"]) == 1
    with assert_max_queries(len(one.captured_queries)):
        assert len(client.get("/api/events/?page_size=20").json()["results"]) == 20


# --- Filters ----------------------------------------------------------------------------------------


def test_filters(client, organizer):
    north = DistrictFactory(code="north")
    south = DistrictFactory(code="south")
    concert = EventFactory(
        organizer=organizer,
        venue=VenueFactory(organizer=organizer, district=north),
        title_en="Spring concert",
        category="performance",
        language="english",
        for_children=True,
        start=in_days(3),
    )
    lecture = EventFactory(
        organizer=organizer,
        venue=VenueFactory(organizer=organizer, district=south),
        title_en="History lecture",
        category="lecture",
        is_free=False,
        price="10.00",
        start=in_days(20),
    )
    cases = {
        "q=concert": [concert],
        "q=lecture history": [lecture],
        "category=lecture": [lecture],
        "district=north": [concert],
        f"date_from={timezone.localdate(lecture.start).isoformat()}": [lecture],
        f"date_to={timezone.localdate(concert.start).isoformat()}": [concert],
        "free=true": [concert],
        "free=false": [lecture],
        "audience=child": [concert],
        "language=english": [concert],
        "": [concert, lecture],
    }
    for query, expected in cases.items():
        assert ids(client.get(f"/api/events/?{query}")) == [e.pk for e in expected], query


@pytest.mark.parametrize(
    ("query", "fields"),
    [
        ("category=dancing", {"category"}),
        ("district=atlantis", {"district"}),
        ("date_from=tomorrow", {"date_from"}),
        ("date_to=2025-13-45", {"date_to"}),
        ("audience=robots", {"audience"}),
        ("language=klingon", {"language"}),
        ("category=x&date_from=y", {"category", "date_from"}),
    ],
)
def test_invalid_filter_values_are_400_field_errors(client, event, query, fields):
    response = client.get(f"/api/events/?{query}")
    assert response.status_code == 400
    assert set(response.json()) == fields
    assert all(isinstance(messages, list) and messages for messages in response.json().values())


# --- Staff create and edit ----------------------------------------------------------------------------


def new_event_data(organizer, **changes):
    start = in_days(10)
    return {
        "organizer_id": organizer.pk,
        "title_zh_hans": "古琴雅集",
        "title_en": "Guqin gathering",
        "summary_en": "Listen and try.",
        "start": start.isoformat(),
        "end": (start + timedelta(hours=2)).isoformat(),
        "capacity": 30,
        "audiences": ["adult", "senior"],
        "category": "performance",
        **changes,
    }


def test_staff_create_an_event_through_the_service(users, organizer):
    staff = users["organizer_staff"]
    with mock.patch.object(event_changes, "save_event", wraps=event_changes.save_event) as save_event:
        response = post(staff, "/api/events/", new_event_data(organizer, status="published"))
    assert response.status_code == 201, response.content
    data = response.json()
    event = Event.objects.get(pk=data["id"])
    assert save_event.call_count == 1 and save_event.call_args.kwargs["by_user"] == staff
    assert event.title_en == "Guqin gathering" and event.title_zh_hans == "古琴雅集"
    assert event.for_seniors and event.for_adults and not event.for_children
    assert event.published_at is not None and event.slug.startswith("guqin-gathering-")
    assert data["url"] == f"http://testserver/events/{event.slug}/"
    assert data["seats_left"] == 30 and data["registration_open"] is True


def test_create_is_for_organizer_staff_of_the_organizer(users, organizer):
    data = new_event_data(organizer)
    assert post(None, "/api/events/", data).status_code == 403
    assert post(users["citizen"], "/api/events/", data).status_code == 403
    response = post(users["other_staff"], "/api/events/", data)
    assert response.status_code == 400 and set(response.json()) == {"organizer_id"}
    assert post(users["superuser"], "/api/events/", data).status_code == 201
    assert Event.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end": in_days(9).isoformat()}, "end"),
        ({"capacity": -1}, "capacity"),
        ({"max_party_size": 0}, "max_party_size"),
        ({"title_zh_hans": ""}, "title_zh_hans"),
        ({"is_free": False}, "price"),
        ({"status": "cancelled"}, "cancellation_reason"),
        ({"waitlist_enabled": False, "waitlist_limit": 5}, "waitlist_limit"),
        ({"category": "karaoke"}, "category"),
        ({"audiences": ["martians"]}, "audiences"),
        ({"start": "next tuesday"}, "start"),
    ],
)
def test_create_validation_errors_are_field_errors(users, organizer, changes, field):
    response = post(users["organizer_staff"], "/api/events/", new_event_data(organizer, **changes))
    assert response.status_code == 400, response.content
    assert field in response.json(), response.json()
    assert not Event.objects.exists()


def test_a_venue_of_another_organizer_cannot_be_used(users, organizer):
    foreign = VenueFactory()
    response = post(users["organizer_staff"], "/api/events/", new_event_data(organizer, venue_id=foreign.pk))
    assert response.status_code == 400 and set(response.json()) == {"venue_id"}
    own = VenueFactory(organizer=organizer)
    response = post(users["organizer_staff"], "/api/events/", new_event_data(organizer, venue_id=own.pk))
    assert response.status_code == 201 and response.json()["venue"]["id"] == own.pk


def test_edit_permissions(users, event):
    statuses = {role: patch(user, event, {"title_en": f"By {role}"}).status_code for role, user in users.items()}
    assert statuses == {
        "anonymous": 403,
        "citizen": 403,
        "other_citizen": 403,
        "organizer_staff": 200,
        "other_staff": 403,
        "superuser": 200,
    }
    event.refresh_from_db()
    assert event.title_en == "By superuser"


def test_staff_cannot_move_an_event_to_an_organizer_they_do_not_manage(users, event):
    response = patch(users["organizer_staff"], event, {"organizer_id": OrganizerFactory().pk})
    assert response.status_code == 400 and set(response.json()) == {"organizer_id"}


def test_more_seats_promote_the_waiting_list(users, organizer):
    event = EventFactory(organizer=organizer, capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status=WAITLISTED)
    response = patch(users["organizer_staff"], event, {"capacity": 2})
    assert response.status_code == 200
    assert response.json()["seats_left"] == 0 and response.json()["waitlist_size"] == 0
    waiting.refresh_from_db()
    assert waiting.status == CONFIRMED and waiting.promoted_at is not None


def test_a_new_time_raises_the_sequence_and_tells_registrants(users, event):
    registration = RegistrationFactory(event=event)
    new_start = event.start + timedelta(days=1)
    response = patch(
        users["organizer_staff"],
        event,
        {"start": new_start.isoformat(), "end": (new_start + timedelta(hours=2)).isoformat()},
    )
    assert response.status_code == 200, response.content
    assert response.json()["sequence"] == 1
    assert OutgoingEmail.objects.filter(to=registration.user.email).count() == 1


def test_put_replaces_the_event(users, event):
    data = new_event_data(event.organizer, title_en="Replaced", status="published")
    response = client_for(users["organizer_staff"]).put(f"/api/events/{event.pk}/", data, content_type=JSON)
    assert response.status_code == 200, response.content
    event.refresh_from_db()
    assert event.title_en == "Replaced" and event.capacity == 30


def test_edit_validation_errors(users, event):
    response = patch(users["organizer_staff"], event, {"end": (event.start - timedelta(hours=1)).isoformat()})
    assert response.status_code == 400 and set(response.json()) == {"end"}
    response = patch(users["organizer_staff"], event, {"capacity": -5})
    assert response.status_code == 400 and set(response.json()) == {"capacity"}


def test_cancelling_through_status_tells_registrants(users, event):
    registration = RegistrationFactory(event=event)
    response = patch(users["organizer_staff"], event, {"status": "cancelled"})
    assert response.status_code == 400 and set(response.json()) == {"cancellation_reason"}
    response = patch(users["organizer_staff"], event, {"status": "cancelled", "cancellation_reason": "Storm warning."})
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled" and response.json()["sequence"] == 1
    assert OutgoingEmail.objects.filter(to=registration.user.email).count() == 1
    # A cancelled event stays cancelled: the service's refusal, as a 400 with its message.
    detail = refusal(patch(users["organizer_staff"], event, {"status": "published"}), 400, "cancelled")
    assert detail == "A cancelled event cannot be published again; duplicate it instead."
    refusal(patch(users["organizer_staff"], event, {"status": "draft"}), 400, "cancelled")


def test_publishing_and_unpublishing_a_draft(users, organizer):
    draft = EventFactory(organizer=organizer, status="draft")
    response = patch(users["organizer_staff"], draft, {"status": "published"})
    assert response.status_code == 200 and response.json()["published_at"] is not None
    response = patch(users["organizer_staff"], draft, {"status": "draft"})
    assert response.status_code == 200 and response.json()["status"] == "draft"


def test_events_are_never_deleted_through_the_api(users, event):
    assert client_for(users["superuser"]).delete(f"/api/events/{event.pk}/").status_code == 405
    assert Event.objects.filter(pk=event.pk).exists()


# --- Registering and cancelling ------------------------------------------------------------------------


def test_register_confirmed_then_waitlisted(event):
    event.capacity = 1
    event.save()
    first, second = UserFactory(), UserFactory()
    response = register(first, event)
    assert response.status_code == 201
    data = response.json()
    registration = Registration.objects.get(user=first)
    assert data["id"] == registration.pk and data["status"] == "confirmed"
    assert data["ticket_code"] == registration.ticket_code and data["party_size"] == 1
    response = register(second, event)
    assert response.status_code == 201
    assert response.json()["status"] == "waitlisted" and response.json()["waitlist_position"] == 1


def test_register_a_party(event):
    event.max_party_size = 3
    event.save()
    response = register(UserFactory(), event, party_size=3)
    assert response.status_code == 201 and response.json()["party_size"] == 3
    assert client_for(None).get(f"/api/events/{event.pk}/").json()["seats_left"] == 7


def test_registering_again_while_active_is_409(resident, event):
    assert register(resident, event).status_code == 201
    detail = refusal(register(resident, event), 409, "already_registered")
    assert detail == "You are already registered for this event."
    assert Registration.objects.filter(user=resident).count() == 1


@pytest.mark.parametrize(
    ("setup", "code", "detail"),
    [
        (
            {"registration_closes": timezone.now() - timedelta(hours=1)},
            "closed",
            "Registration for this event has closed.",
        ),
        ({"start": in_days(-2, hour=10), "end": in_days(-2, hour=12)}, "past", "This event is over."),
        (
            {"status": "cancelled", "cancellation_reason": "Rain.", "published_at": timezone.now()},
            "cancelled",
            "This event has been cancelled.",
        ),
        ({"capacity": 0, "waitlist_enabled": False}, "full", "Sorry, this event is full."),
        ({"registration_opens": in_days(2, hour=9)}, "not_open_yet", "Registration opens on"),
    ],
)
def test_register_refusals_are_400_with_the_service_message(resident, organizer, setup, code, detail):
    event = EventFactory(organizer=organizer, **setup)
    assert refusal(register(resident, event), 400, code).startswith(detail)
    assert not Registration.objects.exists()


def test_party_size_above_the_limit_is_400(resident, event):
    detail = refusal(register(resident, event, party_size=2), 400, "party_size")
    assert detail == "You can register between 1 and 1 people for this event."
    refusal(register(resident, event, party_size=0), 400, "party_size")
    response = register(resident, event, party_size="many")
    assert response.status_code == 400 and set(response.json()) == {"party_size"}


def test_unverified_email_is_403(event):
    response = register(UserFactory(verified=False), event)
    detail = refusal(response, 403, "email_unverified")
    assert detail.startswith("Please confirm your email address before registering")


def test_no_show_penalty_is_400(resident, event):
    for _ in range(9):
        RegistrationFactory(event=event)
    NoShowPenalty.objects.create(user=resident, until=timezone.now() + timedelta(days=10), no_shows=2)
    assert "you cannot book events that are nearly full" in refusal(register(resident, event), 400, "no_show_penalty")


def test_register_refusal_in_chinese(zh_client, resident, organizer):
    event = EventFactory(organizer=organizer, capacity=0, waitlist_enabled=False)
    zh_client.force_login(resident)
    response = post(resident, f"/api/events/{event.pk}/register/", client=zh_client)
    assert response.status_code == 400
    assert response.json()["detail"] == "抱歉，本活动名额已满。"


def test_anonymous_cannot_register_or_cancel(event):
    assert register(None, event).status_code == 403
    assert cancel(None, event).status_code == 403


def test_a_draft_is_404_for_residents(resident, organizer):
    draft = EventFactory(organizer=organizer, status="draft")
    assert register(resident, draft).status_code == 404
    refusal(register(make_staff(organizer), draft), 400, "not_published")


def test_cancel_gives_the_seat_to_the_first_waiting(resident, event):
    event.capacity = 1
    event.save()
    assert register(resident, event).status_code == 201
    waiting = UserFactory()
    assert register(waiting, event).json()["status"] == "waitlisted"
    response = cancel(resident, event)
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "cancelled" and data["cancelled_at"] is not None
    assert Registration.objects.get(user=waiting).status == CONFIRMED


def test_cancel_without_a_registration_is_404(resident, event):
    response = cancel(resident, event)
    assert response.status_code == 404
    assert response.json() == {"detail": "You have no active registration for this event.", "code": "not_found"}
    RegistrationFactory(user=resident, event=event, status=CANCELLED)
    assert cancel(resident, event).status_code == 404


def test_cancel_after_the_deadline_is_400(resident, organizer):
    event = EventFactory(organizer=organizer, cancellation_deadline=timezone.now() - timedelta(hours=1))
    RegistrationFactory(user=resident, event=event)
    detail = refusal(cancel(resident, event), 400, "too_late")
    assert detail.startswith("Places for this event could be given back until")


def test_my_registrations(resident, organizer):
    full = EventFactory(organizer=organizer, capacity=1)
    RegistrationFactory(event=full)
    RegistrationFactory(event=full, status=WAITLISTED)
    waiting = RegistrationFactory(user=resident, event=full, status=WAITLISTED)
    checked = RegistrationFactory(user=resident, checked_in_at=timezone.now())
    RegistrationFactory()  # someone else's
    response = client_for(resident).get("/api/me/registrations/")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2 and set(body) == {"count", "next", "previous", "results"}
    by_id = {item["id"]: item for item in body["results"]}
    assert by_id[waiting.pk]["status"] == "waitlisted" and by_id[waiting.pk]["waitlist_position"] == 2
    assert by_id[waiting.pk]["event"]["id"] == full.pk and by_id[waiting.pk]["event"]["slug"] == full.slug
    assert by_id[waiting.pk]["url"] == f"http://testserver/events/{full.slug}/"
    assert by_id[checked.pk]["checked_in_at"] is not None and by_id[checked.pk]["waitlist_position"] is None
    assert by_id[checked.pk]["ticket_code"] == checked.ticket_code and by_id[checked.pk]["party_size"] == 1
    assert client_for(None).get("/api/me/registrations/").status_code == 403


def test_my_registrations_cost_the_same_queries_for_1_or_20(resident):
    for _ in range(20):
        RegistrationFactory(user=resident, status=WAITLISTED)
    client = client_for(resident)
    with assert_max_queries(100) as one:
        assert len(client.get("/api/me/registrations/?page_size=1").json()["results"]) == 1
    with assert_max_queries(len(one.captured_queries)):
        results = client.get("/api/me/registrations/?page_size=20").json()["results"]
    assert len(results) == 20 and {r["waitlist_position"] for r in results} == {1}


# --- Check-in ------------------------------------------------------------------------------------------


def test_check_in(users, organizer):
    event = at_the_door(organizer=organizer)
    staff = users["organizer_staff"]
    registration = RegistrationFactory(event=event, party_size=2)
    registration.user.profile.display_name = "Wang Fang"
    registration.user.profile.save()
    response = check_in(staff, registration.ticket_code)
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["name"] == "Wang Fang" and data["party_size"] == 2 and data["checked_in_at"]
    assert data["event"]["id"] == event.pk
    registration.refresh_from_db()
    assert registration.checked_in_by == staff
    again = check_in(staff, registration.ticket_code)
    detail = refusal(again, 409, "already_checked_in")
    assert detail == f"Already checked in at {timezone.localtime(registration.checked_in_at):%H:%M}."


def test_check_in_refusals(users, event):
    staff = users["organizer_staff"]
    cancelled = RegistrationFactory(event=event, status=CANCELLED, cancelled_at=timezone.now())
    waiting = RegistrationFactory(event=event, status=WAITLISTED)
    foreign = RegistrationFactory()
    assert refusal(check_in(staff, cancelled.ticket_code), 400, "cancelled").startswith("This ticket was cancelled")
    refusal(check_in(staff, waiting.ticket_code), 400, "waitlisted")
    assert refusal(check_in(staff, "no-such-code"), 404, "not_found") == "No ticket with this code was found."
    refusal(check_in(staff, foreign.ticket_code), 404, "not_found")
    other_event = EventFactory(organizer=event.organizer)
    ticket = RegistrationFactory(event=event)
    refusal(check_in(staff, ticket.ticket_code, event=other_event.pk), 400, "wrong_event")
    response = check_in(staff, ticket.ticket_code, event=foreign.event.pk)
    assert response.status_code == 400 and set(response.json()) == {"event"}
    response = post(staff, "/api/check-in/", {})
    assert response.status_code == 400 and set(response.json()) == {"code"}


def test_check_in_is_for_organizer_staff_only(users, organizer):
    event = at_the_door(organizer=organizer)
    registration = RegistrationFactory(event=event)
    statuses = {role: check_in(user, registration.ticket_code).status_code for role, user in users.items()}
    assert statuses == {
        "anonymous": 403,
        "citizen": 403,
        "other_citizen": 403,
        "organizer_staff": 200,
        "other_staff": 404,  # another organizer's ticket: nothing leaks
        "superuser": 409,  # the organizer's staff checked it in just before
    }


# --- Permission matrix, auth, schema, throttling ------------------------------------------------------


def test_read_permission_matrix(users, organizer, event):
    draft = EventFactory(organizer=organizer, status="draft")
    assert_permission_matrix(
        users,
        {
            "/api/events/": dict.fromkeys(users, 200),
            f"/api/events/{event.pk}/": dict.fromkeys(users, 200),
            f"/api/events/{draft.pk}/": {
                "anonymous": 404,
                "citizen": 404,
                "other_citizen": 404,
                "organizer_staff": 200,
                "other_staff": 404,
                "superuser": 200,
            },
            "/api/me/registrations/": {**dict.fromkeys(users, 200), "anonymous": 403},
            "/api/check-in/": dict.fromkeys(users, 405) | {"anonymous": 403, "citizen": 403, "other_citizen": 403},
        },
    )


def test_write_permission_matrix(users, event):
    signed_in = {**dict.fromkeys(users, 201), "anonymous": 403}
    assert_permission_matrix(users, {f"/api/events/{event.pk}/register/": signed_in}, method="post")
    assert_permission_matrix(
        users,
        {
            f"/api/events/{event.pk}/cancel/": {**dict.fromkeys(users, 200), "anonymous": 403},
            "/api/check-in/": {
                "anonymous": 403,
                "citizen": 403,
                "other_citizen": 403,
                "organizer_staff": 400,  # signed-in staff get past the permission check: `code` is missing
                "other_staff": 400,
                "superuser": 400,
            },
        },
        method="post",
    )


def test_token_auth(client, event):
    resident = UserFactory(username="mei")
    token = client.post("/api/auth/token/", {"username": "mei", "password": PASSWORD}).json()["token"]
    assert Token.objects.get(user=resident).key == token
    response = client.post(
        f"/api/events/{event.pk}/register/", {}, content_type=JSON, headers={"authorization": f"Token {token}"}
    )
    assert response.status_code == 201
    response = client.get("/api/me/registrations/", headers={"authorization": f"Token {token}"})
    assert response.json()["count"] == 1


def test_schema_describes_the_events_api(client):
    schema = client.get("/api/schema/?format=json").json()
    paths = schema["paths"]
    assert {"get", "post"} <= set(paths["/api/events/"])
    assert {"get", "put", "patch"} <= set(paths["/api/events/{id}/"])
    register_responses = paths["/api/events/{id}/register/"]["post"]["responses"]
    assert {"201", "400", "403", "404", "409"} <= set(register_responses)
    assert {"200", "400", "403", "404", "409"} <= set(paths["/api/check-in/"]["post"]["responses"])
    assert {"200", "400", "404"} <= set(paths["/api/events/{id}/cancel/"]["post"]["responses"])
    assert "get" in paths["/api/me/registrations/"]
    parameters = {p["name"] for p in paths["/api/events/"]["get"]["parameters"]}
    assert {"q", "category", "district", "date_from", "date_to", "free", "audience", "language"} <= parameters
    assert {"page", "page_size"} <= parameters
    event_schema = schema["components"]["schemas"]["Event"]["properties"]
    assert {"seats_left", "registration_open", "url", "slug", "title_zh_hans", "title_en"} <= set(event_schema)


def test_every_refusal_code_has_a_deliberate_status():
    def status(code):
        return RegistrationError("refused", code).http_status

    assert status("already_registered") == 409 and status("already_checked_in") == 409
    assert status("email_unverified") == 403 and status("not_found") == 404
    assert status("full") == 400 and status("closed") == 400


def test_writes_are_throttled_and_reads_never(client, event):
    assert [type(t) for t in EventViewSet().get_throttles()] == [WriteRateThrottle]
    assert {client.get(f"/api/events/{event.pk}/").status_code for _ in range(125)} == {200}
    resident = UserFactory()
    statuses = [register(resident, event).status_code for _ in range(121)]
    assert statuses[0] == 201 and set(statuses[1:120]) == {409} and statuses[120] == 429
