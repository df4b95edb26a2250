"""The site shell: pages, error pages, languages, large text and the content security policy."""

import re

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SIMPLE_PAGES = [
    "/",
    "/search/?q=x",
    "/search/",
    "/about/",
    "/accessibility/",
    "/privacy/",
    "/events/",
    "/proposals/",
    "/library/",
    "/exhibitions/",
]
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


def assert_site_layout(html):
    assert '<main id="content"' in html
    assert 'class="main-nav"' in html
    assert 'href="/events/"' in html
    assert 'href="/library/"' in html


@pytest.mark.parametrize("url", SIMPLE_PAGES)
def test_public_pages_answer_with_the_layout_and_a_csp(client, url):
    response = client.get(url)
    html = html_of(response)
    assert response["Content-Type"].startswith("text/html")
    assert_site_layout(html)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy


def test_home_page_shows_every_section_empty(client):
    html = html_of(client.get("/"))
    assert '<html lang="en"' in html
    for section in ("events", "proposals", "library", "exhibitions"):
        assert f'id="home-{section}"' in html
    assert "No upcoming events yet." in html
    assert "No proposals are open for voting right now." in html
    assert "The online library has no items yet." in html
    assert "No exhibitions are on show right now." in html
    assert html.count('class="empty-state"') == 4


def test_home_page_follows_the_browser_language(zh_client):
    html = html_of(zh_client.get("/"))
    assert '<html lang="zh-hans"' in html
    assert "No upcoming events yet." not in html


def test_home_page_without_accept_language_uses_the_site_default():
    html = html_of(Client().get("/"))
    assert '<html lang="zh-hans"' in html


def test_search_without_results_shows_an_empty_state(client):
    html = html_of(client.get("/search/", {"q": "x"}))
    assert 'class="empty-state"' in html
    assert "Nothing found for “x”" in html


def test_search_without_a_query_shows_no_empty_state(client):
    html = html_of(client.get("/search/"))
    assert 'class="empty-state"' not in html


def test_search_escapes_the_query(client):
    html = html_of(client.get("/search/", {"q": "<script>alert(1)</script>"}))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_json_accept_header_still_gets_html(client):
    response = client.get("/", headers={"accept": "application/json"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "<!doctype html>" in response.content.decode().lower()


def test_unknown_page_is_404_with_the_layout_in_english(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert_site_layout(html)
    assert "Page not found" in html
    assert '<html lang="en"' in html


def test_unknown_page_is_404_with_the_layout_in_chinese(zh_client):
    response = zh_client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert_site_layout(html)
    assert "页面未找到" in html
    assert "Page not found" not in html


@pytest.mark.urls("tests.portal.urlconf")
def test_a_failing_view_shows_the_500_page_with_the_layout():
    client = Client(raise_request_exception=False, headers={"accept-language": "en"})
    response = client.get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert_site_layout(html)
    assert "Something went wrong" in html
    assert "a bug in a view" not in html


@pytest.mark.urls("tests.portal.urlconf")
def test_the_500_page_speaks_chinese():
    client = Client(raise_request_exception=False, headers={"accept-language": "zh-hans"})
    response = client.get("/broken/")
    assert response.status_code == 500
    assert "出错了" in response.content.decode()


def assert_no_inline_code(html):
    assert INLINE_SCRIPT.findall(html) == []
    assert STYLE_ATTRIBUTE.findall(html) == []


@pytest.mark.parametrize("url", ["/", "/accounts/signup/", "/accounts/login/", "/search/?q=x", "/about/"])
def test_visitor_pages_have_no_inline_scripts_or_styles(client, url):
    assert_no_inline_code(html_of(client.get(url)))


@pytest.mark.parametrize("url", ["/", "/me/", "/search/?q=x"])
def test_resident_pages_have_no_inline_scripts_or_styles(client, url):
    client.force_login(UserFactory(verified=False))
    assert_no_inline_code(html_of(client.get(url)))


def test_pages_with_form_errors_and_error_pages_have_no_inline_scripts_or_styles(client):
    assert_no_inline_code(html_of(client.post("/accounts/signup/", {"email": "not-an-email"})))
    assert_no_inline_code(client.get("/no-such-page/").content.decode())
    client.force_login(UserFactory())
    assert_no_inline_code(html_of(client.post("/me/", {"district": "999999"})))


# --- Language switching -----------------------------------------------------------------------


def test_language_switch_is_remembered_over_the_browser_language(zh_client):
    response = zh_client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    html = html_of(zh_client.get("/"))
    assert '<html lang="en"' in html
    assert "No upcoming events yet." in html


def test_language_switch_to_chinese(client):
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert '<html lang="zh-hans"' in html_of(client.get("/"))


def test_language_switcher_is_on_every_page(client):
    html = html_of(client.get("/about/"))
    assert 'action="/i18n/setlang/"' in html
    assert 'value="zh-hans"' in html
    assert 'value="en"' in html


# --- Large text -------------------------------------------------------------------------------


def test_large_text_for_a_visitor_is_a_cookie(client):
    assert 'class="large-text"' not in html_of(client.get("/"))
    response = client.post("/display/large-text/", {"large_text": "1", "next": "/about/"})
    assert response.status_code == 302
    assert response["Location"] == "/about/"
    assert response.cookies["large_text"].value == "1"
    html = html_of(client.get("/about/"))
    assert re.search(r'<html lang="en" class="large-text"', html)
    assert 'aria-pressed="true"' in html

    client.post("/display/large-text/", {"large_text": "0", "next": "/"})
    assert 'class="large-text"' not in html_of(client.get("/"))


def test_large_text_for_a_resident_is_saved_on_the_profile(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post("/display/large-text/", {"large_text": "1", "next": "/"})
    assert response.status_code == 302
    user.profile.refresh_from_db()
    assert user.profile.large_text is True

    # The profile decides, not the cookie: another browser shows large text too.
    other_browser = Client(headers={"accept-language": "en"})
    other_browser.force_login(user)
    assert 'class="large-text"' in html_of(other_browser.get("/"))


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/path", "http://evil.example"])
def test_large_text_does_not_follow_off_site_next(client, target):
    response = client.post("/display/large-text/", {"large_text": "1", "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_large_text_needs_post(client):
    assert client.get("/display/large-text/").status_code == 405
