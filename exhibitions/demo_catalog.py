"""The exhibitions demo's texts: three exhibitions on show and one scheduled, every text in both languages.

Read by exhibitions.demo. Each exhibition is found again by its slug, each section by its position and
each item by its English title within the exhibition.
"""

from dataclasses import dataclass, field

from portal.categories import Category
from portal.rights import RightsStatement as R


@dataclass(frozen=True, kw_only=True)
class ItemData:
    title_zh_hans: str
    title_en: str
    description_zh_hans: str
    description_en: str
    creator: str = ""
    date: str = ""
    medium_zh_hans: str = ""
    medium_en: str = ""
    dimensions: str = ""
    section: int | None = 0  # position of its section, None for none
    kind: str = "artwork"
    transcript_zh_hans: str = ""  # an audio guide is made for items with a transcript
    transcript_en: str = ""
    images: int = 1
    library_resource: str = ""  # a demo library resource's identifier key (demo:lib:<key>)
    event: str = ""  # a demo event's key (slug demo-<key>)


@dataclass(frozen=True, kw_only=True)
class ExhibitionData:
    slug: str
    organizer: str
    status: str  # "published" or "scheduled"
    opens_in_days: int
    closes_in_days: int
    category: str
    title_zh_hans: str
    title_en: str
    introduction_zh_hans: str
    introduction_en: str
    curator_zh_hans: str
    curator_en: str
    motif: str  # how its pictures are drawn: "bronze", "papercut", "terrace", "ink"
    rights_statement: str
    credit_zh_hans: str
    credit_en: str
    watermark: bool = False
    allow_full_download: bool = False
    sections: list[tuple[str, str, str, str]] = field(default_factory=list)  # title zh, title en, body zh, body en
    items: list[ItemData] = field(default_factory=list)


def _item(zh, en, dzh, den, **kwargs):
    return ItemData(title_zh_hans=zh, title_en=en, description_zh_hans=dzh, description_en=den, **kwargs)


