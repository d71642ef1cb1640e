"""One word per thing: no catalogue message and no Chinese .ts translation uses a word the
glossary (docs/glossary.md) rules out, and Chinese text keeps full-width punctuation.

Everything is read at run time — the glossary table, every module's `define(...)` (the
catalogue is filled by importing the package) and the .ts files — so words other branches
add later are checked too.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from shopcrm.i18n import CATALOG

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "docs" / "glossary.md"
TRANSLATIONS = ROOT / "resources" / "translations"
# Placeholders are not words: {wallet}, {days:|day}, %1, %n.
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\d+|%n")
_HAN = "\u3400-\u9fff"
# a colon followed by a letter or digit is syntax the user types (剪发:0.9), not punctuation
# (";;" separates the filters of a file dialog)
_HALF_WIDTH = re.compile(rf"[{_HAN}][,?!]|[,?!][{_HAN}]|(?<!;)[{_HAN}];(?!;)|[{_HAN}]:(?![\w])")
_ELLIPSIS = re.compile(r"……|\.\.\.")


@dataclass(frozen=True)
class Term:
    thing: str
    zh: str
    en: str
    not_zh: tuple[str, ...]
    not_en: tuple[str, ...]


def glossary_terms(text: str) -> list[Term]:
    """The rows of the glossary's terms table (6 cells; backticked words are ruled out)."""
    terms = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 6 or cells[0] in ("thing", "") or set(cells[0]) <= {"-"}:
            continue
        terms.append(
            Term(
                cells[0],
                cells[1],
                cells[2],
                tuple(re.findall(r"`([^`]+)`", cells[4])),
                tuple(re.findall(r"`([^`]+)`", cells[5])),
            )
        )
    return terms


def _import_everything() -> None:
    """Import every module that defines messages, so the catalogue is complete."""
    import importlib
    import pkgutil

    import shopcrm

    for info in pkgutil.walk_packages(shopcrm.__path__, "shopcrm."):
        if info.name.startswith("shopcrm.migrations") or info.name.endswith("__main__"):
            continue
        importlib.import_module(info.name)


def texts_to_check() -> list[tuple[str, str, str]]:
    """(where, language, text) of every catalogue message, default template, Chinese
    translation in the .ts files and line of the Chinese guide."""
    _import_everything()
    from shopcrm.services.followups.texts import DEFAULT_TEMPLATES

    out = [
        (msg_id, lang, text) for msg_id, texts in CATALOG.items() for lang, text in texts.items()
    ]
    for kind, texts in DEFAULT_TEMPLATES.items():
        out += [(f"template {kind}", lang, text) for lang, text in texts.items()]
    for path in sorted(TRANSLATIONS.glob("*_zh_CN.ts")):
        for context in ET.parse(path).getroot().iter("context"):
            name = context.findtext("name", "")
            for message in context.iter("message"):
                translation = message.find("translation")
                if translation is None or translation.get("type") in ("obsolete", "vanished"):
                    continue
                where = f"{path.name} {name}: {message.findtext('source', '')!r}"
                out.append((where, "zh", translation.text or ""))
    for path in sorted((ROOT / "resources" / "help").glob("*-zh.md")):
        lines = path.read_text(encoding="utf-8").splitlines()
        out += [(f"{path.name}:{n}", "zh", line) for n, line in enumerate(lines, 1)]
    return out


def forbidden_hits(terms: list[Term], texts: list[tuple[str, str, str]]) -> list[str]:
    rules: list[tuple[str, re.Pattern[str], Term]] = []
    for term in terms:
        rules += [("zh", re.compile(re.escape(word)), term) for word in term.not_zh]
        rules += [
            ("en", re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])", re.IGNORECASE), term)
            for word in term.not_en
        ]
    hits = []
    for where, lang, text in texts:
        words = _PLACEHOLDER.sub(" ", text)
        for rule_lang, pattern, term in rules:
            if rule_lang == lang and (found := pattern.search(words)):
                use = term.zh if lang == "zh" else term.en
                hits.append(f"{where}: “{found.group(0)}” → use “{use}” ({term.thing})")
    return hits


def punctuation_hits(texts: list[tuple[str, str, str]]) -> list[str]:
    hits = []
    for where, lang, text in texts:
        if lang != "zh":
            continue
        words = _PLACEHOLDER.sub("", text)
        for pattern, why in ((_HALF_WIDTH, "half-width punctuation"), (_ELLIPSIS, "use …")):
            if found := pattern.search(words):
                hits.append(f"{where}: {why}: {found.group(0)!r} in {text!r}")
    return hits


@pytest.fixture(scope="module")
def terms() -> list[Term]:
    return glossary_terms(GLOSSARY.read_text(encoding="utf-8"))


def test_the_glossary_names_the_shops_things(terms: list[Term]) -> None:
    things = {t.thing for t in terms}
    for thing in (
        "follow-up",
        "counter",
        "visit",
        "bank card",
        "mobile pay",
        "stored value",
        "points",
        "level",
        "package card",
        "commission",
        "booking",
        "lifecycle: decline",
        "RFM: can't lose",
    ):
        assert thing in things
    assert all(t.zh and t.en for t in terms)


def test_no_catalogue_or_translation_uses_a_ruled_out_word(terms: list[Term]) -> None:
    texts = texts_to_check()
    assert len(texts) > 1500  # the catalogue and the .ts files were really read
    hits = forbidden_hits(terms, texts)
    assert not hits, "words the glossary rules out:\n" + "\n".join(hits)


def test_chinese_text_has_full_width_punctuation() -> None:
    hits = punctuation_hits(texts_to_check())
    assert not hits, "\n".join(hits)


def test_the_checks_can_fail(terms: list[Term]) -> None:
    planted = [
        ("planted.a", "zh", "今日待跟进 {n} 条"),
        ("planted.b", "en", "Book an Appointment for {name}"),
        ("planted.c", "zh", "余额 {wallet} 元"),  # a placeholder is not a word
        ("planted.d", "en", "{n} follow-ups"),
    ]
    hits = forbidden_hits(terms, planted)
    assert [h.split(":")[0] for h in hits] == ["planted.a", "planted.b"]
    assert punctuation_hits(
        [("p", "zh", "确定删除?"), ("q", "zh", "导出……"), ("r", "zh", "共 %1 条")]
    ) == [
        "p: half-width punctuation: '除?' in '确定删除?'",
        "q: use …: '……' in '导出……'",
    ]
