"""One function per email about events, written in the caller's transaction and rendered when it is sent.

Each message is events/templates/events/email/<kind>.txt and .html, rendered in the recipient's language
(portal.messaging). Mail about a registration or a penalty is queued BY REFERENCE (`queue_message`):
the caller — often holding the event's row lock — writes one outbox row naming the message and the row,
and the templates, the QR code and the calendar file are made when the mail is delivered. The messages
are named in `messages` on the app's AppConfig. Transactional messages (ticket, waiting list, promotion,
change, cancellation, organizer messages, penalty) always go; the reminder honours the profile's
preferences and carries a one-click unsubscribe link.
"""

from datetime import datetime

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from portal.links import absolute_url
from portal.mail import queue_email, queue_message
from portal.messaging import read_unsubscribe_token, recipient_language, unsubscribe_url
from portal.messaging import render as render_templates
from portal.models import Venue
from portal.notify import wants_mail

from ..formatting import local_text, when_text
from . import ics, tickets

__all__ = ["read_unsubscribe_token", "unsubscribe_url"]


def wants_reminders(user):
    profile = getattr(user, "profile", None)
    return wants_mail(user) and (profile is None or profile.event_reminders)


def _place(venue):
    if venue is None:
        return _("Online")
    return f"{venue.name}, {venue.address}" if venue.address else venue.name


def render(user, kind, subject, context, unsubscribe_kind=None, attachments=None, *, item=False):
    """events/email/<kind> rendered for `user` in the active language (portal.messaging.render), with the
    event's title, links, time and place when `context` names an event."""
    event = context.get("event")
    if event is not None:
        context = {
            "event_title": event.title,
            "event_url": absolute_url(event.get_absolute_url()),
            "ics_url": absolute_url(event.get_ics_url()),
            "when": when_text(event),
            "place": _place(event.venue),
            **context,
        }
    return render_templates(
        user,
        f"events/email/{kind}",
        subject,
        context,
        unsubscribe_kind=unsubscribe_kind,
        attachments=attachments,
        item=item,
    )


def _send(user, kind, subject, context):
    """Render `kind` now in the recipient's language and queue it as text (mail not sent under a lock)."""
    with translation.override(recipient_language(user)):
        rendered = render(user, kind, subject, context)
    return queue_email(to=user.email, subject=rendered.subject, body=rendered.body, html_body=rendered.html_body)


def ticket_attachments(registration):
    """The ticket's QR code (PNG) and the event's calendar entry (.ics), for the mails that carry a seat."""
    event = registration.event
    return [
        (f"ticket-{registration.ticket_code}.png", tickets.qr_png(registration.ticket_code), "image/png"),
        (f"{event.slug}.ics", ics.calendar_bytes([event]), "text/calendar"),
    ]


def _registration_context(registration, **extra):
    return {"event": registration.event, "registration": registration, **extra}


# --- Messages by reference: (user, target, params) -> Rendered, named in EventsConfig.messages --------------


def confirmation(user, registration, params):
    """Your place is confirmed: ticket code, links to the page and .ics, the QR code and .ics attached."""
    event = registration.event
    return render(
        user,
        "confirmation",
        lambda: _("Your place at %(title)s is confirmed") % {"title": event.title},
        _registration_context(registration),
        attachments=lambda: ticket_attachments(registration),
    )


def waitlisted(user, registration, params):
    event = registration.event
    return render(
        user,
        "waitlisted",
        lambda: _("You are on the waiting list for %(title)s") % {"title": event.title},
        _registration_context(registration),
    )


def promoted(user, registration, params):
    event = registration.event
    return render(
        user,
        "promoted",
        lambda: _("A place came free: you are now registered for %(title)s") % {"title": event.title},
        _registration_context(registration),
        attachments=lambda: ticket_attachments(registration),
    )


