"""Lending reads: how many copies are free, a hold's place in the queue, a person's loans and holds, and
what the lending panel of a resource shows (`panel`). No writes: the rules that change state are in
services/lending.py, which counts with `availability` under the resource's row lock.

A loan counts while it is open and not yet due; a hold is *reserved* while `reserved_until` lies ahead
and *waiting* while it has no reservation. What the beat has not yet expired (a loan past its due date,
a reservation past its time) counts as gone, here and in the services alike.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from portal.accounts import has_verified_email

from ..models import Hold, Loan, Resource


@dataclass(frozen=True)
class Availability:
    licences: int
    on_loan: int  # open loans not yet due
    reserved: int  # copies kept for the first people in the queue
    waiting: int  # holds without a reservation yet

    @property
    def free(self):
        """Copies nobody has nor is kept for: the queue gets them first."""
        return max(0, self.licences - self.on_loan - self.reserved)

    @property
    def available(self):
        """Copies someone who is not in the queue may borrow now."""
        return max(0, self.free - self.waiting)


def current_loans(now=None):
    return Loan.objects.filter(ended_at=None, due_at__gt=now or timezone.now())


def open_holds():
    return Hold.objects.filter(ended_at=None)


def availability(resource, *, now=None):
    now = now or timezone.now()
    on_loan = current_loans(now).filter(resource=resource).count()
    holds = (
        open_holds()
        .filter(resource=resource)
        .aggregate(
            reserved=Count("pk", filter=Q(reserved_until__gt=now)),
            waiting=Count("pk", filter=Q(reserved_until=None)),
        )
    )
    return Availability(
        licences=resource.licences, on_loan=on_loan, reserved=holds["reserved"], waiting=holds["waiting"]
    )


def _ahead_count():
    """For a hold (the outer row): how many open holds of its resource were placed before it."""
    ahead = (
        open_holds()
        .filter(resource=OuterRef("resource"))
        .filter(Q(created_at__lt=OuterRef("created_at")) | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk")))
        .order_by()
        .values("resource")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(ahead, output_field=IntegerField()), 0)


def with_positions(holds):
    """`holds` annotated with `position`: 1 for the first in its resource's queue."""
    return holds.annotate(position=_ahead_count() + 1)


def hold_position(hold):
    return with_positions(Hold.objects.filter(pk=hold.pk)).values_list("position", flat=True).get()


def user_loans(user):
    """`user`'s loans now, soonest due first, with `holds_waiting`: the open holds on the item (renewal
    only when there are none)."""
    waiting = (
        open_holds()
        .filter(resource=OuterRef("resource"))
        .order_by()
        .values("resource")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        current_loans()
        .filter(user=user)
        .select_related("resource")
        .annotate(holds_waiting=Coalesce(Subquery(waiting, output_field=IntegerField()), 0))
        .order_by("due_at", "id")
    )


def user_holds(user):
    """`user`'s open holds, oldest first, with `position` (`reserved_until` set when a copy is kept for them)."""
    return with_positions(open_holds().filter(user=user).select_related("resource")).order_by("created_at", "id")


def loan_count(user, *, now=None):
    return current_loans(now).filter(user=user).count()


def is_reserved(hold, now=None):
    return hold.ended_at is None and hold.reserved_until is not None and hold.reserved_until > (now or timezone.now())


def panel(*, resource, user):
    """What the detail page's lending panel shows `user` about `resource` (empty when it is not lent).

    `licences`, `on_loan`, `available` (for someone not in the queue), `waiting` (people in the queue);
    the person's `loan` (with `due_at`, `renewable`) or `hold` (with `position`, `reserved_until`,
    `reserved`); and `actions`: what they may press now, among "borrow", "hold", "return", "renew",
    "cancel_hold", or what stops them: "sign_in", "verify_email", "loan_limit".
    """
    if resource.access != Resource.Access.LENDING or resource.withdrawn_at is not None:
        return {}
    now = timezone.now()
    counts = availability(resource, now=now)
    result = {
        "licences": counts.licences,
        "on_loan": counts.on_loan,
        "available": counts.available,
        "waiting": counts.waiting + counts.reserved,
        "loan": None,
        "hold": None,
        "actions": (),
        "max_loans": settings.LIBRARY_MAX_LOANS,
        "loan_days": settings.LIBRARY_LOAN_DAYS,
        "hold_hours": settings.LIBRARY_HOLD_HOURS,
    }
    if not user.is_authenticated:
        result["actions"] = ("sign_in",)
        return result
    loan = user_loans(user).filter(resource=resource).first()
    if loan is not None:
        loan.renewable = loan.holds_waiting == 0
        result["loan"] = loan
        result["actions"] = ("return", "renew") if loan.renewable else ("return",)
        return result
    hold = with_positions(open_holds().filter(user=user, resource=resource)).first()
    if hold is not None:
        hold.reserved = is_reserved(hold, now)
        result["hold"] = hold
        result["actions"] = ("borrow", "cancel_hold") if hold.reserved else ("cancel_hold",)
        if hold.reserved and loan_count(user, now=now) >= settings.LIBRARY_MAX_LOANS:
            result["actions"] = ("loan_limit", "cancel_hold")
        return result
    if not has_verified_email(user):
        result["actions"] = ("verify_email",)
    elif loan_count(user, now=now) >= settings.LIBRARY_MAX_LOANS:
        result["actions"] = ("loan_limit",)
    elif counts.available > 0:
        result["actions"] = ("borrow",)
    else:
        result["actions"] = ("hold",)
    return result


def due_soon_loans(*, within, now=None):
    """Open loans due within `within` (a timedelta) that have not been told so yet."""
    now = now or timezone.now()
    return current_loans(now).filter(reminded_at=None, due_at__lte=now + within, user__isnull=False)


def resources_to_settle(now=None):
    """Ids of resources where something lapsed or a queue may get a copy: the beat settles each."""
    now = now or timezone.now()
    lapsed_loans = Loan.objects.filter(ended_at=None).filter(Q(due_at__lte=now) | Q(user=None))
    queued = open_holds().filter(Q(reserved_until=None) | Q(reserved_until__lte=now) | Q(user=None))
    ids = set(lapsed_loans.values_list("resource_id", flat=True)) | set(queued.values_list("resource_id", flat=True))
    return sorted(ids)
