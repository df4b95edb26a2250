import pytest
from django.test import Client


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    # Hashing is not what the suite tests; media and mail files go to a throw-away folder.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_FILE_PATH = tmp_path / "mail"


@pytest.fixture
def client():
    """Tests read English unless they ask for another language (the site default is zh-hans)."""
    return Client(headers={"accept-language": "en"})


@pytest.fixture
def zh_client():
    return Client(headers={"accept-language": "zh-hans"})
