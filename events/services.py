"""Every business action on events and registrations. Views, admin, API, tasks and the demo call these.

All functions are keyword-only and atomic, and refuse with `RegistrationError`: a ValidationError
carrying a translated, user-facing message and a stable `code` (the API maps codes to status codes).
Seats are counted only while the event row is locked (`lock_event`), so two people never get the
last seat; the unique constraint on active registrations is the last line.

Codes: email_unverified, forbidden, not_published, cancelled, not_open_yet, closed, past, party_size,
already_registered, no_show_penalty, full, consent_required, already_cancelled, too_late, not_found, wrong_event,
waitlisted, already_checked_in, invalid.
"""

import copy
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from portal import locking, residents
from portal.accounts import has_verified_email
from portal.errors import ServiceError
from portal.scoping import can_manage, is_organizer_staff

from . import notifications
from .models import Event, EventSeries, NoShowPenalty, Registration

Status = Registration.Status


class RegistrationError(ServiceError):
    """A refused event action: `message` is shown to the person as is, `code` is for programs."""

    status_by_code = {
        **ServiceError.status_by_code,
        "already_registered": 409,
        "already_checked_in": 409,
        "checked_in": 409,
        "already_cancelled": 409,
    }


def _forbidden():
    return RegistrationError(_("You are not allowed to do this for this event."), "forbidden")


def _local(value, fmt="DATETIME_FORMAT"):
    return formats.date_format(timezone.localtime(value), fmt)


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
        raise _forbidden()
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
                % {"count": penalty.no_shows, "date": _local(penalty.until, "DATE_FORMAT")},
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
        raise _forbidden()
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
        _promote(event)
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
            % {"date": _local(event.cancellation_deadline_at)},
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


@transaction.atomic
def promote_waitlist(*, event, notify=True):
    """Give free seats to the waiting list; returns the promoted registrations, each notified.

    Order is first come, first served (created_at, then id). A party larger than the seats left keeps
    its place and is skipped for now, so a smaller party behind it may take the seats: places never stay
    empty while someone who fits is waiting, and the larger party is first in line for the next ones.
    Nothing is promoted once registration has closed or for a cancelled or unpublished event.
    """
    return _promote(lock_event(event.pk), notify=notify)


def _promote(event, notify=True):
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


# --- Managing events -----------------------------------------------------------------------------------

# Changes residents must hear about and calendars must pick up (iCalendar SEQUENCE).
SCHEDULE_FIELDS = ("start", "end", "venue_id")


def _require_manager(by_user, event):
    if by_user is not None and not can_manage(by_user, event):
        raise _forbidden()


@transaction.atomic
def save_event(*, event, by_user=None, notify=True):
    """Create or update `event` (an Event instance carrying the wanted values); returns it saved.

    The one way events change, so the consequences always follow: a change of start, end or venue
    raises `sequence` and tells every active registrant; a change of status raises `sequence`;
    cancelling tells every active registrant and needs a reason; publishing stamps published_at; more
    seats (or a longer waiting list) promote from the waiting list. Fewer seats never cancel anybody
    already confirmed: the event is simply over-full until people cancel. `by_user`, when given, must
    manage the event's organizer ("forbidden"); None is the system (tasks, demo). Cross-field rules of
    Event.clean() are enforced ("invalid"). A cancelled event stays cancelled ("cancelled"): residents
    were told, so it is duplicated instead.
    """
    _require_manager(by_user, event)
    try:
        event.clean()
    except ValidationError as exc:
        raise RegistrationError(" ".join(exc.messages), "invalid") from exc
    if event.pk is None:
        event.save()
        return event
    before = lock_event(event.pk)
    if before.status == Event.Status.CANCELLED and event.status != Event.Status.CANCELLED:
        raise _cannot_revive()
    schedule_changed = [name for name in SCHEDULE_FIELDS if getattr(before, name) != getattr(event, name)]
    status_changed = before.status != event.status
    if schedule_changed or status_changed:
        event.sequence = before.sequence + 1
    else:
        event.sequence = before.sequence
    event.save()
    cancelled_now = status_changed and event.status == Event.Status.CANCELLED
    if notify and cancelled_now:
        for registration in _active_registrations(event):
            notifications.send_event_cancelled(registration)
    elif notify and schedule_changed and event.status == Event.Status.PUBLISHED:
        for registration in _active_registrations(event):
            notifications.send_event_changed(registration, before=before)
    if not cancelled_now:
        _promote(lock_event(event.pk), notify=notify)  # fresh counts: `event` may carry stale annotations
    return event


def _cannot_revive():
    return RegistrationError(_("A cancelled event cannot be published again; duplicate it instead."), "cancelled")


def _active_registrations(event):
    return event.registrations.filter(status__in=Registration.ACTIVE).select_related("user__profile", "event")


def update_capacity(*, event, capacity, by_user=None):
    """Change the number of seats through save_event: raising it promotes, lowering it cancels nobody."""
    event.capacity = capacity
    return save_event(event=event, by_user=by_user)


