"""Real-browser fixtures: Debian's Chromium driven by Debian's ChromeDriver, nothing downloaded.

Selenium is given the driver through `Service(path)` and the browser through `binary_location`,
so Selenium Manager is never asked to find or fetch anything.

Locally a machine without Chromium skips these tests; with `CI` set a missing browser is a
failure, because CI installs it and a journey that silently stops running is a broken gate.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# The closed network of CI refuses Chromium's own background connections; these flags keep it quiet.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,900",
)
# What a resident's browser would send: the site maps zh-CN to zh-hans.
ACCEPT_LANGUAGES = {"en": "en-GB,en", "zh-hans": "zh-CN,zh"}
WAIT_SECONDS = 20


def _missing_browser_parts():
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not (path.is_file() and os.access(path, os.X_OK))]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("the selenium package")
    return missing


@pytest.fixture(scope="session")
def browser_available():
    missing = _missing_browser_parts()
    if missing:
        message = f"real-browser tests need {', '.join(missing)} (apt-get install chromium chromium-driver)"
        if os.environ.get("CI", "").lower() not in {"", "0", "false", "no"}:
            pytest.fail(f"CI is set but {message}", pytrace=False)
        pytest.skip(message)


@pytest.fixture
def make_browser(browser_available, live_server):
    """`make_browser(width=, language=)` → a Browser on the live server, closed after the test.

    Celery is eager here (tests/conftest.py), so the confirmation mail lands in `mail.outbox`
    from the live server's thread, also when the suite runs against Redis.
    """
    from .browser import Browser

    opened = []

    def make(*, width, language):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        profile = tempfile.mkdtemp(prefix="e2e-chromium-")
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for flag in CHROMIUM_FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        options.add_argument(f"--lang={ACCEPT_LANGUAGES[language].split(',')[0]}")
        options.add_experimental_option("prefs", {"intl.accept_languages": ACCEPT_LANGUAGES[language]})
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        opened.append((driver, profile))
        # Headless Chromium will not make a window narrower than 500 px; device metrics can.
        # `mobile: False` keeps window.innerWidth at the given width even when a page overflows,
        # so a too-wide page shows up as scrollWidth > innerWidth instead of being zoomed out.
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False},
        )
        driver.set_page_load_timeout(WAIT_SECONDS * 3)
        return Browser(driver, base_url=live_server.url, width=width, wait_seconds=WAIT_SECONDS)

    yield make
    for driver, profile in opened:
        try:
            driver.quit()
        finally:
            shutil.rmtree(profile, ignore_errors=True)
