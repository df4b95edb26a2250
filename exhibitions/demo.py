"""The exhibitions' part of `manage.py seed_demo`: three exhibitions on show and one scheduled.

At the City Museum (ancient bronzes, public domain, full-resolution download), the City Cultural
Center (paper-cuts in copyright: watermarked, size-capped images) and the rural Yunling County
Cultural Center (terraces and tea, CC BY-NC), plus the museum's ink landscapes, scheduled for next
month. Every text is bilingual (exhibitions.demo_catalog); some items have an audio guide (a few
seconds of WAV made with `wave`) with its transcript, some link to a demo event or library resource.

The artworks are drawn here with Pillow at EXHIBITIONS_DEMO_IMAGE_SIZE (4000×3000 for `make run`, so
deep zoom matters; the tests seed 800×600) and processed in process by the image pipeline
(`exhibitions.services.images.process_image`: derivatives and IIIF tiles), so the demo is complete
with no worker running. Runs after the events and library demos (INSTALLED_APPS order). Exhibitions
are found again by slug, sections by position, items by English title, images by position: a second
run updates the texts and draws or processes only what is missing.
"""

import io
import math
import struct
import wave
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from portal import media
from portal.models import Organizer

from .demo_catalog import EXHIBITIONS
from .models import Exhibition, Item, ItemImage, Section
from .services import exhibitions as services
from .services import images

PALETTES = {
    "bronze": ((42, 66, 58), (120, 150, 120), (176, 140, 80)),
    "papercut": ((245, 238, 225), (190, 30, 35), (150, 20, 25)),
    "terrace": ((150, 190, 215), (70, 130, 60), (200, 170, 60)),
    "ink": ((235, 228, 210), (60, 60, 60), (20, 20, 20)),
}


def seed(context):
    organizers = {o.slug: o for o in Organizer.objects.filter(slug__in={e.organizer for e in EXHIBITIONS})}
    size = image_size()
    made = processed = 0
    for data in EXHIBITIONS:
        exhibition = upsert_exhibition(context, data, organizers[data.organizer])
        sections = upsert_sections(exhibition, data)
        for position, item_data in enumerate(data.items):
            item = upsert_item(exhibition, sections, data, item_data, position)
            for number in range(item_data.images):
                drawn, done = upsert_image(context, item, data, item_data, number, size)
                made += drawn
                processed += done
    context.stdout.write(
        f"  exhibitions: {len(EXHIBITIONS)} demo exhibitions, {made} images drawn at {size[0]}×{size[1]} and "
        f"{processed} processed this run"
    )


def image_size():
    width, _, height = str(settings.EXHIBITIONS_DEMO_IMAGE_SIZE).lower().partition("x")
    return int(width), int(height)


def upsert_exhibition(context, data, organizer):
    exhibition = Exhibition.objects.filter(slug=data.slug).first() or Exhibition(slug=data.slug)
    today = timezone.localdate()
    exhibition.organizer = organizer
    exhibition.category = data.category
    exhibition.opens_on = today + timedelta(days=data.opens_in_days)
    exhibition.closes_on = today + timedelta(days=data.closes_in_days)
    for name in ("title", "introduction", "curator"):
        for language in ("zh_hans", "en"):
            setattr(exhibition, f"{name}_{language}", getattr(data, f"{name}_{language}"))
    if not (exhibition.cover and exhibition.cover.storage.exists(exhibition.cover.name)):
        picture = artwork(context.random_for(f"{data.slug}-cover"), data.motif, (1200, 800))
        exhibition.cover.save(f"{data.slug}.jpg", ContentFile(picture), save=False)
    # Made before saving, so Exhibition.save() finds it fresh and queues no task (no worker may run yet).
    media.refresh_thumbnail(exhibition, source="cover", target="cover_thumbnail")
    if data.status == Exhibition.Status.SCHEDULED:
        publish_at = exhibition.publish_at
        if exhibition.status != Exhibition.Status.SCHEDULED or publish_at is None or publish_at <= timezone.now():
            publish_at = timezone.now() + timedelta(days=data.opens_in_days)
        services.change_status(exhibition=exhibition, status=data.status, publish_at=publish_at)
    else:
        services.change_status(exhibition=exhibition, status=data.status)
    return exhibition


def upsert_sections(exhibition, data):
    sections = {}
    for position, (title_zh, title_en, body_zh, body_en) in enumerate(data.sections):
        section = Section.objects.filter(exhibition=exhibition, position=position).first() or Section(
            exhibition=exhibition, position=position
        )
        section.title_zh_hans, section.title_en, section.body_zh_hans, section.body_en = (
            title_zh,
            title_en,
            body_zh,
            body_en,
        )
        sections[position] = services.save_section(section=section)
    return sections


