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
from datetime import timedelta
from typing import NamedTuple

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


class EventData(NamedTuple):
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


E = EventData
# fmt: off
EVENTS = [
    # --- past: checked in at the door ----------------------------------------------------------------
    E("new-year-gala", "city-cultural-center", 0,
      "新春文艺晚会", "New Year Gala",
      "合唱、民乐、舞蹈和相声，市民自编自演的新春晚会。",
      "Choirs, folk music, dance and crosstalk, performed by the city's amateur artists.",
      C.PERFORMANCE, "ctas", MANDARIN, -58, 19, 2.5, 800, 30, 2),
    E("paper-cutting-class", "city-cultural-center", 2,
      "剪纸入门课", "Paper-cutting for beginners",
      "非遗传承人手把手教你剪出窗花。",
      "An intangible-heritage master shows you how to cut window flowers.",
      C.HERITAGE, "tas", MANDARIN, -52, 14, 2, 20, 20),
    E("local-history-lecture", "city-library", 0,
      "明川城市史讲座：运河与老街", "Mingchuan history: the canal and the old streets",
      "市图书馆地方文献部主讲，附老照片展示。",
      "Given by the library's local-history department, with old photographs.",
      C.LECTURE, "as", MANDARIN, -47, 15, 1.5, 240, 25),
    E("picture-book-hour", "city-library", 1,
      "周末绘本时光", "Weekend picture-book hour",
      "志愿者带3–6岁孩子读绘本、做手工。",
      "Volunteers read picture books and make crafts with children aged 3 to 6.",
      C.FAMILY, "c", MANDARIN, -44, 10, 1, 12, 12, 3),
    E("bronze-age-tour", "city-museum", 0,
      "青铜器专题导览", "Guided tour: the Bronze Age galleries",
      "讲解员带你看懂馆藏青铜器上的纹饰。",
      "A guide explains the patterns on the museum's bronzes.",
      C.EXHIBITION_TOUR, "tas", BILINGUAL, -40, 10, 1.5, 25, 22),
    E("yue-opera-afternoon", "dongcheng-opera-club", 0,
      "越剧清唱会", "Yue opera afternoon",
      "社区戏迷清唱《红楼梦》《梁祝》选段，欢迎跟唱。",
      "Club members sing excerpts from Dream of the Red Chamber and the Butterfly Lovers.",
      C.PERFORMANCE, "as", DIALECT, -37, 14, 2, 40, 18),
    E("calligraphy-basics", "xicheng-cultural-center", 0,
      "书法基础班（楷书）", "Calligraphy basics: regular script",
      "从握笔到基本笔画，笔墨纸砚现场提供。",
      "From holding the brush to the basic strokes; brushes, ink and paper provided.",
      C.WORKSHOP, "tas", MANDARIN, -33, 9, 2, 24, 24),
    E("riverside-concert", "binjiang-cultural-center", 1,
      "江畔室内乐之夜", "Chamber music by the river",
      "市青年交响乐团弦乐四重奏。",
      "A string quartet from the city youth orchestra.",
      C.PERFORMANCE, "tas", MANDARIN, -29, 19, 1.5, 180, 30),
    E("robotics-for-teens", "hi-tech-culture-hub", 0,
      "青少年机器人工作坊", "Robotics workshop for teens",
      "两人一组，用开源套件搭建巡线小车。",
      "In pairs, build a line-following car from an open-source kit.",
      C.WORKSHOP, "t", BILINGUAL, -26, 14, 3, 20, 20),
    E("classic-film-night", "hi-tech-culture-hub", 1,
      "经典电影放映：《城南旧事》", "Classic film: My Memories of Old Beijing",
      "1983年经典影片，映后交流。",
      "The 1983 classic, with a talk afterwards.",
      C.FILM, "tas", MANDARIN, -22, 19, 2, 96, 28),
    E("tea-picking-songs", "qingshan-station", 0,
      "采茶歌会", "Tea-picking songs",
      "青山镇茶农唱起传统采茶调。",
      "Qingshan's tea farmers sing the traditional picking songs.",
      C.HERITAGE, "cas", DIALECT, -18, 15, 2, 60, 16),
    E("village-reading-circle", "shiqiao-reading-room", 0,
      "石桥村读书会：《平凡的世界》", "Shiqiao reading circle: Ordinary World",
      "村民一起读路遥的小说，聊聊自己的故事。",
      "Villagers read Lu Yao's novel together and share their own stories.",
      C.READING, "as", MANDARIN, -15, 19, 1.5, 20, 12),
    E("drum-troupe-rehearsal", "liuhe-drum-troupe", 0,
      "柳河锣鼓队公开排练", "Liuhe drum troupe: open rehearsal",
      "看看锣鼓队怎么排练，也可以上手敲一敲。",
      "Watch the troupe rehearse, and try the drums yourself.",
      C.HERITAGE, "ctas", DIALECT, -11, 16, 1.5, 50, 14),
    E("smartphone-help", "yunling-library", 0,
      "老年人智能手机课", "Smartphone class for seniors",
      "学会视频通话、挂号和防诈骗。",
      "Video calls, booking a doctor and spotting scams.",
      C.WORKSHOP, "s", MANDARIN, -8, 9, 2, 25, 25),
    E("folk-dance-evening", "yunling-cultural-center", 0,
      "云岭民族舞蹈晚会", "Yunling folk dance evening",
      "各乡镇舞蹈队同台演出。",
      "Dance groups from every township on one stage.",
      C.PERFORMANCE, "ctas", MANDARIN, -5, 19, 2, 300, 30),
    E("taoyuan-poetry", "taoyuan-station", 0,
      "桃花诗会", "Peach-blossom poetry reading",
      "桃源镇的诗歌爱好者朗诵原创诗歌。",
      "Taoyuan's poets read their own work.",
      C.READING, "tas", MANDARIN, -3, 15, 1.5, 40, 15),
    # --- soon and later ------------------------------------------------------------------------------
    E("photo-walk", "city-museum", 1,
      "老城摄影漫步", "Old town photo walk",
      "跟摄影师走老街，学构图与光线。",
      "Walk the old streets with a photographer and learn about light and framing.",
      C.WORKSHOP, "tas", BILINGUAL, 1, 9, 2.5, 15, 20),
    E("english-corner", "hi-tech-library-branch", 0,
      "英语角：聊聊家乡", "English corner: our home town",
      "用英语介绍明川，外籍志愿者参与。",
      "Talk about Mingchuan in English, with international volunteers.",
      C.LECTURE, "tas", ENGLISH, 2, 19, 1.5, 30, 14),
    E("spring-opera-night", "city-cultural-center", 0,
      "春季戏曲之夜", "Spring opera night",
      "京剧、越剧、黄梅戏名段联唱。",
      "Famous scenes from Peking, Yue and Huangmei opera.",
      C.PERFORMANCE, "as", MANDARIN, 4, 19, 2.5, 800, 35, 2),
    E("kids-clay", "binjiang-cultural-center", 1,
      "亲子陶艺", "Clay for parents and children",
      "一起捏一只小茶杯，烧好后可领回。",
      "Make a small tea cup together; collect it once fired.",
      C.FAMILY, "ca", MANDARIN, 6, 10, 2, 10, 16, 3),
    E("guqin-recital", "city-museum", 0,
      "古琴雅集", "Guqin recital in the galleries",
      "在青铜器展厅聆听古琴。",
      "Listen to the guqin among the bronzes.",
      C.PERFORMANCE, "as", MANDARIN, 8, 15, 1.5, 40, 40),
    E("coding-saturday", "hi-tech-culture-hub", 0,
      "周六编程俱乐部", "Saturday coding club",
      "用Scratch做一个小游戏。",
      "Make a small game in Scratch.",
      C.WORKSHOP, "ct", BILINGUAL, 10, 14, 2, 16, 22, 2),
    E("rural-film-night", "liuhe-station", 0,
      "柳河露天电影", "Open-air film night in Liuhe",
      "乡村露天放映《我和我的家乡》。",
      "My People, My Homeland under the stars.",
      C.FILM, "ctas", MANDARIN, 12, 19, 2, 200, 20, 4),
    E("tea-culture", "chayuan-reading-room", 0,
      "茶园读书会：《茶经》", "Tea garden reading: The Classic of Tea",
      "在茶园边读陆羽，品本地新茶。",
      "Read Lu Yu among the tea bushes and taste this year's leaves.",
      C.READING, "as", MANDARIN, 15, 15, 2, 12, 16),
    E("choir-open-day", "xicheng-cultural-center", 0,
      "合唱团开放日", "Choir open day",
      "试唱后可加入西城社区合唱团。",
      "Sing with the Xicheng community choir and join if you like it.",
      C.PERFORMANCE, "tas", MANDARIN, 17, 14, 2, 60, 18),
    E("heritage-embroidery", "city-cultural-center", 2,
      "苗绣体验课", "Miao embroidery workshop",
      "绣一枚书签，材料包免费。",
      "Embroider a bookmark; materials free.",
      C.HERITAGE, "tas", MANDARIN, 19, 14, 2.5, 15, 22),
    E("online-lecture-poetry", "city-library", None,
      "线上讲座：唐诗里的四季", "Online lecture: the seasons in Tang poetry",
      "直播讲座，可在线提问。",
      "A livestreamed lecture with questions online.",
      C.LECTURE, "tas", MANDARIN, 21, 19, 1.5, None, 30),
    E("square-dance-festival", "binjiang-cultural-center", 0,
      "滨江广场舞展演", "Binjiang square-dance showcase",
      "二十支广场舞队同场展演。",
      "Twenty square-dance teams on the civic square.",
      C.SPORTS, "as", MANDARIN, 24, 18, 2, None, 25),
    E("museum-night", "city-museum", 0,
      "博物馆奇妙夜", "A night at the museum",
      "手电筒寻宝，孩子和家长一起解谜。",
      "A torch-lit treasure hunt for children and parents.",
      C.FAMILY, "ca", BILINGUAL, 27, 18, 2.5, 20, 26, 3),
    E("science-fiction-talk", "hi-tech-library-branch", 0,
      "科幻作家见面会", "Meet a science-fiction writer",
      "本地科幻作家谈创作，现场签售。",
      "A local science-fiction author on writing, with a signing.",
      C.LECTURE, "tas", MANDARIN, 30, 19, 1.5, 80, 20),
    E("qingshan-harvest-festival", "qingshan-station", 0,
      "青山丰收节", "Qingshan harvest festival",
      "农民画展、舞龙和农产品集市。",
      "Peasant paintings, a dragon dance and a farmers' market.",
      C.HERITAGE, "ctas", DIALECT, 34, 9, 6, None, 18, 4),
    E("woodblock-printing", "yunling-cultural-center", 0,
      "木版年画体验", "Woodblock New Year prints",
      "刻版、上色、印刷，带走自己的年画。",
      "Carve, ink and print your own New Year picture.",
      C.HERITAGE, "tas", MANDARIN, 38, 14, 2.5, 18, 14),
    E("seniors-tai-chi-festival", "xicheng-cultural-center", 0,
      "长者健身展示", "Seniors' fitness showcase",
      "太极、八段锦和健身操展示。",
      "Tai chi, baduanjin and exercise routines.",
      C.SPORTS, "s", MANDARIN, 41, 9, 2, 120, 16),
    E("shiqiao-storytelling", "shiqiao-reading-room", 0,
      "老人讲故事", "Elders tell stories",
      "村里老人讲石桥的传说，孩子们来听。",
      "The village elders tell Shiqiao's legends to the children.",
      C.READING, "cs", DIALECT, 45, 15, 1.5, 25, 10, 2),
    E("jazz-evening", "binjiang-cultural-center", 1,
      "爵士乐之夜", "Jazz evening",
      "本地乐队演出经典爵士曲目。",
      "A local band plays jazz standards.",
      C.PERFORMANCE, "ta", ENGLISH, 49, 20, 2, 180, 22, 2, '40.00'),
    E("taoyuan-lantern-making", "taoyuan-station", 0,
      "花灯制作", "Lantern making",
      "用竹篾和彩纸扎一盏花灯。",
      "Make a lantern from bamboo strips and coloured paper.",
      C.FAMILY, "cas", MANDARIN, 53, 14, 2.5, 20, 12, 3),
    E("documentary-screening", "hi-tech-culture-hub", 1,
      "纪录片放映：《河流》", "Documentary: The River",
      "导演映后分享拍摄故事。",
      "The director talks about the film afterwards.",
      C.FILM, "tas", BILINGUAL, 57, 19, 2, 96, 12),
    # --- full with a waiting list, and the cancelled one ----------------------------------------------
    E("dumpling-workshop", "dongcheng-opera-club", 0,
      "包饺子学唱戏", "Dumplings and opera songs",
      "边包饺子边学两句京剧。",
      "Make dumplings and learn two lines of Peking opera.",
      C.HERITAGE, "as", MANDARIN, 9, 15, 2, 8, 14),
    E("star-gazing", "hi-tech-culture-hub", 0,
      "天文观测夜", "Star-gazing night",
      "用天文望远镜看月亮和木星。",
      "Look at the Moon and Jupiter through telescopes.",
      C.FAMILY, "cta", BILINGUAL, 13, 20, 2, 10, 18, 2),
    E("liuhe-river-concert", "liuhe-drum-troupe", 0,
      "柳河河畔音乐会", "Liuhe riverside concert",
      "锣鼓队与县民乐团联合演出。",
      "The drum troupe with the county folk orchestra.",
      C.PERFORMANCE, "ctas", DIALECT, 20, 18, 2, 30, 8),
]
# fmt: on
CANCELLED = "liuhe-river-concert"
CANCEL_REASON = (
    "因汛期河道涨水，为安全起见取消演出，敬请谅解。/ "
    "Cancelled for safety: the river is high in the flood season. We are sorry."
)
FULL = {"dumpling-workshop", "star-gazing", "photo-walk", "kids-clay", "tea-culture"}
SERIES = E(
    "tai-chi-class",
    "city-cultural-center",
    1,
    "太极拳晨练班",
    "Morning tai chi class",
    "每周一次晨练，跟老师学二十四式太极拳，零基础可参加。",
    "A morning class once a week: learn 24-form tai chi from the beginning.",
    C.SPORTS,
    "as",
    MANDARIN,
    -21,
    8,
    1.5,
    30,
    12,
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
            data = SERIES._replace(day=day, key=f"{SERIES.key}-week-{week}")
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


class ProposalData(NamedTuple):
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


P = ProposalData
# fmt: off
PROPOSALS = [
    P("grandma-li", "老年人合唱团", "A choir for older residents",
      "每周两次在文化馆排练老歌，年底给社区演出。",
      "Rehearse old songs twice a week and sing for the neighbourhood at year end.",
      C.PERFORMANCE, "s", "xicheng", "open_for_voting", "spring"),
    P("student-wang", "青少年编程马拉松", "Teen coding marathon",
      "一个周末，组队做一个帮助社区的小程序。", "One weekend, teams build a small app that helps the neighbourhood.",
      C.WORKSHOP, "t", "hi-tech-zone", "open_for_voting", "spring"),
    P("sim-resident-01", "露天电影进社区", "Open-air films in the neighbourhood",
      "夏天每月一次在小区广场放电影。", "A film on the estate square once a month in summer.",
      C.FILM, "ctas", None, "open_for_voting", "spring"),
    P("sim-resident-02", "非遗剪纸亲子课", "Paper cutting for parents and children",
      "请传承人教家长和孩子一起剪窗花。",
      "A heritage master teaches parents and children to cut window flowers together.",
      C.HERITAGE, "ca", "dongcheng", "open_for_voting", "spring"),
    P("sim-resident-03", "运河历史徒步", "Canal history walk",
      "沿运河走一走，讲讲老码头的故事。", "Walk along the canal and hear the stories of the old docks.",
      C.LECTURE, "tas", None, "open_for_voting", "spring"),
    P("farmer-zhao", "青山采茶节", "Qingshan tea-picking festival",
      "春茶上市时办采茶比赛和茶歌会。", "A picking contest and tea songs when the spring tea comes in.",
      C.HERITAGE, "ctas", "qingshan-township", "open_for_voting", "qingshan"),
    P("sim-resident-04", "青山农民画班", "Peasant painting class in Qingshan",
      "跟本地画家学农民画，作品在镇上展出。", "Learn peasant painting from local artists; the works are shown in town.",
      C.WORKSHOP, "tas", "qingshan-township", "open_for_voting", "qingshan"),
    P("sim-resident-05", "冬日书法写春联", "Writing spring couplets in winter",
      "春节前请书法老师现场写春联送居民。", "Before Spring Festival, calligraphers write couplets for residents.",
      C.HERITAGE, "as", None, "planned", "winter", "heritage-embroidery"),
    P("sim-resident-06", "剪纸入门", "Paper cutting for beginners",
      "想学剪纸，希望有入门课。", "I would like to learn paper cutting: a class for beginners, please.",
      C.HERITAGE, "tas", "dongcheng", "held", "winter", "paper-cutting-class"),
    P("sim-resident-07", "冰雪运动体验日", "Winter sports taster day",
      "在体育馆体验冰壶和旱地滑雪。", "Try curling and dry-slope skiing at the sports hall.",
      C.SPORTS, "cta", None, "selected", "winter"),
    P("sim-resident-08", "方言诗歌朗诵会", "Dialect poetry evening",
      "用家乡话朗诵诗歌。", "Poems read in the local dialect.",
      C.READING, "as", None, "not_selected", "winter"),
    P("sim-resident-09", "社区读书角", "A reading corner on every estate",
      "在小区里设换书架，每月一次读书会。", "Book-swap shelves on the estates and a monthly reading circle.",
      C.READING, "as", "binjiang", "submitted"),
    P("sim-resident-10", "广场舞编排课", "Square-dance choreography class",
      "请老师帮舞蹈队编新舞。", "A teacher helps the dance teams make new routines.",
      C.SPORTS, "s", "binjiang", "submitted"),
    P("sim-resident-11", "博物馆夜游", "Museum by night for families",
      "周五晚上开放博物馆，给孩子讲文物故事。",
      "Open the museum on Friday evenings and tell children the stories of the objects.",
      C.FAMILY, "ca", None, "under_review"),
    P("sim-resident-12", "手机摄影课", "Phone photography class",
      "教老年人用手机拍好照片。", "Teach older residents to take good photos with their phones.",
      C.WORKSHOP, "s", "yunling-county", "changes_requested"),
    P("sim-resident-13", "通宵音乐节", "All-night music festival",
      "在公园办通宵摇滚音乐节。", "An all-night rock festival in the park.",
      C.PERFORMANCE, "ta", None, "rejected"),
    P("sim-resident-14", "露天电影夜", "Open-air cinema nights",
      "夏天在广场放露天电影。", "Outdoor films on the square in summer.",
      C.FILM, "ctas", None, "merged"),
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
COMMENTS = [
    ("sim-resident-15", 0, "我愿意参加，每周二上午最合适。/ I would join; Tuesday mornings suit me best."),
    ("sim-resident-16", 1, "可以邀请高新区的企业工程师当评委。/ Engineers from the tech firms could be the judges."),
    ("resident", 2, "希望放一些老电影。/ Some old films, please."),
    ("sim-resident-17", 2, "广场晚上太吵了，别办了！！！/ The square is too noisy at night, stop it!!!"),
]
HIDDEN_COMMENT = 3
HIDDEN_REASON = "人身攻击和刷屏 / Shouting at other residents"


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

    for username, index, body in COMMENTS:
        comments.post_comment(user=users[username], proposal=made[index][1], body=body)
    comments.hide_comment(
        comment=ProposalComment.objects.get(body=COMMENTS[HIDDEN_COMMENT][2]), by_user=moderator, reason=HIDDEN_REASON
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
# (event key, [(name zh-hans, name en, description zh-hans, description en, slots)], how many sim residents)
VOLUNTEER_ROLES = [
    (
        "spring-opera-night",
        [
            (
                "引导员",
                "Usher",
                "在入口迎接观众，引导入座。",
                "Welcome the audience at the door and show them to their seats.",
                4,
            ),
            (
                "长者助手",
                "Helper for seniors",
                "陪伴行动不便的长者入场、离场。",
                "Accompany older people who walk with difficulty.",
                3,
            ),
        ],
        5,
    ),
    (
        "qingshan-harvest-festival",
        [
            ("摄影", "Photographer", "拍摄活动照片，供文化站存档。", "Take photos for the station's archive.", 2),
            (
                "集市帮手",
                "Market helper",
                "帮助农户摆摊、指引游客。",
                "Help farmers set up stalls and guide visitors.",
                6,
            ),
        ],
        4,
    ),
    (
        "seniors-tai-chi-festival",
        [
            (
                "长者助手",
                "Helper for seniors",
                "搀扶、递水、照看随身物品。",
                "Lend an arm, hand out water, mind bags.",
                3,
            )
        ],
        3,
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
    for key, roles, signups in VOLUNTEER_ROLES:
        event = Event.objects.filter(slug=f"demo-{key}").first()
        if event is None:
            continue
        for order, (name_zh, name_en, text_zh, text_en, slots) in enumerate(roles):
            VolunteerRole.objects.update_or_create(
                event=event,
                name_en=name_en,
                defaults={
                    "name_zh_hans": name_zh,
                    "description_zh_hans": text_zh,
                    "description_en": text_en,
                    "slots": slots,
                    "order": order,
                },
            )
        if VolunteerSignup.objects.filter(event=event).exists():
            continue
        rng = context.random_for(f"volunteers:{key}")
        event_roles = list(event.volunteer_roles.all())
        for user in rng.sample(sims, min(signups, len(sims))):
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
