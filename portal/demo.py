"""The portal's part of `manage.py seed_demo`: a fictional city, its organizers, venues and accounts.

Mingchuan (明川市) is made up: four urban districts and rural counties, townships and a village,
each with the public cultural bodies a real Chinese city has (the city cultural center, library and
museum, district branches, township cultural stations, village reading rooms, community groups).

Every app may keep a `demo.py` with a `seed(context)` function; the command finds them in
INSTALLED_APPS order, so this one runs before the domain apps, which look up what it made by
natural key (district code, organizer slug, username such as `sim-resident-07`).
"""

import colorsys
from dataclasses import dataclass, field, fields
from functools import cached_property
from io import BytesIO
from random import Random
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import identify_hasher, make_password
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from . import media
from .categories import Category
from .models import District, Organizer, Profile, User, Venue
from .roles import MODERATOR, ORGANIZER_STAFF, ensure_roles

DEMO_PASSWORD = "demo-pass-2026"
# Demo passwords are hashed with this fixed salt, so one hash serves every account (seeding stays fast
# with a slow production hasher) and a demo password can be recognised and removed without knowing
# any real one. The password is public anyway; 22 characters keep Django from re-salting it on sign-in.
DEMO_PASSWORD_SALT = "mingchuandemoportal026"
EMAIL_DOMAIN = "example.org"
SIM_RESIDENTS = 40


@dataclass
class DemoContext:
    """What `seed(context)` receives from `manage.py seed_demo`.

    `demo_passwords`: whether accounts get the shared, known DEMO_PASSWORD; `random`: seeded, for
    deterministic variety; `random_for(key)`: a generator that depends only on `key`, for data that
    must not change when another part of the demo changes. `add_account()` lists an account in the
    table printed at the end; `count_models` are counted in the summary (each seeded app's own models
    are counted anyway).
    """

    stdout: Any
    demo_passwords: bool
    seed: int = 2026
    random: Random = field(init=False)
    accounts: list[tuple[str, str]] = field(default_factory=list)
    count_models: list = field(default_factory=list)

    def __post_init__(self):
        self.random = Random(self.seed)

    def random_for(self, key):
        return Random(f"{self.seed}:{key}")

    @cached_property
    def demo_password_hash(self):
        return make_password(DEMO_PASSWORD, salt=DEMO_PASSWORD_SALT)

    def set_password(self, user):
        """Give `user` the demo password, or, without demo passwords, make sure it has no known one.

        Without demo passwords a new account (no password yet) and an account still holding the demo
        password become unusable; a password somebody chose is left alone. The caller saves.
        """
        if self.demo_passwords:
            user.password = self.demo_password_hash
        elif not user.password or is_demo_password(user.password):
            user.set_unusable_password()

    def add_account(self, username, role):
        self.accounts.append((username, role))


def is_demo_password(encoded):
    try:
        return identify_hasher(encoded).decode(encoded).get("salt") == DEMO_PASSWORD_SALT
    except ValueError:  # unusable or unknown format
        return False


# --- The city --------------------------------------------------------------------------------------

URBAN, RURAL = District.Kind.URBAN, District.Kind.RURAL


@dataclass(frozen=True, kw_only=True)
class DistrictData:
    code: str
    name_zh_hans: str
    name_en: str
    kind: str
    population: int


DISTRICTS = [
    DistrictData(code="dongcheng", name_zh_hans="东城区", name_en="Dongcheng District", kind=URBAN, population=612_400),
    DistrictData(code="xicheng", name_zh_hans="西城区", name_en="Xicheng District", kind=URBAN, population=548_900),
    DistrictData(code="binjiang", name_zh_hans="滨江区", name_en="Binjiang District", kind=URBAN, population=436_200),
    DistrictData(code="hi-tech-zone", name_zh_hans="高新区", name_en="Hi-Tech Zone", kind=URBAN, population=318_700),
    DistrictData(
        code="yunling-county", name_zh_hans="云岭县", name_en="Yunling County", kind=RURAL, population=286_300
    ),
    DistrictData(
        code="qingshan-township", name_zh_hans="青山镇", name_en="Qingshan Township", kind=RURAL, population=41_800
    ),
    DistrictData(
        code="taoyuan-township", name_zh_hans="桃源镇", name_en="Taoyuan Township", kind=RURAL, population=27_600
    ),
    DistrictData(code="liuhe-township", name_zh_hans="柳河乡", name_en="Liuhe Township", kind=RURAL, population=18_450),
    DistrictData(
        code="shiqiao-village", name_zh_hans="石桥村", name_en="Shiqiao Village area", kind=RURAL, population=2_310
    ),
]


@dataclass(frozen=True, kw_only=True)
class VenueData:
    name_zh_hans: str
    name_en: str
    address_zh_hans: str
    address_en: str
    capacity: int
    step_free_access: bool
    hearing_loop: bool
    accessible_toilet: bool
    accessibility_notes_zh_hans: str
    accessibility_notes_en: str
    opening_hours_zh_hans: str
    opening_hours_en: str
    district: str = ""  # when the venue lies outside its organizer's district


@dataclass(frozen=True, kw_only=True)
class OrganizerData:
    slug: str
    district: str
    kind: str
    name_zh_hans: str
    name_en: str
    description_zh_hans: str
    description_en: str
    venues: list[VenueData]


