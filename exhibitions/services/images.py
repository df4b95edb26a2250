"""The image pipeline of exhibition items: checks, web derivatives and IIIF level-0 tiles, made with libvips.

An item image's original stays under MEDIA_ROOT/exhibitions/originals/ (never public). Processing
publishes one folder, MEDIA_ROOT/public/iiif/<key>/, that any web server or CDN serves as is:
- deep-zoom tiles, a static IIIF Image API 3 level-0 image (`dzsave(layout="iiif3")`);
- web derivatives for `srcset`, the JPEG at `full/<w>,<h>/0/default.jpg` (so each is also one of the
  IIIF `sizes`) and a WebP beside it (`default.webp`);
- `info.json`, rewritten with an absolute `id` on SITE_URL, the `sizes` written and `profile: level0`.

The rules it enforces:
- Only real raster images (JPEG, PNG, WebP, TIFF, told by their content, never their name) are
  published; SVG (which may carry scripts) and anything else are refused. Decompression bombs are
  refused from the header, before any pixel is decoded (EXHIBITIONS_MAX_MEGAPIXELS), and files larger
  than EXHIBITIONS_MAX_FILE_MB before they are opened; a truncated or damaged file is refused, never
  published half-decoded.
- Images come out upright (EXIF orientation), in 8-bit sRGB (CMYK, 16-bit, grey converted), with any
  transparency flattened on white; metadata (EXIF, GPS) is not copied to public files.
- Where the rights holder asks (`Item.watermark`), every public derivative and tile carries a visible
  watermark and nothing longer than EXHIBITIONS_WATERMARK_MAX_PX on its long side is written under public/.
- Memory stays flat whatever the image: libvips streams the original (sequential access) into the
  tiles and shrinks on load for the derivatives; no full decode into Python.
- Nothing half-tiled is ever served: a folder is built beside the final one and renamed into place
  when complete (portal.media.publishing). Each processing publishes a new <key>; the old folder is
  deleted once the row points at the new one, so a re-upload replaces its tiles atomically.

The curator sees progress and refusals on the image (`status`, `error`) and on its BackgroundJob
(portal.jobs, kind "exhibitions.image"), which the admin shows.
"""

import html
import json
import logging
import math
import secrets

import pyvips
from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from portal import jobs, media
from portal.background import after_commit

from ..errors import ExhibitionError
from ..models import ItemImage

logger = logging.getLogger(__name__)

JOB_KIND = "exhibitions.image"
SRCSET_WIDTHS = (320, 640, 1024, 1600, 2400)  # never wider than the image (or the watermark cap)
TILE_SIZE = 512
JPEG_OPTIONS = {"Q": 85, "keep": pyvips.enums.ForeignKeep.NONE}
WEBP_OPTIONS = {"Q": 80, "effort": 2, "keep": pyvips.enums.ForeignKeep.NONE}  # effort 2: half the time, 5 % larger
IN_MEMORY_PIXELS = 16_000_000  # a derivative this small is decoded once and written in both formats
# libvips' memory grows with its threads (one buffer of tiles each): a fixed count bounds it on any machine.
THREADS = 2
UNBOUNDED = 10_000_000  # "any height": derivatives are sized by their width
IIIF_CONTEXT = "http://iiif.io/api/image/3/context.json"
IIIF_PROTOCOL = "http://iiif.io/api/image"

# What the file's first bytes say it is, and the libvips loader that must agree.
LOADERS = {"jpegload": "JPEG", "pngload": "PNG", "webpload": "WebP", "tiffload": "TIFF"}
UPRIGHT = (0, 1)  # EXIF orientations that need no rotation (0: no tag)


def _sniff(head):
    if head.startswith(b"\xff\xd8\xff"):
        return "jpegload"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "pngload"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webpload"
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):  # TIFF and BigTIFF
        return "tiffload"
    return None


def _looks_like_svg(head):
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in text


def _not_an_image():
    return ExhibitionError(
        _("This file is not an image we can publish: upload a JPEG, PNG, WebP or TIFF image."), "not_an_image"
    )


