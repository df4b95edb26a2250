"""The library demo's catalog: its subjects, collections and resources, as data (seeded by library.demo).

Texts of public-domain works are short excerpts of the real text (the Chinese classics in their
standard editions, the English ones as first printed or in their classic translations). The local
items (songs, the farming calendar, paper-cutting, recipes, village memories) are written for the demo
and credited to the fictional city's libraries.
"""

from dataclasses import dataclass

from portal.categories import Category
from portal.rights import RightsStatement

from .models import Resource

ORGANIZERS = ["city-library", "hi-tech-library-branch", "yunling-library", "chayuan-reading-room"]
IDENTIFIER_PREFIX = "demo:lib:"

K, A, C, R = Resource.Kind, Resource.Access, Category, RightsStatement
OPEN, RESIDENTS, LENDING, STAFF = A.OPEN, A.RESIDENTS, A.LENDING, A.STAFF
# How each item's file is made: the resource kind alone does not say it (an e-book is a PDF or an
# EPUB, an article a PDF or text in `body`).
PDF, EPUB, WAV, VIDEO, BODY, IMAGES = "pdf", "epub", "wav", "video", "body", "images"
KIND_OF_FORM = {WAV: K.AUDIO, VIDEO: K.VIDEO, IMAGES: K.IMAGES}


@dataclass(frozen=True, kw_only=True)
class SubjectData:
    slug: str
    name_zh_hans: str
    name_en: str


SUBJECTS = [
    SubjectData(slug="classical-fiction", name_zh_hans="古典小说", name_en="Classical fiction"),
    SubjectData(slug="poetry", name_zh_hans="诗词", name_en="Poetry"),
    SubjectData(slug="philosophy", name_zh_hans="哲学与思想", name_en="Philosophy"),
    SubjectData(slug="modern-literature", name_zh_hans="现代文学", name_en="Modern literature"),
    SubjectData(slug="english-literature", name_zh_hans="英语文学", name_en="English literature"),
    SubjectData(slug="drama", name_zh_hans="戏剧", name_en="Drama"),
    SubjectData(slug="fables", name_zh_hans="寓言与童话", name_en="Fables and fairy tales"),
    SubjectData(slug="childrens-reading", name_zh_hans="少儿阅读", name_en="Children's reading"),
    SubjectData(slug="farming", name_zh_hans="农业与农时", name_en="Farming and the seasons"),
    SubjectData(slug="folk-songs", name_zh_hans="民歌", name_en="Folk songs"),
    SubjectData(slug="tea", name_zh_hans="茶文化", name_en="Tea culture"),
    SubjectData(slug="paper-cutting", name_zh_hans="剪纸", name_en="Paper-cutting"),
    SubjectData(slug="opera", name_zh_hans="地方戏曲", name_en="Local opera"),
    SubjectData(slug="local-history", name_zh_hans="地方史", name_en="Local history"),
    SubjectData(slug="intangible-heritage", name_zh_hans="非物质文化遗产", name_en="Intangible heritage"),
    SubjectData(slug="essays", name_zh_hans="散文", name_en="Essays"),
    SubjectData(slug="library-work", name_zh_hans="图书馆工作", name_en="Library work"),
]


@dataclass(frozen=True, kw_only=True)
class CollectionData:
    slug: str
    organizer: str
    title_zh_hans: str
    title_en: str
    description_zh_hans: str
    description_en: str


COLLECTIONS = [
    CollectionData(
        slug="demo-chinese-classics",
        organizer="city-library",
        title_zh_hans="中国古典文学",
        title_en="Chinese classics",
        description_zh_hans="四大名著、诗词和诸子经典的节选数字版。",
        description_en="Excerpts of the great novels, poetry and the philosophers, in digital editions.",
    ),
    CollectionData(
        slug="demo-english-classics",
        organizer="city-library",
        title_zh_hans="英语经典",
        title_en="English classics",
        description_zh_hans="英语文学名著原文节选，适合英语学习者和文学爱好者。",
        description_en="Excerpts of great English-language books, for learners and lovers of literature.",
    ),
    CollectionData(
        slug="demo-library-talks",
        organizer="city-library",
        title_zh_hans="图书馆讲座与朗读",
        title_en="Library talks and readings",
        description_zh_hans="市图书馆讲座的录像和诗文朗读录音。",
        description_en="Recordings of the city library's talks and of poetry readings.",
    ),
    CollectionData(
        slug="demo-bilingual-shelf",
        organizer="hi-tech-library-branch",
        title_zh_hans="双语书架",
        title_en="Bilingual shelf",
        description_zh_hans="中英对照和英文原版读物，高新分馆24小时城市书房推荐。",
        description_en="Side-by-side and English-language reading, recommended by the branch's 24-hour reading room.",
    ),
    CollectionData(
        slug="demo-young-readers",
        organizer="hi-tech-library-branch",
        title_zh_hans="少儿与青少年读物",
        title_en="For children and teens",
        description_zh_hans="童话、寓言、蒙学经典和故事会录像。",
        description_en="Fairy tales, fables, the old primers and story-time recordings.",
    ),
    CollectionData(
        slug="demo-yunling-heritage",
        organizer="yunling-library",
        title_zh_hans="云岭非遗",
        title_en="Yunling heritage",
        description_zh_hans="县图书馆记录的山歌、剪纸、花灯戏和老照片。",
        description_en="Mountain songs, paper-cuts, lantern opera and old photographs recorded by the county library.",
    ),
    CollectionData(
        slug="demo-farming",
        organizer="yunling-library",
        title_zh_hans="农事知识",
        title_en="Farming know-how",
        description_zh_hans="节气农事、农谚和种植技术，送书下乡的常备读物。",
        description_en="The solar terms, farmers' sayings and growing advice: staples of the mobile library van.",
    ),
    CollectionData(
        slug="demo-chayuan-tea",
        organizer="chayuan-reading-room",
        title_zh_hans="茶园茶歌",
        title_en="Chayuan tea songs",
        description_zh_hans="茶园村的采茶歌、茶经选读和炒茶手艺。",
        description_en="Chayuan's tea-picking songs, readings from the Classic of Tea and the craft of roasting tea.",
    ),
    CollectionData(
        slug="demo-village-memories",
        organizer="chayuan-reading-room",
        title_zh_hans="村庄记忆",
        title_en="Village memories",
        description_zh_hans="老人口述、老照片和读书会笔记，由书屋志愿者整理。",
        description_en=(
            "Elders' stories, old photographs and readers' circle notes, gathered by the reading room's volunteers."
        ),
    ),
]


@dataclass(frozen=True, kw_only=True)
class PictureData:
    style: str  # a demo_files picture style: papercut, terraces, sepia
    caption_zh_hans: str
    caption_en: str


@dataclass(frozen=True, kw_only=True)
class ItemData:
    key: str
    form: str  # PDF, EPUB, WAV, VIDEO, BODY or IMAGES
    organizer: str
    title_zh_hans: str
    title_en: str
    description_zh_hans: str
    description_en: str
    creator: str
    date: str
    language: str
    subjects: tuple[str, ...]
    collections: tuple[str, ...]
    category: str = C.READING
    article: bool = False  # a PDF that is an article rather than an e-book
    # The text: chapters of (heading, paragraphs), in the item's language; verse keeps short lines.
    chapters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    verse: bool = False
    access: str = OPEN
    licences: int = 1
    rights: str = R.PUBLIC_DOMAIN
    credit_zh_hans: str = ""  # default: from the rights and the organizer (see credit_lines)
    credit_en: str = ""
    contributor: str = ""
    source: str = ""
    coverage: str = ""
    transcript_zh_hans: str = ""
    transcript_en: str = ""
    captions: tuple[str, ...] = ()  # video: cues, spread over the clip
    pictures: tuple[PictureData, ...] = ()

    @property
    def identifier(self):
        return f"{IDENTIFIER_PREFIX}{self.key}"

    @property
    def kind(self):
        if self.form in KIND_OF_FORM:
            return KIND_OF_FORM[self.form]
        return K.ARTICLE if self.article or self.form == BODY else K.EBOOK


P = PictureData
CITY, BRANCH, YUNLING, CHAYUAN = ORGANIZERS

