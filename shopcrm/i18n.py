"""Messages the services speak, in Chinese and English.

Services never format user-facing text themselves: they raise `ShopError(msg_id, **params)`
or return message ids, and the CLI or the UI turns them into words at display time with
`translate`. Each service module defines its messages next to the code that uses them::

    E_PHONE = define("member.phone_invalid", en="Not a phone number: {phone}",
                     zh="手机号无效：{phone}")

(The Qt screens translate their own widget texts with Qt Linguist; see shopcrm/ui.)
"""

from __future__ import annotations

import locale
import os
import string
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

T = TypeVar("T")

LANGUAGES = ("zh", "en")
CATALOG: dict[str, dict[str, str]] = {}
_current: str | None = None


def define(msg_id: str, *, en: str, zh: str) -> str:
    """Register a message in both languages and return its id."""
    existing = CATALOG.get(msg_id)
    if existing is not None and existing != {"en": en, "zh": zh}:
        raise ValueError(f"message id {msg_id!r} defined twice with different texts")
    CATALOG[msg_id] = {"en": en, "zh": zh}
    return msg_id


def system_language() -> str:
    """'zh' when the system (or SHOPCRM_LANG) asks for Chinese, else 'en'."""
    wanted = os.environ.get("SHOPCRM_LANG") or os.environ.get("LANG") or ""
    if not wanted:
        try:
            wanted = locale.getlocale()[0] or ""
        except ValueError:
            wanted = ""
    return "zh" if wanted.lower().startswith("zh") else "en"


def current_language() -> str:
    return _current or system_language()


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _current = lang


class Word(str):
    """A message parameter that is itself a catalogue message id ("February" / "2月").

    `translate` puts it in the message's own language, so an error raised without a
    language (ShopError) still reads whole in the language it is shown in. A `str`, so
    it serialises as its id.
    """


def translate(msg_id: str, lang: str | None = None, /, **params: Any) -> str:
    """The message in `lang` (default: the current language) with `params` filled in."""
    texts = CATALOG.get(msg_id)
    if texts is None:
        return msg_id if not params else f"{msg_id} {params}"
    text = texts.get(lang or current_language()) or texts["en"]
    if any(isinstance(value, Word) for value in params.values()):
        params = {
            key: translate(value, lang) if isinstance(value, Word) else value
            for key, value in params.items()
        }
    try:
        if ":|" in text:
            return _COUNTING.format(text, **params)
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text


class _CountingFormatter(string.Formatter):
    """``{days:|day}`` reads "1 day" / "3 days"; ``{n:|person|people}`` names both forms.

    For languages that count nouns ("1 days ago" reads wrong); Chinese texts need none.
    """

    def format_field(self, value: Any, format_spec: str) -> str:
        if not format_spec.startswith("|"):
            return super().format_field(value, format_spec)
        one, _, many = format_spec[1:].partition("|")
        return f"{value} {one if value == 1 else (many or one + 's')}"


_COUNTING = _CountingFormatter()


def every_language(msg_id: str, **params: Any) -> tuple[str, ...]:
    """The message in every language, Chinese first (to recognise a header in either)."""
    return tuple(translate(msg_id, lang, **params) for lang in LANGUAGES)


def for_language(table: Mapping[str, T], lang: str | None = None) -> T:
    """The entry of a per-language table (keyed "zh"/"en") for `lang`, English if missing.

    For words that are data rather than messages (a custom field's two labels, a rule's two
    templates): look them up by language key, never ``if lang == "zh"``.
    """
    return table.get(lang or current_language(), table["en"])


LIST_SEPARATOR = define("common.list_separator", en=", ", zh="、")


def join_list(items: Iterable[str], lang: str | None = None) -> str:
    """Items joined the way the language lists them: "a, b" or "a、b"."""
    return translate(LIST_SEPARATOR, lang).join(items)


class ShopError(Exception):
    """An error the user can act on, with a translatable message."""

    def __init__(self, msg_id: str, /, **params: Any) -> None:
        self.msg_id = msg_id
        self.params = params
        super().__init__(translate(msg_id, "en", **params))

    def message(self, lang: str | None = None) -> str:
        return translate(self.msg_id, lang, **self.params)


E_INTERNAL = define("error.internal", en="Unexpected error: {detail}", zh="意外错误：{detail}")
