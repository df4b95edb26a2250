"""Importing the catalog: CSV and MARC 21 records, broken rows reported, idempotent, files checked by content."""

import pytest
from django.core.files.storage import default_storage

from library.errors import LibraryError
from library.models import Resource, Subject
from library.services import imports
from portal.models import BackgroundJob
from portal.rights import RightsStatement
from tests.factories import OrganizerFactory
from tests.library.factories import CollectionFactory, make_resource
from tests.library.imports_data import (
    PNG,
    TINY_PDF,
    TINY_WAV,
    book_row,
    csv_file,
    marc_file,
    marc_record,
    marcxml_file,
    zip_file,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer():
    return OrganizerFactory(slug="city-library")


def run(metadata, organizer, **kwargs):
    return imports.import_now(metadata=metadata, organizer=organizer, **kwargs)


def outcomes(job):
    return [(entry["row"], entry["outcome"]) for entry in job.report]


def refusal(job, row):
    return next(entry["message"] for entry in job.report if entry["row"] == row)


def test_csv_rows_become_resources_with_their_dublin_core(organizer):
    collection = CollectionFactory(organizer=organizer, slug="classics")
    job = run(
        csv_file(
            [
                book_row(
                    "978-7-02-000220-7",
                    title_zh_hans="呐喊",
                    title_en="Call to Arms",
                    description_en="Short stories.",
                    subject="fiction; 中国文学",
                    collection="classics",
                    date="1923",
                    language="zh",
                    access="lending",
                    licences="2",
                    category="heritage",
                    rights="http://rightsstatements.org/vocab/NKC/1.0",  # no trailing slash: still known
                    credit_line="Courtesy of the City Library",
                )
            ]
        ),
        organizer,
    )
    assert job.status == BackgroundJob.Status.DONE and job.total == job.done == 1
    assert outcomes(job) == [(2, "created")]
    resource = Resource.objects.get(identifier="978-7-02-000220-7")
    assert (resource.title_zh_hans, resource.title_en, resource.description_en) == (
        "呐喊",
        "Call to Arms",
        "Short stories.",
    )
    assert resource.organizer == organizer and resource.access == "lending" and resource.licences == 2
    assert resource.rights_statement == RightsStatement.NO_KNOWN_COPYRIGHT and resource.year == 1923
    assert resource.category == "heritage" and resource.credit_line_en == "Courtesy of the City Library"
    assert sorted(s.slug for s in resource.subjects.all())[0] == "fiction"
    assert {s.name_zh_hans for s in resource.subjects.all()} >= {"中国文学"}
    assert list(resource.collections.all()) == [collection]
    assert job.report[0]["object_id"] == resource.pk and job.report[0]["url"].endswith(f"/{resource.pk}/change/")


def test_broken_rows_are_reported_by_row_and_the_rest_imports(organizer):
    other = OrganizerFactory()
    make_resource(organizer=other, identifier="theirs")
    rows = [
        book_row("good-1"),
        book_row("no-title", title_en="", title_zh_hans=""),
        book_row("bad-access", access="everyone"),
        book_row("bad-rights", rights="https://example.org/my-licence"),
        book_row("", title_en="No identifier"),
        book_row("bad-kind", kind="sculpture"),
        book_row("bad-licences", licences="many"),
        book_row("bad-collection", collection="nowhere"),
        book_row("theirs"),
        book_row("too-long", creator="x" * 400),
        book_row("good-2", subject="poetry"),
    ]
    job = run(csv_file(rows), organizer)
    assert job.status == BackgroundJob.Status.DONE
    assert outcomes(job) == [
        (2, "created"),
        (3, "refused"),
        (4, "refused"),
        (5, "refused"),
        (6, "refused"),
        (7, "refused"),
        (8, "refused"),
        (9, "refused"),
        (10, "refused"),
        (11, "refused"),
        (12, "created"),
    ]
    assert "title is missing" in refusal(job, 3)
    assert "“everyone” is not a valid access" in refusal(job, 4) and "lending" in refusal(job, 4)
    assert "https://example.org/my-licence" in refusal(job, 5)
    assert "identifier is missing" in refusal(job, 6)
    assert "sculpture" in refusal(job, 7)
    assert "at least 1" in refusal(job, 8)
    assert "no collection “nowhere”" in refusal(job, 9)
    assert "another organizer" in refusal(job, 10)
    assert "creator" in refusal(job, 11) and "300" in refusal(job, 11)
    assert set(Resource.objects.filter(organizer=organizer).values_list("identifier", flat=True)) == {
        "good-1",
        "good-2",
    }
    # The refused rows left nothing: no subject of theirs, no resource, the other organizer's untouched.
    assert Resource.objects.get(identifier="theirs").organizer == other


def test_a_refused_row_leaves_nothing_half_written(organizer):
    # The row's subject would be new; its file is wrong: neither the subject nor a stored file remains.
    archive = zip_file({"fake.pdf": PNG})
    job = run(
        csv_file([book_row("half", subject="brand-new-subject", file="fake.pdf")]), organizer, files_archive=archive
    )
    assert outcomes(job) == [(2, "refused")]
    assert not Subject.objects.filter(slug="brand-new-subject").exists()
    assert not Resource.objects.filter(identifier="half").exists()
    assert not default_storage.exists("library/files") or not default_storage.listdir("library/files")[1]


def test_re_import_updates_and_never_duplicates(organizer):
    rows = [book_row("isbn-1", title_en="First title"), book_row("isbn-2")]
    first = run(csv_file(rows), organizer)
    assert outcomes(first) == [(2, "created"), (3, "created")]
    rows[0]["title_en"] = "Corrected title"
    second = run(csv_file(rows), organizer)
    assert outcomes(second) == [(2, "updated"), (3, "updated")]
    assert Resource.objects.filter(organizer=organizer).count() == 2
    assert Resource.objects.get(identifier="isbn-1").title_en == "Corrected title"


def test_columns_absent_from_the_file_are_left_as_they_are(organizer):
    run(csv_file([book_row("keep", access="staff", publisher="北新书局")]), organizer)
    run(csv_file([{"identifier": "keep", "title_en": "New"}], columns=["identifier", "title_en"]), organizer)
    resource = Resource.objects.get(identifier="keep")
    assert (resource.title_en, resource.access, resource.publisher) == ("New", "staff", "北新书局")


def test_files_from_the_zip_are_checked_by_content(organizer):
    archive = zip_file({"books/real.pdf": TINY_PDF, "books/fake.pdf": PNG, "talks/talk.wav": TINY_WAV})
    rows = [
        book_row("real", file="books/real.pdf"),
        book_row("fake", file="books/fake.pdf"),
        book_row("talk", kind="audio", file="talks/talk.wav"),
        book_row("wav-as-book", file="talks/talk.wav"),
        book_row("missing", file="books/none.pdf"),
    ]
    job = run(csv_file(rows), organizer, files_archive=archive)
    assert outcomes(job) == [(2, "created"), (3, "refused"), (4, "created"), (5, "refused"), (6, "refused")]
    assert "not a format the library accepts" in refusal(job, 3)
    assert "not a format the library accepts" in refusal(job, 5)
    assert "no file books/none.pdf" in refusal(job, 6)
    real = Resource.objects.get(identifier="real")
    assert real.file_format == "application/pdf" and real.file_size == len(TINY_PDF)
    assert real.file.name.startswith("library/files/") and "real" not in real.file.name
    assert Resource.objects.get(identifier="talk").file_format == "audio/wav"
    # The job's copy of the ZIP is deleted once it has finished.
    assert not default_storage.exists(job.options["attachments"]["files"])


def test_a_re_import_with_the_same_file_keeps_it(organizer):
    rows = [book_row("same", file="a.pdf")]
    run(csv_file(rows), organizer, files_archive=zip_file({"a.pdf": TINY_PDF}))
    stored = Resource.objects.get(identifier="same").file.name
    job = run(csv_file(rows), organizer, files_archive=zip_file({"a.pdf": TINY_PDF}))
    assert outcomes(job) == [(2, "updated")]
    assert Resource.objects.get(identifier="same").file.name == stored


def test_image_sets_take_several_files(organizer):
    archive = zip_file({"p/1.png": PNG, "p/2.png": PNG})
    job = run(csv_file([book_row("pics", kind="images", file="p/1.png; p/2.png")]), organizer, files_archive=archive)
    assert outcomes(job) == [(2, "created")]
    assert Resource.objects.get(identifier="pics").images.count() == 2


def test_files_too_large_are_refused_with_the_limit(organizer, settings):
    settings.LIBRARY_MAX_FILE_MB = 1
    archive = zip_file({"big.pdf": TINY_PDF + b"0" * (2 * 1024 * 1024)})
    job = run(csv_file([book_row("big", file="big.pdf")]), organizer, files_archive=archive)
    assert outcomes(job) == [(2, "refused")] and "at most 1 MB" in refusal(job, 2)
    with pytest.raises(LibraryError, match="at most 1 MB"):  # the upload itself
        run(
            csv_file([book_row("x")]),
            organizer,
            files_archive=_raw("big.zip", b"PK\x03\x04" + b"0" * (2 * 1024 * 1024)),
        )


def test_paths_never_leave_the_folder_files_come_from(organizer, tmp_path, settings):
    folder = tmp_path / "import"
    (folder / "books").mkdir(parents=True)
    (folder / "books" / "ok.pdf").write_bytes(TINY_PDF)
    (tmp_path / "secret.pdf").write_bytes(TINY_PDF)
    rows = [
        book_row("ok", file="books/ok.pdf"),
        book_row("up", file="../secret.pdf"),
        book_row("absolute", file=str(tmp_path / "secret.pdf")),
    ]
    job = run(csv_file(rows), organizer, files_path=str(folder))
    assert outcomes(job) == [(2, "created"), (3, "refused"), (4, "refused")]
    assert "outside the folder" in refusal(job, 3) and "outside the folder" in refusal(job, 4)
    # Without --files or LIBRARY_IMPORT_ROOT, a server path in a file is never read.
    settings.LIBRARY_IMPORT_ROOT = ""
    job = run(csv_file([book_row("server", file=str(folder / "books" / "ok.pdf"))]), organizer)
    assert outcomes(job) == [(2, "refused")] and "no ZIP of files" in refusal(job, 2)
    settings.LIBRARY_IMPORT_ROOT = str(folder)
    job = run(csv_file([book_row("rooted", file="books/ok.pdf")]), organizer)
    assert outcomes(job) == [(2, "created")]


def test_marc_binary_records_are_mapped_to_dublin_core(organizer):
    job = run(
        marc_file([marc_record(), marc_record(isbn="9787020002214", title="彷徨 /", parallel="Wandering")]), organizer
    )
    assert job.status == BackgroundJob.Status.DONE and outcomes(job) == [(1, "created"), (2, "created")]
    resource = Resource.objects.get(identifier="9787020002207")
    assert (resource.title_zh_hans, resource.title_en) == ("呐喊", "Call to arms")
    assert resource.creator == "鲁迅" and resource.contributor == "Yang, Xianyi"
    assert (resource.publisher, resource.date, resource.language) == ("北新书局", "1923", "zh")
    assert resource.description_zh_hans == "鲁迅的第一部短篇小说集。"
    assert resource.relation == "https://example.org/nahan" and resource.kind == Resource.Kind.EBOOK
    assert resource.rights_statement == RightsStatement.NO_KNOWN_COPYRIGHT
    assert [subject.name_en for subject in resource.subjects.all()] == ["Short stories"]


def test_marcxml_records_import_and_re_import_idempotently(organizer):
    records = [marc_record(), marc_record(isbn=None, title=None)]  # no ISBN: 001; no title: refused
    job = run(marcxml_file(records), organizer)
    assert outcomes(job) == [(1, "created"), (2, "refused")]
    assert "title is missing" in refusal(job, 2)
    again = run(marcxml_file(records[:1]), organizer)
    assert outcomes(again) == [(1, "updated")]
    assert Resource.objects.filter(identifier="9787020002207").count() == 1


def test_an_unreadable_marc_record_is_reported_and_the_next_imports(organizer):
    good = marc_record().as_marc()
    body = b"nam a2200037 a 4500garbage\x1e\x1d"
    broken = f"{len(body) + 5:05d}".encode() + body
    job = run(_raw("r.mrc", broken + good), organizer)
    assert [outcome for _row, outcome in outcomes(job)] == ["refused", "created"]


def _raw(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_files_that_are_no_catalog_are_refused_before_a_job_starts(organizer):
    with pytest.raises(LibraryError, match="not a CSV, MARC 21"):
        run(_raw("x.csv", b"\x00\x01binary"), organizer)
    with pytest.raises(LibraryError, match="ZIP"):
        run(csv_file([book_row("a")]), organizer, files_archive=_raw("f.zip", b"not a zip"))
    assert not BackgroundJob.objects.exists()


def test_a_csv_without_the_needed_columns_fails_the_job_with_the_reason(organizer):
    job = run(csv_file([{"name": "x"}], columns=["name"]), organizer)
    assert job.status == BackgroundJob.Status.FAILED and "identifier and title_zh_hans or title_en" in job.message


def test_gb18030_csv_from_a_spreadsheet_is_read(organizer):
    content = "identifier,title_zh_hans,kind\r\ngb-1,朝花夕拾,ebook\r\n".encode("gb18030")
    job = run(_raw("gb.csv", content), organizer)
    assert outcomes(job) == [(2, "created")] and Resource.objects.get(identifier="gb-1").title_zh_hans == "朝花夕拾"


def test_unknown_columns_are_named_in_the_job_message(organizer):
    job = run(csv_file([book_row("u")], columns=["identifier", "title_en", "kind", "shelf"]), organizer)
    assert outcomes(job) == [(2, "created")] and "shelf" in job.message


def test_the_template_has_the_columns_and_an_example_that_imports(organizer):
    header, example = imports.template_rows()
    assert header == imports.COLUMNS and len(example) == len(header)
    row = dict(zip(header, example, strict=True))
    job = run(csv_file([{**row, "file": ""}]), organizer)
    assert outcomes(job) == [(2, "created")]