def _damaged():
    return ExhibitionError(
        _("This image could not be read to the end: the file is damaged or incomplete. Upload it again."),
        "not_an_image",
    )


# --- Checks -------------------------------------------------------------------------------------------


def check_image(path):
    """Refuse what is not a raster image we publish, by its content and its header alone (no pixel is
    decoded): too large a file, not JPEG/PNG/WebP/TIFF (SVG named), a header that does not parse, more
    than EXHIBITIONS_MAX_MEGAPIXELS. Returns the opened, not yet decoded, image."""
    limit_mb = settings.EXHIBITIONS_MAX_FILE_MB
    size = path.stat().st_size
    if size > limit_mb * 1024 * 1024:
        raise ExhibitionError(
            _("This file is %(size)s MB; images may be at most %(limit)s MB.")
            % {"size": math.ceil(size / 1024 / 1024), "limit": limit_mb},
            "image_too_large",
        )
    with open(path, "rb") as file:
        head = file.read(1024)
    loader = _sniff(head)
    if loader is None:
        if _looks_like_svg(head):
            raise ExhibitionError(
                _("SVG drawings are not accepted (they may carry scripts): upload a JPEG, PNG, WebP or TIFF image."),
                "not_an_image",
            )
        raise _not_an_image()
    try:
        image = pyvips.Image.new_from_file(str(path), access="sequential", fail_on="error")
        found = image.get("vips-loader")
    except pyvips.Error as exc:
        logger.info("Refused an unreadable image header: %s", exc)
        raise _damaged() from exc
    if not found.startswith(loader):
        raise _not_an_image()
    megapixels = image.width * image.height / 1_000_000
    if megapixels > settings.EXHIBITIONS_MAX_MEGAPIXELS:
        raise ExhibitionError(
            _(
                "This image is %(width)s × %(height)s pixels (%(megapixels)s megapixels); "
                "images may have at most %(limit)s megapixels."
            )
            % {
                "width": image.width,
                "height": image.height,
                "megapixels": math.ceil(megapixels),
                "limit": settings.EXHIBITIONS_MAX_MEGAPIXELS,
            },
            "image_too_large",
        )
    return image


def _orientation(image):
    return image.get("orientation") if image.get_typeof("orientation") else 1


def _upright_srgb(image):
    """Upright, 8-bit sRGB, three bands: EXIF orientation applied, CMYK/16-bit/grey converted, alpha on white."""
    image = image.autorot()
    if image.interpretation != "srgb" or image.format != "uchar":
        image = image.colourspace("srgb")
    if image.format != "uchar":
        image = image.cast("uchar")
    if image.hasalpha():
        image = image.flatten(background=[255, 255, 255])
    if image.bands > 3:
        image = image.extract_band(0, n=3)
    return image


# --- Watermark ----------------------------------------------------------------------------------------


def watermark_text(item):
    """What a watermarked item's images say: its credit line, else the organizer's name (site language)."""
    if not item.watermark:
        return ""
    with translation.override(settings.LANGUAGE_CODE):
        text = (item.credit_line or "").strip() or str(item.exhibition.organizer.name)
    return text[:80]


