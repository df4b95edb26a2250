"""Reads that are more than a filter, with their joins inside, so every caller gets the same query count."""

import calendar
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from portal.scoping import managed_organizers

from ..filters import EventFilter
from ..models import Event

# How far back the iCalendar feed reaches when it is not given dates: subscribers keep last week's events.
FEED_RECENT_DAYS = 30
FEED_LIMIT = 500


def listed_events():
    """Published events with what a card shows (venue, district, organizer, seat counts) in one query."""
    return (
        Event.objects.published()
        .select_related("venue__district", "organizer__district")
        .with_counts()
        .order_by("start", "id")
    )


def filter_events(data, *, queryset=None):
    """The EventFilter bound to `data` (a QueryDict or dict) over `queryset` (default: listed_events()).

    Invalid values (an unknown category, a bad date) are dropped by the form and reported in
    `filterset.form.errors`; the rest still filter. Without dates only events still to come are listed.
    """
    return EventFilter(data, queryset=listed_events() if queryset is None else queryset)


def upcoming_events(*, filters=None, limit=None):
    """Published events that have not ended, soonest first, optionally narrowed by EventFilter `filters`."""
    queryset = filter_events(filters).qs if filters else listed_events().upcoming()
    return list(queryset[:limit]) if limit else queryset


def feed_events(data):
    """Events for the iCalendar feed: the list's filters, plus recent and cancelled ones.

    Cancelled events stay in the feed (STATUS:CANCELLED) so subscribed calendars remove them; without
    dates the feed reaches FEED_RECENT_DAYS back so a calendar does not drop last week's event at once.
    """
    data = data.copy()
    if not data.get("date_from") and not data.get("date_to"):
        data["date_from"] = (timezone.localdate() - timedelta(days=FEED_RECENT_DAYS)).isoformat()
    queryset = Event.objects.public().select_related("venue", "organizer").order_by("start", "id")
    return list(EventFilter(data, queryset=queryset).qs[:FEED_LIMIT])


def visible_event(slug, user):
    """The event at `slug` for its page, or None where `user` may not see it (see visible_events)."""
    return (
        visible_events(user)
        .select_related("venue__district", "organizer__district")
        .with_counts()
        .filter(slug=slug)
        .first()
    )


# --- The month calendar ---------------------------------------------------------------------------------


def parse_month(value):
    """(first day of the month, valid) from `YYYY-MM`; anything else is this month and not valid."""
    today = timezone.localdate()
    if value:
        try:
            parsed = datetime.strptime(value.strip(), "%Y-%m").date()
        except ValueError:
            parsed = None
        if parsed is not None and 1900 <= parsed.year <= 2200:
            return parsed, True
        return today.replace(day=1), False
    return today.replace(day=1), True


def month_calendar(first):
    """Weeks (Monday first) of (day, events that day, in this month) for the month starting on `first`.

    An event is listed on every day it runs; one query for the whole month.
    """
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    zone = timezone.get_current_timezone()
    month_start = timezone.make_aware(datetime.combine(first, time.min), zone)
    month_end = timezone.make_aware(datetime.combine(last + timedelta(days=1), time.min), zone)
    events = listed_events().filter(start__lt=month_end, end__gt=month_start)
    by_day = {}
    for event in events:
        day = max(timezone.localdate(event.start), first)
        # An event ending at midnight does not run on the next day.
        end_day = min(timezone.localdate(event.end - timedelta(microseconds=1)), last)
        while day <= end_day:
            by_day.setdefault(day, []).append(event)
            day += timedelta(days=1)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    return [[(day, by_day.get(day, []), day.month == first.month) for day in week] for week in weeks]


def shift_month(first, months):
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def visible_events(user):
    """Residents and visitors see events that were made public (published, or cancelled after publishing,
    so registrants can read why); organizer staff also see their own drafts; superusers see everything."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return Event.objects.all()
    public = Event.objects.public()
    if user.is_authenticated:
        public = public | Event.objects.filter(organizer__in=managed_organizers(user))
    return public
