import pytest
from django.utils import translation

from tests.factories import EventFactory, OrganizerFactory, UserFactory, make_staff


@pytest.fixture(autouse=True)
def _english():
    """Service messages are read in English here, unless a test overrides the language."""
    with translation.override("en"):
        yield


@pytest.fixture
def organizer(db):
    return OrganizerFactory()


@pytest.fixture
def event(organizer):
    return EventFactory(organizer=organizer)


@pytest.fixture
def staff(organizer):
    return make_staff(organizer)


@pytest.fixture
def resident(db):
    return UserFactory()


@pytest.fixture
def english_resident(db):
    user = UserFactory()
    user.profile.preferred_languages = ["en"]
    user.profile.save()
    return user
