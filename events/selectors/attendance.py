"""Who attended an event: checked in, or confirmed where the event used no check-in; never a no-show."""

from django.db.models import Exists, OuterRef, Q

from ..models import (
    Event,
    Registration,
)

# --- Attendance -------------------------------------------------------------------------------------------


def attending_registrations(event):
    """The registrations that count as attendance at `event` (see the module docstring); one per person."""
    if event.status != Event.Status.PUBLISHED:
        return Registration.objects.none()
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED, no_show=False)
    checked_in = confirmed.filter(checked_in_at__isnull=False)
    return checked_in if checked_in.exists() else confirmed


def attendance_q(prefix=""):
    """A Q on Registration (or, with `prefix`, on a model reaching it) selecting attendance at ended events.

    Written without per-event queries so lists (/me/, invitations) stay one query: a registration counts
    when it was checked in, or when it is confirmed and no registration of its event was checked in.
    """
    checked_in_somewhere = Registration.objects.filter(
        event=OuterRef(f"{prefix}event"), status=Registration.Status.CONFIRMED, checked_in_at__isnull=False
    )
    return Q(
        **{
            f"{prefix}status": Registration.Status.CONFIRMED,
            f"{prefix}no_show": False,
            f"{prefix}event__status": Event.Status.PUBLISHED,
        }
    ) & (Q(**{f"{prefix}checked_in_at__isnull": False}) | ~Exists(checked_in_somewhere))


def is_attendee(*, user, event):
    if not user.is_authenticated:
        return False
    return attending_registrations(event).filter(user=user).exists()
