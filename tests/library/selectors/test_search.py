"""library.selectors.search: bilingual matching, syntax that never reaches the engine, ranking, facets,
sorting, visibility, snippets and query counts. tests/integration/test_library_search.py runs these same
cases on PostgreSQL (the whole suite also does, in CI's second run)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone, translation

from library.models import Loan, Resource
from library.selectors.search import parse_filters, search
from library.services.catalog import save_resource, withdraw_resource
from tests.factories import DistrictFactory, OrganizerFactory, UserFactory, make_staff
from tests.library.factories import CollectionFactory, SubjectFactory, make_resource
from tests.utils import assert_max_queries

pytestmark = pytest.mark.django_db

ANYONE = AnonymousUser()
SYNTAX = [
    '"',
    "'",
    "*",
    "-",
    "NEAR",
    "NEAR(",
    "title:",
    ":",
    "(",
    ")",
    "()",
    "\x00",
    "AND",
    "OR",
    "NOT",
    "^",
    "+",
    "{}",
]
SYNTAX_AROUND_WORDS = [
    '"red',
    "red*",
    "-red",
    "red -",
    "NEAR(red chamber)",
    "red NEAR chamber",
    "title:red",
    "title:红楼",
    "red OR",
    "AND red",
    "(red",
    "red)",
    "red\x00chamber",
    "\x00红楼",
    '红楼"',
    "红楼*",
    "-红楼",
    "red: chamber",
]


def titles(query="", user=ANYONE, **kwargs):
    return [resource.title_en for resource in search(user=user, query=query, **kwargs).resources]


@pytest.fixture
def dream():
    return make_resource(
        title_zh_hans="红楼梦",
        title_en="Dream of the Red Chamber",
        creator="曹雪芹",
        description_zh_hans="贾府的兴衰与中华人民共和国成立以前的社会",
        description_en="The rise and fall of the Jia family, told through paintings of daily life.",
    )


@pytest.mark.parametrize("query", ["红楼梦", "红楼", "楼梦", "梦", "红", "曹雪芹", "曹雪", "雪芹"])
def test_any_word_or_two_consecutive_characters_of_a_chinese_title_or_name_find_it(dream, query):
    make_resource(title_zh_hans="西游记", title_en="Journey to the West")
    assert titles(query) == ["Dream of the Red Chamber"]


def test_every_two_character_substring_of_a_long_title_finds_it():
    title = "中国古代建筑史图说"
    make_resource(title_zh_hans=title, title_en="Ancient Chinese architecture")
    make_resource(title_zh_hans="现代诗选", title_en="Modern poems")
    for start in range(len(title) - 1):
        assert titles(title[start : start + 2]) == ["Ancient Chinese architecture"], title[start : start + 2]


def test_chinese_words_of_a_description_find_it_and_every_part_must_match(dream):
    assert titles("共和国") == ["Dream of the Red Chamber"]
    assert titles("人民 贾府") == ["Dream of the Red Chamber"]
    assert titles("贾府 西游") == []
    assert titles("楼红") == []  # the characters, but not next to each other


@pytest.mark.parametrize(
    ("title", "query"),
    [
        ("A painting of the river", "paintings"),
        ("Paintings of the river", "painting"),
        ("The public library", "libraries"),
        ("Village libraries", "library"),
        ("Folk songs", "song"),
    ],
)
def test_english_words_are_stemmed(title, query):
    make_resource(title_en=title, title_zh_hans="书")
    make_resource(title_en="Unrelated", title_zh_hans="无关")
    assert titles(query) == [title]


def test_english_is_case_insensitive_and_finds_both_languages_of_a_resource(dream):
    assert titles("DREAM chamber") == ["Dream of the Red Chamber"]
    assert titles("红楼 chamber") == ["Dream of the Red Chamber"]
    assert titles("dream of the green chamber") == []


def test_creator_subjects_publisher_identifier_and_collections_are_searched():
    subject = SubjectFactory(name_en="Folk music", name_zh_hans="民间音乐")
    collection = CollectionFactory(title_en="Oral histories", title_zh_hans="口述历史")
    make_resource(
        title_en="Songs of the valley",
        title_zh_hans="山谷之歌",
        creator="Li Bai",
        publisher="Yunling Press",
        identifier="978-7-02-000220-7",
        subjects=[subject],
        collections=[collection],
    )
    make_resource(title_en="Other", title_zh_hans="其他")
    for query in ("Li Bai", "民间", "folk musics", "Yunling", "978-7-02-000220-7", "口述", "oral history"):
        assert titles(query) == ["Songs of the valley"], query


@pytest.mark.parametrize("query", SYNTAX)
def test_search_syntax_alone_never_errors_and_lists_everything_newest_first(dream, query):
    newer = make_resource(title_en="Newer", title_zh_hans="新书")
    results = search(user=ANYONE, query=query)
    assert [r.pk for r in results.resources] == [newer.pk, dream.pk]
    assert results.facets["kind"][0].count == 2
    assert results.snippet(dream) is None


@pytest.mark.parametrize("query", SYNTAX_AROUND_WORDS)
def test_search_syntax_around_words_is_ignored(dream, query):
    make_resource(title_en="Journey to the West", title_zh_hans="西游记")
    results = search(user=ANYONE, query=query)
    assert [r.title_en for r in results.resources] == ["Dream of the Red Chamber"]
    assert results.facets["kind"][0].count == 1


def test_odd_filter_values_never_error():
    make_resource()
    data = {name: ["\x00", "x" * 500, "1e9", "-1", "'"] for name in ("kind", "subject", "decade", "organizer")}
    assert titles(filters=parse_filters(data)) == []
    assert titles(sort="\x00nonsense") == ["A Book"]


def test_title_matches_come_before_description_matches():
    by_description = make_resource(title_en="River towns", title_zh_hans="水乡", description_en="Lanterns at night.")
    by_title = make_resource(title_en="Lanterns", title_zh_hans="灯笼", description_en="How they are made.")
    make_resource(title_en="Paper", title_zh_hans="纸", description_en="Lantern paper and lantern frames.")
    by_description.save()  # the newest, so that newest-first would put it first
    ranked = search(user=ANYONE, query="lantern").resources
    assert ranked[0] == by_title
    assert set(ranked) >= {by_description, by_title}


def test_facets_count_the_whole_result_and_mark_chosen_values():
    central, village = DistrictFactory(code="central"), DistrictFactory(code="hills", name_en="Hills")
    city = OrganizerFactory(slug="city-library", name_en="City library", district=central)
    room = OrganizerFactory(slug="reading-room", name_en="Reading room", district=village)
    poetry, history = SubjectFactory(slug="poetry", name_en="Poetry"), SubjectFactory(slug="history")
    make_resource(title_en="Poems one", organizer=city, date="1923-05", language="zh", subjects=[poetry])
    make_resource(title_en="Poems two", organizer=city, date="1928", language="en", subjects=[poetry, history])
    make_resource(
        title_en="Poems three", organizer=room, kind=Resource.Kind.AUDIO, upload="wav", date="1961", language="zh"
    )
    make_resource(title_en="Elsewhere", organizer=room, access=Resource.Access.LENDING, date="2001")

    results = search(user=ANYONE, query="poems", filters={"language": ["zh", "en"]})
    counts = {name: {v.value: v.count for v in values} for name, values in results.facets.items()}
    assert counts == {
        "kind": {"ebook": 2, "audio": 1},
        "subject": {"poetry": 2, "history": 1},
        "language": {"zh": 2, "en": 1},
        "access": {"open": 3},
        "decade": {"1920": 2, "1960": 1},
        "organizer": {"city-library": 2, "reading-room": 1},
        "district": {"central": 2, "hills": 1},
    }
    assert [v.value for v in results.facets["decade"]] == ["1960", "1920"]
    assert all(v.selected for v in results.facets["language"])
    assert not any(v.selected for v in results.facets["kind"])
    labels = {v.value: v.label for v in results.facets["kind"] + results.facets["organizer"]}
    assert labels["audio"] == "Audio" and labels["city-library"] == "City library"
    assert {v.label for v in results.facets["decade"]} == {"1920s", "1960s"}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"kind": ["audio"]}, ["Poems three"]),
        ({"kind": ["audio", "ebook"]}, ["Elsewhere", "Poems three", "Poems two", "Poems one"]),
        ({"decade": ["1920"]}, ["Poems two", "Poems one"]),
        ({"decade": ["1960"], "kind": ["ebook"]}, []),
        ({"subject": ["history"]}, ["Poems two"]),
        ({"organizer": ["reading-room"]}, ["Elsewhere", "Poems three"]),
        ({"district": ["central"]}, ["Poems two", "Poems one"]),
        ({"language": ["en"]}, ["Poems two"]),
        ({"access": ["lending"]}, ["Elsewhere"]),
        ({"kind": ["no-such-kind"]}, []),
    ],
)
def test_filters_narrow_the_result(filters, expected):
    district = DistrictFactory(code="central")
    city = OrganizerFactory(slug="city-library", district=district)
    room = OrganizerFactory(slug="reading-room")
    history = SubjectFactory(slug="history")
    make_resource(title_en="Poems one", organizer=city, date="1923")
    make_resource(title_en="Poems two", organizer=city, date="1928", language="en", subjects=[history])
    make_resource(title_en="Poems three", organizer=room, kind=Resource.Kind.AUDIO, upload="wav", date="1961")
    make_resource(title_en="Elsewhere", organizer=room, access=Resource.Access.LENDING)
    assert titles(filters=filters) == expected


def test_sort_by_newest_and_by_most_borrowed():
    now = timezone.now()
    old = make_resource(title_en="Old story", created_at=now - timezone.timedelta(days=30))
    popular = make_resource(title_en="Popular story", created_at=now - timezone.timedelta(days=20))
    new = make_resource(title_en="New story")
    for user in UserFactory.create_batch(3):
        Loan.objects.create(resource=popular, user=user, due_at=now, ended_at=now, ending=Loan.Ending.RETURNED)
    Loan.objects.create(resource=old, user=UserFactory(), due_at=now)
    assert titles("story", sort="newest") == [new.title_en, popular.title_en, old.title_en]
    assert titles("story", sort="borrowed") == [popular.title_en, old.title_en, new.title_en]
    assert titles("", sort="relevance") == [new.title_en, popular.title_en, old.title_en]


def test_staff_only_and_withdrawn_resources_are_found_only_by_those_who_may_see_them():
    organizer = OrganizerFactory()
    hidden = make_resource(title_en="Staff manual", organizer=organizer, access=Resource.Access.STAFF)
    gone = make_resource(title_en="Withdrawn manual")
    withdraw_resource(resource=gone)
    make_resource(title_en="Public manual")
    assert titles("manual") == ["Public manual"]
    assert titles("manual", user=UserFactory()) == ["Public manual"]
    assert titles("manual", user=make_staff(OrganizerFactory())) == ["Public manual"]
    assert titles("manual", user=make_staff(organizer)) == ["Public manual", "Staff manual"]
    assert search(user=ANYONE, query="manual").facets["access"] == search(user=ANYONE).facets["access"]
    assert hidden.title_en not in titles("manual", filters={"access": ["staff"]})


def test_a_changed_resource_is_found_by_its_new_words_only():
    resource = make_resource(title_en="Spring festival", title_zh_hans="春节")
    resource.title_en, resource.title_zh_hans = "Autumn harvest", "秋收"
    save_resource(resource=resource)
    assert titles("spring") == [] and titles("春节") == []
    assert titles("autumn") == ["Autumn harvest"] and titles("秋收") == ["Autumn harvest"]
    resource.delete()
    assert titles("autumn") == []


def test_snippets_mark_matches_in_escaped_text(dream):
    hostile = make_resource(
        title_en="<script>alert(1)</script> Red lanterns",
        title_zh_hans="<b>红楼</b>灯笼",
        description_en="<img src=x onerror=alert(1)> red & gold",
    )
    results = search(user=ANYONE, query="red")
    snippet = results.snippet(hostile)
    assert "<img" not in snippet and "<script" not in snippet
    assert snippet == "<mark>red</mark> &amp; gold"
    results_for_title = search(user=ANYONE, query="lanterns").snippet(hostile)
    assert results_for_title == "&lt;script&gt;alert(1)&lt;/script&gt; Red <mark>lanterns</mark>"
    with translation.override("zh-hans"):
        snippet = search(user=ANYONE, query="红楼").snippet(hostile)
    assert snippet == "&lt;b&gt;<mark>红楼</mark>&lt;/b&gt;灯笼"
    assert "<mark>paintings</mark>" in search(user=ANYONE, query="painting").snippet(dream)
    assert search(user=ANYONE, query="").snippet(dream) is None


def test_a_long_description_gives_a_short_snippet_around_the_match():
    text = "Words " * 100 + "the lantern festival " + "more " * 100
    resource = make_resource(title_en="Long", description_en=text)
    snippet = search(user=ANYONE, query="festival").snippet(resource)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>festival</mark>" in snippet and len(snippet) < 260


def test_results_facets_and_snippets_take_the_same_few_queries_for_few_or_many_results():
    organizer = OrganizerFactory()
    subject = SubjectFactory()
    for n in range(25):
        make_resource(title_en=f"Story {n}", organizer=organizer if n % 2 else OrganizerFactory(), subjects=[subject])
    user = UserFactory()
    for query in ("story", "story 3"):
        with assert_max_queries(3):  # is the user staff; the hits; the facets
            results = search(user=user, query=query)
            page = list(results.resources[:20])
            assert results.facets["kind"]
            snippets = [results.snippet(resource) for resource in page]
            assert [resource.organizer.district.name for resource in page]
        assert all(snippets)


def test_visitors_facets_are_kept_until_the_index_changes():
    make_resource(title_en="Story one")
    with assert_max_queries(1):
        assert search(user=ANYONE, query="story").count == 1
    with assert_max_queries(0):
        assert search(user=ANYONE, query="story").count == 1
    make_resource(title_en="Story two")
    assert search(user=ANYONE, query="story").count == 2
    assert search(user=ANYONE, query="story", filters={"kind": ["audio"]}).count == 0
