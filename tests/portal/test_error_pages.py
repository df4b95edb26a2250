"""Refusals speak the resident's language in the site's layout, and are logged as one line."""

import logging

import pytest
from django.test import Client

from portal.log import RefusalsWithoutTraceback
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_refused_page_is_translated_and_in_the_layout(zh_client):
    zh_client.force_login(UserFactory())
    response = zh_client.get("/events/feedback/")  # organizer staff only
    assert response.status_code == 403
    page = response.content.decode()
    assert "<main" in page and 'lang="zh-hans"' in page
    assert "403 Forbidden" not in page and "Not allowed" not in page


def test_a_failed_csrf_check_explains_without_debug_advice(client):
    strict = Client(enforce_csrf_checks=True, headers={"accept-language": "en"})
    response = strict.post("/accounts/login/", {"login": "x", "password": "y"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "The form has expired" in page and "<main" in page and "DEBUG" not in page


def test_expected_refusals_are_logged_without_a_traceback():
    try:
        raise PermissionError("nope")
    except PermissionError:
        import sys

        exc_info = sys.exc_info()
    refusal = logging.LogRecord("django.request", logging.WARNING, __file__, 1, "Forbidden", (), exc_info)
    refusal.status_code = 403
    failure = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Error", (), exc_info)
    failure.status_code = 500
    keep = RefusalsWithoutTraceback()
    assert keep.filter(refusal) and refusal.exc_info is None
    assert keep.filter(failure) and failure.exc_info is not None


def test_languages_are_named_in_themselves_and_english_times_end_one_sentence(zh_client):
    from datetime import datetime

    from django.utils import formats, timezone, translation

    page = zh_client.get("/").content.decode()
    assert ">English</option>" in page and ">简体中文</option>" in page and "英语" not in page
    with translation.override("en"):
        text = formats.date_format(timezone.make_aware(datetime(2026, 12, 9, 17, 0)), "DATETIME_FORMAT") + "."
    assert text == "Dec. 9, 2026, 17:00." and ".." not in text
