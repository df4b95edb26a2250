"""The /library/ page: search box, facets with counts, result cards, sort, pages and empty states."""

import re

import pytest

from library.models import Resource
from tests.factories import OrganizerFactory, UserFactory, make_staff
from tests.library.factories import SubjectFactory, make_resource
from tests.utils import api, assert_max_queries, client_for, html

pytestmark = pytest.mark.django_db

CARD = re.compile(r'<article class="kind-card kind-item">.*?</article>', re.DOTALL)


def cards(page):
    return CARD.findall(page)


def linked_ids(page):
    return [int(n) for n in re.findall(r'<h3><a href="/library/(\d+)/">', page)]


def test_a_result_card_shows_title_creator_kind_access_and_the_marked_snippet(client):
    resource = make_resource(
        title_en="Dream of the Red Chamber",
        title_zh_hans="红楼梦",
        creator="Cao Xueqin",
        description_en="A family saga told through paintings.",
        access=Resource.Access.LENDING,
    )
    page = html(client.get("/library/", {"q": "painting"}))
    [card] = cards(page)
    assert f'<a href="/library/{resource.pk}/">Dream of the Red Chamber</a>' in card
    assert "Cao Xueqin" in card and "E-book" in card and "Lending-controlled" in card
    assert "A family saga told through <mark>paintings</mark>." in card
    assert "1 item found" in page


def test_chinese_pages_show_chinese_titles_and_find_two_characters(zh_client):
    make_resource(title_en="Dream of the Red Chamber", title_zh_hans="红楼梦")
    page = html(zh_client.get("/library/", {"q": "楼梦"}))
    [card] = cards(page)
    assert "红<mark>楼梦</mark>" in card and ">红楼梦</a>" in card


def test_facets_are_checkboxes_with_counts_and_filter_the_results(client):
    poetry = SubjectFactory(slug="poetry", name_en="Poetry")
    make_resource(title_en="Poems", subjects=[poetry], date="1925")
    make_resource(title_en="Talks", kind=Resource.Kind.AUDIO, upload="wav", date="1988")
    page = html(client.get("/library/"))
    assert re.search(r'name="kind" value="audio"> Audio <span class="facet-count">\(1\)</span>', page)
    assert re.search(r'name="subject" value="poetry"> Poetry <span class="facet-count">\(1\)</span>', page)
    assert re.search(r'name="decade" value="1920"> 1920s', page)

    page = html(client.get("/library/", {"kind": "audio"}))
    assert [c for c in cards(page) if "Talks" in c] and len(cards(page)) == 1
    assert 'name="kind" value="audio" checked' in page
    assert 'href="?">Remove filter Kind: Audio</a>' in page
    page = html(client.get("/library/", {"kind": ["audio", "ebook"], "q": "talks"}))
    assert "Remove filter Kind: E-book" in page


def test_sort_and_pages(client):
    first = make_resource(title_en="Story one")
    second = make_resource(title_en="Story two")
    for n in range(20):
        make_resource(title_en=f"Story {n + 2}")
    page_one = html(client.get("/library/", {"q": "story", "sort": "newest"}))
    assert len(cards(page_one)) == 20 and "22 items found" in page_one
    assert "selected>Newest</option>" in page_one
    assert "Page 1 of 2" in page_one and 'rel="next"' in page_one
    page_two = html(client.get("/library/", {"q": "story", "sort": "newest", "page": 2}))
    assert linked_ids(page_two) == [second.pk, first.pk]


def test_the_page_lists_the_same_top_hits_as_the_api(client):
    for n in range(24):
        make_resource(
            title_en=f"Lantern {n}" if n % 3 else f"Paper {n}",
            description_en="lantern lantern" if n % 2 else "paper",
        )
    for params in ({"q": "lantern"}, {"q": "lanterns paper"}, {}, {"q": "lantern", "sort": "newest"}):
        page_ids = linked_ids(html(client.get("/library/", params)))
        api_ids = [item["id"] for item in api().get("/api/library/items/", params).json()["results"]]
        assert page_ids == api_ids and page_ids, params


def test_empty_states(client):
    assert "The online library has no items yet." in html(client.get("/library/"))
    make_resource(title_en="Something")
    page = html(client.get("/library/", {"q": "nothing-like-this"}))
    assert "Nothing in the library matches." in page and "0 items found" in page
    assert not cards(page)


@pytest.mark.parametrize("query", ['"', "*", "-", "NEAR", "title:", "(", ")", "\x00", "AND", "红楼*", "a\x00b"])
def test_search_syntax_never_errors_on_the_page(client, query):
    make_resource(title_en="Dream of the Red Chamber", title_zh_hans="红楼梦")
    page = html(client.get("/library/", {"q": query, "kind": "\x00", "decade": "abc", "page": "x"}))
    assert "items found" in page or "item found" in page


def test_a_title_with_markup_is_escaped(client):
    make_resource(title_en="<script>alert(1)</script> Red", description_en="<b>red</b> ink")
    page = html(client.get("/library/", {"q": "red"}))
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; Red" in page
    assert "<b>red" not in page and "<mark>red</mark> ink" in page


def test_staff_only_resources_are_listed_only_to_their_staff():
    organizer = OrganizerFactory()
    make_resource(title_en="Staff manual", organizer=organizer, access=Resource.Access.STAFF)
    for user in (None, UserFactory(), make_staff(OrganizerFactory())):
        assert "Staff manual" not in html(client_for(user).get("/library/", {"q": "manual"}))
    assert "Staff manual" in html(client_for(make_staff(organizer)).get("/library/", {"q": "manual"}))


def test_the_page_runs_the_same_few_queries_for_few_or_many_results(client):
    subject = SubjectFactory()
    for n in range(3):
        make_resource(title_en=f"Few {n}", subjects=[subject])
    for n in range(25):
        make_resource(title_en=f"Many {n}", organizer=OrganizerFactory(), subjects=[subject])
    for query in ("few", "many", ""):
        with assert_max_queries(3):
            html(client.get("/library/", {"q": query}))
