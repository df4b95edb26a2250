"""A resident who attended evaluates the event with the keyboard-friendly form; the organizer's staff open
the feedback report and see the number of answers change. In a real browser, on a desktop and a 360 px phone.

Set E2E_SCREENSHOTS=<folder> to keep a screenshot of each page.
"""

import os
from pathlib import Path

import pytest
from selenium.webdriver.common.keys import Keys

from events.models import Evaluation, Registration
from tests.factories import PASSWORD, EventFactory, UserFactory, in_days, make_staff

pytestmark = pytest.mark.e2e


def snapshot(browser, name):
    folder = os.environ.get("E2E_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        browser.driver.save_screenshot(str(Path(folder) / f"{browser.width}-{name}.png"))


def log_in(browser, user, next_path):
    browser.open(f"/accounts/login/?next={next_path}")
    browser.fill("#id_login", user.username)
    browser.fill("#id_password", PASSWORD)
    browser.submit(browser.button_in("form[action^='/accounts/login/']"))
    browser.wait_for_path(next_path)


@pytest.mark.parametrize("width", [1280, 360])
def test_attendee_evaluates_and_staff_see_the_report_change(make_browser, width):
    event = EventFactory(title_en="Lantern making", start=in_days(-2, hour=14), end=in_days(-2, hour=16))
    staff = make_staff(event.organizer, username=f"staff{width}")
    resident = UserFactory(username=f"grandpa{width}")
    # Checked in at the door two days ago (check-in itself is only open around the event).
    Registration.objects.create(user=resident, event=event, checked_in_at=event.start, checked_in_by=staff)

    # The staff member looks at the report first: no answers yet.
    staff_browser = make_browser(width=width, language="en")
    log_in(staff_browser, staff, f"/events/{event.slug}/feedback/")
    staff_browser.check_page(lang="en")
    assert staff_browser.find(".answer-count").text == "0"

    # The resident finds the evaluation on /me/ and answers with the keyboard only.
    browser = make_browser(width=width, language="en")
    log_in(browser, resident, "/me/")
    browser.check_page(lang="en")
    link = browser.find(f"a[href='/events/{event.slug}/evaluate/']")
    assert "Lantern making" in link.text
    browser.open(f"/events/{event.slug}/evaluate/")
    browser.wait_for_path(f"/events/{event.slug}/evaluate/")
    browser.check_page(lang="en")
    legends = [legend.text for legend in browser.find_all("fieldset.rating legend")]
    assert len(legends) == 4 and "Would you recommend it to a friend?" in legends
    # Tab into the first radio group, move to "5" with the arrow keys (native radio-group behaviour).
    first = browser.find("#id_content_0")
    first.send_keys(Keys.SPACE)
    for _step in range(4):
        browser.driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    assert browser.find("#id_content_4").is_selected()
    for field, index in (("organisation", 3), ("venue", 2), ("recommend", 4)):
        radio = browser.find(f"#id_{field}_{index}")
        browser.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", radio)
        radio.send_keys(Keys.SPACE)
        assert radio.is_selected()
    option = browser.find("label[for='id_venue_2']")
    assert option.size["height"] >= 44, "touch targets are at least 44 px high"
    browser.fill("#id_comment", "The teacher was very patient.")
    browser.set_checkbox("#id_anonymous")
    snapshot(browser, "evaluate")
    browser.submit(browser.button_in("form.evaluation-form"))
    browser.wait.until(lambda driver: browser.path.startswith("/me/#"), "expected to arrive at /me/")
    assert "Thank you" in browser.find(".messages").text
    assert "Lantern making" in browser.find(".evaluations-given").text
    evaluation = Evaluation.objects.get(user=resident, event=event)
    assert (evaluation.content, evaluation.organisation, evaluation.venue, evaluation.recommend) == (5, 4, 3, 5)
    assert evaluation.anonymous

    # The staff member reloads the report: one answer, the comment without a name.
    staff_browser.open(f"/events/{event.slug}/feedback/")
    staff_browser.check_page(lang="en")
    assert staff_browser.find(".answer-count").text == "1"
    comments = staff_browser.find("#comments").text
    assert "The teacher was very patient." in comments and "Anonymous" in comments
    assert resident.username not in comments
    snapshot(staff_browser, "report")
