"""The portal speaks with one voice: allauth's pages in the site's words, lists in the page's language."""

import re

import pytest

from tests.factories import UserFactory, VenueFactory
from tests.utils import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/"])
def test_account_pages_use_the_words_of_the_header(client, path):
    page = client.get(path).content.decode()
    for allauth_word in ("Sign In", "Sign Up", "Signup", "Login:", ">Login<", "sign in"):
        assert allauth_word not in page, allauth_word
    assert "Log in" in page and "Sign up" in page


def test_login_field_says_what_it_takes(client):
    page = client.get("/accounts/login/").content.decode()
    assert "Username or email" in page


def test_logging_in_and_out_in_the_same_words(client):
    user = UserFactory(username="mei", password="a-long-password-1")
    response = client.post("/accounts/login/", {"login": "mei", "password": "a-long-password-1"}, follow=True)
    page = response.content.decode()
    assert "You are logged in as" in page and "signed in" not in page
    assert "Log out" in client.get("/accounts/logout/").content.decode()
    page = client.post("/accounts/logout/", follow=True).content.decode()
    assert "You have logged out." in page and "signed out" not in page
    assert user.pk


def test_chinese_account_pages_use_the_header_words(zh_client):
    page = zh_client.get("/accounts/login/").content.decode()
    assert "<h1>登录</h1>" in page and "用户名或电子邮箱" in page


def test_venue_choices_follow_the_language_of_the_page(zh_client):
    VenueFactory(name_en="Apple hall", name_zh_hans="香蕉厅")
    VenueFactory(name_en="Banana hall", name_zh_hans="苹果厅")
    resident = UserFactory()
    english = client_for(resident).get("/proposals/new/").content.decode()
    assert english.index("Apple hall") < english.index("Banana hall")
    zh_client.force_login(resident)
    chinese = zh_client.get("/proposals/new/").content.decode()
    assert chinese.index("苹果厅") < chinese.index("香蕉厅")
    assert re.search(r"<option[^>]*>Apple hall</option>", english)
