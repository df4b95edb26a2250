"""The API answers what /api/schema/ says: schemathesis runs every operation against the app in process.

Each operation gets 25 generated requests (bodies, path and query parameters), and schemathesis' coverage
phase adds boundary and invalid ones; they are sent as a
resident and as organizer staff, each with a token, to the WSGI application loaded with the schema it
serves; every answer must be no 5xx, a status the schema declares for the operation, and a body that
conforms to the schema. Derandomised and without deadlines (and without Hypothesis' example database),
so a run in CI is the same as a run here. No later endpoint can drift from its schema.
"""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from tests.exhibitions.factories import ExhibitionFactory, ItemFactory, SectionFactory, ready_image
from tests.factories import (
    DistrictFactory,
    EvaluationFactory,
    EventFactory,
    OpenProposalFactory,
    OrganizerFactory,
    ProposalFactory,
    RegistrationFactory,
    UserFactory,
    VolunteerRoleFactory,
    VotingRoundFactory,
    attendee_of,
    make_staff,
    past_event,
)
from tests.library.factories import SubjectFactory, make_resource


@pytest.fixture
def _requests_keep_the_test_transaction():
    """As Django's test client does: a request must not close the connection that holds the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def portal(db):
    """A small portal: an organizer with events of every kind, proposals in rounds that show or hide counts."""
    organizer = OrganizerFactory()
    staff = make_staff(organizer)
    resident = UserFactory()
    event = EventFactory(organizer=organizer)
    EventFactory(organizer=organizer, status="draft")
    EventFactory(organizer=organizer, venue=None)
    RegistrationFactory(event=event, user=resident)
    VolunteerRoleFactory(event=event)
    ended = past_event(organizer=organizer)
    attendee_of(ended, user=resident)
    for _ in range(2):
        EvaluationFactory(event=ended, user=attendee_of(ended), comment="Good.", anonymous=True)
    OpenProposalFactory(round=VotingRoundFactory(hide_counts_until_closed=True))
    OpenProposalFactory(district=DistrictFactory(), proposer=resident)
    closed = VotingRoundFactory(starts=timezone.now() - timezone.timedelta(days=9), ends=timezone.now())
    ProposalFactory(status="selected", round=closed, rank=1, vote_count=3)
    ProposalFactory()
    make_resource(organizer=organizer, subjects=[SubjectFactory()], description_en="<p>Red & gold</p>", date="1923")
    make_resource(organizer=organizer, access="staff", title_en="Staff only")
    exhibition = ExhibitionFactory(organizer=organizer, slug="demo-bronzes")
    ready_image(ItemFactory(exhibition=exhibition, section=SectionFactory(exhibition=exhibition)))
    return {
        "resident": Token.objects.create(user=resident).key,
        "staff": Token.objects.create(user=staff).key,
    }


# Loaded at collection, one test per operation: schemathesis' fixture-loaded schema
# (`schemathesis.pytest.from_fixture`) does not run under pytest 9 (it sets `Function._nodeid`).
APP = get_wsgi_application()
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", APP)


HYPOTHESIS = settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def call_and_validate(case, token):
    cache.clear()  # throttles count in the cache: each request is judged on its own
    case.call_and_validate(
        headers={"Authorization": f"Token {token}", "Accept-Language": "en"},
        checks=[not_a_server_error, status_code_conformance, response_schema_conformance],
        environ_base={"REMOTE_ADDR": "203.0.113.5"},  # as any server sets it; werkzeug's client does not
    )


@schema.parametrize()
@HYPOTHESIS
def test_as_a_resident(case, portal, _requests_keep_the_test_transaction):
    call_and_validate(case, portal["resident"])


@schema.parametrize()
@HYPOTHESIS
def test_as_organizer_staff(case, portal, _requests_keep_the_test_transaction):
    call_and_validate(case, portal["staff"])
