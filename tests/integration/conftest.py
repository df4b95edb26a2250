"""PostgreSQL, Redis and a real Celery worker: the production path of side effects.

When these tests run
--------------------
They need `DATABASE_URL=postgres://…` and `REDIS_URL=redis://…`. Without them they skip, so
`make test` on the embedded default stays green. A configured service that does not answer is a
failure, not a skip; and `REQUIRE_INTEGRATION=1` (set by .ci/run) turns every skip into a failure,
so CI cannot pass without having run them.

Running beside other tests and under xdist
------------------------------------------
Each test process (each xdist worker, and each run) sends its tasks to queues of its own:
`default.<token>`, `email.<token>`, … The Celery worker it starts listens only to those, and it
reads the database that process's tests write (pytest-django's test database, e.g.
`test_portal_gw1`). So integration tests run in parallel with `-n auto` without taking each
other's messages, and never pick up a message that another test left in the shared Redis. This
keeps one `pytest -n auto` run for the whole suite instead of a second, serial run.
"""

import os
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

PROJECT_DIR = Path(__file__).resolve().parents[2]
WORKER_START_SECONDS = 60
QUEUE_NAMES = ("default", "email", "media", "analytics")


def _services_problem():
    """None when PostgreSQL and Redis are configured and answer; else (must_fail, reason)."""
    database = settings.DATABASES["default"]
    is_postgres = database["ENGINE"] == "django.db.backends.postgresql"
    if is_postgres:
        import psycopg

        try:
            psycopg.connect(
                host=database.get("HOST") or "localhost",
                port=database.get("PORT") or 5432,
                user=database.get("USER") or None,
                password=database.get("PASSWORD") or None,
                dbname="postgres",
                connect_timeout=5,
            ).close()
        except psycopg.Error as exc:
            return True, f"DATABASE_URL points at PostgreSQL, but it does not answer: {exc}"
    if settings.REDIS_URL:
        import redis

        try:
            redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=5, socket_timeout=5).ping()
        except redis.RedisError as exc:
            return True, f"REDIS_URL is set, but Redis does not answer: {exc}"
    missing = [
        text
        for absent, text in (
            (not is_postgres, "DATABASE_URL=postgres://…"),
            (not settings.REDIS_URL, "REDIS_URL=redis://…"),
        )
        if absent
    ]
    if missing:
        return False, f"integration tests need {' and '.join(missing)}"
    return None


@pytest.fixture(scope="session", autouse=True)
def integration_services():
    problem = _services_problem()
    if problem is None:
        return
    must_fail, reason = problem
    if must_fail:
        pytest.fail(reason, pytrace=False)
    if os.environ.get("REQUIRE_INTEGRATION") == "1":
        pytest.fail(f"REQUIRE_INTEGRATION=1 but {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def celery_app():
    from portal.celery import app

    assert not app.conf.task_always_eager, "with REDIS_URL set, tasks must go through the broker"
    return app


@pytest.fixture(scope="session")
def queues(celery_app):
    """Route this process's tasks to queues of its own (see the module docstring)."""
    token = f"{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{uuid.uuid4().hex[:8]}"
    names = {name: f"{name}.{token}" for name in QUEUE_NAMES}
    saved = {"task_default_queue": celery_app.conf.task_default_queue, "task_routes": celery_app.conf.task_routes}
    routes = {task: {**route, "queue": names[route["queue"]]} for task, route in settings.CELERY_TASK_ROUTES.items()}
    celery_app.conf.update(task_default_queue=names["default"], task_routes=routes)
    router = celery_app.amqp.router
    assert router.route({}, "portal.tasks.deliver_email")["queue"].name == names["email"]
    assert router.route({}, "portal.tasks.make_venue_thumbnail")["queue"].name == names["media"]
    yield names
    celery_app.conf.update(**saved)
    with celery_app.connection_for_write() as connection:
        for name in names.values():
            connection.default_channel.queue_delete(name)


def _database_url(settings_dict):
    """A URL for the database this test process uses: pytest-django's test database."""
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "localhost"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{quote(settings_dict['NAME'], safe='')}"


class Worker:
    def __init__(self, process, *, nodename, log_path, mail_dir):
        self.process = process
        self.nodename = nodename
        self.log_path = log_path
        self.mail_dir = mail_dir

    def log(self):
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def log_tail(self, lines=40):
        return "\n".join(self.log().splitlines()[-lines:])

    def mail_files(self):
        return sorted(self.mail_dir.glob("*")) if self.mail_dir.exists() else []

    def wait_for(self, condition, *, what, timeout=30):
        """Poll `condition` until it is true; fail with the worker's log if it never is."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = condition()
            if result:
                return result
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        state = "running" if self.process.poll() is None else f"exited with {self.process.returncode}"
        raise AssertionError(f"timed out waiting for {what} ({state}); worker log:\n{self.log_tail()}")


@pytest.fixture
def celery_worker(transactional_db, settings, tmp_path, celery_app, queues):
    """A real `celery worker` on this process's queues, reading the test database and media folder.

    One worker per test: each test then has its own MEDIA_ROOT (from the root conftest) and mail
    folder, and nothing a test left half-done can run in the next one.
    """
    from django.db import connection

    mail_dir = tmp_path / "worker-mail"
    log_path = tmp_path / "celery-worker.log"
    nodename = f"integration-{uuid.uuid4().hex[:8]}@{socket.gethostname()}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DATABASE_URL": _database_url(connection.settings_dict),
        "REDIS_URL": settings.REDIS_URL,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "EMAIL_URL": f"file://{mail_dir}",
        "PYTHONUNBUFFERED": "1",
    }
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "portal",
        "worker",
        "-Q",
        ",".join(queues.values()),
        "--pool=solo",
        "--concurrency=1",
        "-l",
        "info",
        "-n",
        nodename,
        "--without-gossip",
        "--without-mingle",
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, cwd=PROJECT_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    worker = Worker(process, nodename=nodename, log_path=log_path, mail_dir=mail_dir)
    try:
        worker.wait_for(
            lambda: celery_app.control.ping(destination=[nodename], timeout=0.5),
            what=f"the Celery worker {nodename} to answer a ping",
            timeout=WORKER_START_SECONDS,
        )
        yield worker
    finally:
        process.terminate()  # SIGTERM: warm shutdown, the current task finishes
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _drop_broker_connections(app):
    # Celery caches a connection pool and a producer pool on the app and looks them up again from
    # app.conf.broker_url on next use, so dropping the references switches the broker for this
    # process. The pools are not closed: kombu keeps them in a registry keyed by broker URL, and
    # hands the same (then closed) pool back when the real broker is used again.
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def broker_unreachable(app):
    """This test process talks to a Redis port where nothing listens; the worker keeps the real broker."""
    saved = {key: app.conf[key] for key in ("broker_url", "broker_write_url", "task_publish_retry_policy")}
    dead = f"redis://127.0.0.1:{_free_port()}/0"
    _drop_broker_connections(app)
    app.conf.update(
        broker_url=dead,
        broker_write_url=dead,
        task_publish_retry_policy={"max_retries": 1, "interval_start": 0, "interval_step": 0.1, "interval_max": 0.1},
    )
    try:
        yield dead
    finally:
        _drop_broker_connections(app)
        app.conf.update(**saved)
