"""Issue 22, tried as a hostile or clumsy shop would: each attack refused in words, nothing
lost or changed. One test (or a few) per numbered item of the issue."""

from __future__ import annotations

import csv
import os
import sqlite3
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from rel_helpers import add_member as add_plain_member
from rel_helpers import add_visit, sqlite_only
from sqlalchemy import func, select, update
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite
from visit_helpers import make_member

from shopcrm import clock
from shopcrm.db import make_engine, session_scope
from shopcrm.i18n import ShopError
from shopcrm.models import (
    AuditEntry,
    Followup,
    FollowupRule,
    Member,
    Service,
    Visit,
    WalletEntry,
)
from shopcrm.services import backup as bk
from shopcrm.services import privacy
from shopcrm.services.audit import export_audit, record
from shopcrm.services.auth import ROLE_OWNER, SYSTEM, Actor
from shopcrm.services.demo import DemoOptions, create_demo_shop
from shopcrm.services.excel import export_month_workbook
from shopcrm.services.followups.export import export_due
from shopcrm.services.followups.rules import ensure_default_rules
from shopcrm.services.integrity import integrity_check, quick_check
from shopcrm.services.members import MemberForm, add_tags, create_member, import_members
from shopcrm.services.members.core import update_member
from shopcrm.services.members.exporter import ImportReportWriter, export_members
from shopcrm.services.members.importer import RowOutcome
from shopcrm.services.members.merge import merge_members
from shopcrm.services.phones import clean_phone_text, normalize_phone
from shopcrm.services.restore import backup_facts, restore
from shopcrm.services.settings import get_setting, set_setting
from shopcrm.services.text_files import guess_encoding
from shopcrm.services.visit_import import import_visits
from shopcrm.services.visit_import.job import ImportResult, RowProblem
from shopcrm.services.visit_import.report import write_report

OWNER = Actor(None, "老板", ROLE_OWNER)
TODAY = date(2026, 11, 23)

# --- 2. formula injection -------------------------------------------------------------------

EVIL = ['=HYPERLINK("http://x","Click")', "+1", "-2", "@SUM(A1)"]


def _formula_cells(path: Path) -> list[tuple[str, str, object]]:
    """Every formula cell of a workbook made from one of the EVIL names (the product's own
    totals are formulas too), read from the file's XML and through openpyxl."""
    found = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = z.read(name).decode()
                if "<f>" in xml and "HYPERLINK" in xml.split("<f>", 1)[1]:
                    found.append((name, "xml", xml[:200]))
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = str(cell.value)
                if cell.data_type == "f" and (
                    "HYPERLINK" in value or "@" in value or value.lstrip("=") in EVIL
                ):
                    found.append((sheet.title, cell.coordinate, cell.value))
    return found


def _texts(path: Path) -> set[str]:
    book = openpyxl.load_workbook(path)
    return {str(c.value) for s in book.worksheets for r in s.iter_rows() for c in r if c.value}


