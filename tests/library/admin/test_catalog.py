"""The catalog admin as organizer staff use it: only their organizers' resources, collections, jobs and filters;
saving goes through the catalog service, which checks files by their content."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from library.models import Resource
from portal import jobs
from tests.factories import OrganizerFactory, UserFactory, make_staff
from tests.library.factories import TINY_PDF, CollectionFactory, make_resource
from tests.library.imports_data import PNG
from tests.utils import client_for, html

pytestmark = pytest.mark.django_db

RESOURCES = "/admin/library/resource/"
COLLECTIONS = "/admin/library/collection/"
JOBS = "/admin/portal/backgroundjob/"


@pytest.fixture
def organizer():
    return OrganizerFactory(name_en="City Library")


@pytest.fixture
def other():
    return OrganizerFactory(name_en="Faraway Reading Room")


@pytest.fixture
def staff(organizer):
    return make_staff(organizer)


@pytest.fixture
def admin_client(staff):
    return client_for(staff)


def add_form(organizer, **fields):
    """What the add page posts: the required fields, and an empty image inline."""
    data = {
        "organizer": organizer.pk,
        "kind": "ebook",
        "title_zh_hans": "新书",
        "title_en": "A New Book",
        "category": "reading",
        "access": "open",
        "licences": "1",
        "rights_statement": "https://creativecommons.org/publicdomain/mark/1.0/",
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


def test_staff_of_another_organizer_see_none_of_the_resources_collections_or_jobs(organizer, other, admin_client):
    theirs = make_resource(organizer=other, title_en="Their secret book", access="staff")
    mine = make_resource(organizer=organizer, title_en="Our own book")
    their_collection = CollectionFactory(organizer=other, title_en="Their collection")
    CollectionFactory(organizer=organizer, title_en="Our collection")
    their_job = jobs.start_job(kind="library.import", organizer=other, queue=False)
    my_job = jobs.start_job(kind="library.import", organizer=organizer, queue=False)

    page = html(admin_client.get(RESOURCES))
    assert "Our own book" in page and "Their secret book" not in page
    assert admin_client.get(f"{RESOURCES}{theirs.pk}/change/").status_code in (302, 403, 404)
    assert admin_client.get(f"{RESOURCES}{mine.pk}/change/").status_code == 200
    page = html(admin_client.get(COLLECTIONS))
    assert "Our collection" in page and "Their collection" not in page
    assert admin_client.get(f"{COLLECTIONS}{their_collection.pk}/change/").status_code in (302, 403, 404)
    page = html(admin_client.get(JOBS))
    assert f"library.import #{my_job.pk}" in page and f"#{their_job.pk}<" not in page
    assert admin_client.get(f"{JOBS}{their_job.pk}/change/").status_code in (302, 403, 404)
    assert admin_client.get(f"{JOBS}{my_job.pk}/change/").status_code == 200


def test_filters_list_only_the_staff_members_organizers_and_collections(organizer, other, staff, admin_client):
    branch = OrganizerFactory(name_en="Branch Library")
    branch.staff.add(staff)
    make_resource(organizer=branch)
    ours = CollectionFactory(organizer=organizer, title_en="Our collection")
    theirs = CollectionFactory(organizer=other, title_en="Their collection")
    make_resource(organizer=other, collections=[theirs])
    # A superuser put one of our resources into another organizer's collection: its name stays hidden.
    make_resource(organizer=organizer, collections=[ours, theirs])
    response = admin_client.get(RESOURCES)
    filters = {
        str(spec.title): [str(choice["display"]) for choice in spec.choices(response.context["cl"])]
        for spec in response.context["cl"].filter_specs
    }
    assert sorted(filters["organizer"][1:]) == ["Branch Library", "City Library"]
    assert filters["collections"][1:] == ["Our collection", "-"]
    page = response.content.decode()
    assert "Faraway Reading Room" not in page and "Their collection" not in page
    # Nor does the add form offer other organizers or their collections.
    form = admin_client.get(f"{RESOURCES}add/").context["adminform"].form
    assert set(form.fields["organizer"].queryset) == {organizer, branch}
    assert list(form.fields["collections"].queryset) == [ours]
    # And the jobs' list filters by the staff member's organizers only.
    jobs.start_job(kind="library.import", organizer=other, queue=False)
    jobs.start_job(kind="library.import", organizer=organizer, queue=False)
    assert "Faraway Reading Room" not in html(admin_client.get(JOBS))


def test_a_new_resource_is_saved_through_the_catalog_service(organizer, admin_client):
    upload = SimpleUploadedFile("whatever.bin", TINY_PDF)
    response = admin_client.post(f"{RESOURCES}add/", add_form(organizer, file=upload))
    assert response.status_code == 302, response.context["adminform"].form.errors
    resource = Resource.objects.get(title_en="A New Book")
    assert resource.file_format == "application/pdf" and resource.file_size == len(TINY_PDF)


def test_an_upload_of_the_wrong_content_is_a_form_error_and_nothing_is_saved(organizer, admin_client):
    fake = SimpleUploadedFile("book.pdf", PNG, content_type="application/pdf")
    response = admin_client.post(f"{RESOURCES}add/", add_form(organizer, file=fake))
    page = html(response)
    assert "not a format the library accepts for a e-book" in page or "not a format the library accepts" in page
    assert "file" in response.context["adminform"].form.errors
    assert not Resource.objects.exists()


def test_an_upload_above_the_size_limit_is_a_form_error(organizer, admin_client, settings):
    settings.LIBRARY_MAX_FILE_MB = 1
    big = SimpleUploadedFile("big.pdf", TINY_PDF + b"0" * (2 * 1024 * 1024))
    page = html(admin_client.post(f"{RESOURCES}add/", add_form(organizer, file=big)))
    assert "files may be at most 1 MB" in page and not Resource.objects.exists()


def test_changing_the_kind_checks_the_stored_file(organizer, admin_client):
    resource = make_resource(organizer=organizer, title_en="A PDF")
    data = add_form(organizer, kind="audio", identifier="", title_en="A PDF")
    response = admin_client.post(f"{RESOURCES}{resource.pk}/change/", data)
    assert "kind" in response.context["adminform"].form.errors
    resource.refresh_from_db()
    assert resource.kind == "ebook"


def test_staff_withdraw_resources_and_cannot_delete_them(organizer, admin_client):
    resource = make_resource(organizer=organizer)
    response = admin_client.post(RESOURCES, {"action": "withdraw", "_selected_action": [resource.pk]})
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.withdrawn_at is not None
    assert admin_client.get(f"{RESOURCES}{resource.pk}/delete/").status_code == 403


def test_staff_add_subjects_but_residents_see_no_catalog_admin(organizer, admin_client):
    response = admin_client.post(
        "/admin/library/subject/add/", {"name_zh_hans": "诗歌", "name_en": "Poetry", "slug": "poetry"}
    )
    assert response.status_code == 302
    resident = UserFactory()
    assert client_for(resident).get(RESOURCES).status_code == 302  # to the admin login
    assert client_for(make_staff(OrganizerFactory())).get(f"{RESOURCES}").status_code == 200
