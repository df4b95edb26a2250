"""One function per email about events, written with portal.mail.queue_email in the caller's transaction.

Each message is rendered from events/templates/events/email/<kind>.txt and .html in the recipient's
language (their first preferred language, else the site default). Transactional messages (ticket,
waiting list, promotion, change, cancellation, organizer messages, penalty) always go; the reminder
honours the profile's preferences and carries a one-click unsubscribe link (`unsubscribe_url`).
"""

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _

from portal.links import absolute_url
from portal.mail import queue_email
from portal.notify import recipient_language

from ..formatting import local_text, when_text
from . import ics, tickets

UNSUBSCRIBE_SALT = "events.unsubscribe"
# What an unsubscribe link may switch off: kind -> (profile field, value meaning "no more mail").
UNSUBSCRIBE_KINDS = {"reminders": ("event_reminders", False)}


def unsubscribe_url(user, kind):
    """An absolute link that switches off mail of `kind` for `user` without signing in.

    The token is signed (django.core.signing), names the user and the kind, and never expires: an old
    email must still be able to stop the next one. The page at /me/unsubscribe/<token>/ asks for one
    click to confirm, so link scanners in mailboxes cannot unsubscribe anybody.
    """
    if kind not in UNSUBSCRIBE_KINDS:
        raise ValueError(f"unknown unsubscribe kind {kind!r}")
    token = signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)
    return absolute_url(f"/me/unsubscribe/{token}/")


def read_unsubscribe_token(token):
    """(user id, kind) from a token made by unsubscribe_url; raises signing.BadSignature when forged."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if not isinstance(data, dict) or data.get("k") not in UNSUBSCRIBE_KINDS:
        raise signing.BadSignature("unknown kind")
    return data["u"], data["k"]


def wants_reminders(user):
    profile = getattr(user, "profile", None)
    if profile is None:
        return True
    return profile.event_reminders and profile.notification_frequency != profile.NotificationFrequency.NEVER


def _when(event):
    return when_text(event)


def _place(venue):
    if venue is None:
        return _("Online")
    return f"{venue.name}, {venue.address}" if venue.address else venue.name


def render(user, kind, subject, context, unsubscribe_kind=None, attachments=None, *, item=False):
    """Render `kind` in the recipient's language: (subject, text body, HTML body, attachments, item text).

    `subject` and `attachments` (returning (filename, bytes, mimetype) tuples) are callables run in that
    language, so a calendar file attached reads like the message. With `item`, the text of
    events/email/<kind>_item.txt is rendered too: the update alone, as a digest lists it.
    """
    with translation.override(recipient_language(user)):
        event = context.get("event")
        context = {
            "user_name": user.public_name,
            "portal_name": settings.PORTAL_NAME,
            "unsubscribe_url": unsubscribe_url(user, unsubscribe_kind) if unsubscribe_kind else "",
            **context,
        }
        if event is not None:
            context.update(
                event_title=event.title,
                event_url=absolute_url(event.get_absolute_url()),
                ics_url=absolute_url(event.get_ics_url()),
                when=_when(event),
                place=_place(event.venue),
            )
        subject_text = str(subject())
        body = render_to_string(f"events/email/{kind}.txt", context)
        html_body = render_to_string(f"events/email/{kind}.html", {**context, "subject": subject_text})
        item_text = render_to_string(f"events/email/{kind}_item.txt", context).strip() if item else ""
        files = attachments() if attachments else ()
    return subject_text, body, html_body, files, item_text


def _send(user, kind, subject, context, unsubscribe_kind=None, attachments=None):
    """Render `kind` in the recipient's language and queue it (transactional mail: always sent)."""
    subject_text, body, html_body, files, _item = render(user, kind, subject, context, unsubscribe_kind, attachments)
    return queue_email(to=user.email, subject=subject_text, body=body, html_body=html_body, attachments=files)


def ticket_attachments(registration):
    """The ticket's QR code (PNG) and the event's calendar entry (.ics), for the mails that carry a seat."""
    event = registration.event
    return [
        (f"ticket-{registration.ticket_code}.png", tickets.qr_png(registration.ticket_code), "image/png"),
        (f"{event.slug}.ics", ics.calendar_bytes([event]), "text/calendar"),
    ]


def _registration_context(registration, **extra):
    return {"event": registration.event, "registration": registration, **extra}