K = Organizer.Kind
WEEK_HOURS_ZH, WEEK_HOURS_EN = "周二至周日 9:00–17:00，周一闭馆", "Tue–Sun 9:00–17:00, closed on Mondays"
STATION_HOURS_ZH, STATION_HOURS_EN = "周一至周六 8:30–11:30，14:00–20:00", "Mon–Sat 8:30–11:30 and 14:00–20:00"

ORGANIZERS = [
    OrganizerData(
        slug="city-cultural-center",
        district="dongcheng",
        kind=K.CULTURAL_CENTER,
        name_zh_hans="明川市文化馆",
        name_en="Mingchuan City Cultural Center",
        description_zh_hans=(
            "全市公共文化服务的中心：演出、展览、公益培训、群众文艺和非物质文化遗产传承，并指导各区馆和乡镇文化站。"
        ),
        description_en=(
            "The city's hub for public culture: performances, exhibitions, free classes, amateur arts and "
            "intangible heritage, supporting every district branch and township station."
        ),
        venues=[
            VenueData(
                name_zh_hans="文化馆大剧场",
                name_en="Grand Theatre",
                address_zh_hans="东城区文化路18号",
                address_en="18 Wenhua Road, Dongcheng District",
                capacity=820,
                step_free_access=True,
                hearing_loop=True,
                accessible_toilet=True,
                accessibility_notes_zh_hans="东侧入口无台阶，池座设12个轮椅席位，助听环路覆盖池座和一楼楼座。",
                accessibility_notes_en=(
                    "Step-free entrance on the east side; 12 wheelchair spaces in the stalls; a hearing loop "
                    "covers the stalls and the first circle."
                ),
                opening_hours_zh_hans="演出日 18:30 开放入场；售票处周二至周日 9:00–19:00",
                opening_hours_en="Doors open 18:30 on performance days; box office Tue–Sun 9:00–19:00",
            ),
            VenueData(
                name_zh_hans="三楼排练厅",
                name_en="Rehearsal Studio (3rd floor)",
                address_zh_hans="东城区文化路18号3楼",
                address_en="3rd floor, 18 Wenhua Road, Dongcheng District",
                capacity=60,
                step_free_access=True,
                hearing_loop=False,
                accessible_toilet=True,
                accessibility_notes_zh_hans="可乘电梯到达，门宽90厘米；地板为木地板，适合轮椅。",
                accessibility_notes_en=(
                    "Reached by lift; doors 90 cm wide; smooth wooden floor suitable for wheelchairs."
                ),
                opening_hours_zh_hans=WEEK_HOURS_ZH,
                opening_hours_en=WEEK_HOURS_EN,
            ),
            VenueData(
                name_zh_hans="非遗展示厅",
                name_en="Intangible Heritage Gallery",
                address_zh_hans="东城区文化路18号1楼",
                address_en="Ground floor, 18 Wenhua Road, Dongcheng District",
                capacity=120,
                step_free_access=True,
                hearing_loop=True,
                accessible_toilet=True,
                accessibility_notes_zh_hans="展品说明配有大字版和二维码语音导览；前台可借用轮椅和放大镜。",
                accessibility_notes_en=(
                    "Large-print labels and QR-code audio descriptions; wheelchairs and magnifiers can be "
                    "borrowed at the front desk."
                ),
                opening_hours_zh_hans=WEEK_HOURS_ZH,
                opening_hours_en=WEEK_HOURS_EN,
            ),
        ],
    ),
    OrganizerData(
        slug="city-library",
        district="xicheng",
        kind=K.LIBRARY,
        name_zh_hans="明川市图书馆",
        name_en="Mingchuan City Library",
        description_zh_hans="市级公共图书馆，提供借阅、数字资源、讲座和少儿阅读推广，是全市总分馆体系的总馆。",
        description_en=(
            "The city's public library: lending, digital resources, lectures and children's reading, and "
            "the central library of the city's branch network."
        ),
        venues=[
            VenueData(
                name_zh_hans="学术报告厅",
                name_en="Lecture Hall",
                address_zh_hans="西城区书院街66号",
                address_en="66 Shuyuan Street, Xicheng District",
                capacity=240,
                step_free_access=True,
                hearing_loop=True,
                accessible_toilet=True,
                accessibility_notes_zh_hans="报告厅后排设轮椅位；助听环路覆盖全场，可在服务台领取接收器。",
                accessibility_notes_en=(
                    "Wheelchair spaces in the back row; a hearing loop covers the hall, and receivers are "
                    "available at the service desk."
                ),
                opening_hours_zh_hans="周一至周日 9:00–21:00",
                opening_hours_en="Mon–Sun 9:00–21:00",
            ),
            VenueData(
                name_zh_hans="少儿阅览室",
                name_en="Children's Reading Room",
                address_zh_hans="西城区书院街66号2楼",
                address_en="2nd floor, 66 Shuyuan Street, Xicheng District",
                capacity=80,
                step_free_access=True,
                hearing_loop=False,
                accessible_toilet=True,
                accessibility_notes_zh_hans="电梯直达；设母婴室和低位书架。",
                accessibility_notes_en="Lift access; a baby-care room and low shelves for small readers.",
                opening_hours_zh_hans="周二至周日 9:00–18:00",
                opening_hours_en="Tue–Sun 9:00–18:00",
            ),
        ],
    ),
    OrganizerData(
        slug="city-museum",
        district="binjiang",
        kind=K.MUSEUM,
        name_zh_hans="明川博物馆",
        name_en="Mingchuan Museum",
        description_zh_hans="收藏和展示明川两千年的城市史、江河文化和民间工艺，常设展免费开放。",
        description_en=(
            "Collects and shows two thousand years of Mingchuan's history, river culture and folk crafts; "
            "the permanent galleries are free."
        ),
        venues=[
            VenueData(
                name_zh_hans="常设展厅",
                name_en="Permanent Galleries",
                address_zh_hans="滨江区江滨路1号",
                address_en="1 Jiangbin Road, Binjiang District",
                capacity=300,
                step_free_access=True,
                hearing_loop=True,
                accessible_toilet=True,
                accessibility_notes_zh_hans="全馆无台阶，各层有无障碍卫生间；提供手语导览（需提前预约）。",
                accessibility_notes_en=(
                    "Step-free throughout with accessible toilets on every floor; sign-language tours on request "
                    "(book ahead)."
                ),
                opening_hours_zh_hans=WEEK_HOURS_ZH,
                opening_hours_en=WEEK_HOURS_EN,
            ),
            VenueData(
                name_zh_hans="江畔临时展厅",
                name_en="Riverside Temporary Gallery",
                address_zh_hans="滨江区江滨路1号东楼",
                address_en="East wing, 1 Jiangbin Road, Binjiang District",
                capacity=150,
                step_free_access=True,
                hearing_loop=False,
                accessible_toilet=True,
                accessibility_notes_zh_hans="从东楼坡道进入；展厅内有休息座椅。",
                accessibility_notes_en="Enter by the ramp at the east wing; seating throughout the gallery.",
                opening_hours_zh_hans=WEEK_HOURS_ZH,
                opening_hours_en=WEEK_HOURS_EN,
            ),
        ],
    ),
    OrganizerData(
        slug="dongcheng-opera-club",
        district="dongcheng",
        kind=K.COMMUNITY_GROUP,
        name_zh_hans="东城社区戏曲社",
        name_en="Dongcheng Community Opera Club",
        description_zh_hans="由退休戏迷组成的社区团体，每周排练越剧和京剧选段，欢迎新人旁听学唱。",
        description_en=(
            "A community group of retired opera lovers rehearsing Yue and Peking opera every week; newcomers "
            "are welcome to listen and learn."
        ),
        venues=[
            VenueData(
                name_zh_hans="槐树社区活动室",
                name_en="Huaishu Community Activity Room",
                address_zh_hans="东城区槐树巷12号",
                address_en="12 Huaishu Lane, Dongcheng District",
                capacity=40,
                step_free_access=False,
                hearing_loop=False,
                accessible_toilet=False,
                accessibility_notes_zh_hans=(
                    "入口有两级台阶，可提前联系架设移动坡道；最近的无障碍卫生间在社区服务中心（50米）。"
                ),
                accessibility_notes_en=(
                    "Two steps at the entrance; a portable ramp can be set up if you call ahead. The nearest "
                    "accessible toilet is at the community service centre (50 m)."
                ),
                opening_hours_zh_hans="周三、周六 14:00–17:00",
                opening_hours_en="Wed and Sat 14:00–17:00",
            ),
        ],
    ),
    OrganizerData(
        slug="xicheng-cultural-center",
        district="xicheng",
        kind=K.BRANCH,
        name_zh_hans="西城区文化馆",
        name_en="Xicheng District Cultural Center",
        description_zh_hans="西城区的群众文化阵地，开设书法、合唱、广场舞等公益课程，承办街道文化节。",
        description_en=(
            "Xicheng's community arts centre: free calligraphy, choir and square-dance classes, and the "
            "neighbourhood culture festivals."
        ),
        venues=[
            VenueData(
                name_zh_hans="西城文化活动中心",
                name_en="Xicheng Culture Activity Centre",
                address_zh_hans="西城区和平路208号",
                address_en="208 Heping Road, Xicheng District",
                capacity=300,
                step_free_access=True,
                hearing_loop=True,
                accessible_toilet=True,
                accessibility_notes_zh_hans="主入口有坡道；多功能厅配助听环路；停车场设无障碍车位。",
                accessibility_notes_en=(
                    "Ramp at the main entrance; hearing loop in the multi-purpose hall; accessible parking bays."
                ),
                opening_hours_zh_hans=WEEK_HOURS_ZH,
                opening_hours_en=WEEK_HOURS_EN,
            ),
        ],
    ),
    OrganizerData(
        slug="binjiang-cultural-center",
        district="binjiang",
        kind=K.BRANCH,
        name_zh_hans="滨江区文化馆",
        name_en="Binjiang District Cultural Center",
        description_zh_hans="滨江区文化馆负责区内演出、培训和夏季江畔音乐会。",
        description_en=(
            "Binjiang's district cultural center, running performances, classes and the summer riverside concerts."
        ),
        venues=[
            VenueData(
                name_zh_hans="滨江市民广场露天舞台",
                name_en="Binjiang Civic Square Open-Air Stage",
                address_zh_hans="滨江区市民广场",
                address_en="Civic Square, Binjiang District",
                capacity=1500,
                step_free_access=True,
                hearing_loop=False,
                accessible_toilet=True,
                accessibility_notes_zh_hans="广场平整无台阶，舞台前设轮椅观演区；雨天活动可能取消。",
                accessibility_notes_en=(
                    "Level square with no steps and a wheelchair viewing area in front of the stage; events may "
                    "be cancelled in rain."
                ),
                opening_hours_zh_hans="活动日 18:00–21:30",
                opening_hours_en="Event days 18:00–21:30",
            ),
            VenueData(
                name_zh_hans="滨江小剧场",
                name_en="Binjiang Studio Theatre",
                address_zh_hans="滨江区文化馆二楼",
                address_en="2nd floor, Binjiang District Cultural Center",
                capacity=180,
                step_free_access=False,
                hearing_loop=True,
                accessible_toilet=False,
                accessibility_notes_zh_hans="目前只能经楼梯到达（24级），电梯改造中；剧场配助听环路。",
                accessibility_notes_en=(
                    "Currently reached by stairs only (24 steps) while the lift is rebuilt; the theatre has a "
                    "hearing loop."
                ),
                opening_hours_zh_hans=WEEK_HOURS_ZH,
                opening_hours_en=WEEK_HOURS_EN,
            ),
        ],
    ),
    OrganizerData(
        slug="hi-tech-culture-hub",
        district="hi-tech-zone",
        kind=K.BRANCH,
        name_zh_hans="高新区文化中心",
        name_en="Hi-Tech Zone Culture Hub",
        description_zh_hans="面向年轻家庭和园区员工的文化中心：创客工作坊、夜间课程和周末亲子活动。",
        description_en=(
            "A culture hub for young families and the people who work in the zone: maker workshops, "
            "evening classes and weekend family activities."
        ),
        venues=[
            VenueData(
                name_zh_hans="创客空间",
                name_en="Maker Space",
                address_zh_hans="高新区创新大道99号",
                address_en="99 Chuangxin Avenue, Hi-Tech Zone",
                capacity=40,
                step_free_access=True,
                hearing_loop=False,
                accessible_toilet=True,
                accessibility_notes_zh_hans="全层无台阶；工作台高度可调。",
                accessibility_notes_en="Step-free floor; height-adjustable workbenches.",
                opening_hours_zh_hans="周二至周五 14:00–21:00，周末 10:00–18:00",
                opening_hours_en="Tue–Fri 14:00–21:00, weekends 10:00–18:00",
            ),
            VenueData(
                name_zh_hans="星空放映厅",
                name_en="Starlight Screening Room",
                address_zh_hans="高新区创新大道99号B1",
                address_en="Basement 1, 99 Chuangxin Avenue, Hi-Tech Zone",
                capacity=96,
                step_free_access=True,
                hearing_loop=True,
                accessible_toilet=True,
                accessibility_notes_zh_hans="电梯到B1；放映配中英文字幕和助听环路。",
                accessibility_notes_en=(
                    "Lift to basement 1; screenings with Chinese and English subtitles and a hearing loop."
                ),
                opening_hours_zh_hans="放映日 19:00–22:00",
                opening_hours_en="Screening days 19:00–22:00",
            ),
        ],
    ),
    OrganizerData(
        slug="hi-tech-library-branch",
        district="hi-tech-zone",
        kind=K.LIBRARY,
        name_zh_hans="明川市图书馆高新分馆",
        name_en="Mingchuan Library, Hi-Tech Branch",
        description_zh_hans="市图书馆在高新区的分馆，设24小时城市书房，通借通还。",
        description_en=(
            "The city library's branch in the Hi-Tech Zone with a 24-hour reading room; borrow and return "
            "anywhere in the network."
        ),
        venues=[
            VenueData(
                name_zh_hans="24小时城市书房",
                name_en="24-hour City Reading Room",
                address_zh_hans="高新区科技园路3号",
                address_en="3 Kejiyuan Road, Hi-Tech Zone",
                capacity=50,
                step_free_access=True,
                hearing_loop=False,
                accessible_toilet=False,
                accessibility_notes_zh_hans="自动门无台阶；刷读者证进入。",
                accessibility_notes_en="Automatic step-free door; enter with your library card.",
                opening_hours_zh_hans="全天开放",
                opening_hours_en="Open 24 hours",
            ),
        ],
    ),
    OrganizerData(
        slug="yunling-cultural-center",
        district="yunling-county",
        kind=K.BRANCH,
        name_zh_hans="云岭县文化馆",
        name_en="Yunling County Cultural Center",
        description_zh_hans="云岭县的文化馆，组织送戏下乡、山歌会和县域非遗项目保护。",
        description_en=(
            "Yunling County's cultural center: touring performances to villages, the mountain-song festival "
            "and the county's intangible heritage."
        ),
        venues=[
            VenueData(
                name_zh_hans="县文化馆演艺厅",
                name_en="County Performance Hall",
                address_zh_hans="云岭县城关镇人民路45号",
                address_en="45 Renmin Road, Chengguan, Yunling County",
                capacity=400,
                step_free_access=True,
                hearing_loop=False,
                accessible_toilet=True,
                accessibility_notes_zh_hans="正门坡道较陡，建议从侧门进入；设无障碍卫生间。",
                accessibility_notes_en="The main ramp is steep; the side door is easier. Accessible toilet available.",
                opening_hours_zh_hans=WEEK_HOURS_ZH,
                opening_hours_en=WEEK_HOURS_EN,
            ),
        ],
    ),
    OrganizerData(
        slug="yunling-library",
        district="yunling-county",
        kind=K.LIBRARY,
        name_zh_hans="云岭县图书馆",
        name_en="Yunling County Library",
        description_zh_hans="县级公共图书馆，负责全县农家书屋的图书配送和流动借阅车。",
        description_en="The county library, supplying the village reading rooms and running the mobile library van.",
        venues=[
            VenueData(
                name_zh_hans="县图书馆阅览大厅",
                name_en="Main Reading Hall",
                address_zh_hans="云岭县城关镇文昌路8号",
                address_en="8 Wenchang Road, Chengguan, Yunling County",
                capacity=150,
                step_free_access=True,
                hearing_loop=True,
                accessible_toilet=True,
                accessibility_notes_zh_hans="一楼阅览大厅无台阶；服务台有助听环路和放大镜。",
                accessibility_notes_en=(
                    "Step-free reading hall on the ground floor; hearing loop and magnifiers at the service desk."
                ),
                opening_hours_zh_hans="周一至周六 8:30–17:30",
                opening_hours_en="Mon–Sat 8:30–17:30",
            ),
        ],
    ),
    OrganizerData(
        slug="qingshan-station",
        district="qingshan-township",
        kind=K.TOWNSHIP_STATION,
        name_zh_hans="青山镇综合文化站",
        name_en="Qingshan Township Cultural Station",
        description_zh_hans="乡镇综合文化站，开展采茶戏、农民夜校、电影放映和广场舞活动。",
        description_en=(
            "The township cultural station: tea-picking opera, evening classes for farmers, film screenings "
            "and square dancing."
        ),
        venues=[
            VenueData(
                name_zh_hans="文化站多功能厅",
                name_en="Station Multi-purpose Hall",
                address_zh_hans="青山镇政府路2号",
                address_en="2 Zhengfu Road, Qingshan Township",
                capacity=120,
                step_free_access=True,
                hearing_loop=False,
                accessible_toilet=True,
                accessibility_notes_zh_hans="一楼无台阶；有无障碍卫生间。",
                accessibility_notes_en="Step-free ground floor; accessible toilet.",
                opening_hours_zh_hans=STATION_HOURS_ZH,
                opening_hours_en=STATION_HOURS_EN,
            ),
            VenueData(
                name_zh_hans="青山镇文化广场",
                name_en="Qingshan Culture Square",
                address_zh_hans="青山镇集镇中心",
                address_en="Town centre, Qingshan Township",
                capacity=600,
                step_free_access=True,
                hearing_loop=False,
                accessible_toilet=False,
                accessibility_notes_zh_hans="露天广场，地面平整；公共卫生间在广场北侧（非无障碍）。",
                accessibility_notes_en=(
                    "Open-air square with level paving; public toilets on the north side (not accessible)."
                ),
                opening_hours_zh_hans="全天开放",
                opening_hours_en="Open all day",
            ),
        ],
    ),
    OrganizerData(
        slug="chayuan-reading-room",
        district="qingshan-township",
        kind=K.VILLAGE_READING_ROOM,
        name_zh_hans="茶园村农家书屋",
        name_en="Chayuan Village Reading Room",
        description_zh_hans="村里的农家书屋，藏书三千余册，有农业技术、少儿读物和报刊，周末有志愿者陪读。",
        description_en=(
            "The village reading room: over 3,000 books on farming, for children and newspapers, with "
            "volunteer reading sessions at weekends."
        ),
        venues=[
            VenueData(
                name_zh_hans="茶园村农家书屋",
                name_en="Chayuan Village Reading Room",
                address_zh_hans="青山镇茶园村村委会一楼",
                address_en="Ground floor, Chayuan Village Committee, Qingshan Township",
                capacity=20,
                step_free_access=False,
                hearing_loop=False,
                accessible_toilet=False,
                accessibility_notes_zh_hans="门口有一级台阶（约15厘米）；管理员可协助进入。",
                accessibility_notes_en="One step at the door (about 15 cm); the keeper will help you in.",
                opening_hours_zh_hans="周一至周五 15:00–18:00，周六 9:00–12:00",
                opening_hours_en="Mon–Fri 15:00–18:00, Sat 9:00–12:00",
            ),
        ],
    ),
    OrganizerData(
        slug="taoyuan-station",
        district="taoyuan-township",
        kind=K.TOWNSHIP_STATION,
        name_zh_hans="桃源镇综合文化站",
        name_en="Taoyuan Township Cultural Station",
        description_zh_hans="桃源镇综合文化站，每年春天举办桃花节民俗展演，常年开设剪纸和竹编课程。",
        description_en=(
            "Taoyuan's township cultural station: the spring peach-blossom folk festival and year-round "
            "paper-cutting and bamboo-weaving classes."
        ),
        venues=[
            VenueData(
                name_zh_hans="桃源镇文化站礼堂",
                name_en="Taoyuan Station Hall",
                address_zh_hans="桃源镇桃花路16号",
                address_en="16 Taohua Road, Taoyuan Township",
                capacity=150,
                step_free_access=True,
                hearing_loop=False,
                accessible_toilet=True,
                accessibility_notes_zh_hans="坡道入口在礼堂南侧。",
                accessibility_notes_en="Ramp entrance on the south side of the hall.",
                opening_hours_zh_hans=STATION_HOURS_ZH,
                opening_hours_en=STATION_HOURS_EN,
            ),
        ],
    ),
    OrganizerData(
        slug="liuhe-station",
        district="liuhe-township",
        kind=K.TOWNSHIP_STATION,
        name_zh_hans="柳河乡综合文化站",
        name_en="Liuhe Township Cultural Station",
        description_zh_hans="柳河乡综合文化站，组织送书下村、老年合唱团和留守儿童暑期课堂。",
        description_en=(
            "Liuhe's township cultural station: books to the villages, a seniors' choir and a summer school "
            "for children whose parents work away."
        ),
        venues=[
            VenueData(
                name_zh_hans="柳河乡文化站活动室",
                name_en="Liuhe Station Activity Room",
                address_zh_hans="柳河乡柳河街9号",
                address_en="9 Liuhe Street, Liuhe Township",
                capacity=80,
                step_free_access=False,
                hearing_loop=False,
                accessible_toilet=True,
                accessibility_notes_zh_hans="活动室在二楼，暂无电梯；一楼有无障碍卫生间，可安排在一楼接待。",
                accessibility_notes_en=(
                    "The activity room is upstairs with no lift yet; there is an accessible toilet downstairs "
                    "and staff can meet you on the ground floor."
                ),
                opening_hours_zh_hans=STATION_HOURS_ZH,
                opening_hours_en=STATION_HOURS_EN,
            ),
        ],
    ),
    OrganizerData(
        slug="liuhe-drum-troupe",
        district="liuhe-township",
        kind=K.COMMUNITY_GROUP,
        name_zh_hans="柳河锣鼓队",
        name_en="Liuhe Gong and Drum Troupe",
        description_zh_hans="村民自发组织的锣鼓队，传承本地锣鼓乐，节庆时巡演各村。",
        description_en=(
            "A villagers' troupe keeping the local gong-and-drum music alive, touring the villages at festivals."
        ),
        venues=[
            VenueData(
                name_zh_hans="柳河村晒谷场",
                name_en="Liuhe Threshing Ground",
                address_zh_hans="柳河乡柳河村东头",
                address_en="East end of Liuhe Village, Liuhe Township",
                capacity=300,
                step_free_access=True,
                hearing_loop=False,
                accessible_toilet=False,
                accessibility_notes_zh_hans="露天场地，地面为水泥，平整；演出声音较大。",
                accessibility_notes_en="Open-air, level concrete ground; performances are loud.",
                opening_hours_zh_hans="排练：周五 19:00–21:00",
                opening_hours_en="Rehearsals: Fri 19:00–21:00",
            ),
        ],
    ),
    OrganizerData(
        slug="shiqiao-reading-room",
        district="shiqiao-village",
        kind=K.VILLAGE_READING_ROOM,
        name_zh_hans="石桥村农家书屋",
        name_en="Shiqiao Village Reading Room",
        description_zh_hans="石桥村的农家书屋和文化礼堂，村民读书会每月一次，逢年过节放映露天电影。",
        description_en=(
            "Shiqiao's reading room and village culture hall: a monthly readers' circle and open-air films at "
            "festivals."
        ),
        venues=[
            VenueData(
                name_zh_hans="石桥村党群服务中心书屋",
                name_en="Reading Room, Village Service Centre",
                address_zh_hans="石桥村党群服务中心",
                address_en="Village Service Centre, Shiqiao",
                capacity=25,
                step_free_access=True,
                hearing_loop=False,
                accessible_toilet=True,
                accessibility_notes_zh_hans="服务中心一楼，无台阶；有无障碍卫生间。",
                accessibility_notes_en="Ground floor of the service centre, step-free; accessible toilet.",
                opening_hours_zh_hans="周二、周四、周六 9:00–17:00",
                opening_hours_en="Tue, Thu and Sat 9:00–17:00",
            ),
            VenueData(
                name_zh_hans="石桥村文化礼堂",
                name_en="Shiqiao Village Culture Hall",
                address_zh_hans="石桥村古桥头",
                address_en="By the old bridge, Shiqiao",
                capacity=200,
                step_free_access=False,
                hearing_loop=False,
                accessible_toilet=False,
                accessibility_notes_zh_hans="百年祠堂改建，门槛较高（约25厘米）；活动时有志愿者协助。",
                accessibility_notes_en=(
                    "A century-old ancestral hall with a high threshold (about 25 cm); volunteers help at events."
                ),
                opening_hours_zh_hans="活动日开放",
                opening_hours_en="Open on event days",
            ),
        ],
    ),
]


