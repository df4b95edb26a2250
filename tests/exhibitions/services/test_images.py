"""The image pipeline: checks, derivatives, IIIF level-0 tiles and info.json, watermark and cap, replacement."""

import json
import os
import subprocess
import sys
import textwrap

import pytest
import pyvips
from django.core.files.base import ContentFile
from django.utils import translation

from exhibitions.errors import ExhibitionError
from exhibitions.models import ItemImage
from exhibitions.services import images
from tests.exhibitions.images_helpers import (
    gradient,
    item_image,
    jpeg_bytes,
    jpeg_header_claiming,
    png_bytes,
    png_header_claiming,
    public_files,
    public_images,
    public_root,
    tiff_header_claiming,
    uniform_jpeg,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def processed(data, **kwargs):
    return images.process_image(item_image(data, **kwargs))


def refused(data, **kwargs):
    image = item_image(data, **kwargs)
    with pytest.raises(ExhibitionError) as raised:
        images.process_image(image)
    image.refresh_from_db()
    assert image.status == ItemImage.Status.FAILED
    assert image.error == str(raised.value)
    assert image.derivatives == {} and image.width == 0
    assert public_files() == [], "a refused image publishes nothing"
    return image.error


def opened(relative):
    return pyvips.Image.new_from_file(str(public_root() / relative))


def tiles(image):
    """The tile files of a processed image (everything but full/ and info.json)."""
    folder = public_root() / image.derivatives["iiif"]
    return [p for p in folder.rglob("default.jpg") if p.relative_to(folder).parts[0] != "full"]


# --- Derivatives, tiles and info.json -----------------------------------------------------------------


def test_an_image_gets_srcset_derivatives_in_jpeg_and_webp_and_deep_zoom_tiles():
    image = processed(jpeg_bytes(800, 600))

    assert image.status == ItemImage.Status.READY and image.error == ""
    assert (image.width, image.height) == (800, 600)
    key = image.derivatives["iiif"]
    assert key.startswith("iiif/") and image.derivatives["info"] == f"{key}/info.json"
    sizes = image.derivatives["sizes"]
    assert [(s["width"], s["height"]) for s in sizes] == [(320, 240), (640, 480), (800, 600)]
    for size in sizes:
        w, h = size["width"], size["height"]
        assert size["jpeg"] == f"{key}/full/{w},{h}/0/default.jpg"
        assert size["webp"] == f"{key}/full/{w},{h}/0/default.webp"
        for path, loader in ((size["jpeg"], "jpegload"), (size["webp"], "webpload")):
            file = opened(path)
            assert (file.width, file.height) == (w, h)
            assert file.get("vips-loader") == loader
    found = tiles(image)
    assert found, "deep-zoom tiles"
    for tile in found:
        file = pyvips.Image.new_from_file(str(tile))
        assert file.width <= images.TILE_SIZE and file.height <= images.TILE_SIZE
    # IIIF region/size names: x,y,w,h/w,h/0/default.jpg covering the full image at scale 1.
    folder = public_root() / key
    assert (folder / "0,0,512,512/512,512/0/default.jpg").is_file()
    assert (folder / "512,512,288,88/288,88/0/default.jpg").is_file()


def test_derivatives_stop_at_the_largest_srcset_width():
    image = processed(jpeg_bytes(2600, 300))
    assert [s["width"] for s in image.derivatives["sizes"]] == [320, 640, 1024, 1600, 2400]
    assert (image.width, image.height) == (2600, 300)  # the tiles keep the full resolution


def test_info_json_is_a_level0_image_service_with_an_absolute_id_its_sizes_and_tiles(settings):
    settings.SITE_URL = "https://culture.example.org"
    image = processed(png_bytes(800, 600))

    info = json.loads((public_root() / image.derivatives["info"]).read_text())
    assert info["@context"] == "http://iiif.io/api/image/3/context.json"
    assert info["id"] == f"https://culture.example.org/media/public/{image.derivatives['iiif']}"
    assert info["type"] == "ImageService3"
    assert info["protocol"] == "http://iiif.io/api/image"
    assert info["profile"] == "level0"
    assert (info["width"], info["height"]) == (800, 600)
    assert info["tiles"] == [{"width": 512, "scaleFactors": [1, 2]}]
    assert info["sizes"] == [{"width": s["width"], "height": s["height"]} for s in image.derivatives["sizes"]]
    for size in info["sizes"]:  # what a level-0 client asks for exists
        path = public_root() / image.derivatives["iiif"] / "full" / f"{size['width']},{size['height']}/0/default.jpg"
        assert opened(path.relative_to(public_root())).width == size["width"]


def test_the_published_files_are_served_under_media_public(client):
    image = processed(jpeg_bytes(400, 300))
    response = client.get(f"/media/public/{image.derivatives['info']}")
    assert response.status_code == 200
    assert json.loads(b"".join(response.streaming_content))["width"] == 400


def test_processing_again_leaves_a_current_image_alone():
    image = processed(jpeg_bytes(400, 300))
    before = public_files()
    again = images.process_image(image)
    assert again.derivatives == image.derivatives
    assert public_files() == before


# --- Orientation, colour, depth and transparency ------------------------------------------------------


def test_an_exif_rotated_photo_comes_out_upright():
    # Stored 600 × 400 with its top-left corner red, tagged "rotate 90° clockwise to display" (6):
    # upright it is 400 × 600 with the red corner at the top right.
    stored = gradient(600, 400).draw_rect([255, 0, 0], 0, 0, 60, 60, fill=True)
    stored = stored.copy()
    stored.set_type(pyvips.GValue.gint_type, "orientation", 6)
    image = processed(stored.jpegsave_buffer(Q=95))

    assert (image.width, image.height) == (400, 600)
    largest = opened(image.derivatives["sizes"][-1]["jpeg"])
    assert (largest.width, largest.height) == (400, 600)
    red, green, blue = largest.getpoint(largest.width - 10, 10)
    assert red > 200 and green < 60 and blue < 60
    tile = pyvips.Image.new_from_file(
        str(public_root() / image.derivatives["iiif"] / "0,0,400,512/400,512/0/default.jpg")
    )
    assert tile.getpoint(390, 10)[0] > 200


def test_a_cmyk_jpeg_is_published_in_srgb():
    cmyk = (pyvips.Image.black(400, 300, bands=4) + [0, 200, 200, 0]).cast("uchar").copy(interpretation="cmyk")
    image = processed(cmyk.jpegsave_buffer())

    for size in image.derivatives["sizes"]:
        file = opened(size["jpeg"])
        assert file.bands == 3 and file.interpretation == "srgb"
    red, green, blue = opened(image.derivatives["sizes"][-1]["jpeg"]).getpoint(10, 10)
    assert red > 180 and green < 120 and blue < 120  # cyan-free, magenta and yellow: red


def test_a_16_bit_png_is_published_in_8_bit():
    deep = (pyvips.Image.black(400, 300, bands=3) + [60000, 1000, 1000]).cast("ushort").copy(interpretation="rgb16")
    image = processed(deep.pngsave_buffer())

    file = opened(image.derivatives["sizes"][-1]["jpeg"])
    assert file.format == "uchar" and file.bands == 3
    assert file.getpoint(10, 10)[0] > 200


def test_transparency_is_flattened_on_white():
    clear = (pyvips.Image.black(400, 300, bands=4)).cast("uchar").copy(interpretation="srgb")  # alpha 0 everywhere
    image = processed(clear.pngsave_buffer(), name="clear.png")

    jpeg = opened(image.derivatives["sizes"][-1]["jpeg"])
    assert jpeg.bands == 3 and min(jpeg.getpoint(200, 150)) > 245


# --- Refusals -----------------------------------------------------------------------------------------


def test_an_svg_with_a_script_is_refused():
    svg = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">' + b"<script>alert(1)</script></svg>"
    assert "SVG" in refused(svg, name="drawing.jpg")  # by content, whatever the name says


@pytest.mark.parametrize(
    "data", [b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", b"GIF89a\x01\x00\x01\x00", b"just some text", b""], ids=str
)
def test_what_is_not_a_jpeg_png_webp_or_tiff_is_refused(data):
    assert refused(data) == "This file is not an image we can publish: upload a JPEG, PNG, WebP or TIFF image."


def test_a_truncated_jpeg_is_refused_and_leaves_nothing_behind():
    whole = jpeg_bytes(800, 600)
    message = refused(whole[: len(whole) // 2])
    assert "damaged or incomplete" in message
    assert not list(public_root().glob("iiif/.tmp-*"))


@pytest.mark.parametrize(
    ("header", "claimed"),
    [
        (png_header_claiming(30000, 30000), "30000 × 30000"),
        (jpeg_header_claiming(60000, 60000), "60000 × 60000"),
        (tiff_header_claiming(100000, 100000), "100000 × 100000"),
    ],
    ids=["png", "jpeg", "tiff"],
)
def test_a_decompression_bomb_is_refused_from_its_header_before_decoding(header, claimed):
    assert len(header) < 200  # tiny on disk, enormous once decoded
    message = refused(header)
    # The megapixel refusal (not "damaged"): the header was read and nothing was decoded.
    assert claimed in message and "at most 500 megapixels" in message


def test_the_megapixel_limit_is_a_setting(settings):
    settings.EXHIBITIONS_MAX_MEGAPIXELS = 0
    assert "at most 0 megapixels" in refused(jpeg_bytes(400, 300))


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.EXHIBITIONS_MAX_FILE_MB = 1
    padded = jpeg_bytes(400, 300) + b"\0" * (1024 * 1024)  # a valid JPEG with trailing bytes, over 1 MB
    assert refused(padded) == "This file is 2 MB; images may be at most 1 MB."


# --- Rights: watermark and cap ------------------------------------------------------------------------


def test_a_watermarked_item_publishes_nothing_above_the_cap(settings):
    settings.EXHIBITIONS_WATERMARK_MAX_PX = 500
    image = processed(jpeg_bytes(800, 600), watermark=True, credit_line="© Jane & John's <studio>")

    assert (image.width, image.height) == (500, 375)
    info = json.loads((public_root() / image.derivatives["info"]).read_text())
    assert (info["width"], info["height"]) == (500, 375)
    assert [s["width"] for s in info["sizes"]] == [320, 500]
    published = public_images()
    assert published
    for path in published:
        file = pyvips.Image.new_from_file(str(path))
        assert max(file.width, file.height) <= 500, path


def test_a_missing_original_is_refused():
    image = item_image(jpeg_bytes(400, 300))
    image.original.storage.delete(image.original.name)
    with pytest.raises(ExhibitionError, match="The uploaded file is missing"):
        images.process_image(image)
    assert ItemImage.objects.get(pk=image.pk).status == ItemImage.Status.FAILED


def test_the_default_cap_is_1200_px_on_the_long_side():
    image = processed(jpeg_bytes(400, 1500), watermark=True)  # taller than 800 × 600 to pass the cap
    assert (image.width, image.height) == (320, 1200)
    for path in public_images():
        file = pyvips.Image.new_from_file(str(path))
        assert max(file.width, file.height) <= 1200, path


def test_every_watermarked_derivative_and_tile_carries_the_mark():
    plain = processed(uniform_jpeg(800, 600))
    for path in public_images():  # a uniform grey picture stays uniform without a watermark
        file = pyvips.Image.new_from_file(str(path))
        assert file.max() - file.min() < 20, path
    plain_files = set(public_images())

    processed(uniform_jpeg(800, 600), watermark=True, credit_line="City Museum")
    marked = [path for path in public_images() if path not in plain_files]
    assert len(marked) > 4 and plain.derivatives
    for path in marked:
        file = pyvips.Image.new_from_file(str(path))
        assert file.max() - file.min() > 60, f"no visible watermark in {path}"


def test_without_a_credit_line_the_watermark_names_the_organizer():
    image = item_image(jpeg_bytes(400, 300), watermark=True)
    assert images.watermark_text(image.item) == image.item.exhibition.organizer.name_zh_hans


# --- Replacement --------------------------------------------------------------------------------------


def test_a_new_upload_replaces_the_folder_and_leaves_no_temporary_folder(django_capture_on_commit_callbacks):
    image = processed(jpeg_bytes(800, 600))
    old = public_root() / image.derivatives["iiif"]
    assert old.is_dir()

    image.original.save("again.jpg", ContentFile(jpeg_bytes(640, 480)), save=True)
    with django_capture_on_commit_callbacks(execute=True):
        image = images.process_image(image)

    new = public_root() / image.derivatives["iiif"]
    assert new != old and new.is_dir()
    assert not old.exists()
    assert (image.width, image.height) == (640, 480)
    assert sorted(p.name for p in (public_root() / "iiif").iterdir()) == [new.name]  # no .tmp-* left


def test_changing_the_rights_republishes_with_the_watermark(settings, django_capture_on_commit_callbacks):
    settings.EXHIBITIONS_WATERMARK_MAX_PX = 500
    image = processed(jpeg_bytes(800, 600))
    item = image.item
    item.watermark = True
    item.save()
    with django_capture_on_commit_callbacks(execute=True):
        image = images.process_image(image)
    assert (image.width, image.height) == (500, 375)
    assert all(pyvips.Image.new_from_file(str(p)).width <= 500 for p in public_images())


def test_a_refused_new_upload_withdraws_the_old_tiles(django_capture_on_commit_callbacks):
    image = processed(jpeg_bytes(800, 600))
    image.original.save("broken.jpg", ContentFile(b"not an image"), save=True)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ExhibitionError):
        images.process_image(image)
    image.refresh_from_db()
    assert image.status == ItemImage.Status.FAILED and image.derivatives == {}
    assert public_files() == []


def test_deleting_an_image_unpublishes_its_files(django_capture_on_commit_callbacks):
    image = processed(jpeg_bytes(400, 300))
    with django_capture_on_commit_callbacks(execute=True):
        image.item.exhibition.delete()
    assert public_files() == []


# --- Memory -------------------------------------------------------------------------------------------

GENERATE = textwrap.dedent(
    """
    import sys

    import pyvips

    width, height, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    x, y = pyvips.Image.xyz(width, height).bandsplit()
    bands = [(x % 256).cast("uchar"), (y % 256).cast("uchar"), ((x + y) % 256).cast("uchar")]
    bands[0].bandjoin(bands[1:]).copy(interpretation="srgb").jpegsave(path, Q=90)
    """
)
TILE = textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path

    import django

    django.setup()
    from exhibitions.services import images

    source = Path(sys.argv[1])
    started = time.monotonic()
    images.check_image(source)
    width, height, derivatives = images.publish_file(source, key="large")
    # On Linux, ru_maxrss also counts the parent's resident memory at the exec (the kernel carries the
    # old address space's peak over): the peak of this process's own memory is VmHWM.
    status = Path("/proc/self/status")
    peak = [line for line in status.read_text().splitlines() if line.startswith("VmHWM:")] if status.exists() else []
    print(json.dumps({
        "width": width, "height": height, "sizes": len(derivatives["sizes"]), "seconds": time.monotonic() - started,
        "max_rss_kb": int(peak[0].split()[1]) if peak else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }))
    """
)


def child(script, *args, env=None):
    result = subprocess.run(
        [sys.executable, "-c", script, *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.slow
def test_tiling_a_50_megapixel_image_stays_under_300_mb(tmp_path):
    """A resource bound, not a timing: one child process makes an 8660 × 5773 JPEG, another (Django, the
    pipeline) checks and publishes it and reports its own peak resident memory."""
    source = tmp_path / "large.jpg"
    child(GENERATE, 8660, 5773, source)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings", "MEDIA_ROOT": str(tmp_path / "media")}
    report = json.loads(child(TILE, source, env=env).strip().splitlines()[-1])

    assert (report["width"], report["height"], report["sizes"]) == (8660, 5773, 5)
    assert (tmp_path / "media/public/iiif/large/info.json").is_file()
    assert len(list((tmp_path / "media/public/iiif/large").rglob("default.jpg"))) > 200  # the tiles
    peak_mb = report["max_rss_kb"] / 1024
    print(f"peak memory {peak_mb:.0f} MB, {report['seconds']:.1f} s")
    assert peak_mb < 300, f"peak memory {peak_mb:.0f} MB"
