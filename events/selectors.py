"""Reads that are more than a filter, with their joins inside, so every caller gets the same query count."""

import calendar
from datetime import date, datetime, time, timedelta

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from portal.scoping import managed_organizers

from .filters import EventFilter
from .models import Event, Registration

Status = Registration.Status

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


# --- A resident's tickets -------------------------------------------------------------------------------


def with_waitlist_position(queryset):
    """Annotate `waitlist_position` (1 = next in line) on waitlisted registrations, in the same query."""
    ahead = (
        Registration.objects.filter(event=OuterRef("event"), status=Status.WAITLISTED)
        .filter(Q(created_at__lt=OuterRef("created_at")) | Q(created_at=OuterRef("created_at"), id__lt=OuterRef("id")))
        .order_by()
        .values("event")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return queryset.annotate(
        waitlist_position=Coalesce(Subquery(ahead, output_field=IntegerField()), Value(0)) + Value(1)
    )


def waitlist_position(registration):
    """`registration`'s place in its event's waiting line (1 = next), for one registration at a time."""
    return (
        Registration.objects.filter(event_id=registration.event_id, status=Status.WAITLISTED)
        .filter(
            Q(created_at__lt=registration.created_at) | Q(created_at=registration.created_at, id__lt=registration.id)
        )
        .count()
        + 1
    )


def active_registration(*, user, event):
    """`user`'s confirmed or waitlisted registration for `event` (with its waiting-list position), or None."""
    if not user.is_authenticated:
        return None
    return with_waitlist_position(
        Registration.objects.filter(user=user, event=event, status__in=Registration.ACTIVE)
    ).first()


def upcoming_tickets(*, user):
    """The resident's active registrations for events that have not ended, soonest first."""
    return list(
        with_waitlist_position(
            Registration.objects.filter(user=user, status__in=Registration.ACTIVE, event__end__gt=timezone.now())
        )
        .select_related("event__venue")
        .order_by("event__start", "id")
    )


def attended_events(*, user, limit=20):
    """Registrations for events that are over where the resident had a seat and was not marked absent."""
    return list(
        Registration.objects.filter(user=user, status=Status.CONFIRMED, no_show=False, event__end__lte=timezone.now())
        .exclude(event__status=Event.Status.CANCELLED)
        .select_related("event__venue")
        .order_by("-event__start", "-id")[:limit]
    )


def check_in_counts(event):
    """People checked in, people confirmed (party sizes added up), and active tickets, in one query."""
    confirmed = Q(status=Status.CONFIRMED)
    return event.registrations.aggregate(
        checked_in=Sum("party_size", filter=confirmed & Q(checked_in_at__isnull=False), default=0),
        confirmed=Sum("party_size", filter=confirmed, default=0),
        tickets=Count("pk", filter=confirmed),
        waitlisted=Count("pk", filter=Q(status=Status.WAITLISTED)),
    )


def search_registrations(*, event, query, limit=30):
    """Active registrations of `event` whose name, username or email contains `query` (for the door)."""
    query = (query or "").strip()
    if not query:
        return []
    matches = Q()
    for field in (
        "user__username",
        "user__email",
        "user__first_name",
        "user__last_name",
        "user__profile__display_name",
    ):
        matches |= Q(**{f"{field}__icontains": query})
    return list(
        event.registrations.filter(matches, status__in=Registration.ACTIVE)
        .select_related("user__profile")
        .order_by("user__username")[:limit]
    )


def visible_events(user):
    """Residents and visitors see events that were made public (published, or cancelled after publishing,
    so registrants can read why); organizer staff also see their own drafts; superusers see everything."""
    if user.is_authenticated and user.is_active and user.is_superuser:
        return Event.objects.all()
    public = Event.objects.public()
    if user.is_authenticated:
        public = public | Event.objects.filter(organizer__in=managed_organizers(user))
    return public
