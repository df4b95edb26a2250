"""Venue photos: a thumbnail is made after commit and served from media/public/; nothing else is served."""

from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from events.models import Event
from portal import celery_app, media, tasks
from portal.models import Venue
from tests.factories import EventFactory, VenueFactory

pytestmark = pytest.mark.django_db


def png(width, height, color=(200, 30, 30)):
    out = BytesIO()
    Image.new("RGB", (width, height), color).save(out, "PNG")
    return ContentFile(out.getvalue(), name="hall.png")


def read_image(field):
    with field.open("rb") as file, Image.open(file) as image:
        return image.format, image.size


@pytest.fixture
def venue_with_photo(django_capture_on_commit_callbacks):
    venue = VenueFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        venue.photo = png(1600, 900)
        venue.save()
    assert len(callbacks) == 1
    return Venue.objects.get(pk=venue.pk)


def test_saving_a_photo_makes_a_thumbnail_after_commit(venue_with_photo):
    thumbnail = venue_with_photo.photo_thumbnail
    assert thumbnail.name.startswith("public/venues/thumbs/")
    assert thumbnail.name.endswith(".jpg")
    assert read_image(thumbnail) == ("JPEG", (640, 360))


def test_thumbnail_is_not_made_before_commit(django_capture_on_commit_callbacks):
    venue = VenueFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        venue.photo = png(800, 600)
        venue.save()
    assert len(callbacks) == 1
    assert not Venue.objects.get(pk=venue.pk).photo_thumbnail


def test_small_photos_are_not_enlarged(django_capture_on_commit_callbacks):
    venue = VenueFactory()
    with django_capture_on_commit_callbacks(execute=True):
        venue.photo = png(300, 200)
        venue.save()
    assert read_image(Venue.objects.get(pk=venue.pk).photo_thumbnail) == ("JPEG", (300, 200))


def test_thumbnail_task_is_idempotent(venue_with_photo, django_capture_on_commit_callbacks):
    name = venue_with_photo.photo_thumbnail.name
    tasks.make_venue_thumbnail.delay(venue_with_photo.pk)
    assert Venue.objects.get(pk=venue_with_photo.pk).photo_thumbnail.name == name
    # Saving the venue again without a new photo schedules nothing.
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        Venue.objects.get(pk=venue_with_photo.pk).save()
    assert callbacks == []


def test_a_new_photo_gets_a_new_thumbnail(venue_with_photo, django_capture_on_commit_callbacks):
    old = venue_with_photo.photo_thumbnail.name
    venue = Venue.objects.get(pk=venue_with_photo.pk)
    with django_capture_on_commit_callbacks(execute=True):
        venue.photo = ContentFile(png(700, 700).read(), name="stage.png")
        venue.save()
    new = Venue.objects.get(pk=venue.pk).photo_thumbnail
    assert new.name != old
    assert new.name.startswith("public/venues/thumbs/stage")
    assert read_image(new) == ("JPEG", (640, 640))


def test_thumbnail_task_for_a_deleted_venue_does_nothing():
    assert tasks.make_venue_thumbnail.apply(args=[999999]).successful()


def test_thumbnail_is_served_publicly(client, venue_with_photo):
    name = venue_with_photo.photo_thumbnail.name
    response = client.get(f"/media/{name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xff\xd8")


def test_original_photo_is_served_publicly(client, venue_with_photo):
    response = client.get(f"/media/{venue_with_photo.photo.name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


def test_protected_files_are_never_served(client, settings):
    protected = settings.MEDIA_ROOT / "library" / "book.pdf"
    protected.parent.mkdir(parents=True)
    protected.write_bytes(b"%PDF-1.7 secret")
    (settings.MEDIA_ROOT / "public").mkdir()
    for url in (
        "/media/library/book.pdf",
        "/media/public/../library/book.pdf",
        "/media/public/%2e%2e/library/book.pdf",
        "/media/public/..%2flibrary/book.pdf",
    ):
        response = client.get(url)
        assert response.status_code in (400, 404), url
        content = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"secret" not in content, url


def test_missing_public_file_is_404(client, settings):
    (settings.MEDIA_ROOT / "public").mkdir(parents=True)
    assert client.get("/media/public/venues/missing.jpg").status_code == 404


def test_public_media_directory_listing_is_off(client, venue_with_photo):
    assert client.get("/media/public/venues/").status_code == 404


def test_one_task_makes_the_thumbnail_of_any_model(django_capture_on_commit_callbacks):
    """Venues and events queue the same task; models name it by app label, never import a tasks module."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        venue = VenueFactory(photo=png(1000, 500))
        event = EventFactory(image=png(1200, 600))
    assert len(callbacks) == 2
    assert media.make_thumbnail.apply(args=["portal", "venue", venue.pk, "photo", "photo_thumbnail"]).successful()
    assert media.make_thumbnail.apply(args=["events", "event", event.pk, "image", "image_thumbnail"]).successful()
    assert read_image(Venue.objects.get(pk=venue.pk).photo_thumbnail) == ("JPEG", (640, 320))
    assert read_image(Event.objects.get(pk=event.pk).image_thumbnail) == ("JPEG", (640, 320))
    assert media.make_thumbnail.apply(args=["events", "event", 999999, "image", "image_thumbnail"]).successful()


@pytest.mark.parametrize(
    ("name", "factory", "field"),
    [
        ("portal.tasks.make_venue_thumbnail", lambda: VenueFactory(photo=png(900, 900)), "photo_thumbnail"),
        ("events.tasks.make_event_thumbnail", lambda: EventFactory(image=png(900, 900)), "image_thumbnail"),
    ],
)
def test_messages_queued_under_the_old_task_names_still_make_thumbnails(
    name, factory, field, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        instance = factory()
    assert not getattr(type(instance).objects.get(pk=instance.pk), field)
    celery_app.loader.import_default_modules()  # what a worker does at start: every app's tasks module
    assert celery_app.tasks[name].apply(args=[instance.pk]).successful()
    assert read_image(getattr(type(instance).objects.get(pk=instance.pk), field)) == ("JPEG", (640, 640))