# --- Accounts ----------------------------------------------------------------------------------------

STAFF_NAMES = ["张敏", "刘洋", "陈静", "杨帆", "黄丽", "周强", "吴婷", "徐磊", "孙悦", "马超", "朱琳", "胡斌", "郭佳"]


@dataclass(frozen=True, kw_only=True)
class ResidentData:
    username: str
    display_name: str
    first_name: str
    last_name: str
    district: str
    age_band: str
    preferred_languages: list[str]
    interests: list[str]
    large_text: bool = False
    personalisation_consent: bool = True
    notification_frequency: str = Profile.NotificationFrequency.IMMEDIATELY


C, Age = Category, Profile.AgeBand
RESIDENTS = [
    ResidentData(
        username="resident",
        display_name="林晓",
        first_name="Xiao",
        last_name="Lin",
        district="dongcheng",
        age_band=Age.ADULT,
        preferred_languages=["zh-hans", "en"],
        interests=[C.PERFORMANCE, C.FILM, C.READING],
    ),
    ResidentData(
        username="grandma-li",
        display_name="李奶奶",
        first_name="Guifang",
        last_name="Li",
        district="xicheng",
        age_band=Age.SENIOR,
        preferred_languages=["zh-hans"],
        interests=[C.HERITAGE, C.PERFORMANCE, C.SPORTS],
        large_text=True,
        notification_frequency=Profile.NotificationFrequency.WEEKLY,
    ),
    ResidentData(
        username="student-wang",
        display_name="王同学",
        first_name="Hao",
        last_name="Wang",
        district="hi-tech-zone",
        age_band=Age.TEEN,
        preferred_languages=["en", "zh-hans"],
        interests=[C.WORKSHOP, C.LECTURE],
    ),
    ResidentData(
        username="farmer-zhao",
        display_name="赵大伯",
        first_name="Jianguo",
        last_name="Zhao",
        district="qingshan-township",
        age_band=Age.ADULT,
        preferred_languages=["zh-hans"],
        interests=[C.HERITAGE, C.READING, C.FAMILY],
        personalisation_consent=False,
        notification_frequency=Profile.NotificationFrequency.DAILY,
    ),
]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN_NAMES = [
    "芳",
    "伟",
    "秀英",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "艳",
    "勇",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "霞",
]


