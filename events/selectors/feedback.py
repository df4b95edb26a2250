"""Every number about evaluations, read in one place: the HTML reports, the CSV exports, the API, the
proposal page and the weekly digest all call these, so they can never disagree.

The small-numbers rule (EVENTS_FEEDBACK_MIN_ANSWERS, 5): below it a summary carries the number of
answers (and the response rate, a count of people) but no distribution, no average and no share who
would recommend. With two or three answers an average is false precision and a distribution lets staff
who know who came guess who gave which mark; withholding the average too is the safer reading of the
rule, and it is the same on every page, in the API and in the digest.

Every aggregation runs as one query (conditional counts), whatever the number of evaluations.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db.models import Avg, Count, F, OuterRef, Q, Subquery
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.categories import Category
from portal.scoping import scope

from ..models import Evaluation, Event, Registration
from .attendance import attending_registrations

SCORES = (1, 2, 3, 4, 5)
DIMENSIONS = (
    ("content", _("Content")),
    ("organisation", _("Organisation")),
    ("venue", _("Venue")),
    ("recommend", _("Would recommend")),
)
RECOMMENDS_FROM = 4  # "would recommend" = 4 or 5


def min_answers():
    return settings.EVENTS_FEEDBACK_MIN_ANSWERS


def enough_answers(answers):
    """The small-numbers rule itself: marks are shown from min_answers() answers on, never below."""
    return answers >= min_answers()


def with_event_answers(evaluations):
    """Annotate `event_answers` on an Evaluation queryset: how many answers each one's event has."""
    answers = Evaluation.objects.filter(event=OuterRef("event")).order_by().values("event").annotate(n=Count("pk"))
    return evaluations.annotate(event_answers=Subquery(answers.values("n")))


def shown_marks(evaluation):
    """{mark: value} of one evaluation annotated by with_event_answers(); every value None while its
    event has fewer than min_answers() answers."""
    enough = enough_answers(evaluation.event_answers)
    return {name: getattr(evaluation, name) if enough else None for name in Evaluation.RATING_FIELDS}


@dataclass
class Dimension:
    key: str
    label: str
    answers: int
    average: float | None  # None below the minimum number of answers
    distribution: list[tuple[int, int]] | None  # [(score, count)], None below the minimum

    @property
    def largest(self):
        return max((count for _score, count in self.distribution or ()), default=0)


@dataclass
class Summary:
    answers: int
    attendees: int | None = None
    dimensions: list[Dimension] = field(default_factory=list)
    recommenders: int | None = None  # None below the minimum

    @property
    def minimum(self):
        return min_answers()

    @property
    def enough(self):
        return enough_answers(self.answers)

    @property
    def response_rate(self):
        """Answers per attendee (0..1), or None when nobody attended or attendance is unknown."""
        if not self.attendees:
            return None
        return min(self.answers / self.attendees, 1.0)

    @property
    def recommend_share(self):
        if self.recommenders is None or not self.answers:
            return None
        return self.recommenders / self.answers

    @property
    def overall(self):
        """The mean of the four averages (for trend charts), or None below the minimum."""
        averages = [d.average for d in self.dimensions if d.average is not None]
        return sum(averages) / len(averages) if averages and len(averages) == len(self.dimensions) else None

    def as_dict(self):
        """The API's and the digest's shape of the same numbers."""
        return {
            "answers": self.answers,
            "attendees": self.attendees,
            "response_rate": _round(self.response_rate, 3),
            "min_answers": min_answers(),
            "enough_answers": self.enough,
            "recommend_share": _round(self.recommend_share, 3),
            "dimensions": {
                d.key: {
                    "answers": d.answers,
                    "average": _round(d.average, 2),
                    "distribution": {str(score): count for score, count in d.distribution}
                    if d.distribution is not None
                    else None,
                }
                for d in self.dimensions
            },
        }


def _round(value, digits):
    return None if value is None else round(value, digits)


def _aggregates():
    aggregates = {"answers": Count("pk"), "recommenders": Count("pk", filter=Q(recommend__gte=RECOMMENDS_FROM))}
    for key, _label in DIMENSIONS:
        aggregates[f"{key}_avg"] = Avg(key)
        for score in SCORES:
            aggregates[f"{key}_{score}"] = Count("pk", filter=Q(**{key: score}))
    return aggregates


def _summary(row, attendees=None):
    answers = row["answers"] or 0
    enough = enough_answers(answers)
    dimensions = [
        Dimension(
            key=key,
            label=str(label),
            answers=answers,
            average=row[f"{key}_avg"] if enough else None,
            distribution=[(score, row[f"{key}_{score}"]) for score in SCORES] if enough else None,
        )
        for key, label in DIMENSIONS
    ]
    return Summary(
        answers=answers,
        attendees=attendees,
        dimensions=dimensions,
        recommenders=row["recommenders"] if enough else None,
    )