def _csv_cells(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [cell for row in csv.reader(fh) for cell in row]


def test_2_formula_names_are_text_in_every_export(engine, session, tmp_path):
    create_demo_shop(engine, DemoOptions(members=60, months=3, seed=5, today=TODAY))
    session.expire_all()
    # members with a visit this month and an open follow-up due today take the evil names
    month_start = datetime(TODAY.year, TODAY.month, 1)
    visitors = session.scalars(
        select(Visit.member_id).where(Visit.visited_at >= month_start, Visit.member_id.is_not(None))
    ).all()
    chosen = list(dict.fromkeys(visitors))[:4]
    assert len(chosen) == 4
    ensure_default_rules(session)
    rule = session.scalars(
        select(FollowupRule).where(FollowupRule.active, FollowupRule.kind != "lapse")
    ).first()
    for i, member_id in enumerate(chosen):
        session.execute(
            update(Member)
            .where(Member.id == member_id)
            .values(name=EVIL[i], notes=EVIL[i], consent_marketing=True)
        )
        session.add(
            Followup(
                member_id=member_id,
                rule_id=rule.id,
                occasion_date=TODAY,
                due_date=TODAY,
                detail={},
            )
        )
    record(session, Actor(None, EVIL[0], ROLE_OWNER), "member", chosen[0], "edit", note=EVIL[3])
    session.commit()

    with clock.frozen(datetime(2026, 11, 23, 12, 0)):
        books = {
            "due": tmp_path / "due.xlsx",
            "month": tmp_path / "month.xlsx",
            "members": tmp_path / "members.xlsx",
            "audit": tmp_path / "audit.xlsx",
            "privacy": tmp_path / "privacy.xlsx",
            "import-report": tmp_path / "import-report.xlsx",
            "visit-report": tmp_path / "visit-report.xlsx",
        }
        assert export_due(session, TODAY, books["due"], "en") >= 1
        export_month_workbook(session, TODAY.year, TODAY.month, books["month"], "en", actor=OWNER)
        export_members(session, books["members"], lang="en", actor=OWNER)
        export_audit(session, books["audit"], actor=OWNER)
        privacy.export_member_data(session, chosen[0], books["privacy"], actor=OWNER)
        writer = ImportReportWriter(books["import-report"], "en")
        for i, name in enumerate(EVIL, start=2):
            writer.add(RowOutcome(i, "rejected", name, name, reason=name))
        writer.close()
        result = ImportResult(
            problems=[RowProblem(2, "visit_import.bad_date", (("value", EVIL[0]),))]
        )
        write_report(result, books["visit-report"], "en")
        export_due(session, TODAY, tmp_path / "due.csv", "en")
        export_audit(session, tmp_path / "audit.csv", actor=OWNER)

    for key, path in books.items():
        assert _formula_cells(path) == [], key
    # the names are there, as text, in every workbook that lists members
    for key in ("due", "month", "members", "privacy", "import-report"):
        texts = _texts(books[key])
        assert any("HYPERLINK" in t for t in texts), key
        assert key == "privacy" or {"+1", "-2", "@SUM(A1)"} <= texts, key
    for name in ("due.csv", "audit.csv"):
        cells = _csv_cells(tmp_path / name)
        assert any("HYPERLINK" in c for c in cells), name
        assert [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")] == [], name
        assert "'+1" in cells or "'-2" in cells or "'@SUM(A1)" in cells or name == "audit.csv"


# --- 8. phones with letters, long notes and tags --------------------------------------------


def _cli(db_url, *args):
    from click.testing import CliRunner

    from shopcrm.cli import main

    result = CliRunner().invoke(main, ["--db", db_url, "--lang", "en", *args])
    return result.exit_code, result.output


@pytest.mark.parametrize("phone", ["13800abc001", "+1-800-FLOWERS", "１３８ＡＢＣ００１３８"])
def test_8_phone_with_letters_refused_in_words(session, phone):
    with pytest.raises(ShopError) as err:
        create_member(session, MemberForm(name="花店", phone=phone), actor=SYSTEM)
    assert "letters" in err.value.message("en")
    assert "字母" in err.value.message("zh")
    assert session.scalar(select(func.count()).select_from(Member)) == 0


def test_8_long_notes_and_tags_refused_never_cut(db_url, engine, session, tmp_path):
    long_notes, long_tag = "备" * 5001, "t" * 41
    for form in (
        MemberForm(name="甲", phone="13800138000", notes=long_notes),
        MemberForm(name="甲", phone="13800138000", tags=(long_tag,)),
    ):
        with pytest.raises(ShopError) as err:
            create_member(session, form, actor=SYSTEM)
        assert ("5001" in err.value.message("en")) or ("41" in err.value.message("en"))
    member_id = create_member(session, MemberForm(name="乙", phone="13800138001", notes="ok"), actor=SYSTEM)
    session.commit()
    with pytest.raises(ShopError):
        update_member(session, member_id, 1, notes=long_notes, actor=SYSTEM)
    session.rollback()
    with pytest.raises(ShopError):
        add_tags(session, member_id, [long_tag], actor=SYSTEM)
    session.rollback()
    assert session.get(Member, member_id).notes == "ok"
    assert [t.tag for t in session.get(Member, member_id).tags] == []
    exactly = create_member(session, MemberForm(name="丙", phone="13800138002", notes="n" * 5000), actor=SYSTEM)
    assert len(session.get(Member, exactly).notes) == 5000
    session.commit()

    code, out = _cli(db_url, "member", "add", "--name", "丁", "--notes", long_notes)
    assert code == 1 and "5001" in out and "Traceback" not in out
    code, out = _cli(db_url, "member", "add", "--name", "丁", "--phone", "13800abc001")
    assert code == 1 and "letters" in out and "Traceback" not in out

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["姓名", "手机", "备注", "标签"])
    sheet.append(["戊", "13900139000", long_notes, ""])
    sheet.append(["己", "13900139001", "", long_tag])
    sheet.append(["庚", "13900abc002", "", ""])
    sheet.append(["辛", "13900139003", "fine", "vip"])
    path = tmp_path / "members.xlsx"
    book.save(path)
    result = import_members(session, path, lang="en", actor=SYSTEM)
    session.commit()
    reasons = {o.row: o.reason for o in result.rejected_rows}
    assert set(reasons) == {2, 3, 4}
    assert "5001" in reasons[2] and "41" in reasons[3] and "letters" in reasons[4]
    names = set(session.scalars(select(Member.name)))
    assert names == {"乙", "丙", "辛"}


# --- 7. imports ------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [float("inf"), float("-inf"), float("nan")])
def test_7_non_finite_phone_cell_is_a_row_reason(session, tmp_path, bad):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["姓名", "手机"])
    sheet.append(["甲", bad])
    sheet.append(["乙", 13900139000.0])
    path = tmp_path / "inf.xlsx"
    book.save(path)
    result = import_members(session, path, lang="en", actor=SYSTEM)
    assert [o.row for o in result.rejected_rows] == [2]
    assert result.rejected_rows[0].reason  # in words (the cell may read back empty)
    assert result.created == 1
    # the value as a spreadsheet reader hands it over: refused in words, no OverflowError
    with pytest.raises(ShopError) as err:
        normalize_phone(bad)
    assert "not a valid phone number" in err.value.message("en")
    assert clean_phone_text(bad) in ("inf", "-inf", "nan")


