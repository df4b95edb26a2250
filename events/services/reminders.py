"""Reminders before an event: one per confirmed registration, the day before."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ..models import Event, Registration
from . import notifications

REMINDER_HOURS = 24


def send_due_reminders(*, now=None):
    """Every confirmed registration for a published event starting within 24 hours gets one reminder (when
    the resident wants reminders). `reminded_at` is set either way, so nothing is sent twice. Returns the
    number sent."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Registration.Status.CONFIRMED,
        reminded_at__isnull=True,
        event__status=Event.Status.PUBLISHED,
        event__start__gt=now,
        event__start__lte=now + timedelta(hours=REMINDER_HOURS),
    ).values_list("pk", flat=True)
    sent = 0
    for registration_id in list(due):
        with transaction.atomic():
            registration = (
                # of=("self",): PostgreSQL cannot lock the nullable side of the venue/profile outer joins.
                Registration.objects.select_for_update(of=("self",))
                .select_related("event__venue", "user__profile")
                .filter(pk=registration_id, reminded_at__isnull=True, status=Registration.Status.CONFIRMED)
                .first()
            )
            if registration is None:
                continue
            if notifications.send_reminder(registration) is not None:
                sent += 1
            registration.reminded_at = timezone.now()
            registration.save(update_fields=["reminded_at"])
    return sent
