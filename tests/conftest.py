import pytest
from django.test import Client

from tests.demo_seed import _demo_seed, demo, pytest_collection_modifyitems, pytest_runtest_setup  # noqa: F401


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    # Hashing is not what the suite tests; media and mail files go to a throw-away folder.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"


@pytest.fixture
def client():
    """Tests read English unless they ask for another language (the site default is zh-hans)."""
    return Client(headers={"accept-language": "en"})


@pytest.fixture
def zh_client():
    return Client(headers={"accept-language": "zh-hans"})


@pytest.fixture(autouse=True)
def _embedded_services_unless_integration(request, settings):
    """Outside tests/integration, Celery runs eagerly and each test has a local cache of its own.

    These are the embedded default's services, kept even when DATABASE_URL and REDIS_URL are set
    (the second CI run): the whole suite then runs on PostgreSQL, while Redis and a real worker
    serve only the `integration` tests, which wait for the worker. A unit test cannot wait for a
    worker, and a cache shared through Redis leaks rate-limit counters between tests, runs and
    xdist workers.
    """
    if request.node.get_closest_marker("integration"):
        yield
        return
    from portal.celery import app

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": request.node.nodeid}
    }
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager
