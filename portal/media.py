"""Image derivatives, made by Celery tasks after commit and served from media/public/."""

from io import BytesIO
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

THUMBNAIL_WIDTH = 640


def render_thumbnail(file, width=THUMBNAIL_WIDTH):
    with Image.open(file) as image:
        image = ImageOps.exif_transpose(image).convert("RGB")
        if image.width > width:
            image = image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
        out = BytesIO()
        image.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue()


def thumbnail_is_stale(instance, *, source, target):
    original, thumbnail = getattr(instance, source), getattr(instance, target)
    if not original:
        return False
    stem = PurePosixPath(original.name).stem
    return not (
        thumbnail and PurePosixPath(thumbnail.name).stem.startswith(stem) and thumbnail.storage.exists(thumbnail.name)
    )


def refresh_thumbnail(instance, *, source, target):
    """Make `target` a thumbnail of `source`; idempotent: an up-to-date thumbnail is left alone."""
    if not thumbnail_is_stale(instance, source=source, target=target):
        return False
    original, thumbnail = getattr(instance, source), getattr(instance, target)
    stem = PurePosixPath(original.name).stem
    with original.open("rb") as file:
        data = render_thumbnail(file)
    thumbnail.save(f"{stem}.jpg", ContentFile(data), save=False)
    type(instance).objects.filter(pk=instance.pk).update(**{target: thumbnail.name})
    return True
