"""Settings come from the environment: checked in a fresh process, as an operator would start it."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
PORTAL_VARIABLES = {
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "DEFAULT_FROM_EMAIL",
    "EMAIL_URL",
    "IDENTIFIER_DOMAIN",
    "LOG_LEVEL",
    "MEDIA_ROOT",
    "REDIS_URL",
    "SECRET_KEY",
    "SECURE_HSTS_SECONDS",
    "SECURE_SSL_REDIRECT",
    "SERVE_PUBLIC_MEDIA",
    "TIME_ZONE",
    "TRUSTED_PROXY_COUNT",
}


def manage(*args, **variables):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "CELERY_", "PYTEST_")) and key not in PORTAL_VARIABLES
    }
    env.update(variables)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def assert_one_line_error(result, variable):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert variable in lines[0]


def test_production_without_secret_key_stops_with_one_line():
    assert_one_line_error(manage("check", DJANGO_DEBUG="0"), "SECRET_KEY")


def test_unsupported_database_url_stops_with_one_line():
    assert_one_line_error(manage("check", DATABASE_URL="mysql://portal:secret@db.example.org/portal"), "DATABASE_URL")


def test_unsupported_email_url_stops_with_one_line():
    assert_one_line_error(manage("check", EMAIL_URL="ftp://mail.example.org/"), "EMAIL_URL")


def test_invalid_debug_flag_stops_with_one_line():
    assert_one_line_error(manage("check", DJANGO_DEBUG="maybe"), "DJANGO_DEBUG")


def test_embedded_default_passes_check():
    result = manage("check")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_settings_pass_deploy_check_without_warnings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="example.org",
        IDENTIFIER_DOMAIN="example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def print_settings(names, **variables):
    code = "from django.conf import settings; " + "; ".join(f"print(repr(settings.{name}))" for name in names)
    result = manage("shell", "--no-imports", "-c", code, **variables)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-len(names) :]


def test_smtp_email_url_configures_the_smtp_backend_with_tls():
    names = [
        "EMAIL_BACKEND",
        "EMAIL_HOST",
        "EMAIL_PORT",
        "EMAIL_HOST_USER",
        "EMAIL_HOST_PASSWORD",
        "EMAIL_USE_TLS",
        "EMAIL_USE_SSL",
    ]
    values = print_settings(names, EMAIL_URL="smtp://user:p%40ss@mail.example.org:587/?tls=True")
    assert values == [
        "'django.core.mail.backends.smtp.EmailBackend'",
        "'mail.example.org'",
        "587",
        "'user'",
        "'p@ss'",
        "True",
        "False",
    ]


def test_smtps_email_url_uses_ssl_not_tls():
    values = print_settings(
        ["EMAIL_PORT", "EMAIL_USE_TLS", "EMAIL_USE_SSL"], EMAIL_URL="smtps://user:pw@mail.example.org"
    )
    assert values == ["465", "False", "True"]


def test_production_switches_on_secure_cookies_and_hsts():
    values = print_settings(
        ["DEBUG", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS", "ALLOWED_HOSTS"],
        DJANGO_DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="example.org,www.example.org",
    )
    assert values == ["False", "True", "True", "31536000", "['example.org', 'www.example.org']"]


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({}, ["'django.core.cache.backends.locmem.LocMemCache'", "True"]),
        ({"REDIS_URL": "redis://localhost:6379/0"}, ["'django.core.cache.backends.redis.RedisCache'", "False"]),
    ],
)
def test_redis_url_switches_cache_and_celery_on_its_own(variables, expected):
    values = print_settings(['CACHES["default"]["BACKEND"]', "CELERY_TASK_ALWAYS_EAGER"], **variables)
    assert values == expected


def test_fresh_migrate_creates_the_role_groups(tmp_path):
    database = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    result = manage("migrate", "--no-input", "-v", "0", DATABASE_URL=database)
    assert result.returncode == 0, result.stderr
    code = (
        "from django.contrib.auth.models import Group; "
        "print(sorted((g.name, g.permissions.count() > 0) for g in Group.objects.all()))"
    )
    result = manage("shell", "--no-imports", "-c", code, DATABASE_URL=database)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[('Moderator', True), ('Organizer staff', True)]"


@pytest.mark.django_db
def test_models_and_migrations_agree():
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({}, "'http://localhost:8000'"),
        ({"DJANGO_DEBUG": "0", "ALLOWED_HOSTS": "culture.example.org,.example.org"}, "'https://culture.example.org'"),
        (
            {"DJANGO_DEBUG": "0", "ALLOWED_HOSTS": "culture.example.org", "SITE_URL": "https://wh.example.cn/"},
            "'https://wh.example.cn'",
        ),
    ],
)
def test_site_url_for_links_in_mail_follows_the_first_allowed_host(variables, expected):
    if variables.get("DJANGO_DEBUG") == "0":
        variables = {**variables, "SECRET_KEY": secrets.token_urlsafe(64)}
    assert print_settings(["SITE_URL"], **variables) == [expected]
