"""The exhibitions demo: three bilingual exhibitions on show at a museum, a cultural center and a rural center,
one scheduled, watermarked items, audio guides with transcripts, links to the other demos; safe to run again."""

import io
import wave

import pytest
from django.core.management import call_command
from django.utils import timezone

from exhibitions.models import Exhibition, Item, ItemImage, Section
from portal.models import District
from tests.utils import html

pytestmark = pytest.mark.django_db


def counts():
    return {model.__name__: model.objects.count() for model in (Exhibition, Section, Item, ItemImage)}


def test_demo_exhibitions(demo, client):
    published = Exhibition.objects.filter(status="published").select_related("organizer__district")
    assert published.count() >= 3
    assert {"city-museum", "city-cultural-center"} <= {e.organizer.slug for e in published}
    assert any(e.organizer.district.kind == District.Kind.RURAL for e in published)
    today = timezone.localdate()
    for exhibition in published:
        assert exhibition.items.count() >= 8 and exhibition.is_open_on(today)
        assert exhibition.title_zh_hans and exhibition.title_en and exhibition.introduction_en
        assert exhibition.cover_thumbnail
    scheduled = Exhibition.objects.get(status="scheduled")
    assert scheduled.publish_at > timezone.now()
    assert client.get(scheduled.get_absolute_url()).status_code == 404

    items = Item.objects.all()
    assert not items.filter(title_zh_hans="").exists() and not items.filter(title_en="").exists()
    assert items.filter(watermark=True).count() >= 8
    assert items.exclude(credit_line_en="").count() == items.count()
    assert items.filter(library_resource__isnull=False).exists() and items.filter(event__isnull=False).exists()
    guided = items.exclude(audio_guide="")
    assert guided.count() >= 6 and not guided.filter(transcript_en="").exists()
    with guided.first().audio_guide.open("rb") as file, wave.open(file) as sound:
        assert 1 <= sound.getnframes() / sound.getframerate() <= 10

    assert ItemImage.objects.count() >= items.count()
    original = ItemImage.objects.first()
    assert not original.original.name.startswith("public/")
    assert (original.original.width, original.original.height) == (800, 600)  # the tests' EXHIBITIONS_DEMO_IMAGE_SIZE
    page = html(client.get(published.first().get_absolute_url()))
    assert published.first().title_en in page


def test_demo_images_are_processed_in_the_seed(demo, client):
    assert not ItemImage.objects.exclude(status="ready").exists()
    exhibition = Exhibition.objects.filter(status="published").first()
    assert client.get(exhibition.get_manifest_url()).json()["items"]


def test_demo_runs_again_without_duplicates(demo):
    before = counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == before
