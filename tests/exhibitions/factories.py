"""Exhibitions factories: exhibitions, sections, items, and images made "ready" as the image pipeline leaves them."""

import io
import json
import secrets
from datetime import timedelta

import factory
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from tests.factories import OrganizerFactory


class ExhibitionFactory(factory.django.DjangoModelFactory):
    """A published exhibition on show since last week, for a month more."""

    class Meta:
        model = "exhibitions.Exhibition"

    organizer = factory.SubFactory(OrganizerFactory)
    slug = factory.Sequence(lambda n: f"exhibition-{n}")
    status = "published"
    publish_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=7))
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=7))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    title_en = factory.Sequence(lambda n: f"Exhibition {n}")
    title_zh_hans = factory.Sequence(lambda n: f"展览{n}")
    introduction_en = "Works from the collection.\n\nSecond paragraph."
    introduction_zh_hans = "馆藏精品。"


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "exhibitions.Section"

    exhibition = factory.SubFactory(ExhibitionFactory)
    position = factory.Sequence(lambda n: n)
    title_en = factory.Sequence(lambda n: f"Section {n}")
    title_zh_hans = factory.Sequence(lambda n: f"单元{n}")


class ItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "exhibitions.Item"

    exhibition = factory.SubFactory(ExhibitionFactory)
    position = factory.Sequence(lambda n: n)
    title_en = factory.Sequence(lambda n: f"Work {n}")
    title_zh_hans = factory.Sequence(lambda n: f"作品{n}")
    description_en = "A fine work."
    creator = "Unknown maker"
    credit_line_en = "City Museum collection"
    credit_line_zh_hans = "市博物馆藏"
    rights_statement = "http://creativecommons.org/publicdomain/mark/1.0/"


def jpeg(size=(64, 48), color=(120, 80, 40)):
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG")
    return out.getvalue()


def ready_image(item, *, width=1600, height=1200, position=0, alt_text="A bronze vessel"):
    """An ItemImage as the image pipeline leaves it (its contract): files under MEDIA_ROOT/public/iiif/<key>/,
    `derivatives` naming them, width, height and status "ready"."""
    from exhibitions.models import ItemImage

    image = ItemImage(item=item, position=position, alt_text_en=alt_text, alt_text_zh_hans="青铜器")
    image.original.save("original.jpg", ContentFile(jpeg()), save=False)
    key = secrets.token_hex(6)
    folder = settings.MEDIA_ROOT / "public" / "iiif" / key
    folder.mkdir(parents=True, exist_ok=True)
    sizes = []
    for size_width in (400, 800, 1200):
        size_height = round(height * size_width / width)
        for kind in ("jpg", "webp"):
            (folder / f"{size_width}.{kind}").write_bytes(jpeg((8, 6)))
        sizes.append(
            {
                "width": size_width,
                "height": size_height,
                "jpeg": f"iiif/{key}/{size_width}.jpg",
                "webp": f"iiif/{key}/{size_width}.webp",
            }
        )
    info = {"id": f"{settings.SITE_URL}/media/public/iiif/{key}", "type": "ImageService3", "profile": "level0"}
    (folder / "info.json").write_text(json.dumps(info))
    image.derivatives = {"iiif": f"iiif/{key}", "info": f"iiif/{key}/info.json", "sizes": sizes}
    image.width, image.height, image.status = width, height, ItemImage.Status.READY
    image.save()
    return image
