"""Every business action on evaluations: who may evaluate, submitting (also at the staff desk), comment
moderation, turning a suggestion into a proposal, invitations and the organizers' weekly digest.

Views, admin, API, tasks and the demo call these. All functions are keyword-only and atomic, and refuse
with `EvaluationError`: a ValidationError carrying a translated, user-facing message and a stable `code`
(the API's status for each code is in the error's `status_by_code`).

Who attended: a confirmed registration of a published event that has been held; when the event used
check-in (at least one registration was checked in) only the checked-in registrations count, since
staff then know who came; without check-in every confirmed registration counts. A registration marked
as a no-show never counts. Attendance is asked
first, so a non-attendee hears "you did not attend" whatever the timing.

Codes: forbidden, not_attendee, already_evaluated, not_ended, window_closed, invalid, consent_required,
no_comment, no_suggestion, already_proposed, not_assisted.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from portal import residents
from portal.notify import wants_mail
from portal.roles import is_moderator
from portal.scoping import can_manage

from ..errors import EvaluationError
from ..formatting import local_text
from ..models import (
    Evaluation,
    EvaluationInvitation,
    FeedbackDigest,
    Proposal,
    ProposalStatusChange,
    Registration,
)
from ..selectors.attendance import attendance_q, is_attendee


def window_days():
    return settings.EVENTS_EVALUATION_WINDOW_DAYS


def window_closes(event):
    """The moment after which `event` can no longer be evaluated."""
    return event.end + timedelta(days=window_days())


def evaluation_refusal(*, user, event, now=None):
    """Why `user` cannot evaluate `event` now (an EvaluationError, not raised), or None when they can.

    In this order: not an attendee ("not_attendee"), already evaluated ("already_evaluated"), the event
    has not ended ("not_ended"), the window of EVENTS_EVALUATION_WINDOW_DAYS has closed ("window_closed").
    """
    now = now or timezone.now()
    if not is_attendee(user=user, event=event):
        return EvaluationError(
            _("Only people who attended this event can evaluate it. If you came, ask the staff to record it."),
            "not_attendee",
        )
    given = Evaluation.objects.filter(user=user, event=event).first()
    if given is not None:
        return EvaluationError(
            _("You have already evaluated this event on %(date)s. Thank you!")
            % {"date": local_text(given.created_at, "DATE_FORMAT")},
            "already_evaluated",
        )
    if event.end > now:
        return EvaluationError(
            _("You can evaluate this event once it has ended, on %(date)s.") % {"date": local_text(event.end)},
            "not_ended",
        )
    if now > window_closes(event):
        return EvaluationError(
            _("Evaluations for this event closed on %(date)s.") % {"date": local_text(window_closes(event))},
            "window_closed",
        )
    return None


def _clean_ratings(ratings):
    errors = []
    for name, value in ratings.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            errors.append(name)
    if errors:
        raise EvaluationError(_("Give every rating as a number from 1 to 5."), "invalid")


def _clean_text(value, label):
    value = (value or "").strip()
    if len(value) > Evaluation.TEXT_MAX:
        raise EvaluationError(
            _("%(field)s may have at most %(max)d characters.") % {"field": label, "max": Evaluation.TEXT_MAX},
            "invalid",
        )
    return value


# --- Submitting ---------------------------------------------------------------------------------------------


@transaction.atomic
def submit_evaluation(
    *,
    user,
    event,
    content,
    organisation,
    venue,
    recommend,
    comment="",
    suggestion="",
    anonymous=False,
    assisted_by=None,
    consent_noted=False,
    now=None,
):
    """`user` evaluates `event`: four ratings 1–5 and optional comment, suggestion and anonymity; returns it.

    Refuses (see evaluation_refusal) non-attendees, a second evaluation, an event not ended yet or a
    closed window; ratings outside 1..5 and overlong texts ("invalid"). Staff may record the answers of a
    resident who asked them to (`assisted_by`): they must manage the event's organizer ("forbidden") and
    note that the resident agreed ("consent_required"); the evaluation is marked assisted and counts once
    like any other; staff may only serve residents of their districts (portal.residents.may_assist), the
    evaluation is on the audit record, the resident is told and may withdraw it. `now` is the moment of
    answering (the demo replays past weeks); default the present.
    The unique constraint on (user, event) is the last line against parallel double submissions.
    """
    if assisted_by is not None:
        if not can_manage(assisted_by, event):
            raise EvaluationError.forbidden()
        residents.require_assist(assisted_by, user, EvaluationError)
        if not consent_noted:
            raise EvaluationError(
                _("Tick that the resident agreed to have their answers recorded by you."), "consent_required"
            )
    now = now or timezone.now()
    refusal = evaluation_refusal(user=user, event=event, now=now)
    if refusal is not None:
        raise refusal
    ratings = {"content": content, "organisation": organisation, "venue": venue, "recommend": recommend}
    _clean_ratings(ratings)
    comment = _clean_text(comment, _("The comment"))
    suggestion = _clean_text(suggestion, _("The suggestion"))
    try:
        with transaction.atomic():
            evaluation = Evaluation.objects.create(
                user=user,
                event=event,
                comment=comment,
                suggestion=suggestion,
                anonymous=bool(anonymous),
                assisted=assisted_by is not None,
                assisted_by=assisted_by,
                consent_noted=assisted_by is not None and bool(consent_noted),
                created_at=now,
                **ratings,
            )
    except IntegrityError as exc:
        raise EvaluationError(_("You have already evaluated this event. Thank you!"), "already_evaluated") from exc
    if assisted_by is not None:
        residents.record_assisted(
            staff=assisted_by,
            resident=user,
            organizer=event.organizer,
            kind=residents.AssistedAction.Kind.EVALUATION,
            target=evaluation,
            consent_noted=consent_noted,
            what=lambda: _("an evaluation of “%(title)s”") % {"title": event.title},
            withdraw_path="/me/#evaluations-given-title",
        )
    return evaluation


@transaction.atomic
def withdraw_evaluation(*, evaluation, by_user):
    """The resident deletes an evaluation that staff recorded for them at a desk (it was not theirs to give).

    Only the resident ("forbidden") and only an assisted evaluation ("not_assisted": what residents
    wrote themselves stays, like any answer). The audit record stays.
    """
    evaluation = Evaluation.objects.select_for_update().filter(pk=evaluation.pk).first()
    if evaluation is None or by_user is None or evaluation.user_id != by_user.pk:
        raise EvaluationError.forbidden()
    if not evaluation.assisted:
        raise EvaluationError(_("Only an evaluation recorded for you at a desk can be withdrawn."), "not_assisted")
    evaluation.delete()


# --- Moderation of comments ----------------------------------------------------------------------------------


def may_moderate_all(user):
    """Moderators (and superusers) approve comments of every organizer's events."""
    return is_moderator(user)


