"""Traces of reading and borrowing (portal.interactions) on the embedded default: written at once."""

import pytest
from django.core.cache import caches

from portal.interactions import flush_interactions, record
from portal.models import Interaction
from tests.factories import DistrictFactory, OrganizerFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_an_anonymous_view_is_written_at_once_without_a_person():
    organizer = OrganizerFactory()
    record(user=None, target=organizer, action=Interaction.Action.VIEW, district=organizer.district)
    row = Interaction.objects.get()
    assert (row.target, row.action, row.district, row.user) == (organizer, "view", organizer.district, None)


def test_the_person_is_kept_only_with_consent_to_personalisation():
    district = DistrictFactory()
    target = OrganizerFactory()
    agreed, declined = UserFactory(), UserFactory()
    for user, consent in ((agreed, True), (declined, False)):
        user.profile.district = district
        user.profile.personalisation_consent = consent
        user.profile.save()
        record(user=user, target=target, action=Interaction.Action.READ)
    rows = {row.user_id: row for row in Interaction.objects.all()}
    assert set(rows) == {agreed.pk, None}
    assert all(row.district == district for row in rows.values())


def test_recording_never_fails_the_caller():
    record(user=None, target=object(), action=Interaction.Action.VIEW)  # not a model: logged, dropped
    assert not Interaction.objects.exists()


def test_the_flush_task_has_nothing_to_do_without_redis():
    assert type(caches["default"]).__name__ != "RedisCache"
    assert flush_interactions.delay().get() == 0
