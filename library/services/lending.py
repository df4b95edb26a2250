"""Controlled digital lending: borrow, hold, return, renew, and the beat's expiry. Views, API, admin and
tasks call these.

A lending-controlled resource has `licences` copies that may be out at once. Copies are counted only
while the resource row is locked (`lock_resource`, on portal.locking), so parallel borrows never hand
out more copies than there are; the unique open loan and open hold per person are the last line.

Under the lock every action first *settles* the resource (`_settle`): loans past their due date end
("expired"), reservations past their time end ("expired"), and every copy nobody has goes to the
first waiting hold in order, reserved for LIBRARY_HOLD_HOURS and mailed to its resident. So the queue
is served the same way whether a copy came back by a return, a renewal refused, an expiry by the beat
or a cancelled reservation, and a beat that is late never lets a newcomer jump the queue.

Codes: email_unverified, not_lendable, not_found, already_borrowed, loan_limit, no_copy_left,
already_on_hold, copy_available, hold_ended, loan_ended, holds_waiting (statuses in library/errors.py).
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal import interactions, locking
from portal.accounts import has_verified_email
from portal.models import Interaction
from portal.scoping import can_manage

from ..errors import LibraryError
from ..models import Hold, Loan, Resource
from ..selectors import lending as selectors
from . import notifications

DUE_SOON = timedelta(hours=24)  # "your loan ends soon" goes this long before the due date


def lock_resource(resource_id):
    """Lock the resource row until the transaction ends and return it fresh; every copy count happens under it."""
    return locking.lock(Resource, resource_id)


def _local(value):
    return notifications.local_text(value)


def _require_verified(user, message):
    if not has_verified_email(user):
        raise LibraryError(message, "email_unverified")


def _require_lendable(resource):
    if resource.withdrawn_at is not None:
        raise LibraryError.not_found()
    if resource.access != Resource.Access.LENDING:
        raise LibraryError(
            _("This item is not lent: open it from its page without borrowing."),
            "not_lendable",
        )


def _record(user, resource, action):
    """The trace for analytics (portal.interactions), once the action is committed."""
    transaction.on_commit(lambda: interactions.record(user=user, target=resource, action=action))


# --- Settling a resource under its lock ------------------------------------------------------------------


def _settle(resource, now):
    """End what lapsed on `resource` and reserve its free copies for the queue, in order. Call under the lock.

    Returns the holds it reserved. A deleted account's open loan ends as returned and its holds as
    cancelled (the rows stay, with no person), so nobody waits for a copy nobody can read.
    """
    for loan in Loan.objects.filter(resource=resource, ended_at=None).filter(Q(due_at__lte=now) | Q(user=None)):
        loan.ended_at = now
        loan.ending = Loan.Ending.RETURNED if loan.user_id is None else Loan.Ending.EXPIRED
        loan.save(update_fields=["ended_at", "ending"])
        if loan.user_id is not None:
            loan.resource = resource
            notifications.send_loan_ended(loan)
    selectors.open_holds().filter(resource=resource, user=None).update(ended_at=now, ending=Hold.Ending.CANCELLED)
    selectors.open_holds().filter(resource=resource, reserved_until__lte=now).update(
        ended_at=now, ending=Hold.Ending.EXPIRED
    )
    if resource.access != Resource.Access.LENDING or resource.withdrawn_at is not None:
        return []
    free = selectors.availability(resource, now=now).free
    if free <= 0:
        return []
    reserved = list(
        selectors.open_holds()
        .filter(resource=resource, reserved_until=None)
        .select_related("user__profile")
        .order_by("created_at", "id")[:free]
    )
    until = now + timedelta(hours=settings.LIBRARY_HOLD_HOURS)
    for hold in reserved:
        hold.reserved_until = until
        hold.save(update_fields=["reserved_until"])
        hold.resource = resource
        notifications.send_hold_ready(hold)
    return reserved


@transaction.atomic
def settle(*, resource_id):
    """Lock `resource_id` and settle it (see `_settle`); the beat's unit of work. Returns the holds reserved."""
    return _settle(lock_resource(resource_id), timezone.now())


# --- Borrowing -------------------------------------------------------------------------------------------


def _no_copy_left(resource, hold):
    if hold is not None:
        return LibraryError(
            _(
                "No copy of “%(title)s” is free yet: you are number %(position)d in the queue. "
                "We will email you when a copy is kept for you."
            )
            % {"title": resource.title, "position": selectors.hold_position(hold)},
            "no_copy_left",
        )
    return LibraryError(
        ngettext(
            "The only copy of “%(title)s” is on loan or kept for someone ahead in the queue. "
            "Place a hold and we will email you when it is your turn.",
            "All %(count)d copies of “%(title)s” are on loan or kept for people ahead in the queue. "
            "Place a hold and we will email you when it is your turn.",
            resource.licences,
        )
        % {"title": resource.title, "count": resource.licences},
        "no_copy_left",
    )


