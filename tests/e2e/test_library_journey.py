"""A resident finds a book in the online library, borrows it, reads a page in the browser and returns it,
in a real browser on a desktop and a 360 px phone, in both languages.

The book is lending-controlled with one copy: the page offers "Borrow", the reader (pdf.js drawing into
the page) opens only with the loan, and after the return the file is refused again. Every page on the
way must fit the screen and offer the skip link first. Set E2E_SCREENSHOTS=<folder> to keep screenshots.
"""

import os
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from library.models import Loan, Resource
from tests.factories import PASSWORD, UserFactory
from tests.library.factories import make_resource
from tests.library.views.samples import text_pdf

pytestmark = pytest.mark.e2e

QUERIES = {"en": "Red Chamber", "zh-hans": "红楼"}


def snapshot(browser, name):
    folder = os.environ.get("E2E_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        browser.driver.save_screenshot(str(Path(folder) / f"library-{browser.width}-{name}.png"))


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("width", [1280, 360])
def test_resident_finds_borrows_reads_and_returns_a_book(make_browser, width, language):
    book = make_resource(
        title_en="Dream of the Red Chamber",
        title_zh_hans="红楼梦",
        description_en="The great novel of a family's rise and fall.",
        description_zh_hans="一部写家族兴衰的伟大小说。",
        creator="Cao Xueqin",
        access=Resource.Access.LENDING,
        licences=1,
        upload=SimpleUploadedFile("dream.pdf", text_pdf(pages=3), content_type="application/pdf"),
    )
    make_resource(title_en="Moby-Dick", title_zh_hans="白鲸", creator="Herman Melville")
    resident = UserFactory(username=f"reader{width}{language.replace('-', '')}")
    browser = make_browser(width=width, language=language)

    browser.open("/accounts/login/?next=/library/")
    browser.fill("#id_login", resident.username)
    browser.fill("#id_password", PASSWORD)
    browser.submit(browser.button_in("form[action^='/accounts/login/']"))
    browser.wait_for_path("/library/")
    browser.check_page(lang=language)

    # Search: part of the title in the page's language finds the book and not the other one.
    browser.fill("#library-q", QUERIES[language])
    browser.submit(browser.button_in("form.library-search"))
    browser.wait_for_path("/library/")
    browser.check_page(lang=language)
    snapshot(browser, f"{language}-search")
    links = [
        link for link in browser.find_all("#content a") if link.get_attribute("href").endswith(f"/library/{book.pk}/")
    ]
    assert links, "the book is among the results"
    assert "Moby" not in browser.find("#content").text and "白鲸" not in browser.find("#content").text
    browser.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", links[0])
    links[0].click()

    # The item's page: its record and rights, and "Borrow" for the one free copy.
    browser.wait_for_path(f"/library/{book.pk}/")
    browser.check_page(lang=language)
    snapshot(browser, f"{language}-item")
    assert "Cao Xueqin" in browser.find("#content").text
    browser.submit(browser.button_in(f"form[action='/library/{book.pk}/borrow/']"))
    browser.wait_for_path(f"/library/{book.pk}/")
    loan = Loan.objects.get(user=resident, resource=book, ended_at=None)

    # Read: pdf.js draws the first page into the page; the right arrow turns to the second.
    browser.open(f"/library/{book.pk}/read/")
    browser.check_page(lang=language)
    page_number = browser.find("#reader-page-number")
    WebDriverWait(browser.driver, 20).until(
        lambda driver: driver.execute_script(
            "const c = document.querySelector('[data-canvas]'); return c && c.width > 0 && "
            "!document.querySelector('.reader-toolbar').hidden"
        )
    )
    assert page_number.get_attribute("value") == "1"
    browser.find("[data-view]").send_keys(Keys.ARROW_RIGHT)
    WebDriverWait(browser.driver, 10).until(lambda driver: page_number.get_attribute("value") == "2")
    canvas_width = browser.driver.execute_script("return document.querySelector('[data-canvas]').clientWidth")
    assert 0 < canvas_width <= width
    snapshot(browser, f"{language}-reader")

    # Return it early: the loan ends and the file is closed to the resident again.
    browser.open(f"/library/{book.pk}/")
    browser.submit(browser.button_in(f"form[action='/library/loans/{loan.pk}/return/']"))
    browser.wait_for_path(f"/library/{book.pk}/")
    browser.check_page(lang=language)
    loan.refresh_from_db()
    assert loan.ending == Loan.Ending.RETURNED
    status = browser.driver.execute_script(
        f"return fetch('/library/{book.pk}/file/', {{redirect: 'manual'}}).then(r => r.status)"
    )
    assert status == 403
