"""`make bench`: how fast the portal answers its busiest pages on the embedded default.

Builds the demo in a throw-away SQLite database, then times requests through Django's test
client (no network, one process): the figures compare versions of the code, not servers.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = tempfile.mkdtemp(prefix="portal-bench-")
os.environ.update(
    DJANGO_SETTINGS_MODULE="portal.settings",
    DATABASE_URL=f"sqlite:///{WORKDIR}/bench.sqlite3",
    MEDIA_ROOT=f"{WORKDIR}/media",
    EMAIL_URL=f"file://{WORKDIR}/mail",
    LOG_LEVEL="WARNING",
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

REQUESTS = int(os.environ.get("BENCH_REQUESTS", 300))
PAGES = [
    "/",
    "/events/",
    "/events/calendar/",
    "/events/{event}/",
    "/proposals/",
    "/proposals/{proposal}/",
    "/search/?q=concert",
    "/accounts/login/",
    "/api/events/",
    "/api/proposals/",
    "/api/schema/",
]


def timed(callable_, count):
    durations = []
    for _ in range(count):
        start = time.perf_counter()
        callable_()
        durations.append(time.perf_counter() - start)
    return durations


def row(label, durations):
    durations_ms = sorted(d * 1000 for d in durations)
    p95 = durations_ms[int(len(durations_ms) * 0.95) - 1]
    rate = len(durations) / sum(durations)
    return f"| {label} | {len(durations)} | {statistics.median(durations_ms):.1f} | {p95:.1f} | {rate:.0f} |"


def main():
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0)
    print(f"demo built in {time.perf_counter() - start:.1f} s\n")
    print("| request | n | median ms | p95 ms | per second |")
    print("|---|---|---|---|---|")
    from events.models import Event, Proposal

    names = {
        "event": Event.objects.filter(slug__startswith="demo-").order_by("start").last().slug,
        "proposal": Proposal.objects.order_by("pk").first().pk,
    }
    client = Client(headers={"accept-language": "zh-hans"})
    for url in (page.format(**names) for page in PAGES):
        client.get(url)  # warm caches and template loading
        print(row(f"GET {url}", timed(lambda url=url: client.get(url), REQUESTS)))

    def sign_in():
        response = Client(REMOTE_ADDR="10.1.1.1").post(
            "/accounts/login/", {"login": "resident", "password": "demo-pass-2026"}
        )
        assert response.status_code == 302, response.status_code

    print(row("sign-in, one address (real password hasher)", timed(sign_in, 30)))
    print(row("register (service, 200 residents, one event)", register_burst(200)))


def register_burst(count):
    """Sequential registrations through events.services.register, confirmation mail included."""
    from datetime import timedelta

    from allauth.account.models import EmailAddress
    from django.utils import timezone

    from events.models import Event
    from events.services import registrations
    from portal.models import Organizer, User

    start = timezone.now() + timedelta(days=30)
    event = Event.objects.create(
        organizer=Organizer.objects.first(),
        title_zh_hans="基准测试音乐会",
        title_en="Benchmark concert",
        start=start,
        end=start + timedelta(hours=2),
        status=Event.Status.PUBLISHED,
        capacity=count // 2,
    )
    users = [User.objects.create(username=f"bench-{n}", email=f"bench-{n}@example.org") for n in range(count)]
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
    )
    people = iter(users)
    return timed(lambda: registrations.register(user=next(people), event=event), count)


if __name__ == "__main__":
    main()
