"""GET /api/exhibitions/ and /api/exhibitions/<slug>/: published only, paginated, with the story and image URLs."""

import pytest

from tests.exhibitions.factories import ExhibitionFactory, ItemFactory, SectionFactory, ready_image
from tests.utils import api, assert_max_queries

pytestmark = pytest.mark.django_db


def test_list_has_published_exhibitions_only_paginated(exhibition, staff):
    ExhibitionFactory(organizer=exhibition.organizer, status="draft", publish_at=None)
    ExhibitionFactory(organizer=exhibition.organizer, status="scheduled")
    for client in (api(), api(staff)):
        with assert_max_queries(4):
            body = client.get("/api/exhibitions/").json()
        assert body["count"] == 1
        [row] = body["results"]
        assert row["slug"] == exhibition.slug and row["title"] == exhibition.title_en
        assert row["url"] == f"http://testserver{exhibition.get_absolute_url()}"
        assert row["manifest"] == f"http://testserver{exhibition.get_manifest_url()}"
        assert row["summary"] == "Works from the collection."
        assert row["opens_on"] == exhibition.opens_on.isoformat() and row["cover"] is None
        assert row["organizer"]["slug"] == exhibition.organizer.slug
    assert api().get("/api/exhibitions/?page_size=1&page=2").status_code == 404


def test_detail_by_slug_with_sections_items_and_images(exhibition):
    section = SectionFactory(exhibition=exhibition, title_en="Vessels")
    item = ItemFactory(exhibition=exhibition, section=section, title_en="Tripod")
    image = ready_image(item)
    with assert_max_queries(8):
        body = api().get(f"/api/exhibitions/{exhibition.slug}/").json()
    assert body["sections"] == [{"id": section.pk, "position": section.position, "title": "Vessels", "body": ""}]
    [row] = body["items"]
    assert row["title"] == "Tripod" and row["section"] == section.pk
    assert row["rights_name"] == "Public Domain Mark 1.0" and row["credit_line"] == "City Museum collection"
    [shown] = row["images"]
    assert shown["width"] == image.width
    assert shown["iiif_info"] == f"http://testserver/media/public/{image.derivatives['info']}"
    assert shown["sizes"][0]["webp"].endswith(".webp")


def test_drafts_are_not_found_in_the_api_even_for_their_staff(organizer, staff):
    draft = ExhibitionFactory(organizer=organizer, status="draft", publish_at=None)
    for client in (api(), api(staff)):
        response = client.get(f"/api/exhibitions/{draft.slug}/")
        assert response.status_code == 404 and response.json()["code"] == "not_found"
