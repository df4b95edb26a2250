"""Small real files for the library demo: PDF, EPUB 3, WAV, WebVTT and pictures, made in pure Python.

Each generator returns bytes and depends only on its arguments, so a file made twice is the same file.
They are meant for demo content, not for publishing: the PDF writer knows two fonts (Helvetica for
Latin text; the non-embedded Adobe CID font STSong-Light with the UniGB-UCS2-H encoding for Chinese,
which pdf.js renders with its bundled CMaps and a fallback font), the EPUB is the smallest valid
EPUB 3 book, the audio is a melody of sine tones (8 kHz mono, so a few seconds stay small).
The one video clip is not generated here: it is committed in `demo_assets/` (see its README).
"""

import colorsys
import io
import math
import textwrap
import wave
import zipfile
from functools import lru_cache
from html import escape
from pathlib import Path
from random import Random

from PIL import Image, ImageDraw, ImageFont

ASSETS = Path(__file__).resolve().parent / "demo_assets"


def video_clip():
    """The demo's one video: 4 s of VP8 and Opus in WebM, 320×180, about 40 KB (CC0, see demo_assets/README.md)."""
    return (ASSETS / "clip.webm").read_bytes()


# --- PDF ---------------------------------------------------------------------------------------------

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 420, 595, 50  # A5 in points
BODY_SIZE, HEADING_SIZE, LEADING = 12, 18, 20


CLOSING_PUNCTUATION = "，。、；：？！”’）》」』…"


def _is_latin(text):
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _width(text, size):
    """Roughly how wide `text` is: CJK characters one em, Latin ones about half (Helvetica's average)."""
    return sum(size if ord(char) > 0x2E7F else size * 0.55 for char in text)


def _wrap(paragraph, size):
    usable = PAGE_WIDTH - 2 * MARGIN
    if _is_latin(paragraph):
        return textwrap.wrap(paragraph, width=max(10, int(usable / (size * 0.55)))) or [""]
    lines, line = [], ""
    for char in paragraph:
        # Closing punctuation stays at the end of its line rather than starting the next one.
        if _width(line + char, size) > usable and char not in CLOSING_PUNCTUATION:
            lines.append(line)
            line = char.lstrip()
        else:
            line += char
    return [*lines, line]


def _pdf_string(text):
    """A text string for the fonts used here: (…) in WinAnsi for Helvetica, <…> in UCS-2 for STSong."""
    if _is_latin(text):
        raw = text.encode("cp1252")
        return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"
    return b"<" + text.encode("utf-16-be", "replace").hex().upper().encode() + b">"


def _info_string(text):
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def _page_lines(blocks):
    """Lay `blocks` ((size, paragraph) or None for a page break) out on pages: lists of (size, text, y)."""
    pages, page, y = [], [], PAGE_HEIGHT - MARGIN
    for block in blocks:
        if block is None:
            if page:
                pages.append(page)
            page, y = [], PAGE_HEIGHT - MARGIN
            continue
        size, paragraph = block
        for line in _wrap(paragraph, size):
            height = LEADING if size == BODY_SIZE else size * 1.6
            if y - height < MARGIN:
                pages.append(page)
                page, y = [], PAGE_HEIGHT - MARGIN
            y -= height
            page.append((size, line, y))
        y -= LEADING / 2
    if page:
        pages.append(page)
    return pages