def may_moderate(user, evaluation):
    """Moderators (everywhere) and the event organizer's staff approve comments for the public page."""
    return may_moderate_all(user) or can_manage(user, evaluation.event)


@transaction.atomic
def approve_comment(*, evaluation, by_user):
    """Show the evaluation's comment publicly (on the proposal's page); returns it. Idempotent.

    Refuses users who are neither moderators nor staff of the event's organizer ("forbidden") and an
    evaluation without a comment ("no_comment").
    """
    evaluation = Evaluation.objects.select_for_update(of=("self",)).select_related("event").get(pk=evaluation.pk)
    if not may_moderate(by_user, evaluation):
        raise EvaluationError.forbidden()
    if not evaluation.comment:
        raise EvaluationError(_("This evaluation has no comment to approve."), "no_comment")
    if not evaluation.comment_approved:
        evaluation.comment_approved = True
        evaluation.comment_approved_at = timezone.now()
        evaluation.comment_approved_by = by_user
        evaluation.save(update_fields=["comment_approved", "comment_approved_at", "comment_approved_by"])
    return evaluation


@transaction.atomic
def unapprove_comment(*, evaluation, by_user):
    """Take an approved comment off the public page again; returns the evaluation. Idempotent."""
    evaluation = Evaluation.objects.select_for_update(of=("self",)).select_related("event").get(pk=evaluation.pk)
    if not may_moderate(by_user, evaluation):
        raise EvaluationError.forbidden()
    if evaluation.comment_approved:
        evaluation.comment_approved = False
        evaluation.comment_approved_at = None
        evaluation.comment_approved_by = None
        evaluation.save(update_fields=["comment_approved", "comment_approved_at", "comment_approved_by"])
    return evaluation


# --- Closing the loop: a suggestion becomes a proposal ---------------------------------------------------------


