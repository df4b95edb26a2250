"""Lending test data: lending-controlled items, and moving a loan or a reservation into the past."""

from datetime import timedelta

from django.utils import timezone

from library.models import Resource
from tests.library.factories import make_resource


def lent_item(licences=1, **fields):
    return make_resource(access=Resource.Access.LENDING, licences=licences, **fields)


def make_overdue(loan, days=1):
    loan.due_at = timezone.now() - timedelta(days=days)
    loan.save(update_fields=["due_at"])


def let_reservation_lapse(hold):
    hold.reserved_until = timezone.now() - timedelta(minutes=1)
    hold.save(update_fields=["reserved_until"])
