"""The library demo: about sixty bilingual resources of every kind, each with a real file that opens."""

import io
import re
import wave
import zipfile
from collections import Counter

import pytest
from django.core.management import call_command
from lxml import etree
from PIL import Image

from library.models import Collection, Resource, ResourceImage, Subject
from library.services.files import EPUB, PDF, sniff
from portal.models import District, Organizer
from portal.rights import RightsStatement

pytestmark = pytest.mark.django_db

LIBRARIES = ["city-library", "hi-tech-library-branch", "yunling-library", "chayuan-reading-room"]
CJK = re.compile(r"[\u4e00-\u9fff]")


def demo_resources():
    return Resource.objects.filter(identifier__startswith="demo:lib:").select_related("organizer__district")


def read(field):
    with field.open("rb") as file:
        return file.read()


def test_catalog_covers_every_kind_organizer_and_access(demo):
    resources = list(demo_resources())
    assert len(resources) >= 60

    forms = Counter((resource.kind, resource.file_format or "body" * bool(resource.body)) for resource in resources)
    assert forms[Resource.Kind.EBOOK, PDF] >= 5 and forms[Resource.Kind.EBOOK, EPUB] >= 5
    assert forms[Resource.Kind.ARTICLE, PDF] >= 2 and forms[Resource.Kind.ARTICLE, "body"] >= 2
    assert forms[Resource.Kind.AUDIO, "audio/wav"] >= 5
    assert forms[Resource.Kind.VIDEO, "video/webm"] >= 1
    assert {resource.kind for resource in resources} == set(Resource.Kind.values)

    by_organizer = Counter(resource.organizer.slug for resource in resources)
    assert set(by_organizer) == set(LIBRARIES) and min(by_organizer.values()) >= 8
    assert Organizer.objects.get(slug="yunling-library").district.kind == District.Kind.RURAL
    assert Organizer.objects.get(slug="chayuan-reading-room").kind == Organizer.Kind.VILLAGE_READING_ROOM

    access = Counter(resource.access for resource in resources)
    assert access[Resource.Access.OPEN] > len(resources) / 2
    assert access[Resource.Access.RESIDENTS] >= 3 and access[Resource.Access.STAFF] >= 2
    lending = [resource for resource in resources if resource.access == Resource.Access.LENDING]
    assert sum(resource.licences == 1 for resource in lending) >= 3  # so a second reader must hold
    assert any(resource.licences > 1 for resource in lending)

    assert len({resource.category for resource in resources}) >= 5
    assert {resource.language for resource in resources} == {"zh", "en"}
    rights = Counter(resource.rights_statement for resource in resources)
    assert rights[RightsStatement.PUBLIC_DOMAIN] >= 20 and len(rights) >= 5
    identifiers = {resource.identifier for resource in resources}
    for work in ["hongloumeng", "tang-poems", "lunyu", "nahan", "xiyouji", "sanguo", "liaozhai", "pride-and-prejudice"]:
        assert f"demo:lib:{work}" in identifiers
    for work in ["moby-dick", "shakespeare-sonnets", "aesop-fables", "farming-calendar", "tea-picking-song"]:
        assert f"demo:lib:{work}" in identifiers


def test_every_resource_is_bilingual_and_catalogued(demo):
    for resource in demo_resources().prefetch_related("subjects", "collections"):
        label = resource.identifier
        assert CJK.search(resource.title_zh_hans) and resource.title_en, label
        assert not CJK.search(resource.title_en), label
        assert resource.description_zh_hans and resource.description_en, label
        assert resource.credit_line_zh_hans and resource.credit_line_en, label
        assert resource.creator and resource.publisher and resource.date and resource.year is not None, label
        assert resource.subjects.exists(), label
        assert all(collection.organizer_id == resource.organizer_id for collection in resource.collections.all())
        if resource.access != Resource.Access.STAFF:
            assert resource.collections.exists(), label
        if resource.kind in (Resource.Kind.AUDIO, Resource.Kind.VIDEO):
            assert resource.transcript_zh_hans and resource.transcript_en, label
    assert not Subject.objects.filter(name_zh_hans="").exists() and not Subject.objects.filter(name_en="").exists()
    collections = Collection.objects.filter(slug__startswith="demo-")
    assert collections.count() >= 8
    assert set(collections.values_list("organizer__slug", flat=True)) == set(LIBRARIES)
    assert not collections.filter(title_en="").exists() and not collections.filter(title_zh_hans="").exists()


def pdf_pages(data):
    """Check the PDF's structure (every xref offset points at its object) and count its pages."""
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    xref = int(re.search(rb"startxref\s+(\d+)", data).group(1))
    assert data[xref:].startswith(b"xref")
    entries = re.findall(rb"(\d{10}) 00000 n ", data[xref:])
    for number, offset in enumerate(entries, start=1):
        assert data[int(offset) :].startswith(b"%d 0 obj" % number)
    count = int(re.search(rb"/Type /Pages /Kids \[[^\]]*\] /Count (\d+)", data).group(1))
    assert len(re.findall(rb"/Type /Page\b(?!s)", data)) == count
    return count


