"""The events app's part of `manage.py seed_demo`: a season of bilingual events in every district.

About fifty events from two months ago to two months ahead, at the organizers and venues the portal's
demo made: performances, lectures, classes, films, readings, heritage and family events, in the city
and in the townships and villages. Residents `sim-resident-NN` register through events.services, so
every rule holds: some events are full with a waiting list, past ones were checked in at the door by
the organizer's staff (`staff-<organizer-slug>`) and their no-shows marked, one is cancelled, and a
tai chi class repeats weekly as a series.

Past events are made the only way the rules allow: published ahead, registered for, then moved to
their past dates, as if time had passed. Events are found again by their slug (`demo-<key>`), so a
second run only refreshes texts. No email is written for the simulated activity.
"""

from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import timedelta

from django.utils import timezone

from portal.categories import Category
from portal.models import Organizer, User

from . import errors
from .models import Event, Registration
from .services import check_in, event_changes, no_shows
from .services import registrations as registration_services

C = Category
MANDARIN, ENGLISH, BILINGUAL, DIALECT = (
    Event.Language.MANDARIN,
    Event.Language.ENGLISH,
    Event.Language.BILINGUAL,
    Event.Language.DIALECT,
)


@dataclass(frozen=True, kw_only=True)
class EventData:
    key: str
    organizer: str
    venue: int | None  # index among the organizer's venues; None = online
    title_zh_hans: str
    title_en: str
    summary_zh_hans: str
    summary_en: str
    category: str
    audience: str  # letters: c children, t teens, a adults, s seniors
    language: str
    day: int  # days from today (negative: past)
    hour: int
    hours: float
    capacity: int | None
    registrations: int  # how many simulated residents try to register
    party: int = 1  # max_party_size (families)
    price: str = ""  # empty = free