def _visit_book(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["日期", "手机号", "服务项目", "金额", "付款方式"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _visits_snapshot(session) -> tuple:
    session.expire_all()
    return (
        session.scalar(select(func.count()).select_from(Visit)),
        session.scalar(select(func.count()).select_from(Service)),
        tuple(session.execute(select(Member.id, Member.last_visit_on).order_by(Member.id))),
    )


def test_7_future_visits_and_long_service_names_are_row_reasons(session, tmp_path):
    make_member(session)  # 张三, 13800138000
    session.commit()
    long_name = "染" * 81
    path = _visit_book(
        tmp_path / "visits.xlsx",
        [
            ["2099-01-01", "13800138000", "洗剪吹", 88, "现金"],
            ["2026-11-24", "13800138000", "洗剪吹", 88, "现金"],  # tomorrow
            ["2026-11-20", "13800138000", long_name, 50, "现金"],
            ["2026-11-23", "13800138000", "洗剪吹", 30, "现金"],  # today: fine
        ],
    )
    with clock.frozen(datetime(2026, 11, 23, 18, 0)):
        for _ in range(2):  # the second import of the same file once crashed (IntegrityError)
            result = import_visits(session, path, create_missing=True, actor=OWNER)
            session.commit()
            reasons = {p.row: p.text("en") for p in result.problems}
            assert set(reasons) == {2, 3, 4}
            assert "future" in reasons[2] and "2099-01-01" in reasons[2]
            assert "future" in reasons[3]
            assert "longer than 80" in reasons[4]
            assert "未来" in result.problems[0].text("zh")
    visits, services, members = _visits_snapshot(session)
    assert visits == 1
    assert (
        session.scalar(select(func.count()).select_from(Service).where(Service.name == long_name))
        == 0
    )
    ((_, last_visit),) = members
    assert last_visit == date(2026, 11, 23)


def _cut_off(path: Path, target: Path) -> Path:
    """A copy of the workbook whose first sheet's XML stops half-way (the zip stays valid)."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(target, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            dst.writestr(item, data)
    return target


def test_7_cut_off_sheet_is_one_file_level_message(session, tmp_path):
    make_member(session)
    session.commit()
    rows = [[f"2026-11-{d:02d}", "13800138000", "洗剪吹", 10 + d, "现金"] for d in range(1, 21)]
    whole = _visit_book(tmp_path / "whole.xlsx", rows)
    before = _visits_snapshot(session)
    with clock.frozen(datetime(2026, 11, 23, 18, 0)), pytest.raises(ShopError) as err:
        import_visits(session, _cut_off(whole, tmp_path / "cut.xlsx"), actor=OWNER)
    session.rollback()
    assert "damaged or cut off" in err.value.message("en")
    assert "损坏" in err.value.message("zh")
    assert _visits_snapshot(session) == before

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["姓名", "手机"])
    for i in range(200):
        sheet.append([f"会员{i}", f"139{i:08d}"])
    book.save(tmp_path / "members.xlsx")
    with pytest.raises(ShopError) as err:
        import_members(session, _cut_off(tmp_path / "members.xlsx", tmp_path / "mcut.xlsx"),
                       actor=SYSTEM)
    session.rollback()
    assert "damaged or cut off" in err.value.message("en")
    assert session.scalar(select(func.count()).select_from(Member)) == 1


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_7_utf16_without_bom_is_read(session, tmp_path, codec):
    make_member(session)
    session.commit()
    members_csv = tmp_path / "members.csv"
    members_csv.write_bytes("姓名,手机,备注\r\n李四,13900139000,老顾客\r\n".encode(codec))
    assert guess_encoding(members_csv) == codec
    result = import_members(session, members_csv, lang="en", actor=SYSTEM)
    session.commit()
    assert result.created == 1
    assert session.scalar(select(Member.notes).where(Member.name == "李四")) == "老顾客"

    visits_csv = tmp_path / "visits.csv"
    visits_csv.write_bytes(
        "日期,手机号,服务项目,金额,付款方式\r\n2026-11-20,13800138000,洗剪吹,88,现金\r\n".encode(
            codec
        )
    )
    with clock.frozen(datetime(2026, 11, 23, 18, 0)):
        result = import_visits(session, visits_csv, create_missing=True, actor=OWNER)
    assert result.problems == [] and result.visits_created == 1


# --- 4. check: read-only media is not damage --------------------------------------------------


def _read_only_media(monkeypatch, message: str) -> None:
    """Opening the file the usual way fails as it does on a write-protected stick (SQLite
    cannot make its WAL index there); reading it with mode=ro still works."""

    def refuse(self, *args, **kwargs):
        raise sqlite3.OperationalError(message)

    monkeypatch.setattr(SQLiteDialect_pysqlite, "connect", refuse)


def _shop_file(engine, db_url) -> Path:
    sqlite_only(engine)
    with session_scope(engine, write=True) as s:
        member = add_plain_member(s)
        for _ in range(200):
            add_visit(s, member)
    engine.dispose()
    return Path(db_url)


@pytest.mark.parametrize(
    "message", ["attempt to write a readonly database", "unable to open database file"]
)
def test_4_check_tells_read_only_from_damaged(engine, db_url, monkeypatch, message):
    path = _shop_file(engine, db_url)
    before = path.read_bytes()
    _read_only_media(monkeypatch, message)
    result = quick_check(make_engine(db_url))
    assert result.ok and result.read_only
    text = result.message("en")
    assert "healthy" in text and "read-only" in text and "damaged" not in text
    assert "只读" in result.message("zh") and "损坏" not in result.message("zh")
    full = integrity_check(make_engine(db_url))
    assert full.ok and full.read_only
    code, out = _cli(db_url, "check")
    assert code == 0 and "read-only" in out and "damaged" not in out and len(out.splitlines()) == 1
    assert path.read_bytes() == before

    # the same media with a truly damaged file: damaged, not read-only
    monkeypatch.undo()
    _damage(path)
    _read_only_media(monkeypatch, message)
    result = integrity_check(make_engine(db_url))
    assert not result.ok and "damaged" in result.message("en")
    code, out = _cli(db_url, "check", "--full")
    assert code == 1 and "damaged" in out and "read-only" not in out


def test_4_ro_uri_and_unreadable_file(engine, db_url, tmp_path, monkeypatch):
    path = _shop_file(engine, db_url)
    ro = make_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    assert quick_check(ro).ok
    ro.dispose()
    # a file that cannot be read at all on read-only media: said so, not "damaged"
    missing = tmp_path / "gone" / "shop.db"
    _read_only_media(monkeypatch, "attempt to write a readonly database")
    result = quick_check(make_engine(f"sqlite:///{missing}"))
    assert not result.ok and result.read_only
    assert "not damage" in result.message("en") and "damaged" not in result.message("en")


def _damage(db_file: Path) -> None:
    """Overwrite the root page of an index with garbage (as tests/services/test_integrity)."""
    with sqlite3.connect(db_file) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'ix_visits_member_time'"
        ).fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    with db_file.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\x0d" + os.urandom(page_size - 1))


# --- 5. erasure: merged records, the audit's copies, the file and its WAL ---------------------

DUP_NAME, DUP_PHONE, DUP_NOTE = "欧阳小号", "13911112222", "旧卡备注住在幸福路"
KEEP_NAME, KEEP_PHONE = "欧阳娜娜", "13812345678"


def _file_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


def test_5_erasure_covers_merged_records_audit_and_the_wal(engine, db_url, session):
    sqlite_only(engine)
    keep = create_member(
        session,
        MemberForm(name=KEEP_NAME, phone=KEEP_PHONE, notes="对染发剂过敏", tags=("常客",)),
        actor=OWNER,
    )
    dup = create_member(
        session,
        MemberForm(name=DUP_NAME, phone=DUP_PHONE, notes=DUP_NOTE, tags=("老卡会员",)),
        actor=OWNER,
    )
    other = create_member(session, MemberForm(name="路人甲", phone="13900000001"), actor=OWNER)
    session.commit()
    merge_members(session, keep, dup, actor=OWNER)
    session.commit()
    # an audit row about someone else that quotes the duplicate's phone
    record(session, OWNER, "member", other, "note", text=f"朋友 {DUP_NAME} 介绍 {DUP_PHONE}")
    session.commit()

    watcher = sqlite3.connect(db_url)  # the app, open at another counter
    watcher.execute("SELECT count(*) FROM members").fetchone()
    try:
        privacy.erase_member(session, keep, actor=OWNER, reason="本人要求删除")
        session.commit()
        privacy.purge_freed_space(engine)
        raw = _file_bytes(Path(db_url))
        for secret in (KEEP_NAME, KEEP_PHONE, DUP_NAME, DUP_PHONE, DUP_NOTE, "老卡会员", "染发剂"):
            assert secret.encode() not in raw, secret
        assert "路人甲".encode() in raw
        # and the app's connection reads the erased state
        names = {row[0] for row in watcher.execute("SELECT name FROM members")}
        assert names == {f"已删除会员 #{keep}", f"已删除会员 #{dup}", "路人甲"}
    finally:
        watcher.close()
    session.expire_all()
    dup_row = session.get(Member, dup)
    assert (dup_row.status, dup_row.merged_into_id) == ("merged", keep)
    assert (dup_row.phone, dup_row.notes, dup_row.tags) == (None, "", [])
    details = " ".join(str(d) for d in session.scalars(select(AuditEntry.detail)))
    for secret in (KEEP_NAME, DUP_NAME, DUP_PHONE, DUP_NOTE, "老卡会员"):
        assert secret not in details, secret
    assert "朋友" in details  # the other member's row kept what was not personal


def test_5_a_reader_mid_transaction_is_waited_for_not_ignored(engine, db_url, session):
    sqlite_only(engine)
    keep = create_member(session, MemberForm(name=KEEP_NAME, phone=KEEP_PHONE), actor=OWNER)
    session.commit()
    reader = sqlite3.connect(db_url, isolation_level=None, timeout=0.1)
    reader.execute("BEGIN")
    reader.execute("SELECT name FROM members").fetchall()  # holds the old snapshot
    privacy.erase_member(session, keep, actor=OWNER, reason="本人要求删除")
    session.commit()
    assert privacy.purge_freed_space(engine) is False  # said, not pretended
    reader.execute("COMMIT")
    reader.close()
    assert privacy.purge_freed_space(engine) is True
    assert KEEP_NAME.encode() not in _file_bytes(Path(db_url))


# --- 6. restore of another shop's backup ------------------------------------------------------


def _named_shop(url: str, name: str, members: list[tuple[str, str]]) -> None:
    eng = make_engine(url)
    with session_scope(eng, write=True) as s:
        set_setting(s, "shop.name", name)
        for member_name, phone in members:
            add_plain_member(s, member_name, phone)
    eng.dispose()


def _shop_content(url: str) -> tuple[str, list[str]]:
    eng = make_engine(url)
    with session_scope(eng) as s:
        content = (get_setting(s, "shop.name"), list(s.scalars(select(Member.name))))
    eng.dispose()
    return content


def test_6_restore_of_another_shops_backup_needs_its_name(engine, db_url, tmp_path):
    sqlite_only(engine)
    engine.dispose()
    other_url = str(tmp_path / "restaurant.db")
    from shopcrm.db import open_database

    open_database(f"sqlite:///{other_url}").dispose()
    _named_shop(other_url, "川味小馆", [("食客甲", "+8613600000001"), ("食客乙", "+8613600000002")])
    restaurant = make_engine(other_url)
    (tmp_path / "usb").mkdir()
    info = bk.backup_now(restaurant, tmp_path / "usb", actor=SYSTEM)
    restaurant.dispose()
    _named_shop(db_url, "美发沙龙", [("张三", "+8613800138000")])
    before = Path(db_url).read_bytes()

    facts = backup_facts(info.path)
    assert (facts.shop_name, facts.members, facts.visits) == ("川味小馆", 2, 0)
    assert facts.made_at == info.created_at
    # the service: refused without the name, or with a wrong one; nothing changed
    for shop in (None, "美发沙龙", "川味"):
        with pytest.raises(ShopError) as err:
            restore(db_url, info.path, actor=OWNER, shop=shop)
        text = err.value.message("en")
        assert "another shop" in text and "川味小馆" in text and "美发沙龙" in text
        assert "2 members" in text and "Nothing was changed" in text
        assert "另一家店" in err.value.message("zh")
    assert Path(db_url).read_bytes() == before
    assert list(Path(db_url).parent.glob("*before-restore*")) == []

    # the CLI: refused with the facts (even with --yes) without --shop
    code, out = _cli(db_url, "restore", str(info.path), "--yes")
    assert code == 1 and "川味小馆" in out and "2 members" in out and "another shop" in out
    assert "Traceback" not in out and len(out.strip().splitlines()) == 1
    assert _shop_content(db_url) == ("美发沙龙", ["张三"])

    # with the backup's shop name it is restored
    code, out = _cli(db_url, "restore", str(info.path), "--shop", " 川味小馆 ")
    assert code == 0, out
    check = make_engine(db_url)
    with session_scope(check) as s:
        assert set(s.scalars(select(Member.name))) == {"食客甲", "食客乙"}
    check.dispose()


def test_6_same_shop_or_unnamed_restores_as_before(engine, db_url, tmp_path):
    sqlite_only(engine)
    engine.dispose()
    _named_shop(db_url, "美发沙龙", [("张三", "+8613800138000")])
    eng = make_engine(db_url)
    (tmp_path / "usb").mkdir()
    info = bk.backup_now(eng, tmp_path / "usb", actor=SYSTEM)
    eng.dispose()
    code, out = _cli(db_url, "restore", str(info.path), "--yes")
    assert code == 0 and "Restored" in out, out


# --- 3. amounts (the parser is on main: the attack replayed at the command line) ---------------


def test_3_amounts_refused_in_words_at_the_counter(db_url):
    code, out = _cli(db_url, "member", "add", "--name", "张三", "--phone", "13800138000")
    assert code == 0, out
    for bad in ("NaN", "Infinity", "abc", "", "1e20", "90000000000000000"):
        code, out = _cli(db_url, "topup", "--member", "13800138000", "--", bad)
        assert code == 1 and "Traceback" not in out and out.strip(), (bad, out)
        assert len(out.strip().splitlines()) == 1, out
    eng = make_engine(db_url)
    with session_scope(eng) as s:
        assert s.scalar(select(func.count()).select_from(WalletEntry)) == 0  # nothing written
    eng.dispose()