def seed(context):
    ensure_roles()
    context.count_models += [EmailAddress, Group]
    districts = seed_districts()
    organizers = seed_organizers(districts)
    seed_venues(context, organizers, districts)
    seed_accounts(context, organizers, districts)


def seed_districts():
    districts = {}
    for data in DISTRICTS:
        districts[data.code], _ = District.objects.update_or_create(
            code=data.code,
            defaults={
                "name_zh_hans": data.name_zh_hans,
                "name_en": data.name_en,
                "kind": data.kind,
                "population": data.population,
            },
        )
    return districts


def seed_organizers(districts):
    organizers = {}
    for number, data in enumerate(ORGANIZERS, start=1):
        organizers[data.slug], _ = Organizer.objects.update_or_create(
            slug=data.slug,
            defaults={
                "district": districts[data.district],
                "kind": data.kind,
                "name_zh_hans": data.name_zh_hans,
                "name_en": data.name_en,
                "description_zh_hans": data.description_zh_hans,
                "description_en": data.description_en,
                "email": f"{data.slug}@{EMAIL_DOMAIN}",
                "phone": f"0000-8860{number:04d}",
            },
        )
    return organizers


def seed_venues(context, organizers, districts):
    """Venues by (organizer, English name); each gets a generated photo and its thumbnail once.

    The thumbnail is made here, before the venue is saved, so Venue.save() finds it fresh and queues
    no task: the demo is complete even when REDIS_URL is set and no worker runs yet.
    """
    for data in ORGANIZERS:
        organizer = organizers[data.slug]
        for number, venue_data in enumerate(data.venues, start=1):
            venue = Venue.objects.filter(organizer=organizer, name_en=venue_data.name_en).first()
            if venue is None:
                venue = Venue(organizer=organizer)
            venue.district = districts[venue_data.district or data.district]
            for name in (data_field.name for data_field in fields(VenueData)):
                if name != "district":
                    setattr(venue, name, getattr(venue_data, name))
            if not (venue.photo and venue.photo.storage.exists(venue.photo.name)):
                key = f"{data.slug}-{number}"
                venue.photo.save(f"{key}.jpg", ContentFile(venue_photo(context.random_for(key))), save=False)
            media.refresh_thumbnail(venue, source="photo", target="photo_thumbnail")
            venue.save()