# fmt: off
CITY_LIBRARY = [
    ItemData(
        key="hongloumeng", form=PDF, organizer=CITY,
        title_zh_hans="红楼梦（第一回节选）", title_en="Dream of the Red Chamber (chapter 1, excerpt)",
        description_zh_hans="曹雪芹的长篇小说，开卷第一回：女娲补天剩下的一块顽石，和“满纸荒唐言”的来由。",
        description_en=(
            "Cao Xueqin's great novel opens with the stone left over when the goddess Nüwa mended the sky, "
            "and the author's own word on why he wrote."
        ),
        creator="曹雪芹 (Cao Xueqin)", date="1791", language="zh", source="程甲本 (Cheng–Gao edition, 1791)",
        subjects=("classical-fiction",), collections=("demo-chinese-classics",),
        chapters=((
            "第一回　甄士隐梦幻识通灵　贾雨村风尘怀闺秀", (
                "此开卷第一回也。作者自云：因曾历过一番梦幻之后，故将真事隐去，而借“通灵”之说，撰此《石头记》一书也。",
                "列位看官：你道此书从何而来？说起根由虽近荒唐，细按则深有趣味。",
                "原来女娲氏炼石补天之时，于大荒山无稽崖练成高经十二丈、方经二十四丈顽石三万六千五百零一块。"
                "娲皇氏只用了三万六千五百块，只单单剩了一块未用，便弃在此山青埂峰下。",
                "满纸荒唐言，一把辛酸泪！都云作者痴，谁解其中味？",
            ),
        ),),
    ),
    ItemData(
        key="hongloumeng-annotated", form=EPUB, organizer=CITY,
        title_zh_hans="红楼梦注释本（第三回）", title_en="Dream of the Red Chamber, annotated (chapter 3)",
        description_zh_hans="林黛玉初进荣国府一回，附本馆古籍部的注释。一次只能借给一位读者。",
        description_en=(
            "Lin Daiyu arrives at the Rongguo mansion, with notes by the library's rare-books team. "
            "One copy: one reader at a time."
        ),
        creator="曹雪芹 (Cao Xueqin)", contributor="明川市图书馆古籍部 (annotations)", date="2025",
        language="zh", subjects=("classical-fiction",), collections=("demo-chinese-classics",),
        access=LENDING, licences=1, rights=R.IN_COPYRIGHT,
        credit_zh_hans="原著属公有领域；注释 © 2025 明川市图书馆（虚构的演示版本）",
        credit_en="Novel in the public domain; annotations © 2025 Mingchuan City Library (a fictional demo edition)",
        chapters=(
            ("第三回　托内兄如海荐西宾　接外孙贾母惜孤女", (
                "且说黛玉自那日弃舟登岸时，便有荣国府打发了轿子并拉行李的车辆久候了。",
                "这林黛玉常听得母亲说过，他外祖母家与别家不同。",
            )),
            ("注释", (
                "荣国府：小说中贾府的一支，与宁国府并称“宁荣二府”。",
                "弃舟登岸：黛玉自扬州乘船北上，至京城附近上岸改乘轿子。",
            )),
        ),
    ),
    ItemData(
        key="tang-poems", form=EPUB, organizer=CITY,
        title_zh_hans="唐诗三百首（选）", title_en="Three Hundred Tang Poems (a selection)",
        description_zh_hans="蘅塘退士编选的唐诗读本，选五言、七言绝句各数首：《静夜思》《春晓》《枫桥夜泊》……",
        description_en=(
            "The classic anthology of Tang poetry: a few five- and seven-character quatrains, from "
            "Li Bai's 'Quiet Night Thoughts' to 'Mooring by Maple Bridge at Night'."
        ),
        creator="蘅塘退士 编 (compiled by Hengtang Tuishi)", date="1763", language="zh",
        subjects=("poetry",), collections=("demo-chinese-classics",), verse=True,
        chapters=(
            ("五言绝句", (
                "静夜思　李白", "床前明月光，疑是地上霜。", "举头望明月，低头思故乡。",
                "春晓　孟浩然", "春眠不觉晓，处处闻啼鸟。", "夜来风雨声，花落知多少。",
                "登鹳雀楼　王之涣", "白日依山尽，黄河入海流。", "欲穷千里目，更上一层楼。",
                "相思　王维", "红豆生南国，春来发几枝。", "愿君多采撷，此物最相思。",
                "江雪　柳宗元", "千山鸟飞绝，万径人踪灭。", "孤舟蓑笠翁，独钓寒江雪。",
            )),
            ("七言绝句", (
                "枫桥夜泊　张继", "月落乌啼霜满天，江枫渔火对愁眠。", "姑苏城外寒山寺，夜半钟声到客船。",
                "黄鹤楼送孟浩然之广陵　李白", "故人西辞黄鹤楼，烟花三月下扬州。", "孤帆远影碧空尽，唯见长江天际流。",
                "早发白帝城　李白", "朝辞白帝彩云间，千里江陵一日还。", "两岸猿声啼不住，轻舟已过万重山。",
            )),
        ),
    ),
    ItemData(
        key="lunyu", form=PDF, organizer=CITY,
        title_zh_hans="论语（选）", title_en="The Analects (a selection)",
        description_zh_hans="孔子及其弟子的言行录，选《学而》《为政》《述而》等篇中最常被引用的几章。",
        description_en=(
            "Sayings of Confucius and his disciples: the best-known passages from 'Xue Er', 'Wei Zheng', "
            "'Shu Er' and other books."
        ),
        creator="孔子弟子及再传弟子 (disciples of Confucius)", date="1190", language="zh",
        source="朱熹《四书章句集注》 (Zhu Xi's edition)",
        subjects=("philosophy",), collections=("demo-chinese-classics",),
        chapters=(
            ("学而第一", (
                "子曰：“学而时习之，不亦说乎？有朋自远方来，不亦乐乎？人不知而不愠，不亦君子乎？”",
                "曾子曰：“吾日三省吾身：为人谋而不忠乎？与朋友交而不信乎？传不习乎？”",
            )),
            ("为政第二", (
                "子曰：“温故而知新，可以为师矣。”",
                "子曰：“学而不思则罔，思而不学则殆。”",
            )),
            ("述而第七", ("子曰：“三人行，必有我师焉。择其善者而从之，其不善者而改之。”",)),
        ),
    ),
    ItemData(
        key="nahan", form=EPUB, organizer=CITY,
        title_zh_hans="呐喊（自序与《故乡》节选）", title_en="Call to Arms (preface and 'My Old Home', excerpts)",
        description_zh_hans=(
            "鲁迅第一部小说集。选自序开头和《故乡》的开头与结尾：“其实地上本没有路，走的人多了，也便成了路。”"
        ),
        description_en=(
            "Lu Xun's first collection of stories: the opening of his preface, and the beginning and end of "
            "'My Old Home' – 'and when many people walk one way, a road is made'."
        ),
        creator="鲁迅 (Lu Xun)", date="1923", language="zh", source="北京新潮社，1923 (first edition)",
        subjects=("modern-literature",), collections=("demo-chinese-classics",),
        chapters=(
            ("自序", (
                "我在年青时候也曾经做过许多梦，后来大半忘却了，但自己也并不以为可惜。"
                "所谓回忆者，虽说可以使人欢欣，有时也不免使人寂寞，使精神的丝缕还牵着己逝的寂寞的时光，"
                "又有什么意味呢，而我偏苦于不能全忘却，这不能全忘的一部分，到现在便成了《呐喊》的来由。",
            )),
            ("故乡", (
                "我冒了严寒，回到相隔二千余里，别了二十余年的故乡去。",
                "时候既然是深冬；渐近故乡时，天气又阴晦了，冷风吹进船舱中，呜呜的响，从篷隙向外一望，"
                "苍黄的天底下，远近横着几个萧索的荒村，没有一些活气。",
                "……",
                "希望是本无所谓有，无所谓无的。这正如地上的路；其实地上本没有路，走的人多了，也便成了路。",
            )),
        ),
    ),
    ItemData(
        key="kong-yiji", form=PDF, article=True, organizer=CITY,
        title_zh_hans="孔乙己（节选）", title_en="Kong Yiji (excerpt)",
        description_zh_hans="鲁迅的短篇小说，最初发表于《新青年》。鲁镇咸亨酒店里，站着喝酒而穿长衫的唯一的人。",
        description_en=(
            "Lu Xun's short story, first printed in New Youth: in the Xianheng tavern of Luzhen, the only man "
            "who drinks standing up in a scholar's long gown."
        ),
        creator="鲁迅 (Lu Xun)", date="1919-04", language="zh", source="《新青年》第六卷第四号 (New Youth 6:4)",
        subjects=("modern-literature",), collections=("demo-chinese-classics",), access=RESIDENTS,
        chapters=(("孔乙己", (
            "鲁镇的酒店的格局，是和别处不同的：都是当街一个曲尺形的大柜台，柜里面预备着热水，可以随时温酒。",
            "做工的人，傍午傍晚散了工，每每花四文铜钱，买一碗酒，——这是二十多年前的事，现在每碗要涨到十文，"
            "——靠柜外站着，热热的喝了休息。",
            "孔乙己是站着喝酒而穿长衫的唯一的人。",
        )),),
    ),
    ItemData(
        key="xiyouji", form=PDF, organizer=CITY,
        title_zh_hans="西游记（第一回节选）", title_en="Journey to the West (chapter 1, excerpt)",
        description_zh_hans="吴承恩的神魔小说，从开天辟地讲起，直到花果山上一块仙石迸出石猴。",
        description_en=(
            "Wu Cheng'en's novel of gods and demons begins with the making of the world, long before a stone "
            "on the Mountain of Flowers and Fruit bursts open and the Monkey King is born."
        ),
        creator="吴承恩 (Wu Cheng'en)", date="1592", language="zh", source="世德堂本 (Shidetang edition, 1592)",
        subjects=("classical-fiction",), collections=("demo-chinese-classics",), access=RESIDENTS,
        chapters=(("第一回　灵根育孕源流出　心性修持大道生", (
            "诗曰：",
            "混沌未分天地乱，茫茫渺渺无人见。自从盘古破鸿蒙，开辟从兹清浊辨。",
            "覆载群生仰至仁，发明万物皆成善。欲知造化会元功，须看西游释厄传。",
            "盖闻天地之数，有十二万九千六百岁为一元。将一元分为十二会，乃子、丑、寅、卯、辰、巳、午、未、申、酉、戌、亥之十二支也。"
            "每会该一万八百岁。",
        )),),
    ),
    ItemData(
        key="sanguo", form=EPUB, organizer=CITY,
        title_zh_hans="三国演义（开篇与桃园结义）",
        title_en="Romance of the Three Kingdoms (opening and the Peach Garden oath)",
        description_zh_hans=(
            "罗贯中的历史小说：“话说天下大势，分久必合，合久必分。”附杨慎《临江仙》开篇词和桃园三结义。"
        ),
        description_en=(
            "Luo Guanzhong's historical novel: 'The empire, long divided, must unite; long united, must divide.' "
            "With Yang Shen's opening lyric and the oath of brotherhood in the peach garden."
        ),
        creator="罗贯中 (Luo Guanzhong)", date="1679", language="zh", source="毛宗岗评本 (Mao Zonggang edition)",
        subjects=("classical-fiction",), collections=("demo-chinese-classics",),
        access=LENDING, licences=1, rights=R.IN_COPYRIGHT,
        credit_zh_hans="原著属公有领域；导读 © 明川市图书馆（虚构的演示版本）",
        credit_en="Novel in the public domain; introduction © Mingchuan City Library (a fictional demo edition)",
        chapters=(
            ("临江仙（开篇词）", (
                "滚滚长江东逝水，浪花淘尽英雄。是非成败转头空。青山依旧在，几度夕阳红。",
                "白发渔樵江渚上，惯看秋月春风。一壶浊酒喜相逢。古今多少事，都付笑谈中。",
            )),
            ("第一回　宴桃园豪杰三结义　斩黄巾英雄首立功", (
                "话说天下大势，分久必合，合久必分。周末七国分争，并入于秦。及秦灭之后，楚、汉分争，又并入于汉。",
                "“念刘备、关羽、张飞，虽然异姓，既结为兄弟，则同心协力，救困扶危；上报国家，下安黎庶。"
                "不求同年同月同日生，只愿同年同月同日死。”",
            )),
        ),
    ),
    ItemData(
        key="liaozhai", form=PDF, organizer=CITY,
        title_zh_hans="聊斋志异（《画皮》《崂山道士》节选）",
        title_en="Strange Tales from a Chinese Studio (two tales, excerpts)",
        description_zh_hans="蒲松龄的文言短篇小说集。选《画皮》与《崂山道士》的开头。两册可同时借阅。",
        description_en=(
            "Pu Songling's classical tales of the strange: the openings of 'The Painted Skin' and 'The Taoist "
            "Priest of Laoshan'. Two copies to lend."
        ),
        creator="蒲松龄 (Pu Songling)", date="1766", language="zh", source="青柯亭本 (Qingketing edition, 1766)",
        subjects=("classical-fiction",), collections=("demo-chinese-classics",),
        access=LENDING, licences=2,
        chapters=(
            ("画皮", (
                "太原王生，早行，遇一女郎，抱襆独奔，甚艰于步。急走趁之，乃二八姝丽。",
                "心相爱乐，问：“何夙夜踽踽独行？”女曰：“行道之人，不能解愁忧，何劳相问。”",
            )),
            ("崂山道士", (
                "邑有王生，行七，故家子。少慕道，闻劳山多仙人，负笈往游。",
                "登一顶，有观宇，甚幽。一道士坐蒲团上，素发垂领，而神观爽迈。",
            )),
        ),
    ),
    ItemData(
        key="daodejing", form=PDF, organizer=CITY,
        title_zh_hans="道德经（第一章、第八章）", title_en="Tao Te Ching (chapters 1 and 8)",
        description_zh_hans="老子五千言的开篇“道可道，非常道”和“上善若水”一章。",
        description_en=(
            "The opening of Laozi's five thousand characters, 'The Tao that can be told…', and 'The highest good is "
            "like water'."
        ),
        creator="老子 (Laozi)", date="0249", language="zh", source="王弼注本 (Wang Bi's edition)",
        subjects=("philosophy",), collections=("demo-chinese-classics",),
        chapters=(
            ("第一章", (
                "道可道，非常道；名可名，非常名。无名，天地之始；有名，万物之母。",
                "故常无，欲以观其妙；常有，欲以观其徼。此两者，同出而异名，同谓之玄。玄之又玄，众妙之门。",
            )),
            ("第八章", ("上善若水。水善利万物而不争，处众人之所恶，故几于道。",)),
        ),
    ),
    ItemData(
        key="zhu-ziqing-beiying", form=BODY, organizer=CITY,
        title_zh_hans="背影（节选）", title_en="The Sight of Father's Back (excerpt)",
        description_zh_hans="朱自清的散文名篇，写父亲在车站为儿子买橘子的背影。",
        description_en=(
            "Zhu Ziqing's best-loved essay: his father's back, climbing a station platform to buy him oranges."
        ),
        creator="朱自清 (Zhu Ziqing)", date="1925", language="zh", source="《文学周报》1925年11月",
        subjects=("essays", "modern-literature"), collections=("demo-chinese-classics",),
        chapters=(("背影", (
            "我与父亲不相见已二年余了，我最不能忘记的是他的背影。",
            "那年冬天，祖母死了，父亲的差使也交卸了，正是祸不单行的日子。",
        )),),
    ),
    ItemData(
        key="pride-and-prejudice", form=EPUB, organizer=CITY,
        title_zh_hans="傲慢与偏见（第一章）", title_en="Pride and Prejudice (chapter 1)",
        description_zh_hans=(
            "简·奥斯汀的小说开篇：“凡是有财产的单身汉，必定需要娶位太太，这已经成了一条举世公认的真理。”英文原文。"
        ),
        description_en=(
            "The opening of Jane Austen's novel: 'It is a truth universally acknowledged…' In the original English."
        ),
        creator="Jane Austen", date="1813", language="en", source="T. Egerton, London, 1813 (first edition)",
        subjects=("english-literature",), collections=("demo-english-classics",),
        chapters=(
            ("Chapter 1", (
                "It is a truth universally acknowledged, that a single man in possession of a good fortune, "
                "must be in want of a wife.",
                "However little known the feelings or views of such a man may be on his first entering a "
                "neighbourhood, this truth is so well fixed in the minds of the surrounding families, that he is "
                "considered the rightful property of some one or other of their daughters.",
                "\u201cMy dear Mr. Bennet,\u201d said his lady to him one day, \u201chave you heard that Netherfield "
                "Park is let at last?\u201d",
                "Mr. Bennet replied that he had not.",
            )),
        ),
    ),
    ItemData(
        key="moby-dick", form=PDF, organizer=CITY,
        title_zh_hans="白鲸（第一章 海市蜃楼）", title_en="Moby-Dick; or, The Whale (chapter 1, Loomings)",
        description_zh_hans="梅尔维尔的航海小说开篇：“叫我以实玛利吧。”英文原文。",
        description_en="Herman Melville's sea novel begins: 'Call me Ishmael.' In the original English.",
        creator="Herman Melville", date="1851", language="en", source="Harper & Brothers, New York, 1851",
        subjects=("english-literature",), collections=("demo-english-classics",),
        chapters=(("Chapter 1. Loomings", (
            "Call me Ishmael. Some years ago\u2014never mind how long precisely\u2014having little or no money in my "
            "purse, and nothing particular to interest me on shore, I thought I would sail about a little and "
            "see the watery part of the world.",
            "It is a way I have of driving off the spleen and regulating the circulation.",
        )),),
    ),
    ItemData(
        key="shakespeare-sonnets", form=PDF, organizer=CITY,
        title_zh_hans="莎士比亚十四行诗（第18首、第116首）", title_en="Shakespeare's Sonnets (18 and 116)",
        description_zh_hans="“我能否将你比作夏天？”莎士比亚最著名的两首十四行诗，英文原文。",
        description_en="'Shall I compare thee to a summer's day?' Two of Shakespeare's best-known sonnets.",
        creator="William Shakespeare", date="1609", language="en", source="Thomas Thorpe, London, 1609 (quarto)",
        subjects=("poetry", "english-literature"), collections=("demo-english-classics",), verse=True,
        chapters=(
            ("Sonnet 18", (
                "Shall I compare thee to a summer's day?", "Thou art more lovely and more temperate:",
                "Rough winds do shake the darling buds of May,", "And summer's lease hath all too short a date;",
                "Sometime too hot the eye of heaven shines,", "And often is his gold complexion dimm'd;",
                "And every fair from fair sometime declines,", "By chance or nature's changing course untrimm'd;",
                "But thy eternal summer shall not fade,", "Nor lose possession of that fair thou ow'st;",
                "Nor shall death brag thou wander'st in his shade,", "When in eternal lines to time thou grow'st:",
                "So long as men can breathe or eyes can see,", "So long lives this, and this gives life to thee.",
            )),
            ("Sonnet 116", (
                "Let me not to the marriage of true minds", "Admit impediments. Love is not love",
                "Which alters when it alteration finds,", "Or bends with the remover to remove.",
                "O no! it is an ever-fixed mark", "That looks on tempests and is never shaken;",
                "It is the star to every wand'ring bark,", "Whose worth's unknown, although his height be taken.",
                "Love's not Time's fool, though rosy lips and cheeks", "Within his bending sickle's compass come;",
                "Love alters not with his brief hours and weeks,", "But bears it out even to the edge of doom.",
                "If this be error and upon me proved,", "I never writ, nor no man ever loved.",
            )),
        ),
    ),
    ItemData(
        key="tale-of-two-cities", form=EPUB, organizer=CITY,
        title_zh_hans="双城记（第一章）", title_en="A Tale of Two Cities (book 1, chapter 1)",
        description_zh_hans=(
            "狄更斯的小说开篇：“那是最好的时代，那是最坏的时代。”附本馆英语阅读导读，一次借给一位读者。"
        ),
        description_en=(
            "Dickens opens: 'It was the best of times, it was the worst of times.' With the library's reading guide; "
            "one reader at a time."
        ),
        creator="Charles Dickens", date="1859", language="en", source="Chapman & Hall, London, 1859",
        subjects=("english-literature",), collections=("demo-english-classics",),
        access=LENDING, licences=1, rights=R.IN_COPYRIGHT,
        credit_zh_hans="原著属公有领域；导读 © 明川市图书馆（虚构的演示版本）",
        credit_en="Novel in the public domain; reading guide © Mingchuan City Library (a fictional demo edition)",
        chapters=(("Chapter 1. The Period", (
            "It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of "
            "foolishness, it was the epoch of belief, it was the epoch of incredulity, it was the season of Light, "
            "it was the season of Darkness, it was the spring of hope, it was the winter of despair, we had "
            "everything before us, we had nothing before us, we were all going direct to Heaven, we were all "
            "going direct the other way\u2014in short, the period was so far like the present period, that some "
            "of its noisiest authorities insisted on its being received, for good or for evil, in the "
            "superlative degree of comparison only.",
        )),),
    ),
    ItemData(
        key="frankenstein", form=PDF, organizer=CITY,
        title_zh_hans="弗兰肯斯坦（第一封信）", title_en="Frankenstein; or, The Modern Prometheus (letter 1)",
        description_zh_hans="玛丽·雪莱的小说以北极探险者沃尔顿写给姐姐的信开始。三册可同时借阅。",
        description_en=(
            "Mary Shelley's novel opens with the explorer Walton's letter to his sister. Three copies to lend."
        ),
        creator="Mary Shelley", date="1818", language="en", source="Lackington, Hughes, Harding, Mavor & Jones, 1818",
        subjects=("english-literature",), collections=("demo-english-classics",),
        access=LENDING, licences=3,
        chapters=(("Letter 1. To Mrs. Saville, England", (
            "St. Petersburgh, Dec. 11th, 17\u2014.",
            "You will rejoice to hear that no disaster has accompanied the commencement of an enterprise which "
            "you have regarded with such evil forebodings. I arrived here yesterday, and my first task is to "
            "assure my dear sister of my welfare and increasing confidence in the success of my undertaking.",
        )),),
    ),
    ItemData(
        key="walden", form=EPUB, organizer=CITY,
        title_zh_hans="瓦尔登湖（选段）", title_en="Walden (from 'Where I Lived, and What I Lived For')",
        description_zh_hans="梭罗在瓦尔登湖畔独居两年的记录：“我到林中去，因为我希望从容地生活。”",
        description_en=(
            "Thoreau's two years by Walden Pond: 'I went to the woods because I wished to live deliberately.'"
        ),
        creator="Henry David Thoreau", date="1854", language="en", source="Ticknor and Fields, Boston, 1854",
        subjects=("essays", "english-literature"), collections=("demo-english-classics",),
        chapters=(("Where I Lived, and What I Lived For", (
            "I went to the woods because I wished to live deliberately, to front only the essential facts of "
            "life, and see if I could not learn what it had to teach, and not, when I came to die, discover that "
            "I had not lived.",
            "I did not wish to live what was not life, living is so dear; nor did I wish to practise "
            "resignation, unless it was quite necessary.",
        )),),
    ),
    ItemData(
        key="art-of-war", form=BODY, organizer=CITY,
        title_zh_hans="孙子兵法（翟林奈英译，选段）", title_en="The Art of War (Lionel Giles's translation, excerpts)",
        description_zh_hans="《孙子兵法》的经典英译本：始计篇开头与“不战而屈人之兵”。",
        description_en=(
            "The classic English translation of Sun Tzu: the opening of 'Laying Plans' and 'breaking the enemy's "
            "resistance without fighting'."
        ),
        creator="孙武 (Sun Tzu); translated by Lionel Giles", date="1910", language="en",
        source="Luzac & Co., London, 1910", subjects=("philosophy",), collections=("demo-english-classics",),
        chapters=(
            ("I. Laying Plans", (
                "Sun Tzu said: The art of war is of vital importance to the State.",
                "It is a matter of life and death, a road either to safety or to ruin. Hence it is a subject of "
                "inquiry which can on no account be neglected.",
            )),
            ("III. Attack by Stratagem", (
                "Hence to fight and conquer in all your battles is not supreme excellence; supreme excellence "
                "consists in breaking the enemy's resistance without fighting.",
            )),
        ),
    ),
    ItemData(
        key="guanju-reading", form=WAV, organizer=CITY,
        title_zh_hans="诗经·关雎（吟诵）", title_en="Book of Songs: 'The Ospreys' (chanted)",
        description_zh_hans="《诗经》开篇之作的传统吟诵调。",
        description_en="The first poem of the Book of Songs, in the traditional chanting style.",
        creator="明川市图书馆诵读社 (the library's reading club)", date="2024-04", language="zh",
        subjects=("poetry",), collections=("demo-library-talks", "demo-chinese-classics"),
        category=C.PERFORMANCE, rights=R.CC_BY,
        transcript_zh_hans="关关雎鸠，在河之洲。窈窕淑女，君子好逑。\n参差荇菜，左右流之。窈窕淑女，寤寐求之。",
        transcript_en=(
            "'Guan, guan' cry the ospreys on the islet in the river. The lovely, good girl – a fine match for "
            "the gentleman.\nLong and short, the floating-heart; left and right we gather it. The lovely, good "
            "girl – waking and sleeping he seeks her."
        ),
    ),
    ItemData(
        key="hamlet-soliloquy", form=WAV, organizer=CITY,
        title_zh_hans="哈姆雷特独白“生存还是毁灭”（朗读）", title_en="Hamlet: 'To be, or not to be' (read aloud)",
        description_zh_hans="英语角志愿者朗读《哈姆雷特》第三幕第一场的著名独白。",
        description_en="A volunteer of the library's English corner reads the soliloquy from Hamlet, act 3, scene 1.",
        creator="William Shakespeare", contributor="明川市图书馆英语角 (English corner)", date="2024-10",
        language="en", subjects=("drama", "english-literature"), collections=("demo-library-talks",),
        category=C.PERFORMANCE, rights=R.CC_BY,
        transcript_zh_hans="生存还是毁灭，这是一个值得考虑的问题……（英文朗读，原文见英文文字稿）",
        transcript_en=(
            "To be, or not to be, that is the question:\nWhether 'tis nobler in the mind to suffer\n"
            "The slings and arrows of outrageous fortune,\nOr to take arms against a sea of troubles\n"
            "And by opposing end them."
        ),
    ),
    ItemData(
        key="redchamber-poetry-talk", form=VIDEO, organizer=CITY,
        title_zh_hans="讲座录像：《红楼梦》里的诗词", title_en="Talk: the poems in Dream of the Red Chamber",
        description_zh_hans="市图书馆周末讲座的录像片段：小说人物的诗怎样写出了人物的命运。",
        description_en="A clip from the library's weekend talk: how the characters' poems foretell their fates.",
        creator="明川市图书馆 (Mingchuan City Library)", date="2025-03-15", language="zh",
        subjects=("classical-fiction", "poetry"), collections=("demo-library-talks",),
        category=C.LECTURE, access=RESIDENTS, rights=R.CC_BY_NC,
        captions=(
            "欢迎来到周末讲座 / Welcome to the weekend talk",
            "今天我们读《红楼梦》里的诗 / Today: the poems in the novel",
            "满纸荒唐言，一把辛酸泪 / Pages full of idle words, a handful of bitter tears",
        ),
        transcript_zh_hans="主持人：欢迎来到周末讲座。今天我们读《红楼梦》里的诗，从第一回的“满纸荒唐言”讲起。",
        transcript_en=(
            "Host: Welcome to the weekend talk. Today we read the poems of the novel, starting from 'pages full of "
            "idle words' in chapter 1."
        ),
    ),
    ItemData(
        key="old-streets-photos", form=IMAGES, organizer=CITY,
        title_zh_hans="明川老街旧影", title_en="Old streets of Mingchuan",
        description_zh_hans="市图书馆地方文献部收藏的老街照片（演示用的生成图片）。",
        description_en=(
            "Photographs of the old streets from the library's local-history collection (generated pictures for the "
            "demo)."
        ),
        creator="明川市图书馆地方文献部 (local-history department)", date="1962", language="zh",
        subjects=("local-history",), collections=("demo-chinese-classics",), category=C.EXHIBITION_TOUR,
        rights=R.NO_KNOWN_COPYRIGHT,
        credit_zh_hans="明川市图书馆地方文献部藏（演示）",
        credit_en="Mingchuan City Library, local-history department (demo)",
        pictures=(
            P(style="sepia",
            caption_zh_hans="书院街的店铺，约1962年",
            caption_en="Shops on Shuyuan Street, about 1962"),
            P(style="sepia", caption_zh_hans="运河边的民居", caption_en="Houses along the canal"),
            P(style="sepia", caption_zh_hans="老城门附近的街巷", caption_en="Lanes near the old city gate"),
            P(style="sepia", caption_zh_hans="西城区的老茶馆", caption_en="An old teahouse in Xicheng"),
        ),
    ),
    ItemData(
        key="cataloguing-handbook", form=PDF, article=True, organizer=CITY,
        title_zh_hans="数字资源编目工作手册（内部）", title_en="Cataloguing handbook for digital resources (internal)",
        description_zh_hans="馆员内部使用：都柏林核心元数据的著录规则和权利声明的选择。",
        description_en="For library staff only: how to fill in the Dublin Core record and choose a rights statement.",
        creator="明川市图书馆 (Mingchuan City Library)", date="2025-09", language="zh",
        subjects=("library-work",), collections=(), category=C.OTHER, access=STAFF, rights=R.IN_COPYRIGHT,
        credit_zh_hans="明川市图书馆内部资料", credit_en="Mingchuan City Library, internal document",
        chapters=(("一、题名与责任者", (
            "题名照录资源本身的题名；中英文题名分别著录。",
            "责任者著录作者原名，外国作者可附中文译名；译者、注释者著录为其他责任者。",
            "权利声明优先使用 RightsStatements.org 或知识共享的URI，并写明出处说明。",
        )),),
    ),
]
# fmt: on

