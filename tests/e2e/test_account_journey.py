"""A resident's first visit, in a real browser, on a desktop and a 360 px phone, in both languages.

Sign up → "confirm your address" page → confirmation mail → confirm (signed in) → log out → log in
→ switch language → edit the profile.
Every page on the way must fit the screen without sideways scrolling and offer the skip link
as the first Tab stop.
"""

import re
import time

import pytest
from allauth.account.models import EmailAddress

from portal.categories import Category
from portal.models import OutgoingEmail, User
from tests.factories import DistrictFactory

pytestmark = pytest.mark.e2e

PASSWORD = "Quiet-Lantern-4821"
CONFIRM_LINK = re.compile(r"https?://\S+/accounts/confirm-email/\S+/")


def wait_for_mail(outbox, to, timeout=10):
    """The mail is sent by the web thread after commit; give it a moment rather than racing it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        messages = [message for message in outbox if to in message.to]
        if messages:
            return messages
        time.sleep(0.1)
    sent = [(message.to, message.subject) for message in outbox]
    rows = list(OutgoingEmail.objects.values_list("to", "sent_at", "last_error"))
    raise AssertionError(f"no mail to {to} in the outbox {sent}; outgoing rows: {rows}")


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("width", [1280, 360])
def test_resident_signs_up_confirms_and_edits_profile(make_browser, mailoutbox, live_server, settings, width, language):
    settings.SITE_URL = live_server.url  # mail links are on SITE_URL
    other_language = "en" if language == "zh-hans" else "zh-hans"
    home = DistrictFactory(code="riverside", name_en="Riverside", name_zh_hans="河滨区")
    new_home = DistrictFactory(code="hillside", name_en="Hillside", name_zh_hans="山麓区")
    username = f"resident{width}{language.replace('-', '')}"
    email = f"{username}@example.org"
    browser = make_browser(width=width, language=language)

    # Sign up, choosing a district on the way.
    browser.open("/accounts/signup/")
    browser.check_page(lang=language)
    browser.fill("#id_email", email)
    browser.fill("#id_username", username)
    browser.select("#id_district", home.pk)
    browser.fill("#id_password1", PASSWORD)
    browser.fill("#id_password2", PASSWORD)
    browser.submit(browser.button_in("form[action='/accounts/signup/']"))
    # Confirmation is mandatory: the same page whether or not the address already had an account.
    browser.wait_for_path("/accounts/confirm-email/")
    browser.check_page(lang=language)
    user = User.objects.get(username=username)
    assert user.email == email
    assert user.profile.district == home
    assert not EmailAddress.objects.filter(user=user, verified=True).exists()

    # The confirmation mail went through queue_email → on_commit → deliver_email (eager) → locmem.
    (message,) = wait_for_mail(mailoutbox, email)
    assert OutgoingEmail.objects.get(to=email).sent_at is not None
    link = CONFIRM_LINK.search(message.body).group(0)
    assert link.startswith(live_server.url), f"the link {link} does not point at this site"

    browser.open(link)
    browser.check_page(lang=language)
    browser.submit(browser.button_in("form[action*='/accounts/confirm-email/']"))
    browser.wait_for_path("/me/")
    assert EmailAddress.objects.filter(user=user, email=email, verified=True).exists()

    # Log out from the header, then back in with the username.
    browser.submit(browser.button_in("form[action='/accounts/logout/']"))
    browser.wait_for_path("/")
    browser.find(".account-menu a[href='/accounts/login/']")
    browser.check_page(lang=language)

    browser.open("/accounts/login/")
    browser.check_page(lang=language)
    browser.fill("#id_login", username)
    browser.fill("#id_password", PASSWORD)
    browser.submit(browser.button_in("form[action='/accounts/login/']"))
    browser.wait_for_path("/me/")
    assert browser.find_all(".account-menu form[action='/accounts/logout/']"), "not logged in after signing in"

    # The header's language switcher changes the page language and stays on the page.
    assert browser.html_lang == language
    browser.select("#language-select", other_language)
    browser.submit(browser.button_in("form.language-switcher"))
    browser.wait_for_path("/me/")
    browser.check_page(lang=other_language)

    # Edit the profile: display name, district and an interest.
    browser.fill("#id_display_name", "Lin Mei 林梅")
    browser.select("#id_district", new_home.pk)
    browser.set_checkbox(f"input[name='interests'][value='{Category.FILM}']")
    browser.submit(browser.button_in("#content form.stacked[method='post']:has(#id_display_name)"))
    browser.wait_for_path("/me/")
    success = browser.find(".messages .message-success")
    if other_language == "en":
        assert "Your profile has been saved." in success.text
    else:
        assert success.text.strip()
    browser.check_page(lang=other_language)
    assert browser.find("#id_display_name").get_attribute("value") == "Lin Mei 林梅"
    assert browser.find("#id_district option:checked").get_attribute("value") == str(new_home.pk)
    assert browser.find(f"input[name='interests'][value='{Category.FILM}']").is_selected()

    profile = User.objects.get(pk=user.pk).profile
    assert profile.display_name == "Lin Mei 林梅"
    assert profile.district == new_home
    assert Category.FILM in profile.interests
    assert browser.visited == [
        "/accounts/signup/",
        "/accounts/confirm-email/",
        link[len(live_server.url) :],
        "/",
        "/accounts/login/",
        "/me/",
        "/me/",
    ]