def seed_accounts(context, organizers, districts):
    admin = ensure_user(context, "admin", first_name="Admin", last_name="Demo", is_staff=True, is_superuser=True)
    context.add_account(admin.username, "superuser: everything in /admin/")

    staff_group = Group.objects.get(name=ORGANIZER_STAFF)
    for number, organizer in enumerate(organizers.values()):
        user = ensure_user(context, f"staff-{organizer.slug}", is_staff=True)
        user.groups.add(staff_group)
        organizer.staff.add(user)
        update_profile(user, display_name=STAFF_NAMES[number % len(STAFF_NAMES)], district=organizer.district)
        context.add_account(user.username, f"organizer staff: {organizer.name_en}")

    moderator = ensure_user(context, "moderator", first_name="Mei", last_name="Chen", is_staff=True)
    moderator.groups.add(Group.objects.get(name=MODERATOR))
    update_profile(moderator, display_name="陈梅", district=districts["dongcheng"])
    context.add_account(moderator.username, "moderator")

    for data in RESIDENTS:
        user = ensure_user(context, data.username, first_name=data.first_name, last_name=data.last_name)
        update_profile(
            user,
            display_name=data.display_name,
            district=districts[data.district],
            age_band=data.age_band,
            preferred_languages=data.preferred_languages,
            interests=[str(value) for value in data.interests],
            large_text=data.large_text,
            personalisation_consent=data.personalisation_consent,
            notification_frequency=data.notification_frequency,
        )
        district = districts[data.district]
        context.add_account(user.username, f"resident ({data.age_band}), {district.name_en}")

    seed_simulated_residents(context, districts)
    context.add_account(
        f"sim-resident-01 … sim-resident-{SIM_RESIDENTS:02d}", "simulated residents (for sign-ups and votes)"
    )


