"""Registrations under real parallel load, through the public API, on PostgreSQL.

Every request is real HTTP from its own client thread to a live server (Django's LiveServerThread: one
server thread and one database connection per request, closed after it), authenticated with an API token,
so the row lock in events.services and the unique constraint are what keep the numbers right.
Rows are committed (`transactional_db`); tasks go to this process's own queues (`queues`).

Run with `-s` or `-rA` to see the burst figures.
"""

import json
import logging
import threading
import time
import urllib.error
import urllib.request
from collections import Counter

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread, _StaticFilesHandler
from rest_framework.authtoken.models import Token

from events.models import Registration
from events.services import registrations as registration_services
from portal.models import OutgoingEmail
from portal.tasks import send_pending_emails
from tests.factories import EventFactory, UserFactory

from .conftest import broker_unreachable

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

CONFIRMED, WAITLISTED, CANCELLED = (
    Registration.Status.CONFIRMED,
    Registration.Status.WAITLISTED,
    Registration.Status.CANCELLED,
)
BURST = 100
CAPACITY = 10


class CrowdServer(ThreadedWSGIServer):
    # Django's test server listens with a backlog of 10, so the kernel resets the rest of a crowd that
    # connects at once; production servers queue far more (gunicorn: 2048).
    request_queue_size = 1024


class CrowdServerThread(LiveServerThread):
    server_class = CrowdServer


@pytest.fixture
def server_url(transactional_db):
    """A live server of its own (pytest-django's `live_server` has the small backlog)."""
    thread = CrowdServerThread("127.0.0.1", _StaticFilesHandler)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()