# fmt: off
EVENTS = [
    # --- past: checked in at the door ----------------------------------------------------------------
    EventData(
        key="new-year-gala", organizer="city-cultural-center", venue=0,
        title_zh_hans="新春文艺晚会", title_en="New Year Gala",
        summary_zh_hans="合唱、民乐、舞蹈和相声，市民自编自演的新春晚会。",
        summary_en="Choirs, folk music, dance and crosstalk, performed by the city's amateur artists.",
        category=C.PERFORMANCE, audience="ctas", language=MANDARIN,
        day=-58, hour=19, hours=2.5, capacity=800, registrations=30, party=2,
    ),
    EventData(
        key="paper-cutting-class", organizer="city-cultural-center", venue=2,
        title_zh_hans="剪纸入门课", title_en="Paper-cutting for beginners",
        summary_zh_hans="非遗传承人手把手教你剪出窗花。",
        summary_en="An intangible-heritage master shows you how to cut window flowers.",
        category=C.HERITAGE, audience="tas", language=MANDARIN,
        day=-52, hour=14, hours=2, capacity=20, registrations=20,
    ),
    EventData(
        key="local-history-lecture", organizer="city-library", venue=0,
        title_zh_hans="明川城市史讲座：运河与老街", title_en="Mingchuan history: the canal and the old streets",
        summary_zh_hans="市图书馆地方文献部主讲，附老照片展示。",
        summary_en="Given by the library's local-history department, with old photographs.",
        category=C.LECTURE, audience="as", language=MANDARIN,
        day=-47, hour=15, hours=1.5, capacity=240, registrations=25,
    ),
    EventData(
        key="picture-book-hour", organizer="city-library", venue=1,
        title_zh_hans="周末绘本时光", title_en="Weekend picture-book hour",
        summary_zh_hans="志愿者带3–6岁孩子读绘本、做手工。",
        summary_en="Volunteers read picture books and make crafts with children aged 3 to 6.",
        category=C.FAMILY, audience="c", language=MANDARIN,
        day=-44, hour=10, hours=1, capacity=12, registrations=12, party=3,
    ),
    EventData(
        key="bronze-age-tour", organizer="city-museum", venue=0,
        title_zh_hans="青铜器专题导览", title_en="Guided tour: the Bronze Age galleries",
        summary_zh_hans="讲解员带你看懂馆藏青铜器上的纹饰。",
        summary_en="A guide explains the patterns on the museum's bronzes.",
        category=C.EXHIBITION_TOUR, audience="tas", language=BILINGUAL,
        day=-40, hour=10, hours=1.5, capacity=25, registrations=22,
    ),
    EventData(
        key="yue-opera-afternoon", organizer="dongcheng-opera-club", venue=0,
        title_zh_hans="越剧清唱会", title_en="Yue opera afternoon",
        summary_zh_hans="社区戏迷清唱《红楼梦》《梁祝》选段，欢迎跟唱。",
        summary_en="Club members sing excerpts from Dream of the Red Chamber and the Butterfly Lovers.",
        category=C.PERFORMANCE, audience="as", language=DIALECT,
        day=-37, hour=14, hours=2, capacity=40, registrations=18,
    ),
    EventData(
        key="calligraphy-basics", organizer="xicheng-cultural-center", venue=0,
        title_zh_hans="书法基础班（楷书）", title_en="Calligraphy basics: regular script",
        summary_zh_hans="从握笔到基本笔画，笔墨纸砚现场提供。",
        summary_en="From holding the brush to the basic strokes; brushes, ink and paper provided.",
        category=C.WORKSHOP, audience="tas", language=MANDARIN,
        day=-33, hour=9, hours=2, capacity=24, registrations=24,
    ),
    EventData(
        key="riverside-concert", organizer="binjiang-cultural-center", venue=1,
        title_zh_hans="江畔室内乐之夜", title_en="Chamber music by the river",
        summary_zh_hans="市青年交响乐团弦乐四重奏。",
        summary_en="A string quartet from the city youth orchestra.",
        category=C.PERFORMANCE, audience="tas", language=MANDARIN,
        day=-29, hour=19, hours=1.5, capacity=180, registrations=30,
    ),
    EventData(
        key="robotics-for-teens", organizer="hi-tech-culture-hub", venue=0,
        title_zh_hans="青少年机器人工作坊", title_en="Robotics workshop for teens",
        summary_zh_hans="两人一组，用开源套件搭建巡线小车。",
        summary_en="In pairs, build a line-following car from an open-source kit.",
        category=C.WORKSHOP, audience="t", language=BILINGUAL,
        day=-26, hour=14, hours=3, capacity=20, registrations=20,
    ),
    EventData(
        key="classic-film-night", organizer="hi-tech-culture-hub", venue=1,
        title_zh_hans="经典电影放映：《城南旧事》", title_en="Classic film: My Memories of Old Beijing",
        summary_zh_hans="1983年经典影片，映后交流。",
        summary_en="The 1983 classic, with a talk afterwards.",
        category=C.FILM, audience="tas", language=MANDARIN,
        day=-22, hour=19, hours=2, capacity=96, registrations=28,
    ),
    EventData(
        key="tea-picking-songs", organizer="qingshan-station", venue=0,
        title_zh_hans="采茶歌会", title_en="Tea-picking songs",
        summary_zh_hans="青山镇茶农唱起传统采茶调。",
        summary_en="Qingshan's tea farmers sing the traditional picking songs.",
        category=C.HERITAGE, audience="cas", language=DIALECT,
        day=-18, hour=15, hours=2, capacity=60, registrations=16,
    ),
    EventData(
        key="village-reading-circle", organizer="shiqiao-reading-room", venue=0,
        title_zh_hans="石桥村读书会：《平凡的世界》", title_en="Shiqiao reading circle: Ordinary World",
        summary_zh_hans="村民一起读路遥的小说，聊聊自己的故事。",
        summary_en="Villagers read Lu Yao's novel together and share their own stories.",
        category=C.READING, audience="as", language=MANDARIN,
        day=-15, hour=19, hours=1.5, capacity=20, registrations=12,
    ),
    EventData(
        key="drum-troupe-rehearsal", organizer="liuhe-drum-troupe", venue=0,
        title_zh_hans="柳河锣鼓队公开排练", title_en="Liuhe drum troupe: open rehearsal",
        summary_zh_hans="看看锣鼓队怎么排练，也可以上手敲一敲。",
        summary_en="Watch the troupe rehearse, and try the drums yourself.",
        category=C.HERITAGE, audience="ctas", language=DIALECT,
        day=-11, hour=16, hours=1.5, capacity=50, registrations=14,
    ),
    EventData(
        key="smartphone-help", organizer="yunling-library", venue=0,
        title_zh_hans="老年人智能手机课", title_en="Smartphone class for seniors",
        summary_zh_hans="学会视频通话、挂号和防诈骗。",
        summary_en="Video calls, booking a doctor and spotting scams.",
        category=C.WORKSHOP, audience="s", language=MANDARIN,
        day=-8, hour=9, hours=2, capacity=25, registrations=25,
    ),
    EventData(
        key="folk-dance-evening", organizer="yunling-cultural-center", venue=0,
        title_zh_hans="云岭民族舞蹈晚会", title_en="Yunling folk dance evening",
        summary_zh_hans="各乡镇舞蹈队同台演出。",
        summary_en="Dance groups from every township on one stage.",
        category=C.PERFORMANCE, audience="ctas", language=MANDARIN,
        day=-5, hour=19, hours=2, capacity=300, registrations=30,
    ),
    EventData(
        key="taoyuan-poetry", organizer="taoyuan-station", venue=0,
        title_zh_hans="桃花诗会", title_en="Peach-blossom poetry reading",
        summary_zh_hans="桃源镇的诗歌爱好者朗诵原创诗歌。",
        summary_en="Taoyuan's poets read their own work.",
        category=C.READING, audience="tas", language=MANDARIN,
        day=-3, hour=15, hours=1.5, capacity=40, registrations=15,
    ),
    # --- soon and later ------------------------------------------------------------------------------
    EventData(
        key="photo-walk", organizer="city-museum", venue=1,
        title_zh_hans="老城摄影漫步", title_en="Old town photo walk",
        summary_zh_hans="跟摄影师走老街，学构图与光线。",
        summary_en="Walk the old streets with a photographer and learn about light and framing.",
        category=C.WORKSHOP, audience="tas", language=BILINGUAL,
        day=1, hour=9, hours=2.5, capacity=15, registrations=20,
    ),
    EventData(
        key="english-corner", organizer="hi-tech-library-branch", venue=0,
        title_zh_hans="英语角：聊聊家乡", title_en="English corner: our home town",
        summary_zh_hans="用英语介绍明川，外籍志愿者参与。",
        summary_en="Talk about Mingchuan in English, with international volunteers.",
        category=C.LECTURE, audience="tas", language=ENGLISH,
        day=2, hour=19, hours=1.5, capacity=30, registrations=14,
    ),
    EventData(
        key="spring-opera-night", organizer="city-cultural-center", venue=0,
        title_zh_hans="春季戏曲之夜", title_en="Spring opera night",
        summary_zh_hans="京剧、越剧、黄梅戏名段联唱。",
        summary_en="Famous scenes from Peking, Yue and Huangmei opera.",
        category=C.PERFORMANCE, audience="as", language=MANDARIN,
        day=4, hour=19, hours=2.5, capacity=800, registrations=35, party=2,
    ),
    EventData(
        key="kids-clay", organizer="binjiang-cultural-center", venue=1,
        title_zh_hans="亲子陶艺", title_en="Clay for parents and children",
        summary_zh_hans="一起捏一只小茶杯，烧好后可领回。",
        summary_en="Make a small tea cup together; collect it once fired.",
        category=C.FAMILY, audience="ca", language=MANDARIN,
        day=6, hour=10, hours=2, capacity=10, registrations=16, party=3,
    ),
    EventData(
        key="guqin-recital", organizer="city-museum", venue=0,
        title_zh_hans="古琴雅集", title_en="Guqin recital in the galleries",
        summary_zh_hans="在青铜器展厅聆听古琴。",
        summary_en="Listen to the guqin among the bronzes.",
        category=C.PERFORMANCE, audience="as", language=MANDARIN,
        day=8, hour=15, hours=1.5, capacity=40, registrations=40,
    ),
    EventData(
        key="coding-saturday", organizer="hi-tech-culture-hub", venue=0,
        title_zh_hans="周六编程俱乐部", title_en="Saturday coding club",
        summary_zh_hans="用Scratch做一个小游戏。",
        summary_en="Make a small game in Scratch.",
        category=C.WORKSHOP, audience="ct", language=BILINGUAL,
        day=10, hour=14, hours=2, capacity=16, registrations=22, party=2,
    ),
    EventData(
        key="rural-film-night", organizer="liuhe-station", venue=0,
        title_zh_hans="柳河露天电影", title_en="Open-air film night in Liuhe",
        summary_zh_hans="乡村露天放映《我和我的家乡》。",
        summary_en="My People, My Homeland under the stars.",
        category=C.FILM, audience="ctas", language=MANDARIN,
        day=12, hour=19, hours=2, capacity=200, registrations=20, party=4,
    ),
    EventData(
        key="tea-culture", organizer="chayuan-reading-room", venue=0,
        title_zh_hans="茶园读书会：《茶经》", title_en="Tea garden reading: The Classic of Tea",
        summary_zh_hans="在茶园边读陆羽，品本地新茶。",
        summary_en="Read Lu Yu among the tea bushes and taste this year's leaves.",
        category=C.READING, audience="as", language=MANDARIN,
        day=15, hour=15, hours=2, capacity=12, registrations=16,
    ),
    EventData(
        key="choir-open-day", organizer="xicheng-cultural-center", venue=0,
        title_zh_hans="合唱团开放日", title_en="Choir open day",
        summary_zh_hans="试唱后可加入西城社区合唱团。",
        summary_en="Sing with the Xicheng community choir and join if you like it.",
        category=C.PERFORMANCE, audience="tas", language=MANDARIN,
        day=17, hour=14, hours=2, capacity=60, registrations=18,
    ),
    EventData(
        key="heritage-embroidery", organizer="city-cultural-center", venue=2,
        title_zh_hans="苗绣体验课", title_en="Miao embroidery workshop",
        summary_zh_hans="绣一枚书签，材料包免费。",
        summary_en="Embroider a bookmark; materials free.",
        category=C.HERITAGE, audience="tas", language=MANDARIN,
        day=19, hour=14, hours=2.5, capacity=15, registrations=22,
    ),
    EventData(
        key="online-lecture-poetry", organizer="city-library", venue=None,
        title_zh_hans="线上讲座：唐诗里的四季", title_en="Online lecture: the seasons in Tang poetry",
        summary_zh_hans="直播讲座，可在线提问。",
        summary_en="A livestreamed lecture with questions online.",
        category=C.LECTURE, audience="tas", language=MANDARIN,
        day=21, hour=19, hours=1.5, capacity=None, registrations=30,
    ),
    EventData(
        key="square-dance-festival", organizer="binjiang-cultural-center", venue=0,
        title_zh_hans="滨江广场舞展演", title_en="Binjiang square-dance showcase",
        summary_zh_hans="二十支广场舞队同场展演。",
        summary_en="Twenty square-dance teams on the civic square.",
        category=C.SPORTS, audience="as", language=MANDARIN,
        day=24, hour=18, hours=2, capacity=None, registrations=25,
    ),
    EventData(
        key="museum-night", organizer="city-museum", venue=0,
        title_zh_hans="博物馆奇妙夜", title_en="A night at the museum",
        summary_zh_hans="手电筒寻宝，孩子和家长一起解谜。",
        summary_en="A torch-lit treasure hunt for children and parents.",
        category=C.FAMILY, audience="ca", language=BILINGUAL,
        day=27, hour=18, hours=2.5, capacity=20, registrations=26, party=3,
    ),
    EventData(
        key="science-fiction-talk", organizer="hi-tech-library-branch", venue=0,
        title_zh_hans="科幻作家见面会", title_en="Meet a science-fiction writer",
        summary_zh_hans="本地科幻作家谈创作，现场签售。",
        summary_en="A local science-fiction author on writing, with a signing.",
        category=C.LECTURE, audience="tas", language=MANDARIN,
        day=30, hour=19, hours=1.5, capacity=80, registrations=20,
    ),
    EventData(
        key="qingshan-harvest-festival", organizer="qingshan-station", venue=0,
        title_zh_hans="青山丰收节", title_en="Qingshan harvest festival",
        summary_zh_hans="农民画展、舞龙和农产品集市。",
        summary_en="Peasant paintings, a dragon dance and a farmers' market.",
        category=C.HERITAGE, audience="ctas", language=DIALECT,
        day=34, hour=9, hours=6, capacity=None, registrations=18, party=4,
    ),
    EventData(
        key="woodblock-printing", organizer="yunling-cultural-center", venue=0,
        title_zh_hans="木版年画体验", title_en="Woodblock New Year prints",
        summary_zh_hans="刻版、上色、印刷，带走自己的年画。",
        summary_en="Carve, ink and print your own New Year picture.",
        category=C.HERITAGE, audience="tas", language=MANDARIN,
        day=38, hour=14, hours=2.5, capacity=18, registrations=14,
    ),
    EventData(
        key="seniors-tai-chi-festival", organizer="xicheng-cultural-center", venue=0,
        title_zh_hans="长者健身展示", title_en="Seniors' fitness showcase",
        summary_zh_hans="太极、八段锦和健身操展示。",
        summary_en="Tai chi, baduanjin and exercise routines.",
        category=C.SPORTS, audience="s", language=MANDARIN,
        day=41, hour=9, hours=2, capacity=120, registrations=16,
    ),
    EventData(
        key="shiqiao-storytelling", organizer="shiqiao-reading-room", venue=0,
        title_zh_hans="老人讲故事", title_en="Elders tell stories",
        summary_zh_hans="村里老人讲石桥的传说，孩子们来听。",
        summary_en="The village elders tell Shiqiao's legends to the children.",
        category=C.READING, audience="cs", language=DIALECT,
        day=45, hour=15, hours=1.5, capacity=25, registrations=10, party=2,
    ),
    EventData(
        key="jazz-evening", organizer="binjiang-cultural-center", venue=1,
        title_zh_hans="爵士乐之夜", title_en="Jazz evening",
        summary_zh_hans="本地乐队演出经典爵士曲目。",
        summary_en="A local band plays jazz standards.",
        category=C.PERFORMANCE, audience="ta", language=ENGLISH,
        day=49, hour=20, hours=2, capacity=180, registrations=22, party=2, price='40.00',
    ),
    EventData(
        key="taoyuan-lantern-making", organizer="taoyuan-station", venue=0,
        title_zh_hans="花灯制作", title_en="Lantern making",
        summary_zh_hans="用竹篾和彩纸扎一盏花灯。",
        summary_en="Make a lantern from bamboo strips and coloured paper.",
        category=C.FAMILY, audience="cas", language=MANDARIN,
        day=53, hour=14, hours=2.5, capacity=20, registrations=12, party=3,
    ),
    EventData(
        key="documentary-screening", organizer="hi-tech-culture-hub", venue=1,
        title_zh_hans="纪录片放映：《河流》", title_en="Documentary: The River",
        summary_zh_hans="导演映后分享拍摄故事。",
        summary_en="The director talks about the film afterwards.",
        category=C.FILM, audience="tas", language=BILINGUAL,
        day=57, hour=19, hours=2, capacity=96, registrations=12,
    ),
    # --- full with a waiting list, and the cancelled one ----------------------------------------------
    EventData(
        key="dumpling-workshop", organizer="dongcheng-opera-club", venue=0,
        title_zh_hans="包饺子学唱戏", title_en="Dumplings and opera songs",
        summary_zh_hans="边包饺子边学两句京剧。",
        summary_en="Make dumplings and learn two lines of Peking opera.",
        category=C.HERITAGE, audience="as", language=MANDARIN,
        day=9, hour=15, hours=2, capacity=8, registrations=14,
    ),
    EventData(
        key="star-gazing", organizer="hi-tech-culture-hub", venue=0,
        title_zh_hans="天文观测夜", title_en="Star-gazing night",
        summary_zh_hans="用天文望远镜看月亮和木星。",
        summary_en="Look at the Moon and Jupiter through telescopes.",
        category=C.FAMILY, audience="cta", language=BILINGUAL,
        day=13, hour=20, hours=2, capacity=10, registrations=18, party=2,
    ),
    EventData(
        key="liuhe-river-concert", organizer="liuhe-drum-troupe", venue=0,
        title_zh_hans="柳河河畔音乐会", title_en="Liuhe riverside concert",
        summary_zh_hans="锣鼓队与县民乐团联合演出。",
        summary_en="The drum troupe with the county folk orchestra.",
        category=C.PERFORMANCE, audience="ctas", language=DIALECT,
        day=20, hour=18, hours=2, capacity=30, registrations=8,
    ),
]
# fmt: on
CANCELLED = "liuhe-river-concert"
CANCEL_REASON = (
    "因汛期河道涨水，为安全起见取消演出，敬请谅解。/ "
    "Cancelled for safety: the river is high in the flood season. We are sorry."
)
FULL = {"dumpling-workshop", "star-gazing", "photo-walk", "kids-clay", "tea-culture"}
SERIES = EventData(
    key="tai-chi-class",
    organizer="city-cultural-center",
    venue=1,
    title_zh_hans="太极拳晨练班",
    title_en="Morning tai chi class",
    summary_zh_hans="每周一次晨练，跟老师学二十四式太极拳，零基础可参加。",
    summary_en="A morning class once a week: learn 24-form tai chi from the beginning.",
    category=C.SPORTS,
    audience="as",
    language=MANDARIN,
    day=-21,
    hour=8,
    hours=1.5,
    capacity=30,
    registrations=12,
)
SERIES_WEEKS = 8
# The named demo residents (portal.demo.RESIDENTS) hold tickets too, so their pages show something.
NAMED = {
    "spring-opera-night": ["resident", "grandma-li"],
    "english-corner": ["resident", "student-wang"],
    "museum-night": ["resident"],
    "star-gazing": ["student-wang"],
    "qingshan-harvest-festival": ["farmer-zhao"],
    "seniors-tai-chi-festival": ["grandma-li"],
}
ATTENDANCE = 0.94  # share of confirmed residents who came to past events


