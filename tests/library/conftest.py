import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """Refusals and pages are read in English here, unless a test overrides the language."""
    with translation.override("en"):
        yield
