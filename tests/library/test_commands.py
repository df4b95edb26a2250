"""manage.py import_library: the admin's import, run in process, printing the report and a summary."""

import io

import pytest
from django.core.management import CommandError, call_command

from library.models import Resource
from portal.models import BackgroundJob
from tests.factories import OrganizerFactory
from tests.library.imports_data import PNG, TINY_PDF, book_row, csv_file, marc_file, marc_record, zip_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def organizer():
    return OrganizerFactory(slug="city-library")


def import_library(*args):
    out = io.StringIO()
    call_command("import_library", *map(str, args), stdout=out)
    return out.getvalue()


def write(path, upload):
    path.write_bytes(upload.read())
    return path


def test_the_command_imports_with_files_from_a_folder_and_prints_the_report(organizer, tmp_path):
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "good.pdf").write_bytes(TINY_PDF)
    (folder / "fake.pdf").write_bytes(PNG)
    rows = [book_row("good", file="good.pdf"), book_row("fake", file="fake.pdf"), book_row("plain", access="nobody")]
    source = write(tmp_path / "catalog.csv", csv_file(rows))
    output = import_library(source, "--organizer", "city-library", "--files", folder, "--access", "lending")
    assert "2  created" in output and "3  refused" in output and "not a format the library accepts" in output
    assert "“nobody” is not a valid access" in output
    assert "1 created, 0 updated, 2 refused." in output
    assert Resource.objects.get(identifier="good").access == "lending"
    job = BackgroundJob.objects.get()
    assert job.status == BackgroundJob.Status.DONE and job.organizer == organizer and job.done == 3


def test_the_command_reads_files_from_a_zip_and_marc_and_is_idempotent(organizer, tmp_path):
    archive = write(tmp_path / "files.zip", zip_file({"a/book.pdf": TINY_PDF}))
    source = write(tmp_path / "catalog.csv", csv_file([book_row("zipped", file="a/book.pdf")]))
    assert "1 created" in import_library(source, "--organizer", "city-library", "--files", archive)
    assert "0 created, 1 updated" in import_library(source, "--organizer", "city-library", "--files", archive)
    assert Resource.objects.get(identifier="zipped").file_format == "application/pdf"
    records = write(tmp_path / "records.mrc", marc_file([marc_record()]))
    assert "1 created" in import_library(records, "--organizer", "city-library")
    assert Resource.objects.count() == 2


def test_the_command_refuses_what_it_cannot_do(organizer, tmp_path):
    source = write(tmp_path / "catalog.csv", csv_file([book_row("x")]))
    with pytest.raises(CommandError, match="No organizer"):
        import_library(source, "--organizer", "nobody")
    with pytest.raises(CommandError, match="No file"):
        import_library(tmp_path / "missing.csv", "--organizer", "city-library")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\x00\x01")
    with pytest.raises(CommandError, match="not a CSV, MARC 21"):
        import_library(binary, "--organizer", "city-library")
    headless = tmp_path / "headless.csv"
    headless.write_text("name\nx\n")
    with pytest.raises(CommandError, match="Failed"):
        import_library(headless, "--organizer", "city-library")
