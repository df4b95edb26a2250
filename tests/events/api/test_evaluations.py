"""POST /api/events/<id>/evaluations/ and GET /api/events/<id>/feedback/: statuses, shapes, permissions."""

import pytest

from events.models import Evaluation
from tests.factories import (
    EvaluationFactory,
    EventFactory,
    OrganizerFactory,
    UserFactory,
    attendee_of,
    make_moderator,
    make_staff,
    past_event,
)
from tests.utils import api, assert_permission_matrix

pytestmark = pytest.mark.django_db
RATINGS = {"content": 5, "organisation": 4, "venue": 3, "recommend": 5}


def post(user, event, data):
    return api(user).post(f"/api/events/{event.pk}/evaluations/", data, format="json")


def test_an_attendee_evaluates_once():
    event = past_event()
    user = attendee_of(event)
    response = post(user, event, {**RATINGS, "comment": "Great", "anonymous": True})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["content"] == 5 and body["anonymous"] is True and body["name"] is None
    assert body["url"].endswith(f"/events/{event.slug}/evaluate/") and body["id"]
    again = post(user, event, RATINGS)
    assert again.status_code == 409 and again.json()["code"] == "already_evaluated"


def test_a_named_evaluation_carries_the_name():
    event = past_event()
    user = attendee_of(event)
    assert post(user, event, RATINGS).json()["name"] == user.public_name


def test_non_attendees_are_refused_whatever_the_timing():
    stranger = UserFactory()
    for event in (past_event(), EventFactory(), past_event(days_ago=40)):
        response = post(stranger, event, RATINGS)
        assert response.status_code == 403 and response.json()["code"] == "not_attendee"
    # Even with invalid ratings: attendance is asked first.
    assert post(stranger, past_event(), {"content": 9}).status_code == 403


def test_timing_refusals_are_400():
    coming = EventFactory()
    response = post(attendee_of(coming, checked_in=False), coming, RATINGS)
    assert response.status_code == 400 and response.json()["code"] == "not_ended"
    old = past_event(days_ago=15)
    response = post(attendee_of(old), old, RATINGS)
    assert response.status_code == 400 and response.json()["code"] == "window_closed"
    assert "closed" in response.json()["detail"]


def test_ratings_missing_or_out_of_range_are_field_errors():
    event = past_event()
    user = attendee_of(event)
    response = post(user, event, {"content": 0, "organisation": 6, "venue": "x"})
    assert response.status_code == 400
    assert set(response.json()) == {"content", "organisation", "venue", "recommend"}
    assert not Evaluation.objects.exists()


def test_feedback_numbers_match_the_report_and_respect_the_small_numbers_rule():
    event = past_event()
    staff = make_staff(event.organizer)
    for marks in [(5, 5, 5, 5), (4, 4, 4, 4), (3, 3, 3, 3)]:
        EvaluationFactory(event=event, user=attendee_of(event), **dict(zip(RATINGS, marks, strict=True)))
    EvaluationFactory(event=event, user=attendee_of(event), comment="Anonymous words", anonymous=True)
    body = api(staff).get(f"/api/events/{event.pk}/feedback/").json()
    assert body["answers"] == 4 and body["attendees"] == 4 and body["enough_answers"] is False
    assert body["dimensions"]["content"] == {"answers": 4, "average": None, "distribution": None}
    assert body["recommend_share"] is None
    assert body["comments"][0]["name"] is None and body["comments"][0]["text"] == "Anonymous words"
    EvaluationFactory(event=event, user=attendee_of(event), suggestion="Earlier", content=1)
    attendee_of(event)
    body = api(staff).get(f"/api/events/{event.pk}/feedback/").json()
    assert body["answers"] == 5 and body["attendees"] == 6 and body["response_rate"] == 0.833
    assert body["dimensions"]["content"]["distribution"] == {"1": 1, "2": 0, "3": 1, "4": 2, "5": 1}
    assert body["dimensions"]["content"]["average"] == 3.4  # (5+4+3+4+1)/5
    assert body["recommend_share"] == 0.8
    assert body["suggestions"][0]["text"] == "Earlier" and body["suggestions"][0]["name"]


def test_permission_matrix():
    event = past_event()
    attendee = attendee_of(event)
    users = {
        "anonymous": None,
        "citizen": UserFactory(),
        "other_citizen": UserFactory(),
        "attendee": attendee,
        "organizer_staff": make_staff(event.organizer),
        "other_staff": make_staff(OrganizerFactory()),
        "moderator": make_moderator(),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }
    assert_permission_matrix(
        users,
        {
            f"/api/events/{event.pk}/feedback/": {
                **dict.fromkeys(users, 403),
                "organizer_staff": 200,
                "superuser": 200,
            },
            "/api/events/999999/feedback/": {**dict.fromkeys(users, 404), "anonymous": 403},
        },
    )
    assert_permission_matrix(
        users,
        {f"/api/events/{event.pk}/evaluations/": {**dict.fromkeys(users, 403), "attendee": 201}},
        method="post",
        data=RATINGS,
    )


def test_the_schema_documents_both_endpoints():
    schema = api().get("/api/schema/?format=json").json()
    assert "/api/events/{id}/evaluations/" in schema["paths"] or "/api/events/{pk}/evaluations/" in schema["paths"]
    paths = [p for p in schema["paths"] if "evaluations" in p or "feedback" in p]
    assert len(paths) == 2