EXHIBITIONS = [
    ExhibitionData(
        slug="canal-bronzes",
        organizer="city-museum",
        status="published",
        opens_in_days=-30,
        closes_in_days=150,
        category=Category.EXHIBITION_TOUR,
        title_zh_hans="运河边的青铜器",
        title_en="Bronzes of the Canal Towns",
        introduction_zh_hans=(
            "三千年前，明川一带的先民在运河两岸铸造礼器和乐器。本展精选市博物馆馆藏青铜器八件，"
            "放大细看它们的纹饰、铭文和铸造痕迹。\n\n每件展品都可以缩放到毫米级细节，部分展品配有语音导览。"
        ),
        introduction_en=(
            "Three thousand years ago the people of the Mingchuan plain cast ritual vessels and bells on the "
            "banks of the canal. Eight bronzes from the City Museum's collection, seen up close: their "
            "patterns, inscriptions and the marks of casting.\n\nZoom into every piece down to the millimetre; "
            "several have an audio guide."
        ),
        curator_zh_hans="周文博（市博物馆研究馆员）",
        curator_en="Zhou Wenbo, senior curator, City Museum",
        motif="bronze",
        rights_statement=R.PUBLIC_DOMAIN,
        credit_zh_hans="明川市博物馆藏",
        credit_en="Mingchuan City Museum collection",
        allow_full_download=True,
        sections=[
            (
                "礼器",
                "Vessels for the rites",
                "鼎、簋、尊是祭祀和宴饮的核心器物，纹饰越繁复，主人的身份越高。",
                "Tripods, tureens and wine vessels stood at the centre of sacrifices and feasts; the richer "
                "the decoration, the higher the owner's rank.",
            ),
            (
                "乐器与兵器",
                "Bells and blades",
                "编钟奏乐，戈矛护城：同一种合金，两种用途。",
                "Chime bells for music, halberds for defence: one alloy, two uses.",
            ),
        ],
        items=[
            _item(
                "兽面纹鼎",
                "Tripod with taotie mask",
                "三足圆鼎，腹部饰兽面纹，双目突出，是本馆镇馆之宝。放大可见范线和补铸痕迹。",
                "A round tripod cauldron with a taotie mask on its belly, its eyes standing out: the museum's "
                "best-known piece. Zoom in to see the mould seams and a repair cast in antiquity.",
                creator="佚名 Unknown maker",
                date="c. 1200 BCE",
                medium_zh_hans="青铜",
                medium_en="Bronze",
                dimensions="H 38 cm, D 31 cm",
                transcript_zh_hans="请看鼎腹中央的兽面：两只圆眼、卷曲的角和鼻梁。古人相信它能沟通人与神。",
                transcript_en=(
                    "Look at the mask in the middle of the belly: two round eyes, curling horns and a ridge for "
                    "a nose. People believed it carried messages between the living and the spirits."
                ),
                event="bronze-age-tour",
                images=2,
            ),
            _item(
                "云雷纹簋",
                "Tureen with cloud-and-thunder pattern",
                "盛放黍稷的簋，通体饰细密的云雷纹，线条宽不过一毫米。",
                "A tureen for millet covered in a fine cloud-and-thunder pattern whose lines are less than a "
                "millimetre wide.",
                creator="佚名 Unknown maker",
                date="c. 1050 BCE",
                medium_zh_hans="青铜",
                medium_en="Bronze",
                dimensions="H 16 cm, D 24 cm",
            ),
            _item(
                "铭文尊",
                "Wine vessel with an inscription",
                "尊内底铸铭文二十四字，记载一次赏赐。",
                "Twenty-four characters cast inside the base record a gift from a lord.",
                creator="佚名 Unknown maker",
                date="c. 1000 BCE",
                medium_zh_hans="青铜",
                medium_en="Bronze",
                dimensions="H 29 cm",
                transcript_zh_hans="铭文说：某年某月，王赏赐贝十朋，作此宝尊，子孙永用。",
                transcript_en=(
                    "The inscription says: in such a year and month the king gave ten strings of cowries; this "
                    "precious vessel was made with them, for sons and grandsons to use for ever."
                ),
            ),
            _item(
                "鸟形盖壶",
                "Flask with a bird lid",
                "壶盖铸成一只回首的鸟，羽毛用阴线刻画。",
                "The lid is a bird looking back over its shoulder, its feathers incised.",
                creator="佚名 Unknown maker",
                date="c. 800 BCE",
                medium_zh_hans="青铜",
                medium_en="Bronze",
                dimensions="H 34 cm",
            ),
            _item(
                "编钟（一组三件）",
                "Chime bells (set of three)",
                "同一组编钟中的三件，每件可敲出两个音。",
                "Three bells of one chime; each sounds two notes, depending on where it is struck.",
                creator="佚名 Unknown maker",
                date="c. 500 BCE",
                medium_zh_hans="青铜",
                medium_en="Bronze",
                dimensions="H 22–31 cm",
                section=1,
                transcript_zh_hans="敲击钟的正中和侧边，会发出相差三度的两个音。",
                transcript_en="Strike a bell in the middle and then on the side: you hear two notes a third apart.",
            ),
            _item(
                "错金戈",
                "Halberd blade inlaid with gold",
                "戈援上错金鸟篆文，意为“用之于战”。",
                "The blade is inlaid in gold with bird-script characters meaning “for use in battle”.",
                creator="佚名 Unknown maker",
                date="c. 450 BCE",
                medium_zh_hans="青铜、金",
                medium_en="Bronze and gold",
                dimensions="L 27 cm",
                section=1,
                kind="artifact",
            ),
            _item(
                "铜镜",
                "Mirror with four leaves",
                "镜背饰四叶纹和连弧纹，镜面已锈蚀。",
                "The back carries four leaves and a ring of arcs; the polished face has corroded.",
                creator="佚名 Unknown maker",
                date="c. 100 BCE",
                medium_zh_hans="青铜",
                medium_en="Bronze",
                dimensions="D 14 cm",
                section=1,
                kind="artifact",
            ),
            _item(
                "运河出土铜箭镞",
                "Arrowheads from the canal bed",
                "疏浚运河时出土的一批箭镞，见证了古代码头的繁忙。",
                "Found when the canal was dredged in 1987: signs of a busy landing stage.",
                date="c. 300 BCE",
                medium_zh_hans="青铜",
                medium_en="Bronze",
                dimensions="L 4–6 cm",
                section=None,
                kind="artifact",
            ),
        ],
    ),
    ExhibitionData(
        slug="window-flowers",
        organizer="city-cultural-center",
        status="published",
        opens_in_days=-10,
        closes_in_days=80,
        category=Category.HERITAGE,
        title_zh_hans="窗花：剪纸里的新年",
        title_en="Window Flowers: the New Year in Paper-cuts",
        introduction_zh_hans=(
            "一把剪刀、一张红纸，剪出鱼、花和团圆。本展展出市非遗传承人和学员的剪纸作品八件。"
            "\n\n作品仍受著作权保护，网上展示的图片带有水印，尺寸有限。"
        ),
        introduction_en=(
            "A pair of scissors and a sheet of red paper: fish, flowers and family reunions. Eight paper-cuts "
            "by the city's heritage masters and their students.\n\nThe works are in copyright: the images "
            "shown online carry a watermark and are limited in size."
        ),
        curator_zh_hans="王秀英（市级非遗传承人）",
        curator_en="Wang Xiuying, intangible-heritage master",
        motif="papercut",
        rights_statement=R.IN_COPYRIGHT,
        credit_zh_hans="作者授权明川市文化馆展示",
        credit_en="Shown by the Mingchuan City Cultural Center with the artist's permission",
        watermark=True,
        sections=[
            (
                "团花",
                "Round flowers",
                "对折再对折，一剪下去，四面相同。",
                "Fold, fold again, cut once: the same on four sides.",
            ),
            (
                "生肖与故事",
                "Zodiac animals and stories",
                "剪纸讲故事：生肖、戏曲和田间劳作。",
                "Paper-cuts that tell stories: zodiac animals, opera scenes and work in the fields.",
            ),
        ],
        items=[
            _item(
                "连年有余",
                "Fish for plenty, year after year",
                "莲花和鲤鱼寓意“连年有余”。",
                "Lotus and carp: a pun on “plenty, year after year”.",
                creator="王秀英 Wang Xiuying",
                date="2023",
                medium_zh_hans="红宣纸剪纸",
                medium_en="Cut red paper",
                dimensions="45 × 45 cm",
                transcript_zh_hans="鱼鳞用月牙纹剪出，一共三百多刀。",
                transcript_en="Each scale is a crescent cut: more than three hundred cuts in all.",
                event="paper-cutting-class",
            ),
            _item(
                "八角团花",
                "Eight-pointed round flower",
                "八次折叠剪出的团花，中心是一朵梅花。",
                "Folded eight times, with a plum blossom at its heart.",
                creator="王秀英 Wang Xiuying",
                date="2022",
                medium_zh_hans="红宣纸剪纸",
                medium_en="Cut red paper",
                dimensions="30 × 30 cm",
            ),
            _item(
                "喜鹊登梅",
                "Magpies on the plum tree",
                "两只喜鹊站在梅枝上，报春报喜。",
                "Two magpies on a plum branch bring news of spring and joy.",
                creator="李桂芳 Li Guifang",
                date="2024",
                medium_zh_hans="红宣纸剪纸",
                medium_en="Cut red paper",
                dimensions="40 × 30 cm",
            ),
            _item(
                "窗花四季",
                "Four seasons for the window",
                "四张一组的方形窗花，分别剪出春兰、夏荷、秋菊、冬梅。",
                "Four square window flowers: orchid, lotus, chrysanthemum and plum, one for each season.",
                creator="学员作品 Students' work",
                date="2024",
                medium_zh_hans="彩色纸剪纸",
                medium_en="Cut coloured paper",
                dimensions="4 × 20 × 20 cm",
                images=2,
            ),
            _item(
                "十二生肖",
                "The twelve zodiac animals",
                "十二个生肖围成一圈，中间是“福”字。",
                "The twelve animals in a ring around the character for good fortune.",
                creator="王秀英 Wang Xiuying",
                date="2021",
                medium_zh_hans="红宣纸剪纸",
                medium_en="Cut red paper",
                dimensions="60 × 60 cm",
                section=1,
                transcript_zh_hans="从鼠开始，顺时针数一数，你的生肖在哪里？",
                transcript_en="Start at the rat and count clockwise: where is the animal of your year?",
            ),
            _item(
                "采茶戏",
                "Tea-picking opera",
                "剪出青山镇采茶戏的一个场景：姑娘提篮，小伙挑担。",
                "A scene of Qingshan's tea-picking opera: a girl with a basket, a boy with a carrying pole.",
                creator="赵春梅 Zhao Chunmei",
                date="2023",
                medium_zh_hans="红宣纸剪纸",
                medium_en="Cut red paper",
                dimensions="50 × 35 cm",
                section=1,
                library_resource="yunling-papercuts",
            ),
            _item(
                "春耕图",
                "Spring ploughing",
                "水牛、犁和插秧的人，一张纸上的农忙。",
                "A water buffalo, a plough and people planting rice: a busy season on one sheet.",
                creator="赵春梅 Zhao Chunmei",
                date="2022",
                medium_zh_hans="红宣纸剪纸",
                medium_en="Cut red paper",
                dimensions="70 × 35 cm",
                section=1,
            ),
            _item(
                "剪刀与刻刀",
                "Scissors and carving knives",
                "传承人使用了四十年的工具。",
                "The tools a master has used for forty years.",
                medium_zh_hans="钢、木",
                medium_en="Steel and wood",
                dimensions="L 12–18 cm",
                section=None,
                kind="artifact",
            ),
        ],
    ),
    ExhibitionData(
        slug="yunling-terraces",
        organizer="yunling-cultural-center",
        status="published",
        opens_in_days=-60,
        closes_in_days=300,
        category=Category.HERITAGE,
        title_zh_hans="云岭山居：梯田与茶园",
        title_en="Life in the Yunling Hills: Terraces and Tea",
        introduction_zh_hans=(
            "云岭县的村民用一千年修出层层梯田，在雾里种茶。县文化馆和村民一起拍摄、收集了这些照片和老物件。"
        ),
        introduction_en=(
            "Over a thousand years the villagers of Yunling County built terrace upon terrace and grew tea in "
            "the mist. The county cultural center collected these photographs and old objects with them."
        ),
        curator_zh_hans="云岭县文化馆",
        curator_en="Yunling County Cultural Center",
        motif="terrace",
        rights_statement=R.CC_BY_NC,
        credit_zh_hans="云岭县文化馆与村民摄影，知识共享 署名-非商业性使用 4.0",
        credit_en="Photographs by the Yunling County Cultural Center and villagers, CC BY-NC 4.0",
        allow_full_download=True,
        sections=[
            (
                "梯田",
                "The terraces",
                "从春天灌水到秋天收割，梯田一年换四种颜色。",
                "From the spring flooding to the autumn harvest, the terraces change colour four times a year.",
            ),
            (
                "茶园与村庄",
                "Tea gardens and villages",
                "采茶、炒茶、唱山歌。",
                "Picking tea, roasting tea, singing mountain songs.",
            ),
        ],
        items=[
            _item(
                "灌水时节的梯田",
                "Terraces at flooding time",
                "四月，梯田灌满水，像一面面镜子。",
                "In April the flooded terraces shine like mirrors.",
                creator="李明山 Li Mingshan",
                date="2024",
                medium_zh_hans="数码摄影",
                medium_en="Digital photograph",
                transcript_zh_hans="这里的梯田最高一层和最低一层相差八百米。",
                transcript_en="The highest and the lowest terraces here are eight hundred metres apart.",
                library_resource="rice-terraces",
            ),
            _item(
                "插秧",
                "Planting the rice",
                "全村一起插秧，一天插完一片山坡。",
                "The whole village plants together: one hillside in a day.",
                creator="李明山 Li Mingshan",
                date="2024",
                medium_zh_hans="数码摄影",
                medium_en="Digital photograph",
            ),
            _item(
                "金色的秋天",
                "Golden autumn",
                "稻子成熟，梯田变成金色。",
                "The rice ripens and the terraces turn gold.",
                creator="赵大伯 Zhao Jianguo",
                date="2023",
                medium_zh_hans="数码摄影",
                medium_en="Digital photograph",
                images=2,
            ),
            _item(
                "木犁",
                "Wooden plough",
                "用了三代人的木犁，犁头是后来换的铁。",
                "A wooden plough used by three generations; the iron share was added later.",
                date="1950s",
                medium_zh_hans="木、铁",
                medium_en="Wood and iron",
                dimensions="L 160 cm",
                kind="artifact",
            ),
            _item(
                "雾中茶园",
                "Tea garden in the mist",
                "清明前后，茶园常在云雾里。",
                "Around Qingming the tea gardens are often in cloud.",
                creator="村民 Villagers of Chayuan",
                date="2024",
                medium_zh_hans="数码摄影",
                medium_en="Digital photograph",
                section=1,
                transcript_zh_hans="雾多的地方，茶叶长得慢，味道更香。",
                transcript_en="Where the mist lingers, tea grows slowly and tastes sweeter.",
            ),
            _item(
                "炒茶",
                "Roasting tea by hand",
                "铁锅、柴火和一双手，炒一锅茶要四十分钟。",
                "An iron wok, a wood fire and two hands: forty minutes for one batch.",
                creator="村民 Villagers of Chayuan",
                date="2023",
                medium_zh_hans="数码摄影",
                medium_en="Digital photograph",
                section=1,
            ),
            _item(
                "山歌会",
                "The mountain-song gathering",
                "每年秋收后，各村的歌手在县城对歌。",
                "After each harvest, singers from every village answer each other in song in the county town.",
                creator="云岭县文化馆 Yunling County Cultural Center",
                date="2023",
                medium_zh_hans="数码摄影",
                medium_en="Digital photograph",
                section=1,
            ),
            _item(
                "老茶篓",
                "Old tea basket",
                "竹编茶篓，背带已经磨得发亮。",
                "A woven bamboo basket; its straps worn shiny.",
                date="1970s",
                medium_zh_hans="竹",
                medium_en="Bamboo",
                dimensions="H 45 cm",
                section=1,
                kind="artifact",
            ),
        ],
    ),
    ExhibitionData(
        slug="ink-landscapes",
        organizer="city-museum",
        status="scheduled",
        opens_in_days=14,
        closes_in_days=120,
        category=Category.EXHIBITION_TOUR,
        title_zh_hans="水墨山水",
        title_en="Landscapes in Ink",
        introduction_zh_hans="市博物馆藏明清山水画四件，下月上线。",
        introduction_en="Four Ming and Qing landscape paintings from the City Museum, online next month.",
        curator_zh_hans="周文博",
        curator_en="Zhou Wenbo",
        motif="ink",
        rights_statement=R.PUBLIC_DOMAIN,
        credit_zh_hans="明川市博物馆藏",
        credit_en="Mingchuan City Museum collection",
        items=[
            _item(
                "溪山行旅",
                "Travellers by a mountain stream",
                "高山、溪流和驮队。",
                "High peaks, a stream and a mule train.",
                creator="佚名 Unknown painter",
                date="Ming dynasty",
                medium_zh_hans="绢本水墨",
                medium_en="Ink on silk",
                section=None,
            ),
            _item(
                "秋江独钓",
                "Fishing alone on the autumn river",
                "一叶小舟，一位渔翁。",
                "A small boat and a lone fisherman.",
                creator="佚名 Unknown painter",
                date="Qing dynasty",
                medium_zh_hans="纸本水墨",
                medium_en="Ink on paper",
                section=None,
            ),
        ],
    ),
]