def pdf_document(*, title, subtitle, author, chapters, colophon):
    """A PDF of several pages: a title page, then each chapter ((heading, [paragraphs])) from a new page,
    then a colophon page (paragraphs). Texts may be Chinese, English or both, line by line."""
    blocks = [(HEADING_SIZE, title), (BODY_SIZE, subtitle), (BODY_SIZE, author), None]
    for heading, paragraphs in chapters:
        blocks += [(HEADING_SIZE, heading), *((BODY_SIZE, paragraph) for paragraph in paragraphs), None]
    blocks += [(BODY_SIZE, paragraph) for paragraph in colophon]
    pages = _page_lines(blocks)

    # Objects: 1 catalog, 2 pages, 3 Helvetica, 4 STSong (Type0), 5 its CIDFont, 6 its descriptor,
    # 7 info, then a page and its content stream for each page.
    first_page = 8
    page_ids = [first_page + 2 * index for index in range(len(pages))]
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % i for i in page_ids), len(pages)),
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        4: b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
        b"/DescendantFonts [5 0 R] >>",
        5: b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 6 0 R "
        b"/DW 1000 /W [1 95 500 814 939 500] >>",
        6: b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
        7: b"<< /Title %s /Author %s /Producer (Mingchuan portal demo) >>"
        % (_info_string(title), _info_string(author)),
    }
    for number, (page_id, lines) in enumerate(zip(page_ids, pages, strict=True), start=1):
        commands = [b"BT"]
        for size, text, y in lines:
            font = b"/F1" if _is_latin(text) else b"/F2"
            commands.append(b"%s %d Tf 1 0 0 1 %d %d Tm %s Tj" % (font, size, MARGIN, round(y), _pdf_string(text)))
        commands.append(b"/F1 9 Tf 1 0 0 1 %d 28 Tm (%d) Tj" % (PAGE_WIDTH // 2 - 4, number))
        commands.append(b"ET")
        stream = b"\n".join(commands)
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> "
            b"/Contents %d 0 R >>" % (PAGE_WIDTH, PAGE_HEIGHT, page_id + 1)
        )
        objects[page_id + 1] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)

    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, objects[number]))
    xref = out.tell()
    count = max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % count)
    for number in range(1, count):
        out.write(b"%010d 00000 n \n" % offsets[number])
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info 7 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (count, xref))
    return out.getvalue()


# --- EPUB 3 ------------------------------------------------------------------------------------------

EPUB_TIMESTAMP = (2026, 1, 1, 0, 0, 0)  # fixed, so the same book gives the same bytes
EPUB_CSS = (
    "body { font-family: serif; line-height: 1.7; margin: 1em; }\n"
    "h1 { font-size: 1.4em; } p { text-indent: 2em; margin: 0 0 0.8em; } .verse p { text-indent: 0; }\n"
)


def _xhtml(title, language, body):
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
        f'xml:lang="{language}" lang="{language}">\n<head><meta charset="utf-8"/><title>{escape(title)}</title>'
        '<link rel="stylesheet" type="text/css" href="style.css"/></head>\n'
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def epub_book(*, identifier, title, author, language, chapters, verse=False):
    """An EPUB 3 book: `chapters` are (heading, [paragraphs]), one XHTML file each, with a nav document."""
    manifest, spine, nav_items = [], [], []
    files = {}
    for number, (heading, paragraphs) in enumerate(chapters, start=1):
        name = f"chapter-{number}.xhtml"
        section_class = ' class="verse"' if verse else ""
        text = "\n".join(f"<p>{escape(paragraph)}</p>" for paragraph in paragraphs)
        section = f'<section epub:type="chapter"{section_class}>\n<h1>{escape(heading)}</h1>\n{text}\n</section>'
        files[name] = _xhtml(heading, language, section)
        manifest.append(f'<item id="c{number}" href="{name}" media-type="application/xhtml+xml"/>')
        spine.append(f'<itemref idref="c{number}"/>')
        nav_items.append(f'<li><a href="{name}">{escape(heading)}</a></li>')
    toc = "\n".join(nav_items)
    nav = f'<nav epub:type="toc" id="toc">\n<h1>{escape(title)}</h1>\n<ol>\n{toc}\n</ol>\n</nav>'
    files["nav.xhtml"] = _xhtml(title, language, nav)
    files["style.css"] = EPUB_CSS
    files["content.opf"] = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" '
        f'xml:lang="{language}">\n'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        f'<dc:identifier id="book-id">{escape(identifier)}</dc:identifier>\n'
        f"<dc:title>{escape(title)}</dc:title>\n<dc:creator>{escape(author)}</dc:creator>\n"
        f"<dc:language>{language}</dc:language>\n"
        '<meta property="dcterms:modified">2026-01-01T00:00:00Z</meta>\n</metadata>\n<manifest>\n'
        '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>\n'
        '<item id="css" href="style.css" media-type="text/css"/>\n'
        + "\n".join(manifest)
        + '\n</manifest>\n<spine>\n<itemref idref="nav" linear="no"/>\n'
        + "\n".join(spine)
        + "\n</spine>\n</package>\n"
    )
    container = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n'
        '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
        "</rootfiles>\n</container>\n"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        # The OCF rule: `mimetype` first, stored (not compressed), with no extra field.
        archive.writestr(zipfile.ZipInfo("mimetype", EPUB_TIMESTAMP), "application/epub+zip", zipfile.ZIP_STORED)
        entries = [("META-INF/container.xml", container)] + [(f"OEBPS/{name}", text) for name, text in files.items()]
        for name, text in entries:
            archive.writestr(zipfile.ZipInfo(name, EPUB_TIMESTAMP), text.encode(), zipfile.ZIP_DEFLATED)
    return out.getvalue()