def reminder(user, registration, params):
    event = registration.event
    return render(
        user,
        "reminder",
        lambda: _("Reminder: %(title)s starts soon") % {"title": event.title},
        _registration_context(registration),
        unsubscribe_kind="reminders",
    )


def event_changed(user, registration, params):
    """The date or place changed; `params` keep the time and place as they were, to show what changed."""
    event = registration.event
    before_when = before_place = ""
    if "start" in params:
        was = _Times(datetime.fromisoformat(params["start"]), datetime.fromisoformat(params["end"]))
        before_when = when_text(was)
    if "venue" in params:
        before_place = _place(Venue.objects.filter(pk=params["venue"]).first() if params["venue"] else None)
    return render(
        user,
        "changed",
        lambda: _("Changed: %(title)s") % {"title": event.title},
        _registration_context(registration, before_when=before_when, before_place=before_place),
    )


class _Times:
    def __init__(self, start, end):
        self.start, self.end = start, end


def event_cancelled(user, registration, params):
    event = registration.event
    return render(
        user,
        "cancelled",
        lambda: _("Cancelled: %(title)s") % {"title": event.title},
        _registration_context(registration, reason=event.cancellation_reason),
    )


def organizer_message(user, registration, params):
    """A message the organizer wrote to everybody registered; sent as written, with the event named."""
    event = registration.event
    return render(
        user,
        "organizer_message",
        lambda: f"{params['subject']} – {event.title}",
        _registration_context(registration, message=params["body"], organizer=event.organizer),
    )


def volunteer_message(user, signup, params):
    """A message the organizer wrote to the volunteers of one role; sent as written, with the role named."""
    event = signup.event
    return render(
        user,
        "volunteer_message",
        lambda: f"{params['subject']} – {event.title}",
        {"event": event, "role": signup.role, "message": params["body"], "organizer": event.organizer},
    )


def no_show_penalty(user, penalty, params):
    until = formats.date_format(timezone.localtime(penalty.until), "DATE_FORMAT")
    return render(
        user,
        "no_show_penalty",
        lambda: _("You missed booked events: limited booking until %(date)s") % {"date": until},
        {"penalty": penalty, "until": until},
    )


# --- What services call, each in their own transaction ------------------------------------------------------


def send_confirmation(registration):
    return queue_message(user=registration.user, message="events.confirmation", target=registration)


def send_waitlisted(registration):
    return queue_message(user=registration.user, message="events.waitlisted", target=registration)


def send_promoted(registration):
    return queue_message(user=registration.user, message="events.promoted", target=registration)


def send_reminder(registration):
    """The day-before reminder, only when the resident wants reminders; returns the email or None."""
    if not wants_reminders(registration.user):
        return None
    return queue_message(user=registration.user, message="events.reminder", target=registration)


def send_event_changed(registration, *, before):
    """The date or place changed; `before` is the event as it was, to show what changed."""
    event = registration.event
    params = {}
    if (before.start, before.end) != (event.start, event.end):
        params.update(start=before.start.isoformat(), end=before.end.isoformat())
    if before.venue_id != event.venue_id:
        params["venue"] = before.venue_id
    return queue_message(user=registration.user, message="events.event_changed", target=registration, params=params)


def send_event_cancelled(registration):
    return queue_message(user=registration.user, message="events.event_cancelled", target=registration)


def send_organizer_message(registration, *, subject, body):
    return queue_message(
        user=registration.user,
        message="events.organizer_message",
        target=registration,
        params={"subject": subject, "body": body},
    )


def send_volunteer_message(signup, *, subject, body):
    return queue_message(
        user=signup.user,
        message="events.volunteer_message",
        target=signup,
        params={"subject": subject, "body": body},
    )


def send_no_show_penalty(penalty):
    return queue_message(user=penalty.user, message="events.no_show_penalty", target=penalty)


# --- Evaluations (events.evaluations) ---------------------------------------------------------------------
# Not transactional: events.evaluations decides whether the resident wants such mail (profile "never" gets
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
