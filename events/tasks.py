"""Celery tasks of the events app: they take ids, re-read the state and may run twice without harm."""

from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from portal import media

REMINDER_HOURS = 24
# No-shows are marked for events that ended within this many days (the beat task runs hourly).
NO_SHOW_LOOKBACK_DAYS = 7


@shared_task(ignore_result=True)
def send_event_reminders():
    """Beat, hourly: every confirmed registration for a published event starting within 24 hours gets one
    reminder (when the resident wants reminders). `reminded_at` is set either way, so nothing is sent twice."""
    from . import notifications
    from .models import Event, Registration

    now = timezone.now()
    due = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminded_at__isnull=True,
        event__status=Event.Status.PUBLISHED,
        event__start__gt=now,
        event__start__lte=now + timedelta(hours=REMINDER_HOURS),
    ).values_list("pk", flat=True)
    sent = 0
    for registration_id in list(due):
        with transaction.atomic():
            registration = (
                # of=("self",): PostgreSQL cannot lock the nullable side of the venue/profile outer joins.
                Registration.objects.select_for_update(of=("self",))
                .select_related("event__venue", "user__profile")
                .filter(pk=registration_id, reminded_at__isnull=True, status=Registration.Status.CONFIRMED)
                .first()
            )
            if registration is None:
                continue
            if notifications.send_reminder(registration) is not None:
                sent += 1
            registration.reminded_at = timezone.now()
            registration.save(update_fields=["reminded_at"])
    return sent


@shared_task(ignore_result=True)
def mark_past_no_shows():
    """Beat, hourly: mark no-shows of events that ended in the last week and used check-in."""
    from . import services
    from .models import Event, Registration

    now = timezone.now()
    events = (
        Event.objects.filter(
            status=Event.Status.PUBLISHED,
            end__lte=now,
            end__gt=now - timedelta(days=NO_SHOW_LOOKBACK_DAYS),
            registrations__checked_in_at__isnull=False,
        )
        .filter(
            pk__in=Registration.objects.filter(
                status=Registration.Status.CONFIRMED, checked_in_at__isnull=True, no_show=False
            ).values("event_id")
        )
        .distinct()
    )
    return sum(services.mark_no_shows(event=event) for event in events)


@shared_task(acks_late=True, ignore_result=True)
def make_event_thumbnail(event_id):
    """The old name of portal.media.make_thumbnail for an event, kept for messages queued before a deploy."""
    return media.make_thumbnail("events", "event", event_id, "image", "image_thumbnail")


# --- Participation ------------------------------------------------------------------------------------


@shared_task(ignore_result=True)
def close_voting_rounds():
    """Beat, hourly: close the voting rounds that have ended (proposals ranked by votes) and move planned
    proposals whose event has taken place to `held`. Idempotent: closed rounds and held proposals stay so."""
    from . import participation

    closed = participation.close_due_rounds()
    held = participation.mark_held_proposals()
    return {"rounds_closed": closed, "proposals_held": held}


# --- Evaluations --------------------------------------------------------------------------------------


@shared_task(ignore_result=True)
def send_evaluation_invitations():
    """Beat, hourly: invite attendees of events that ended (within the evaluation window) to evaluate them.
    Idempotent: an EvaluationInvitation row per person and event means nobody is invited twice."""
    from . import evaluations

    return evaluations.invite_attendees()


@shared_task(ignore_result=True)
def send_organizer_feedback_digests():
    """Beat, weekly (Monday morning): each organizer's staff get last week's new evaluations and top
    suggestions. Idempotent per organizer and week (a FeedbackDigest row)."""
    from . import evaluations

    return evaluations.send_feedback_digests()
