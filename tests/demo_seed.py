"""The `demo` fixture: one seeded demo per test process, shared by the tests that ask for it.

`manage.py seed_demo` takes seconds, and a score of tests read the demo. Seeding it for each of them
made it the slowest part of the suite, and each app that adds a `demo.py` would add to that again.

How it works
------------
The first test that asks for `demo` seeds it into the test database inside a transaction that stays
open: an outer atomic block, opened by the session-scoped `_demo_seed` (pytest sets up fixtures of a
wider scope first, so it is open before pytest-django's per-test atomic block). Each test then runs as
usual inside its own atomic block, which is now a savepoint in that transaction and is rolled back at
the test's end: what a test changes (a second seed run, a password it sets) is gone for the next one,
while the seed stays. Nothing is ever committed.

A test that does not ask for `demo` never sees it: before such a test starts (`pytest_runtest_setup`),
the seed's transaction is rolled back and the database is as empty as pytest-django leaves it. The
tests that ask for `demo` are moved to the end of the collection, so each process (each xdist worker:
the scheduler hands out tests in collection order) runs its other tests first and seeds once. When
another test still comes in between (a plugin that shuffles the order, say), the seed is rolled back
and made again for the next demo test: slower, never wrong.

Why not the alternatives: data loaded in `django_db_setup` (pytest-django's documented way) is
committed for every test of the process, and tests that count rows would break; a second database
alias would need every service to route there; a copied template database is specific to the backend
(SQLite's backup API, PostgreSQL's CREATE DATABASE … TEMPLATE); a module-scoped seed would still seed
once per file. A test that proves something about seeding calls `seed_demo` again on top of the
shared seed (idempotence, production passwords) or reads what the first run printed and queued
(`demo.output`, `demo.queued_tasks`, `demo.on_commit`). The first run on an empty database under
production settings and a failing app's rollback still need their own empty database.

The demo needs the non-transactional `db` (a transactional test flushes and commits). It is seeded in
the conditions the root conftest gives each unit test (fast hasher, local cache, eager Celery, media
in a throw-away folder), outside production (demo passwords), in the site's default language as
`manage.py` runs it; each test that asks for `demo` gets MEDIA_ROOT pointed at the seed's media, so
the venue photos it made are there.
"""

import io
from contextlib import ExitStack
from unittest import mock

import pytest
from celery.app.task import Task
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.utils import translation

# As the root conftest sets them for each unit test, and outside production (demo passwords).
SEED_SETTINGS = {
    "PRODUCTION": False,
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "demo-seed"}},
    "EXHIBITIONS_DEMO_IMAGE_SIZE": "800x600",  # the exhibitions demo's artworks, small in tests
}


class SharedDemo:
    """The seeded demo of this test process: `output` printed and `queued_tasks` sent by its first run,
    `on_commit` the callbacks it left for a commit that never comes."""

    def __init__(self, blocker, tmp_path_factory):
        self._blocker = blocker
        self._tmp_path_factory = tmp_path_factory
        self._atomic = None

    @property
    def is_open(self):
        return self._atomic is not None

    def open(self):
        if self.is_open:
            return
        from portal.celery import app

        self.media_root = self._tmp_path_factory.mktemp("demo-media")
        out, queued = io.StringIO(), []
        send = Task.apply_async

        def recording(task, *args, **kwargs):
            queued.append(task.name)
            return send(task, *args, **kwargs)

        with ExitStack() as stack:
            stack.enter_context(self._blocker.unblock())
            stack.enter_context(
                override_settings(
                    **SEED_SETTINGS, MEDIA_ROOT=self.media_root, EMAIL_FILE_PATH=self.media_root.parent / "demo-mail"
                )
            )
            stack.enter_context(translation.override(settings.LANGUAGE_CODE))
            eager = app.conf.task_always_eager
            app.conf.task_always_eager = True
            stack.callback(setattr, app.conf, "task_always_eager", eager)
            stack.enter_context(mock.patch.object(Task, "apply_async", recording))
            self._atomic = transaction.atomic()
            self._atomic._from_testcase = True  # a durable block inside is allowed, as in a test case's
            self._atomic.__enter__()
            pending = len(connection.run_on_commit)
            try:
                call_command("seed_demo", stdout=out)
            except BaseException:
                self.close()
                raise
            self.on_commit = [callback for _, callback, _ in connection.run_on_commit[pending:]]
        self.output, self.queued_tasks = out.getvalue(), queued

    def close(self):
        """Roll the seed back: the test database is empty again."""
        if not self.is_open:
            return
        with self._blocker.unblock():
            transaction.set_rollback(True)
            self._atomic.__exit__(None, None, None)
        self._atomic = None


_shared = None  # this process's SharedDemo, once a test asked for it


@pytest.fixture(scope="session")
def _demo_seed(django_db_setup, django_db_blocker, tmp_path_factory):
    global _shared
    _shared = SharedDemo(django_db_blocker, tmp_path_factory)
    _shared.open()
    yield _shared
    _shared.close()
    _shared = None


@pytest.fixture
def demo(request, _demo_seed, db, settings):
    """The demo, seeded once per process and shared; this test's changes are rolled back after it."""
    marker = request.node.get_closest_marker("django_db")
    if "transactional_db" in request.fixturenames or (marker and marker.kwargs.get("transaction")):
        pytest.fail("the shared demo needs the non-transactional `db`", pytrace=False)
    assert _demo_seed.is_open
    settings.MEDIA_ROOT = _demo_seed.media_root
    return _demo_seed


def wants_demo(item):
    return "demo" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(items):
    items[:] = [item for item in items if not wants_demo(item)] + [item for item in items if wants_demo(item)]


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    if _shared is None:
        return  # the first demo test opens it in `_demo_seed`
    if wants_demo(item):
        _shared.open()
    else:
        _shared.close()
