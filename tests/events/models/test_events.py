"""The Event model's own rules: slugs, sanitised descriptions, clean(), constraints, seats."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events.models import Event, Registration
from tests.factories import (
    EventFactory,
    RegistrationFactory,
    in_days,
)

pytestmark = pytest.mark.django_db

CONFIRMED, WAITLISTED, CANCELLED = (
    Registration.Status.CONFIRMED,
    Registration.Status.WAITLISTED,
    Registration.Status.CANCELLED,
)


def past_event(**kwargs):
    return EventFactory(start=in_days(-1, hour=10), end=in_days(-1, hour=12), **kwargs)


# --- Event model rules ------------------------------------------------------------------------------------


def test_slug_from_english_title_with_random_suffix():
    event = EventFactory(title_en="Spring Opera Night", title_zh_hans="春季戏曲之夜")
    assert event.slug.startswith("spring-opera-night-") and len(event.slug) == len("spring-opera-night-") + 6
    other = EventFactory(title_en="Spring Opera Night")
    assert other.slug != event.slug
    assert EventFactory(title_en="", title_zh_hans="只有中文").slug.startswith("event-")


def test_description_is_sanitised_on_save():
    event = EventFactory(
        description_en='<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:alert(1)">x</a>'
        '<a href="https://example.org" target="_blank">ok</a><img src=x><h2>Plan</h2></p>',
        description_zh_hans="<ul><li><strong>一</strong></li></ul><style>p{}</style>",
    )
    event.refresh_from_db()
    assert "script" not in event.description_en and "onclick" not in event.description_en
    assert "javascript" not in event.description_en and "<img" not in event.description_en
    assert 'href="https://example.org"' in event.description_en and "<h2>Plan</h2>" in event.description_en
    assert event.description_zh_hans == "<ul><li><strong>一</strong></li></ul>"


def test_clean_requires_end_after_start_and_a_reason_to_cancel():
    event = EventFactory.build(start=in_days(3), end=in_days(3, hours=-1), status="cancelled")
    with pytest.raises(ValidationError) as info:
        event.clean()
    assert set(info.value.message_dict) == {"end", "cancellation_reason"}


def test_database_constraints():
    registration = RegistrationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(user=registration.user, event=registration.event, status=WAITLISTED)
    # a cancelled registration does not block a new one
    RegistrationFactory(user=registration.user, event=registration.event, status=CANCELLED)
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(party_size=0)
    assert len(registration.ticket_code) >= 22  # 128 random bits


def test_seats_and_registration_open(event):
    RegistrationFactory(event=event, party_size=3)
    RegistrationFactory(event=event, status=WAITLISTED)
    RegistrationFactory(event=event, status=CANCELLED, party_size=4)
    assert event.seats_taken == 3 and event.seats_left == 7
    assert event.registration_open and event.registration_closed_reason() is None
    annotated = Event.objects.with_counts().get(pk=event.pk)
    assert annotated.confirmed_seats == 3 and annotated.waitlisted_count == 1
    event.capacity, event.waitlist_enabled = 3, False
    assert event.registration_closed_reason() == "This event is full."
    assert not past_event().registration_open and past_event().is_past
