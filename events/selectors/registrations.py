"""Reading registrations: waiting-list positions, a resident's tickets and attended events, the door's search."""

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import Registration
from .attendance import attendance_q

Status = Registration.Status


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
    """The resident's attendance at events that are over, by the one rule of selectors/attendance.py
    (checked in, or confirmed where the event used no check-in; never a no-show)."""
    return list(
        Registration.objects.filter(attendance_q(), user=user, event__end__lte=timezone.now())
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
