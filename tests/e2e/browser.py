"""A thin Selenium wrapper: explicit waits and the checks every page of a journey must pass."""

from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait


class Browser:
    def __init__(self, driver, *, base_url, width, wait_seconds):
        self.driver = driver
        self.base_url = base_url
        self.width = width
        self.wait = WebDriverWait(driver, wait_seconds)
        self.visited = []

    # --- navigation -------------------------------------------------------------------------
    def open(self, path_or_url):
        url = path_or_url if path_or_url.startswith("http") else self.base_url + path_or_url
        self.driver.get(url)
        self._wait_until_loaded()

    def submit(self, button):
        """Click a submit button and wait until the next document has replaced this one."""
        self.driver.execute_script(
            "window.__e2eOldPage = true; arguments[0].scrollIntoView({block: 'center'});", button
        )
        button.click()
        self._wait_until_loaded()

    def _wait_until_loaded(self):
        # Polled with JavaScript rather than element staleness: while a navigation is under way
        # ChromeDriver may answer element queries with "Node ... does not belong to the document".
        def loaded(driver):
            try:
                return driver.execute_script(
                    "return !window.__e2eOldPage && document.readyState === 'complete' && "
                    "!!document.getElementById('content')"
                )
            except WebDriverException:
                return False

        self.wait.until(loaded, f"the page after {self.driver.current_url} did not finish loading")

    @property
    def path(self):
        url = self.driver.current_url
        return url[len(self.base_url) :] if url.startswith(self.base_url) else url

    def wait_for_path(self, path):
        self.wait.until(lambda driver: self.path.split("?")[0] == path, f"expected to arrive at {path}")

    # --- reading and filling ----------------------------------------------------------------
    def find(self, css):
        return self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, css)))

    def find_all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def fill(self, css, value):
        field = self.find(css)
        field.clear()
        field.send_keys(value)

    def select(self, css, value):
        Select(self.find(css)).select_by_value(str(value))

    def set_checkbox(self, css, checked=True):
        box = self.find(css)
        if box.is_selected() != checked:
            self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
            box.click()
        assert box.is_selected() == checked

    def button_in(self, form_css):
        return self.find(f"{form_css} button[type=submit]")

    @property
    def html_lang(self):
        return self.find("html").get_attribute("lang")

    # --- checks on every page ---------------------------------------------------------------
    def check_page(self, *, lang):
        """The page is in `lang`, fits the width without sideways scrolling, and starts with the skip link."""
        self.visited.append(self.path)
        assert self.html_lang == lang, f"{self.path}: <html lang> is {self.html_lang!r}, expected {lang!r}"
        self.assert_no_horizontal_scroll()
        self.assert_skip_link_first()

    def assert_no_horizontal_scroll(self):
        inner_width, scroll_width = self.driver.execute_script(
            "return [window.innerWidth, document.documentElement.scrollWidth]"
        )
        assert inner_width == self.width, f"the viewport is {inner_width} px, not {self.width} px"
        if scroll_width > inner_width:
            culprits = self.driver.execute_script(
                """
                const width = window.innerWidth;
                return [...document.querySelectorAll('body *')]
                  .filter(el => el.getBoundingClientRect().right > width + 1)
                  .slice(0, 5)
                  .map(el => el.tagName.toLowerCase() +
                             (el.id ? '#' + el.id : '') +
                             [...el.classList].map(name => '.' + name).join('') +
                             ' right=' + Math.round(el.getBoundingClientRect().right));
                """
            )
            raise AssertionError(
                f"{self.path} scrolls sideways at {self.width} px: scrollWidth {scroll_width} > {inner_width}; "
                f"too wide: {culprits}"
            )

    def assert_skip_link_first(self):
        """The first Tab from a freshly loaded page lands on a visible 'skip to content' link."""
        active_tag = self.driver.execute_script("return document.activeElement && document.activeElement.tagName")
        assert active_tag in (None, "BODY"), f"{self.path}: focus starts on <{active_tag.lower()}>, not the page"
        ActionChains(self.driver).send_keys(Keys.TAB).perform()
        focused = self.driver.switch_to.active_element
        href = focused.get_attribute("href") or ""
        assert focused.tag_name == "a" and href.endswith("#content"), (
            f"{self.path}: the first Tab reached <{focused.tag_name}> {href!r} {focused.text!r}, not the skip link"
        )
        assert focused.text.strip(), f"{self.path}: the skip link has no text"
        left = self.driver.execute_script("return arguments[0].getBoundingClientRect().left", focused)
        assert 0 <= left < self.width, f"{self.path}: the focused skip link is off screen (left={left})"
        # Leave the page as it was found: nothing focused, top of the page.
        self.driver.execute_script("document.activeElement.blur(); window.scrollTo(0, 0);")
