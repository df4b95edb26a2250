"""`make bench` on PostgreSQL: a crowd registers for one event at the same moment, through the API.

    make bench DATABASE_URL=postgres://user@host:port/anydb

Creates a throw-away database beside the one named (`<name>_burst`, dropped at the end), migrates it,
makes one published event with BURST_SEATS seats and BURST_PEOPLE verified residents with API tokens,
starts gunicorn (BURST_WORKERS processes × BURST_THREADS threads) and releases all residents at once,
each POSTing /api/events/<id>/register/ in a thread of its own. Prints how the seats came out
(confirmed, waitlisted, errors — they must be exact), the wall time, the rate and the latency
percentiles. Without REDIS_URL, Celery runs eagerly, as the embedded default does: each request
also renders and delivers its confirmation after its commit. With REDIS_URL (as in production) the
request only writes the outbox row and queues its delivery for a worker, which is not started here:
delivery is not part of that figure.
"""

import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PEOPLE = int(os.environ.get("BURST_PEOPLE", 500))
SEATS = int(os.environ.get("BURST_SEATS", 100))
WORKERS = int(os.environ.get("BURST_WORKERS", 2))
THREADS = int(os.environ.get("BURST_THREADS", 4))
PORT = int(os.environ.get("BURST_PORT", 8765))


def burst_database(url):
    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'portal'}_burst"
    return name, urlunsplit(parts._replace(path=f"/{name}")), urlunsplit(parts._replace(path="/postgres"))


def recreate(admin_url, name, drop_only=False):
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            connection.execute(f'CREATE DATABASE "{name}"')


def prepare():
    """The event and the crowd, written directly (sign-in is rate-limited per address, as it should be)."""
    import django

    django.setup()
    from datetime import timedelta

    from allauth.account.models import EmailAddress
    from django.core.management import call_command
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from events.models import Event
    from portal.models import District, Organizer, User

    call_command("migrate", verbosity=0)
    district = District.objects.create(code="bench", name_zh_hans="基准区", name_en="Bench district", population=1)
    organizer = Organizer.objects.create(
        name_zh_hans="基准文化馆", name_en="Benchmark centre", slug="bench", district=district
    )
    start = timezone.now() + timedelta(days=30)
    event = Event.objects.create(
        organizer=organizer,
        title_zh_hans="基准测试音乐会",
        title_en="Benchmark concert",
        slug="burst-concert",
        start=start,
        end=start + timedelta(hours=2),
        status=Event.Status.PUBLISHED,
        capacity=SEATS,
        waitlist_enabled=True,
    )
    users = User.objects.bulk_create(User(username=f"burst-{n}", email=f"burst-{n}@example.org") for n in range(PEOPLE))
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
    )
    tokens = Token.objects.bulk_create(Token(user=user, key=Token.generate_key()) for user in users)
    return event.pk, [token.key for token in tokens]


def serve(env):
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        "portal.wsgi",
        "-b",
        f"127.0.0.1:{PORT}",
        "--workers",
        str(WORKERS),
        "--threads",
        str(THREADS),
        "--backlog",
        "2048",
        "--timeout",
        "120",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/api/events/", timeout=2)
            return server
        except (urllib.error.URLError, ConnectionError):
            if server.poll() is not None:
                sys.exit(f"gunicorn exited: {server.stderr.read().decode()[-2000:]}")
            time.sleep(0.2)
    sys.exit("gunicorn did not answer")


def register(event_id, token):
    request = urllib.request.Request(
        f"http://127.0.0.1:{PORT}/api/events/{event_id}/register/",
        data=b"{}",
        method="POST",
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json", "Accept-Language": "en"},
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            outcome = json.loads(response.read()).get("status", str(response.status))
    except urllib.error.HTTPError as exc:
        outcome = f"HTTP {exc.code}"
    except Exception as exc:  # noqa: BLE001 - every failure is counted, none is lost
        outcome = type(exc).__name__
    return outcome, time.perf_counter() - started


def crowd(event_id, tokens):
    results = [None] * len(tokens)
    barrier = threading.Barrier(len(tokens) + 1)

    def run(index, token):
        barrier.wait()
        results[index] = register(event_id, token)

    threads = [threading.Thread(target=run, args=pair, daemon=True) for pair in enumerate(tokens)]
    for thread in threads:
        thread.start()
    barrier.wait()
    released = time.perf_counter()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - released


def report(results, wall, event_id):
    from django.db.models import Sum

    from events.models import Registration

    outcomes = Counter(outcome for outcome, _seconds in results)
    latencies = sorted(seconds for _outcome, seconds in results)
    rows = Registration.objects.filter(event_id=event_id)
    seats = rows.filter(status=Registration.Status.CONFIRMED).aggregate(seats=Sum("party_size"))["seats"] or 0
    waiting = rows.filter(status=Registration.Status.WAITLISTED).count()
    broker = "Redis broker" if os.environ.get("REDIS_URL") else "eager Celery"
    print(f"burst: {PEOPLE} residents, {SEATS} seats, gunicorn {WORKERS} × {THREADS}, PostgreSQL, {broker}")
    print(f"answers: {dict(sorted(outcomes.items()))}")
    print(f"in the database: {seats} seats confirmed, {waiting} waitlisted")
    print(f"wall {wall:.1f} s, {PEOPLE / wall:.0f} registrations/s")
    p = lambda q: latencies[min(len(latencies) - 1, int(len(latencies) * q))]  # noqa: E731
    print(f"latency p50 {statistics.median(latencies):.2f} s, p90 {p(0.9):.2f} s, p99 {p(0.99):.2f} s")
    exact = seats == SEATS and waiting == PEOPLE - SEATS and outcomes.get("confirmed") == SEATS
    if not exact:
        sys.exit("NOT EXACT: the seats did not come out as they must")


def main():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("burst.py needs DATABASE_URL=postgres://…")
    name, bench_url, admin_url = burst_database(url)
    workdir = tempfile.mkdtemp(prefix="portal-burst-")
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_DEBUG"},
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DATABASE_URL": bench_url,
        "MEDIA_ROOT": f"{workdir}/media",
        "EMAIL_URL": f"file://{workdir}/mail",
        "LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    recreate(admin_url, name)
    server = None
    try:
        event_id, tokens = prepare()
        from django.db import connections

        connections.close_all()
        server = serve(env)
        results, wall = crowd(event_id, tokens)
        report(results, wall, event_id)
    finally:
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        from django.db import connections

        connections.close_all()
        recreate(admin_url, name, drop_only=True)


if __name__ == "__main__":
    main()