# fmt: off
HI_TECH_BRANCH = [
    ItemData(
        key="aesop-fables", form=EPUB, organizer=BRANCH,
        title_zh_hans="伊索寓言（英文版三则）", title_en="Aesop's Fables (three fables)",
        description_zh_hans="《龟兔赛跑》《狐狸和葡萄》《蚂蚁和蚱蜢》的英文经典译本。",
        description_en=(
            "The Hare and the Tortoise, The Fox and the Grapes, The Ants and the Grasshopper, in George Fyler "
            "Townsend's translation."
        ),
        creator="Aesop; translated by George Fyler Townsend", date="1867", language="en",
        source="George Routledge and Sons, London, 1867", category=C.FAMILY,
        subjects=("fables", "childrens-reading"), collections=("demo-young-readers", "demo-bilingual-shelf"),
        chapters=(
            ("The Hare and the Tortoise", (
                "A Hare one day ridiculed the short feet and slow pace of the Tortoise, who replied, laughing: "
                "\u201cThough you be swift as the wind, I will beat you in a race.\u201d",
                "The Hare, believing her assertion to be simply impossible, assented to the proposal; and they "
                "agreed that the Fox should choose the course and fix the goal.",
                "On the day appointed for the race the two started together. The Tortoise never for a moment "
                "stopped, but went on with a slow but steady pace straight to the end of the course. The Hare, "
                "lying down by the wayside, fell fast asleep. At last waking up, and moving as fast as he could, "
                "he saw the Tortoise had reached the goal, and was comfortably dozing after her fatigue.",
                "Slow but steady wins the race.",
            )),
            ("The Fox and the Grapes", (
                "A famished Fox saw some clusters of ripe black grapes hanging from a trellised vine. She "
                "resorted to all her tricks to get at them, but wearied herself in vain, for she could not reach "
                "them. At last she turned away, hiding her disappointment and saying: \u201cThe Grapes are sour, "
                "and not ripe as I thought.\u201d",
            )),
            ("The Ants and the Grasshopper", (
                "The Ants were spending a fine winter's day drying grain collected in the summertime. A "
                "Grasshopper, perishing with famine, passed by and earnestly begged for a little food.",
                "The Ants inquired of him, \u201cWhy did you not treasure up food during the summer?\u201d He "
                "replied, \u201cI had not leisure enough. I passed the days in singing.\u201d They then said in "
                "derision: \u201cIf you were foolish enough to sing all the summer, you must dance supperless to "
                "bed in the winter.\u201d",
            )),
        ),
    ),
    ItemData(
        key="aesop-bilingual", form=BODY, organizer=BRANCH,
        title_zh_hans="双语寓言：龟兔赛跑", title_en="A bilingual fable: the Hare and the Tortoise",
        description_zh_hans="高新分馆志愿者的中英对照改写，适合亲子共读。",
        description_en=(
            "A side-by-side retelling by the branch's volunteers, for parents and children to read together."
        ),
        creator="伊索 (Aesop); 高新分馆志愿者 改写 (retold by the branch's volunteers)", date="2025-06",
        language="zh", category=C.FAMILY, rights=R.CC_BY,
        subjects=("fables", "childrens-reading"), collections=("demo-bilingual-shelf", "demo-young-readers"),
        chapters=(("龟兔赛跑 · The Hare and the Tortoise", (
            "兔子笑乌龟腿短走得慢。乌龟说：“我们来赛跑吧。”",
            "The Hare laughed at the Tortoise's short legs. \u201cLet us race,\u201d said the Tortoise.",
            "兔子跑到半路，躺在树下睡着了。乌龟一步也没停。",
            "Halfway, the Hare lay down under a tree and fell asleep. The Tortoise never stopped.",
            "兔子醒来时，乌龟已经到了终点。慢而稳，赢比赛。",
            "When the Hare woke up, the Tortoise had already won. Slow but steady wins the race.",
        )),),
    ),
    ItemData(
        key="alice", form=PDF, organizer=BRANCH,
        title_zh_hans="爱丽丝梦游仙境（第一章）", title_en="Alice's Adventures in Wonderland (chapter 1)",
        description_zh_hans="刘易斯·卡罗尔的童话开篇：爱丽丝跟着一只揣着怀表的白兔掉进兔子洞。英文原文。",
        description_en=(
            "Lewis Carroll's tale begins: Alice follows a White Rabbit with a pocket watch down the rabbit-hole."
        ),
        creator="Lewis Carroll", date="1865", language="en", source="Macmillan, London, 1865",
        category=C.FAMILY, subjects=("fables", "english-literature"),
        collections=("demo-young-readers", "demo-bilingual-shelf"),
        chapters=(("Chapter I. Down the Rabbit-Hole", (
            "Alice was beginning to get very tired of sitting by her sister on the bank, and of having nothing "
            "to do: once or twice she had peeped into the book her sister was reading, but it had no pictures or "
            "conversations in it, \u201cand what is the use of a book,\u201d thought Alice \u201cwithout pictures "
            "or conversations?\u201d",
        )),),
    ),
    ItemData(
        key="sanzijing", form=PDF, organizer=BRANCH,
        title_zh_hans="三字经（开篇）", title_en="The Three Character Classic (opening)",
        description_zh_hans="旧时蒙学第一书，三字一句，讲为学做人的道理。附拼音朗读课上用的分句。",
        description_en="The first primer of old China, three characters to a line, on learning and living well.",
        creator="王应麟（传） (attributed to Wang Yinglin)", date="1270", language="zh", category=C.FAMILY,
        subjects=("childrens-reading", "philosophy"), collections=("demo-young-readers",), verse=True,
        chapters=(("三字经", (
            "人之初，性本善。性相近，习相远。", "苟不教，性乃迁。教之道，贵以专。",
            "昔孟母，择邻处。子不学，断机杼。", "窦燕山，有义方。教五子，名俱扬。",
            "养不教，父之过。教不严，师之惰。",
        )),),
    ),
    ItemData(
        key="qianziwen", form=BODY, organizer=BRANCH,
        title_zh_hans="千字文（开篇）", title_en="The Thousand Character Classic (opening)",
        description_zh_hans="南朝周兴嗣编的韵文，一千个字不重复，从天地日月讲起。",
        description_en=(
            "Zhou Xingsi's rhymed text of a thousand characters, none repeated, beginning with heaven and earth."
        ),
        creator="周兴嗣 (Zhou Xingsi)", date="0535", language="zh", category=C.FAMILY,
        subjects=("childrens-reading",), collections=("demo-young-readers",), verse=True,
        chapters=(("千字文", (
            "天地玄黄，宇宙洪荒。日月盈昃，辰宿列张。", "寒来暑往，秋收冬藏。闰余成岁，律吕调阳。",
            "云腾致雨，露结为霜。金生丽水，玉出昆冈。",
        )),),
    ),
    ItemData(
        key="analects-legge", form=EPUB, organizer=BRANCH,
        title_zh_hans="论语（理雅各英译，选）",
        title_en="The Analects of Confucius (James Legge's translation, selections)",
        description_zh_hans="理雅各的经典英译，可与本馆的中文《论语》选本对照阅读。",
        description_en="James Legge's classic translation; read it beside the Chinese selection from the city library.",
        creator="孔子 (Confucius); translated by James Legge", date="1861", language="en",
        source="The Chinese Classics, vol. 1, 1861", subjects=("philosophy",), collections=("demo-bilingual-shelf",),
        chapters=(
            ("Book I. Hsio R", (
                "The Master said, \u2018Is it not pleasant to learn with a constant perseverance and application?",
                "\u2018Is it not delightful to have friends coming from distant quarters?",
                "\u2018Is he not a man of complete virtue, who feels no discomposure though men may take no note "
                "of him?\u2019",
            )),
            ("Book II. Wei Chang", (
                "The Master said, \u2018Learning without thought is labour lost; thought without learning is "
                "perilous.\u2019",
            )),
        ),
    ),
    ItemData(
        key="tao-te-ching-legge", form=PDF, article=True, organizer=BRANCH,
        title_zh_hans="道德经（理雅各英译，第一章）", title_en="Tao Te Ching (James Legge's translation, chapter 1)",
        description_zh_hans="《道德经》第一章的英译，与中文原文对照。",
        description_en="The first chapter of the Tao Te Ching in James Legge's translation, beside the Chinese.",
        creator="老子 (Laozi); translated by James Legge", date="1891", language="en",
        source="The Sacred Books of the East, vol. 39, 1891",
        subjects=("philosophy",),
        collections=("demo-bilingual-shelf",),
        chapters=(("Chapter 1", (
            "道可道，非常道；名可名，非常名。",
            "The Tao that can be trodden is not the enduring and unchanging Tao. The name that can be named is "
            "not the enduring and unchanging name.",
            "无名，天地之始；有名，万物之母。",
            "(Conceived of as) having no name, it is the Originator of heaven and earth; (conceived of as) "
            "having a name, it is the Mother of all things.",
        )),),
    ),
    ItemData(
        key="daffodils-reading", form=WAV, organizer=BRANCH,
        title_zh_hans="华兹华斯《咏水仙》（朗读）", title_en="Wordsworth, 'I Wandered Lonely as a Cloud' (read aloud)",
        description_zh_hans="24小时城市书房“夜读”栏目的英文诗朗读。",
        description_en="An English poem read for the 24-hour reading room's 'night reading' series.",
        creator="William Wordsworth", contributor="高新分馆夜读志愿者 (night-reading volunteers)", date="2025-04",
        language="en", subjects=("poetry", "english-literature"), collections=("demo-bilingual-shelf",),
        category=C.READING, rights=R.CC_BY,
        transcript_zh_hans="我独自漫游，像一朵云……（英文朗读，原文见英文文字稿）",
        transcript_en=(
            "I wandered lonely as a cloud\nThat floats on high o'er vales and hills,\nWhen all at once I saw a "
            "crowd,\nA host, of golden daffodils;\nBeside the lake, beneath the trees,\nFluttering and dancing in "
            "the breeze."
        ),
    ),
    ItemData(
        key="road-not-taken", form=BODY, organizer=BRANCH,
        title_zh_hans="未选择的路（弗罗斯特）", title_en="The Road Not Taken (Robert Frost)",
        description_zh_hans="弗罗斯特1916年发表的名诗，首尾两节，英文原文。",
        description_en="Robert Frost's poem of 1916: the first and the last stanza.",
        creator="Robert Frost", date="1916", language="en", source="Mountain Interval, Henry Holt, 1916",
        subjects=("poetry", "english-literature"), collections=("demo-bilingual-shelf",), verse=True,
        chapters=(("The Road Not Taken", (
            "Two roads diverged in a yellow wood,", "And sorry I could not travel both",
            "And be one traveler, long I stood", "And looked down one as far as I could",
            "To where it bent in the undergrowth;", "\u2026",
            "I shall be telling this with a sigh", "Somewhere ages and ages hence:",
            "Two roads diverged in a wood, and I\u2014", "I took the one less traveled by,",
            "And that has made all the difference.",
        )),),
    ),
    ItemData(
        key="ugly-duckling", form=EPUB, organizer=BRANCH,
        title_zh_hans="丑小鸭（英文版）", title_en="The Ugly Duckling",
        description_zh_hans="安徒生童话的英文经典译本开篇。一次借给一位小读者，可以预约排队。",
        description_en=(
            "Hans Christian Andersen's tale in H. P. Paull's translation. One copy: place a hold to be next."
        ),
        creator="Hans Christian Andersen; translated by H. P. Paull", date="1872", language="en",
        category=C.FAMILY, subjects=("fables", "childrens-reading"), collections=("demo-young-readers",),
        access=LENDING, licences=1, rights=R.IN_COPYRIGHT,
        credit_zh_hans="原著属公有领域；插图与导读 © 高新分馆（虚构的演示版本）",
        credit_en="Tale in the public domain; illustrations and guide © Hi-Tech Branch (a fictional demo edition)",
        chapters=(("The Ugly Duckling", (
            "It was lovely summer weather in the country, and the golden corn, the green oats, and the "
            "haystacks piled up in the meadows looked beautiful.",
            "The stork walking about on his long red legs chattered in the Egyptian language, which he had "
            "learnt from his mother.",
        )),),
    ),
    ItemData(
        key="hope-feathers", form=PDF, article=True, organizer=BRANCH,
        title_zh_hans="“希望”是长着羽毛的东西（狄金森）",
        title_en="\u201cHope\u201d is the thing with feathers (Emily Dickinson)",
        description_zh_hans="艾米莉·狄金森的短诗，1891年首次出版。",
        description_en="Emily Dickinson's short poem, first printed in 1891.",
        creator="Emily Dickinson", date="1891", language="en", source="Poems, Second Series, Roberts Brothers, 1891",
        subjects=("poetry", "english-literature"), collections=("demo-bilingual-shelf",), verse=True,
        chapters=(("\u201cHope\u201d is the thing with feathers", (
            "\u201cHope\u201d is the thing with feathers -", "That perches in the soul -",
            "And sings the tune without the words -", "And never stops - at all -",
            "And sweetest - in the Gale - is heard -", "And sore must be the storm -",
            "That could abash the little Bird", "That kept so many warm -",
        )),),
    ),
    ItemData(
        key="jane-eyre", form=PDF, organizer=BRANCH,
        title_zh_hans="简·爱（第一章）", title_en="Jane Eyre (chapter 1)",
        description_zh_hans="夏洛蒂·勃朗特的小说开篇，冬日里不能出门散步的一天。英文原文，登录后阅读。",
        description_en="Charlotte Brontë's novel opens on a winter day with no possibility of a walk. Sign in to read.",
        creator="Charlotte Brontë", date="1847", language="en", source="Smith, Elder & Co., London, 1847",
        subjects=("english-literature",), collections=("demo-bilingual-shelf",), access=RESIDENTS,
        chapters=(("Chapter I", (
            "There was no possibility of taking a walk that day. We had been wandering, indeed, in the leafless "
            "shrubbery an hour in the morning; but since dinner (Mrs. Reed, when there was no company, dined "
            "early) the cold winter wind had brought with it clouds so sombre, and a rain so penetrating, that "
            "further out-door exercise was now out of the question.",
        )),),
    ),
    ItemData(
        key="story-time-video", form=VIDEO, organizer=BRANCH,
        title_zh_hans="双语故事会：龟兔赛跑", title_en="Bilingual story time: the Hare and the Tortoise",
        description_zh_hans="高新分馆周六故事会的录像片段，中英双语讲故事。",
        description_en="A clip from the branch's Saturday story time, told in Chinese and English.",
        creator="明川市图书馆高新分馆 (Hi-Tech Branch)", date="2025-07-12", language="zh",
        category=C.FAMILY, subjects=("fables", "childrens-reading"), collections=("demo-young-readers",),
        rights=R.CC_BY,
        captions=(
            "从前，兔子和乌龟要赛跑 / Once, the Hare and the Tortoise ran a race",
            "兔子睡着了 / The Hare fell asleep",
            "慢而稳，赢比赛 / Slow but steady wins the race",
        ),
        transcript_zh_hans="讲故事的老师：从前，兔子和乌龟要赛跑。兔子跑得快，可是它在半路睡着了……",
        transcript_en=(
            "Storyteller: Once, the Hare and the Tortoise ran a race. The Hare was fast, but halfway he fell asleep…"
        ),
    ),
    ItemData(
        key="jingyesi-song", form=WAV, organizer=BRANCH,
        title_zh_hans="儿歌：静夜思", title_en="Children's song: Quiet Night Thoughts",
        description_zh_hans="少儿阅读课上孩子们唱的李白《静夜思》。",
        description_en="Children at the branch's reading class sing Li Bai's 'Quiet Night Thoughts'.",
        creator="李白 (Li Bai)", contributor="高新分馆少儿阅读课 (children's reading class)", date="2025-09",
        language="zh", category=C.FAMILY, subjects=("poetry", "childrens-reading"), collections=("demo-young-readers",),
        rights=R.CC_BY,
        transcript_zh_hans="床前明月光，疑是地上霜。\n举头望明月，低头思故乡。",
        transcript_en=(
            "Before my bed the moonlight gleams, like frost upon the ground.\nI raise my head to see the moon, "
            "then bow it, thinking of home."
        ),
    ),
    ItemData(
        key="children-papercuts", form=IMAGES, organizer=BRANCH,
        title_zh_hans="小读者剪纸作品展", title_en="Paper-cuts by young readers",
        description_zh_hans="暑期剪纸课上孩子们的作品（演示用的生成图片）。",
        description_en="Work from the summer paper-cutting class (generated pictures for the demo).",
        creator="高新分馆暑期剪纸班 (the branch's summer class)", date="2025-08", language="zh",
        category=C.EXHIBITION_TOUR, subjects=("paper-cutting", "childrens-reading"),
        collections=("demo-young-readers",), rights=R.CC_BY_NC,
        pictures=(
            P(style="papercut", caption_zh_hans="团花，8岁", caption_en="A round flower, age 8"),
            P(style="papercut", caption_zh_hans="窗花，10岁", caption_en="A window flower, age 10"),
            P(style="papercut", caption_zh_hans="六瓣花，9岁", caption_en="Six petals, age 9"),
        ),
    ),
    ItemData(
        key="weeding-list", form=BODY, organizer=BRANCH,
        title_zh_hans="馆藏剔旧清单（内部）", title_en="Weeding list (internal)",
        description_zh_hans="高新分馆本季度拟下架的数字资源和纸本书，仅馆员可见。",
        description_en="Digital and printed items the branch plans to withdraw this quarter; staff only.",
        creator="明川市图书馆高新分馆 (Hi-Tech Branch)", date="2026-01", language="zh", category=C.OTHER,
        subjects=("library-work",), collections=(), access=STAFF, rights=R.IN_COPYRIGHT,
        credit_zh_hans="高新分馆内部资料", credit_en="Hi-Tech Branch, internal document",
        chapters=(("剔旧原则", (
            "五年内无借阅、内容已过时的科技类图书优先剔旧。",
            "数字资源的授权到期前一个月复核续订。",
        )),),
    ),
]
# fmt: on

