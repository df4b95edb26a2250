"""Celery tasks of the events app: they take ids, re-read the state and may run twice without harm."""

from celery import shared_task

from portal import media


@shared_task(ignore_result=True)
def send_event_reminders():
    """Beat, hourly: the reminders due (events.services.reminders)."""
    from .services import reminders

    return reminders.send_due_reminders()


@shared_task(ignore_result=True)
def mark_past_no_shows():
    """Beat, hourly: mark no-shows of events that ended in the last week and used check-in."""
    from .services import no_shows

    return no_shows.mark_past_no_shows()


@shared_task(acks_late=True, ignore_result=True)
def make_event_thumbnail(event_id):
    """The old name of portal.media.make_thumbnail for an event, kept for messages queued before a deploy."""
    return media.make_thumbnail("events", "event", event_id, "image", "image_thumbnail")


# --- Participation ------------------------------------------------------------------------------------


@shared_task(ignore_result=True)
def close_voting_rounds():
    """Beat, hourly: close the voting rounds that have ended (proposals ranked by votes) and move planned
    proposals whose event has taken place to `held`. Idempotent: closed rounds and held proposals stay so."""
    from .services import proposals, votes

    closed = votes.close_due_rounds()
    held = proposals.mark_held_proposals()
    return {"rounds_closed": closed, "proposals_held": held}


# --- Evaluations --------------------------------------------------------------------------------------


@shared_task(ignore_result=True)
def send_evaluation_invitations():
    """Beat, hourly: invite attendees of events that ended (within the evaluation window) to evaluate them.
    Idempotent: an EvaluationInvitation row per person and event means nobody is invited twice."""
    from .services import evaluations

    return evaluations.invite_attendees()


@shared_task(ignore_result=True)
def send_organizer_feedback_digests():
    """Beat, weekly (Monday morning): each organizer's staff get last week's new evaluations and top
    suggestions. Idempotent per organizer and week (a FeedbackDigest row)."""
    from .services import evaluations

    return evaluations.send_feedback_digests()
