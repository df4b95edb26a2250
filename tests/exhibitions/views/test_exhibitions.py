"""The exhibition pages: the list, the story, the item viewer; drafts for their own staff only; visits recorded."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone

from portal.models import Interaction
from tests.exhibitions.factories import ExhibitionFactory, ItemFactory, SectionFactory, ready_image
from tests.factories import EventFactory, UserFactory, make_staff
from tests.utils import assert_max_queries, assert_permission_matrix, client_for, html

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(exhibition):
    """Two sections (given out of order), items in both and one without a section, each with a ready image."""
    second = SectionFactory(exhibition=exhibition, position=2, title_en="Bells and blades")
    first = SectionFactory(exhibition=exhibition, position=1, title_en="Vessels", body_en="For the rites.")
    items = [
        ItemFactory(exhibition=exhibition, section=None, position=0, title_en="Arrowheads"),
        ItemFactory(exhibition=exhibition, section=second, position=0, title_en="Halberd"),
        ItemFactory(exhibition=exhibition, section=first, position=1, title_en="Tureen"),
        ItemFactory(exhibition=exhibition, section=first, position=0, title_en="Tripod"),
    ]
    for item in items:
        ready_image(item)
    return items


def test_list_shows_current_upcoming_and_past_and_hides_drafts(client):
    today = timezone.localdate()
    ExhibitionFactory(title_en="On now")
    ExhibitionFactory(title_en="Soon", opens_on=today + timedelta(days=5), closes_on=today + timedelta(days=50))
    ExhibitionFactory(title_en="Gone", opens_on=today - timedelta(days=50), closes_on=today - timedelta(days=5))
    ExhibitionFactory(title_en="Secret", status="draft")
    page = html(client.get("/exhibitions/"))
    assert page.index("On show now") < page.index("On now") < page.index("Opening soon") < page.index("Soon")
    assert page.index("Past exhibitions") < page.index("Gone")
    assert "Secret" not in page


def test_empty_list_says_so(client, db):
    assert "No exhibitions are on show right now." in html(client.get("/exhibitions/"))


def test_past_exhibitions_are_paginated(client, db):
    today = timezone.localdate()
    for number in range(14):
        ExhibitionFactory(opens_on=today - timedelta(days=90), closes_on=today - timedelta(days=number + 1))
    assert 'rel="next"' in html(client.get("/exhibitions/"))
    assert 'rel="prev"' in html(client.get("/exhibitions/?page=2"))


def test_exhibition_reads_as_a_story(client, exhibition, story):
    with assert_max_queries(12):
        page = html(client.get(exhibition.get_absolute_url()))
    order = ["Arrowheads", "Vessels", "For the rites.", "Tripod", "Tureen", "Bells and blades", "Halberd"]
    positions = [page.index(text) for text in order]
    assert positions == sorted(positions)
    assert 'srcset="/media/public/iiif/' in page and 'type="image/webp"' in page
    assert "Rights and credits" in page and "Public Domain Mark 1.0" in page and "City Museum collection" in page
    assert exhibition.get_manifest_url() in page
    assert 'name="viewport"' in page and "<script>" not in page and "style=" not in page


def test_item_page_has_the_viewer_fallback_audio_rights_and_neighbours(client, exhibition, story):
    tripod = story[3]
    tripod.transcript_en = "Look at the mask."
    tripod.audio_guide.save("guide.wav", ContentFile(b"RIFF"), save=False)
    tripod.event = EventFactory(organizer=exhibition.organizer)
    tripod.save()
    page = html(client.get(tripod.get_absolute_url()))
    image = tripod.images.get()
    assert f'data-info-url="/media/public/{image.derivatives["info"]}"' in page
    assert 'data-prefix-url="/static/vendor/openseadragon-6.1.1/images/"' in page
    assert "openseadragon.min.js" in page and "exhibitions/viewer.js" in page
    assert f'srcset="/media/public/{image.sizes[0]["jpeg"]} 400w' in page and 'alt="A bronze vessel"' in page
    assert "<audio controls" in page and "Look at the mask." in page
    assert f'<a href="{tripod.rights_statement}" rel="license">Public Domain Mark 1.0</a>' in page
    assert f'href="{tripod.event.get_absolute_url()}"' in page
    assert f'href="{story[0].get_absolute_url()}" rel="prev"' in page  # Arrowheads comes before
    assert f'href="{story[2].get_absolute_url()}" rel="next"' in page  # then Tureen
    assert "Download the full-resolution image" not in page  # the rights do not allow it
    assert "<script>" not in page and "style=" not in page


def test_first_and_last_items_have_one_neighbour(client, exhibition, story):
    first = html(client.get(story[0].get_absolute_url()))
    last = html(client.get(story[1].get_absolute_url()))
    assert 'rel="prev"' not in first and 'rel="next"' in first
    assert 'rel="next"' not in last and 'rel="prev"' in last


def test_item_without_a_ready_image_shows_the_text(client, exhibition):
    item = ItemFactory(exhibition=exhibition, description_en="Long description of the work.")
    page = html(client.get(item.get_absolute_url()))
    assert "Long description of the work." in page and "being prepared" in page and "openseadragon" not in page


def test_an_item_of_another_exhibition_is_not_found(client, exhibition):
    other = ItemFactory()
    assert client.get(f"/exhibitions/{exhibition.slug}/items/{other.pk}/").status_code == 404


def test_drafts_only_for_their_own_staff(organizer, staff, other_staff, resident):
    draft = ExhibitionFactory(organizer=organizer, status="draft", publish_at=None)
    item = ItemFactory(exhibition=draft)
    published = ExhibitionFactory(organizer=organizer)
    superuser = UserFactory(is_superuser=True, is_staff=True)
    users = {
        "anonymous": None,
        "citizen": resident,
        "other_staff": other_staff,
        "organizer_staff": staff,
        "superuser": superuser,
    }
    hidden = {"anonymous": 404, "citizen": 404, "other_staff": 404, "organizer_staff": 200, "superuser": 200}
    assert_permission_matrix(
        users,
        {
            draft.get_absolute_url(): hidden,
            item.get_absolute_url(): hidden,
            published.get_absolute_url(): dict.fromkeys(users, 200),
            "/exhibitions/": dict.fromkeys(users, 200),
        },
    )
    preview = html(client_for(staff).get(draft.get_absolute_url()))
    assert "Preview of a draft" in preview
    assert draft.title not in html(client_for(staff).get("/exhibitions/"))


def test_visits_are_recorded_for_signed_in_residents_not_previews(exhibition, story, organizer):
    resident = UserFactory()
    client = client_for(resident)
    client.get(exhibition.get_absolute_url())
    client.get(story[0].get_absolute_url())
    client_for(None).get(exhibition.get_absolute_url())
    draft = ExhibitionFactory(organizer=organizer, status="draft", publish_at=None)
    client_for(make_staff(organizer)).get(draft.get_absolute_url())
    rows = Interaction.objects.filter(action=Interaction.Action.VIEW)
    assert sorted((row.target_type.model, row.target_id) for row in rows) == sorted(
        [("exhibition", exhibition.pk), ("item", story[0].pk)]
    )
    assert ContentType.objects.get_for_model(exhibition) in {row.target_type for row in rows}