def summarize(evaluations, *, attendees=None):
    """The Summary of an Evaluation queryset, in one query."""
    return _summary(evaluations.aggregate(**_aggregates()), attendees)


def _grouped(evaluations, key_expression):
    rows = evaluations.annotate(group=key_expression).values("group").annotate(**_aggregates()).order_by("group")
    return {row["group"]: row for row in rows}


# --- One event ---------------------------------------------------------------------------------------------


@dataclass
class EventReport:
    event: Event
    summary: Summary
    comments: list  # evaluations with a comment, newest first
    suggestions: list  # evaluations with a suggestion, newest first


def event_evaluations(event):
    return Evaluation.objects.filter(event=event)


def event_report(*, event):
    """The report on one event: the summary and every comment and suggestion (names as `author_name`)."""
    summary = summarize(event_evaluations(event), attendees=attending_registrations(event).count())
    worded = list(
        event_evaluations(event)
        .filter(~Q(comment="") | ~Q(suggestion=""))
        .select_related("user__profile", "suggestion_proposal", "event")
        .order_by("-created_at", "-id")
    )
    return EventReport(
        event=event,
        summary=summary,
        comments=[e for e in worded if e.comment],
        suggestions=[e for e in worded if e.suggestion],
    )


# --- Across events ------------------------------------------------------------------------------------------


def with_attendance(events):
    """Annotate `checked_in_count`, `confirmed_count` and `answer_count` on an Event queryset (one query)."""
    confirmed = Q(registrations__status=Registration.Status.CONFIRMED, registrations__no_show=False)
    return events.annotate(
        checked_in_count=Count(
            "registrations", filter=confirmed & Q(registrations__checked_in_at__isnull=False), distinct=True
        ),
        confirmed_count=Count("registrations", filter=confirmed, distinct=True),
        answer_count=Count("evaluations", distinct=True),
    )


def attendees_of(event):
    """Attendance from the with_attendance() annotations, by the same rule as evaluations.attending_registrations."""
    if event.status != Event.Status.PUBLISHED:
        return 0
    return event.checked_in_count or event.confirmed_count


def report_events(*, user, organizer=None, date_from=None, date_to=None, category=None, now=None):
    """The ended events whose feedback `user` may read (their organizers'), narrowed by the filters."""
    events = scope(user, Event.objects.filter(status=Event.Status.PUBLISHED, end__lte=now or timezone.now()))
    if organizer is not None:
        events = events.filter(organizer=organizer)
    if date_from is not None:
        events = events.filter(start__date__gte=date_from)
    if date_to is not None:
        events = events.filter(start__date__lte=date_to)
    if category:
        events = events.filter(category=category)
    return events


@dataclass
class EventRow:
    event: Event
    attendees: int
    summary: Summary


@dataclass
class TrendRow:
    key: object  # a month (date) or a category value
    label: str
    summary: Summary


@dataclass
class OverviewReport:
    summary: Summary
    events: list[EventRow]
    months: list[TrendRow]
    categories: list[TrendRow]
    comments: list
    suggestions: list


def overview_report(*, events, worded_limit=100):
    """Feedback across `events` (a queryset from report_events): totals, per event, by month, by category.

    Five queries whatever the number of events: events with attendance, per-event, per-month and
    per-category aggregates, and the latest comments and suggestions.
    """
    listed = list(with_attendance(events).select_related("organizer").order_by("-start", "-id"))
    attendees = {event.pk: attendees_of(event) for event in listed}
    evaluations = Evaluation.objects.filter(event__in=events)
    per_event = _grouped(evaluations, F("event_id"))
    empty = _empty_row()
    event_rows = [
        EventRow(event=e, attendees=attendees[e.pk], summary=_summary(per_event.get(e.pk, empty), attendees[e.pk]))
        for e in listed
    ]
    months = _grouped(evaluations, TruncMonth("event__start"))
    month_attendees = {}
    for event in listed:
        month = _month_key(event.start)
        month_attendees[month] = month_attendees.get(month, 0) + attendees[event.pk]
    month_rows = [
        TrendRow(key=month, label=_month_label(month), summary=_summary(row, month_attendees.get(_month_key(month))))
        for month, row in months.items()
        if month is not None
    ]
    categories = _grouped(evaluations, F("event__category"))
    category_attendees = {}
    for event in listed:
        category_attendees[event.category] = category_attendees.get(event.category, 0) + attendees[event.pk]
    category_rows = sorted(
        (
            TrendRow(key=value, label=_category_label(value), summary=_summary(row, category_attendees.get(value)))
            for value, row in categories.items()
        ),
        key=lambda row: str(row.label),
    )
    worded = list(
        evaluations.filter(~Q(comment="") | ~Q(suggestion=""))
        .select_related("user__profile", "event", "suggestion_proposal")
        .order_by("-created_at", "-id")[:worded_limit]
    )
    return OverviewReport(
        summary=summarize(evaluations, attendees=sum(attendees.values())),
        events=event_rows,
        months=month_rows,
        categories=category_rows,
        comments=[e for e in worded if e.comment],
        suggestions=[e for e in worded if e.suggestion],
    )


