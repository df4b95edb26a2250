"""GET /api/library/items/ (search with facets) and /api/library/items/<id>/."""

import pytest
from django.utils import timezone

from library.models import Loan, Resource
from library.services.catalog import withdraw_resource
from portal.rights import RightsStatement
from tests.factories import OrganizerFactory, UserFactory, make_staff
from tests.library.factories import SubjectFactory, make_resource
from tests.utils import api, assert_max_queries

pytestmark = pytest.mark.django_db

LIST = "/api/library/items/"


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


@pytest.fixture
def dream():
    organizer = OrganizerFactory(slug="city-library", name_en="City library")
    return make_resource(
        title_en="Dream of the Red Chamber",
        title_zh_hans="红楼梦",
        creator="Cao Xueqin",
        description_en="<p>A family saga with paintings.</p>",
        description_zh_hans="贾府的故事",
        organizer=organizer,
        date="1791",
        rights_statement=RightsStatement.CC_BY,
        subjects=[SubjectFactory(slug="novels", name_en="Novels")],
    )


def test_a_list_item_has_its_fields_and_the_page_its_facets(dream):
    body = api().get(LIST, {"q": "paintings"}).json()
    assert body["count"] == 1 and body["next"] is None
    [item] = body["results"]
    assert item["id"] == dream.pk
    assert item["url"] == f"http://testserver/library/{dream.pk}/"
    assert item["kind"] == "ebook" and item["title"] == "Dream of the Red Chamber"
    assert item["creator"] == "Cao Xueqin"
    assert item["description"] == "A family saga with paintings."
    assert item["snippet"] == "A family saga with <mark>paintings</mark>."
    assert item["access"] == "open" and item["language"] == "zh" and item["date"] == "1791"
    assert item["rights"] == {"uri": RightsStatement.CC_BY.value, "name": "Creative Commons Attribution 4.0"}
    assert item["cover"] is None
    assert item["organizer"]["slug"] == "city-library" and item["organizer"]["name"] == "City library"
    assert body["facets"]["kind"] == [{"value": "ebook", "label": "E-book", "count": 1}]
    assert body["facets"]["subject"] == [{"value": "novels", "label": "Novels", "count": 1}]
    assert body["facets"]["decade"] == [{"value": "1790", "label": "1790s", "count": 1}]
    assert set(body["facets"]) == {"kind", "subject", "language", "access", "decade", "organizer", "district"}


def test_texts_come_in_the_request_language_and_snippet_is_null_without_a_match(dream):
    client = api()
    client.credentials(HTTP_ACCEPT_LANGUAGE="zh-hans")
    [item] = client.get(LIST).json()["results"]
    assert item["title"] == "红楼梦" and item["description"] == "贾府的故事" and item["snippet"] is None
    [item] = client.get(LIST, {"q": "贾府"}).json()["results"]
    assert item["snippet"] == "<mark>贾府</mark>的故事"
    [item] = api().get(LIST, {"q": "红楼"}).json()["results"]
    assert item["title"] == "Dream of the Red Chamber" and item["snippet"] == "<mark>红楼</mark>梦"


def test_filters_and_sort(dream):
    audio = make_resource(title_en="Dream songs", kind=Resource.Kind.AUDIO, upload="wav", date="1955")
    make_resource(title_en="Other", date="1950")
    assert ids(api().get(LIST, {"q": "dream", "kind": "audio"})) == [audio.pk]
    assert ids(api().get(LIST, {"q": "dream", "kind": ["audio", "ebook"], "sort": "newest"})) == [audio.pk, dream.pk]
    assert ids(api().get(LIST, {"decade": "1790"})) == [dream.pk]
    assert ids(api().get(LIST, {"subject": "novels"})) == [dream.pk]
    assert ids(api().get(LIST, {"organizer": "city-library", "q": "dream"})) == [dream.pk]
    Loan.objects.create(resource=dream, user=UserFactory(), due_at=timezone.now())
    assert ids(api().get(LIST, {"q": "dream", "sort": "borrowed"})) == [dream.pk, audio.pk]


@pytest.mark.parametrize("query", ['"', "*", "-", "NEAR", "title:", "(", ")", "\x00", "OR", "NEAR(dream", "dream*"])
def test_search_syntax_never_errors(dream, query):
    response = api().get(LIST, {"q": query, "decade": "\x00", "sort": "\x00"})
    assert response.status_code == 200
    assert response.json()["count"] in (0, 1)


def test_pages_are_numbered_and_sized():
    for n in range(5):
        make_resource(title_en=f"Story {n}")
    body = api().get(LIST, {"q": "story", "page_size": 2, "page": 2}).json()
    assert body["count"] == 5 and len(body["results"]) == 2 and body["previous"] and body["next"]
    assert api().get(LIST, {"page": 9}).status_code == 404


def test_one_resource(dream):
    body = api().get(f"{LIST}{dream.pk}/").json()
    assert body["id"] == dream.pk and body["snippet"] is None
    assert body["subjects"] == [{"slug": "novels", "name": "Novels"}]
    assert body["dc_type"] == "Text" and body["file_format"] == "application/pdf"


def test_staff_only_and_withdrawn_resources_are_not_found_by_others():
    organizer = OrganizerFactory()
    hidden = make_resource(title_en="Staff manual", organizer=organizer, access=Resource.Access.STAFF)
    gone = make_resource(title_en="Old manual")
    withdraw_resource(resource=gone)
    for user in (None, UserFactory(), make_staff(OrganizerFactory())):
        assert api(user).get(f"{LIST}{hidden.pk}/").status_code == 404
        assert ids(api(user).get(LIST, {"q": "manual"})) == []
    assert api(make_staff(organizer)).get(f"{LIST}{hidden.pk}/").status_code == 200
    assert ids(api(make_staff(organizer)).get(LIST, {"q": "manual"})) == [hidden.pk]
    assert api().get(f"{LIST}{gone.pk}/").status_code == 404
    response = api().get(f"{LIST}{'9' * 30}/")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_the_list_runs_the_same_few_queries_for_few_or_many_results():
    for n in range(25):
        make_resource(title_en=f"Many {n}", organizer=OrganizerFactory(), subjects=[SubjectFactory()])
    make_resource(title_en="Few")
    for query in ("many", "few"):
        with assert_max_queries(3):
            assert api().get(LIST, {"q": query}).status_code == 200
