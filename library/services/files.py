"""What a resource's file is, read from its content (never its name), and whether its kind may have it."""

import zipfile

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from ..errors import LibraryError
from ..models import Resource

PDF, EPUB = "application/pdf", "application/epub+zip"
AUDIO = {"audio/mpeg", "audio/ogg", "audio/wav", "audio/mp4", "audio/webm", "audio/flac"}
VIDEO = {"video/mp4", "video/webm", "video/ogg"}
IMAGES = {"image/jpeg", "image/png", "image/webp", "image/gif"}

FORMATS_BY_KIND = {
    Resource.Kind.EBOOK: {PDF, EPUB},
    Resource.Kind.ARTICLE: {PDF, EPUB},
    Resource.Kind.AUDIO: AUDIO,
    Resource.Kind.VIDEO: VIDEO,
    Resource.Kind.IMAGES: IMAGES,
}


def sniff(file):
    """The MIME type of `file` (an open binary file) from its first bytes; '' when it is none we know."""
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(64)
    try:
        if head.startswith(b"%PDF-"):
            return PDF
        if head.startswith(b"PK\x03\x04"):
            return _zip_type(file)
        if head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
            return "audio/mpeg"
        if head.startswith(b"fLaC"):
            return "audio/flac"
        if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
            return "audio/wav"
        if head.startswith(b"OggS"):
            return "video/ogg" if b"theora" in head or b"theora" in _more(file, 512) else "audio/ogg"
        if head.startswith(b"\x1a\x45\xdf\xa3"):
            return "video/webm" if b"V_VP" in _more(file, 4096) or b"V_AV1" in _more(file, 4096) else "audio/webm"
        if head[4:8] == b"ftyp":
            return "audio/mp4" if head[8:11] in (b"M4A", b"M4B") else "video/mp4"
        return _image_type(file)
    finally:
        file.seek(position)


def _more(file, size):
    file.seek(0)
    return file.read(size)


def _zip_type(file):
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            first = archive.infolist()[0] if archive.infolist() else None
            if first is not None and first.filename == "mimetype" and archive.read(first).strip() == EPUB.encode():
                return EPUB
    except (zipfile.BadZipFile, OSError, KeyError):
        pass
    return ""


def _image_type(file):
    file.seek(0)
    try:
        with Image.open(file) as image:
            image.verify()
            return Image.MIME.get(image.format, "")
    except (UnidentifiedImageError, OSError, SyntaxError):
        return ""


def check_size(file):
    limit = settings.LIBRARY_MAX_FILE_MB * 1024 * 1024
    if file.size > limit:
        raise LibraryError(
            _("The file is %(size)s MB; files may be at most %(limit)s MB.")
            % {"size": round(file.size / 1024 / 1024), "limit": settings.LIBRARY_MAX_FILE_MB},
            "file_too_large",
        )


def check_file(file, kind):
    """The MIME type of an upload for a resource of `kind`; refuses a file too large or of the wrong content."""
    check_size(file)
    mime = sniff(file)
    if mime not in FORMATS_BY_KIND[kind]:
        raise LibraryError(
            _("This file is not a format the library accepts for a %(kind)s (%(formats)s).")
            % {"kind": Resource.Kind(kind).label.lower(), "formats": ", ".join(sorted(FORMATS_BY_KIND[kind]))},
            "bad_file",
        )
    return mime
