"""The evaluation pages: the resident's form, the staff desk, and the organizers' feedback reports and CSV.

Thin adapters: changes go through events.services.evaluations, numbers come from events.selectors.feedback (the same
numbers as the API and the digest). Charts are drawn here as SVG geometry only; every number they show
is also in a table next to them.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal import residents
from portal.exports import csv_response
from portal.scoping import is_organizer_staff, managed_or_403, managed_organizers

from ..errors import EvaluationError
from ..forms.evaluations import AssistedEvaluationForm, EvaluationForm, FeedbackFilterForm
from ..models import Evaluation, Event
from ..selectors import attendance, feedback
from ..services import evaluations

ASSIST_LIST_LIMIT = 50


def _event_or_404(slug):
    return get_object_or_404(Event.objects.public().select_related("organizer", "venue"), slug=slug)


def _managed_event(request, slug):
    return managed_or_403(request.user, Event.objects.select_related("organizer", "venue"), slug=slug)


def _ratings(cleaned):
    return {name: cleaned[name] for name in EvaluationForm.RATINGS}


# --- The resident's form ------------------------------------------------------------------------------------


@login_required
def evaluate(request, slug):
    """The evaluation form; when the resident may not evaluate, the page says why (403 for non-attendees)."""
    event = _event_or_404(slug)
    refusal = evaluations.evaluation_refusal(user=request.user, event=event)
    if refusal is not None:
        return render(
            request,
            "events/evaluations/form.html",
            {"event": event, "refusal": refusal.message, "refusal_code": refusal.code},
            status=403 if refusal.code == "not_attendee" else 200,
        )
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            evaluations.submit_evaluation(
                user=request.user,
                event=event,
                comment=data["comment"],
                suggestion=data["suggestion"],
                anonymous=data["anonymous"],
                **_ratings(data),
            )
        except EvaluationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Thank you! Your evaluation has been saved."))
            return redirect(f"{reverse('me')}#evaluations-given-title")
    return render(
        request,
        "events/evaluations/form.html",
        {"event": event, "form": form, "closes": evaluations.window_closes(event)},
    )


@login_required
@require_POST
def withdraw(request, slug):
    """The resident deletes an evaluation that staff recorded for them at a desk."""
    evaluation = get_object_or_404(Evaluation, event__slug=slug, user=request.user)
    try:
        evaluations.withdraw_evaluation(evaluation=evaluation, by_user=request.user)
    except EvaluationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The evaluation recorded for you has been withdrawn."))
    return redirect(f"{reverse('me')}#evaluations-given-title")


# --- The staff desk ------------------------------------------------------------------------------------------


def _open_attendees(event, staff_user, query="", limit=ASSIST_LIST_LIMIT):
    """Attendees of `event` who have not evaluated it and whom `staff_user` may serve at a desk, optionally
    matching `query` by name."""
    registrations = (
        attendance.attending_registrations(event)
        .exclude(Exists(Evaluation.objects.filter(event=event, user=OuterRef("user"))))
        .filter(user__in=residents.assistable_residents(staff_user))
    )
    if query:
        from ..selectors.registrations import search_registrations

        matching = {r.pk for r in search_registrations(event=event, query=query, limit=limit)}
        registrations = registrations.filter(pk__in=matching)
    registrations = registrations.select_related("user__profile").order_by("user__username")
    return [r.user for r in (registrations[:limit] if limit else registrations)]


@login_required
def assist(request, slug):
    """Organizer staff record the evaluation of a resident who asks for help (and agrees to it)."""
    event = _managed_event(request, slug)
    query = request.GET.get("q", "").strip()[:100]
    # A POST may name any open attendee, whatever search listed them.
    if request.method == "POST":
        attendees = _open_attendees(event, request.user, limit=None)
    else:
        attendees = _open_attendees(event, request.user, query)
    form = AssistedEvaluationForm(request.POST or None, attendees=attendees)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        resident = next(user for user in attendees if user.pk == data["resident"])
        try:
            evaluations.submit_evaluation(
                user=resident,
                event=event,
                comment=data["comment"],
                suggestion=data["suggestion"],
                anonymous=data["anonymous"],
                assisted_by=request.user,
                consent_noted=data["consent"],
                **_ratings(data),
            )
        except EvaluationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("The evaluation of %(name)s has been recorded.") % {"name": resident.public_name}
            )
            return redirect("events:evaluation-assist", slug=event.slug)
    return render(
        request,
        "events/evaluations/assist.html",
        {"event": event, "form": form, "query": query, "attendees": attendees},
    )


# --- Charts ------------------------------------------------------------------------------------------------------


@dataclass
class Bar:
    label: str
    text: str
    label_y: int
    bar_y: int
    width: int
    text_x: int


@dataclass
class Chart:
    id: str
    title: str
    description: str
    bars: list
    height: int
    width: int = 360
    bar_x: int = 0
    bar_height: int = 18


ROW = 46
BAR_AREA = 250  # the rest of the width holds the value text


def bar_chart(*, id, title, description, rows, maximum):
    """A horizontal bar chart: `rows` are (label, value, text); each bar's label above it, its value after it."""
    bars = []
    for index, (label, value, text) in enumerate(rows):
        top = index * ROW
        width = round(BAR_AREA * value / maximum) if maximum else 0
        bars.append(Bar(label=label, text=text, label_y=top + 16, bar_y=top + 22, width=width, text_x=width + 6))
    return Chart(id=id, title=title, description=description, bars=bars, height=max(len(rows) * ROW, ROW))