def seed(context):
    residents = list(User.objects.filter(username__startswith="sim-resident-").order_by("username"))
    organizers = {organizer.slug: organizer for organizer in Organizer.objects.prefetch_related("venues", "staff")}
    staff = {user.username: user for user in User.objects.filter(username__startswith="staff-")}
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)

    new_events = []
    for data in [*EVENTS, SERIES]:
        event, created = upsert_event(data, organizers[data.organizer], today)
        if created:
            new_events.append((data, event))

    # Future events first: penalties earned at past events must not change who gets in today.
    new_events.sort(key=lambda item: item[0].day < 0)
    for data, event in new_events:
        rng = context.random_for(f"event:{data.key}")
        registrants = rng.sample(residents, min(data.registrations, len(residents)))
        registrants = [*User.objects.filter(username__in=NAMED.get(data.key, [])), *registrants]
        if data.day < 0:
            seed_past(data, event, registrants, staff[f"staff-{data.organizer}"], today, rng)
        else:
            register_all(event, registrants, data, rng)
        if data.key == CANCELLED:
            event_changes.cancel_event(event=event, reason=CANCEL_REASON, notify=False)
        if data.key == SERIES.key:
            seed_series(event, staff[f"staff-{data.organizer}"], residents, context)

    context.stdout.write(
        f"  events: {Event.objects.count()}, registrations: {Registration.objects.count()}, "
        f"new this run: {len(new_events)}"
    )
    seed_proposals(context)
    seed_volunteers_and_desk(context)
    seed_evaluations(context)


