"""What the phases of a visit import share: the job (session, progress, cancel, problems),
the result, and the compact tuple kept per parsed row."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from ...i18n import ShopError, define, translate

Progress = Callable[[float, str], None]
IN_CHUNK = 500

E_CANCELLED = define(
    "visit_import.cancelled",
    en="Import cancelled; nothing was changed.",
    zh="已取消导入，数据未做任何更改。",
)
W_NO_PAYMENT = define(
    "visit_import.warn.no_payment",
    en="{count} rows had no payment method and were counted as cash",
    zh="{count} 行没有付款方式，已按现金计",
)


@dataclass(frozen=True)
class RowProblem:
    row: int
    msg_id: str
    params: tuple[tuple[str, Any], ...] = ()

    def text(self, lang: str | None = None) -> str:
        return translate(self.msg_id, lang, **dict(self.params))


@dataclass
class ImportResult:
    rows_read: int = 0
    rows_imported: int = 0
    rows_already_imported: int = 0
    visits_created: int = 0
    lines_created: int = 0
    members_touched: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    created_services: list[str] = field(default_factory=list)
    created_staff: list[str] = field(default_factory=list)
    missing_services: dict[str, int] = field(default_factory=dict)
    missing_staff: dict[str, int] = field(default_factory=dict)
    rows_without_payment: int = 0
    seconds: float = 0.0

    @property
    def rows_failed(self) -> int:
        return len(self.problems)

    def warnings(self, lang: str | None = None) -> list[str]:
        if not self.rows_without_payment:
            return []
        return [translate(W_NO_PAYMENT, lang, count=self.rows_without_payment)]


# A parsed row: (row_no, phone_e164, card, visited_at, service_key, service_name, quantity,
#                amount, staff_key, staff_name, method, note, ref)
Row = tuple[int, str | None, str | None, datetime, str, str, int, Decimal, str, str, str, str, str]


class ImportJob:
    def __init__(
        self, session: Session, progress: Progress | None, cancel: threading.Event | None
    ) -> None:
        self.session, self.cancel = session, cancel
        self.progress = progress or (lambda fraction, message: None)
        self.result = ImportResult()
        self.phone_rev: dict[str, str] = {}  # e164 -> reversed national digits (indexed)

    def check_cancel(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise ShopError(E_CANCELLED)

    def problem(self, row: int, msg_id: str, /, **params: Any) -> None:
        self.result.problems.append(RowProblem(row, msg_id, tuple(params.items())))


def chunks(values: Iterable[Any]) -> Iterable[list[Any]]:
    items = list(values)
    for start in range(0, len(items), IN_CHUNK):
        yield items[start : start + IN_CHUNK]