def seed_simulated_residents(context, districts):
    """Residents spread over the districts roughly by population, with varied ages and interests."""
    rng = context.random_for("sim-residents")
    codes = list(districts)
    weights = [districts[code].population ** 0.5 for code in codes]  # villages still get some
    for number in range(1, SIM_RESIDENTS + 1):
        district = districts[rng.choices(codes, weights)[0]]
        age_band = rng.choice([Age.TEEN, Age.ADULT, Age.ADULT, Age.ADULT, Age.SENIOR, Age.SENIOR])
        languages = ["zh-hans", "en"] if rng.random() < 0.2 else ["zh-hans"]
        interests = sorted(rng.sample(Category.values[:-1], rng.randint(1, 4)))
        name = rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)
        consent = rng.random() < 0.7
        user = ensure_user(context, f"sim-resident-{number:02d}")
        update_profile(
            user,
            display_name=name,
            district=district,
            age_band=age_band,
            preferred_languages=languages,
            interests=interests,
            large_text=age_band == Age.SENIOR and rng.random() < 0.5,
            personalisation_consent=consent,
        )


def ensure_user(context, username, **fields):
    """The account `username`, created once with a verified @example.org address; `fields` are re-applied every run."""
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, email=f"{username}@{EMAIL_DOMAIN}")
    for name, value in fields.items():
        setattr(user, name, value)
    context.set_password(user)
    user.save()
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return user


