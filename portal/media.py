"""Image derivatives of any model, made by one Celery task after commit and served from media/public/.

A model asks for its thumbnail in `save()` with `schedule_thumbnail(self, source=…, target=…)`; the
task takes the model by its label, so models never import tasks.
"""

from io import BytesIO
from pathlib import PurePosixPath

from celery import shared_task
from django.apps import apps
from django.core.files.base import ContentFile
from PIL import Image, ImageOps

from .background import after_commit

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


def schedule_thumbnail(instance, *, source, target):
    """After commit, make `target` a thumbnail of `source` when it is missing or out of date."""
    if thumbnail_is_stale(instance, source=source, target=target):
        meta = instance._meta
        after_commit(make_thumbnail, meta.app_label, meta.model_name, instance.pk, source, target)


@shared_task(name="portal.media.make_thumbnail", acks_late=True, ignore_result=True)
def make_thumbnail(app_label, model_name, pk, source, target):
    """The one derivative task: idempotent, and a row deleted meanwhile is no error."""
    instance = apps.get_model(app_label, model_name)._default_manager.filter(pk=pk).first()
    return instance is not None and refresh_thumbnail(instance, source=source, target=target)
