"""iCalendar (RFC 5545) for events: one function from events to bytes, for the .ics pages, the feed and email.

Texts come in the active language (the caller sets it). Each VEVENT keeps the same UID for the life of
the event and carries the event's `sequence`, so a calendar that imported it replaces it when the time,
place or status changes (a cancelled event becomes STATUS:CANCELLED rather than disappearing). Times
are zoned with TZID and the matching VTIMEZONE is included, so calendars need no time zone database.
"""

import html
import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from portal.links import absolute_url

from ..models import Event

PRODID = "-//Culture Portal//Events//EN"
# Block-level ends become line breaks before tags are stripped, so paragraphs stay apart in plain text.
BLOCK_END = re.compile(r"<br\s*/?>|</(p|li|h2|h3|ul|ol)>", re.IGNORECASE)


def event_uid(event):
    """Stable for the life of the event: its primary key and IDENTIFIER_DOMAIN, never the slug, title or host."""
    return f"event-{event.pk}@{settings.IDENTIFIER_DOMAIN}"


def plain_text(description_html):
    text = BLOCK_END.sub("\n", description_html or "")
    text = html.unescape(strip_tags(text))
    lines = [line.strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def location(event):
    venue = event.venue
    if venue is None:
        return str(_("Online"))
    return f"{venue.name}, {venue.address}" if venue.address else venue.name


def _description(event, url):
    parts = []
    if event.status == Event.Status.CANCELLED:
        parts.append(_("Cancelled: %(reason)s") % {"reason": event.cancellation_reason})
    if event.summary:
        parts.append(event.summary)
    body = plain_text(event.description)
    if body:
        parts.append(body)
    if event.livestream_url:
        parts.append(_("Livestream: %(url)s") % {"url": event.livestream_url})
    parts.append(url)
    return "\n\n".join(str(part) for part in parts)


def vevent(event, *, zone):
    url = absolute_url(event.get_absolute_url())
    component = icalendar.Event()
    component.add("uid", event_uid(event))
    component.add("dtstamp", event.updated_at or timezone.now())
    component.add("last-modified", event.updated_at or timezone.now())
    component.add("dtstart", event.start.astimezone(zone))
    component.add("dtend", event.end.astimezone(zone))
    component.add("summary", event.title)
    component.add("location", location(event))
    component.add("url", url)
    component.add("description", _description(event, url))
    component.add("sequence", event.sequence)
    component.add("status", "CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED")
    component.add("categories", [event.get_category_display()])
    if event.organizer.email:
        component.add("organizer", f"mailto:{event.organizer.email}", parameters={"CN": event.organizer.name})
    return component


def calendar_bytes(events, *, name=None):
    """An iCalendar file (bytes) holding `events`, each with its VTIMEZONE; `name` titles a subscribed feed."""
    zone = ZoneInfo(settings.TIME_ZONE)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", str(name))
        calendar.add("x-wr-timezone", settings.TIME_ZONE)
        calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT6H")
    events = list(events)
    for event in events:
        calendar.add_component(vevent(event, zone=zone))
    if events:
        first = min(event.start for event in events).astimezone(zone).date()
        calendar.add_missing_timezones(first_date=first - timedelta(days=1))
    return calendar.to_ical()