# --- Audio -------------------------------------------------------------------------------------------

SAMPLE_RATE = 8000
PENTATONIC = [262, 294, 330, 392, 440, 523, 587, 659]  # C D E G A c d e: most Chinese folk tunes use these


@lru_cache(maxsize=64)
def _note(frequency, length):
    step = 2 * math.pi * frequency / SAMPLE_RATE
    samples = bytearray(length)
    for sample in range(length):
        envelope = min(1, sample / 200) * (1 - sample / length) ** 1.5
        samples[sample] = 128 + int(90 * envelope * (math.sin(step * sample) + 0.3 * math.sin(2 * step * sample)))
    return bytes(samples)


def melody_wav(key, seconds=5):
    """A melody of sine tones chosen by `key` (8 kHz, mono, 8-bit), with a soft attack and decay per note."""
    rng = Random(f"melody:{key}")
    per_note = int(SAMPLE_RATE * rng.choice([0.25, 0.375, 0.5]))
    frames = bytearray()
    index = rng.randrange(len(PENTATONIC))
    while len(frames) < SAMPLE_RATE * seconds:
        index = min(len(PENTATONIC) - 1, max(0, index + rng.choice([-2, -1, -1, 1, 1, 2])))
        frames += _note(PENTATONIC[index], per_note)
    out = io.BytesIO()
    with wave.open(out, "wb") as file:
        file.setnchannels(1)
        file.setsampwidth(1)
        file.setframerate(SAMPLE_RATE)
        file.writeframes(bytes(frames[: SAMPLE_RATE * seconds]))
    return out.getvalue()


# --- Captions ----------------------------------------------------------------------------------------


def webvtt(cues, seconds=4):
    """WebVTT captions: `cues` (texts) spread evenly over `seconds`."""
    step = seconds / max(1, len(cues))

    def stamp(value):
        return f"00:00:{int(value):02d}.{int(round(value % 1 * 1000)):03d}"

    lines = ["WEBVTT", ""]
    for number, text in enumerate(cues):
        lines += [str(number + 1), f"{stamp(number * step)} --> {stamp((number + 1) * step)}", text, ""]
    return "\n".join(lines).encode()


# --- Pictures ----------------------------------------------------------------------------------------


def _font(size):
    """Pillow's own font (no system font needed); its bitmap font where Pillow lacks FreeType."""
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError):
        return ImageFont.load_default()


def _palette(key):
    rng = Random(f"colour:{key}")
    hue = rng.random()

    def colour(shift=0.0, saturation=0.5, value=0.8):
        red, green, blue = colorsys.hsv_to_rgb((hue + shift) % 1, saturation, value)
        return round(red * 255), round(green * 255), round(blue * 255)

    return rng, colour