def _empty_row():
    row = dict.fromkeys(_aggregates(), 0)
    for key, _label in DIMENSIONS:
        row[f"{key}_avg"] = None
    return row


def _month_key(value):
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().replace(day=1)
    return value.replace(day=1)


def _month_label(value):
    from django.utils import formats

    return formats.date_format(_month_key(value), "YEAR_MONTH_FORMAT")


def _category_label(value):
    return str(Category(value).label) if value in Category.values else value


# --- CSV ------------------------------------------------------------------------------------------------------

CSV_HEADER = (
    _("event id"),
    _("event"),
    _("date"),
    _("organizer"),
    _("category"),
    _("content"),
    _("organisation"),
    _("venue"),
    _("would recommend"),
    _("comment"),
    _("suggestion for next time"),
    _("anonymous"),
    _("resident"),
    _("recorded by staff"),
    _("given"),
)


def csv_rows(events):
    """The header and one row per evaluation of `events`; anonymous rows carry no name (an empty cell).

    The small-numbers rule holds here too: for an event with fewer than min_answers() answers the marks
    are left out (the comments and suggestions stay), and no row says more than the day it was given.
    """
    yield [str(title) for title in CSV_HEADER]
    evaluations = (
        with_event_answers(Evaluation.objects.filter(event__in=events))
        .select_related("event__organizer", "user__profile")
        .order_by("event__start", "event_id", "created_at", "id")
    )
    for e in evaluations.iterator(chunk_size=500):
        marks = ["" if mark is None else mark for mark in shown_marks(e).values()]
        yield [
            e.event_id,
            e.event.title,
            timezone.localtime(e.event.start).date().isoformat(),
            e.event.organizer.name,
            _category_label(e.event.category),
            *marks,
            e.comment,
            e.suggestion,
            "1" if e.anonymous else "0",
            e.shown_name or "",
            "1" if e.assisted else "0",
            timezone.localtime(e.created_at).date().isoformat(),
        ]


# --- The proposal page --------------------------------------------------------------------------------------


@dataclass
class ProposalFeedback:
    summary: Summary
    comments: list  # approved comments only


def proposal_feedback(*, proposal, now=None):
    """What residents see on a proposal's page once an event made from it was held: the summary of its
    evaluations (under the small-numbers rule) and the comments moderators approved; None before."""
    held = proposal.events.filter(status=Event.Status.PUBLISHED, end__lte=now or timezone.now())
    listed = list(with_attendance(held))
    if not listed:
        return None
    evaluations = Evaluation.objects.filter(event__in=[e.pk for e in listed])
    comments = list(
        evaluations.filter(comment_approved=True)
        .exclude(comment="")
        .select_related("user__profile")
        .order_by("-created_at", "-id")
    )
    return ProposalFeedback(
        summary=summarize(evaluations, attendees=sum(attendees_of(e) for e in listed)), comments=comments
    )


# --- The weekly digest ---------------------------------------------------------------------------------------


@dataclass
class WeeklyDigest:
    answers: int
    summary: Summary
    events: list  # [(event, answers that week)]
    suggestions: list  # up to DIGEST_SUGGESTIONS evaluations with a suggestion
    suggestion_count: int


DIGEST_SUGGESTIONS = 5


def weekly_digest(*, organizer, start, end):
    """The evaluations given to `organizer`'s events in [start, end): the summary, per event, and the top
    suggestions. "Top" = from the least satisfied residents first (lowest recommend, then newest), since
    they say most about what to change; the count of all suggestions is given too."""
    evaluations = Evaluation.objects.filter(event__organizer=organizer, created_at__gte=start, created_at__lt=end)
    summary = summarize(evaluations)
    per_event = list(
        Event.objects.filter(evaluations__in=evaluations).annotate(week_answers=Count("evaluations")).order_by("start")
    )
    with_suggestion = evaluations.exclude(suggestion="")
    suggestions = list(
        with_suggestion.select_related("user__profile", "event").order_by("recommend", "-created_at")[
            :DIGEST_SUGGESTIONS
        ]
    )
    return WeeklyDigest(
        answers=summary.answers,
        summary=summary,
        events=[(event, event.week_answers) for event in per_event],
        suggestions=suggestions,
        suggestion_count=with_suggestion.count(),
    )
