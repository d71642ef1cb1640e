"""Pinyin search keys for Chinese names, with surnames read as surnames.

pypinyin reads 曾 as "ceng", 单 as "dan", 仇 as "chou"; as surnames they are zeng, shan, qiu.
The tables below hold the surname readings that differ from the common reading, and the
compound surnames whose characters must be read together.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Single-character surnames whose surname reading differs from pypinyin's default.
SURNAME_READINGS: dict[str, str] = {
    "曾": "zeng",
    "单": "shan",
    "仇": "qiu",
    "解": "xie",
    "区": "ou",
    "查": "zha",
    "朴": "piao",
    "盖": "ge",
    "乐": "yue",
    "朝": "chao",
    "缪": "miao",
    "翟": "zhai",
    "员": "yun",
    "覃": "qin",
    "繁": "po",
    "秘": "bi",
    "折": "she",
    "召": "shao",
    "宓": "fu",
    "莘": "shen",
    "种": "chong",
    "重": "chong",
    "眭": "sui",
    "隗": "wei",
    "句": "gou",
    "能": "nai",
    "冼": "xian",
    "藏": "zang",
    "沈": "shen",
    "柏": "bai",
    "尉": "wei",
    "贲": "ben",
    "訾": "zi",
    "阚": "kan",
    "黑": "he",
    "葛": "ge",
    "长": "chang",
    "曲": "qu",
    "祭": "zhai",
    "角": "jue",
    "尹": "yin",
    "都": "du",
    "万": "wan",
    "石": "shi",
    "薄": "bo",
    "华": "hua",
    "任": "ren",
    "纪": "ji",
    "牟": "mou",
    "洗": "xian",
    "过": "guo",
    "燕": "yan",
    "那": "na",
    "蕃": "pi",
}

# Compound surnames (复姓) and their readings, syllable by syllable.
COMPOUND_SURNAMES: dict[str, str] = {
    "欧阳": "ou yang",
    "司马": "si ma",
    "诸葛": "zhu ge",
    "上官": "shang guan",
    "东方": "dong fang",
    "皇甫": "huang fu",
    "尉迟": "yu chi",
    "公孙": "gong sun",
    "慕容": "mu rong",
    "长孙": "zhang sun",
    "宇文": "yu wen",
    "司徒": "si tu",
    "夏侯": "xia hou",
    "令狐": "ling hu",
    "端木": "duan mu",
    "万俟": "mo qi",
    "单于": "chan yu",
    "澹台": "tan tai",
    "轩辕": "xuan yuan",
    "西门": "xi men",
    "南宫": "nan gong",
    "独孤": "du gu",
    "百里": "bai li",
    "呼延": "hu yan",
    "闻人": "wen ren",
    "申屠": "shen tu",
    "太史": "tai shi",
    "司空": "si kong",
    "钟离": "zhong li",
    "公冶": "gong ye",
}

_NON_KEY = re.compile(r"[^0-9a-z]+")


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _surname_syllables(name: str) -> tuple[list[str], str]:
    """The pinyin syllables of the surname and the rest of the name."""
    if name[:2] in COMPOUND_SURNAMES:
        return COMPOUND_SURNAMES[name[:2]].split(), name[2:]
    if name[:1] in SURNAME_READINGS:
        return [SURNAME_READINGS[name[:1]]], name[1:]
    return [], name


_HAN_RUN = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff]+)")


@lru_cache(maxsize=65536)
def _han_pinyin(run: str) -> tuple[str, ...]:
    """pypinyin's reading of a run of Chinese characters (cached: given names repeat)."""
    from pypinyin import lazy_pinyin  # heavy (dictionaries): imported on first use

    return tuple(lazy_pinyin(run))


def _syllables_of(text: str) -> list[str]:
    out: list[str] = []
    for part in _HAN_RUN.split(text):
        if not part:
            continue
        if _HAN_RUN.fullmatch(part):
            out.extend(_han_pinyin(part))
        else:
            out.extend(part.split())
    return out


def pinyin_syllables(name: str) -> list[str]:
    """Lower-case syllables for a name: Chinese read as pinyin, other letters kept as words."""
    name = unicodedata.normalize("NFKC", name or "").strip()
    if not name:
        return []
    surname, rest = _surname_syllables(name) if _is_han(name[0]) else ([], name)
    syllables = surname + _syllables_of(rest)
    words: list[str] = []
    for s in syllables:
        key = _NON_KEY.sub("", s.lower())
        if key:
            words.append(key)
    return words


def name_keys(name: str) -> tuple[str, str]:
    """(full pinyin, initials) as stored on a member: ("zengxiaoxian", "zxx")."""
    syllables = pinyin_syllables(name)
    return "".join(syllables), "".join(s[0] for s in syllables)


@lru_cache(maxsize=8192)
def _char_reading(ch: str) -> str:
    """``陈`` → ``chen2``: the character's syllable and tone (0 when it has none)."""
    from pypinyin import Style, lazy_pinyin  # heavy (dictionaries): imported on first use

    reading = lazy_pinyin(ch, style=Style.TONE3, neutral_tone_with_five=True)[0].lower()
    return reading if reading[-1:].isdigit() else reading + "0"


def _reading_key(text: str, surname: list[str] | None = None) -> str:
    """Each character as syllable, tone, character (``chen2陈``); other words lowered."""
    out: list[str] = []
    if surname is not None:  # the surname table's reading (曾 zeng, 单 shan)
        for syl, ch in zip(surname, text, strict=False):
            reading = _char_reading(ch)  # its tone when the table agrees with pypinyin
            out.append((reading if reading[:-1] == syl else syl + "0") + ch)
        text = text[len(surname) :]
    for part in _HAN_RUN.split(text):
        if _HAN_RUN.fullmatch(part):
            out.extend(_char_reading(ch) + ch for ch in part)
        else:
            out.extend(w.lower() + "0" for w in part.split())
    return "".join(out)


@lru_cache(maxsize=65536)
def name_sort_key(name: str) -> str:
    """The key every list of people sorts by: the surname's syllable first, then the
    given name's — 陈 chén before 程 chéng, all the 陈 together, then 陈丽 before 陈志强.

    A plain string (a tone digit after each syllable sorts before any letter, so ``chen2``
    comes before ``cheng2``; ``\\x01`` parts surname from given name), so a Qt sort role can
    use it as well as `sorted(..., key=name_sort_key)`. Surnames are read as surnames (曾
    zeng) and two surnames with one reading (陈, 谌) stay in their own groups.
    """
    name = unicodedata.normalize("NFKC", name or "").strip()
    if not name:
        return ""
    if not _is_han(name[0]):
        return _reading_key(name)
    if name[:2] in COMPOUND_SURNAMES:
        surname, given = name[:2], name[2:]
        head = _reading_key(surname, COMPOUND_SURNAMES[surname].split())
    elif name[:1] in SURNAME_READINGS:
        surname, given = name[:1], name[1:]
        head = _reading_key(surname, [SURNAME_READINGS[surname]])
    else:
        surname, given = name[:1], name[1:]
        head = _reading_key(surname)
    return head + "\x01" + _reading_key(given)


def normalize_query_letters(text: str) -> str:
    """'Zhang San' → 'zhangsan': what a typed pinyin query is compared with."""
    return _NON_KEY.sub("", unicodedata.normalize("NFKC", text).lower())


__all__ = [
    "COMPOUND_SURNAMES",
    "SURNAME_READINGS",
    "name_keys",
    "name_sort_key",
    "normalize_query_letters",
    "pinyin_syllables",
]
