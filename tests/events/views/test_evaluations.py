"""The evaluation pages: the form, /me/, the staff desk, the feedback reports, CSV, SVG charts, permissions."""

import csv
import io
import re

import pytest

from events.models import Evaluation, Proposal
from events.services import evaluations
from tests.factories import (
    EvaluationFactory,
    EventFactory,
    OrganizerFactory,
    ProposalFactory,
    UserFactory,
    attendee_of,
    make_moderator,
    make_staff,
    past_event,
    resident_of,
)
from tests.utils import assert_max_queries, assert_permission_matrix, client_for, html

pytestmark = pytest.mark.django_db
INLINE_STYLE = re.compile(r"\sstyle=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
ANSWERS = {"content": "5", "organisation": "4", "venue": "3", "recommend": "5"}


def evaluate_many(event, marks):
    """One evaluation per (content, organisation, venue, recommend) tuple, by fresh attendees."""
    for content, organisation, venue, recommend in marks:
        EvaluationFactory(
            event=event,
            user=attendee_of(event),
            content=content,
            organisation=organisation,
            venue=venue,
            recommend=recommend,
        )


@pytest.fixture
def event():
    return past_event(title_en="Paper cutting")


@pytest.fixture
def users(event):
    attendee = attendee_of(event)
    return {
        "anonymous": None,
        "citizen": UserFactory(),
        "other_citizen": UserFactory(),
        "attendee": attendee,
        "organizer_staff": make_staff(event.organizer),
        "other_staff": make_staff(OrganizerFactory()),
        "moderator": make_moderator(),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }


def test_permission_matrix(users, event):
    evaluation = EvaluationFactory(event=event, user=attendee_of(event), suggestion="More")
    staff_only = {
        "anonymous": 302,
        "citizen": 403,
        "other_citizen": 403,
        "attendee": 403,
        "organizer_staff": 200,
        "other_staff": 403,
        "moderator": 403,
        "superuser": 200,
    }
    any_staff = {**staff_only, "other_staff": 200}
    assert_permission_matrix(
        users,
        {
            f"/events/{event.slug}/evaluate/": {**dict.fromkeys(users, 403), "anonymous": 302, "attendee": 200},
            f"/events/{event.slug}/evaluations/assist/": staff_only,
            f"/events/{event.slug}/feedback/": staff_only,
            f"/events/{event.slug}/feedback/export.csv": staff_only,
            "/events/feedback/": any_staff,
            "/events/feedback/export.csv": any_staff,
            "/events/no-such-event/feedback/": {**dict.fromkeys(users, 404), "anonymous": 302},
        },
    )
    propose = f"/events/{event.slug}/feedback/suggestions/{evaluation.pk}/propose/"
    assert_permission_matrix(users, {propose: {**staff_only, "organizer_staff": 302, "superuser": 302}}, method="post")
    assert Proposal.objects.count() == 1  # the second staff POST was refused by the service (already proposed)


def test_the_form_is_accessible_and_saves(users, event):
    client = client_for(users["attendee"])
    page = html(client.get(f"/events/{event.slug}/evaluate/"))
    assert page.count("<fieldset") == 4 and page.count("<legend>") == 4
    assert page.count('type="radio"') == 20
    assert 'for="id_content_0"' in page and "5 – excellent" in page and "certainly" in page
    assert not INLINE_STYLE.search(page) and not INLINE_SCRIPT.search(page)
    response = client.post(f"/events/{event.slug}/evaluate/", {**ANSWERS, "comment": "Lovely", "anonymous": "on"})
    assert response.status_code == 302 and response["Location"].startswith("/me/")
    evaluation = Evaluation.objects.get(event=event, user=users["attendee"])
    assert evaluation.anonymous and evaluation.comment == "Lovely" and evaluation.venue == 3
    again = html(client.get(f"/events/{event.slug}/evaluate/"))
    assert "already evaluated" in again and '<form method="post" class="stacked evaluation-form"' not in again


def test_the_form_shows_missing_ratings(users, event):
    page = html(client_for(users["attendee"]).post(f"/events/{event.slug}/evaluate/", {"content": "5", "venue": "9"}))
    assert page.count("Choose a number from 1 to 5.") == 2 and 'role="alert"' in page
    assert "Select a valid choice" in page
    assert not Evaluation.objects.exists()


def test_the_form_explains_why_not(event):
    stranger = UserFactory()
    assert "Only people who attended" in html(client_for(stranger).get(f"/events/{event.slug}/evaluate/"), 403)
    coming = EventFactory()
    user = attendee_of(coming, checked_in=False)
    assert "once it has ended" in html(client_for(user).get(f"/events/{coming.slug}/evaluate/"))
    old = past_event(days_ago=30)
    user = attendee_of(old)
    assert "closed on" in html(client_for(user).get(f"/events/{old.slug}/evaluate/"))


def test_me_lists_evaluations_to_give_and_given(users, event):
    client = client_for(users["attendee"])
    page = html(client.get("/me/"))
    assert "Evaluations to give" in page and f"/events/{event.slug}/evaluate/" in page
    client.post(f"/events/{event.slug}/evaluate/", ANSWERS)
    page = html(client.get("/me/"))
    assert f"/events/{event.slug}/evaluate/" not in page
    assert "Evaluations you gave" in page and "Paper cutting" in page


def test_staff_desk_records_an_evaluation_with_consent(users, event):
    staff = users["organizer_staff"]
    client = client_for(staff)
    resident = attendee_of(event, user=resident_of(event.organizer.district, first_name="Lan", last_name="Li"))
    page = html(client.get(f"/events/{event.slug}/evaluations/assist/?q=Lan"))
    assert "Lan Li" in page and users["attendee"].username not in page
    url = f"/events/{event.slug}/evaluations/assist/"
    page = html(client.post(url, {**ANSWERS, "resident": resident.pk}))
    assert "Ask the resident first" in page and not Evaluation.objects.exists()
    response = client.post(url, {**ANSWERS, "resident": resident.pk, "consent": "on"})
    assert response.status_code == 302
    evaluation = Evaluation.objects.get(user=resident)
    assert evaluation.assisted and evaluation.assisted_by == staff and evaluation.consent_noted
    # The resident who has answered is no longer offered (the message naming them is shown once).
    assert "has been recorded" in html(client.get(url))
    assert "Lan Li" not in html(client.get(url))
    # Somebody who did not attend cannot be picked, nor an attendee from a district the organizer does not serve.
    attendee_of(event, user=resident_of(event.organizer.district))
    page = html(client.post(url, {**ANSWERS, "resident": UserFactory().pk, "consent": "on"}))
    assert "Select a valid choice" in page
    assert users["attendee"].username not in html(client.get(url))
    page = html(client.post(url, {**ANSWERS, "resident": users["attendee"].pk, "consent": "on"}))
    assert "Select a valid choice" in page


def test_report_below_five_answers_shows_counts_only(users, event):
    evaluate_many(event, [(5, 4, 3, 5), (2, 2, 2, 1)])
    page = html(client_for(users["organizer_staff"]).get(f"/events/{event.slug}/feedback/"))
    assert '<dd class="answer-count">2</dd>' in page
    assert "Averages and the spread of marks are shown from 5 answers on" in page
    assert "<svg" not in page and "Average of each rating" not in page and "table-content" not in page
    assert "Answers per question" in page


def test_report_with_enough_answers_has_charts_and_the_same_numbers_in_tables(users, event):
    evaluate_many(event, [(5, 5, 4, 5), (4, 4, 4, 4), (4, 3, 2, 5), (3, 4, 4, 2), (5, 5, 5, 5), (1, 2, 3, 1)])
    for _number in range(4):  # attendees who did not answer
        attendee_of(event)
    EvaluationFactory(event=event, user=attendee_of(event), comment="Named words", suggestion="Longer class")
    EvaluationFactory(event=event, user=attendee_of(event), comment="Secret words", anonymous=True)
    page = html(client_for(users["organizer_staff"]).get(f"/events/{event.slug}/feedback/"))
    assert '<dd class="answer-count">8</dd>' in page
    assert "<dt>Attendees</dt><dd>13</dd>" in page  # 1 (fixture) + 6 + 4 + 2
    assert "62%" in page  # 8 / 13
    assert page.count('<svg class="chart" role="img"') == 4
    assert page.count("<title id=") == 4 and page.count("<desc id=") == 4
    assert not INLINE_STYLE.search(page) and not INLINE_SCRIPT.search(page)
    # Content marks: 5,4,4,3,5,1 + factory 4,4 → 1:1 2:0 3:1 4:4 5:2; the chart and the table agree.
    content_table = page[page.index('id="table-content"') :]
    content_table = content_table[: content_table.index("</table>")]
    assert re.findall(r'<th scope="row">(\d)</th><td>(\d+)</td>', content_table) == [
        ("1", "1"),
        ("2", "0"),
        ("3", "1"),
        ("4", "4"),
        ("5", "2"),
    ]
    chart = page[page.index('id="chart-content-title"') :]
    chart = chart[: chart.index("</svg>")]
    assert "4 (50%)" in chart and "1 of 5" in chart and "2 (25%)" in chart
    assert '<td class="average">3.8</td>' in page  # (5+4+4+3+5+1+4+4)/8 = 3.75
    # Comments: named with the resident's name, anonymous without.
    assert "Named words" in page and "Secret words" in page and "Anonymous" in page
    named = Evaluation.objects.get(comment="Named words").user
    secret = Evaluation.objects.get(comment="Secret words").user
    assert named.public_name in page and secret.public_name not in page
    assert "Make it a proposal for the next round" in page


def test_report_query_count_does_not_grow(users, event):
    client = client_for(users["organizer_staff"])
    evaluate_many(event, [(5, 4, 3, 5)] * 6)
    with assert_max_queries(100) as few:
        client.get(f"/events/{event.slug}/feedback/")
    for number in range(10):
        EvaluationFactory(event=event, user=attendee_of(event), comment=f"c{number}", suggestion=f"s{number}")
    with assert_max_queries(len(few.captured_queries)):
        client.get(f"/events/{event.slug}/feedback/")
    with assert_max_queries(100) as overview:
        client.get("/events/feedback/")
    for _number in range(3):
        other = past_event(organizer=event.organizer)
        evaluate_many(other, [(4, 4, 4, 4)] * 2)
        EvaluationFactory(event=other, user=attendee_of(other), comment="hello", suggestion="again")
    with assert_max_queries(len(overview.captured_queries)):
        client.get("/events/feedback/")


def test_csv_per_event_has_no_names_for_anonymous_rows(users, event):
    named = EvaluationFactory(event=event, user=attendee_of(event), comment="Hi")
    EvaluationFactory(event=event, user=attendee_of(event), comment="Hidden", anonymous=True)
    response = client_for(users["organizer_staff"]).get(f"/events/{event.slug}/feedback/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:2] == ["event id", "event"] and len(rows) == 3
    by_comment = {row[9]: row for row in rows[1:]}
    assert by_comment["Hi"][12] == named.user.public_name and by_comment["Hi"][11] == "0"
    assert by_comment["Hidden"][12] == "" and by_comment["Hidden"][11] == "1"


def test_overview_filters_and_csv(users, event):
    staff = users["organizer_staff"]
    workshop = past_event(organizer=event.organizer, category="workshop", title_en="Clay")
    evaluate_many(workshop, [(4, 4, 4, 4)] * 5)
    evaluate_many(event, [(2, 2, 2, 2)])
    foreign = past_event(title_en="Elsewhere")
    evaluate_many(foreign, [(1, 1, 1, 1)])
    client = client_for(staff)
    page = html(client.get("/events/feedback/"))
    assert "Clay" in page and "Paper cutting" in page and "Elsewhere" not in page
    assert '<dd class="answer-count">6</dd>' in page
    assert 'id="chart-months-title"' in page and 'id="chart-categories-title"' in page
    assert "Workshop or training class" in page and "fewer than 5 answers" in page
    page = html(client.get("/events/feedback/?category=workshop"))
    assert "Clay" in page and "Paper cutting" not in page and '<dd class="answer-count">5</dd>' in page
    page = html(client.get(f"/events/feedback/?organizer={foreign.organizer.pk}"))
    assert "Select a valid choice" in page and "Elsewhere" not in page
    response = client.get("/events/feedback/export.csv?category=workshop")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 6 and {row[1] for row in rows[1:]} == {"Clay"}


def test_staff_turn_a_suggestion_into_a_proposal_from_the_report(users, event):
    evaluation = EvaluationFactory(event=event, user=attendee_of(event), suggestion="Teach lanterns next time")
    client = client_for(users["organizer_staff"])
    response = client.post(f"/events/{event.slug}/feedback/suggestions/{evaluation.pk}/propose/")
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.proposer == users["organizer_staff"] and proposal.title == "Teach lanterns next time"
    page = html(client.get(f"/events/{event.slug}/feedback/"))
    assert f"Became proposal no. {proposal.pk}" in page


def test_the_proposal_page_shows_what_participants_thought(event):
    proposal = ProposalFactory(status="held")
    proposal.events.add(event)
    evaluate_many(event, [(5, 4, 4, 5), (4, 4, 4, 4), (3, 3, 3, 2), (5, 5, 5, 5)])
    approved = EvaluationFactory(event=event, user=attendee_of(event), comment="Shown", anonymous=True)
    EvaluationFactory(event=event, user=attendee_of(event), comment="Not yet approved")
    evaluations.approve_comment(evaluation=approved, by_user=make_moderator())
    page = html(client_for(None).get(f"/proposals/{proposal.pk}/"))
    assert "What participants thought" in page and "6 participants evaluated" in page
    assert "Shown" in page and "Not yet approved" not in page and approved.user.public_name not in page
    assert "83% would recommend" in page  # 5 of 6 gave 4 or 5
    Evaluation.objects.filter(event=event).exclude(pk=approved.pk).delete()
    page = html(client_for(None).get(f"/proposals/{proposal.pk}/"))
    assert "1 participant evaluated" in page and "Averages are shown from 5 answers on." in page
    assert "would recommend" not in page


def test_no_summary_before_the_event_was_held():
    proposal = ProposalFactory(status="planned")
    proposal.events.add(EventFactory())
    assert "What participants thought" not in html(client_for(None).get(f"/proposals/{proposal.pk}/"))


def test_the_feedback_csv_keeps_the_marks_of_fewer_than_five_answers_to_itself():
    event = past_event()
    staff = make_staff(event.organizer)
    for _ in range(3):
        EvaluationFactory(event=event, anonymous=True, comment="fine")
    response = client_for(staff).get(f"/events/{event.slug}/feedback/export.csv")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert len(rows) == 4
    for row in rows[1:]:
        assert row[5:9] == ["", "", "", ""]
        assert "fine" in row
        assert "T" not in row[-1]  # the day only, not the minute