FARMING_SAYINGS = (
    "清明前后，种瓜点豆。",
    "立夏不下，犁耙高挂。",
    "白露种高山，秋分种平川。",
    "霜降不割禾，一夜掉一箩。",
)
SOLAR_TERMS_SONG = (
    "春雨惊春清谷天，夏满芒夏暑相连，",
    "秋处露秋寒霜降，冬雪雪冬小大寒。",
    "每月两节不变更，最多相差一两天。",
    "上半年来六廿一，下半年是八廿三。",
)

# fmt: off
YUNLING_LIBRARY = [
    ItemData(
        key="farming-calendar", form=PDF, organizer=YUNLING,
        title_zh_hans="云岭二十四节气农事历", title_en="Yunling farming calendar of the 24 solar terms",
        description_zh_hans="县图书馆和农技站合编：节气歌、每个节气该做的农活和本地农谚。",
        description_en=(
            "Made with the county's farming extension station: the solar-terms song, the work of each term "
            "and the local farmers' sayings."
        ),
        creator="云岭县图书馆、云岭县农技站 (county library and farming station)", date="2024-01", language="zh",
        category=C.HERITAGE, rights=R.CC_BY, subjects=("farming",), collections=("demo-farming",),
        coverage="Yunling County",
        chapters=(
            ("节气歌", SOLAR_TERMS_SONG),
            ("春季农事", (
                "立春：整修农具，准备种子。雨水：油菜施肥，清沟排水。惊蛰：春耕开始，果树修剪。",
                "春分：早稻育秧。清明：种瓜点豆，采摘明前茶。谷雨：插秧，采谷雨茶。",
            )),
            ("农谚", FARMING_SAYINGS),
        ),
    ),
    ItemData(
        key="solar-terms-song", form=WAV, organizer=YUNLING,
        title_zh_hans="节气歌（童声）", title_en="The solar-terms song (children's voices)",
        description_zh_hans="流动图书车到村小时，孩子们一起唱的节气歌。",
        description_en="Village schoolchildren sing the solar-terms song when the mobile library van visits.",
        creator="云岭县图书馆流动图书车 (the mobile library van)", date="2024-03", language="zh",
        category=C.FAMILY, rights=R.CC_BY, subjects=("farming", "childrens-reading"), collections=("demo-farming",),
        transcript_zh_hans="\n".join(SOLAR_TERMS_SONG),
        transcript_en=(
            "A rhyme that names the twenty-four solar terms in order, from the Beginning of Spring to the Great "
            "Cold, two to a month, and tells on which days of the month they fall."
        ),
    ),
    ItemData(
        key="minnong", form=BODY, organizer=YUNLING,
        title_zh_hans="悯农二首与云岭农谚", title_en="Two poems for the farmers, and Yunling's sayings",
        description_zh_hans="唐代李绅的《悯农》两首，和县里老农口传的农谚。",
        description_en=(
            "Li Shen's two Tang-dynasty poems in sympathy with farmers, and sayings passed down by the county's "
            "farmers."
        ),
        creator="李绅 (Li Shen); 云岭县图书馆 辑 (sayings gathered by the county library)", date="0806",
        language="zh", category=C.READING, subjects=("poetry", "farming"), collections=("demo-farming",), verse=True,
        chapters=(
            ("悯农二首", (
                "春种一粒粟，秋收万颗子。", "四海无闲田，农夫犹饿死。",
                "锄禾日当午，汗滴禾下土。", "谁知盘中餐，粒粒皆辛苦。",
            )),
            ("云岭农谚", FARMING_SAYINGS),
        ),
    ),
    ItemData(
        key="yunling-mountain-songs", form=WAV, organizer=YUNLING,
        title_zh_hans="云岭山歌（对唱）", title_en="Yunling mountain songs (call and answer)",
        description_zh_hans="县图书馆非遗采录：山坡上男女对唱的山歌。",
        description_en=(
            "Recorded for the county's heritage archive: a man and a woman answer each other across the hillside."
        ),
        creator="云岭县山歌传承人 (Yunling folk singers)", contributor="云岭县图书馆 (recording)", date="2024-05",
        language="zh", category=C.HERITAGE, rights=R.CC_BY_NC_SA,
        subjects=("folk-songs", "intangible-heritage"), collections=("demo-yunling-heritage",),
        transcript_zh_hans=(
            "男：太阳出来照山坡，山坡上面开花多。\n女：哥哥唱歌妹来和，歌声飘过九条河。\n"
            "男：山高水长路弯弯，云岭人家住半山。\n女：春来种下包谷籽，秋来满仓笑开颜。"
        ),
        transcript_en=(
            "Man: The sun comes up and lights the slope; the slope is full of flowers.\n"
            "Woman: You sing, brother, and I answer; our songs fly over nine rivers.\n"
            "Man: High hills, long waters, winding roads; Yunling folk live halfway up the mountain.\n"
            "Woman: In spring we sow the maize; in autumn full barns make us smile."
        ),
    ),
    ItemData(
        key="yunling-songbook", form=EPUB, organizer=YUNLING,
        title_zh_hans="云岭山歌集（整理本）", title_en="A Yunling songbook (edited)",
        description_zh_hans="县文化馆整理出版的山歌歌词集，附曲谱说明。授权一册，借满后可预约。",
        description_en=(
            "The mountain songs' words as edited by the county, with notes on the tunes. One licence: hold it when it "
            "is out."
        ),
        creator="云岭县文化馆 编 (Yunling Cultural Center)", date="2023-11", language="zh",
        category=C.HERITAGE, subjects=("folk-songs", "intangible-heritage"), collections=("demo-yunling-heritage",),
        access=LENDING, licences=1, rights=R.IN_COPYRIGHT,
        credit_zh_hans="© 2023 云岭县文化馆，经授权借阅（虚构的演示版本）",
        credit_en="© 2023 Yunling Cultural Center, lent under licence (a fictional demo edition)",
        chapters=(
            ("采茶调", ("三月采茶茶发芽，姐妹双双去采茶。", "双手采茶快如梭，一篮新茶一篮歌。")),
            ("赶场歌", ("逢五逢十赶场天，背篓装满山货鲜。", "换来针线和盐巴，回家路上唱不闲。")),
        ),
    ),
    ItemData(
        key="paper-cutting-howto", form=BODY, organizer=YUNLING,
        title_zh_hans="剪纸入门：剪一朵团花", title_en="Paper-cutting for beginners: a round flower",
        description_zh_hans="一张红纸、一把剪刀，五步剪出一朵八瓣团花。",
        description_en="A sheet of red paper, a pair of scissors, and five steps to an eight-petal round flower.",
        creator="云岭县剪纸传承人 王秀兰 (Wang Xiulan, paper-cutting master)", date="2024-02", language="zh",
        category=C.WORKSHOP, rights=R.CC_BY, subjects=("paper-cutting", "intangible-heritage"),
        collections=("demo-yunling-heritage",),
        chapters=(
            ("准备", ("一张约15厘米见方的红纸、一把小剪刀、一支铅笔。",)),
            ("步骤", (
                "第一步：把正方形红纸沿对角线对折，再对折两次，折成一个细长的三角形。",
                "第二步：用铅笔在三角形上画出半片花瓣和几道月牙纹。",
                "第三步：沿线剪去空白部分，剪刀转纸不转。",
                "第四步：在折边上剪几个小三角，展开后就是花心的镂空。",
                "第五步：轻轻展开，压平，一朵八瓣团花就完成了。",
            )),
            ("How to (in short)", (
                "Fold a square of red paper corner to corner three times, draw half a petal, cut away the rest, "
                "snip small triangles along the fold, then open it out and press it flat.",
            )),
        ),
    ),
    ItemData(
        key="yunling-papercuts", form=IMAGES, organizer=YUNLING,
        title_zh_hans="云岭剪纸作品", title_en="Yunling paper-cuts",
        description_zh_hans="县非遗展上的团花和窗花（演示用的生成图片）。",
        description_en=(
            "Round flowers and window flowers from the county heritage show (generated pictures for the demo)."
        ),
        creator="云岭县剪纸传承人 (Yunling paper-cutters)", date="2024-02", language="zh",
        category=C.HERITAGE, rights=R.CC_BY_NC_SA, subjects=("paper-cutting", "intangible-heritage"),
        collections=("demo-yunling-heritage",),
        pictures=(
            P(style="papercut", caption_zh_hans="八瓣团花", caption_en="Eight-petal round flower"),
            P(style="papercut", caption_zh_hans="春节窗花", caption_en="Spring Festival window flower"),
            P(style="papercut", caption_zh_hans="十二瓣团花", caption_en="Twelve-petal round flower"),
            P(style="papercut", caption_zh_hans="喜字团花", caption_en="Round flower for a wedding"),
            P(style="papercut", caption_zh_hans="六瓣雪花", caption_en="Six-petal snowflake"),
        ),
    ),
    ItemData(
        key="paper-cutting-video", form=VIDEO, organizer=YUNLING,
        title_zh_hans="剪纸教学视频：团花", title_en="Paper-cutting video: the round flower",
        description_zh_hans="王秀兰老师示范剪团花的关键一步：剪刀转纸不转。",
        description_en="Master Wang Xiulan shows the key move: turn the paper, not the scissors.",
        creator="云岭县图书馆 (Yunling County Library)", contributor="王秀兰 (Wang Xiulan)", date="2024-02",
        language="zh", category=C.WORKSHOP, rights=R.CC_BY, subjects=("paper-cutting",),
        collections=("demo-yunling-heritage",),
        captions=(
            "先把红纸折三次 / Fold the red paper three times",
            "剪刀不动，转动纸 / Keep the scissors still, turn the paper",
            "展开就是一朵团花 / Open it out: a round flower",
        ),
        transcript_zh_hans="王老师：先把红纸折三次。剪的时候剪刀不动，转动纸。好，展开，就是一朵团花。",
        transcript_en=(
            "Master Wang: Fold the red paper three times. When you cut, keep the scissors still and turn the paper. "
            "Now open it: a round flower."
        ),
    ),
    ItemData(
        key="rice-terraces", form=IMAGES, organizer=YUNLING,
        title_zh_hans="云岭梯田四季", title_en="The Yunling terraces through the year",
        description_zh_hans="县图书馆摄影小组记录的梯田（演示用的生成图片）。",
        description_en=(
            "The terraced fields through the seasons, by the library's photography group (generated pictures for the "
            "demo)."
        ),
        creator="云岭县图书馆摄影小组 (the library's photography group)", date="2024", language="zh",
        category=C.EXHIBITION_TOUR, rights=R.CC_BY, subjects=("farming", "local-history"),
        collections=("demo-farming",),
        pictures=(
            P(style="terraces", caption_zh_hans="春：放水插秧", caption_en="Spring: flooding and planting"),
            P(style="terraces", caption_zh_hans="夏：稻田青青", caption_en="Summer: green rice"),
            P(style="terraces", caption_zh_hans="秋：稻谷金黄", caption_en="Autumn: golden grain"),
            P(style="terraces", caption_zh_hans="冬：梯田云海", caption_en="Winter: clouds over the terraces"),
        ),
    ),
    ItemData(
        key="old-yunling-photos", form=IMAGES, organizer=YUNLING,
        title_zh_hans="云岭旧影", title_en="Old photographs of Yunling",
        description_zh_hans="县城和集镇的老照片，由居民捐赠（演示用的生成图片）。登录后查看。",
        description_en=(
            "Old photographs of the county town and market towns, given by residents (generated pictures). Sign in to "
            "see them."
        ),
        creator="云岭县居民捐赠 (given by residents)", date="1975", language="zh", category=C.HERITAGE,
        access=RESIDENTS, rights=R.IN_COPYRIGHT_EDUCATIONAL, subjects=("local-history",),
        collections=("demo-yunling-heritage",),
        credit_zh_hans="云岭县图书馆藏，居民捐赠（演示）",
        credit_en="Yunling County Library, given by residents (demo)",
        pictures=(
            P(style="sepia",
            caption_zh_hans="县城老街，约1975年",
            caption_en="The county town's old street, about 1975"),
            P(style="sepia", caption_zh_hans="青山镇集市", caption_en="Qingshan market"),
            P(style="sepia", caption_zh_hans="村口的老屋", caption_en="Old houses at the village entrance"),
        ),
    ),
    ItemData(
        key="lantern-opera-aria", form=WAV, organizer=YUNLING,
        title_zh_hans="花灯戏选段《十大姐》", title_en="Lantern opera: 'Ten Sisters' (excerpt)",
        description_zh_hans="云岭花灯戏的小调选段，县花灯剧团演唱。",
        description_en="A tune from Yunling's lantern opera, sung by the county troupe.",
        creator="云岭县花灯剧团 (Yunling Lantern Opera Troupe)", date="2023-02", language="zh",
        category=C.PERFORMANCE, access=RESIDENTS, rights=R.CC_BY_NC_ND, subjects=("opera", "intangible-heritage"),
        collections=("demo-yunling-heritage",),
        transcript_zh_hans="正月里来是新春，十个大姐去看灯。\n大姐提的莲花灯，二姐提的绣球灯。",
        transcript_en=(
            "In the first month the new spring comes; ten sisters go to see the lanterns.\n"
            "The eldest carries a lotus lantern, the second an embroidered-ball lantern."
        ),
    ),
    ItemData(
        key="lantern-opera-video", form=VIDEO, organizer=YUNLING,
        title_zh_hans="花灯戏《采茶》演出片段", title_en="Lantern opera 'Picking Tea' (performance clip)",
        description_zh_hans="元宵节花灯戏演出的录像片段。授权一份，借满后可预约。",
        description_en="A clip of the Lantern Festival performance. One licence: place a hold when it is out.",
        creator="云岭县花灯剧团 (Yunling Lantern Opera Troupe)", date="2025-02-12", language="zh",
        category=C.PERFORMANCE, access=LENDING, licences=1, rights=R.IN_COPYRIGHT,
        subjects=("opera", "tea"), collections=("demo-yunling-heritage",),
        credit_zh_hans="© 2025 云岭县花灯剧团，经授权借阅（演示）",
        credit_en="© 2025 Yunling Lantern Opera Troupe, lent under licence (demo)",
        captions=(
            "锣鼓一响，花灯上场 / The gongs sound, the lanterns come on",
            "采茶姑娘上山来 / The tea-pickers climb the hill",
            "一扇一步唱新春 / A fan, a step, a song for spring",
        ),
        transcript_zh_hans="（锣鼓）采茶姑娘上山来，手提竹篮把茶采。",
        transcript_en="(Gongs and drums) The tea-picking girls climb the hill, bamboo baskets in hand.",
    ),
    ItemData(
        key="taohuayuan", form=BODY, organizer=YUNLING,
        title_zh_hans="桃花源记（节选）", title_en="The Peach Blossom Spring (excerpt)",
        description_zh_hans="陶渊明笔下的世外桃源：渔人沿溪而行，忽逢桃花林。",
        description_en=(
            "Tao Yuanming's hidden valley: a fisherman follows a stream and comes upon a grove of peach trees."
        ),
        creator="陶渊明 (Tao Yuanming)", date="0421", language="zh", subjects=("essays",),
        collections=("demo-yunling-heritage",),
        chapters=(("桃花源记", (
            "晋太元中，武陵人捕鱼为业。缘溪行，忘路之远近。忽逢桃花林，夹岸数百步，中无杂树，芳草鲜美，落英缤纷。",
            "渔人甚异之。复前行，欲穷其林。林尽水源，便得一山，山有小口，仿佛若有光。便舍船，从口入。",
            "初极狭，才通人。复行数十步，豁然开朗。土地平旷，屋舍俨然，有良田美池桑竹之属。阡陌交通，鸡犬相闻。",
        )),),
    ),
    ItemData(
        key="shuidiao-getou", form=WAV, organizer=YUNLING,
        title_zh_hans="水调歌头·明月几时有（吟唱）", title_en="Su Shi, 'Prelude to Water Melody' (sung)",
        description_zh_hans="中秋读书会上吟唱的苏轼名篇。",
        description_en="Su Shi's Mid-Autumn lyric, sung at the library's reading evening.",
        creator="苏轼 (Su Shi)", contributor="云岭县图书馆读书会 (readers' circle)", date="2024-09-17",
        language="zh",
        category=C.PERFORMANCE, rights=R.CC_BY, subjects=("poetry",),
        collections=("demo-yunling-heritage",),
        transcript_zh_hans=(
            "明月几时有？把酒问青天。不知天上宫阙，今夕是何年。\n我欲乘风归去，又恐琼楼玉宇，高处不胜寒。起舞弄清影，何似在人间。\n"
            "转朱阁，低绮户，照无眠。不应有恨，何事长向别时圆？\n人有悲欢离合，月有阴晴圆缺，此事古难全。但愿人长久，千里共婵娟。"
        ),
        transcript_en=(
            "When did the bright moon first appear? Cup in hand I ask the blue sky… People have sorrow and joy, "
            "parting and meeting; the moon is dim or bright, full or waning – it was never perfect. May we all "
            "live long, and share the moon's beauty though a thousand miles apart."
        ),
    ),
    ItemData(
        key="digitisation-plan", form=PDF, organizer=YUNLING,
        title_zh_hans="地方文献数字化计划（内部）", title_en="Local-records digitisation plan (internal)",
        description_zh_hans="县图书馆未来三年的地方文献扫描和录音计划，仅馆员可见。",
        description_en="The county library's three-year plan for scanning and recording local records; staff only.",
        creator="云岭县图书馆 (Yunling County Library)", date="2026-01", language="zh", category=C.OTHER,
        subjects=("library-work", "local-history"), collections=(), access=STAFF, rights=R.IN_COPYRIGHT,
        credit_zh_hans="云岭县图书馆内部资料", credit_en="Yunling County Library, internal document",
        chapters=(("计划要点", (
            "第一年：县志、族谱和老报纸扫描，每页300dpi，存档格式为TIFF，阅读格式为PDF。",
            "第二年：各乡镇山歌和花灯戏录音，每年采录不少于二十位传承人。",
            "第三年：农家书屋老照片征集，与村民签订授权书后公开。",
        )),),
    ),
]
# fmt: on