@transaction.atomic
def borrow(*, user, resource):
    """`user` borrows `resource` for LIBRARY_LOAN_DAYS; returns the Loan.

    Only lending-controlled items are borrowed (open and residents' items are read without a loan).
    A resident whose hold is reserved borrows the copy kept for them (the hold ends as "borrowed");
    anyone else gets a copy only when one is free beyond those kept for the queue. Refuses: an address
    not yet verified ("email_unverified"), an item that is not lent ("not_lendable") or gone
    ("not_found"), a second loan of the same item ("already_borrowed"), more than LIBRARY_MAX_LOANS
    loans at once ("loan_limit"), and no copy left ("no_copy_left", offering a hold, or saying the
    person's place in the queue). The resource's row is locked, then the person's, so two borrows by
    one person at once cannot pass the loan limit either.
    """
    _require_verified(user, _("Please confirm your email address before borrowing: we write to you there."))
    _require_lendable(resource)
    resource = lock_resource(resource.pk)
    _require_lendable(resource)
    now = timezone.now()
    _settle(resource, now)
    # The person's row, after settling: its mail rows (which share-lock other people's rows) are written,
    # and from here on this transaction waits for nothing, so person locks never wait in a circle.
    locking.lock(get_user_model(), user.pk)
    if selectors.current_loans(now).filter(user=user, resource=resource).exists():
        raise _already_borrowed(resource)
    if selectors.loan_count(user, now=now) >= settings.LIBRARY_MAX_LOANS:
        raise LibraryError(
            ngettext(
                "You may borrow %(count)d item at a time. Return one of your loans (on your page) to borrow this.",
                "You may borrow %(count)d items at a time. Return one of your loans (on your page) to borrow this.",
                settings.LIBRARY_MAX_LOANS,
            )
            % {"count": settings.LIBRARY_MAX_LOANS},
            "loan_limit",
        )
    hold = selectors.open_holds().filter(user=user, resource=resource).first()
    kept_for_them = hold is not None and selectors.is_reserved(hold, now)
    if not kept_for_them and selectors.availability(resource, now=now).available <= 0:
        raise _no_copy_left(resource, hold)
    if hold is not None:
        hold.ended_at = now
        hold.ending = Hold.Ending.BORROWED
        hold.save(update_fields=["ended_at", "ending"])
    try:
        with transaction.atomic():
            loan = Loan.objects.create(
                resource=resource,
                user=user,
                started_at=now,
                due_at=now + timedelta(days=settings.LIBRARY_LOAN_DAYS),
            )
    except IntegrityError as exc:
        raise _already_borrowed(resource) from exc
    _record(user, resource, Interaction.Action.BORROW)
    return loan


def _already_borrowed(resource):
    return LibraryError(
        _("You have already borrowed “%(title)s”: open it from your loans.") % {"title": resource.title},
        "already_borrowed",
    )


# --- Holds -----------------------------------------------------------------------------------------------


@transaction.atomic
def place_hold(*, user, resource):
    """`user` joins the queue for `resource`; returns the Hold (its place in the queue: `hold_position`).

    Holds are for items with no copy free: when one is, the person is told to borrow it
    ("copy_available"). Refuses as borrowing does for the address and the item, and a hold on an item
    the person has on loan ("already_borrowed") or already holds ("already_on_hold").
    """
    _require_verified(user, _("Please confirm your email address before placing a hold: we write to you there."))
    _require_lendable(resource)
    resource = lock_resource(resource.pk)
    _require_lendable(resource)
    now = timezone.now()
    _settle(resource, now)
    if selectors.current_loans(now).filter(user=user, resource=resource).exists():
        raise _already_borrowed(resource)
    if selectors.open_holds().filter(user=user, resource=resource).exists():
        raise _already_on_hold(resource)
    if selectors.availability(resource, now=now).available > 0:
        raise LibraryError(
            _("A copy of “%(title)s” is free now: borrow it instead of joining the queue.") % {"title": resource.title},
            "copy_available",
        )
    try:
        with transaction.atomic():
            hold = Hold.objects.create(resource=resource, user=user, created_at=now)
    except IntegrityError as exc:
        raise _already_on_hold(resource) from exc
    _record(user, resource, Interaction.Action.HOLD)
    return hold


def _already_on_hold(resource):
    return LibraryError(
        _("You are already in the queue for “%(title)s”.") % {"title": resource.title}, "already_on_hold"
    )


def _own_or_managed(user, row):
    """The borrower, or staff of the resource's organizer; anybody else is told there is no such thing."""
    if not user.is_authenticated or not (row.user_id == user.pk or can_manage(user, row)):
        raise LibraryError(_("There is no such loan or hold of yours."), "not_found")


