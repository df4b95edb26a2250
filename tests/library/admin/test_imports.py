"""The import in the admin: the changelist's buttons, the template, the form, the job and its progress page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from library.models import Resource
from portal.models import BackgroundJob
from tests.factories import OrganizerFactory, UserFactory, make_staff
from tests.library.imports_data import PNG, TINY_PDF, book_row, csv_file, marc_record, marcxml_file, zip_file
from tests.utils import client_for, csv_rows, html

pytestmark = pytest.mark.django_db

RESOURCES = "/admin/library/resource/"
IMPORT = "/admin/library/resource/import/"


@pytest.fixture
def organizer():
    return OrganizerFactory(name_en="City Library")


@pytest.fixture
def staff(organizer):
    return make_staff(organizer)


@pytest.fixture
def admin_client(staff):
    return client_for(staff)


def test_the_resources_list_offers_the_import_and_its_template(admin_client):
    page = html(admin_client.get(RESOURCES))
    assert f'href="{IMPORT}"' in page and "Import CSV or MARC" in page
    assert "Download the CSV template" in page
    rows = csv_rows(admin_client.get(f"{IMPORT}template.csv"))
    assert rows[0][:3] == ["identifier", "title_zh_hans", "title_en"] and len(rows) == 2


def test_an_upload_runs_the_job_and_the_progress_page_shows_the_report(
    organizer, admin_client, django_capture_on_commit_callbacks
):
    metadata = csv_file(
        [
            book_row("good", file="books/good.pdf"),
            book_row("fake", file="books/fake.pdf"),
            book_row("nameless", title_en="", title_zh_hans=""),
        ]
    )
    archive = zip_file({"books/good.pdf": TINY_PDF, "books/fake.pdf": PNG})
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            IMPORT, {"metadata": metadata, "files": archive, "organizer": organizer.pk, "access": "residents"}
        )
    job = BackgroundJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/admin/portal/backgroundjob/{job.pk}/change/"
    assert job.status == BackgroundJob.Status.DONE and job.created_by is not None
    good = Resource.objects.get(identifier="good")
    assert good.access == "residents" and good.file_format == "application/pdf"
    page = html(admin_client.get(response["Location"]))
    assert "<progress" in page and 'value="3"' in page
    assert "Created: 1, updated: 0, refused: 2." in page
    assert "not a format the library accepts" in page and "title is missing" in page
    assert f'href="/admin/library/resource/{good.pk}/change/"' in page


def test_marcxml_uploads_are_imported_too(organizer, admin_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            IMPORT, {"metadata": marcxml_file([marc_record()]), "organizer": organizer.pk, "access": "open"}
        )
    assert Resource.objects.get(identifier="9787020002207").title_zh_hans == "呐喊"


def test_the_form_offers_only_the_staff_members_organizers(organizer, admin_client):
    other = OrganizerFactory(name_en="Faraway Reading Room")
    page = html(admin_client.get(IMPORT))
    assert "City Library" in page and "Faraway Reading Room" not in page
    response = admin_client.post(
        IMPORT, {"metadata": csv_file([book_row("x")]), "organizer": other.pk, "access": "open"}
    )
    assert "organizer" in response.context["form"].errors and not BackgroundJob.objects.exists()


def test_uploads_above_the_limit_or_of_no_known_format_are_refused_on_the_form(organizer, admin_client, settings):
    settings.LIBRARY_MAX_FILE_MB = 1
    response = admin_client.post(
        IMPORT, {"metadata": csv_file([book_row("x")]), "files": _sized(2), "organizer": organizer.pk, "access": "open"}
    )
    assert "files may be at most 1 MB" in html(response)
    binary = SimpleUploadedFile("catalog.csv", b"\x00\x01\x02")
    response = admin_client.post(IMPORT, {"metadata": binary, "organizer": organizer.pk, "access": "open"})
    assert "not a CSV, MARC 21" in html(response)
    assert not BackgroundJob.objects.exists()


def _sized(megabytes):
    return SimpleUploadedFile("files.zip", b"PK\x03\x04" + b"0" * (megabytes * 1024 * 1024))


def test_people_who_may_not_add_resources_cannot_import(organizer):
    no_role = UserFactory(is_staff=True)
    assert client_for(no_role).get(IMPORT).status_code == 403
    assert client_for(no_role).get(f"{IMPORT}template.csv").status_code == 403
    assert client_for(UserFactory()).get(IMPORT).status_code == 302  # residents go to the admin login
