"""Library search at catalog scale on PostgreSQL: p50/p95 of Chinese and English queries through the selector.

    DATABASE_URL=postgres://user@host:port/anydb python benchmarks/library_search.py

Creates a throw-away database beside the one named (`<name>_search`, dropped at the end unless
SEARCH_KEEP=1; SEARCH_REUSE=1 measures again on a kept one), migrates it, writes SEARCH_RESOURCES
(100,000) bilingual resources with bulk inserts and indexes them in bulk
(library.services.search_index.index_many: the rows the saving service writes). Words are drawn from
vocabularies of 4,000 words per language with Zipf frequencies, so the commonest words are in nearly
every description, as stop words would be.

It then times, with the facet cache cleared, what the /library/ page asks of library.selectors.search
for each query: the first 20 hits with their snippets and the facets (which give the count). "Typed"
queries are fragments of real titles (two to four Chinese characters, one or two English words, a
plural, both languages at once); "common" ones are the commonest words and some syntax. It also
prints the same typed queries answered with the facets cached (`cached`), the 20 hits alone (site
search) and the query-less landing page.
"""

import itertools
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = int(os.environ.get("SEARCH_RESOURCES", 100_000))
ROUNDS = int(os.environ.get("SEARCH_ROUNDS", 5))
SEED = 20261202


def words(text):
    return text.split()


ZH_WORDS = words(
    "红楼 梦境 西游 故事 水浒 三国 演义 诗词 唐诗 宋词 元曲 山水 绘画 书法 篆刻 京剧 昆曲 皮影 剪纸 刺绣 "
    "陶瓷 茶道 园林 建筑 古城 村落 民歌 民俗 节日 春节 中秋 端午 灯笼 龙舟 农耕 稻田 茶园 竹林 河流 "
    "高原 草原 森林 海洋 星空 历史 地理 科学 数学 物理 化学 生物 医学 天文 哲学 文学 音乐 舞蹈 戏剧 "
    "电影 摄影 雕塑 工艺 丝绸 长城 运河 桥梁 寺庙 博物 图书 儿童 少年 青年 老人 家庭 母亲 父亲 朋友 "
    "学校 老师 学生 城市 乡村 山区 边疆 江南 岭南 巴蜀 云南 西藏 新疆 草药 美食 烹饪 旅行 地图 航海"
)
EN_WORDS = words(
    "painting paintings river rivers mountain mountains story stories song songs poem poems garden gardens "
    "temple temples bridge bridges village villages city cities lantern lanterns festival festivals dragon "
    "boat boats tea silk porcelain calligraphy opera puppet puppets embroidery history histories science "
    "music dance theatre film photograph photographs sculpture craft crafts map maps journey journeys "
    "children family families mother father friend friends school teacher student students farm farming "
    "rice field fields forest forests ocean star stars medicine herb herbs cooking food travel sea ship "
    "ships wall walls canal canals library libraries museum museums legend legends folk tale tales winter "
    "spring summer autumn harvest moon sun wind rain snow light shadow shadows voice voices"
)
SYLLABLES = words("ka lo mi su te ra no vi ze pa du ri mo sa le ti gu ne ba fo ly chi wen ming dao xi")
ZH_CHARS = "山水云月花竹松梅兰菊江河湖海风雨雪霜春夏秋冬东南西北天地人和金木火土日星光影书画诗词歌舞"
ZH_CHARS += "琴棋茶酒城村桥路门窗灯船车马牛羊鸟鱼龙凤家国心梦记传说史志录集谱图考论"


def vocabulary(rng):
    """Real words first (the most frequent), then made-up ones: a few thousand words of each language."""
    english = list(EN_WORDS)
    while len(english) < 4000:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
        if word not in english:
            english.append(word)
    chinese = list(ZH_WORDS)
    while len(chinese) < 4000:
        word = "".join(rng.choice(ZH_CHARS) for _ in range(2))
        if word not in chinese:
            chinese.append(word)
    return english, chinese


def zipf_weights(count):
    return [1 / (rank + 1) for rank in range(count)]


def search_database(url):
    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'portal'}_search"
    return name, urlunsplit(parts._replace(path=f"/{name}")), urlunsplit(parts._replace(path="/postgres"))


def recreate(admin_url, name, drop_only=False):
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            connection.execute(f'CREATE DATABASE "{name}"')


def phrase(rng, vocabulary, count, joiner):
    return joiner.join(rng.choices(vocabulary[0], cum_weights=vocabulary[1], k=count))


