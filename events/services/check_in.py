"""Checking a ticket in at the door."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.scoping import can_manage, is_organizer_staff

from ..errors import RegistrationError
from ..formatting import local_text
from ..models import Event, Registration

Status = Registration.Status


# --- Check-in and no-shows ------------------------------------------------------------------------------


@transaction.atomic
def check_in(*, code, by_user, event=None):
    """Check in the ticket `code` at the door; returns the Registration.

    Only organizer staff check in, and only tickets of their own organizers: others are refused with
    "forbidden"; an unknown code or another organizer's ticket is "not_found" (nothing leaks). Refused
    too: a ticket for another event than `event` when given ("wrong_event"), a cancelled ticket or an
    event cancelled ("cancelled", with the reason), a waiting-list ticket ("waitlisted"), a ticket used
    before ("already_checked_in", with the local time), and any ticket outside the door's hours: before
    EVENTS_CHECK_IN_OPENS_HOURS ahead of the start ("too_early") or once the event has ended ("over").
    """
    if not is_organizer_staff(by_user):
        raise RegistrationError.forbidden()
    code = (code or "").strip()
    registration = (
        # of=("self",): lock the ticket only, not the event row that registrations wait on.
        Registration.objects.select_for_update(of=("self",))
        .select_related("event", "user")
        .filter(ticket_code=code)
        .first()
        if code
        else None
    )
    if registration is None or not can_manage(by_user, registration.event):
        raise RegistrationError(_("No ticket with this code was found."), "not_found")
    if event is not None and registration.event_id != event.pk:
        raise RegistrationError(
            _("This ticket is for another event: %(title)s.") % {"title": registration.event.title}, "wrong_event"
        )
    if registration.event.status == Event.Status.CANCELLED:
        raise RegistrationError(
            _("This event was cancelled: %(reason)s") % {"reason": registration.event.cancellation_reason},
            "cancelled",
        )
    if registration.status == Status.CANCELLED:
        raise RegistrationError(
            _("This ticket was cancelled on %(date)s.") % {"date": local_text(registration.cancelled_at)}, "cancelled"
        )
    if registration.status == Status.WAITLISTED:
        raise RegistrationError(_("This ticket is on the waiting list and has no seat yet."), "waitlisted")
    if registration.checked_in_at is not None:
        raise RegistrationError(
            _("Already checked in at %(time)s.") % {"time": local_text(registration.checked_in_at, "H:i")},
            "already_checked_in",
        )
    now = timezone.now()
    opens = registration.event.check_in_opens_at
    if now < opens:
        raise RegistrationError(_("Check-in opens at %(time)s.") % {"time": local_text(opens)}, "too_early")
    if now >= registration.event.end:
        raise RegistrationError(_("This event is over: check-in has closed."), "over")
    registration.checked_in_at = now
    registration.checked_in_by = by_user
    registration.no_show = False
    registration.save(update_fields=["checked_in_at", "checked_in_by", "no_show"])
    return registration
