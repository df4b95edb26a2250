"""Celery tasks of the library app: they take ids (or none), re-read the state and may run twice without harm."""

from celery import shared_task

# --- Lending (library.services.lending) -------------------------------------------------------------------


@shared_task(ignore_result=True)
def expire_loans():
    """Beat, every 5 minutes: loans past their due date end; each copy goes to the first hold in its queue."""
    from .services import lending

    return lending.expire_loans()


@shared_task(ignore_result=True)
def expire_reservations():
    """Beat, every 5 minutes: reservations nobody borrowed in time end; the copy passes to the next in line."""
    from .services import lending

    return lending.expire_reservations()


@shared_task(ignore_result=True)
def send_loan_due_soon_notices():
    """Beat, hourly: "your loan ends soon", once per loan (portal.notify)."""
    from .services import lending

    return lending.send_due_soon_notices()