def check_epub(data, resource):
    archive = zipfile.ZipFile(io.BytesIO(data))
    first = archive.infolist()[0]
    assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
    assert archive.read("mimetype") == b"application/epub+zip"
    container = etree.fromstring(archive.read("META-INF/container.xml"))
    opf_path = container.find(".//{*}rootfile").get("full-path")
    opf = etree.fromstring(archive.read(opf_path))
    namespaces = {"opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
    assert opf.findtext(".//dc:identifier", namespaces=namespaces) == resource.identifier
    assert opf.findtext(".//dc:title", namespaces=namespaces)
    base = opf_path.rsplit("/", 1)[0]
    items = {item.get("id"): item for item in opf.iterfind(".//opf:item", namespaces)}
    assert any("nav" in (item.get("properties") or "") for item in items.values())
    spine = [items[ref.get("idref")].get("href") for ref in opf.iterfind(".//opf:itemref", namespaces)]
    assert len(spine) >= 3  # the nav and at least two chapters
    for href in spine:
        etree.fromstring(archive.read(f"{base}/{href}"))  # well-formed XHTML


def test_every_file_opens(demo):
    kinds_seen = set()
    for resource in demo_resources():
        label = resource.identifier
        if resource.body:
            assert not resource.file and "<p>" in resource.body, label
            continue
        if resource.kind == Resource.Kind.IMAGES:
            continue  # its pictures: see the next test
        data = read(resource.file)
        with resource.file.open("rb") as file:
            assert sniff(file) == resource.file_format, label
        assert resource.file_size == len(data), label
        kinds_seen.add(resource.file_format)
        if resource.file_format == PDF:
            assert pdf_pages(data) >= 3, label
            if resource.language == "zh":
                assert b"/STSong-Light" in data and b"/UniGB-UCS2-H" in data, label
        elif resource.file_format == EPUB:
            check_epub(data, resource)
        elif resource.file_format == "audio/wav":
            with wave.open(io.BytesIO(data)) as audio:
                assert audio.getnchannels() == 1 and audio.getframerate() == 8000, label
                assert 2 <= audio.getnframes() / audio.getframerate() <= 10, label
        elif resource.file_format == "video/webm":
            assert len(data) < 150 * 1024, label
            assert read(resource.captions).startswith(b"WEBVTT\n"), label
        else:
            pytest.fail(f"{label}: unexpected {resource.file_format}")
        assert resource.cover and resource.cover_thumbnail, label
        with Image.open(resource.cover.path) as cover:
            assert cover.format == "JPEG"
        assert resource.cover_thumbnail.storage.exists(resource.cover_thumbnail.name), label
    assert kinds_seen == {PDF, EPUB, "audio/wav", "video/webm"}


def test_image_sets_have_pictures(demo):
    sets = demo_resources().filter(kind=Resource.Kind.IMAGES).prefetch_related("images")
    assert sets.count() >= 3
    for resource in sets:
        images = list(resource.images.all())
        assert 3 <= len(images) <= 5, resource.identifier
        assert [image.position for image in images] == list(range(len(images)))
        for image in images:
            assert image.caption_zh_hans and image.caption_en
            with image.image.open("rb") as file:
                assert sniff(file) == "image/jpeg"


def stored_files():
    """Every demo file's name, size and modification time."""
    fields = []
    for resource in demo_resources():
        fields += [resource.file, resource.cover, resource.cover_thumbnail, resource.captions]
    fields += [image.image for image in ResourceImage.objects.filter(resource__identifier__startswith="demo:lib:")]
    return {
        field.name: (field.storage.size(field.name), field.storage.get_modified_time(field.name))
        for field in fields
        if field
    }


def test_second_run_duplicates_nothing_and_rewrites_no_file(demo):
    library_line = next(line for line in demo.output.splitlines() if line.startswith("library: demo seeded in"))
    print(f"\n{library_line} (first run, in the shared demo seed)")
    counts = {model: model.objects.count() for model in (Resource, Subject, Collection, ResourceImage)}
    files = stored_files()
    titles = dict(demo_resources().values_list("identifier", "title_en"))

    out = io.StringIO()
    call_command("seed_demo", stdout=out)

    print(next(line for line in out.getvalue().splitlines() if line.startswith("library: demo seeded in")), "(again)")
    assert "0 files made this run" in out.getvalue()
    assert {model: model.objects.count() for model in counts} == counts
    assert stored_files() == files
    assert dict(demo_resources().values_list("identifier", "title_en")) == titles


def test_missing_file_is_made_again(demo):
    resource = demo_resources().get(identifier="demo:lib:hongloumeng")
    resource.file.storage.delete(resource.file.name)

    call_command("seed_demo", stdout=io.StringIO())

    resource.refresh_from_db()
    assert resource.file.storage.exists(resource.file.name)
    assert pdf_pages(read(resource.file)) >= 3
    assert demo_resources().filter(identifier="demo:lib:hongloumeng").count() == 1
