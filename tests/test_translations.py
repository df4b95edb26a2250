"""Every user-visible string ships translated: a string without a Chinese translation fails the suite."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["manage.py", "portal", "events", "library", "exhibitions", "templates", "locale", "static"]


@pytest.fixture(scope="module")
def fresh_catalogue(tmp_path_factory):
    """Extract the strings from the current source into a copy, so the checked-in catalogue is compared, not changed."""
    if not shutil.which("xgettext"):
        if os.environ.get("CI"):
            pytest.fail("GNU gettext (xgettext) is required in CI to check the translations")
        pytest.skip("GNU gettext is not installed")
    copy = tmp_path_factory.mktemp("src")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy(source, copy / name)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings"},
    )
    return polib.pofile(str(copy / "locale/zh_Hans/LC_MESSAGES/django.po"))


def test_every_string_has_a_chinese_translation(fresh_catalogue):
    untranslated = [entry.msgid for entry in fresh_catalogue if not entry.translated() and not entry.obsolete]
    assert not untranslated, "Run `make messages` and translate:\n" + "\n".join(untranslated)


def test_compiled_catalogue_matches_the_source(fresh_catalogue):
    compiled = polib.mofile(str(ROOT / "locale/zh_Hans/LC_MESSAGES/django.mo"))
    shipped = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in compiled}
    stale = [
        entry.msgid
        for entry in fresh_catalogue
        if entry.translated() and shipped.get((entry.msgctxt, entry.msgid)) != entry.msgstr
    ]
    assert not stale, "Run `make messages` (compilemessages) and commit the .mo file:\n" + "\n".join(stale)
