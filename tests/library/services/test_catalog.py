"""Saving resources (library.services.catalog)."""

import pytest

from tests.library.factories import make_resource

pytestmark = pytest.mark.django_db


def test_a_nul_character_in_a_text_is_dropped_when_saved():
    resource = make_resource(creator="Cao\x00 Xueqin", title_en="Dream\x00")
    resource.refresh_from_db()
    assert (resource.creator, resource.title_en) == ("Cao Xueqin", "Dream")
