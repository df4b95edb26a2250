"""Helpers shared by every app's tests: clients, pages, the permission matrix, query counting, threads."""

import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from portal.errors import ServiceError

ROLES = ("anonymous", "citizen", "other_citizen", "organizer_staff", "superuser")


def client_for(user):
    client = Client(headers={"accept-language": "en"})
    if user is not None:
        client.force_login(user)
    return client


def api(user=None, token=False):
    """An API client reading English: anonymous, authenticated as `user`, or holding `user`'s token."""
    client = APIClient(headers={"accept-language": "en"})
    if user is not None:
        if token:
            client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
        else:
            client.force_authenticate(user)
    return client


def html(response, status=200):
    """The page's text, once its status is checked."""
    assert response.status_code == status, response.status_code
    return response.content.decode()


def in_parallel(calls):
    """Run every call at the same moment, one thread and one database connection each; returns the outcomes:
    "ok" or the code of the refusal (a ServiceError) it raised."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait(timeout=30)
            call()
            return "ok"
        except ServiceError as exc:
            return exc.code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def assert_permission_matrix(users, matrix, method="get", data=None):
    """`matrix` maps a URL to {role: expected status}; `users` maps a role to a user (None for anonymous).

    Every cell is checked and all mismatches are reported together, so one run shows the whole picture.
    """
    failures = []
    for url, expected_by_role in matrix.items():
        for role, expected in expected_by_role.items():
            response = getattr(client_for(users[role]), method)(url, data or {})
            if response.status_code != expected:
                failures.append(f"{method.upper()} {url} as {role}: expected {expected}, got {response.status_code}")
    assert not failures, "\n".join(failures)


@contextmanager
def assert_max_queries(limit):
    """Guard a hot path against N+1 queries: fails listing the queries when more than `limit` ran."""
    with CaptureQueriesContext(connection) as captured:
        yield captured
    count = len(captured.captured_queries)
    queries = "\n".join(q["sql"] for q in captured.captured_queries)
    assert count <= limit, f"{count} queries (limit {limit}):\n{queries}"


def csv_rows(response):
    """The rows of a CSV download (streamed or not), after checking it is UTF-8 with a byte-order mark."""
    import csv
    import io

    assert response["Content-Type"].startswith("text/csv")
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    text = raw.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def mail_as_sent():
    """The outbox as people will read it: queued mail is delivered first (the beat task), since mail written
    by reference (portal.messaging) is rendered when it is delivered, and tests never commit."""
    from portal.models import OutgoingEmail
    from portal.tasks import send_pending_emails

    send_pending_emails()
    return OutgoingEmail.objects
