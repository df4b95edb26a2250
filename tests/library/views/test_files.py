"""The protected files: who may fetch them, how (ranges, the proxy hand-over) and that no other URL leaks them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from library.models import Loan, Resource
from tests.factories import UserFactory, make_staff
from tests.library.factories import TINY_PDF, make_resource, pdf_upload
from tests.utils import assert_permission_matrix, client_for

from .samples import CAPTIONS, add_captions, add_picture, png_bytes

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "resident", "borrower", "former_borrower", "staff", "other_staff")
ALL_200 = dict.fromkeys(ROLES, 200)
EXPECTED = {
    Resource.Access.OPEN: ALL_200,
    Resource.Access.RESIDENTS: {**ALL_200, "anonymous": 302},
    Resource.Access.LENDING: {
        "anonymous": 302,
        "resident": 403,
        "borrower": 200,
        "former_borrower": 403,
        "staff": 200,
        "other_staff": 403,
    },
    Resource.Access.STAFF: {**dict.fromkeys(ROLES, 404), "staff": 200},
}


@pytest.fixture
def people():
    resident = UserFactory()
    borrower = UserFactory()
    former = UserFactory()
    library = make_resource(upload=None).organizer
    return {
        "anonymous": None,
        "resident": resident,
        "borrower": borrower,
        "former_borrower": former,
        "staff": make_staff(library),
        "other_staff": make_staff(make_resource(upload=None).organizer),
        "library": library,
    }


def lend(resource, user, *, ended=False):
    now = timezone.now()
    if ended:
        return Loan.objects.create(
            resource=resource,
            user=user,
            started_at=now - timedelta(days=20),
            due_at=now - timedelta(days=6),
            ended_at=now - timedelta(days=6),
            ending=Loan.Ending.RETURNED,
        )
    return Loan.objects.create(resource=resource, user=user, due_at=now + timedelta(days=7))


def resources_at(access, people):
    """An e-book, an image set and a recording with captions at `access`, lent to the borrower (and before
    to the former borrower); returns the file permission matrix for them."""
    book = make_resource(access=access, organizer=people["library"])
    pictures = make_resource(kind=Resource.Kind.IMAGES, access=access, organizer=people["library"], upload=None)
    picture = add_picture(pictures)
    talk = make_resource(kind=Resource.Kind.AUDIO, access=access, organizer=people["library"], upload="wav")
    add_captions(talk)
    for resource in (book, pictures, talk):
        lend(resource, people["borrower"])
        lend(resource, people["former_borrower"], ended=True)
    return {
        f"/library/{book.pk}/file/": EXPECTED[access],
        f"/library/{pictures.pk}/images/{picture.pk}/": EXPECTED[access],
        f"/library/{talk.pk}/file/": EXPECTED[access],
        f"/library/{talk.pk}/captions/": EXPECTED[access],
    }


@pytest.mark.parametrize("access", list(Resource.Access))
def test_who_may_fetch_files_images_and_captions(people, access):
    matrix = resources_at(access, people)
    assert_permission_matrix(people, matrix)


def test_anonymous_is_sent_to_log_in_and_back(people):
    book = make_resource(access=Resource.Access.RESIDENTS)
    response = client_for(None).get(f"/library/{book.pk}/file/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/library/")


def test_a_loan_past_its_due_date_opens_nothing_even_before_the_sweep_ends_it(people):
    book = make_resource(access=Resource.Access.LENDING)
    Loan.objects.create(
        resource=book,
        user=people["resident"],
        started_at=timezone.now() - timedelta(days=15),
        due_at=timezone.now() - timedelta(minutes=1),
    )
    assert client_for(people["resident"]).get(f"/library/{book.pk}/file/").status_code == 403


def test_withdrawn_and_unknown_resources_and_foreign_images_are_404(people):
    book = make_resource()
    Resource.objects.filter(pk=book.pk).update(withdrawn_at=timezone.now())
    other_set = make_resource(kind=Resource.Kind.IMAGES, upload=None)
    picture = add_picture(other_set)
    open_set = make_resource(kind=Resource.Kind.IMAGES, upload=None)
    staff = people["staff"]
    for url in (
        f"/library/{book.pk}/file/",
        "/library/999999/file/",
        f"/library/{open_set.pk}/images/{picture.pk}/",  # a picture of another set
        f"/library/{open_set.pk}/file/",  # no file
        f"/library/{open_set.pk}/captions/",  # no captions
    ):
        assert client_for(staff).get(url).status_code == 404, url


def test_the_storage_path_is_random_under_media_library_and_never_served_directly(people, settings):
    book = make_resource(access=Resource.Access.LENDING, upload=pdf_upload("my-book.pdf"))
    talk = add_captions(make_resource(kind=Resource.Kind.AUDIO, upload="wav"))
    picture = add_picture(make_resource(kind=Resource.Kind.IMAGES, upload=None))
    assert book.file.name.startswith("library/files/") and "my-book" not in book.file.name
    lend(book, people["borrower"])
    for name in (book.file.name, talk.captions.name, picture.image.name):
        assert (settings.MEDIA_ROOT / name).exists()
        for who in (None, people["borrower"], people["staff"]):
            assert client_for(who).get(f"/media/{name}").status_code == 404
            # Climbing out of the public folder is refused as suspicious (400) or not found.
            for url in (f"/media/public/../{name}", f"/media/public/..%2F{name}"):
                assert client_for(who).get(url).status_code in (400, 404), url


def test_no_page_shows_the_storage_path_of_a_lent_file(people):
    book = make_resource(access=Resource.Access.LENDING)
    lend(book, people["borrower"])
    for url in (f"/library/{book.pk}/", f"/library/{book.pk}/read/"):
        page = client_for(people["borrower"]).get(url).content.decode()
        assert book.file.name not in page
        assert "/media/library" not in page


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_whole_file_with_headers_that_keep_it_in_the_browser(people):
    book = make_resource(access=Resource.Access.LENDING)
    lend(book, people["borrower"])
    response = client_for(people["borrower"]).get(f"/library/{book.pk}/file/")
    assert response.status_code == 200
    assert body(response) == TINY_PDF
    assert response["Content-Length"] == str(len(TINY_PDF))
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"] == "inline"


def test_open_files_may_be_cached_by_the_browser_and_residents_files_not(people):
    open_book = make_resource(access=Resource.Access.OPEN)
    residents_book = make_resource(access=Resource.Access.RESIDENTS)
    client = client_for(people["resident"])
    assert client.get(f"/library/{open_book.pk}/file/")["Cache-Control"] == "private, max-age=3600"
    assert client.get(f"/library/{residents_book.pk}/file/")["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [("bytes=0-9", 0, 9), ("bytes=10-", 10, None), ("bytes=-5", -5, None), ("bytes=5-100000", 5, None)],
)
def test_one_byte_range_is_206_with_content_range(header, start, end):
    book = make_resource()
    response = client_for(None).get(f"/library/{book.pk}/file/", headers={"range": header})
    size = len(TINY_PDF)
    expected = TINY_PDF[start : None if end is None else end + 1]
    first = start if start >= 0 else size + start
    last = size - 1 if end is None else end
    assert response.status_code == 206
    assert body(response) == expected
    assert response["Content-Range"] == f"bytes {first}-{last}/{size}"
    assert response["Content-Length"] == str(len(expected))
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("header", [f"bytes={len(TINY_PDF)}-", "bytes=99999-100000", "bytes=-0"])
def test_a_range_beyond_the_file_is_416(header):
    book = make_resource()
    response = client_for(None).get(f"/library/{book.pk}/file/", headers={"range": header})
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(TINY_PDF)}"


@pytest.mark.parametrize("header", ["bytes=0-1,5-6", "items=0-5", "bytes=9-2", "bytes=abc"])
def test_ranges_we_do_not_serve_get_the_whole_file(header):
    book = make_resource()
    response = client_for(None).get(f"/library/{book.pk}/file/", headers={"range": header})
    assert response.status_code == 200
    assert body(response) == TINY_PDF


def test_head_and_post(people):
    book = make_resource()
    head = client_for(None).head(f"/library/{book.pk}/file/")
    assert head.status_code == 200 and head["Content-Length"] == str(len(TINY_PDF))
    assert client_for(people["resident"]).post(f"/library/{book.pk}/file/").status_code == 405


def test_the_content_type_is_the_stored_format_not_the_name():
    book = make_resource(upload=pdf_upload("notes.html"))
    response = client_for(None).get(f"/library/{book.pk}/file/")
    assert response["Content-Type"] == "application/pdf"
    Resource.objects.filter(pk=book.pk).update(file_format="application/epub+zip")
    assert client_for(None).get(f"/library/{book.pk}/file/")["Content-Type"] == "application/epub+zip"


def test_pictures_and_captions_have_their_types():
    pictures = make_resource(kind=Resource.Kind.IMAGES, upload=None)
    picture = add_picture(pictures)
    response = client_for(None).get(f"/library/{pictures.pk}/images/{picture.pk}/")
    assert response["Content-Type"] == "image/png"
    assert body(response) == png_bytes()
    talk = add_captions(make_resource(kind=Resource.Kind.AUDIO, upload="wav"))
    response = client_for(None).get(f"/library/{talk.pk}/captions/")
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    assert body(response) == CAPTIONS


def test_the_proxy_sends_the_file_when_the_accel_prefix_is_set(people, settings):
    settings.PROTECTED_MEDIA_ACCEL_PREFIX = "/protected/"
    book = make_resource(access=Resource.Access.LENDING)
    lend(book, people["borrower"])
    response = client_for(people["borrower"]).get(f"/library/{book.pk}/file/", headers={"range": "bytes=0-9"})
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/protected/{book.file.name}"
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"] == "inline"
    assert body(response) == b""
    # The check still comes first: no hand-over for someone without a loan.
    refused = client_for(people["resident"]).get(f"/library/{book.pk}/file/")
    assert refused.status_code == 403 and "X-Accel-Redirect" not in refused