@transaction.atomic
def propose_from_suggestion(*, evaluation, by_user):
    """Organizer staff turn a resident's suggestion into a proposal (status `submitted`) for the next round.

    The proposer is the staff member (the resident asked for nothing public, may have answered
    anonymously, and is never named); the proposal's text quotes the suggestion and names the event, its
    first timeline entry says where it came from, and the evaluation keeps a link to it. Refuses anybody
    but staff of the event's organizer ("forbidden"), an evaluation without a suggestion ("no_suggestion")
    and one already turned into a proposal ("already_proposed"). Returns the proposal.
    """
    evaluation = Evaluation.objects.select_for_update(of=("self",)).select_related("event__venue").get(pk=evaluation.pk)
    event = evaluation.event
    if not can_manage(by_user, event):
        raise EvaluationError.forbidden()
    if not evaluation.suggestion:
        raise EvaluationError(_("This evaluation has no suggestion."), "no_suggestion")
    if evaluation.suggestion_proposal_id is not None:
        raise EvaluationError(_("This suggestion has already become a proposal."), "already_proposed")
    from .proposals import current_language, language_field

    language = current_language()
    title = Truncator(evaluation.suggestion.splitlines()[0]).chars(Proposal.TITLE_MAX)
    origin = _("Suggested by a participant of “%(title)s” (%(date)s).") % {
        "title": event.title,
        "date": local_text(event.start, "DATE_FORMAT"),
    }
    proposal = Proposal(
        proposer=by_user,
        language=language,
        category=event.category,
        for_children=event.for_children,
        for_teens=event.for_teens,
        for_adults=event.for_adults,
        for_seniors=event.for_seniors,
        district=event.venue.district if event.venue_id else None,
        venue=event.venue,
        status=Proposal.Status.SUBMITTED,
    )
    setattr(proposal, language_field("title", language), title)
    description = f"<p>{_escape(evaluation.suggestion)}</p><p>{_escape(origin)}</p>"
    setattr(proposal, language_field("description", language), description)
    proposal.save()
    ProposalStatusChange.objects.create(
        proposal=proposal,
        from_status="",
        to_status=Proposal.Status.SUBMITTED,
        actor=by_user,
        note=_("From an evaluation of “%(title)s”.") % {"title": event.title},
    )
    evaluation.suggestion_proposal = proposal
    evaluation.save(update_fields=["suggestion_proposal"])
    return proposal


def _escape(text):
    from django.utils.html import escape

    return escape(text).replace("\n", "<br>")


# --- Invitations -------------------------------------------------------------------------------------------------


def invite_attendees(*, now=None):
    """Invite every attendee of events that ended within the window and who was not invited yet; returns
    how many were emailed. Each invitation is one EvaluationInvitation row (unique per person and event),
    written with its email in one transaction, so nobody is invited twice even when two runs overlap.
    Residents who chose "never" get a row and no mail; those who already evaluated are not written to.
    """
    from . import notifications

    now = now or timezone.now()
    invited = EvaluationInvitation.objects.filter(user=OuterRef("user"), event=OuterRef("event"))
    due = (
        Registration.objects.filter(
            attendance_q(),
            event__end__lte=now,
            event__end__gt=now - timedelta(days=window_days()),
        )
        .exclude(Exists(invited))
        .values_list("pk", flat=True)
    )
    emailed = 0
    for registration_id in list(due):
        registration = Registration.objects.select_related("event__venue", "user__profile").get(pk=registration_id)
        user, event = registration.user, registration.event
        with transaction.atomic():
            try:
                with transaction.atomic():
                    invitation = EvaluationInvitation.objects.create(user=user, event=event, created_at=now)
            except IntegrityError:
                continue  # another run invited them meanwhile
            if Evaluation.objects.filter(user=user, event=event).exists() or not wants_mail(user):
                continue
            notifications.send_evaluation_invitation(user=user, event=event, closes=window_closes(event))
            invitation.emailed = True
            invitation.save(update_fields=["emailed"])
            emailed += 1
    return emailed


# --- The organizers' weekly digest ------------------------------------------------------------------------------


@dataclass
class DigestWeek:
    start: datetime
    end: datetime

    @property
    def first_day(self):
        return timezone.localtime(self.start).date()


def last_week(now=None):
    """The last full week (Monday 00:00 to Monday 00:00, local time) before `now`."""
    today = timezone.localtime(now or timezone.now()).date()
    monday = today - timedelta(days=today.weekday())
    zone = timezone.get_current_timezone()
    end = timezone.make_aware(datetime.combine(monday, time.min), zone)
    return DigestWeek(start=end - timedelta(days=7), end=end)


def send_feedback_digests(*, now=None):
    """Email each organizer's staff the evaluations given last week and the top suggestions; returns how many
    organizers got one. Idempotent per organizer and week: a FeedbackDigest row is written with the mails,
    in one transaction, and an organizer without new evaluations that week gets nothing."""
    from portal.models import Organizer

    from ..selectors import feedback
    from . import notifications

    week = last_week(now)
    organizers = (
        Organizer.objects.filter(
            events__evaluations__created_at__gte=week.start, events__evaluations__created_at__lt=week.end
        )
        .exclude(feedback_digests__week_start=week.first_day)
        .distinct()
        .order_by("pk")
    )
    sent = 0
    for organizer in organizers:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    digest = FeedbackDigest.objects.create(organizer=organizer, week_start=week.first_day)
            except IntegrityError:
                continue
            data = feedback.weekly_digest(organizer=organizer, start=week.start, end=week.end)
            recipients = [user for user in organizer.staff.select_related("profile") if wants_mail(user)]
            for user in recipients:
                notifications.send_feedback_digest(user=user, organizer=organizer, week=week, data=data)
            digest.evaluations = data.answers
            digest.recipients = len(recipients)
            digest.save(update_fields=["evaluations", "recipients"])
            sent += 1
    return sent
