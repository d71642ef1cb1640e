"""Importing the catalogue and the staff from Excel/CSV, like the member import.

Headers are recognised in either language (and common spellings); every row gets an outcome
(created / updated / unchanged / error with the reason in the user's language), each row is
written in a SAVEPOINT so one bad row never spoils the others, and a second run of the same
file changes nothing (rows are matched by name). A dry run checks everything and the caller
rolls back. Reading files reuses services/members/reader.py (xlsx, CSV in any encoding).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from ..i18n import ShopError, define, translate
from . import catalog, staff
from .auth import ROLE_OWNER, ROLE_STAFF, Actor, require_owner
from .members.columns import Column, alias_table, match_header
from .members.reader import open_source

CREATED, UPDATED, UNCHANGED, ERROR = "created", "updated", "unchanged", "error"
OUTCOME_WORDS = {
    CREATED: define("setup_import.created", en="added", zh="新增"),
    UPDATED: define("setup_import.updated", en="updated", zh="已更新"),
    UNCHANGED: define("setup_import.unchanged", en="unchanged", zh="无变化"),
    ERROR: define("setup_import.error", en="not imported", zh="未导入"),
}
E_NO_HEADER = define(
    "setup_import.no_header",
    en="{path}: no header row with a “{name}” column was found in the first 20 rows.",
    zh="{path}：前 20 行中没有找到含“{name}”列的表头。",
)
E_NAME = define("setup_import.name", en="The name is empty.", zh="名称为空。")
E_MINUTES = define(
    "setup_import.minutes", en="“{value}” is not a number of minutes.", zh="“{value}”不是分钟数。"
)
E_ROLE = define(
    "setup_import.role",
    en="“{value}” is not a role (owner or staff).",
    zh="“{value}”不是角色（店主或员工）。",
)
M_SUMMARY = define(
    "setup_import.summary",
    en="{created} added, {updated} updated, {unchanged} unchanged, {errors} not imported.",
    zh="新增 {created}，更新 {updated}，无变化 {unchanged}，未导入 {errors}。",
)

M_REPORT_HEADS = define(
    "setup_import.report_heads", en="Row|Name|Outcome|Reason", zh="行号|名称|结果|原因"
)


def _col(key: str, en: str, zh: str, *aliases: str) -> Column:
    return Column(key, define(f"setup_import.col.{key}", en=en, zh=zh), aliases)


SERVICE_IMPORT_COLUMNS = (
    _col("service_name", "Service", "服务项目", "项目", "名称", "服务", "name", "item"),
    _col("category", "Category", "分类", "类别", "category"),
    _col("price", "Price", "价格", "单价", "标价", "price", "listprice"),
    _col("minutes", "Minutes", "时长（分钟）", "时长", "分钟", "minutes", "duration"),
    _col("care_days", "Care calls (days)", "回访（天）", "回访天数", "回访", "caredays", "care"),
)
STAFF_IMPORT_COLUMNS = (
    _col("staff_name", "Staff", "员工", "姓名", "名字", "name", "staff"),
    _col("role", "Role", "角色", "role"),
    _col("title", "Title", "职位", "岗位", "title", "position"),
)
ROLE_WORDS = {
    ROLE_OWNER: {"owner", "店主", "老板", "boss"},
    ROLE_STAFF: {"staff", "员工", "店员", "employee", ""},
}


@dataclass(frozen=True)
class RowOutcome:
    row: int
    name: str
    outcome: str
    reason: str = ""


@dataclass
class SetupImportResult:
    rows: list[RowOutcome] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(r.outcome == outcome for r in self.rows)

    def summary(self, lang: str | None = None) -> str:
        return translate(
            M_SUMMARY,
            lang,
            created=self.count(CREATED),
            updated=self.count(UPDATED),
            unchanged=self.count(UNCHANGED),
            errors=self.count(ERROR),
        )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _rows(path: str | Path, columns: tuple[Column, ...]):  # noqa: ANN202 - a generator
    """(row number, {column key: cell}) under the first row that names the first column."""
    table = alias_table(list(columns))
    with open_source(path) as source:
        sheet = source.sheets[0]
        header = None
        for number, cells in sheet.rows():
            if header is None:
                found = match_header(cells, table, number)
                if columns[0].key in found.positions:
                    header = found
                elif number >= 20:
                    break
                continue
            if not any(_text(c) for c in cells):
                continue
            yield (
                number,
                {key: cells[i] if i < len(cells) else None for key, i in header.positions.items()},
            )
        if header is None:
            raise ShopError(E_NO_HEADER, path=Path(path).name, name=columns[0].header())


def _each(session: Session, result: SetupImportResult, number: int, name: str, fn) -> None:  # noqa: ANN001
    try:
        with session.begin_nested():
            outcome = fn()
    except ShopError as exc:
        result.rows.append(RowOutcome(number, name, ERROR, exc.message()))
        return
    result.rows.append(RowOutcome(number, name, outcome))


def import_services(
    session: Session, path: str | Path, *, actor: Actor
) -> SetupImportResult:
    """Add or update catalogue services from a sheet (owner only); matched by name."""
    require_owner(actor, "edit prices")
    result = SetupImportResult()
    for number, cells in _rows(path, SERVICE_IMPORT_COLUMNS):
        name = catalog.normalize_name(_text(cells.get("service_name")))

        def one(cells: dict = cells, name: str = name) -> str:
            if not name:
                raise ShopError(E_NAME)
            price = catalog.parse_price(_text(cells.get("price")) or "0")
            minutes_text = _text(cells.get("minutes"))
            if minutes_text and not minutes_text.isdigit():
                raise ShopError(E_MINUTES, value=minutes_text)
            minutes = int(minutes_text or 0)
            care_text = _text(cells.get("care_days"))
            care = catalog.parse_care_days(care_text) if care_text else []
            category_name = _text(cells.get("category"))
            category_id = (
                catalog.category_named(session, category_name, actor=actor)
                if category_name
                else None
            )
            found = catalog.service_by_name(session, name)
            if found is None:
                catalog.create_service(
                    session,
                    name,
                    price,
                    category_id=category_id,
                    duration_min=minutes,
                    care_offsets=care,
                    actor=actor,
                )
                return CREATED
            same = (
                found.list_price == price
                and (not category_name or found.category_id == category_id)
                and found.duration_min == minutes
                and list(found.care_offsets) == care
            )
            if same:
                return UNCHANGED
            changes: dict[str, Any] = {"category_id": category_id} if category_name else {}
            catalog.update_service(
                session,
                found.id,
                list_price=price,
                duration_min=minutes,
                care_offsets=care,
                actor=actor,
                **changes,
            )
            return UPDATED

        _each(session, result, number, name, one)
    return result


def _role(value: str) -> str:
    word = value.strip().lower()
    for role, words in ROLE_WORDS.items():
        if word in words:
            return role
    raise ShopError(E_ROLE, value=value)


def import_staff(
    session: Session, path: str | Path, *, actor: Actor
) -> SetupImportResult:
    """Add staff from a sheet (owner only); a name the shop has already is left as it is."""
    require_owner(actor, "edit staff")
    result = SetupImportResult()
    for number, cells in _rows(path, STAFF_IMPORT_COLUMNS):
        name = _text(cells.get("staff_name"))

        def one(cells: dict = cells, name: str = name) -> str:
            if not name:
                raise ShopError(E_NAME)
            role = _role(_text(cells.get("role")))
            if staff.staff_by_name(session, name) is not None:
                return UNCHANGED
            staff.create_staff(
                session, name, role=role, title=_text(cells.get("title")), actor=actor
            )
            return CREATED

        _each(session, result, number, name, one)
    return result


def write_import_report(result: SetupImportResult, path: str | Path, lang: str) -> None:
    """Every row's outcome in a workbook (row, name, outcome, reason)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(translate(M_REPORT_HEADS, lang).split("|"))
    for r in result.rows:
        sheet.append([r.row, r.name, translate(OUTCOME_WORDS[r.outcome], lang), r.reason])
    book.save(str(path))