def upsert_event(data, organizer, today):
    """The event `demo-<key>`: texts refreshed on every run, dates and registrations only set when new."""
    venues = list(organizer.venues.all())
    fields = {
        "organizer": organizer,
        "venue": None if data.venue is None else venues[min(data.venue, len(venues) - 1)],
        "title_zh_hans": data.title_zh_hans,
        "title_en": data.title_en,
        "summary_zh_hans": data.summary_zh_hans,
        "summary_en": data.summary_en,
        "description_zh_hans": f"<p>{data.summary_zh_hans}</p><p>活动免费，欢迎报名。</p>"
        if not data.price
        else f"<p>{data.summary_zh_hans}</p><p>票价{data.price}元，现场支付。</p>",
        "description_en": f"<p>{data.summary_en}</p><p>Free of charge; please register.</p>"
        if not data.price
        else f"<p>{data.summary_en}</p><p>Tickets {data.price} yuan, paid at the door.</p>",
        "category": data.category,
        "for_children": "c" in data.audience,
        "for_teens": "t" in data.audience,
        "for_adults": "a" in data.audience,
        "for_seniors": "s" in data.audience,
        "language": data.language,
        "is_free": not data.price,
        "price": data.price or None,
        "max_party_size": data.party,
        "livestream_url": "https://live.example.org/mingchuan" if data.venue is None else "",
        "contact": f"{organizer.email} · {organizer.phone}",
    }
    event = Event.objects.filter(slug=f"demo-{data.key}").first()
    if event is not None:
        Event.objects.filter(pk=event.pk).update(**{k: v for k, v in fields.items() if k not in ("organizer", "venue")})
        return event, False
    start = today + timedelta(days=data.day, hours=data.hour)
    if data.day < 0:
        # Published ahead and registered for; moved to its real (past) date once people are in.
        start = timezone.localtime() + timedelta(days=1)
    event = Event(
        slug=f"demo-{data.key}",
        start=start,
        end=start + timedelta(hours=data.hours),
        capacity=data.capacity,
        waitlist_enabled=data.key in FULL or data.capacity is not None,
        status=Event.Status.PUBLISHED,
        **fields,
    )
    return event_changes.save_event(event=event, notify=False), True


def register_all(event, registrants, data, rng):
    for user in registrants:
        party = rng.choice([1, 1, 2, data.party]) if data.party > 1 else 1
        # Full without room on the waiting list, or a no-show penalty: the rules said no.
        with suppress(errors.RegistrationError):
            registration_services.register(user=user, event=event, party_size=min(party, data.party), notify=False)


def seed_past(data, event, registrants, staff_member, today, rng):
    register_all(event, registrants, data, rng)
    # The door opens shortly before the start: check in as if the event were about to begin, then move
    # it to its place in the past.
    soon = timezone.now() + timedelta(minutes=30)
    Event.objects.filter(pk=event.pk).update(start=soon, end=soon + timedelta(hours=data.hours))
    start = today + timedelta(days=data.day, hours=data.hour)
    for registration in event.registrations.filter(status=Registration.Status.CONFIRMED):
        if rng.random() < ATTENDANCE:
            check_in.check_in(code=registration.ticket_code, by_user=staff_member, event=event)
            Registration.objects.filter(pk=registration.pk).update(
                checked_in_at=start - timedelta(minutes=rng.randint(2, 25))
            )
    Event.objects.filter(pk=event.pk).update(
        start=start, end=start + timedelta(hours=data.hours), published_at=start - timedelta(days=21)
    )
    Registration.objects.filter(event=event).update(created_at=start - timedelta(days=7))
    event.refresh_from_db()
    no_shows.mark_no_shows(event=event, notify=False)


def seed_series(event, staff_member, residents, context):
    """The weekly tai chi class: the first occurrence (already past) and seven more, linked as a series."""
    event.refresh_from_db()
    occurrences = event_changes.create_weekly_series(event=event, weeks=SERIES_WEEKS, by_user=staff_member)
    for week, occurrence in enumerate(occurrences, start=2):
        Event.objects.filter(pk=occurrence.pk).update(slug=f"demo-{SERIES.key}-week-{week}")
        occurrence.refresh_from_db()
        rng = context.random_for(f"event:{SERIES.key}:{week}")
        registrants = rng.sample(residents, SERIES.registrations)
        if occurrence.end <= timezone.now():
            day = (timezone.localtime(occurrence.start).date() - timezone.localdate()).days
            data = replace(SERIES, day=day, key=f"{SERIES.key}-week-{week}")
            # Past occurrence: open it for registration first, as it was at the time.
            start = timezone.localtime() + timedelta(days=1)
            Event.objects.filter(pk=occurrence.pk).update(start=start, end=start + timedelta(hours=SERIES.hours))
            occurrence.refresh_from_db()
            seed_past(
                data,
                occurrence,
                registrants,
                staff_member,
                timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0),
                rng,
            )
        else:
            register_all(occurrence, registrants, SERIES, rng)


