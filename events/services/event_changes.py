"""Organizers change their events: edit, publish, cancel, duplicate, weekly series, message the attendees."""

import copy
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from portal.scoping import can_manage

from ..errors import RegistrationError
from ..models import Event, EventSeries, Registration
from . import notifications
from .registrations import lock_event, promote_waitlisted

# --- Managing events -----------------------------------------------------------------------------------

# Changes residents must hear about and calendars must pick up (iCalendar SEQUENCE).
SCHEDULE_FIELDS = ("start", "end", "venue_id")


def _require_manager(by_user, event):
    if by_user is not None and not can_manage(by_user, event):
        raise RegistrationError.forbidden()


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
        promote_waitlisted(lock_event(event.pk), notify=notify)  # fresh counts: `event` may carry stale annotations
    return event


def _cannot_revive():
    return RegistrationError(_("A cancelled event cannot be published again; duplicate it instead."), "cancelled")


def _active_registrations(event):
    return event.registrations.filter(status__in=Registration.ACTIVE).select_related("user__profile", "event")


def change_event(*, event, status, by_user=None):
    """Save `event` as edited and move it to `status`: the one status-transition policy, for the API and
    the admin alike. The same status → save_event; cancelled → cancel_event (it needs the reason);
    published, or anything from cancelled → publish_event (which refuses to revive); draft → save_event.
    """
    stored = Event.objects.filter(pk=event.pk).values_list("status", flat=True).first() if event.pk else None
    before = stored or event.status
    event.status = before
    if status == before:
        return save_event(event=event, by_user=by_user)
    if status == Event.Status.CANCELLED:
        return cancel_event(event=event, reason=event.cancellation_reason, by_user=by_user)
    if status == Event.Status.PUBLISHED or before == Event.Status.CANCELLED:
        return publish_event(event=event, by_user=by_user)
    event.status = status
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
