"""The reader: the right player for each kind, its own CSP, the file rule, keyboard hints, no inline code."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from library.models import Loan, Resource
from portal.models import Interaction
from tests.factories import UserFactory, make_staff
from tests.library.factories import make_resource
from tests.utils import assert_permission_matrix, client_for, html

from .samples import add_captions, add_picture, epub_upload, mp4_upload

pytestmark = pytest.mark.django_db


def read(resource, user=None):
    return html(client_for(user).get(f"/library/{resource.pk}/read/"))


def test_a_pdf_is_drawn_by_pdfjs_into_a_canvas_of_the_page():
    book = make_resource()
    page = read(book)
    assert 'data-player="pdf"' in page
    assert "<canvas data-canvas>" in page and "<iframe" not in page and "viewer.html" not in page
    assert f'data-file-url="/library/{book.pk}/file/"' in page
    for part in ("build/pdf.min.mjs", "build/pdf.worker.min.mjs", "cmaps/", "standard_fonts/", "wasm/", "iccs/"):
        assert f"/static/vendor/pdfjs-5.7.284/{part}" in page, part
    assert 'data-action="previous"' in page and 'data-action="next"' in page
    assert 'data-action="zoom-in"' in page and 'data-action="zoom-out"' in page
    assert '<label for="reader-page-number">Page</label>' in page
    assert "Keys: ← and → or Page Up and Page Down turn the page; + and − zoom." in page
    assert 'data-label-page="Page {page} of {pages}"' in page
    assert f'data-position-key="library-reader:{book.pk}"' in page


def test_an_epub_is_read_with_epubjs_and_jszip_beside_it():
    book = make_resource(upload=epub_upload())
    page = read(book)
    assert 'data-player="epub"' in page
    assert page.index("jszip-3.10.2/jszip.min.js") < page.index("epubjs-0.3.93/epub.min.js")
    assert "Keys: ← and → or Page Up and Page Down turn the page." in page


def test_audio_has_captions_and_the_transcript_below():
    talk = make_resource(kind=Resource.Kind.AUDIO, upload="wav", transcript_en="Good evening, everyone.")
    add_captions(talk)
    page = read(talk)
    assert f'<audio class="reader-media" controls preload="metadata" data-media src="/library/{talk.pk}/file/">' in page
    assert f'<track kind="captions" src="/library/{talk.pk}/captions/" srclang="zh"' in page
    assert page.index("<audio") < page.index("Good evening, everyone.")
    assert "Transcript" in page


def test_video_without_captions_has_no_track():
    clip = make_resource(kind=Resource.Kind.VIDEO, upload=mp4_upload())
    page = read(clip)
    assert "<video" in page and "controls" in page
    assert "<track" not in page


def test_an_image_set_is_an_ordered_gallery():
    pictures = make_resource(kind=Resource.Kind.IMAGES, upload=None)
    second = add_picture(pictures, position=2, caption="The bridge")
    first = add_picture(pictures, position=1, caption="The gate")
    page = read(pictures)
    assert page.index(f"/library/{pictures.pk}/images/{first.pk}/") < page.index(
        f"/library/{pictures.pk}/images/{second.pk}/"
    )
    assert 'alt="The gate"' in page and "<figcaption>The bridge</figcaption>" in page
    assert "Previous picture" in page and "Next picture" in page


def test_an_article_body_is_sanitised():
    article = make_resource(
        kind=Resource.Kind.ARTICLE,
        upload=None,
        body='<h2>Spring</h2><p onclick="x()">Rain <a href="javascript:alert(1)">here</a></p><script>alert(1)</script>'
        '<img src="x" onerror="alert(1)"><p><a href="https://example.org/">a link</a></p>',
    )
    page = read(article)
    assert "<h2>Spring</h2>" in page
    assert '<p>Rain <a rel="noopener noreferrer">here</a></p>' in page
    assert "alert" not in page and "onclick" not in page and "<img" not in page
    assert '<a href="https://example.org/" rel="noopener noreferrer">a link</a>' in page


def test_nothing_to_show_is_404():
    assert client_for(None).get(f"/library/{make_resource(upload=None).pk}/read/").status_code == 404
    empty_set = make_resource(kind=Resource.Kind.IMAGES, upload=None)
    assert client_for(None).get(f"/library/{empty_set.pk}/read/").status_code == 404


def test_the_reader_sends_its_own_policy_widened_only_for_the_viewers(settings):
    response = client_for(None).get(f"/library/{make_resource().pk}/read/")
    policy = response["Content-Security-Policy"]
    assert policy == settings.READER_CONTENT_SECURITY_POLICY
    directives = {part.split()[0]: part.split()[1:] for part in policy.split("; ")}
    assert directives["script-src"] == ["'self'"]
    assert directives["worker-src"] == ["'self'"]
    # epub.js writes chapters into about:srcdoc frames, which inherit this policy: no frame source is opened.
    assert "frame-src" not in directives and directives["default-src"] == ["'self'"]
    # The book's stylesheets are blob: URLs; inline, only an empty <style> (the hash of "") that epub.js
    # fills through the CSSOM.
    assert directives["style-src"] == ["'self'", "blob:", "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"]
    assert "'wasm-unsafe-eval'" not in policy  # pdf.js's decoders run in its worker
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    # Other pages keep the site's policy.
    detail = client_for(None).get(f"/library/{make_resource().pk}/")
    assert detail["Content-Security-Policy"] == settings.CONTENT_SECURITY_POLICY


def test_the_page_has_no_inline_script_or_style():
    talk = make_resource(kind=Resource.Kind.AUDIO, upload="wav")
    for resource in (make_resource(), make_resource(upload=epub_upload()), talk):
        page = read(resource)
        assert not re.search(r"<script(?![^>]*\ssrc=)[^>]*>", page), "an inline script"
        assert " style=" not in page and "<style" not in page


def test_who_may_open_the_reader():
    library = make_resource(upload=None).organizer
    resident, borrower = UserFactory(), UserFactory()
    staff, other_staff = make_staff(library), make_staff(make_resource(upload=None).organizer)
    by_access = {access: make_resource(access=access, organizer=library) for access in Resource.Access}
    Loan.objects.create(
        resource=by_access[Resource.Access.LENDING], user=borrower, due_at=timezone.now() + timedelta(days=1)
    )
    users = {
        "anonymous": None,
        "resident": resident,
        "borrower": borrower,
        "staff": staff,
        "other_staff": other_staff,
    }
    url = "/library/{}/read/".format
    assert_permission_matrix(
        users,
        {
            url(by_access["open"].pk): dict.fromkeys(users, 200),
            url(by_access["residents"].pk): {**dict.fromkeys(users, 200), "anonymous": 302},
            url(by_access["lending"].pk): {
                "anonymous": 302,
                "resident": 403,
                "borrower": 200,
                "staff": 200,
                "other_staff": 403,
            },
            url(by_access["staff"].pk): {**dict.fromkeys(users, 404), "staff": 200},
        },
    )


def test_opening_the_reader_is_recorded():
    book = make_resource()
    read(book, UserFactory())
    assert Interaction.objects.filter(target_id=book.pk, action=Interaction.Action.READ).count() == 1