# --- Participation: proposals, voting rounds, votes and comments -----------------------------------------
# Residents' proposals in every status, built through events.services: an open city-wide round with
# a limit of three votes, an open round for Qingshan Township that hides its counts, and a closed winter
# round whose selected proposals became demo events (one planned, one already held). A few comments, one
# hidden by the moderator. Found again by the spring round's title: a second run changes nothing.


@dataclass(frozen=True, kw_only=True)
class ProposalData:
    proposer: str
    title_zh_hans: str
    title_en: str
    description_zh_hans: str
    description_en: str
    category: str
    audience: str  # letters as in EventData
    district: str | None  # code; None = city-wide
    status: str  # the status it ends in
    round: str | None = None  # "spring", "qingshan" or "winter"
    event: str | None = None  # demo event key it became (planned / held)


# fmt: off
PROPOSALS = [
    ProposalData(
        proposer="grandma-li", title_zh_hans="老年人合唱团", title_en="A choir for older residents",
        description_zh_hans="每周两次在文化馆排练老歌，年底给社区演出。",
        description_en="Rehearse old songs twice a week and sing for the neighbourhood at year end.",
        category=C.PERFORMANCE, audience="s", district="xicheng",
        status="open_for_voting", round="spring",
    ),
    ProposalData(
        proposer="student-wang", title_zh_hans="青少年编程马拉松", title_en="Teen coding marathon",
        description_zh_hans="一个周末，组队做一个帮助社区的小程序。",
        description_en="One weekend, teams build a small app that helps the neighbourhood.",
        category=C.WORKSHOP, audience="t", district="hi-tech-zone",
        status="open_for_voting", round="spring",
    ),
    ProposalData(
        proposer="sim-resident-01", title_zh_hans="露天电影进社区", title_en="Open-air films in the neighbourhood",
        description_zh_hans="夏天每月一次在小区广场放电影。",
        description_en="A film on the estate square once a month in summer.",
        category=C.FILM, audience="ctas", district=None,
        status="open_for_voting", round="spring",
    ),
    ProposalData(
        proposer="sim-resident-02", title_zh_hans="非遗剪纸亲子课", title_en="Paper cutting for parents and children",
        description_zh_hans="请传承人教家长和孩子一起剪窗花。",
        description_en="A heritage master teaches parents and children to cut window flowers together.",
        category=C.HERITAGE, audience="ca", district="dongcheng",
        status="open_for_voting", round="spring",
    ),
    ProposalData(
        proposer="sim-resident-03", title_zh_hans="运河历史徒步", title_en="Canal history walk",
        description_zh_hans="沿运河走一走，讲讲老码头的故事。",
        description_en="Walk along the canal and hear the stories of the old docks.",
        category=C.LECTURE, audience="tas", district=None,
        status="open_for_voting", round="spring",
    ),
    ProposalData(
        proposer="farmer-zhao", title_zh_hans="青山采茶节", title_en="Qingshan tea-picking festival",
        description_zh_hans="春茶上市时办采茶比赛和茶歌会。",
        description_en="A picking contest and tea songs when the spring tea comes in.",
        category=C.HERITAGE, audience="ctas", district="qingshan-township",
        status="open_for_voting", round="qingshan",
    ),
    ProposalData(
        proposer="sim-resident-04", title_zh_hans="青山农民画班", title_en="Peasant painting class in Qingshan",
        description_zh_hans="跟本地画家学农民画，作品在镇上展出。",
        description_en="Learn peasant painting from local artists; the works are shown in town.",
        category=C.WORKSHOP, audience="tas", district="qingshan-township",
        status="open_for_voting", round="qingshan",
    ),
    ProposalData(
        proposer="sim-resident-05", title_zh_hans="冬日书法写春联", title_en="Writing spring couplets in winter",
        description_zh_hans="春节前请书法老师现场写春联送居民。",
        description_en="Before Spring Festival, calligraphers write couplets for residents.",
        category=C.HERITAGE, audience="as", district=None,
        status="planned", round="winter", event="heritage-embroidery",
    ),
    ProposalData(
        proposer="sim-resident-06", title_zh_hans="剪纸入门", title_en="Paper cutting for beginners",
        description_zh_hans="想学剪纸，希望有入门课。",
        description_en="I would like to learn paper cutting: a class for beginners, please.",
        category=C.HERITAGE, audience="tas", district="dongcheng",
        status="held", round="winter", event="paper-cutting-class",
    ),
    ProposalData(
        proposer="sim-resident-07", title_zh_hans="冰雪运动体验日", title_en="Winter sports taster day",
        description_zh_hans="在体育馆体验冰壶和旱地滑雪。",
        description_en="Try curling and dry-slope skiing at the sports hall.",
        category=C.SPORTS, audience="cta", district=None,
        status="selected", round="winter",
    ),
    ProposalData(
        proposer="sim-resident-08", title_zh_hans="方言诗歌朗诵会", title_en="Dialect poetry evening",
        description_zh_hans="用家乡话朗诵诗歌。",
        description_en="Poems read in the local dialect.",
        category=C.READING, audience="as", district=None,
        status="not_selected", round="winter",
    ),
    ProposalData(
        proposer="sim-resident-09", title_zh_hans="社区读书角", title_en="A reading corner on every estate",
        description_zh_hans="在小区里设换书架，每月一次读书会。",
        description_en="Book-swap shelves on the estates and a monthly reading circle.",
        category=C.READING, audience="as", district="binjiang",
        status="submitted",
    ),
    ProposalData(
        proposer="sim-resident-10", title_zh_hans="广场舞编排课", title_en="Square-dance choreography class",
        description_zh_hans="请老师帮舞蹈队编新舞。",
        description_en="A teacher helps the dance teams make new routines.",
        category=C.SPORTS, audience="s", district="binjiang",
        status="submitted",
    ),
    ProposalData(
        proposer="sim-resident-11", title_zh_hans="博物馆夜游", title_en="Museum by night for families",
        description_zh_hans="周五晚上开放博物馆，给孩子讲文物故事。",
        description_en="Open the museum on Friday evenings and tell children the stories of the objects.",
        category=C.FAMILY, audience="ca", district=None,
        status="under_review",
    ),
    ProposalData(
        proposer="sim-resident-12", title_zh_hans="手机摄影课", title_en="Phone photography class",
        description_zh_hans="教老年人用手机拍好照片。",
        description_en="Teach older residents to take good photos with their phones.",
        category=C.WORKSHOP, audience="s", district="yunling-county",
        status="changes_requested",
    ),
    ProposalData(
        proposer="sim-resident-13", title_zh_hans="通宵音乐节", title_en="All-night music festival",
        description_zh_hans="在公园办通宵摇滚音乐节。",
        description_en="An all-night rock festival in the park.",
        category=C.PERFORMANCE, audience="ta", district=None,
        status="rejected",
    ),
    ProposalData(
        proposer="sim-resident-14", title_zh_hans="露天电影夜", title_en="Open-air cinema nights",
        description_zh_hans="夏天在广场放露天电影。",
        description_en="Outdoor films on the square in summer.",
        category=C.FILM, audience="ctas", district=None,
        status="merged",
    ),
]
# fmt: on
SPRING_ROUND = ("春季活动征集投票", "Spring activity ideas")
QINGSHAN_ROUND = ("青山镇活动投票", "Qingshan Township ideas")
WINTER_ROUND = ("冬季活动投票", "Winter activity ideas")
REVIEW_NOTES = {
    "changes_requested": "请写明每次课程需要多长时间，需要什么设备。/ "
    "Please say how long each class is and what it needs.",
    "rejected": "公园夜间不能举办大型活动，存在安全和噪音问题。/ Large events in the park at night are not allowed "
    "(safety and noise).",
}


