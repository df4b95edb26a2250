"""The events demo: a realistic season built through the services, and safe to run again."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone

from events.models import Event, EventSeries, NoShowPenalty, Registration
from portal.models import District, OutgoingEmail

pytestmark = pytest.mark.django_db


def seed_demo():
    call_command("seed_demo", stdout=io.StringIO())


def counts():
    return {model.__name__: model.objects.count() for model in (Event, Registration, EventSeries, NoShowPenalty)}


def test_demo_season_and_rerun(demo):
    now = timezone.now()
    events = Event.objects.with_counts().select_related("venue__district")

    assert events.count() >= 40
    assert events.filter(end__lte=now).count() >= 10 and events.filter(start__gt=now).count() >= 15
    assert events.filter(start__lt=now - timezone.timedelta(days=45)).exists()
    assert events.filter(start__gt=now + timezone.timedelta(days=45)).exists()
    assert not events.filter(Q(title_zh_hans="") | Q(title_en="") | Q(summary_en="")).exists()
    assert set(District.objects.values_list("pk", flat=True)) <= set(events.values_list("venue__district", flat=True))
    assert events.filter(venue__district__kind=District.Kind.RURAL).count() >= 5
    assert events.filter(venue__isnull=True).exists()  # online
    assert events.values("category").distinct().count() >= 7
    for audience in ("for_children", "for_teens", "for_adults", "for_seniors"):
        assert events.filter(**{audience: True}).exists()
    assert events.exclude(language=Event.Language.MANDARIN).values("language").distinct().count() == 3

    for event in events:
        if event.capacity is not None:
            assert event.confirmed_seats <= event.capacity, event.slug
    full = [e for e in events if e.capacity and e.confirmed_seats == e.capacity and e.waitlisted_count]
    assert len(full) >= 3 and any(e.start > now for e in full)

    cancelled = events.get(status=Event.Status.CANCELLED)
    assert cancelled.cancellation_reason and cancelled.registrations.exists()

    series = EventSeries.objects.get()
    assert series.events.count() >= 6
    assert series.events.filter(end__lte=now).exists() and series.events.filter(start__gt=now).exists()

    past_checked = Registration.objects.filter(event__end__lte=now, checked_in_at__isnull=False)
    assert past_checked.count() >= 100
    assert all(
        r.checked_in_by.username == f"staff-{r.event.organizer.slug}"
        for r in past_checked.select_related("event__organizer", "checked_in_by")[:50]
    )
    assert Registration.objects.filter(no_show=True).exists()
    assert not Registration.objects.filter(event__start__gt=now, checked_in_at__isnull=False).exists()
    assert Registration.objects.filter(user__username="resident", status=Registration.Status.CONFIRMED).exists()
    assert not OutgoingEmail.objects.exists()  # simulated activity writes no mail

    first = counts()
    slugs = set(Event.objects.values_list("slug", flat=True))
    seed_demo()
    assert counts() == first
    assert set(Event.objects.values_list("slug", flat=True)) == slugs