def publish_event(*, event, by_user=None):
    """Publish a draft (a cancelled event stays cancelled: refused with "cancelled")."""
    if event.status == Event.Status.CANCELLED:
        raise _cannot_revive()
    event.status = Event.Status.PUBLISHED
    return save_event(event=event, by_user=by_user)


def cancel_event(*, event, reason, by_user=None, notify=True):
    """Cancel `event` for everyone, telling every active registrant why; refuses an empty reason ("invalid").

    Registrations keep their status so the history shows who had a place; check-in refuses them.
    """
    if not (reason or "").strip():
        raise RegistrationError(_("Tell residents why the event is cancelled."), "invalid")
    if event.status == Event.Status.CANCELLED:
        raise RegistrationError(_("This event has been cancelled."), "cancelled")
    event.status = Event.Status.CANCELLED
    event.cancellation_reason = reason.strip()
    return save_event(event=event, by_user=by_user, notify=notify)


def _translated(field):
    return [f"{field}_{code.replace('-', '_')}" for code, _name in settings.LANGUAGES]


def _copy(event, **changes):
    new = copy.copy(event)
    for annotation in ("confirmed_seats", "waitlisted_count"):
        new.__dict__.pop(annotation, None)
    new.pk = new.id = None
    new._state = copy.copy(event._state)
    new._state.adding = True
    new.slug = ""
    new.status = Event.Status.DRAFT
    new.published_at = None
    new.cancellation_reason = ""
    new.sequence = 0
    new.image_thumbnail = event.image_thumbnail
    for name, value in changes.items():
        setattr(new, name, value)
    return new


@transaction.atomic
def duplicate_event(*, event, by_user=None):
    """A draft copy of `event` (same texts, place, time and rules; no registrations) for staff to adjust."""
    _require_manager(by_user, event)
    new = _copy(event)
    new.save()
    return new


@transaction.atomic
def create_weekly_series(*, event, weeks, by_user=None, publish=None):
    """Repeat `event` every week, `weeks` occurrences in all (the event itself is the first); returns the new ones.

    All occurrences are linked by one EventSeries. Registration dates and the cancellation deadline move
    with each occurrence. New occurrences take the event's status (draft or published) unless `publish`
    says otherwise. Refuses fewer than 2 or more than 52 weeks ("invalid").
    """
    _require_manager(by_user, event)
    if not 2 <= weeks <= 52:
        raise RegistrationError(_("A weekly series has between 2 and 52 occurrences."), "invalid")
    if event.status == Event.Status.CANCELLED:
        raise RegistrationError(_("This event has been cancelled."), "cancelled")
    if event.series_id is None:
        titles = {name: getattr(event, name) or "" for name in _translated("title")}
        series = EventSeries.objects.create(organizer=event.organizer, **titles)
        Event.objects.filter(pk=event.pk).update(series=series)
        event.series = series
    publish = event.status == Event.Status.PUBLISHED if publish is None else publish
    created = []
    for number in range(1, weeks):
        shift = timedelta(weeks=number)
        moved = {
            name: getattr(event, name) + shift
            for name in ("start", "end", "registration_opens", "registration_closes", "cancellation_deadline")
            if getattr(event, name) is not None
        }
        new = _copy(event, series=event.series, **moved)
        if publish:
            new.status = Event.Status.PUBLISHED
        new.save()
        created.append(new)
    return created


@transaction.atomic
def message_attendees(*, event, subject, body, by_user=None):
    """Email `subject`/`body` from the organizer to every active registrant of `event`; returns how many."""
    _require_manager(by_user, event)
    if not subject.strip() or not body.strip():
        raise RegistrationError(_("Write a subject and a message."), "invalid")
    count = 0
    for registration in _active_registrations(event):
        notifications.send_organizer_message(registration, subject=subject, body=body)
        count += 1
    return count


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
        raise _forbidden()
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
            _("This ticket was cancelled on %(date)s.") % {"date": _local(registration.cancelled_at)}, "cancelled"
        )
    if registration.status == Status.WAITLISTED:
        raise RegistrationError(_("This ticket is on the waiting list and has no seat yet."), "waitlisted")
    if registration.checked_in_at is not None:
        raise RegistrationError(
            _("Already checked in at %(time)s.") % {"time": _local(registration.checked_in_at, "H:i")},
            "already_checked_in",
        )
    now = timezone.now()
    opens = registration.event.check_in_opens_at
    if now < opens:
        raise RegistrationError(_("Check-in opens at %(time)s.") % {"time": _local(opens)}, "too_early")
    if now >= registration.event.end:
        raise RegistrationError(_("This event is over: check-in has closed."), "over")
    registration.checked_in_at = now
    registration.checked_in_by = by_user
    registration.no_show = False
    registration.save(update_fields=["checked_in_at", "checked_in_by", "no_show"])
    return registration


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
        raise _forbidden()
    return NoShowPenalty.objects.filter(user=user, waived_at__isnull=True, until__gt=timezone.now()).update(
        waived_at=timezone.now(), waived_by=by_user
    )