@dataclass(frozen=True, kw_only=True)
class CommentData:
    author: str
    proposal: str  # its title_en in PROPOSALS
    body: str
    hidden_reason: str = ""  # hidden by the moderator, for this reason


COMMENTS = [
    CommentData(
        author="sim-resident-15",
        proposal="A choir for older residents",
        body="我愿意参加，每周二上午最合适。/ I would join; Tuesday mornings suit me best.",
    ),
    CommentData(
        author="sim-resident-16",
        proposal="Teen coding marathon",
        body="可以邀请高新区的企业工程师当评委。/ Engineers from the tech firms could be the judges.",
    ),
    CommentData(
        author="resident",
        proposal="Open-air films in the neighbourhood",
        body="希望放一些老电影。/ Some old films, please.",
    ),
    CommentData(
        author="sim-resident-17",
        proposal="Open-air films in the neighbourhood",
        body="广场晚上太吵了，别办了！！！/ The square is too noisy at night, stop it!!!",
        hidden_reason="人身攻击和刷屏 / Shouting at other residents",
    ),
]


def seed_proposals(context):
    from . import errors
    from .models import Proposal, ProposalComment, Vote, VotingRound
    from .services import comments, proposals, votes

    if VotingRound.objects.filter(title_en=SPRING_ROUND[1]).exists():
        context.stdout.write(f"  proposals: {Proposal.objects.count()} (already seeded)")
        return
    users = {user.username: user for user in User.objects.select_related("profile__district")}
    moderator, staff = users["moderator"], users["staff-city-cultural-center"]
    now = timezone.now()
    rounds = {
        "spring": _round(SPRING_ROUND, now - timedelta(days=5), now + timedelta(days=16), max_votes=3),
        # Qingshan's round counts only districts the township station has confirmed (its census list).
        "qingshan": _round(
            QINGSHAN_ROUND,
            now - timedelta(days=2),
            now + timedelta(days=12),
            hide=True,
            district=_qingshan(),
            verified=True,
        ),
        "winter": _round(WINTER_ROUND, now - timedelta(hours=1), now + timedelta(hours=1)),
    }
    from portal.models import District

    districts = {district.code: district for district in District.objects.all()}
    made = []
    for number, data in enumerate(PROPOSALS):
        proposal = proposals.submit_proposal(
            user=users[data.proposer],
            title=data.title_en,
            description=data.description_en,
            category=data.category,
            audiences=[band for letter, band in AUDIENCE_LETTERS if letter in data.audience],
            district=districts.get(data.district),
            expected_participants=20 + 5 * number,
            will_help=number % 3 == 0,
        )
        Proposal.objects.filter(pk=proposal.pk).update(
            title_zh_hans=data.title_zh_hans,
            title_en=data.title_en,
            description_zh_hans=f"<p>{data.description_zh_hans}</p>",
            description_en=f"<p>{data.description_en}</p>",
        )
        made.append((data, proposal))
    by_title = {data.title_en: proposal for data, proposal in made}
    for data, proposal in made:
        _move(proposals, proposal, data, rounds, moderator, by_title)

    residents = [user for name, user in sorted(users.items()) if name.startswith("sim-resident-")]
    rng = context.random_for("proposals:votes")
    for data, proposal in made:
        if data.round is None:
            continue
        voters = residents + [users["resident"], users["grandma-li"], users["student-wang"], users["farmer-zhao"]]
        if data.round == "qingshan":
            voters = [u for u in voters if u.profile.district and u.profile.district.code == "qingshan-township"]
            _confirm_districts(voters)
        for user in rng.sample(voters, min(len(voters), rng.randint(4, 18))):
            with suppress(errors.ParticipationError):  # over the round's limit: the rules said no
                votes.cast_vote(user=user, proposal=proposal)

    winter = rounds["winter"]
    VotingRound.objects.filter(pk=winter.pk).update(starts=now - timedelta(days=70), ends=now - timedelta(days=55))
    Vote.objects.filter(round=winter).update(created_at=now - timedelta(days=60))
    votes.close_round(voting_round=winter)
    for data, proposal in made:
        if data.round == "winter":
            _finish_winter(proposals, proposal, data, staff)

    for data in COMMENTS:
        comments.post_comment(user=users[data.author], proposal=by_title[data.proposal], body=data.body)
    for data in COMMENTS:
        if data.hidden_reason:
            comments.hide_comment(
                comment=ProposalComment.objects.get(body=data.body), by_user=moderator, reason=data.hidden_reason
            )
    _spread_dates(made, now)
    context.stdout.write(
        f"  proposals: {Proposal.objects.count()}, rounds: {VotingRound.objects.count()}, "
        f"votes: {Vote.objects.count()}, comments: {ProposalComment.objects.count()}"
    )


AUDIENCE_LETTERS = [("c", "child"), ("t", "teen"), ("a", "adult"), ("s", "senior")]


def _confirm_districts(users):
    """The Qingshan station's staff confirm the districts of Qingshan's residents, as from their census list."""
    from portal import residents as desk_residents

    station_staff = User.objects.filter(username="staff-qingshan-station").first()
    for user in users:
        user.profile.refresh_from_db()
        if station_staff is not None and not user.profile.district_verified:
            desk_residents.verify_district(resident=user, district=user.profile.district, by_user=station_staff)
            user.profile.refresh_from_db()


def _round(titles, starts, ends, max_votes=None, hide=False, district=None, verified=False):
    from .models import VotingRound

    return VotingRound.objects.create(
        requires_verified_district=verified,
        title_zh_hans=titles[0],
        title_en=titles[1],
        starts=starts,
        ends=ends,
        max_votes_per_resident=max_votes,
        hide_counts_until_closed=hide,
        district=district,
    )


def _qingshan():
    from portal.models import District

    return District.objects.get(code="qingshan-township")


