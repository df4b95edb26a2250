"""A resident finds an event, registers, sees the ticket with its QR code and gives the place back,
in a real browser on a desktop and a 360 px phone.

Every page on the way must fit the screen without sideways scrolling and offer the skip link as the
first Tab stop. Set E2E_SCREENSHOTS=<folder> to keep a screenshot of each page.
"""

import os
from pathlib import Path

import pytest

from events.models import Registration
from portal.categories import Category
from tests.factories import PASSWORD, EventFactory, UserFactory, VenueFactory, in_days

pytestmark = pytest.mark.e2e


def snapshot(browser, name):
    folder = os.environ.get("E2E_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        browser.driver.save_screenshot(str(Path(folder) / f"{browser.width}-{name}.png"))


@pytest.mark.parametrize("width", [1280, 360])
def test_resident_finds_registers_sees_ticket_and_cancels(make_browser, width):
    venue = VenueFactory(address="12 Lantern Street", step_free_access=True)
    workshop = EventFactory(
        organizer=venue.organizer,
        venue=venue,
        title_en="Paper-cutting workshop for beginners",
        category=Category.WORKSHOP,
        capacity=2,
        max_party_size=2,
        start=in_days(5),
        description="<p>Scissors and red paper are provided.</p>",
    )
    EventFactory(title_en="Film night", category=Category.FILM, start=in_days(3))
    resident = UserFactory(username=f"grandma{width}")
    browser = make_browser(width=width, language="en")

    # Log in and come back to the calendar.
    browser.open("/accounts/login/?next=/events/")
    browser.fill("#id_login", resident.username)
    browser.fill("#id_password", PASSWORD)
    browser.submit(browser.button_in("form[action^='/accounts/login/']"))
    browser.wait_for_path("/events/")
    browser.check_page(lang="en")
    assert "2 events found" in browser.find("#results-title").text

    # Narrow the list to workshops with the filters folded under "More filters".
    browser.find("details.more-filters summary").click()
    browser.select("#id_category", Category.WORKSHOP)
    browser.submit(browser.find("details.more-filters button[type=submit]"))
    browser.wait_for_path("/events/")
    assert "category=workshop" in browser.driver.current_url
    browser.check_page(lang="en")
    snapshot(browser, "events")
    cards = browser.find_all(".event-cards .kind-card h3 a")
    assert [card.text for card in cards] == ["Paper-cutting workshop for beginners"]
    assert "2 seats left" in browser.find(".event-cards").text

    # The event page: the facts and the register form.
    browser.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", cards[0])
    cards[0].click()
    browser.wait_for_path(f"/events/{workshop.slug}/")
    browser.check_page(lang="en")
    snapshot(browser, "event")
    page = browser.find("#content").text
    assert "12 Lantern Street" in page and "Step-free access" in page and "2 of 2 seats left" in page
    browser.fill("#party-size", "2")
    browser.submit(browser.button_in("form.register-form"))

    # The ticket, with its QR code drawn.
    registration = Registration.objects.get(user=resident, event=workshop)
    assert registration.status == "confirmed" and registration.party_size == 2
    browser.wait_for_path(f"/events/tickets/{registration.ticket_code}/")
    browser.check_page(lang="en")
    snapshot(browser, "ticket")
    assert "You are registered" in browser.find(".messages").text
    assert registration.ticket_code in browser.find(".ticket-code").text
    qr = browser.find(".ticket-qr img")
    assert browser.driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", qr)
    assert qr.size["width"] <= width

    # Give the places back: the event page shows the seats free again.
    browser.submit(browser.button_in(f"form[action='/events/tickets/{registration.ticket_code}/cancel/']"))
    browser.wait_for_path(f"/events/{workshop.slug}/")
    browser.check_page(lang="en")
    assert "Your registration is cancelled." in browser.find(".messages").text
    assert "2 of 2 seats left" in browser.find("#content").text
    assert browser.find_all("form.register-form"), "the register form is offered again"
    registration.refresh_from_db()
    assert registration.status == "cancelled"
