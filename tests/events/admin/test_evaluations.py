"""The evaluation admin: scoping by organizer, moderators see all, read-only answers, approval actions."""

import pytest

from events.models import Evaluation
from tests.factories import (
    EvaluationFactory,
    UserFactory,
    attendee_of,
    make_moderator,
    make_staff,
    past_event,
)
from tests.utils import assert_max_queries, client_for

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/events/evaluation/"


def approve(client, evaluations, action="approve_comments"):
    return client.post(CHANGELIST, {"action": action, "_selected_action": [e.pk for e in evaluations]})


def test_staff_see_and_approve_only_their_organizers_evaluations():
    mine = EvaluationFactory(event=past_event(title_en="Mine"), comment="Our comment")
    foreign = EvaluationFactory(event=past_event(title_en="Foreign"), comment="Their comment")
    staff = make_staff(mine.event.organizer)
    client = client_for(staff)
    page = client.get(CHANGELIST).content.decode()
    assert "Our comment" in page and "Their comment" not in page
    assert client.get(f"{CHANGELIST}{foreign.pk}/change/").status_code in (302, 403, 404)
    assert client.get(f"{CHANGELIST}{mine.pk}/change/").status_code == 200
    approve(client, [mine])
    mine.refresh_from_db()
    assert mine.comment_approved and mine.comment_approved_by == staff
    approve(client, [mine], "unapprove_comments")
    mine.refresh_from_db()
    assert not mine.comment_approved


def test_moderators_see_every_evaluation_and_approve():
    evaluation = EvaluationFactory(event=past_event(), comment="Kind words")
    client = client_for(make_moderator())
    assert "Kind words" in client.get(f"{CHANGELIST}?has_comment=yes").content.decode()
    approve(client, [evaluation])
    evaluation.refresh_from_db()
    assert evaluation.comment_approved


def test_answers_are_read_only_and_anonymous_authors_stay_hidden():
    event = past_event()
    user = attendee_of(event, user=UserFactory(username="secret-name"))
    evaluation = EvaluationFactory(event=event, user=user, anonymous=True, comment="x")
    client = client_for(make_staff(event.organizer))
    page = client.get(f"{CHANGELIST}{evaluation.pk}/change/").content.decode()
    assert "secret-name" not in page and "Anonymous" in page
    assert 'name="content"' not in page
    client.post(f"{CHANGELIST}{evaluation.pk}/change/", {"content": "1"})
    evaluation.refresh_from_db()
    assert evaluation.content == 4
    assert client.get(f"{CHANGELIST}add/").status_code == 403


def test_refusals_are_reported_per_row():
    evaluation = EvaluationFactory(event=past_event(), comment="")
    client = client_for(make_moderator())
    response = approve(client, [evaluation])
    assert response.status_code == 302
    page = client.get(CHANGELIST).content.decode()
    assert "no comment to approve" in page
    assert not Evaluation.objects.get().comment_approved


def test_citizens_have_no_access_and_the_list_query_count_is_flat():
    assert client_for(UserFactory()).get(CHANGELIST).status_code == 302
    event = past_event()
    client = client_for(make_staff(event.organizer))
    EvaluationFactory(event=event, user=attendee_of(event))
    with assert_max_queries(100) as one:
        client.get(CHANGELIST)
    for _number in range(10):
        EvaluationFactory(event=event, user=attendee_of(event))
    with assert_max_queries(len(one.captured_queries)):
        client.get(CHANGELIST)


def test_the_evaluation_admin_cannot_be_filtered_by_author():
    event = past_event()
    staff = make_staff(event.organizer)
    author = UserFactory()
    EvaluationFactory(event=event, user=author, anonymous=True, comment="comment-by-the-author")
    EvaluationFactory(event=event, anonymous=True, comment="comment-by-someone-else")
    client = client_for(staff)
    assert "comment-by-someone-else" in client.get("/admin/events/evaluation/").content.decode()
    # A refused lookup is a 400 (DisallowedModelAdminLookup), never a list narrowed to the author.
    assert client.get(f"/admin/events/evaluation/?user={author.pk}").status_code == 400
    assert client.get(f"/admin/events/evaluation/?user__username={author.username}").status_code == 400