def generate():
    from django.db import connection

    from library.models import Resource, Subject
    from library.services import search_index
    from portal.models import District, Organizer

    rng = random.Random(SEED)
    english_words, chinese_words = vocabulary(rng)
    cumulative = list(itertools.accumulate(zipf_weights(len(english_words))))
    en, zh = (english_words, cumulative), (chinese_words, cumulative)
    districts = [
        District.objects.create(code=f"district-{n}", name_zh_hans=f"区{n}", name_en=f"District {n}") for n in range(4)
    ]
    organizers = [
        Organizer.objects.create(
            slug=f"library-{n}", name_zh_hans=f"图书馆{n}", name_en=f"Library {n}", district=districts[n % 4]
        )
        for n in range(8)
    ]
    subjects = [
        Subject.objects.create(slug=f"subject-{n}", name_zh_hans=ZH_WORDS[n], name_en=EN_WORDS[n].title())
        for n in range(40)
    ]
    kinds, accesses = Resource.Kind.values, ["open", "open", "residents", "lending", "staff"]

    started = time.perf_counter()
    batch = []
    for n in range(RESOURCES):
        year = rng.randint(1900, 2025)
        title_zh = phrase(rng, zh, rng.randint(2, 4), "")
        title_en = phrase(rng, en, rng.randint(2, 5), " ").capitalize()
        batch.append(
            Resource(
                kind=rng.choice(kinds),
                organizer=rng.choice(organizers),
                access=rng.choice(accesses),
                title=title_zh,
                title_zh_hans=title_zh,
                title_en=title_en,
                description=phrase(rng, zh, 12, "，"),
                description_zh_hans=phrase(rng, zh, 12, "，"),
                description_en=phrase(rng, en, 25, " ").capitalize() + ".",
                creator=f"Author {rng.randint(1, 5000)}",
                publisher=f"Press {rng.randint(1, 200)}",
                date=str(year),
                year=year,
                language=rng.choice(["zh", "zh", "en"]),
                identifier=f"bench-{n}",
            )
        )
        if len(batch) == 5000:
            Resource.objects.bulk_create(batch)
            batch = []
    Resource.objects.bulk_create(batch)
    ids = list(Resource.objects.values_list("pk", flat=True))
    through = Resource.subjects.through
    links = [through(resource_id=pk, subject_id=subject.pk) for pk in ids for subject in rng.sample(subjects, 2)]
    through.objects.bulk_create(links, batch_size=10_000)
    inserted = time.perf_counter() - started

    started = time.perf_counter()
    search_index.index_many(ids)
    indexed = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return inserted, indexed


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def queries():
    """What people type: words and fragments of titles they look for, common words, and some syntax."""
    from library.models import Resource

    rng = random.Random(SEED + 1)
    titles = list(Resource.objects.order_by("?").values_list("title_zh_hans", "title_en")[:40])
    found = []
    for title_zh, title_en in titles[:20]:
        start = rng.randrange(len(title_zh) - 1)
        found.append(title_zh[start : start + rng.choice((2, 3, 4))])
        found.append(" ".join(rng.sample(title_en.lower().split(), min(2, len(title_en.split())))))
    for title_zh, title_en in titles[20:]:
        found.append(rng.choice(title_en.split()) + "s")  # a plural
        found.append(title_zh[:2] + " " + title_en.split()[-1])  # both languages
    common = [*ZH_WORDS[:6], *EN_WORDS[:6], "dragon boat festival", "京剧 opera"]
    return found, common + ['"red*', "NEAR(", "title:红楼"]


def measure():
    from django.contrib.auth.models import AnonymousUser
    from django.core.cache import cache
    from django.utils import translation

    from library.selectors.search import search

    translation.activate("zh-hans")
    visitor = AnonymousUser()

    def page(query, cold=True):
        if cold:
            cache.clear()  # facets of public searches are cached: time them as counted afresh
        results = search(user=visitor, query=query)
        hits = list(results.listing[:20])
        [results.snippet(resource) for resource in hits]
        return results.count

    def hits_only(query):
        results = search(user=visitor, query=query)
        return len([results.snippet(resource) for resource in results.resources[:20]])

    typed, common = queries()
    for query in typed + common:  # warm the database's caches once
        page(query)
    timings = {"page": [], "hits": [], "zh": [], "en": [], "common": [], "warm": []}
    for _ in range(ROUNDS):
        for query in common:
            started = time.perf_counter()
            page(query)
            timings["common"].append((time.perf_counter() - started) * 1000)
        for query in typed:
            started = time.perf_counter()
            page(query)
            elapsed = (time.perf_counter() - started) * 1000
            timings["page"].append(elapsed)
            timings["zh" if any("\u4e00" <= c <= "\u9fff" for c in query) else "en"].append(elapsed)
            started = time.perf_counter()
            page(query, cold=False)
            timings["warm"].append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            hits_only(query)
            timings["hits"].append((time.perf_counter() - started) * 1000)
    started = time.perf_counter()
    page("")
    empty = (time.perf_counter() - started) * 1000
    return timings, empty, len(typed), len(common)


def main():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL=postgres://… (the benchmark makes its own database beside that one).")
    name, bench_url, admin_url = search_database(url)
    reuse = os.environ.get("SEARCH_REUSE") == "1"  # measure again on the catalog a SEARCH_KEEP=1 run left
    if not reuse:
        recreate(admin_url, name)
    os.environ["DATABASE_URL"] = bench_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    sys.path.insert(0, str(ROOT))
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        with connection.cursor() as cursor:
            if not reuse:
                inserted, indexed = generate()
                print(f"{RESOURCES} resources written in {inserted:.1f} s, indexed in {indexed:.1f} s")
            cursor.execute("SELECT count(*) FROM library_search")
            print(f"{cursor.fetchone()[0]} resources in the index")
        timings, empty, typed, common = measure()
        print(f"{typed} typed queries × {ROUNDS} rounds, as the /library/ page asks (20 hits, count, facets):")
        rows = (("page", "all"), ("zh", "Chinese"), ("en", "English"), ("warm", "cached"), ("common", "common"))
        for key, label in rows:
            values = timings[key]
            print(
                f"  {label:8} p50 {statistics.median(values):6.1f} ms   p95 {percentile(values, 0.95):6.1f} ms"
                f"   max {max(values):6.1f} ms   (n={len(values)})"
            )
        hits = timings["hits"]
        p50, p95 = statistics.median(hits), percentile(hits, 0.95)
        print(f"  20 hits only (site search): p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        print(f"  empty query (everything, newest first, with facets): {empty:.1f} ms")
    finally:
        from django.db import connections

        connections.close_all()
        if os.environ.get("SEARCH_KEEP") != "1":
            recreate(admin_url, name, drop_only=True)


if __name__ == "__main__":
    main()