@transaction.atomic
def cancel_hold(*, user, hold):
    """`user` leaves the queue (or staff of the item's organizer end the hold); a reserved copy passes on.

    Refuses someone else's hold ("not_found") and a hold that has ended ("hold_ended").
    """
    _own_or_managed(user, hold)
    resource = lock_resource(hold.resource_id)
    now = timezone.now()
    _settle(resource, now)
    hold = Hold.objects.get(pk=hold.pk)
    if hold.ended_at is not None:
        raise LibraryError(_("This hold has already ended."), "hold_ended")
    hold.ended_at = now
    hold.ending = Hold.Ending.CANCELLED
    hold.save(update_fields=["ended_at", "ending"])
    _settle(resource, now)
    hold.resource = resource
    return hold


# --- Returning and renewing ------------------------------------------------------------------------------


@transaction.atomic
def return_loan(*, user, loan):
    """`user` gives the copy back before the due date (or staff of the item's organizer end the loan).

    The copy goes to the first waiting hold. Refuses someone else's loan ("not_found") and a loan that
    has ended ("loan_ended").
    """
    _own_or_managed(user, loan)
    resource = lock_resource(loan.resource_id)
    now = timezone.now()
    _settle(resource, now)
    loan = Loan.objects.get(pk=loan.pk)
    if loan.ended_at is not None:
        raise _loan_ended()
    loan.ended_at = now
    loan.ending = Loan.Ending.RETURNED
    loan.save(update_fields=["ended_at", "ending"])
    _settle(resource, now)
    loan.resource = resource
    return loan


def _loan_ended():
    return LibraryError(_("This loan has already ended."), "loan_ended")


@transaction.atomic
def renew(*, user, loan):
    """The borrower keeps the item LIBRARY_LOAN_DAYS from now, when nobody is waiting for it.

    Refuses someone else's loan ("not_found"), a loan that has ended ("loan_ended"), an item no longer
    lent ("not_lendable") and a renewal while people are in the queue ("holds_waiting").
    """
    if not user.is_authenticated or loan.user_id != user.pk:
        raise LibraryError(_("There is no such loan or hold of yours."), "not_found")
    resource = lock_resource(loan.resource_id)
    now = timezone.now()
    _settle(resource, now)
    loan = Loan.objects.get(pk=loan.pk)
    if loan.ended_at is not None:
        raise _loan_ended()
    _require_lendable(resource)
    if selectors.open_holds().filter(resource=resource).exists():
        raise LibraryError(
            _(
                "Others are waiting for “%(title)s”, so this loan cannot be renewed. It ends on %(due)s; "
                "after returning it you may place a hold to borrow it again."
            )
            % {"title": resource.title, "due": _local(loan.due_at)},
            "holds_waiting",
        )
    loan.due_at = now + timedelta(days=settings.LIBRARY_LOAN_DAYS)
    loan.renewals += 1
    loan.reminded_at = None
    loan.save(update_fields=["due_at", "renewals", "reminded_at"])
    loan.resource = resource
    return loan


# --- The beat --------------------------------------------------------------------------------------------


def expire_loans():
    """Beat: end the loans past their due date and pass the copies on; returns how many loans ended.

    Each resource is settled in its own transaction under its lock; running twice does nothing more.
    """
    ended = 0
    now = timezone.now()
    resource_ids = sorted(
        set(Loan.objects.filter(ended_at=None, due_at__lte=now).values_list("resource_id", flat=True))
        | set(Loan.objects.filter(ended_at=None, user=None).values_list("resource_id", flat=True))
    )
    for resource_id in resource_ids:
        before = Loan.objects.filter(resource_id=resource_id, ended_at=None).count()
        settle(resource_id=resource_id)
        ended += before - Loan.objects.filter(resource_id=resource_id, ended_at=None).count()
    return ended


def expire_reservations():
    """Beat: end the reservations nobody used in time and give each copy to the next in line (and any copy
    that came free otherwise, e.g. more licences); returns how many holds were reserved."""
    return sum(len(settle(resource_id=resource_id)) for resource_id in selectors.resources_to_settle())


def send_due_soon_notices():
    """Beat: "your loan ends soon", once per loan (again after a renewal); returns how many were told."""
    told = 0
    for loan_id in list(selectors.due_soon_loans(within=DUE_SOON).values_list("pk", flat=True)):
        with transaction.atomic():
            # The UPDATE claims the loan: a parallel run finds it already marked and tells nobody twice.
            if not Loan.objects.filter(pk=loan_id, reminded_at=None, ended_at=None).update(reminded_at=timezone.now()):
                continue
            loan = Loan.objects.select_related("resource", "user__profile").get(pk=loan_id)
            notifications.send_loan_due_soon(loan)
            told += 1
    return told
