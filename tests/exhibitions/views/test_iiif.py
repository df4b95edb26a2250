"""The IIIF Presentation 3 manifest: its shape (a schema committed under tests/schemas/iiif/), language
maps, rights and credits, one canvas per ready image with its level-0 service, CORS; drafts are not found."""

import json
from pathlib import Path

import jsonschema_rs
import pytest
from django.test import override_settings

from tests.exhibitions.factories import ExhibitionFactory, ItemFactory, ready_image
from tests.factories import UserFactory
from tests.utils import assert_max_queries, assert_permission_matrix, client_for

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(__file__).parents[2] / "schemas" / "iiif" / "presentation-3-manifest.json").read_text())
SITE = "https://culture.example.org"


@pytest.fixture
def items(exhibition):
    tripod = ItemFactory(exhibition=exhibition, title_en="Tripod", title_zh_hans="鼎", medium_en="Bronze")
    bells = ItemFactory(exhibition=exhibition, title_en="Bells", title_zh_hans="", credit_line_en="")
    ready_image(tripod, width=4000, height=3000)
    ready_image(tripod, width=3000, height=4000, position=1)
    ready_image(bells, width=2000, height=1000)
    pending = ItemFactory(exhibition=exhibition, title_en="Not yet")
    pending.images.create(original="exhibitions/originals/x.jpg")  # waiting to be processed: no canvas
    return tripod, bells


def manifest(client, exhibition):
    response = client.get(exhibition.get_manifest_url())
    assert response.status_code == 200, response.status_code
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"].startswith("application/ld+json")
    return json.loads(response.content)


@override_settings(SITE_URL=SITE)
def test_manifest_is_valid_presentation_3(client, exhibition, items):
    with assert_max_queries(8):
        data = manifest(client, exhibition)
    jsonschema_rs.Draft7Validator(SCHEMA).validate(data)
    assert data["id"] == f"{SITE}/iiif/{exhibition.slug}/manifest.json"
    assert data["label"] == {"zh-hans": [exhibition.title_zh_hans], "en": [exhibition.title_en]}
    assert data["summary"]["en"] == [exhibition.introduction_en] and "zh-hans" in data["summary"]
    assert data["requiredStatement"]["label"]["en"] == ["Attribution"]
    assert data["requiredStatement"]["value"]["en"] == [exhibition.organizer.name_en]
    assert data["rights"] == "http://creativecommons.org/publicdomain/mark/1.0/"
    assert {row["label"]["en"][0] for row in data["metadata"]} >= {"Organizer", "Dates"}


@override_settings(SITE_URL=SITE)
def test_one_canvas_per_ready_image_painted_by_the_largest_jpeg_with_its_level0_service(client, exhibition, items):
    tripod, bells = items
    data = manifest(client, exhibition)
    canvases = data["items"]
    assert [(c["width"], c["height"]) for c in canvases] == [(4000, 3000), (3000, 4000), (2000, 1000)]
    assert canvases[0]["label"] == {"zh-hans": ["鼎 (1/2)"], "en": ["Tripod (1/2)"]}
    assert canvases[2]["label"] == {"en": ["Bells"]}  # no Chinese title: left out of the map
    first = tripod.images.order_by("position").first()
    annotation = canvases[0]["items"][0]["items"][0]
    assert annotation["motivation"] == "painting" and annotation["target"] == canvases[0]["id"]
    body = annotation["body"]
    assert body["id"] == f"{SITE}/media/public/{first.largest['jpeg']}" and body["width"] == 1200
    assert body["service"] == [
        {"id": f"{SITE}/media/public/{first.derivatives['iiif']}", "type": "ImageService3", "profile": "level0"}
    ]
    assert canvases[0]["requiredStatement"]["value"] == {
        "zh-hans": ["市博物馆藏"],
        "en": ["City Museum collection"],
    }
    assert canvases[0]["rights"] == tripod.rights_statement
    rights = {row["label"]["en"][0]: row["value"] for row in canvases[0]["metadata"]}["Rights"]
    assert rights["en"] == ["Public Domain Mark 1.0"] and set(rights) == {"zh-hans", "en"}


def test_the_schema_refuses_what_presentation_3_forbids(client, exhibition, items):
    data = manifest(client, exhibition)
    validator = jsonschema_rs.Draft7Validator(SCHEMA)
    for broken in (
        {**data, "label": "a plain string"},
        {**data, "items": [{**data["items"][0], "width": None}]},
        {**data, "rights": "https://example.org/my-licence"},
        {**data, "requiredStatement": {"label": {"en": "not a list"}, "value": {"en": ["x"]}}},
    ):
        assert not validator.is_valid(broken)


def test_mixed_rights_leave_rights_to_each_canvas(client, exhibition, items):
    tripod, bells = items
    bells.rights_statement = "http://rightsstatements.org/vocab/InC/1.0/"
    bells.save()
    data = manifest(client, exhibition)
    assert "rights" not in data
    assert data["items"][2]["rights"] == "http://rightsstatements.org/vocab/InC/1.0/"


def test_drafts_and_scheduled_have_no_manifest_even_for_their_staff(organizer, staff, resident, exhibition):
    draft = ExhibitionFactory(organizer=organizer, status="draft", publish_at=None)
    superuser = UserFactory(is_superuser=True)
    users = {"anonymous": None, "citizen": resident, "organizer_staff": staff, "superuser": superuser}
    assert_permission_matrix(
        users,
        {
            draft.get_manifest_url(): dict.fromkeys(users, 404),
            exhibition.get_manifest_url(): dict.fromkeys(users, 200),
            "/iiif/no-such-exhibition/manifest.json": dict.fromkeys(users, 404),
        },
    )


def test_public_iiif_files_are_open_to_other_sites_and_nothing_else(client, settings, exhibition, items):
    image = items[0].images.first()
    tiles = client_for(None).get(f"/media/public/{image.derivatives['info']}")
    assert tiles.status_code == 200 and tiles["Access-Control-Allow-Origin"] == "*"
    cover = settings.MEDIA_ROOT / "public" / "exhibitions" / "covers" / "c.jpg"
    cover.parent.mkdir(parents=True, exist_ok=True)
    cover.write_bytes(b"jpeg")
    other = client.get("/media/public/exhibitions/covers/c.jpg")
    assert other.status_code == 200 and "Access-Control-Allow-Origin" not in other
