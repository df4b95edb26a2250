"""Every business action on events and registrations. Views, admin, API, tasks and the demo call these.

All functions are keyword-only and atomic, and refuse with `RegistrationError`: a ValidationError
carrying a translated, user-facing message and a stable `code` (the API maps codes to status codes).
Seats are counted only while the event row is locked (`lock_event`), so two people never get the
last seat; the unique constraint on active registrations is the last line.

Codes: email_unverified, forbidden, not_published, cancelled, not_open_yet, closed, past, party_size,
already_registered, no_show_penalty, full, consent_required, already_cancelled, too_late, not_found, wrong_event,
waitlisted, already_checked_in, invalid.
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import locking, residents
from portal.accounts import has_verified_email
from portal.scoping import can_manage

from ..errors import RegistrationError
from ..formatting import local_text
from ..models import Event, NoShowPenalty, Registration
from . import notifications

Status = Registration.Status


def lock_event(event_id):
    """Lock the event row until the transaction ends and return it fresh; every seat count happens under it.

    portal.locking: refused outside a transaction, and `Busy` when the row is held too long.
    """
    return locking.lock(Event, event_id)


# --- Registration --------------------------------------------------------------------------------------


def is_in_demand(event):
    """Whether a resident under a no-show penalty is kept out of `event`.

    In demand = the number of seats is limited and either somebody is on the waiting list or fewer than
    EVENTS_IN_DEMAND_SEATS_SHARE (20 %) of the seats are left. Call under the event lock.
    """
    if event.capacity is None:
        return False
    if event.registrations.filter(status=Status.WAITLISTED).exists():
        return True
    return event.seats_left < event.capacity * settings.EVENTS_IN_DEMAND_SEATS_SHARE


@transaction.atomic
def register(*, user, event, party_size=1, assisted_by=None, consent_noted=False, notify=True):
    """Register `user` (and `party_size - 1` companions) for `event`; returns the Registration.

    Confirmed when enough seats are left, waitlisted when not and the waiting list has room, refused
    otherwise. Refuses: an address not yet verified ("email_unverified"; not asked when organizer staff
    register a resident at the counter, `assisted_by`, because they know the person), an event that is
    not published ("not_published"), cancelled ("cancelled"), over ("past"), whose registration has not
    opened ("not_open_yet") or has closed ("closed", by default at the start); a party outside
    1..max_party_size ("party_size"); a second active registration ("already_registered"); a resident
    under a no-show penalty for an event in demand ("no_show_penalty"); a full event without room on
    the waiting list ("full"). `assisted_by` must manage the event's organizer and may serve the
    resident at a desk (portal.residents.may_assist) ("forbidden"), and say that the resident agreed
    (`consent_noted`, else "consent_required"; stored on the row with `registered_by`); the assisted
    registration is on the audit record and the resident is told. `notify=False` (demo, bulk imports)
    writes no confirmation email; a resident without an address gets none either (the ticket is
    printed at the desk).
    """
    if assisted_by is not None and not can_manage(assisted_by, event):
        raise RegistrationError.forbidden()
    if assisted_by is not None:
        residents.require_assist(assisted_by, user, RegistrationError)
    if assisted_by is not None and not consent_noted:
        raise RegistrationError(
            _("Tick the box to confirm that the resident agreed to this registration."), "consent_required"
        )
    if assisted_by is None and not has_verified_email(user):
        raise RegistrationError(
            _("Please confirm your email address before registering: we send your ticket there."), "email_unverified"
        )
    event = lock_event(event.pk)
    closed = event.window_closed()
    if closed:
        code, message = closed
        raise RegistrationError(str(message), code)
    if not 1 <= party_size <= event.party_size_limit:
        raise RegistrationError(
            _("You can register between 1 and %(max)d people for this event.") % {"max": event.party_size_limit},
            "party_size",
        )
    if Registration.objects.filter(user=user, event=event, status__in=Registration.ACTIVE).exists():
        raise _already_registered()
    if settings.EVENTS_NO_SHOW_POLICY and is_in_demand(event):
        penalty = NoShowPenalty.in_force_for(user)
        if penalty is not None:
            raise RegistrationError(
                _(
                    "You did not come to %(count)d events you had booked without cancelling, so until %(date)s "
                    "you cannot book events that are nearly full. Events with free places are still open to "
                    "you, and staff at any cultural center can lift this if there was a good reason."
                )
                % {"count": penalty.no_shows, "date": local_text(penalty.until, "DATE_FORMAT")},
                "no_show_penalty",
            )
    seats_left = event.seats_left
    if seats_left is None or seats_left >= party_size:
        status = Status.CONFIRMED
    elif event.waitlist_has_room:
        status = Status.WAITLISTED
    else:
        raise RegistrationError(_("Sorry, this event is full."), "full")
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                user=user,
                event=event,
                party_size=party_size,
                status=status,
                assisted=assisted_by is not None,
                registered_by=assisted_by,
                consent_noted=assisted_by is not None and consent_noted,
            )
    except IntegrityError as exc:
        raise _already_registered() from exc
    if assisted_by is not None:
        residents.record_assisted(
            staff=assisted_by,
            resident=user,
            organizer=event.organizer,
            kind=residents.AssistedAction.Kind.REGISTRATION,
            target=registration,
            consent_noted=consent_noted,
            what=lambda: _("a registration for “%(title)s”") % {"title": event.title},
            withdraw_path="/me/#tickets-title",
        )
    if notify:
        if status == Status.CONFIRMED:
            notifications.send_confirmation(registration)
        else:
            notifications.send_waitlisted(registration)
    return registration


def _already_registered():
    return RegistrationError(_("You are already registered for this event."), "already_registered")


@transaction.atomic
def cancel_registration(*, registration, by_user):
    """Give back a registration; returns it, cancelled. Freed seats go to the waiting list at once.

    The resident cancels their own registration: a confirmed place until the cancellation deadline
    (by default the start; later refused with "too_late"), a waiting-list place until the event ends.
    Organizer staff of the event may cancel any registration at any time. Others: "forbidden"; an
    already cancelled registration: "already_cancelled". Cancelling in time is never a no-show.
    """
    is_owner = by_user.pk == registration.user_id
    if not is_owner and not can_manage(by_user, registration.event):
        raise RegistrationError.forbidden()
    event = lock_event(registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Status.CANCELLED:
        raise RegistrationError(_("This registration is already cancelled."), "already_cancelled")
    now = timezone.now()
    if is_owner and not can_manage(by_user, event):
        refusal = _owner_cancel_refusal(registration, event, now)
        if refusal is not None:
            raise refusal
    was_confirmed = registration.status == Status.CONFIRMED
    registration.status = Status.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])
    if was_confirmed:
        promote_waitlisted(event)
    return registration


def _owner_cancel_refusal(registration, event, now):
    if registration.checked_in_at is not None:
        return RegistrationError(
            _("This ticket was used at the door, so it can no longer be given back. Please contact the organizer."),
            "checked_in",
        )
    if registration.status == Status.CONFIRMED and now >= event.cancellation_deadline_at:
        return RegistrationError(
            _("Places for this event could be given back until %(date)s. Please contact the organizer.")
            % {"date": local_text(event.cancellation_deadline_at)},
            "too_late",
        )
    if event.end <= now:
        return RegistrationError(_("This event is over."), "past")
    return None


def can_cancel(*, registration, by_user):
    """Whether cancel_registration would accept `by_user` cancelling `registration` now (for showing the button).

    Reads without locking: the answer may be stale a moment later, cancel_registration decides.
    """
    if registration.status == Status.CANCELLED:
        return False
    if can_manage(by_user, registration.event):
        return True
    if by_user.pk != registration.user_id:
        return False
    return _owner_cancel_refusal(registration, registration.event, timezone.now()) is None


def promote_waitlisted(event, notify=True):
    """Give free seats to the waiting list (under the event lock); returns the promoted registrations, each notified.

    Order is first come, first served (created_at, then id). A party larger than the seats left keeps
    its place and is skipped for now, so a smaller party behind it may take the seats: places never stay
    empty while someone who fits is waiting, and the larger party is first in line for the next ones.
    Nothing is promoted once registration has closed or for a cancelled or unpublished event.
    """
    if event.window_closed() is not None:
        return []
    seats_left = event.seats_left
    promoted = []
    for registration in (
        event.registrations.select_for_update().filter(status=Status.WAITLISTED).order_by("created_at", "id")
    ):
        if seats_left is not None and registration.party_size > seats_left:
            continue
        registration.status = Status.CONFIRMED
        registration.promoted_at = timezone.now()
        registration.save(update_fields=["status", "promoted_at"])
        if notify:
            notifications.send_promoted(registration)
        promoted.append(registration)
        if seats_left is not None:
            seats_left -= registration.party_size
            if seats_left == 0:
                break
    return promoted