def _move(proposals, proposal, data, rounds, moderator, by_title):
    """Take a fresh proposal to where its story is at, through the same services staff use."""
    from .models import Proposal

    Status = Proposal.Status

    def change(to, **kwargs):
        proposals.change_proposal_status(proposal=proposal, to=to, by_user=moderator, notify=False, **kwargs)

    if data.status == "submitted":
        return
    if data.status == "merged":
        proposals.merge_proposal(
            proposal=proposal, into=by_title["Open-air films in the neighbourhood"], by_user=moderator, notify=False
        )
        return
    change(Status.UNDER_REVIEW)
    if data.status in REVIEW_NOTES:
        change(data.status, note=REVIEW_NOTES[data.status])
    elif data.round:
        change(Status.OPEN_FOR_VOTING, round=rounds[data.round])


def _finish_winter(proposals, proposal, data, staff):
    from .models import Event, Proposal

    Status = Proposal.Status

    if data.status == "not_selected":
        proposals.change_proposal_status(proposal=proposal, to=Status.NOT_SELECTED, by_user=None, notify=False)
        return
    proposals.change_proposal_status(proposal=proposal, to=Status.SELECTED, by_user=None, notify=False)
    if data.event is None:
        return
    # The demo events exist already: link the one this proposal became, as staff would have planned it.
    proposal.events.add(Event.objects.get(slug=f"demo-{data.event}"))
    proposals.change_proposal_status(proposal=proposal, to=Status.PLANNED, by_user=staff, notify=False)
    if data.status == "held":
        proposals.mark_held_proposals(notify=False)


def _spread_dates(made, now):
    """Proposals were written over the past three months; each step of their timeline a few days apart."""
    from .models import Proposal, ProposalStatusChange

    for number, (data, proposal) in enumerate(made):
        created = now - timedelta(days=90 - 3 * number) if data.round == "winter" else now - timedelta(days=20 - number)
        Proposal.objects.filter(pk=proposal.pk).update(created_at=created)
        for step, change in enumerate(proposal.status_changes.order_by("pk")):
            at = min(created + timedelta(days=2 * step, hours=step), now)
            ProposalStatusChange.objects.filter(pk=change.pk).update(at=at)


# --- Volunteers, the desk and digests ---------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class RoleData:
    name_zh_hans: str
    name_en: str
    description_zh_hans: str
    description_en: str
    slots: int


@dataclass(frozen=True, kw_only=True)
class VolunteeringData:
    event: str  # demo event key
    roles: list[RoleData]
    signups: int  # how many simulated residents try to sign up


VOLUNTEER_ROLES = [
    VolunteeringData(
        event="spring-opera-night",
        roles=[
            RoleData(
                name_zh_hans="引导员",
                name_en="Usher",
                description_zh_hans="在入口迎接观众，引导入座。",
                description_en="Welcome the audience at the door and show them to their seats.",
                slots=4,
            ),
            RoleData(
                name_zh_hans="长者助手",
                name_en="Helper for seniors",
                description_zh_hans="陪伴行动不便的长者入场、离场。",
                description_en="Accompany older people who walk with difficulty.",
                slots=3,
            ),
        ],
        signups=5,
    ),
    VolunteeringData(
        event="qingshan-harvest-festival",
        roles=[
            RoleData(
                name_zh_hans="摄影",
                name_en="Photographer",
                description_zh_hans="拍摄活动照片，供文化站存档。",
                description_en="Take photos for the station's archive.",
                slots=2,
            ),
            RoleData(
                name_zh_hans="集市帮手",
                name_en="Market helper",
                description_zh_hans="帮助农户摆摊、指引游客。",
                description_en="Help farmers set up stalls and guide visitors.",
                slots=6,
            ),
        ],
        signups=4,
    ),
    VolunteeringData(
        event="seniors-tai-chi-festival",
        roles=[
            RoleData(
                name_zh_hans="长者助手",
                name_en="Helper for seniors",
                description_zh_hans="搀扶、递水、照看随身物品。",
                description_en="Lend an arm, hand out water, mind bags.",
                slots=3,
            )
        ],
        signups=3,
    ),
]
WALK_IN = "walkin-granny-zhou"
DIGEST_RESIDENT = "farmer-zhao"  # chose the daily digest


def seed_volunteers_and_desk(context):
    """Volunteer roles with sign-ups, a walk-in resident served at a desk, digest items waiting. Idempotent."""
    from django.db.models import Count, Q

    from portal import residents as desk_residents
    from portal.models import DigestItem, District, Profile
    from portal.notify import notify

    from . import errors
    from .models import Proposal, ProposalStatusChange, VolunteerRole, VolunteerSignup, Vote
    from .services import volunteers, votes

    sims = list(User.objects.filter(username__startswith="sim-resident-").order_by("username"))
    for data in VOLUNTEER_ROLES:
        event = Event.objects.filter(slug=f"demo-{data.event}").first()
        if event is None:
            continue
        for order, role in enumerate(data.roles):
            VolunteerRole.objects.update_or_create(
                event=event,
                name_en=role.name_en,
                defaults={
                    "name_zh_hans": role.name_zh_hans,
                    "description_zh_hans": role.description_zh_hans,
                    "description_en": role.description_en,
                    "slots": role.slots,
                    "order": order,
                },
            )
        if VolunteerSignup.objects.filter(event=event).exists():
            continue
        rng = context.random_for(f"volunteers:{data.event}")
        event_roles = list(event.volunteer_roles.all())
        for user in rng.sample(sims, min(data.signups, len(sims))):
            with suppress(errors.VolunteerError):  # full: the rules said no
                volunteers.sign_up(user=user, role=rng.choice(event_roles))

    # Served at the Qingshan station's desk, which registered her: its staff may act for her.
    staff_member = User.objects.filter(username="staff-qingshan-station").first()
    walk_in = User.objects.filter(username=WALK_IN).first()
    if walk_in is None and staff_member is not None:
        walk_in = desk_residents.create_walk_in_resident(
            organizer=staff_member.organizers.get(slug="qingshan-station"),
            name="周桂兰",
            phone="13900001234",
            district=District.objects.filter(code="qingshan-township").first(),
            age_band=Profile.AgeBand.SENIOR,
            language="zh-hans",
            username=WALK_IN,
            by_user=staff_member,
        )
    if walk_in is not None and staff_member is not None:
        festival = Event.objects.filter(slug="demo-qingshan-harvest-festival").first()
        if festival is not None and not Registration.objects.filter(user=walk_in, event=festival).exists():
            with suppress(errors.RegistrationError):
                registration_services.register(
                    user=walk_in, event=festival, assisted_by=staff_member, consent_noted=True
                )
        if festival is not None and not VolunteerSignup.objects.filter(user=walk_in, event=festival).exists():
            role = festival.volunteer_roles.filter(name_en="Market helper").first()
            if role is not None:
                with suppress(errors.VolunteerError):
                    volunteers.sign_up(user=walk_in, role=role, assisted_by=staff_member, consent_noted=True)
        if not Vote.objects.filter(user=walk_in).exists():
            _confirm_districts([walk_in])  # seen at the desk: her residence booklet
            proposal = (
                Proposal.objects.open_for_voting()
                .filter(round__district__code="qingshan-township")
                .order_by("pk")
                .first()
            )
            if proposal is not None:
                with suppress(errors.ParticipationError):
                    votes.cast_vote(user=walk_in, proposal=proposal, assisted_by=staff_member, consent_noted=True)

    digest_user = User.objects.filter(username=DIGEST_RESIDENT).first()
    if digest_user is not None and not DigestItem.objects.filter(user=digest_user, sent_at__isnull=True).exists():
        # The latest news of proposals he made or voted for, kept as the real door keeps them (by reference).
        changes = (
            ProposalStatusChange.objects.filter(
                Q(proposal__proposer=digest_user) | Q(proposal__votes__user=digest_user)
            )
            .exclude(actor=digest_user)
            .select_related("proposal")
            .distinct()
            .order_by("-at", "-id")[:DIGEST_ITEMS]
        )
        for change in changes:
            notify(
                user=digest_user,
                message="events.proposal_status",
                target=change,
                params={"is_proposer": change.proposal.proposer_id == digest_user.pk},
                kind="proposals",
            )

    counts = VolunteerRole.objects.aggregate(roles=Count("pk", distinct=True), signups=Count("signups"))
    context.stdout.write(
        f"  volunteers: {counts['roles']} roles, {counts['signups']} sign-ups; desk: "
        f"{Registration.objects.filter(assisted=True).count()} assisted registrations, "
        f"{Vote.objects.filter(assisted=True).count()} assisted votes, "
        f"{VolunteerSignup.objects.filter(assisted=True).count()} assisted volunteer sign-ups; digest items waiting: "
        f"{DigestItem.objects.filter(sent_at__isnull=True).count()}"
    )


