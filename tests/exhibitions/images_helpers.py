"""Small images made in the tests (pyvips), hand-made hostile headers, and minimal exhibition rows for them."""

import struct
import zlib
from pathlib import Path

import pyvips
from django.conf import settings
from django.core.files.base import ContentFile

from exhibitions.models import Exhibition, Item, ItemImage
from tests.factories import OrganizerFactory


def gradient(width, height, bands=3):
    """A picture with detail everywhere (so JPEG sizes and tiles are realistic), 8-bit sRGB."""
    xyz = pyvips.Image.xyz(width, height)
    x, y = xyz[0], xyz[1]
    red = (x * 255 / max(1, width - 1)).cast("uchar")
    green = (y * 255 / max(1, height - 1)).cast("uchar")
    blue = ((x + y) % 256).cast("uchar")
    image = red.bandjoin([green, blue]).copy(interpretation="srgb")
    if bands == 4:
        image = image.bandjoin(255)
    return image


def jpeg_bytes(width=800, height=600, **options):
    return gradient(width, height).jpegsave_buffer(Q=85, **options)


def png_bytes(width=800, height=600):
    return gradient(width, height).pngsave_buffer()


def uniform_jpeg(width=800, height=600, colour=(128, 128, 128)):
    return (pyvips.Image.black(width, height, bands=3) + list(colour)).cast("uchar").jpegsave_buffer(Q=95)


def png_header_claiming(width, height):
    """A tiny PNG whose header claims `width` × `height` (a decompression bomb, never decoded)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


def jpeg_header_claiming(width, height):
    """A tiny baseline JPEG (SOI, DQT, SOF0, SOS) whose frame claims `width` × `height`."""

    def segment(marker, data):
        return b"\xff" + bytes([marker]) + struct.pack(">H", len(data) + 2) + data

    quantization = segment(0xDB, b"\x00" + bytes([1] * 64))
    frame = segment(0xC0, struct.pack(">BHHB", 8, height, width, 3) + b"\x01\x11\x00\x02\x11\x00\x03\x11\x00")
    scan = segment(0xDA, b"\x03\x01\x00\x02\x00\x03\x00\x00\x3f\x00")
    return b"\xff\xd8" + quantization + frame + scan + b"\x00" * 16 + b"\xff\xd9"


def tiff_header_claiming(width, height):
    """A tiny little-endian TIFF whose one IFD claims `width` × `height` uncompressed grey pixels."""
    long_, short = 4, 3
    entries = [
        (256, long_, width),  # ImageWidth
        (257, long_, height),  # ImageLength
        (258, short, 8),  # BitsPerSample
        (259, short, 1),  # Compression: none
        (262, short, 1),  # PhotometricInterpretation: black is zero
        (273, long_, 8),  # StripOffsets
        (277, short, 1),  # SamplesPerPixel
        (278, long_, height),  # RowsPerStrip
        (279, long_, 1000),  # StripByteCounts
    ]
    ifd = struct.pack("<H", len(entries))
    for tag, kind, value in entries:
        ifd += (
            struct.pack("<HHII", tag, kind, 1, value)
            if kind == long_
            else struct.pack("<HHIHH", tag, kind, 1, value, 0)
        )
    return b"II*\x00" + struct.pack("<I", 8) + ifd + b"\0\0\0\0"


def exhibition(*, organizer=None, status=Exhibition.Status.PUBLISHED, **kwargs):
    organizer = organizer or OrganizerFactory()
    count = Exhibition.objects.count()
    return Exhibition.objects.create(
        organizer=organizer, slug=f"show-{count}-{organizer.pk}", title=f"Show {count}", status=status, **kwargs
    )


def item(*, exhibition_=None, **kwargs):
    return Item.objects.create(exhibition=exhibition_ or exhibition(), title="A painting", **kwargs)


def item_image(data, *, item_=None, name="upload.jpg", **item_fields):
    """An ItemImage of `item_` (or a new item of a new published exhibition) with `data` as its original."""
    image = ItemImage(item=item_ or item(**item_fields))
    image.original.save(name, ContentFile(data), save=False)
    image.save()
    return image


def public_root():
    return Path(settings.MEDIA_ROOT) / "public"


def public_files():
    """Every file published under MEDIA_ROOT/public/."""
    root = public_root()
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def public_images():
    return [path for path in public_files() if path.suffix in (".jpg", ".webp")]