TEA_SONG = (
    "三月采茶茶发芽，姐妹双双去采茶。",
    "双手采茶快如梭，一篮新茶一篮歌。",
    "清明谷雨茶正香，采得新茶送爹娘。",
    "茶园村里茶山高，一山更比一山好。",
)

# fmt: off
CHAYUAN_READING_ROOM = [
    ItemData(
        key="tea-picking-song", form=WAV, organizer=CHAYUAN,
        title_zh_hans="茶园村采茶歌", title_en="Chayuan tea-picking song",
        description_zh_hans="清明前后上山采茶时唱的歌，由村里的老茶农演唱，书屋志愿者录音。",
        description_en=(
            "Sung on the hills at tea-picking time around Qingming, by the village's old tea growers; recorded by the "
            "reading room's volunteers."
        ),
        creator="茶园村茶农 (Chayuan tea growers)", contributor="茶园村农家书屋志愿者 (recording)", date="2025-04-03",
        language="zh", category=C.HERITAGE, rights=R.CC_BY_NC_SA, subjects=("folk-songs", "tea"),
        collections=("demo-chayuan-tea",),
        transcript_zh_hans="\n".join(TEA_SONG),
        transcript_en=(
            "In the third month the tea buds open; the sisters go picking two by two.\n"
            "Hands fly like shuttles; a basket of new tea is a basket of songs.\n"
            "At Qingming and Grain Rain the tea smells sweetest; we bring the new leaves to our parents.\n"
            "The tea hills of Chayuan are high, each hill finer than the last."
        ),
    ),
    ItemData(
        key="tea-hill-call", form=WAV, organizer=CHAYUAN,
        title_zh_hans="茶山号子", title_en="Tea-hill work call",
        description_zh_hans="挑茶下山时一领众和的号子。",
        description_en="The call and chorus sung while carrying the tea down the hill.",
        creator="茶园村茶农 (Chayuan tea growers)", date="2025-04-05", language="zh", category=C.HERITAGE,
        rights=R.CC_BY_NC_SA, subjects=("folk-songs", "tea", "intangible-heritage"), collections=("demo-chayuan-tea",),
        transcript_zh_hans="领：茶担子哟——\n众：嘿哟！\n领：挑下山哟——\n众：嘿哟！",
        transcript_en="Leader: The tea loads, oh –\nAll: Hey-yo!\nLeader: Down the hill, oh –\nAll: Hey-yo!",
    ),
    ItemData(
        key="chajing", form=PDF, organizer=CHAYUAN,
        title_zh_hans="茶经（一之源，节选）", title_en="The Classic of Tea (chapter 1, 'Origins', excerpt)",
        description_zh_hans="陆羽写的第一部茶书，开篇讲茶树：“茶者，南方之嘉木也。”",
        description_en="Lu Yu's book, the first on tea, opens with the tea tree: 'Tea is a fine tree of the south.'",
        creator="陆羽 (Lu Yu)", date="0780", language="zh", subjects=("tea",), collections=("demo-chayuan-tea",),
        chapters=(("一之源", (
            "茶者，南方之嘉木也。一尺、二尺乃至数十尺。其巴山峡川，有两人合抱者，伐而掇之。",
            "其树如瓜芦，叶如栀子，花如白蔷薇，实如栟榈，蒂如丁香，根如胡桃。",
        )),),
    ),
    ItemData(
        key="tea-gardens", form=IMAGES, organizer=CHAYUAN,
        title_zh_hans="茶园春色", title_en="The tea gardens in spring",
        description_zh_hans="茶园村的茶山和采茶人（演示用的生成图片）。",
        description_en="Chayuan's tea hills and pickers (generated pictures for the demo).",
        creator="茶园村农家书屋 (Chayuan Village Reading Room)", date="2025-04", language="zh",
        category=C.EXHIBITION_TOUR, rights=R.CC_BY, subjects=("tea",), collections=("demo-chayuan-tea",),
        pictures=(
            P(style="terraces", caption_zh_hans="清晨的茶山", caption_en="The tea hills at dawn"),
            P(style="terraces", caption_zh_hans="采明前茶", caption_en="Picking tea before Qingming"),
            P(style="terraces", caption_zh_hans="山腰的茶垄", caption_en="Rows of tea on the hillside"),
        ),
    ),
    ItemData(
        key="tea-roasting-video", form=VIDEO, organizer=CHAYUAN,
        title_zh_hans="手工炒茶", title_en="Roasting green tea by hand",
        description_zh_hans="村里的炒茶师傅演示杀青、揉捻和烘干。",
        description_en="The village's tea master shows fixing, rolling and drying.",
        creator="茶园村农家书屋 (Chayuan Village Reading Room)", contributor="李德顺 (Li Deshun, tea master)",
        date="2025-04-06", language="zh", category=C.WORKSHOP, rights=R.CC_BY,
        subjects=("tea", "intangible-heritage"), collections=("demo-chayuan-tea",),
        captions=(
            "铁锅烧热，鲜叶下锅 / Heat the pan, add the fresh leaves",
            "双手翻炒，叶子变软 / Turn them by hand until soft",
            "揉捻成条，再慢慢烘干 / Roll them, then dry them slowly",
        ),
        transcript_zh_hans="李师傅：锅要烧到手放上去觉得烫。鲜叶下锅，双手不停地翻，叶子软了就起锅揉捻。",
        transcript_en=(
            "Master Li: Heat the pan until it feels hot to the hand. In go the fresh leaves; keep turning them, and "
            "when they are soft, take them out and roll them."
        ),
    ),
    ItemData(
        key="village-stories", form=WAV, organizer=CHAYUAN,
        title_zh_hans="老人讲村史：修茶路", title_en="Elders' stories: building the tea road",
        description_zh_hans="村里八十岁的周大爷讲当年全村修通下山茶路的故事。登录后收听。",
        description_en=(
            "Grandpa Zhou, eighty, tells how the whole village built the road down from the tea hills. Sign in to "
            "listen."
        ),
        creator="周德福 (Zhou Defu)", contributor="茶园村农家书屋志愿者 (interview)", date="2024-11-20",
        language="zh", category=C.HERITAGE, access=RESIDENTS, rights=R.CC_BY_NC,
        subjects=("local-history",), collections=("demo-village-memories",),
        transcript_zh_hans=(
            "周大爷：那时候茶叶要靠肩膀挑下山，一担要走三个钟头。七八年冬天，全村的人一起修路，"
            "石头是一块一块背上来的。路修通那天，大家在晒谷场上放了鞭炮。"
        ),
        transcript_en=(
            "Grandpa Zhou: Back then the tea went down the hill on our shoulders, three hours a load. In the "
            "winter of '78 the whole village built the road, carrying the stones up one by one. The day it "
            "opened we let off firecrackers on the threshing ground."
        ),
    ),
    ItemData(
        key="village-photos", form=IMAGES, organizer=CHAYUAN,
        title_zh_hans="茶园村老照片", title_en="Old photographs of Chayuan",
        description_zh_hans="村民家里收着的老照片，书屋扫描整理（演示用的生成图片）。经授权借阅，一次一位。",
        description_en=(
            "Old photographs kept in villagers' homes, scanned by the reading room (generated pictures). Lent one "
            "reader at a time."
        ),
        creator="茶园村村民 (Chayuan villagers)", date="1980", language="zh", category=C.HERITAGE,
        access=LENDING, licences=1, rights=R.IN_COPYRIGHT, subjects=("local-history",),
        collections=("demo-village-memories",),
        credit_zh_hans="照片属村民所有，经授权借阅（演示）",
        credit_en="Photographs belong to the villagers, lent with their permission (demo)",
        pictures=(
            P(style="sepia", caption_zh_hans="村口的老祠堂，约1980年", caption_en="The old ancestral hall, about 1980"),
            P(style="sepia", caption_zh_hans="修茶路的那年冬天", caption_en="The winter the tea road was built"),
            P(style="sepia", caption_zh_hans="村小学的旧校舍", caption_en="The old village school"),
            P(style="sepia", caption_zh_hans="晒谷场上的丰收", caption_en="Harvest on the threshing ground"),
        ),
    ),
    ItemData(
        key="tea-recipes", form=BODY, organizer=CHAYUAN,
        title_zh_hans="茶园村茶食谱", title_en="Chayuan tea-kitchen recipes",
        description_zh_hans="用自家茶叶做的茶叶蛋和擂茶，书屋厨艺角的阿姨们写的。",
        description_en=(
            "Tea eggs and pounded tea made with the village's own leaves, written down by the reading room's cooking "
            "corner."
        ),
        creator="茶园村农家书屋厨艺角 (the reading room's cooking corner)", date="2025-05", language="zh",
        category=C.FAMILY, rights=R.CC_BY, subjects=("tea",), collections=("demo-chayuan-tea",),
        chapters=(
            ("茶叶蛋", (
                "鸡蛋十个，冷水下锅煮八分钟，捞出轻轻敲裂外壳。",
                "锅里放红茶一把、八角两颗、桂皮一小块、酱油三勺、盐一勺，加水没过鸡蛋，小火煮半小时，浸泡一夜更入味。",
            )),
            ("擂茶", (
                "绿茶、炒花生、炒芝麻放入擂钵，用擂棍慢慢捣成细末，冲入开水，撒上炒米即可。",
            )),
        ),
    ),
    ItemData(
        key="tea-plant-care", form=BODY, organizer=CHAYUAN,
        title_zh_hans="茶树管护小贴士", title_en="Looking after tea plants: a few tips",
        description_zh_hans="乡农技员在书屋讲座上讲的茶园管护要点：修剪、施肥和绿色防虫。",
        description_en=(
            "Points from the township technician's talk at the reading room: pruning, feeding and pest control without"
            " spraying."
        ),
        creator="青山镇农技站 (Qingshan farming station)", date="2025-03", language="zh", category=C.LECTURE,
        rights=R.CC_BY, subjects=("tea", "farming"), collections=("demo-chayuan-tea",),
        chapters=(("管护要点", (
            "春茶采完后轻修剪，剪去树冠面上三到五厘米，让新梢整齐。",
            "秋季施基肥，以农家肥和饼肥为主，在茶行中间开沟深施。",
            "用黄色粘虫板和杀虫灯防治小绿叶蝉，少用农药，茶叶更安全。",
        )),),
    ),
    ItemData(
        key="reading-circle-notes", form=PDF, article=True, organizer=CHAYUAN,
        title_zh_hans="读书会笔记：读鲁迅《故乡》", title_en="Readers' circle notes: Lu Xun's 'My Old Home'",
        description_zh_hans="茶园村读书会一次活动的记录：村民们说起自己离开又回来的故乡。登录后阅读。",
        description_en=(
            "Notes from one evening of the village readers' circle: villagers on the home they left and came back to. "
            "Sign in to read."
        ),
        creator="茶园村读书会 (Chayuan readers' circle)", date="2025-10-18", language="zh", category=C.READING,
        access=RESIDENTS, rights=R.CC_BY_NC, subjects=("modern-literature", "local-history"),
        collections=("demo-village-memories",),
        chapters=(("活动记录", (
            "时间：十月十八日晚七点。地点：茶园村农家书屋。到会：十二人。",
            "共读段落：“其实地上本没有路，走的人多了，也便成了路。”",
            "周大爷说，这句话让他想起村里修茶路的那个冬天。",
            "在外打工回来的小陈说，他离开时觉得村子很小，回来才知道茶山这么大。",
        )),),
    ),
    ItemData(
        key="moon-lullaby", form=WAV, organizer=CHAYUAN,
        title_zh_hans="摇篮曲：月亮光光", title_en="Lullaby: the bright moon",
        description_zh_hans="村里奶奶们哄孩子睡觉时哼的摇篮曲。",
        description_en="The lullaby the village grandmothers hum to put the little ones to sleep.",
        creator="茶园村的奶奶们 (Chayuan grandmothers)", date="2025-01", language="zh", category=C.FAMILY,
        rights=R.CC_BY, subjects=("folk-songs", "childrens-reading"), collections=("demo-village-memories",),
        transcript_zh_hans="月亮光光，照进山乡。\n娃娃睡觉，梦里花香。\n茶山静静，小河流长。\n明天天亮，又见太阳。",
        transcript_en=(
            "The moon shines bright into the mountain village.\nSleep, little one, and dream of flowers.\n"
            "The tea hills are still, the little river runs on.\nTomorrow at dawn, the sun again."
        ),
    ),
]
# fmt: on

ITEMS = [*CITY_LIBRARY, *HI_TECH_BRANCH, *YUNLING_LIBRARY, *CHAYUAN_READING_ROOM]
