"""The portal's part of `manage.py seed_demo`: a fictional city, its organizers, venues and accounts.

Mingchuan (明川市) is made up: four urban districts and rural counties, townships and a village,
each with the public cultural bodies a real Chinese city has (the city cultural center, library and
museum, district branches, township cultural stations, village reading rooms, community groups).

Every app may keep a `demo.py` with a `seed(context)` function; the command finds them in
INSTALLED_APPS order, so this one runs before the domain apps, which look up what it made by
natural key (district code, organizer slug, username such as `sim-resident-07`).
"""

import colorsys
from dataclasses import dataclass, field
from functools import cached_property
from io import BytesIO
from random import Random
from typing import Any, NamedTuple

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


class DistrictData(NamedTuple):
    code: str
    name_zh_hans: str
    name_en: str
    kind: str
    population: int


DISTRICTS = [
    DistrictData("dongcheng", "东城区", "Dongcheng District", URBAN, 612_400),
    DistrictData("xicheng", "西城区", "Xicheng District", URBAN, 548_900),
    DistrictData("binjiang", "滨江区", "Binjiang District", URBAN, 436_200),
    DistrictData("hi-tech-zone", "高新区", "Hi-Tech Zone", URBAN, 318_700),
    DistrictData("yunling-county", "云岭县", "Yunling County", RURAL, 286_300),
    DistrictData("qingshan-township", "青山镇", "Qingshan Township", RURAL, 41_800),
    DistrictData("taoyuan-township", "桃源镇", "Taoyuan Township", RURAL, 27_600),
    DistrictData("liuhe-township", "柳河乡", "Liuhe Township", RURAL, 18_450),
    DistrictData("shiqiao-village", "石桥村", "Shiqiao Village area", RURAL, 2_310),
]


class VenueData(NamedTuple):
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