@pytest.fixture
def api(server_url, queues):
    """POST to the live server as the holder of a token: (status, JSON body); never raises on 4xx/5xx."""

    def post(path, token, data=None):
        request = urllib.request.Request(
            f"{server_url}{path}",
            data=json.dumps(data or {}).encode(),
            method="POST",
            headers={
                "Authorization": f"Token {token}",
                "Content-Type": "application/json",
                "Accept-Language": "en",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as exc:
            body = exc.read()
            try:
                return exc.code, json.loads(body)
            except ValueError:
                return exc.code, body.decode(errors="replace")[:500]

    return post


def residents(count):
    """Verified residents with API tokens (made directly: the sign-in endpoint is throttled per address)."""
    users = [UserFactory() for _ in range(count)]
    return [(user, Token.objects.create(user=user).key) for user in users]


def in_parallel(calls):
    """Run every call in its own thread, all released at once; returns (results, seconds from release).

    A call that raises (connection refused, timeout) is recorded as ("error", repr) so nothing is lost.
    The client threads only speak HTTP; they never open a database connection.
    """
    released = []
    barrier = threading.Barrier(len(calls), action=lambda: released.append(time.monotonic()))
    results = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            results[index] = call()
        except Exception as exc:  # noqa: BLE001 - reported by the test, with the others
            results[index] = ("error", repr(exc))

    threads = [threading.Thread(target=run, args=(index, call)) for index, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads), "a client thread never finished"
    return results, time.monotonic() - released[0]


def assert_invariants(event):
    """Confirmed seats never exceed capacity; nobody waits while a seat is free; one active row per person."""
    event.refresh_from_db()
    active = Registration.objects.filter(event=event, status__in=Registration.ACTIVE)
    seats = sum(r.party_size for r in active if r.status == CONFIRMED)
    waiting = active.filter(status=WAITLISTED).count()
    assert seats <= event.capacity, f"{seats} confirmed seats for {event.capacity}"
    assert waiting == 0 or seats == event.capacity, f"{waiting} waiting while {event.capacity - seats} seats are free"
    per_user = Counter(active.values_list("user_id", flat=True))
    assert max(per_user.values(), default=1) == 1, "someone holds two active registrations"
    return seats, waiting


@pytest.fixture(autouse=True)
def _patient_lock(settings):
    """This test server runs one thread per request, so a whole crowd queues on the event row at once on a
    loaded CI machine; gunicorn's bounded pool keeps that queue short (benchmarks/burst.py: 500 at once,
    nobody refused at the default). Here exact counts are under test, not the lock timeout
    (tests/integration/test_locking.py)."""
    settings.LOCK_TIMEOUT_SECONDS = 60


def test_a_burst_of_registrations_fills_the_seats_and_the_waiting_list(api):
    event = EventFactory(capacity=CAPACITY, waitlist_enabled=True)
    people = residents(BURST)
    path = f"/api/events/{event.pk}/register/"

    results, seconds = in_parallel([lambda token=token: api(path, token) for _user, token in people])

    errors = [result for result in results if result[0] != 201]
    assert not errors, f"{len(errors)} of {BURST} requests failed, e.g. {errors[:3]}"
    statuses = Counter(body["status"] for _code, body in results)
    print(
        f"\nburst: {BURST} parallel registrations over HTTP for {CAPACITY} seats in {seconds:.2f}s "
        f"({BURST / seconds:.0f}/s): {statuses[CONFIRMED]} confirmed, {statuses[WAITLISTED]} waitlisted, "
        f"{len(errors)} errors"
    )
    assert statuses == {CONFIRMED: CAPACITY, WAITLISTED: BURST - CAPACITY}
    rows = Registration.objects.filter(event=event)
    assert rows.count() == BURST
    assert Counter(rows.values_list("user_id", flat=True)) == Counter(user.pk for user, _token in people)
    assert rows.filter(status=CONFIRMED).count() == CAPACITY
    # The API's answers are the database's: each 201 named the row it made, with its status.
    assert {(body["id"], body["status"]) for _code, body in results} == set(rows.values_list("id", "status"))
    # Waiting-list order follows the order in which the rows were written: positions 1..90, no gaps.
    positions = sorted(body["waitlist_position"] for _code, body in results if body["status"] == WAITLISTED)
    assert positions == list(range(1, BURST - CAPACITY + 1))
    assert assert_invariants(event) == (CAPACITY, BURST - CAPACITY)


def test_parallel_cancellations_and_registrations_keep_the_invariants(api):
    event = EventFactory(capacity=CAPACITY, waitlist_enabled=True)
    holders = residents(CAPACITY)
    waiting = residents(10)
    newcomers = residents(20)
    for user, _token in holders + waiting:
        registration_services.register(user=user, event=event, notify=False)
    assert assert_invariants(event) == (CAPACITY, 10)
    leaving = holders[:6] + waiting[:4]  # six seats given back, four people leave the waiting list
    register_path = f"/api/events/{event.pk}/register/"
    cancel_path = f"/api/events/{event.pk}/cancel/"
    calls = [lambda token=token: api(cancel_path, token) for _user, token in leaving]
    calls += [lambda token=token: api(register_path, token) for _user, token in newcomers]

    results, seconds = in_parallel(calls)

    cancellations, registrations = results[: len(leaving)], results[len(leaving) :]
    assert [code for code, _body in cancellations] == [200] * len(leaving), cancellations
    assert all(body["status"] == CANCELLED for _code, body in cancellations)
    assert [code for code, _body in registrations] == [201] * len(newcomers), registrations
    seats, still_waiting = assert_invariants(event)
    print(
        f"\nmixed: {len(leaving)} cancellations and {len(newcomers)} registrations in parallel in {seconds:.2f}s: "
        f"{seats} confirmed, {still_waiting} waitlisted"
    )
    # 10 + 10 - 10 + 20 = 30 active: the seats are all taken and the other 20 wait.
    assert (seats, still_waiting) == (CAPACITY, 20)
    # Nobody who stayed lost a place: every holder who did not leave is still confirmed.
    stayed = [user.pk for user, _token in holders[6:]]
    assert set(Registration.objects.filter(event=event, user_id__in=stayed).values_list("status", flat=True)) == {
        CONFIRMED
    }
    # Promotions went to the waiting list first come, first served: the six still waiting from before
    # were ahead of every newcomer, so all six now hold a seat.
    earlier = [user.pk for user, _token in waiting[4:]]
    assert set(Registration.objects.filter(event=event, user_id__in=earlier).values_list("status", flat=True)) == {
        CONFIRMED
    }


def test_one_person_registering_twice_at_once_gets_one_registration(api):
    event = EventFactory(capacity=CAPACITY, waitlist_enabled=True)
    people = residents(10)
    path = f"/api/events/{event.pk}/register/"
    calls = [lambda token=token: api(path, token) for _user, token in people for _twice in range(2)]

    results, seconds = in_parallel(calls)

    print(f"\ndouble: {len(calls)} requests ({len(people)} people, each twice at once) in {seconds:.2f}s")
    for index, (user, _token) in enumerate(people):
        pair = results[2 * index : 2 * index + 2]
        assert sorted(code for code, _body in pair) == [201, 409], pair
        conflict = next(body for code, body in pair if code == 409)
        assert conflict == {"detail": "You are already registered for this event.", "code": "already_registered"}
        assert Registration.objects.filter(user=user, event=event).count() == 1
    assert assert_invariants(event) == (CAPACITY, 0)


def test_no_confirmation_is_lost_while_the_broker_is_down(api, celery_worker, celery_app, caplog):
    event = EventFactory(capacity=50, waitlist_enabled=True)
    people = residents(20)
    path = f"/api/events/{event.pk}/register/"

    with broker_unreachable(celery_app), caplog.at_level(logging.WARNING, logger="portal.background"):
        results, _seconds = in_parallel([lambda token=token: api(path, token) for _user, token in people])

    # Each request's after-commit hook tried the dead broker and logged instead of failing the request.
    refused = [r for r in caplog.records if "Could not queue portal.tasks.deliver_email" in r.getMessage()]
    assert len(refused) == len(people)

    # The registrations stand although no task could be queued; each has its confirmation waiting.
    assert [code for code, _body in results] == [201] * len(people), results
    assert {body["status"] for _code, body in results} == {CONFIRMED}
    for user, _token in people:
        (email,) = OutgoingEmail.objects.filter(to=user.email)
        assert email.sent_at is None and email.attempts == 0
    assert not celery_worker.mail_files()

    # The broker is back: the beat sweep, run by the real worker, sends each confirmation once.
    send_pending_emails.delay()
    celery_worker.wait_for(
        lambda: not OutgoingEmail.objects.filter(sent_at__isnull=True).exists(),
        what="the beat sweep to send every waiting confirmation",
        timeout=60,
    )
    assert OutgoingEmail.objects.count() == len(people)
    assert set(OutgoingEmail.objects.values_list("attempts", flat=True)) == {1}

    def recipients():
        found = Counter()
        for mail_file in celery_worker.mail_files():
            for line in mail_file.read_text().splitlines():
                if line.startswith("To: "):
                    found[line[4:].strip()] += 1
        return found

    expected = Counter(user.email for user, _token in people)
    celery_worker.wait_for(lambda: sum(recipients().values()) >= len(people), what="a mail per confirmation")
    assert recipients() == expected
    assert "portal.tasks.send_pending_emails" in celery_worker.log()
