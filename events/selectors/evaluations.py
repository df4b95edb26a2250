"""A resident's evaluations: the ones still to give and the ones given."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import timezone

from ..models import (
    Evaluation,
    Registration,
)
from .attendance import attendance_q

# --- What a resident may evaluate (for /me/) -------------------------------------------------------------------


def evaluations_to_give(*, user, now=None):
    """The resident's attended events still open for evaluation and not yet evaluated, soonest closing first."""
    now = now or timezone.now()
    given = Evaluation.objects.filter(user=user, event=OuterRef("event"))
    return list(
        Registration.objects.filter(
            attendance_q(),
            user=user,
            event__end__lte=now,
            event__end__gt=now - timedelta(days=settings.EVENTS_EVALUATION_WINDOW_DAYS),
        )
        .exclude(Exists(given))
        .select_related("event__venue")
        .order_by("event__end", "id")
    )


def evaluations_given(*, user, limit=50):
    return list(Evaluation.objects.filter(user=user).select_related("event").order_by("-created_at")[:limit])