class OrganizerData(NamedTuple):
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
        "city-cultural-center",
        "dongcheng",
        K.CULTURAL_CENTER,
        "明川市文化馆",
        "Mingchuan City Cultural Center",
        "全市公共文化服务的中心：演出、展览、公益培训、群众文艺和非物质文化遗产传承，并指导各区馆和乡镇文化站。",
        "The city's hub for public culture: performances, exhibitions, free classes, amateur arts and "
        "intangible heritage, supporting every district branch and township station.",
        [
            VenueData(
                "文化馆大剧场",
                "Grand Theatre",
                "东城区文化路18号",
                "18 Wenhua Road, Dongcheng District",
                820,
                True,
                True,
                True,
                "东侧入口无台阶，池座设12个轮椅席位，助听环路覆盖池座和一楼楼座。",
                "Step-free entrance on the east side; 12 wheelchair spaces in the stalls; a hearing loop "
                "covers the stalls and the first circle.",
                "演出日 18:30 开放入场；售票处周二至周日 9:00–19:00",
                "Doors open 18:30 on performance days; box office Tue–Sun 9:00–19:00",
            ),
            VenueData(
                "三楼排练厅",
                "Rehearsal Studio (3rd floor)",
                "东城区文化路18号3楼",
                "3rd floor, 18 Wenhua Road, Dongcheng District",
                60,
                True,
                False,
                True,
                "可乘电梯到达，门宽90厘米；地板为木地板，适合轮椅。",
                "Reached by lift; doors 90 cm wide; smooth wooden floor suitable for wheelchairs.",
                WEEK_HOURS_ZH,
                WEEK_HOURS_EN,
            ),
            VenueData(
                "非遗展示厅",
                "Intangible Heritage Gallery",
                "东城区文化路18号1楼",
                "Ground floor, 18 Wenhua Road, Dongcheng District",
                120,
                True,
                True,
                True,
                "展品说明配有大字版和二维码语音导览；前台可借用轮椅和放大镜。",
                "Large-print labels and QR-code audio descriptions; wheelchairs and magnifiers can be "
                "borrowed at the front desk.",
                WEEK_HOURS_ZH,
                WEEK_HOURS_EN,
            ),
        ],
    ),
    OrganizerData(
        "city-library",
        "xicheng",
        K.LIBRARY,
        "明川市图书馆",
        "Mingchuan City Library",
        "市级公共图书馆，提供借阅、数字资源、讲座和少儿阅读推广，是全市总分馆体系的总馆。",
        "The city's public library: lending, digital resources, lectures and children's reading, and "
        "the central library of the city's branch network.",
        [
            VenueData(
                "学术报告厅",
                "Lecture Hall",
                "西城区书院街66号",
                "66 Shuyuan Street, Xicheng District",
                240,
                True,
                True,
                True,
                "报告厅后排设轮椅位；助听环路覆盖全场，可在服务台领取接收器。",
                "Wheelchair spaces in the back row; a hearing loop covers the hall, and receivers are "
                "available at the service desk.",
                "周一至周日 9:00–21:00",
                "Mon–Sun 9:00–21:00",
            ),
            VenueData(
                "少儿阅览室",
                "Children's Reading Room",
                "西城区书院街66号2楼",
                "2nd floor, 66 Shuyuan Street, Xicheng District",
                80,
                True,
                False,
                True,
                "电梯直达；设母婴室和低位书架。",
                "Lift access; a baby-care room and low shelves for small readers.",
                "周二至周日 9:00–18:00",
                "Tue–Sun 9:00–18:00",
            ),
        ],
    ),
    OrganizerData(
        "city-museum",
        "binjiang",
        K.MUSEUM,
        "明川博物馆",
        "Mingchuan Museum",
        "收藏和展示明川两千年的城市史、江河文化和民间工艺，常设展免费开放。",
        "Collects and shows two thousand years of Mingchuan's history, river culture and folk crafts; "
        "the permanent galleries are free.",
        [
            VenueData(
                "常设展厅",
                "Permanent Galleries",
                "滨江区江滨路1号",
                "1 Jiangbin Road, Binjiang District",
                300,
                True,
                True,
                True,
                "全馆无台阶，各层有无障碍卫生间；提供手语导览（需提前预约）。",
                "Step-free throughout with accessible toilets on every floor; sign-language tours on request "
                "(book ahead).",
                WEEK_HOURS_ZH,
                WEEK_HOURS_EN,
            ),
            VenueData(
                "江畔临时展厅",
                "Riverside Temporary Gallery",
                "滨江区江滨路1号东楼",
                "East wing, 1 Jiangbin Road, Binjiang District",
                150,
                True,
                False,
                True,
                "从东楼坡道进入；展厅内有休息座椅。",
                "Enter by the ramp at the east wing; seating throughout the gallery.",
                WEEK_HOURS_ZH,
                WEEK_HOURS_EN,
            ),
        ],
    ),
    OrganizerData(
        "dongcheng-opera-club",
        "dongcheng",
        K.COMMUNITY_GROUP,
        "东城社区戏曲社",
        "Dongcheng Community Opera Club",
        "由退休戏迷组成的社区团体，每周排练越剧和京剧选段，欢迎新人旁听学唱。",
        "A community group of retired opera lovers rehearsing Yue and Peking opera every week; newcomers "
        "are welcome to listen and learn.",
        [
            VenueData(
                "槐树社区活动室",
                "Huaishu Community Activity Room",
                "东城区槐树巷12号",
                "12 Huaishu Lane, Dongcheng District",
                40,
                False,
                False,
                False,
                "入口有两级台阶，可提前联系架设移动坡道；最近的无障碍卫生间在社区服务中心（50米）。",
                "Two steps at the entrance; a portable ramp can be set up if you call ahead. The nearest "
                "accessible toilet is at the community service centre (50 m).",
                "周三、周六 14:00–17:00",
                "Wed and Sat 14:00–17:00",
            ),
        ],
    ),
    OrganizerData(
        "xicheng-cultural-center",
        "xicheng",
        K.BRANCH,
        "西城区文化馆",
        "Xicheng District Cultural Center",
        "西城区的群众文化阵地，开设书法、合唱、广场舞等公益课程，承办街道文化节。",
        "Xicheng's community arts centre: free calligraphy, choir and square-dance classes, and the "
        "neighbourhood culture festivals.",
        [
            VenueData(
                "西城文化活动中心",
                "Xicheng Culture Activity Centre",
                "西城区和平路208号",
                "208 Heping Road, Xicheng District",
                300,
                True,
                True,
                True,
                "主入口有坡道；多功能厅配助听环路；停车场设无障碍车位。",
                "Ramp at the main entrance; hearing loop in the multi-purpose hall; accessible parking bays.",
                WEEK_HOURS_ZH,
                WEEK_HOURS_EN,
            ),
        ],
    ),
    OrganizerData(
        "binjiang-cultural-center",
        "binjiang",
        K.BRANCH,
        "滨江区文化馆",
        "Binjiang District Cultural Center",
        "滨江区文化馆负责区内演出、培训和夏季江畔音乐会。",
        "Binjiang's district cultural center, running performances, classes and the summer riverside concerts.",
        [
            VenueData(
                "滨江市民广场露天舞台",
                "Binjiang Civic Square Open-Air Stage",
                "滨江区市民广场",
                "Civic Square, Binjiang District",
                1500,
                True,
                False,
                True,
                "广场平整无台阶，舞台前设轮椅观演区；雨天活动可能取消。",
                "Level square with no steps and a wheelchair viewing area in front of the stage; events may "
                "be cancelled in rain.",
                "活动日 18:00–21:30",
                "Event days 18:00–21:30",
            ),
            VenueData(
                "滨江小剧场",
                "Binjiang Studio Theatre",
                "滨江区文化馆二楼",
                "2nd floor, Binjiang District Cultural Center",
                180,
                False,
                True,
                False,
                "目前只能经楼梯到达（24级），电梯改造中；剧场配助听环路。",
                "Currently reached by stairs only (24 steps) while the lift is rebuilt; the theatre has a "
                "hearing loop.",
                WEEK_HOURS_ZH,
                WEEK_HOURS_EN,
            ),
        ],
    ),
    OrganizerData(
        "hi-tech-culture-hub",
        "hi-tech-zone",
        K.BRANCH,
        "高新区文化中心",
        "Hi-Tech Zone Culture Hub",
        "面向年轻家庭和园区员工的文化中心：创客工作坊、夜间课程和周末亲子活动。",
        "A culture hub for young families and the people who work in the zone: maker workshops, "
        "evening classes and weekend family activities.",
        [
            VenueData(
                "创客空间",
                "Maker Space",
                "高新区创新大道99号",
                "99 Chuangxin Avenue, Hi-Tech Zone",
                40,
                True,
                False,
                True,
                "全层无台阶；工作台高度可调。",
                "Step-free floor; height-adjustable workbenches.",
                "周二至周五 14:00–21:00，周末 10:00–18:00",
                "Tue–Fri 14:00–21:00, weekends 10:00–18:00",
            ),
            VenueData(
                "星空放映厅",
                "Starlight Screening Room",
                "高新区创新大道99号B1",
                "Basement 1, 99 Chuangxin Avenue, Hi-Tech Zone",
                96,
                True,
                True,
                True,
                "电梯到B1；放映配中英文字幕和助听环路。",
                "Lift to basement 1; screenings with Chinese and English subtitles and a hearing loop.",
                "放映日 19:00–22:00",
                "Screening days 19:00–22:00",
            ),
        ],
    ),
    OrganizerData(
        "hi-tech-library-branch",
        "hi-tech-zone",
        K.LIBRARY,
        "明川市图书馆高新分馆",
        "Mingchuan Library, Hi-Tech Branch",
        "市图书馆在高新区的分馆，设24小时城市书房，通借通还。",
        "The city library's branch in the Hi-Tech Zone with a 24-hour reading room; borrow and return "
        "anywhere in the network.",
        [
            VenueData(
                "24小时城市书房",
                "24-hour City Reading Room",
                "高新区科技园路3号",
                "3 Kejiyuan Road, Hi-Tech Zone",
                50,
                True,
                False,
                False,
                "自动门无台阶；刷读者证进入。",
                "Automatic step-free door; enter with your library card.",
                "全天开放",
                "Open 24 hours",
            ),
        ],
    ),
    OrganizerData(
        "yunling-cultural-center",
        "yunling-county",
        K.BRANCH,
        "云岭县文化馆",
        "Yunling County Cultural Center",
        "云岭县的文化馆，组织送戏下乡、山歌会和县域非遗项目保护。",
        "Yunling County's cultural center: touring performances to villages, the mountain-song festival "
        "and the county's intangible heritage.",
        [
            VenueData(
                "县文化馆演艺厅",
                "County Performance Hall",
                "云岭县城关镇人民路45号",
                "45 Renmin Road, Chengguan, Yunling County",
                400,
                True,
                False,
                True,
                "正门坡道较陡，建议从侧门进入；设无障碍卫生间。",
                "The main ramp is steep; the side door is easier. Accessible toilet available.",
                WEEK_HOURS_ZH,
                WEEK_HOURS_EN,
            ),
        ],
    ),
    OrganizerData(
        "yunling-library",
        "yunling-county",
        K.LIBRARY,
        "云岭县图书馆",
        "Yunling County Library",
        "县级公共图书馆，负责全县农家书屋的图书配送和流动借阅车。",
        "The county library, supplying the village reading rooms and running the mobile library van.",
        [
            VenueData(
                "县图书馆阅览大厅",
                "Main Reading Hall",
                "云岭县城关镇文昌路8号",
                "8 Wenchang Road, Chengguan, Yunling County",
                150,
                True,
                True,
                True,
                "一楼阅览大厅无台阶；服务台有助听环路和放大镜。",
                "Step-free reading hall on the ground floor; hearing loop and magnifiers at the service desk.",
                "周一至周六 8:30–17:30",
                "Mon–Sat 8:30–17:30",
            ),
        ],
    ),
    OrganizerData(
        "qingshan-station",
        "qingshan-township",
        K.TOWNSHIP_STATION,
        "青山镇综合文化站",
        "Qingshan Township Cultural Station",
        "乡镇综合文化站，开展采茶戏、农民夜校、电影放映和广场舞活动。",
        "The township cultural station: tea-picking opera, evening classes for farmers, film screenings "
        "and square dancing.",
        [
            VenueData(
                "文化站多功能厅",
                "Station Multi-purpose Hall",
                "青山镇政府路2号",
                "2 Zhengfu Road, Qingshan Township",
                120,
                True,
                False,
                True,
                "一楼无台阶；有无障碍卫生间。",
                "Step-free ground floor; accessible toilet.",
                STATION_HOURS_ZH,
                STATION_HOURS_EN,
            ),
            VenueData(
                "青山镇文化广场",
                "Qingshan Culture Square",
                "青山镇集镇中心",
                "Town centre, Qingshan Township",
                600,
                True,
                False,
                False,
                "露天广场，地面平整；公共卫生间在广场北侧（非无障碍）。",
                "Open-air square with level paving; public toilets on the north side (not accessible).",
                "全天开放",
                "Open all day",
            ),
        ],
    ),
    OrganizerData(
        "chayuan-reading-room",
        "qingshan-township",
        K.VILLAGE_READING_ROOM,
        "茶园村农家书屋",
        "Chayuan Village Reading Room",
        "村里的农家书屋，藏书三千余册，有农业技术、少儿读物和报刊，周末有志愿者陪读。",
        "The village reading room: over 3,000 books on farming, for children and newspapers, with "
        "volunteer reading sessions at weekends.",
        [
            VenueData(
                "茶园村农家书屋",
                "Chayuan Village Reading Room",
                "青山镇茶园村村委会一楼",
                "Ground floor, Chayuan Village Committee, Qingshan Township",
                20,
                False,
                False,
                False,
                "门口有一级台阶（约15厘米）；管理员可协助进入。",
                "One step at the door (about 15 cm); the keeper will help you in.",
                "周一至周五 15:00–18:00，周六 9:00–12:00",
                "Mon–Fri 15:00–18:00, Sat 9:00–12:00",
            ),
        ],
    ),
    OrganizerData(
        "taoyuan-station",
        "taoyuan-township",
        K.TOWNSHIP_STATION,
        "桃源镇综合文化站",
        "Taoyuan Township Cultural Station",
        "桃源镇综合文化站，每年春天举办桃花节民俗展演，常年开设剪纸和竹编课程。",
        "Taoyuan's township cultural station: the spring peach-blossom folk festival and year-round "
        "paper-cutting and bamboo-weaving classes.",
        [
            VenueData(
                "桃源镇文化站礼堂",
                "Taoyuan Station Hall",
                "桃源镇桃花路16号",
                "16 Taohua Road, Taoyuan Township",
                150,
                True,
                False,
                True,
                "坡道入口在礼堂南侧。",
                "Ramp entrance on the south side of the hall.",
                STATION_HOURS_ZH,
                STATION_HOURS_EN,
            ),
        ],
    ),
    OrganizerData(
        "liuhe-station",
        "liuhe-township",
        K.TOWNSHIP_STATION,
        "柳河乡综合文化站",
        "Liuhe Township Cultural Station",
        "柳河乡综合文化站，组织送书下村、老年合唱团和留守儿童暑期课堂。",
        "Liuhe's township cultural station: books to the villages, a seniors' choir and a summer school "
        "for children whose parents work away.",
        [
            VenueData(
                "柳河乡文化站活动室",
                "Liuhe Station Activity Room",
                "柳河乡柳河街9号",
                "9 Liuhe Street, Liuhe Township",
                80,
                False,
                False,
                True,
                "活动室在二楼，暂无电梯；一楼有无障碍卫生间，可安排在一楼接待。",
                "The activity room is upstairs with no lift yet; there is an accessible toilet downstairs "
                "and staff can meet you on the ground floor.",
                STATION_HOURS_ZH,
                STATION_HOURS_EN,
            ),
        ],
    ),
    OrganizerData(
        "liuhe-drum-troupe",
        "liuhe-township",
        K.COMMUNITY_GROUP,
        "柳河锣鼓队",
        "Liuhe Gong and Drum Troupe",
        "村民自发组织的锣鼓队，传承本地锣鼓乐，节庆时巡演各村。",
        "A villagers' troupe keeping the local gong-and-drum music alive, touring the villages at festivals.",
        [
            VenueData(
                "柳河村晒谷场",
                "Liuhe Threshing Ground",
                "柳河乡柳河村东头",
                "East end of Liuhe Village, Liuhe Township",
                300,
                True,
                False,
                False,
                "露天场地，地面为水泥，平整；演出声音较大。",
                "Open-air, level concrete ground; performances are loud.",
                "排练：周五 19:00–21:00",
                "Rehearsals: Fri 19:00–21:00",
            ),
        ],
    ),
    OrganizerData(
        "shiqiao-reading-room",
        "shiqiao-village",
        K.VILLAGE_READING_ROOM,
        "石桥村农家书屋",
        "Shiqiao Village Reading Room",
        "石桥村的农家书屋和文化礼堂，村民读书会每月一次，逢年过节放映露天电影。",
        "Shiqiao's reading room and village culture hall: a monthly readers' circle and open-air films at festivals.",
        [
            VenueData(
                "石桥村党群服务中心书屋",
                "Reading Room, Village Service Centre",
                "石桥村党群服务中心",
                "Village Service Centre, Shiqiao",
                25,
                True,
                False,
                True,
                "服务中心一楼，无台阶；有无障碍卫生间。",
                "Ground floor of the service centre, step-free; accessible toilet.",
                "周二、周四、周六 9:00–17:00",
                "Tue, Thu and Sat 9:00–17:00",
            ),
            VenueData(
                "石桥村文化礼堂",
                "Shiqiao Village Culture Hall",
                "石桥村古桥头",
                "By the old bridge, Shiqiao",
                200,
                False,
                False,
                False,
                "百年祠堂改建，门槛较高（约25厘米）；活动时有志愿者协助。",
                "A century-old ancestral hall with a high threshold (about 25 cm); volunteers help at events.",
                "活动日开放",
                "Open on event days",
            ),
        ],
    ),
]


