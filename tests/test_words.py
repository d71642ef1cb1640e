"""One route for words: no code outside the language switch branches on the language, and
every catalogue message exists in both languages with the same placeholders.

Services and the CLI put words through `shopcrm.i18n` (`define` + `translate`); data that
is per language (a rule's two templates, a custom field's two labels) is looked up by
language key (`i18n.for_language`). Qt widgets use `tr()`. A branch such as
``"…" if lang == "zh" else "…"`` is a word that escaped the catalogue.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import string
import textwrap
from pathlib import Path

import pytest

import shopcrm
from shopcrm.i18n import CATALOG, LANGUAGES

ROOT = Path(shopcrm.__file__).parent
# Language switching itself: the catalogue and the UI's language setting.
ALLOWED = {ROOT / "i18n.py", ROOT / "ui" / "i18n.py"}


def _is_language(node: ast.AST) -> bool:
    """A "zh"/"en" literal, or a tuple/list/set holding one."""
    if isinstance(node, ast.Constant):
        return node.value in LANGUAGES
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return any(_is_language(e) for e in node.elts)
    return False


def _mentions_lang(node: ast.AST) -> bool:
    """The expression reads a name, attribute or call with "lang" in it."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and "lang" in sub.id.lower():
            return True
        if isinstance(sub, ast.Attribute) and "lang" in sub.attr.lower():
            return True
    return False


def _is_branch(node: ast.AST) -> bool:
    if isinstance(node, ast.Compare):  # lang == "zh", lang in ("zh", …), "zh" != self.lang
        sides = [node.left, *node.comparators]
        return any(_is_language(s) for s in sides) and any(
            _mentions_lang(s) for s in sides if not _is_language(s)
        )
    if isinstance(node, ast.IfExp):  # "zh" if … else "en"
        return _is_language(node.body) or _is_language(node.orelse)
    if isinstance(node, ast.Match):  # match lang: case "zh": …
        return _mentions_lang(node.subject) and any(
            isinstance(c.pattern, ast.MatchValue) and _is_language(c.pattern.value)
            for c in node.cases
        )
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):  # lang.startswith
        return (
            node.func.attr in ("startswith", "endswith")
            and _mentions_lang(node.func.value)
            and any(_is_language(a) for a in node.args)
        )
    return False


def language_branches(source: str, filename: str = "<snippet>") -> list[str]:
    """ "file:line" of every place `source` chooses something by comparing a language."""
    lines = {n.lineno for n in ast.walk(ast.parse(source, filename)) if _is_branch(n)}
    return [f"{filename}:{line}" for line in sorted(lines)]


def test_checker_catches_planted_branches() -> None:
    planted = textwrap.dedent(
        """
        def f(lang, self, table):
            a = "星期" if lang == "zh" else "Weekday"
            zh = lang == "zh"
            b = table["zh" if flag else "en"]
            if (lang or current_language()) == "zh":
                pass
            if self.lang != "en":
                pass
            if lang in ("zh", "zh_TW"):
                pass
            c = "zh" in lang
            if current_language().startswith("zh"):
                pass
            match lang:
                case "zh":
                    pass
        """
    )
    lines = [int(hit.rsplit(":", 1)[1]) for hit in language_branches(planted)]
    assert lines == [3, 4, 5, 6, 8, 10, 12, 13, 15]


def test_checker_leaves_lookups_alone() -> None:
    clean = textwrap.dedent(
        """
        LABELS = {"zh": "姓名", "en": "Name"}
        LANGUAGES = ("zh", "en")
        def f(lang, spec):
            a = for_language(LABELS, lang or current_language())
            b = translate(MSG, lang)
            c = spec.kind == "zh_field"
            d = [translate(MSG, code) for code in ("zh", "en")]
            return a, b, c, d
        """
    )
    assert language_branches(clean) == []


def test_no_language_branches_outside_the_language_switch() -> None:
    hits = []
    for path in sorted(ROOT.rglob("*.py")):
        if path in ALLOWED:
            continue
        rel = path.relative_to(ROOT.parent).as_posix()
        hits += language_branches(path.read_text(encoding="utf-8"), rel)
    assert not hits, "language branches (use the catalogue or tr()):\n" + "\n".join(hits)


def _import_everything() -> None:
    """Import every module that defines messages, so the catalogue is complete."""
    for info in pkgutil.walk_packages(shopcrm.__path__, "shopcrm."):
        if info.name.startswith("shopcrm.migrations") or info.name.endswith("__main__"):
            continue
        importlib.import_module(info.name)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_every_message_in_both_languages_with_the_same_placeholders() -> None:
    _import_everything()
    assert len(CATALOG) > 300  # the walk really imported the services, CLI and UI
    bad = []
    for msg_id, texts in sorted(CATALOG.items()):
        missing = [lang for lang in LANGUAGES if not texts.get(lang, "").strip()]
        if missing:
            bad.append(f"{msg_id}: no text in {missing}")
            continue
        zh, en = _placeholders(texts["zh"]), _placeholders(texts["en"])
        if zh != en:
            bad.append(f"{msg_id}: zh has {sorted(zh)}, en has {sorted(en)}")
    assert not bad, "\n".join(bad)


def test_the_placeholder_check_can_fail() -> None:
    assert _placeholders("Hi {name}, {count!r} visits") == {"name", "count"}
    assert _placeholders("{name}您好") != _placeholders("Hi {nmae}")
    assert _placeholders("{{literal}} only") == set()


def test_default_templates_in_both_languages_with_the_same_placeholders() -> None:
    from shopcrm.services.followups.texts import DEFAULT_TEMPLATES

    for kind, texts in DEFAULT_TEMPLATES.items():
        assert set(texts) == set(LANGUAGES), kind
        assert _placeholders(texts["zh"]) == _placeholders(texts["en"]), kind


@pytest.mark.parametrize("lang", LANGUAGES)
def test_list_separator_follows_the_language(lang: str) -> None:
    from shopcrm.i18n import join_list

    assert join_list(["a", "b"], lang) == {"zh": "a、b", "en": "a, b"}[lang]
