"""No-shows: marking them after an event and the penalty for residents who often do not come."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.scoping import is_organizer_staff

from ..errors import RegistrationError
from ..models import Event, NoShowPenalty, Registration
from . import notifications
from .registrations import lock_event

Status = Registration.Status
# No-shows are marked for events that ended within this many days (the beat task runs hourly).
NO_SHOW_LOOKBACK_DAYS = 7


@transaction.atomic
def mark_no_shows(*, event, notify=True):
    """Mark confirmed registrations never checked in as no-shows once `event` has ended; returns how many.

    Only for events that used check-in (at least one person checked in): without it nobody can tell who
    came. Cancelled registrations are never no-shows. Idempotent. Residents who reach the no-show limit
    get a penalty (see apply_no_show_policy).
    """
    event = lock_event(event.pk)
    if event.status != Event.Status.PUBLISHED or event.end > timezone.now():
        return 0
    registrations = event.registrations.filter(status=Status.CONFIRMED)
    if not registrations.filter(checked_in_at__isnull=False).exists():
        return 0
    missed = registrations.filter(checked_in_at__isnull=True, no_show=False)
    user_ids = list(missed.values_list("user_id", flat=True))
    count = missed.update(no_show=True)
    if settings.EVENTS_NO_SHOW_POLICY:
        for user_id in user_ids:
            apply_no_show_policy(user_id=user_id, notify=notify)
    return count


def apply_no_show_policy(*, user_id, notify=True):
    """Start a penalty when the resident has EVENTS_NO_SHOW_LIMIT no-shows within EVENTS_NO_SHOW_PERIOD_DAYS.

    No-shows at events that ended before the resident's latest penalty (even a waived one) are not
    counted again, so a waiver really clears the slate and calling this twice changes nothing. Returns
    the new penalty or None.
    """
    now = timezone.now()
    since = now - timedelta(days=settings.EVENTS_NO_SHOW_PERIOD_DAYS)
    latest = NoShowPenalty.objects.filter(user_id=user_id).order_by("-created_at").first()
    if latest is not None:
        if latest.in_force:
            return None
        since = max(since, latest.created_at)
    missed = list(
        Registration.objects.filter(user_id=user_id, no_show=True, event__end__gt=since, event__end__lte=now)
        .select_related("event")
        .order_by("event__start")
    )
    if len(missed) < settings.EVENTS_NO_SHOW_LIMIT:
        return None
    penalty = NoShowPenalty.objects.create(
        user_id=user_id,
        until=now + timedelta(days=settings.EVENTS_NO_SHOW_PENALTY_DAYS),
        no_shows=len(missed),
        reason="\n".join(f"{timezone.localdate(r.event.start):%Y-%m-%d} {r.event.title}" for r in missed),
    )
    if notify:
        notifications.send_no_show_penalty(penalty)
    return penalty


@transaction.atomic
def waive_no_show_penalty(*, user, by_user):
    """Lift every penalty in force for `user`; returns how many. Any organizer staff may (a resident may
    explain a missed event at any center); others are refused with "forbidden"."""
    if not is_organizer_staff(by_user):
        raise RegistrationError.forbidden()
    return NoShowPenalty.objects.filter(user=user, waived_at__isnull=True, until__gt=timezone.now()).update(
        waived_at=timezone.now(), waived_by=by_user
    )


def mark_past_no_shows(*, now=None):
    """Mark the no-shows of events that ended in the last week and used check-in; returns how many."""
    now = now or timezone.now()
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
    return sum(mark_no_shows(event=event) for event in events)