DIGEST_ITEMS = 3  # waiting for farmer-zhao's next daily digest


# --- Evaluations: attendees of past events say how it was ---------------------------------------------------
# Through events.services.evaluations, as it happened: each answer is given a few days after its event (`now=`), by
# attendees only, with varied marks, some anonymous, some with comments or suggestions; a moderator approved
# a few comments, so the held proposal's page (paper-cutting) shows what participants thought. Most events
# get enough answers for averages; the picture-book hour keeps fewer than five, and the last two events
# keep attendees who have not answered yet (their /me/ lists them). One suggestion became a proposal.
# Found again by any evaluation of a demo event: a second run changes nothing.

EVALUATION_SHARE = 0.6  # of attendees who answer
FEW_ANSWERS = {"picture-book-hour": 3}
EVALUATION_QUALITY = {"paper-cutting-class": 4.5, "new-year-gala": 4.3, "local-history-lecture": 3.6}
EVALUATION_COMMENTS = [
    "老师讲得很细致，第一次就剪出了窗花。",
    "座位有点挤，但活动很精彩。",
    "声音有时听不清，希望多准备几个话筒。",
    "孩子很喜欢，下次还来！",
    "Lovely afternoon, the volunteers were very patient.",
    "签到排队有点久。",
    "内容很充实，时间过得太快了。",
    "The room was too warm; otherwise excellent.",
]
EVALUATION_SUGGESTIONS = [
    "希望开一个进阶班。",
    "可以安排在周末上午吗？",
    "希望提供大字版的讲义。",
    "Please add English captions for visitors.",
    "多安排一些适合老年人的场次。",
]
# The moderator approved a few comments: three on the paper-cutting class (the held proposal), one elsewhere.
APPROVED_COMMENTS = {"paper-cutting-class": 3}
LOOP_SUGGESTION = ("希望开一个进阶班。", "An advanced paper-cutting class")


def seed_evaluations(context):
    from .models import Evaluation
    from .selectors import attendance
    from .services import evaluations

    if Evaluation.objects.filter(event__slug__startswith="demo-").exists():
        context.stdout.write(f"  evaluations: {Evaluation.objects.count()} (already seeded)")
        return
    moderator = User.objects.filter(username="moderator").first()
    now = timezone.now()
    past = Event.objects.filter(slug__startswith="demo-", status=Event.Status.PUBLISHED, end__lte=now).order_by("end")
    latest = {event.pk for event in list(past.reverse()[:2])}
    for event in past:
        key = event.slug.removeprefix("demo-")
        rng = context.random_for(f"evaluations:{key}")
        attendees = [r.user for r in attendance.attending_registrations(event).select_related("user__profile")]
        rng.shuffle(attendees)
        share = EVALUATION_SHARE / 2 if event.pk in latest else EVALUATION_SHARE
        count = FEW_ANSWERS.get(key, round(len(attendees) * share))
        quality = EVALUATION_QUALITY.get(key, rng.uniform(3.4, 4.5))
        approved = 0
        for user in attendees[:count]:
            answered = min(event.end + timedelta(hours=rng.uniform(2, 96)), now - timedelta(minutes=5))

            def mark(bias=0.0, rng=rng, quality=quality):
                return max(1, min(5, round(rng.gauss(quality + bias, 0.8))))

            comment = rng.choice(EVALUATION_COMMENTS) if rng.random() < 0.35 else ""
            evaluation = evaluations.submit_evaluation(
                user=user,
                event=event,
                content=mark(0.1),
                organisation=mark(),
                venue=mark(-0.3),
                recommend=mark(0.2),
                comment=comment,
                suggestion=rng.choice(EVALUATION_SUGGESTIONS) if rng.random() < 0.25 else "",
                anonymous=rng.random() < 0.3,
                now=answered,
            )
            if comment and moderator is not None and approved < APPROVED_COMMENTS.get(key, 1):
                evaluations.approve_comment(evaluation=evaluation, by_user=moderator)
                approved += 1
    _close_the_loop()
    context.stdout.write(
        f"  evaluations: {Evaluation.objects.count()} on {past.filter(evaluations__isnull=False).distinct().count()} "
        f"past events, {Evaluation.objects.filter(comment_approved=True).count()} comments approved"
    )


def _close_the_loop():
    """Staff of the city cultural center turned a paper-cutting suggestion into a proposal for next round."""
    from .models import Evaluation, Proposal
    from .services import evaluations

    staff = User.objects.filter(username="staff-city-cultural-center").first()
    event = Event.objects.filter(slug="demo-paper-cutting-class").first()
    if staff is None or event is None:
        return
    evaluation = Evaluation.objects.filter(event=event).exclude(suggestion="").order_by("pk").first()
    if evaluation is None:
        return
    Evaluation.objects.filter(pk=evaluation.pk).update(suggestion=LOOP_SUGGESTION[0])
    evaluation.refresh_from_db()
    proposal = evaluations.propose_from_suggestion(evaluation=evaluation, by_user=staff)
    # Demo content is bilingual in both fields, as the other demo proposals are.
    Proposal.objects.filter(pk=proposal.pk).update(
        title_zh_hans=LOOP_SUGGESTION[0].rstrip("。"),
        title_en=LOOP_SUGGESTION[1],
        description_zh_hans=f"<p>{LOOP_SUGGESTION[0]}</p><p>来自“剪纸入门课”参与者的建议。</p>",
        description_en=f"<p>{LOOP_SUGGESTION[1]}.</p>"
        "<p>Suggested by a participant of “Paper-cutting for beginners”.</p>",
    )
