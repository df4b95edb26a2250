"""Volunteering at events: residents sign up for a role, organizers see and write to them.

The same locking model as seats (events.services): the event row is locked (`lock_event`) before the
role's slots are counted, so two residents never take the last slot; the unique constraint on
(user, event) is the last line. A person holds at most ONE role per event (an usher cannot also be the
photographer: they are needed at one place at a time), which also means one sign-up per person and
role. Withdrawing deletes the sign-up and is possible until the event starts.

Refusals are `VolunteerError`s (a RegistrationError); the API answers them with their `status_by_code`.
Codes: email_unverified, not_published, cancelled, started, full, already_signed_up, other_role,
not_signed_up, forbidden, invalid, consent_required.
"""

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import residents
from portal.accounts import has_verified_email
from portal.scoping import can_manage

from ..errors import VolunteerError
from ..models import Event, VolunteerRole, VolunteerSignup
from . import notifications
from .registrations import lock_event


def roles_with_counts(event):
    """The event's roles with `signup_count` annotated (one query for the list)."""
    return VolunteerRole.objects.filter(event=event).annotate(signup_count=Count("signups")).order_by("order", "id")


def _closed(event, now=None):
    """(code, message) when nobody can sign up for or withdraw from `event`'s roles now, else None."""
    now = now or timezone.now()
    if event.status == Event.Status.CANCELLED:
        return "cancelled", _("This event has been cancelled.")
    if event.status != Event.Status.PUBLISHED:
        return "not_published", _("This event is not open for volunteers.")
    if event.start <= now:
        return "started", _("This event has started; volunteer sign-ups are closed.")
    return None


@transaction.atomic
def sign_up(*, user, role, assisted_by=None, consent_noted=False):
    """`user` volunteers in `role`; returns the VolunteerSignup.

    Refuses: an address not yet verified ("email_unverified": organizers must be able to reach their
    volunteers), an event not published ("not_published"), cancelled ("cancelled") or started
    ("started"); the same role again ("already_signed_up"); another role at the same event
    ("other_role", naming it); a role whose slots are all taken ("full").

    `assisted_by`: staff signing up a resident at a desk, as for registrations: they must manage the
    event's organizer and may serve the resident (portal.residents.may_assist) ("forbidden"), and note
    the resident's agreement ("consent_required"). No confirmed address is asked (staff phone a
    resident without one); the sign-up is on the audit record and the resident is told.
    """
    if assisted_by is not None:
        if not can_manage(assisted_by, role.event):
            raise VolunteerError(_("You are not allowed to do this for this event."), "forbidden")
        residents.require_assist(assisted_by, user, VolunteerError)
        if not consent_noted:
            raise VolunteerError(
                _("Tick the box to confirm that the resident agreed to volunteer."), "consent_required"
            )
    elif not has_verified_email(user):
        raise VolunteerError(
            _("Please confirm your email address before volunteering, so the organizer can reach you."),
            "email_unverified",
        )
    event = lock_event(role.event_id)
    role = VolunteerRole.objects.get(pk=role.pk)
    closed = _closed(event)
    if closed:
        raise VolunteerError(str(closed[1]), closed[0])
    existing = VolunteerSignup.objects.filter(user=user, event=event).select_related("role").first()
    if existing is not None:
        if existing.role_id == role.pk:
            raise _already_signed_up()
        raise VolunteerError(
            _("You already volunteer as “%(role)s” at this event. Withdraw from it first to change role.")
            % {"role": existing.role.name},
            "other_role",
        )
    if role.signups.count() >= role.slots:
        raise VolunteerError(
            _("All volunteer places for “%(role)s” are taken. Thank you for offering!") % {"role": role.name}, "full"
        )
    try:
        with transaction.atomic():
            signup = VolunteerSignup.objects.create(
                role=role,
                event=event,
                user=user,
                assisted=assisted_by is not None,
                signed_up_by=assisted_by,
                consent_noted=assisted_by is not None and bool(consent_noted),
            )
    except IntegrityError as exc:  # a parallel request of the same person won: the constraint held
        raise _already_signed_up() from exc
    if assisted_by is not None:
        residents.record_assisted(
            staff=assisted_by,
            resident=user,
            organizer=event.organizer,
            kind=residents.AssistedAction.Kind.VOLUNTEER,
            target=signup,
            consent_noted=consent_noted,
            what=lambda: (
                _("a volunteer sign-up as “%(role)s” at “%(title)s”") % {"role": role.name, "title": event.title}
            ),
            withdraw_path="/me/#my-volunteering-title",
        )
    return signup


def _already_signed_up():
    return VolunteerError(_("You have already signed up for this role."), "already_signed_up")


@transaction.atomic
def withdraw(*, user, role):
    """`user` gives up their place in `role` until the event starts; the slot is free at once.

    Refuses: no sign-up for this role ("not_signed_up"); an event that has started ("started").
    """
    event = lock_event(role.event_id)
    signup = VolunteerSignup.objects.filter(user=user, role=role).first()
    if signup is None:
        raise VolunteerError(_("You have not signed up for this role."), "not_signed_up")
    if event.start <= timezone.now():
        raise VolunteerError(_("This event has started; please tell the organizer instead."), "started")
    signup.delete()


def can_withdraw(signup):
    return signup.event.start > timezone.now()


@transaction.atomic
def message_volunteers(*, role, subject, body, by_user):
    """Email `subject`/`body` from the organizer to every volunteer of `role`; returns (sent, without email).

    Only staff who manage the event ("forbidden"); an empty subject or message is "invalid". Volunteers
    without an address are counted so staff know to phone them.
    """
    if not can_manage(by_user, role.event):
        raise VolunteerError(_("You are not allowed to do this for this event."), "forbidden")
    subject, body = (subject or "").strip(), (body or "").strip()
    if not subject or not body:
        raise VolunteerError(_("Write a subject and a message."), "invalid")
    sent = without_email = 0
    for signup in role.signups.select_related("user__profile", "event__organizer", "role"):
        if notifications.send_volunteer_message(signup, subject=subject, body=body) is None:
            without_email += 1
        else:
            sent += 1
    return sent, without_email


def volunteer_rows(events):
    """The header, then one row per volunteer of `events` (the CSV of the volunteers page and the admin)."""
    yield [_("Event"), _("Starts"), _("Role"), _("Name"), _("Email"), _("Phone"), _("Signed up")]
    signups = (
        VolunteerSignup.objects.filter(event__in=events)
        .select_related("event", "role", "user__profile")
        .order_by("event__start", "event_id", "role__order", "role_id", "created_at", "id")
    )
    for signup in signups:
        yield [
            signup.event.title,
            timezone.localtime(signup.event.start).strftime("%Y-%m-%d %H:%M"),
            signup.role.name,
            signup.user.public_name,
            signup.user.email or "",
            getattr(getattr(signup.user, "profile", None), "phone", ""),
            timezone.localtime(signup.created_at).strftime("%Y-%m-%d %H:%M"),
        ]
