"""Image derivatives of any model, made by one Celery task after commit and served from media/public/.

A model asks for its thumbnail in `save()` with `schedule_thumbnail(self, source=…, target=…)`; the
task takes the model by its label, so models never import tasks. Folders of derivatives (IIIF tiles)
are published whole with `publishing()`, under `public_path()`, addressed by `public_url()`.
"""

import os
import shutil
import tempfile
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path, PurePosixPath

from celery import shared_task
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageOps

from .background import after_commit
from .links import absolute_url

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


# --- Published folders (IIIF tiles and the like) ------------------------------------------------------


def public_path(relative=""):
    """Where a file or folder under MEDIA_ROOT/public/ (served as /media/public/) lives on disk."""
    return Path(settings.MEDIA_ROOT) / "public" / relative


def public_url(relative):
    """The absolute address of a file under MEDIA_ROOT/public/, on SITE_URL (for info.json, manifests)."""
    return absolute_url(f"{settings.MEDIA_URL}public/{relative}")


@contextmanager
def publishing(final):
    """Build a folder in a temporary folder beside `final` and rename it into place only when complete.

    Yields the path to write into (`final`'s name inside `.tmp-<name>/`, so a tool that writes beside
    its output folder writes into the temporary folder too). Nothing is ever served half-written: on an
    error the temporary folder is deleted and `final` never appears. `final` must not exist (publish a
    new name and delete the old folder afterwards: a folder cannot be renamed over another).
    """
    final = Path(final)
    workspace = final.parent / f".tmp-{final.name}"
    workspace.mkdir(parents=True, exist_ok=False)
    try:
        yield workspace / final.name
        os.rename(workspace / final.name, final)
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


def delete_public_folder(relative):
    """Delete a published folder under MEDIA_ROOT/public/ (no error when it is already gone)."""
    if relative and ".." not in PurePosixPath(relative).parts:
        shutil.rmtree(public_path(relative), ignore_errors=True)


@contextmanager
def local_path(file):
    """A path on disk for a stored file: its own on the file system, else a temporary copy."""
    try:
        yield Path(file.path)
        return
    except NotImplementedError:
        pass
    suffix = PurePosixPath(file.name).suffix
    with tempfile.NamedTemporaryFile(suffix=suffix) as copy, file.open("rb") as source:
        shutil.copyfileobj(source, copy)
        copy.flush()
        yield Path(copy.name)