def _percent(part, whole):
    return f"{round(100 * part / whole)}%" if whole else "–"


def distribution_chart(dimension):
    total = sum(count for _score, count in dimension.distribution)
    rows = [
        (
            _("%(score)d of 5") % {"score": score},
            count,
            f"{count} ({_percent(count, total)})",
        )
        for score, count in reversed(dimension.distribution)
    ]
    return bar_chart(
        id=f"chart-{dimension.key}",
        title=_("%(dimension)s: how many gave each mark") % {"dimension": dimension.label},
        description=_("Average %(average)s of 5 from %(count)d answers. %(rows)s")
        % {
            "average": number_format(dimension.average, 1),
            "count": total,
            "rows": "; ".join(f"{label}: {text}" for label, _value, text in rows),
        },
        rows=rows,
        maximum=dimension.largest,
    )


def trend_chart(*, id, title, trend_rows):
    """Overall average (mean of the four ratings) per month or category, only for rows with enough answers."""
    rows = [
        (row.label, row.summary.overall, f"{number_format(row.summary.overall, 1)} / 5")
        for row in trend_rows
        if row.summary.overall is not None
    ]
    if not rows:
        return None
    return bar_chart(
        id=id,
        title=title,
        description="; ".join(f"{label}: {text}" for label, _value, text in rows),
        rows=rows,
        maximum=5,
    )


# --- Reports ---------------------------------------------------------------------------------------------------


@login_required
def event_feedback(request, slug):
    event = _managed_event(request, slug)
    report = feedback.event_report(event=event)
    charts = [distribution_chart(d) for d in report.summary.dimensions if d.distribution is not None]
    return render(request, "events/evaluations/event_report.html", {"event": event, "report": report, "charts": charts})


@login_required
def event_feedback_csv(request, slug):
    event = _managed_event(request, slug)
    return csv_response(feedback.csv_rows(Event.objects.filter(pk=event.pk)), f"feedback-{event.slug}.csv")


def _overview_filters(request):
    if not is_organizer_staff(request.user):
        raise PermissionDenied
    form = FeedbackFilterForm(request.GET or None, organizers=managed_organizers(request.user))
    events = feedback.report_events(user=request.user, **form.filters())
    return form, events


@login_required
def feedback_overview(request):
    form, events = _overview_filters(request)
    report = feedback.overview_report(events=events)
    charts = [
        chart
        for chart in (
            trend_chart(id="chart-months", title=_("Average rating by month"), trend_rows=report.months),
            trend_chart(id="chart-categories", title=_("Average rating by category"), trend_rows=report.categories),
        )
        if chart is not None
    ]
    return render(
        request,
        "events/evaluations/overview.html",
        {"form": form, "report": report, "charts": charts, "query": request.GET.urlencode()},
    )


@login_required
def feedback_overview_csv(request):
    _form, events = _overview_filters(request)
    return csv_response(feedback.csv_rows(events), "feedback.csv")


@login_required
@require_POST
def propose_suggestion(request, slug, pk):
    event = _managed_event(request, slug)
    evaluation = get_object_or_404(Evaluation, pk=pk, event=event)
    try:
        proposal = evaluations.propose_from_suggestion(evaluation=evaluation, by_user=request.user)
    except EvaluationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("The suggestion is now proposal no. %(number)d, waiting for review.") % {"number": proposal.pk},
        )
    return redirect(f"{reverse('events:feedback', args=[event.slug])}#suggestions")


# Included first by events/urls.py: /events/feedback/ must win over an event whose slug is "feedback".
