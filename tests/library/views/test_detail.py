"""A resource's page: its Dublin Core record, rights, where it is held and how to read or borrow it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from library.models import Loan, Resource
from portal.models import Interaction
from portal.rights import RightsStatement
from tests.factories import UserFactory, make_staff
from tests.library.factories import CollectionFactory, SubjectFactory, make_resource
from tests.utils import assert_max_queries, assert_permission_matrix, client_for, html

pytestmark = pytest.mark.django_db


def full_record(**fields):
    record = {
        "title_en": "The Tea Road",
        "title_zh_hans": "茶马古道",
        "description_en": "Caravans across the mountains.",
        "description_zh_hans": "穿越群山的马帮。",
        "creator": "Li Wei",
        "contributor": "Zhang San (illustrator)",
        "publisher": "Yunling Press",
        "date": "1923-05",
        "identifier": "978-7-00-000000-1",
        "source": "Scanned from the printed edition",
        "language": "zh",
        "relation": "Part of the Mountain Roads series",
        "coverage": "Yunnan, 1900–1920",
        "rights_statement": RightsStatement.CC_BY,
        "credit_line_en": "Digitised with the help of the county archive",
        "subjects": [SubjectFactory(name_en="Trade routes", name_zh_hans="商路")],
        "collections": [CollectionFactory(title_en="Local history", title_zh_hans="地方史")],
    }
    return make_resource(**{**record, **fields})


def test_every_dublin_core_field_is_shown_with_its_label():
    resource = full_record()
    page = html(client_for(None).get(f"/library/{resource.pk}/"))
    for label, value in [
        ("Title", "The Tea Road"),
        ("Creator", "Li Wei"),
        ("Contributor", "Zhang San (illustrator)"),
        ("Subjects", "Trade routes"),
        ("Publisher", "Yunling Press"),
        ("Date", "1923-05"),
        ("Type", "E-book"),
        ("Format", "application/pdf"),
        ("Identifier", "978-7-00-000000-1"),
        ("Source", "Scanned from the printed edition"),
        ("Language", "Chinese"),
        ("Relation", "Part of the Mountain Roads series"),
        ("Coverage", "Yunnan, 1900–1920"),
        ("Rights", "Creative Commons Attribution 4.0"),
        ("Credit", "Digitised with the help of the county archive"),
        ("Collections", "Local history"),
    ]:
        assert f"<dt>{label}</dt>" in page, label
        assert value in page, value
    assert "Caravans across the mountains." in page
    assert "DCMI: Text" in page
    assert f"{resource.file_size}\xa0bytes" in page  # the size, next to the format


def test_the_rights_name_links_to_its_uri_and_the_holder_is_named_with_its_district():
    resource = full_record()
    page = html(client_for(None).get(f"/library/{resource.pk}/"))
    assert (
        f'<a href="{RightsStatement.CC_BY.value}" rel="license noopener">Creative Commons Attribution 4.0</a>'
    ) in page
    assert f"{resource.organizer.name}, {resource.organizer.district.name}" in page


def test_title_and_description_in_the_page_language_and_the_other_one_beside(zh_client):
    resource = full_record()
    english = html(client_for(None).get(f"/library/{resource.pk}/"))
    assert '<h1 id="resource-title">The Tea Road</h1>' in english
    assert '<p class="resource-other-title" lang="zh-hans">茶马古道</p>' in english
    assert '<div lang="zh-hans"><p>穿越群山的马帮。</p></div>' in english
    chinese = html(zh_client.get(f"/library/{resource.pk}/"))
    assert '<h1 id="resource-title">茶马古道</h1>' in chinese
    assert '<p class="resource-other-title" lang="en">The Tea Road</p>' in chinese
    assert '<html lang="zh-hans"' in chinese


@pytest.mark.parametrize(
    ("kind", "upload", "label"),
    [(Resource.Kind.EBOOK, "pdf", "Read"), (Resource.Kind.AUDIO, "wav", "Listen")],
)
def test_an_open_item_offers_the_reader_and_a_download(kind, upload, label):
    resource = make_resource(kind=kind, upload=upload, access=Resource.Access.OPEN)
    page = html(client_for(None).get(f"/library/{resource.pk}/"))
    assert f'<a class="button" href="/library/{resource.pk}/read/">{label}</a>' in page
    assert f'href="/library/{resource.pk}/file/" download="A Book.' in page
    assert "Anyone may read it, without an account." in page


def test_a_residents_item_asks_anonymous_visitors_to_log_in():
    resource = make_resource(access=Resource.Access.RESIDENTS)
    page = html(client_for(None).get(f"/library/{resource.pk}/"))
    assert "Log in to read" in page
    assert f"/accounts/login/?next=%2Flibrary%2F{resource.pk}%2F" in page
    assert f"/library/{resource.pk}/read/" not in page
    signed_in = html(client_for(UserFactory()).get(f"/library/{resource.pk}/"))
    assert f"/library/{resource.pk}/read/" in signed_in and "Log in to read" not in signed_in
    assert f"/library/{resource.pk}/file/" not in signed_in  # only open items are offered for download


def test_a_lent_item_shows_the_lending_panel_and_the_reader_only_to_the_borrower():
    resource = make_resource(access=Resource.Access.LENDING)
    resident, borrower = UserFactory(), UserFactory()
    Loan.objects.create(resource=resource, user=borrower, due_at=timezone.now() + timedelta(days=3))
    response = client_for(resident).get(f"/library/{resource.pk}/")
    assert response.context["lending"]["available"] == 0  # library.selectors.lending.panel, for its include
    assert "hold" in response.context["lending"]["actions"]
    assert "library/includes/lending_panel.html" in [t.name for t in response.templates]
    assert f"/library/{resource.pk}/read/" not in html(response)
    page = html(client_for(borrower).get(f"/library/{resource.pk}/"))
    assert f"/library/{resource.pk}/read/" in page
    assert f"/library/{resource.pk}/file/" not in page  # read in the browser, never downloaded
    assert "lent like a printed book" in page


def test_an_item_without_a_file_says_so():
    resource = make_resource(upload=None)
    page = html(client_for(None).get(f"/library/{resource.pk}/"))
    assert "has not added the file" in page
    assert f"/library/{resource.pk}/read/" not in page


def test_who_sees_which_page():
    resource = make_resource(access=Resource.Access.STAFF)
    staff = make_staff(resource.organizer)
    other_staff = make_staff(make_resource(upload=None).organizer)
    withdrawn = make_resource()
    Resource.objects.filter(pk=withdrawn.pk).update(withdrawn_at=timezone.now())
    users = {"anonymous": None, "resident": UserFactory(), "staff": staff, "other_staff": other_staff}
    assert_permission_matrix(
        users,
        {
            f"/library/{resource.pk}/": {"anonymous": 404, "resident": 404, "staff": 200, "other_staff": 404},
            f"/library/{withdrawn.pk}/": {"anonymous": 404, "resident": 404, "staff": 404, "other_staff": 404},
            "/library/987654/": {"anonymous": 404, "resident": 404, "staff": 404, "other_staff": 404},
        },
    )
    assert "Staff only" in html(client_for(staff).get(f"/library/{resource.pk}/"))


def test_a_visit_is_recorded_and_the_page_sends_the_sites_policy(settings):
    resource = make_resource()
    response = client_for(None).get(f"/library/{resource.pk}/")
    assert Interaction.objects.filter(target_id=resource.pk, action=Interaction.Action.VIEW).count() == 1
    assert response["Content-Security-Policy"] == settings.CONTENT_SECURITY_POLICY


def test_a_broken_trace_does_not_break_the_page(monkeypatch):
    resource = make_resource()
    monkeypatch.setattr("portal.interactions._write", lambda rows: 1 / 0)
    assert client_for(None).get(f"/library/{resource.pk}/").status_code == 200


def test_the_page_costs_a_fixed_number_of_queries():
    resource = full_record(subjects=[SubjectFactory(), SubjectFactory(), SubjectFactory()])
    user = UserFactory()
    client = client_for(user)
    client.get(f"/library/{resource.pk}/")
    # 7 today (session, user, resource, pictures, subjects, collections, the trace); room for the lending panel.
    with assert_max_queries(10):
        html(client.get(f"/library/{resource.pk}/"))