def _watermarked(image, text):
    """`image` with `text` repeated across it (white with a dark shadow, half opaque), sized to the image, so
    every crop and every tile carries it."""
    long_side = max(image.width, image.height)
    font_px = max(10, round(long_side / 40))
    mask = pyvips.Image.text(
        html.escape(text), font=f"sans bold {font_px}", dpi=72, width=max(80, image.width // 3), align="centre"
    )
    gap_x, gap_y = max(mask.width // 2, font_px * 2), font_px * 3
    cell = mask.embed(gap_x // 2, gap_y // 2, mask.width + gap_x, mask.height + gap_y)
    pattern = cell.replicate(image.width // cell.width + 1, image.height // cell.height + 1)
    pattern = pattern.crop(0, 0, image.width, image.height)
    shift = max(1, font_px // 12)
    text_alpha = pattern * (0.55 / 255)
    shadow_alpha = pattern.embed(shift, shift, image.width, image.height) * (0.55 / 255)
    out = image * (1 - shadow_alpha)
    out = out * (1 - text_alpha) + text_alpha * 255
    return out.cast("uchar")


# --- Publishing ---------------------------------------------------------------------------------------


def srcset_widths(width):
    """The derivative widths for an image `width` wide: the standard ones below it, and its own width
    (or the largest standard one) as the largest."""
    largest = min(width, SRCSET_WIDTHS[-1])
    return sorted({w for w in SRCSET_WIDTHS if w < largest} | {largest})


class _Source:
    """Where tiles and derivatives are read from: the original file (streamed; JPEG shrinks while
    decoding), or, for a watermarked item, the capped image in memory (at most cap × cap pixels)."""

    def __init__(self, path, *, watermark, max_px):
        self.path, self.watermark = str(path), watermark
        header = pyvips.Image.new_from_file(self.path, access="sequential")
        self.loader, orientation = header.get("vips-loader"), _orientation(header)
        self.upright = orientation in UPRIGHT
        self.upright_width = header.height if orientation >= 5 else header.width
        if watermark:
            long_side = max(header.width, header.height)
            capped = self._shrunk(long_side / max_px).thumbnail_image(max_px, height=max_px, size="down")
            self.capped = capped.copy_memory()  # decodes the whole file: a damaged one fails here

    def _shrunk(self, ratio):
        """The image upright in sRGB, decoded at 1/2, 1/4 or 1/8 where it is a JPEG at least `ratio` times
        larger than needed: most of the work saved. (pyvips' thumbnail() does the same through a reduce
        pipeline that takes about twice the memory.)"""
        shrink = next((f for f in (8, 4, 2) if ratio >= f), 1) if self.loader == "jpegload" else 1
        access = "sequential" if self.upright else "random"  # rotating reads out of order
        options = {"shrink": shrink} if shrink > 1 else {}
        return _upright_srgb(pyvips.Image.new_from_file(self.path, access=access, fail_on="error", **options))

    def full(self):
        """The whole image as published (tiled): upright sRGB, watermarked where asked. Rotated images are
        decoded to memory, or to a temporary file on disk when large (libvips), never into Python."""
        if self.watermark:
            return self.marked(self.capped).copy_memory()
        return self._shrunk(1)

    def plain(self, width):
        """The image `width` wide, upright sRGB, not yet watermarked."""
        if self.watermark:
            return self.capped.thumbnail_image(width, height=UNBOUNDED, size="down")
        return self._shrunk(self.upright_width / width).thumbnail_image(width, height=UNBOUNDED, size="down")

    def marked(self, image):
        return _watermarked(image, self.watermark) if self.watermark else image


def _write_derivatives(source, folder, relative, width):
    """JPEG and WebP at each srcset width, under full/<w>,<h>/0/. The largest is made from the source once
    and kept in memory, the smaller ones from it (one decode of the original, whatever the count); a
    largest too big to keep (a tall panorama) is streamed from the file again for each file written."""
    widths = srcset_widths(width)
    largest = source.plain(widths[-1])
    if largest.width * largest.height <= IN_MEMORY_PIXELS:
        largest = largest.copy_memory()

        def plain(target):
            return largest if target == largest.width else largest.thumbnail_image(target, height=UNBOUNDED)

        streamed = False
    else:
        plain, streamed = source.plain, True
    sizes = []
    for target in widths:
        derivative = source.marked(plain(target))
        if not streamed:
            derivative = derivative.copy_memory()
        w, h = derivative.width, derivative.height
        size_folder = folder / "full" / f"{w},{h}" / "0"
        size_folder.mkdir(parents=True, exist_ok=True)
        derivative.jpegsave(str(size_folder / "default.jpg"), **JPEG_OPTIONS)
        if streamed:  # a file is streamed once: read it again for the second format
            derivative = source.marked(plain(target))
        derivative.webpsave(str(size_folder / "default.webp"), **WEBP_OPTIONS)
        base = f"{relative}/full/{w},{h}/0/default"
        sizes.append({"width": w, "height": h, "jpeg": f"{base}.jpg", "webp": f"{base}.webp"})
    return sizes


def publish_file(path, *, key, watermark=""):
    """Write the tiles, the derivatives and info.json of the checked image file at `path` as
    public/iiif/<key>/, whole or not at all, watermarked with `watermark` (and capped) when given.
    Returns the published width and height and what ItemImage.derivatives records."""
    relative = f"iiif/{key}"
    pyvips.concurrency_set(THREADS)
    pyvips.cache_set_max(0)  # each operation runs once: libvips' cache of results would only hold memory
    with media.publishing(media.public_path(relative)) as folder:
        source = _Source(path, watermark=watermark, max_px=settings.EXHIBITIONS_WATERMARK_MAX_PX)
        tiled = source.full()
        tiled.dzsave(str(folder), layout="iiif3", tile_size=TILE_SIZE, suffix=".jpg", Q=JPEG_OPTIONS["Q"], keep=0)
        width, height = tiled.width, tiled.height
        del tiled
        sizes = _write_derivatives(source, folder, relative, width)
        written = json.loads((folder / "info.json").read_text())
        info = {
            "@context": IIIF_CONTEXT,
            "id": media.public_url(relative),
            "type": "ImageService3",
            "protocol": IIIF_PROTOCOL,
            "profile": "level0",
            "width": width,
            "height": height,
            "sizes": [{"width": s["width"], "height": s["height"]} for s in sizes],
            "tiles": written["tiles"],
        }
        (folder / "info.json").write_text(json.dumps(info, indent=2))
    return width, height, {"iiif": relative, "info": f"{relative}/info.json", "sizes": sizes}


def _made_from(image, watermark):
    """What the published files were made from: processing again with the same gives the same files."""
    return {
        "original": image.original.name,
        "watermark": watermark,
        "max_px": settings.EXHIBITIONS_WATERMARK_MAX_PX if watermark else None,
    }


def is_current(image):
    """Whether `image`'s published files are those of its original and its item's rights as they are now."""
    derivatives = image.derivatives or {}
    return (
        image.status == ItemImage.Status.READY
        and derivatives.get("made_from") == _made_from(image, watermark_text(image.item))
        and media.public_path(derivatives.get("info", "")).is_file()
    )


def process_image(image, *, force=False):
    """Check `image`'s original and publish its tiles and derivatives, here and now (the task and seed_demo
    call it). Idempotent: an image already published from this original and these rights is left alone
    unless `force`. Returns the image as saved.

    A refused file marks the image failed with the message for the curator (and unpublishes what it
    had), then raises that ExhibitionError; an image replaced or deleted meanwhile is left to its own
    processing.
    """
    image = ItemImage.objects.select_related("item__exhibition__organizer").get(pk=image.pk)
    if not force and is_current(image):
        return image
    watermark = watermark_text(image.item)
    made_from = _made_from(image, watermark)
    key = f"{image.pk}-{secrets.token_hex(8)}"
    try:
        if not image.original:
            raise FileNotFoundError(image.pk)
        with media.local_path(image.original) as path:
            check_image(path)
            width, height, derivatives = publish_file(path, key=key, watermark=watermark)
    except FileNotFoundError as exc:
        error = ExhibitionError(_("The uploaded file is missing: upload the image again."), "not_found")
        _refuse(image, error)
        raise error from exc
    except ExhibitionError as error:
        _refuse(image, error)
        raise
    except pyvips.Error as exc:
        logger.warning("Image %s refused: libvips could not read it: %s", image.pk, exc)
        error = _damaged()
        _refuse(image, error)
        raise error from exc
    except Exception as exc:
        _refuse(image, _("The image could not be processed: %(error)s") % {"error": exc})
        raise
    derivatives["made_from"] = made_from
    return _record(image, width=width, height=height, derivatives=derivatives)


@transaction.atomic
def _record(image, *, width, height, derivatives):
    current = ItemImage.objects.select_for_update().filter(pk=image.pk).first()
    if current is None or current.original.name != derivatives["made_from"]["original"]:
        media.delete_public_folder(derivatives["iiif"])
        return current
    previous = (current.derivatives or {}).get("iiif")
    current.width, current.height, current.derivatives = width, height, derivatives
    current.status, current.error = ItemImage.Status.READY, ""
    current.save(update_fields=["width", "height", "derivatives", "status", "error"])
    if previous and previous != derivatives["iiif"]:
        transaction.on_commit(lambda: media.delete_public_folder(previous))
    return current


@transaction.atomic
def _refuse(image, error):
    """Mark `image` failed with `error` for the curator; what it published before is withdrawn."""
    current = ItemImage.objects.select_for_update().filter(pk=image.pk, original=image.original.name).first()
    if current is None:
        return
    previous = (current.derivatives or {}).get("iiif")
    current.status, current.error = ItemImage.Status.FAILED, str(error)
    current.width = current.height = 0
    current.derivatives = {}
    current.save(update_fields=["width", "height", "derivatives", "status", "error"])
    if previous:
        transaction.on_commit(lambda: media.delete_public_folder(previous))
    image.status, image.error, image.derivatives = current.status, current.error, {}


def unpublish_deleted(sender, instance, **kwargs):
    """post_delete of an ItemImage (alone, or with its item or exhibition): its public files are deleted
    once the transaction commits."""
    folder = (instance.derivatives or {}).get("iiif")
    if folder:
        transaction.on_commit(lambda: media.delete_public_folder(folder))


# --- Scheduling ---------------------------------------------------------------------------------------


def schedule_processing(image, *, user=None):
    """After commit, process `image` on the media queue, reported on a BackgroundJob the admin shows
    (`image.job`). An image already published from its original and rights stays shown meanwhile.
    Returns the job."""
    job = jobs.start_job(
        kind=JOB_KIND,
        organizer=image.item.exhibition.organizer,
        created_by=user if user is not None and user.is_authenticated else None,
        options={"image": image.pk},
        queue=False,
    )
    image.job = job
    fields = {"job": job}
    if not is_current(image):
        image.status, image.error = ItemImage.Status.PENDING, ""
        fields.update(status=image.status, error="")
    ItemImage.objects.filter(pk=image.pk).update(**fields)
    after_commit(process_image_job, job.pk)
    return job


def run_image_job(job, progress):
    """portal.jobs runner for "exhibitions.image": process the image named in the job's options, one row."""
    progress.set_total(1)
    image = ItemImage.objects.filter(pk=job.options.get("image")).first()
    if image is None:
        progress.add(row=1, outcome=jobs.REFUSED, message=_("The image was deleted before it was processed."))
        return
    label = str(image)
    try:
        image = process_image(image)
    except ExhibitionError as error:
        progress.add(row=1, outcome=jobs.REFUSED, message=str(error), object_id=image.pk, label=label)
        raise
    if image is None or image.status != ItemImage.Status.READY:  # replaced meanwhile: its own job reports
        job.message = _("The image was replaced before it was processed.")
        progress.add(row=1, outcome=jobs.REFUSED, message=job.message, object_id=job.options.get("image"))
        return
    job.message = _("%(width)s × %(height)s pixels: %(sizes)s sizes and deep-zoom tiles published.") % {
        "width": image.width,
        "height": image.height,
        "sizes": len(image.derivatives["sizes"]),
    }
    progress.add(row=1, outcome=jobs.CREATED, message=job.message, object_id=image.pk, label=label)


@shared_task(acks_late=True, ignore_result=True)
def process_image_job(job_id):
    """On the media queue: run the image job `job_id` (portal.jobs.run claims it once: a second delivery
    of the message does nothing)."""
    jobs.run(job_id)
