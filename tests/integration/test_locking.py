"""A row held longer than LOCK_TIMEOUT_SECONDS is refused as busy, not queued for (portal.locking), on PostgreSQL.

Another connection (a thread of its own) holds the event row FOR UPDATE, as a long registration would;
a resident's registration through the API gets 503 with Retry-After, and through the page the message
where the form was. Nothing is written, and once the row is free the same request succeeds.
"""

import threading
import time

import pytest
from django.db import connection, transaction

from events.models import Event, Registration
from tests.factories import EventFactory, UserFactory
from tests.utils import client_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

BUSY = "Many people are signing up right now. Please try again in a moment."


@pytest.fixture
def hold_row():
    """hold_row(event) locks its row from another connection until the test ends (or `release()`)."""
    release, held, threads = threading.Event(), threading.Event(), []

    def hold(pk):
        try:
            with transaction.atomic():
                Event.objects.select_for_update().get(pk=pk)
                held.set()
                release.wait(30)
        finally:
            connection.close()

    def start(event):
        thread = threading.Thread(target=hold, args=(event.pk,), daemon=True)
        thread.start()
        threads.append(thread)
        assert held.wait(10), "the other connection did not get the lock"

    start.release = release.set
    yield start
    release.set()
    for thread in threads:
        thread.join(10)


@pytest.fixture
def short_timeout(settings):
    settings.LOCK_TIMEOUT_SECONDS = 0.5
    return 0.5


def test_the_api_answers_503_with_retry_after_when_the_event_row_is_held(hold_row, short_timeout, queues):
    event, client = EventFactory(), client_for(UserFactory())
    hold_row(event)
    started = time.monotonic()
    response = client.post(f"/api/events/{event.pk}/register/", {}, content_type="application/json")
    waited = time.monotonic() - started
    assert response.status_code == 503, response.content
    assert response["Retry-After"] == "5"
    assert response.json() == {"detail": BUSY, "code": "busy"}
    assert short_timeout <= waited < short_timeout + 5
    assert not Registration.objects.exists()

    hold_row.release()
    time.sleep(0.2)
    response = client.post(f"/api/events/{event.pk}/register/", {}, content_type="application/json")
    assert response.status_code == 201, response.content


def test_the_page_shows_the_message_when_the_event_row_is_held(hold_row, short_timeout, queues):
    event, client = EventFactory(), client_for(UserFactory())
    page = event.get_absolute_url()
    hold_row(event)
    response = client.post(f"{page}register/", {"party_size": 1}, headers={"referer": f"http://testserver{page}"})
    assert response.status_code == 302 and response["Location"] == f"http://testserver{page}"
    assert BUSY in client.get(page).content.decode()
    assert not Registration.objects.exists()