# --- Accounts ----------------------------------------------------------------------------------------

STAFF_NAMES = ["张敏", "刘洋", "陈静", "杨帆", "黄丽", "周强", "吴婷", "徐磊", "孙悦", "马超", "朱琳", "胡斌", "郭佳"]


class ResidentData(NamedTuple):
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
        "resident", "林晓", "Xiao", "Lin", "dongcheng", Age.ADULT, ["zh-hans", "en"], [C.PERFORMANCE, C.FILM, C.READING]
    ),
    ResidentData(
        "grandma-li",
        "李奶奶",
        "Guifang",
        "Li",
        "xicheng",
        Age.SENIOR,
        ["zh-hans"],
        [C.HERITAGE, C.PERFORMANCE, C.SPORTS],
        large_text=True,
        notification_frequency=Profile.NotificationFrequency.WEEKLY,
    ),
    ResidentData(
        "student-wang", "王同学", "Hao", "Wang", "hi-tech-zone", Age.TEEN, ["en", "zh-hans"], [C.WORKSHOP, C.LECTURE]
    ),
    ResidentData(
        "farmer-zhao",
        "赵大伯",
        "Jianguo",
        "Zhao",
        "qingshan-township",
        Age.ADULT,
        ["zh-hans"],
        [C.HERITAGE, C.READING, C.FAMILY],
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
            for name in VenueData._fields:
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