def send_confirmation(registration):
    """Your place is confirmed: ticket code, links to the page and .ics, the QR code and .ics attached."""
    event = registration.event
    return _send(
        registration.user,
        "confirmation",
        lambda: _("Your place at %(title)s is confirmed") % {"title": event.title},
        _registration_context(registration),
        attachments=lambda: ticket_attachments(registration),
    )


def send_waitlisted(registration):
    event = registration.event
    return _send(
        registration.user,
        "waitlisted",
        lambda: _("You are on the waiting list for %(title)s") % {"title": event.title},
        _registration_context(registration),
    )


def send_promoted(registration):
    event = registration.event
    return _send(
        registration.user,
        "promoted",
        lambda: _("A place came free: you are now registered for %(title)s") % {"title": event.title},
        _registration_context(registration),
        attachments=lambda: ticket_attachments(registration),
    )


def send_reminder(registration):
    """The day-before reminder, only when the resident wants reminders; returns the email or None."""
    if not wants_reminders(registration.user):
        return None
    event = registration.event
    return _send(
        registration.user,
        "reminder",
        lambda: _("Reminder: %(title)s starts soon") % {"title": event.title},
        _registration_context(registration),
        unsubscribe_kind="reminders",
    )


def send_event_changed(registration, *, before):
    """The date or place changed; `before` is the event as it was, to show what changed."""
    event = registration.event
    return _send(
        registration.user,
        "changed",
        lambda: _("Changed: %(title)s") % {"title": event.title},
        _registration_context(
            registration,
            before_when=_when(before) if (before.start, before.end) != (event.start, event.end) else "",
            before_place=_place(before.venue) if before.venue_id != event.venue_id else "",
        ),
    )


def send_event_cancelled(registration):
    event = registration.event
    return _send(
        registration.user,
        "cancelled",
        lambda: _("Cancelled: %(title)s") % {"title": event.title},
        _registration_context(registration, reason=event.cancellation_reason),
    )


def send_organizer_message(registration, *, subject, body):
    """A message the organizer wrote to everybody registered; sent as written, with the event named."""
    event = registration.event
    return _send(
        registration.user,
        "organizer_message",
        lambda: f"{subject} – {event.title}",
        _registration_context(registration, message=body, organizer=event.organizer),
    )


def send_no_show_penalty(penalty):
    user = penalty.user
    with translation.override(recipient_language(user)):
        until = local_text(penalty.until, "DATE_FORMAT")
    return _send(
        user,
        "no_show_penalty",
        lambda: _("You missed booked events: limited booking until %(date)s") % {"date": until},
        {"penalty": penalty, "until": until},
    )


# --- Evaluations (events.services.evaluations)------------------------------------------------------------------
# Not transactional: events.services.evaluations decides whether the resident wants such mail (profile "never" gets
# none; /me/ still lists the evaluation). There is no one-click unsubscribe kind for these: the link kinds
# above switch off a profile field, and the only field that fits is "how often we write to you", which the
# mail links to on /me/ instead of switching all non-transactional mail off from one click.


def send_evaluation_invitation(*, user, event, closes):
    """How was it? One invitation per attendee and event, with the link to the form and the closing date."""
    with translation.override(recipient_language(user)):
        closes_text = local_text(closes, "DATE_FORMAT")
    return _send(
        user,
        "evaluation_invitation",
        lambda: _("How was %(title)s? Tell us in two minutes") % {"title": event.title},
        {
            "event": event,
            "evaluate_url": absolute_url(f"/events/{event.slug}/evaluate/"),
            "profile_url": absolute_url("/me/"),
            "closes": closes_text,
        },
    )


def send_feedback_digest(*, user, organizer, week, data):
    """The organizer's weekly feedback: new evaluations, the summary (small-numbers rule applies) and the
    top suggestions, with links to the reports."""
    with translation.override(recipient_language(user)):
        first = formats.date_format(week.first_day, "DATE_FORMAT")
    return _send(
        user,
        "feedback_digest",
        lambda: _("Feedback for %(organizer)s, week of %(date)s") % {"organizer": organizer.name, "date": first},
        {
            "organizer": organizer,
            "week_first_day": first,
            "data": data,
            "report_url": absolute_url("/events/feedback/"),
            "reports": [(event, absolute_url(f"/events/{event.slug}/feedback/"), n) for event, n in data.events],
            "profile_url": absolute_url("/me/"),
        },
    )
