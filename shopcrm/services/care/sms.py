"""The day's messages as a CSV file for an SMS platform (短信群发): phone, text.

Marketing messages (greetings, holiday greetings, win-back offers, campaigns) end with the
opt-out phrase Chinese SMS rules require (setting ``care.sms_opt_out``, default
"拒收请回复R"). Members who declined greetings and offers are left out of the file
altogether and counted, and so are members without a phone. The one-key copy of a single
message for WeChat stays on the Follow-ups screen.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...i18n import ShopError, current_language, define, translate
from ...models import Member
from ..followups import due_list
from ..followups.texts import MARKETING_KINDS
from ..safe_cells import csv_row
from ..settings import get_setting

OPT_OUT_KEY = "care.sms_opt_out"
OPT_OUT_DEFAULT = "拒收请回复R"
H_PHONE = define("care.sms.phone", en="phone", zh="手机号")
H_TEXT = define("care.sms.text", en="text", zh="短信内容")
E_FORMAT = define(
    "care.sms.format",
    en="Write the SMS list to a .csv file, not {path}.",
    zh="短信列表只能导出为 .csv 文件，不能是 {path}。",
)


@dataclass(frozen=True)
class SmsExport:
    path: str
    rows: int
    marketing: int  # rows that end with the opt-out phrase
    no_consent: int  # members left out: they declined greetings and offers
    no_phone: int


def sms_text(text: str, marketing: bool, opt_out: str) -> str:
    """The message as sent: marketing texts end with the opt-out phrase (once)."""
    text = text.strip()
    if marketing and opt_out and not text.endswith(opt_out):
        text = f"{text} {opt_out}"
    return text


def _digits(phone: str) -> str:
    """A number as SMS platforms take it: 13800138000 for mainland mobiles, else +E.164."""
    raw = re.sub(r"[^\d+]", "", phone)
    if raw.startswith("+86"):
        return raw[3:]
    return raw


def export_sms(session: Session, on: date, path: str | Path, lang: str | None = None) -> SmsExport:
    """Write the messages of day `on`'s follow-up list to `path` (.csv, UTF-8 with BOM)."""
    lang = lang or current_language()
    target = Path(path)
    if target.suffix.lower() != ".csv":
        raise ShopError(E_FORMAT, path=str(target))
    opt_out = str(get_setting(session, OPT_OUT_KEY) or OPT_OUT_DEFAULT).strip()
    items = due_list(session, on, lang)
    ids = sorted({i.member_id for i in items})
    consent: dict[int, bool] = {}
    for n in range(0, len(ids), 500):
        query = select(Member.id, Member.consent_marketing).where(Member.id.in_(ids[n : n + 500]))
        consent.update((mid, bool(ok)) for mid, ok in session.execute(query))
    rows: list[tuple[str, str]] = []
    no_consent: set[int] = set()
    no_phone = marketing = 0
    for item in items:
        if not consent.get(item.member_id, False):
            no_consent.add(item.member_id)
            continue
        if not item.phone:
            no_phone += 1
            continue
        is_marketing = item.rule_kind in MARKETING_KINDS
        marketing += is_marketing
        rows.append((_digits(item.phone), sms_text(item.message, is_marketing, opt_out)))
    with target.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([translate(H_PHONE, lang), translate(H_TEXT, lang)])
        for phone, text in rows:
            writer.writerow(csv_row((phone, text)))
    return SmsExport(str(target), len(rows), marketing, len(no_consent), no_phone)
