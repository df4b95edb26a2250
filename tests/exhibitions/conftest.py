import pytest
from django.utils import translation

from tests.factories import OrganizerFactory, UserFactory, make_staff

from .factories import ExhibitionFactory


@pytest.fixture(autouse=True)
def _english():
    """Refusals and pages are read in English here, unless a test overrides the language."""
    with translation.override("en"):
        yield


@pytest.fixture
def organizer(db):
    return OrganizerFactory()


@pytest.fixture
def staff(organizer):
    return make_staff(organizer)


@pytest.fixture
def other_staff(db):
    return make_staff(OrganizerFactory())


@pytest.fixture
def resident(db):
    return UserFactory()


@pytest.fixture
def exhibition(organizer):
    return ExhibitionFactory(organizer=organizer)