def update_profile(user, **fields):
    profile, _ = Profile.objects.get_or_create(user=user)
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.save()


# --- Venue photos ----------------------------------------------------------------------------------


def venue_photo(rng, size=(1200, 800)):
    """A calm generated picture of a building under a sky: gradient, sun, hills, a hall with a roof.

    Colours come from `rng`, so each venue keeps its own picture from run to run.
    """
    width, height = size
    hue = rng.random()

    def colour(hue_shift, saturation, value, alpha=255):
        red, green, blue = colorsys.hsv_to_rgb((hue + hue_shift) % 1, saturation, value)
        return round(red * 255), round(green * 255), round(blue * 255), alpha

    sky = Image.linear_gradient("L").resize(size)
    image = Image.composite(
        Image.new("RGB", size, colour(0.05, 0.45, 0.95)[:3]), Image.new("RGB", size, colour(0, 0.3, 0.75)[:3]), sky
    )
    draw = ImageDraw.Draw(image, "RGBA")

    radius = rng.randint(60, 110)
    sun_x, sun_y = rng.randint(150, width - 150), rng.randint(90, 240)
    draw.ellipse((sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius), fill=colour(0.5, 0.35, 1, 220))

    hills = rng.uniform(0.22, 0.42) - hue  # green to teal whatever the sky
    for layer, (base, value) in enumerate([(0.55, 0.6), (0.7, 0.45)]):
        points = [(0, height)]
        for x in range(0, width + 200, 200):
            points.append((x, round(height * base + rng.randint(-60, 60) + layer * 30)))
        points.append((width, height))
        draw.polygon(points, fill=colour(hills + layer * 0.04, 0.45, value))

    hall_width = rng.randint(420, 560)
    left = rng.randint(120, width - hall_width - 120)
    right, top, ground = left + hall_width, round(height * 0.5), round(height * 0.86)
    draw.rectangle((left, top, right, ground), fill=colour(0.55, 0.15, 0.96))
    eave = 70
    draw.polygon(
        [(left - eave, top + 10), (left + 40, top - 90), (right - 40, top - 90), (right + eave, top + 10)],
        fill=colour(0.52, 0.55, 0.45),
    )
    columns = rng.randint(4, 6)
    step = hall_width / columns
    for index in range(columns):
        window_left = round(left + index * step + step * 0.25)
        draw.rectangle(
            (window_left, top + 50, round(window_left + step * 0.5), ground - 40), fill=colour(0.1, 0.5, 0.9, 230)
        )
    door = round(step * 0.6)
    middle = (left + right) // 2
    draw.rectangle((middle - door // 2, ground - 150, middle + door // 2, ground), fill=colour(0.52, 0.6, 0.4))

    out = BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()