def upsert_item(exhibition, sections, data, item_data, position):
    item = Item.objects.filter(exhibition=exhibition, title_en=item_data.title_en).first() or Item(
        exhibition=exhibition
    )
    item.position = position
    item.section = sections.get(item_data.section) if item_data.section is not None else None
    item.kind = item_data.kind
    item.category = data.category
    item.creator, item.date, item.dimensions = item_data.creator, item_data.date, item_data.dimensions
    for name in ("title", "description", "medium", "transcript"):
        for language in ("zh_hans", "en"):
            setattr(item, f"{name}_{language}", getattr(item_data, f"{name}_{language}"))
    item.credit_line_zh_hans, item.credit_line_en = data.credit_zh_hans, data.credit_en
    item.rights_statement = data.rights_statement
    item.watermark = data.watermark
    item.allow_full_download = data.allow_full_download
    item.library_resource = linked_resource(item_data.library_resource)
    item.event = linked_event(item_data.event)
    if item_data.transcript_en and not (item.audio_guide and item.audio_guide.storage.exists(item.audio_guide.name)):
        item.audio_guide.save(f"{data.slug}-{position}.wav", ContentFile(audio_guide(position)), save=False)
    return services.save_item(item=item)


def linked_resource(key):
    """A demo library resource by its identifier; the library's models are read by name, never imported."""
    if not key:
        return None
    return apps.get_model("library", "Resource").objects.filter(identifier=f"demo:lib:{key}").first()


def linked_event(key):
    if not key:
        return None
    return apps.get_model("events", "Event").objects.filter(slug=f"demo-{key}").first()


def upsert_image(context, item, data, item_data, number, size):
    """(drawn, processed): the item's `number`th image, drawn when missing and processed when not ready."""
    image = ItemImage.objects.filter(item=item, position=number).first() or ItemImage(item=item, position=number)
    drawn = 0
    if not (image.original and image.original.storage.exists(image.original.name)):
        key = f"{data.slug}-{item_data.title_en}-{number}"
        picture = artwork(context.random_for(key), data.motif, size)
        image.original.save(f"{data.slug}-{number}.jpg", ContentFile(picture), save=False)
        image.status = ItemImage.Status.PENDING
        drawn = 1
    image.alt_text_zh_hans = item_data.title_zh_hans
    image.alt_text_en = item_data.title_en
    image.save()
    processed = 0
    if image.status != ItemImage.Status.READY:
        processed = int(process(image))
    return drawn, processed


def process(image):
    """The image pipeline, in process (no worker needed), for an image not processed yet."""
    if image.status == image.Status.READY:
        return False
    images.process_image(image)
    return True


# --- Generated artworks ------------------------------------------------------------------------------


def artwork(rng, motif, size):
    """A JPEG of `size` in the motif's palette, with fine detail everywhere so that zooming in shows more."""
    width, height = size
    background, middle, accent = PALETTES[motif]
    picture = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(picture)
    scale = width / 1000
    if motif == "terrace":
        for band in range(14):
            top = int(height * (0.25 + band * 0.055))
            points = [(x, top + int(math.sin(x / width * 6 + band) * 30 * scale)) for x in range(0, width + 50, 50)]
            shade = tuple(max(0, min(255, c + rng.randint(-25, 25))) for c in (middle if band % 3 else accent))
            draw.polygon([*points, (width, height), (0, height)], fill=shade)
            draw.line(points, fill=(230, 230, 200), width=max(1, int(2 * scale)))
    elif motif == "papercut":
        cx, cy = width // 2, height // 2
        for ring in range(8, 0, -1):
            radius = int(min(width, height) * 0.055 * ring)
            petals = 8 + ring * 2
            points = []
            for step in range(petals * 2):
                angle = math.pi * step / petals
                r = radius if step % 2 == 0 else radius * 0.82
                points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
            draw.polygon(points, fill=middle if ring % 2 else background)
        for _ in range(600):
            x, y = rng.randint(0, width), rng.randint(0, height)
            r = rng.randint(2, 9) * scale
            draw.ellipse([x - r, y - r, x + r, y + r], fill=background)
    else:
        for _ in range(70):
            x, y = rng.randint(0, width), rng.randint(0, height)
            r = rng.randint(40, 220) * scale
            draw.ellipse([x - r, y - r * 0.7, x + r, y + r * 0.7], fill=middle if rng.random() < 0.6 else accent)
    # Fine strokes: a pattern or brushwork that only deep zoom shows clearly.
    for _ in range(1500):
        x, y = rng.randint(0, width), rng.randint(0, height)
        length = rng.randint(5, 40) * scale
        angle = rng.random() * math.pi
        end = (x + length * math.cos(angle), y + length * math.sin(angle))
        draw.line([(x, y), end], fill=accent if rng.random() < 0.5 else middle, width=max(1, int(scale)))
    # A paper or patina grain; drawn at a third of the size and enlarged, since noise is slow to make.
    grain = Image.effect_noise((max(1, width // 3), max(1, height // 3)), 24).convert("RGB").resize(size)
    picture = Image.blend(picture, grain, 0.08)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=88)
    return out.getvalue()


def audio_guide(seed_number, seconds=3, rate=8000):
    """A few seconds of a gentle three-note chime as 8 kHz mono WAV: a stand-in for a recorded guide."""
    notes = [392.0, 440.0, 523.25][seed_number % 3 :] + [392.0, 440.0, 523.25][: seed_number % 3]
    frames = bytearray()
    total = seconds * rate
    for n in range(total):
        note = notes[min(len(notes) - 1, n * len(notes) // total)]
        envelope = 1 - (n % (total // len(notes))) / (total / len(notes))
        frames += struct.pack("<h", int(9000 * envelope * math.sin(2 * math.pi * note * n / rate)))
    out = io.BytesIO()
    with wave.open(out, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(2)
        file.setframerate(rate)
        file.writeframes(bytes(frames))
    return out.getvalue()
