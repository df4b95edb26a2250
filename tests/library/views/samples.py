"""Small real files for the reader's and the file views' tests: a text PDF, an EPUB, an MP4 header, a PNG, captions."""

import io
import zipfile

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from library.models import ResourceImage

CAPTIONS = b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n"


def text_pdf(pages=3, words="Page"):
    """A PDF of `pages` pages, each saying '<words> <n>' in Helvetica (a standard font: pdf.js fetches it)."""
    objects = ["<</Type/Catalog/Pages 2 0 R>>", None, "<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>"]
    kids = []
    for number in range(1, pages + 1):
        text = f"BT /F1 36 Tf 40 100 Td ({words} {number}) Tj ET".encode()
        objects.append(f"<</Length {len(text)}>>stream\n{text.decode()}\nendstream")
        objects.append(
            f"<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]/Resources<</Font<</F1 3 0 R>>>>"
            f"/Contents {len(objects)} 0 R>>"
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<</Type/Pages/Kids[{' '.join(kids)}]/Count {pages}>>"
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for index, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{index} 0 obj\n{body}\nendobj\n".encode())
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def tiny_epub(chapters=2):
    """An EPUB 3 of `chapters` short chapters, with a stylesheet and a navigation document."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        book.writestr(
            "META-INF/container.xml",
            '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
            '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
            "</rootfiles></container>",
        )
        items = "".join(
            f'<item id="c{n}" href="c{n}.xhtml" media-type="application/xhtml+xml"/>' for n in range(1, chapters + 1)
        )
        spine = "".join(f'<itemref idref="c{n}"/>' for n in range(1, chapters + 1))
        book.writestr(
            "OEBPS/content.opf",
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
            '<dc:identifier id="id">urn:uuid:test-book</dc:identifier>'
            "<dc:title>A Tiny Book</dc:title><dc:language>en</dc:language>"
            '<meta property="dcterms:modified">2026-01-01T00:00:00Z</meta></metadata>'
            f'<manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
            f'<item id="css" href="book.css" media-type="text/css"/>{items}</manifest>'
            f"<spine>{spine}</spine></package>",
        )
        links = "".join(f'<li><a href="c{n}.xhtml">Chapter {n}</a></li>' for n in range(1, chapters + 1))
        book.writestr(
            "OEBPS/nav.xhtml",
            '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
            f'<head><title>Contents</title></head><body><nav epub:type="toc"><ol>{links}</ol></nav></body></html>',
        )
        book.writestr("OEBPS/book.css", "h1 { color: rgb(128, 0, 0); }")
        for n in range(1, chapters + 1):
            book.writestr(
                f"OEBPS/c{n}.xhtml",
                '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head>'
                f'<title>Chapter {n}</title><link rel="stylesheet" href="book.css" type="text/css"/></head>'
                f"<body><h1>Chapter {n}</h1><p>The text of chapter {n}.</p></body></html>",
            )
    return out.getvalue()


def epub_upload(name="book.epub"):
    return SimpleUploadedFile(name, tiny_epub(), content_type="application/epub+zip")


def text_pdf_upload(name="book.pdf", pages=3):
    return SimpleUploadedFile(name, text_pdf(pages), content_type="application/pdf")


def mp4_upload(name="clip.mp4"):
    """Only the start of an MP4 (its `ftyp` box): enough for the content check, not for playing."""
    return SimpleUploadedFile(name, b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00" * 64)


def png_bytes(colour="red"):
    out = io.BytesIO()
    Image.new("RGB", (8, 6), colour).save(out, "PNG")
    return out.getvalue()


def add_picture(resource, *, position=0, caption="", colour="red"):
    picture = ResourceImage(resource=resource, position=position, caption_en=caption, caption_zh_hans=caption)
    picture.image.save("picture.png", ContentFile(png_bytes(colour)), save=False)
    picture.save()
    return picture


def add_captions(resource):
    resource.captions.save("captions.vtt", ContentFile(CAPTIONS), save=False)
    resource.save(update_fields=["captions"])
    return resource
