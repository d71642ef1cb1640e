"""The starter catalogues' rows: what a typical shop of each type offers on its first day.

Names are data per language (a table keyed "zh"/"en", read with `i18n.for_language`), so the
catalogue is written in the shop's language. Prices are typical suggestions the owner
confirms or types over; durations in minutes; care offsets in days after a visit.
"""

from __future__ import annotations

from dataclasses import dataclass

from .settings import SHOP_BEAUTY, SHOP_MASSAGE, SHOP_NAIL, SHOP_RESTAURANT, SHOP_SALON


@dataclass(frozen=True)
class StarterItem:
    """One service of a starter catalogue; `key` is stable across languages."""

    key: str
    category: str  # a key of CATEGORY_NAMES
    names: dict[str, str]
    price: str  # a suggestion, as text ("68")
    minutes: int = 0
    care_days: tuple[int, ...] = ()


def _i(key: str, cat: str, zh: str, en: str, price: str, minutes: int = 0, care=()) -> StarterItem:
    return StarterItem(key, cat, {"zh": zh, "en": en}, price, minutes, tuple(care))


CATEGORY_NAMES: dict[str, dict[str, str]] = {
    "hair_cut": {"zh": "剪发造型", "en": "Cuts & styling"},
    "hair_colour": {"zh": "烫染", "en": "Perm & colour"},
    "hair_care": {"zh": "护理", "en": "Hair care"},
    "face": {"zh": "面部护理", "en": "Facials"},
    "body": {"zh": "身体护理", "en": "Body care"},
    "hair_removal": {"zh": "脱毛", "en": "Hair removal"},
    "nails": {"zh": "美甲", "en": "Nails"},
    "lashes": {"zh": "美睫", "en": "Lashes"},
    "hands_feet": {"zh": "手足护理", "en": "Hands & feet"},
    "massage": {"zh": "按摩推拿", "en": "Massage"},
    "foot": {"zh": "足疗", "en": "Foot care"},
    "spa": {"zh": "SPA 理疗", "en": "Spa & therapy"},
    "set_meals": {"zh": "套餐", "en": "Set meals"},
    "drinks": {"zh": "酒水", "en": "Drinks"},
    "extras": {"zh": "其他", "en": "Extras"},
}

STARTER_ITEMS: dict[str, tuple[StarterItem, ...]] = {
    SHOP_SALON: (
        _i("wash_cut_blow", "hair_cut", "洗剪吹", "Wash, cut & blow-dry", "68", 45, (3, 30)),
        _i("mens_cut", "hair_cut", "男士剪发", "Men's cut", "48", 30, (28,)),
        _i("wash_blow", "hair_cut", "洗吹造型", "Wash & blow-dry", "38", 30),
        _i("kids_cut", "hair_cut", "儿童剪发", "Children's cut", "38", 20, (30,)),
        _i("perm", "hair_colour", "烫发", "Perm", "388", 150, (7, 60)),
        _i("colour", "hair_colour", "染发", "Colour", "298", 120, (7, 45)),
        _i("highlights", "hair_colour", "挑染", "Highlights", "358", 150, (7, 60)),
        _i("scalp_care", "hair_care", "头皮护理", "Scalp treatment", "128", 45, (14,)),
        _i("hair_mask", "hair_care", "发膜护理", "Hair mask", "98", 30, (21,)),
    ),
    SHOP_BEAUTY: (
        _i("hydrating_facial", "face", "补水护理", "Hydrating facial", "198", 60, (7, 21)),
        _i("deep_cleanse", "face", "深层清洁", "Deep-cleansing facial", "168", 75, (3, 28)),
        _i("eye_care", "face", "眼部护理", "Eye treatment", "128", 45, (14,)),
        _i("back_care", "body", "背部护理", "Back treatment", "168", 60, (14,)),
        _i("body_scrub", "body", "身体磨砂", "Body scrub", "198", 60, (21,)),
        _i("underarm_wax", "hair_removal", "腋下脱毛", "Underarm waxing", "88", 20, (30,)),
        _i("leg_wax", "hair_removal", "腿部脱毛", "Leg waxing", "168", 45, (30,)),
    ),
    SHOP_NAIL: (
        _i("gel_colour", "nails", "纯色美甲", "Gel polish, one colour", "128", 45, (21,)),
        _i("french", "nails", "法式美甲", "French manicure", "158", 60, (21,)),
        _i("nail_art", "nails", "款式美甲", "Nail art", "198", 90, (21,)),
        _i("gel_removal", "nails", "卸甲", "Gel removal", "30", 20),
        _i("lash_extension", "lashes", "嫁接睫毛", "Lash extensions", "198", 90, (3, 21)),
        _i("lash_refill", "lashes", "睫毛补种", "Lash refill", "98", 45, (21,)),
        _i("hand_care", "hands_feet", "手部护理", "Hand care", "68", 30),
        _i("pedicure", "hands_feet", "足部美甲", "Pedicure", "168", 60, (28,)),
    ),
    SHOP_MASSAGE: (
        _i("full_body", "massage", "全身推拿", "Full-body massage", "168", 60, (7, 14)),
        _i("neck_shoulder", "massage", "肩颈按摩", "Neck & shoulder massage", "98", 45, (7,)),
        _i("back_massage", "massage", "腰背推拿", "Back massage", "128", 45, (7,)),
        _i("foot_massage", "foot", "足疗", "Foot massage", "98", 60, (7,)),
        _i("foot_soak", "foot", "中药泡脚", "Herbal foot soak", "58", 30),
        _i("oil_spa", "spa", "精油 SPA", "Aromatherapy oil massage", "298", 90, (14,)),
        _i("cupping", "spa", "拔罐", "Cupping", "68", 30, (7,)),
        _i("moxibustion", "spa", "艾灸", "Moxibustion", "128", 45, (7,)),
    ),
    SHOP_RESTAURANT: (
        _i("set_two", "set_meals", "双人套餐", "Set meal for two", "168", 60),
        _i("set_four", "set_meals", "四人套餐", "Set meal for four", "328", 90),
        _i("birthday_feast", "set_meals", "生日宴", "Birthday dinner", "888", 120, (335,)),
        _i("beer", "drinks", "啤酒", "Beer", "15"),
        _i("soft_drink", "drinks", "饮料", "Soft drink", "8"),
        _i("private_room", "extras", "包间服务费", "Private room", "100", 0),
        _i("cake", "extras", "生日蛋糕", "Birthday cake", "168", 0),
    ),
}
