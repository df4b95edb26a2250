"""Library test data: resources are saved through the catalog service, so they are indexed as in real use."""

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from library.models import Collection, Resource, Subject
from library.services.catalog import save_resource
from portal.rights import RightsStatement
from tests.factories import OrganizerFactory

TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
TINY_WAV = (
    b"RIFF$\x00\x00\x00WAVEfmt \x10\x00\x00\x00\x01\x00\x01\x00@\x1f\x00\x00\x80>\x00\x00"
    b"\x02\x00\x10\x00data\x00\x00\x00\x00"
)


def pdf_upload(name="book.pdf"):
    return SimpleUploadedFile(name, TINY_PDF, content_type="application/pdf")


def wav_upload(name="talk.wav"):
    return SimpleUploadedFile(name, TINY_WAV, content_type="audio/wav")


class SubjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subject
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"subject-{n}")
    name_en = factory.Sequence(lambda n: f"Subject {n}")
    name_zh_hans = factory.Sequence(lambda n: f"主题{n}")


class CollectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Collection

    slug = factory.Sequence(lambda n: f"collection-{n}")
    title_en = factory.Sequence(lambda n: f"Collection {n}")
    title_zh_hans = factory.Sequence(lambda n: f"专藏{n}")
    organizer = factory.SubFactory(OrganizerFactory)


def make_resource(*, upload="pdf", subjects=None, collections=None, **fields):
    """A saved resource (an e-book with a one-page PDF unless told otherwise); `upload=None` for no file."""
    defaults = {
        "kind": Resource.Kind.EBOOK,
        "title_en": "A Book",
        "title_zh_hans": "一本书",
        "creator": "Anonymous",
        "language": "zh",
        "rights_statement": RightsStatement.PUBLIC_DOMAIN,
    }
    defaults.update(fields)
    if "organizer" not in defaults:
        defaults["organizer"] = OrganizerFactory()
    files = {"pdf": pdf_upload, "wav": wav_upload}
    file = files[upload]() if isinstance(upload, str) else upload
    return save_resource(resource=Resource(**defaults), upload=file, subjects=subjects, collections=collections)
