"""The library's mail, by reference (portal.messaging): named in `LibraryConfig.messages`, rendered when sent.

Each message is library/templates/library/email/<kind>.txt and .html (and `_item.txt` for a digest),
rendered in the recipient's language. A reserved hold is transactional (`portal.mail.queue_message`):
it always goes. A loan due soon and a loan that ended are news (`portal.notify.notify`): at once, in
the digest, or not at all, as the resident chose. A message whose row no longer says what it said (the
hold was borrowed or cancelled, the loan returned) renders None and is not sent.
"""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from portal.links import absolute_url
from portal.mail import queue_message
from portal.messaging import render
from portal.notify import notify


def local_text(value, fmt="DATETIME_FORMAT"):
    """A date and time in local time, in the active language."""
    return formats.date_format(timezone.localtime(value), fmt)


def _context(resource, **extra):
    return {
        "resource": resource,
        "resource_title": resource.title,
        "resource_url": absolute_url(resource.get_absolute_url()),
        "read_url": absolute_url(f"{resource.get_absolute_url()}read/"),
        "me_url": absolute_url("/me/#library-loans-title"),
        **extra,
    }


# --- Messages: (user, target, params) -> Rendered or None, named in LibraryConfig.messages ---------------


def hold_ready(user, hold, params):
    """A copy is kept for you until …: borrow it on the item's page."""
    if hold.ended_at is not None or hold.reserved_until is None:
        return None
    resource = hold.resource
    return render(
        user,
        "library/email/hold_ready",
        lambda: _("Ready for you to borrow: %(title)s") % {"title": resource.title},
        _context(resource, until=local_text(hold.reserved_until)),
    )


def loan_due_soon(user, loan, params):
    if loan.ended_at is not None:
        return None
    resource = loan.resource
    return render(
        user,
        "library/email/loan_due_soon",
        lambda: _("Your loan of %(title)s ends soon") % {"title": resource.title},
        _context(resource, due=local_text(loan.due_at)),
        item=True,
    )


def loan_ended(user, loan, params):
    resource = loan.resource
    return render(
        user,
        "library/email/loan_ended",
        lambda: _("Your loan of %(title)s has ended") % {"title": resource.title},
        _context(resource, ended=local_text(loan.ended_at or timezone.now())),
        item=True,
    )


# --- What the lending services call, in their transaction -----------------------------------------------


def send_hold_ready(hold):
    return queue_message(user=hold.user, message="library.hold_ready", target=hold)


def send_loan_due_soon(loan):
    return notify(user=loan.user, message="library.loan_due_soon", target=loan)


def send_loan_ended(loan):
    return notify(user=loan.user, message="library.loan_ended", target=loan)