def _jpeg(image, quality=80):
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def cover_image(*, key, title, creator, kind_label, size=(400, 600)):
    """A book-cover card: a coloured ground with a pattern, the English title and creator in Pillow's font.

    Only the Latin title is drawn (a machine may have no CJK font); the shapes give each cover its look.
    """
    rng, colour = _palette(key)
    width, height = size
    image = Image.new("RGB", size, colour(0, 0.55, 0.55))
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(4, 8)):
        radius = rng.randint(30, 140)
        x, y = rng.randint(0, width), rng.randint(0, height // 2)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour(rng.uniform(-0.1, 0.1), 0.45, 0.7))
    panel_top = round(height * 0.52)
    draw.rectangle((24, panel_top, width - 24, height - 24), fill=colour(0.5, 0.08, 0.97))
    draw.rectangle((24, panel_top, width - 24, panel_top + 6), fill=colour(0, 0.7, 0.45))
    title_font, small_font = _font(26), _font(16)
    y = panel_top + 24
    for line in textwrap.wrap(title, 24)[:4]:
        draw.text((44, y), line, font=title_font, fill=(30, 30, 30))
        y += 34
    draw.text((44, y + 10), creator[:40], font=small_font, fill=(70, 70, 70))
    draw.text((44, height - 56), kind_label, font=small_font, fill=colour(0, 0.7, 0.45))
    return _jpeg(image)


def papercut_picture(key, size=(800, 600)):
    """Red paper-cut style: a symmetric flower of petals and holes on a rice-paper ground."""
    rng = Random(f"papercut:{key}")
    width, height = size
    image = Image.new("RGB", size, (246, 238, 222))
    draw = ImageDraw.Draw(image)
    red = (190 + rng.randint(0, 30), 25, 35)
    cx, cy = width // 2, height // 2
    petals = rng.choice([6, 8, 10, 12])
    outer = rng.randint(200, 260)
    for index in range(petals):
        angle = 2 * math.pi * index / petals
        x, y = cx + outer * 0.55 * math.cos(angle), cy + outer * 0.55 * math.sin(angle)
        r = outer * 0.45
        draw.ellipse((x - r, y - r, x + r, y + r), fill=red)
    draw.ellipse((cx - outer * 0.5, cy - outer * 0.5, cx + outer * 0.5, cy + outer * 0.5), fill=red)
    for ring, radius in enumerate([outer * 0.35, outer * 0.18]):
        for index in range(petals):
            angle = 2 * math.pi * (index + 0.5 * ring) / petals
            x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
            hole = 10 + 8 * (1 - ring)
            draw.polygon([(x, y - hole), (x + hole * 0.6, y), (x, y + hole), (x - hole * 0.6, y)], fill=(246, 238, 222))
    for corner_x, corner_y in [(60, 60), (width - 60, 60), (60, height - 60), (width - 60, height - 60)]:
        draw.regular_polygon((corner_x, corner_y, 34), rng.choice([4, 5, 6]), rotation=rng.randint(0, 60), fill=red)
    return _jpeg(image)


def terraces_picture(key, size=(800, 600)):
    """Tea or rice terraces on a hillside: bands of green under a sky, with a few pickers' hats."""
    rng = Random(f"terraces:{key}")
    width, height = size
    image = Image.new("RGB", size, (180 + rng.randint(0, 40), 210, 235))
    draw = ImageDraw.Draw(image)
    sun = rng.randint(100, width - 100)
    draw.ellipse((sun - 40, 40, sun + 40, 120), fill=(255, 236, 170))
    base = height * 0.3
    bands = rng.randint(7, 11)
    for band in range(bands):
        top = base + band * (height - base) / bands
        points = [(0, height)]
        phase = rng.random() * math.pi
        for x in range(0, width + 40, 40):
            points.append((x, top + 18 * math.sin(x / 90 + phase)))
        points.append((width, height))
        shade = 0.35 + 0.5 * band / bands
        red, green, blue = colorsys.hsv_to_rgb(0.27 + rng.uniform(-0.03, 0.03), 0.6, shade)
        draw.polygon(points, fill=(round(red * 255), round(green * 255), round(blue * 255)))
    for _ in range(rng.randint(2, 5)):
        x, y = rng.randint(60, width - 60), rng.randint(int(height * 0.55), height - 40)
        draw.polygon([(x - 22, y), (x, y - 16), (x + 22, y)], fill=(225, 200, 140))
    return _jpeg(image)


def sepia_picture(key, size=(800, 600)):
    """An 'old photograph' of village houses in sepia, with a worn border."""
    rng = Random(f"sepia:{key}")
    width, height = size
    image = Image.new("L", size, 200)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, int(height * 0.62), width, height), fill=150)
    x = rng.randint(20, 80)
    while x < width - 120:
        house = rng.randint(110, 190)
        top = int(height * 0.62) - rng.randint(110, 190)
        draw.rectangle((x, top, x + house, int(height * 0.62)), fill=rng.randint(95, 130))
        draw.polygon([(x - 15, top), (x + house / 2, top - 60), (x + house + 15, top)], fill=rng.randint(50, 80))
        draw.rectangle((x + house / 2 - 14, int(height * 0.62) - 60, x + house / 2 + 14, int(height * 0.62)), fill=40)
        x += house + rng.randint(25, 70)
    for _ in range(400):  # grain
        px, py = rng.randrange(width), rng.randrange(height)
        draw.point((px, py), fill=rng.randint(120, 230))
    draw.rectangle((0, 0, width - 1, height - 1), outline=235, width=18)
    sepia = Image.merge("RGB", [image.point(lambda v: min(255, v + 30)), image.point(lambda v: v + 8), image])
    return _jpeg(sepia)


PICTURE_STYLES = {"papercut": papercut_picture, "terraces": terraces_picture, "sepia": sepia_picture}


def picture(style, key):
    return PICTURE_STYLES[style](key)
