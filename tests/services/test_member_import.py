"""Member import and export: a messy workbook, idempotence, encodings, cancel, scale,
broken files, round trip and property tests."""

from __future__ import annotations

import csv
import io
import threading
import zipfile
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from sqlalchemy import delete, func, select

from shopcrm.i18n import ShopError
from shopcrm.models import AuditEntry, Member, MemberTag
from shopcrm.services.auth import SYSTEM, Actor
from shopcrm.services.birthdays import LUNAR, SOLAR, Birthday
from shopcrm.services.members import (
    ImportReportWriter,
    MemberForm,
    add_custom_field,
    archive_member,
    create_member,
    export_members,
    get_member,
    import_members,
    search_members,
)

HEADER = [
    "备注",
    "Mobile",
    "姓名",
    "生日",
    "性别",
    "卡号",
    "等级",
    "标签",
    "入会日期",
    "来源",
    "发质",
    "Accepts offers",
    "无关列",
]


def _row(phone=None, name=None, birthday=None, **extra):
    cells = dict.fromkeys(HEADER)
    cells.update({"Mobile": phone, "姓名": name, "生日": birthday})
    for key, value in extra.items():
        cells[
            {
                "gender": "性别",
                "card": "卡号",
                "level": "等级",
                "tags": "标签",
                "joined": "入会日期",
                "source": "来源",
                "hair": "发质",
                "consent": "Accepts offers",
                "notes": "备注",
            }[key]
        ] = value
    return [cells[h] for h in HEADER]


MESSY = {
    3: _row("138 0013 8000", "张三", "1990-05-01", gender="男", notes="老客户"),
    4: _row("+86-138-0013-8001", "李四", "1990/5/1"),
    5: _row(13800138002.0, "王五", "5月1日"),
    6: _row(13800138003, "赵六", "1990年5月1日"),
    7: [None] * len(HEADER),
    8: _row("13800138004", "孙七", "农历八月十五"),
    9: _row("13800138005", "周八", "阴历腊月初八"),
    10: _row("13800138006", "吴九", "农历闰四月初二"),
    11: _row("13800138007", "郑十", "May 1"),
    12: _row("13800138008", "钱一", 32874),
    13: _row("13800138009", "陈二", datetime(1985, 3, 3)),
    14: _row("13800138010", "二月", "2月30日"),
    15: _row("1380013", "半个号"),
    16: _row("13800138011", None, "1990-01-01"),
    17: _row("138-0013-8000", "张三又来"),
    18: _row(None, "无号", card="C100"),
    19: _row(None, "谁"),
    20: _row("13800138012", "性别怪", gender="unknown"),
    21: _row("13800138013", "问同意", consent="maybe"),
    22: _row("13800138014", "刘备", card=880001.0),
    23: _row("13800138015", "关羽", card="880001"),
    24: _row(
        "13800138016",
        "曾小贤",
        tags="VIP，烫发、老客",
        hair="细软",
        joined="2023-01-05",
        level="金卡",
        source="抖音",
        consent="否",
    ),
    25: ["  ", " ", None, "", None, None, None, None, None, None, None, None, None],
}
FATES = {
    3: "created",
    4: "created",
    5: "created",
    6: "created",
    8: "created",
    9: "created",
    10: "created",
    11: "created",
    12: "created",
    13: "created",
    14: "rejected",
    15: "rejected",
    16: "rejected",
    17: "rejected",
    18: "created",
    19: "rejected",
    20: "rejected",
    21: "rejected",
    22: "created",
    23: "rejected",
    24: "created",
}
REASONS = {  # row: (reason id, English text, Chinese text)
    14: ("birthdays.no_such_day", "Birthday: February has no 30th", "生日：2月没有30日"),
    15: ("phone.incomplete", "Phone: “1380013” looks incomplete", "手机：“1380013”不完整"),
    16: ("members.name_required", "Name: A member needs a name", "姓名：会员需要填写姓名"),
    17: ("members.dup_phone", "Same phone as row 3", "手机号与第 3 行重复"),
    19: ("members.no_key", "No phone and no card number", "没有手机号也没有卡号"),
    20: (
        "members.gender",
        "Gender: Gender “unknown” not understood",
        "性别：无法识别性别“unknown”",
    ),
    21: (
        "members.yes_no",
        "Accepts offers: “maybe” is neither yes nor no",
        "接受推送：“maybe”不是",
    ),
    23: ("members.dup_card", "Same card number as row 22", "卡号与第 22 行重复"),
}


def messy_workbook(path):
    wb = Workbook()
    ws = wb.active
    ws.append(["2024 会员名单（前台整理）"])
    ws.append(HEADER)
    for number in sorted(MESSY):
        ws.append(MESSY[number])
    wb.save(path)
    return path


def member_count(session):
    return session.scalar(select(func.count()).select_from(Member))


def snapshot(session):
    """Everything import may write, keyed by phone or card (ids and timestamps left out)."""
    rows = {}
    for m in session.scalars(select(Member).order_by(Member.id)):
        key = m.phone or m.card_no
        rows[key] = (
            m.name,
            m.name_pinyin,
            m.name_initials,
            m.phone,
            m.phone_rev,
            m.card_no,
            m.gender,
            m.birthday_kind,
            m.birth_year,
            m.birth_month,
            m.birth_day,
            m.birth_leap,
            m.level,
            m.join_date,
            m.source,
            m.notes,
            m.consent_marketing,
            dict(m.profile or {}),
            m.status,
            tuple(sorted(t.tag for t in m.tags)),
            session.get(Member, m.referred_by_id).phone if m.referred_by_id else None,
        )
    return rows


def test_messy_workbook_every_row_has_its_fate(session, tmp_path):
    path = messy_workbook(tmp_path / "名单.xlsx")
    dry = import_members(session, path, dry_run=True, lang="zh", actor=SYSTEM)
    assert member_count(session) == 0
    result = import_members(session, path, lang="en", actor=SYSTEM)
    session.commit()
    for res in (dry, result):
        assert (res.created, res.updated, res.unchanged, res.rejected) == (13, 0, 0, 8)
        assert res.rows == len(FATES)
        assert res.ignored_columns == ("无关列",)
    rejected = {o.row: o for o in result.rejected_rows}
    assert set(rejected) == {n for n, fate in FATES.items() if fate == "rejected"}
    zh = {o.row: o for o in dry.rejected_rows}
    for number, (reason_id, en, zh_text) in REASONS.items():
        assert rejected[number].reason_id == reason_id, number
        assert en in rejected[number].reason, (number, rejected[number].reason)
        assert zh_text in zh[number].reason, (number, zh[number].reason)
    assert rejected[15].phone == "1380013" and rejected[15].name == "半个号"
    assert member_count(session) == 13

    def card(phone):
        return get_member(session, search_members(session, phone)[0].id)

    assert card("13800138000").birthday == Birthday(SOLAR, 5, 1, 1990)
    assert card("13800138000").gender == "M" and card("13800138000").notes == "老客户"
    assert card("13800138001").birthday == Birthday(SOLAR, 5, 1, 1990)
    assert card("13800138002").birthday == Birthday(SOLAR, 5, 1)
    assert card("13800138004").birthday == Birthday(LUNAR, 8, 15)
    assert card("13800138005").birthday == Birthday(LUNAR, 12, 8)
    assert card("13800138006").birthday == Birthday(LUNAR, 4, 2, leap=True)
    assert card("13800138008").birthday == Birthday(SOLAR, 1, 1, 1990)
    assert card("13800138009").birthday == Birthday(SOLAR, 3, 3, 1985)
    assert card("13800138014").card_no == "880001"
    assert card("C100").name == "无号" and card("C100").phone is None
    z = card("13800138016")
    assert (z.tags, z.profile, z.join_date, z.level, z.source, z.consent_marketing) == (
        ("VIP", "烫发", "老客"),
        {"hair_type": "细软"},
        date(2023, 1, 5),
        "金卡",
        "抖音",
        False,
    )
    assert search_members(session, "zxx")[0].name == "曾小贤"


def test_reimport_changes_nothing_and_second_file_updates_by_phone(session, tmp_path):
    path = messy_workbook(tmp_path / "a.xlsx")
    import_members(session, path, actor=SYSTEM)
    session.commit()
    before = snapshot(session)
    again = import_members(session, path, actor=SYSTEM)
    session.commit()
    assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 13, 8)
    assert snapshot(session) == before

    wb = Workbook()
    wb.active.append(["phone", "name", "birthday", "tags", "notes"])
    wb.active.append(["13800138000", "张三", "农历三月初三", "新标签", None])
    wb.active.append(["13800138001", "李四", None, None, None])  # blank cells keep values
    wb.active.append(["13900000000", "新人", None, None, None])
    second = tmp_path / "b.xlsx"
    wb.save(second)
    result = import_members(session, second, actor=SYSTEM)
    session.commit()
    assert (result.created, result.updated, result.unchanged) == (1, 1, 1)
    zhang = get_member(session, search_members(session, "13800138000")[0].id)
    assert zhang.birthday == Birthday(LUNAR, 3, 3) and zhang.notes == "老客户"
    assert zhang.tags == ("新标签",)
    assert get_member(session, search_members(session, "13800138001")[0].id).birthday.year == 1990


def _csv_bytes(rows, encoding):
    buf = io.StringIO()
    csv.writer(buf).writerows(rows)
    return buf.getvalue().encode(encoding)


PEOPLE_CSV = [
    ["姓名", "手机号", "生日", "标签", "备注"],
    ["张三", "13800138000", "农历八月十五", "VIP、烫发", "喜欢安静"],
    ["欧阳娜娜", "139 1234 5678", "1990-05-01", "", "对香精过敏"],
    ["曾小贤", "+86 137 0000 8000", "", "老客", "“引号”, 逗号"],
]


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig", "utf-8", "gbk"])
def test_csv_encodings_import_the_same_members(engine, session, tmp_path, encoding):
    path = tmp_path / f"members-{encoding}.csv"
    path.write_bytes(_csv_bytes(PEOPLE_CSV, encoding))
    result = import_members(session, path, actor=SYSTEM)
    session.commit()
    assert (result.created, result.rejected) == (3, 0)
    assert result.encoding in ("gb18030", "utf-8-sig", "utf-8")
    snap = snapshot(session)
    assert snap["+8613800138000"][0] == "张三"
    assert snap["+8613912345678"][15] == "对香精过敏"
    assert snap["+8613700008000"][15] == "“引号”, 逗号"
    assert snap["+8613800138000"][19] == ("VIP", "烫发")


def test_gb18030_and_utf8_bom_give_identical_data(session, tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_bytes(_csv_bytes(PEOPLE_CSV, "gb18030"))
    b.write_bytes(_csv_bytes(PEOPLE_CSV, "utf-8-sig"))
    import_members(session, a, actor=SYSTEM)
    first = snapshot(session)
    assert import_members(session, b, actor=SYSTEM).unchanged == 3
    assert snapshot(session) == first


def test_undecidable_encoding_is_one_clear_error(session, tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes("姓名,手机\n".encode() + b"\x81\x30\xff\xfe\xfd,13800138000\n" * 3)
    with pytest.raises(ShopError) as info:
        import_members(session, path, actor=SYSTEM)
    assert info.value.msg_id == "members.encoding"
    assert "x.csv" in info.value.message("en") and "CSV UTF-8" in info.value.message("en")


def _big_csv(path, n, bad_at=None):
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["姓名", "手机", "生日", "标签"])
        for i in range(n):
            birthday = "2月30日" if i == bad_at else f"{1960 + i % 40}-{1 + i % 12}-{1 + i % 28}"
            w.writerow([f"会员{i}", f"139{i:08d}", birthday, "导入" if i % 3 else ""])
    return path


def test_cancel_half_way_leaves_member_count_unchanged(session, tmp_path):
    create_member(session, MemberForm(name="老会员", phone="13800138000"), actor=SYSTEM)
    session.commit()
    cancel = threading.Event()
    calls = []

    def progress(fraction, message):
        calls.append(fraction)
        if len(calls) == 2:
            cancel.set()

    path = _big_csv(tmp_path / "big.csv", 2000)
    with pytest.raises(ShopError, match="cancelled"):
        import_members(session, path, progress=progress, cancel=cancel, actor=SYSTEM)
    assert member_count(session) == 1
    session.commit()
    assert member_count(session) == 1 and len(calls) == 2


def test_ten_thousand_rows_one_bad(session, tmp_path):
    path = _big_csv(tmp_path / "10k.csv", 10_000, bad_at=4321)
    outcomes = []
    result = import_members(session, path, on_row=outcomes.append, actor=SYSTEM)
    session.commit()
    assert (result.created, result.rejected) == (9_999, 1)
    assert [(o.row, o.reason_id) for o in result.rejected_rows] == [(4323, "birthdays.no_such_day")]
    assert len(outcomes) == 10_000
    assert member_count(session) == 9_999
    assert session.scalar(select(func.count()).select_from(MemberTag)) == 6_665
    assert search_members(session, "00004320")[0].name == "会员4320"


def test_broken_files_change_nothing(session, tmp_path):
    create_member(session, MemberForm(name="老会员", phone="13800138000"), actor=SYSTEM)
    session.commit()
    cases = {}
    (tmp_path / "empty.xlsx").write_bytes(b"")
    cases["empty.xlsx"] = "empty"
    (tmp_path / "text.xlsx").write_bytes(b"this is not a workbook at all")
    cases["text.xlsx"] = "not an Excel workbook"
    cfb = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    (tmp_path / "locked.xlsx").write_bytes(cfb + "EncryptedPackage".encode("utf-16-le"))
    cases["locked.xlsx"] = "password-protected"
    (tmp_path / "old.xls").write_bytes(cfb + b"Workbook")
    cases["old.xls"] = "old .xls"
    with zipfile.ZipFile(tmp_path / "zip.xlsx", "w") as z:
        z.writestr("hello.txt", "not a workbook")
    cases["zip.xlsx"] = "not an Excel workbook"
    wb = Workbook()
    wb.active.append(["foo", "bar"])
    wb.active.append(["张三", "13800138000"])
    wb.save(tmp_path / "noheader.xlsx")
    cases["noheader.xlsx"] = "No header row"
    Workbook().save(tmp_path / "blank.xlsx")
    cases["blank.xlsx"] = "No header row"
    (tmp_path / "blank.csv").write_bytes(b"\n\n")
    cases["blank.csv"] = "No header row"
    cases["missing.xlsx"] = "File not found"
    for name, message in cases.items():
        with pytest.raises(ShopError) as info:
            import_members(session, tmp_path / name, lang="en", actor=SYSTEM)
        assert message in info.value.message("en"), name
        assert info.value.message("zh") != info.value.message("en")
    session.commit()
    assert member_count(session) == 1


def test_import_report_workbook(session, tmp_path):
    path = messy_workbook(tmp_path / "m.xlsx")
    writer = ImportReportWriter(tmp_path / "report.xlsx", "zh")
    result = import_members(session, path, lang="zh", on_row=writer.add, actor=SYSTEM)
    writer.close(result.warnings)
    rows = list(load_workbook(tmp_path / "report.xlsx").active.iter_rows(values_only=True))
    assert rows[0] == ("行号", "结果", "姓名", "手机", "原因", "会员编号")
    by_row = {r[0]: r for r in rows[1:]}
    assert set(by_row) == set(FATES)
    assert by_row[14][1] == "未导入" and by_row[14][4] == "生日：2月没有30日"
    assert by_row[3][1] == "新建" and isinstance(by_row[3][5], int)


def test_export_then_import_into_empty_db_gives_same_data(session, tmp_path):
    shoe = add_custom_field(session, "鞋码", "number", actor=SYSTEM)
    first = add_custom_field(session, "首次到店", "date", actor=SYSTEM)
    ref = create_member(session, MemberForm(name="推荐人", phone="13700000000"), actor=SYSTEM)
    create_member(
        session,
        MemberForm(
            name="张三",
            phone="13800138000",
            card_no="880001",
            gender="M",
            birthday="1990-05-01",
            level="金卡",
            join_date=date(2023, 1, 2),
            source="抖音",
            referred_by_id=ref,
            notes="第一行\n第二行",
            consent_marketing=False,
            tags=("VIP", "烫发"),
            profile={"hair_type": "细软", shoe: 37.5, first: "2023-01-02"},
        ),
        actor=SYSTEM,
    )
    create_member(
        session, MemberForm(name="=SUM(A1)", phone="+852 9123 4567", birthday="农历闰四月初二"), actor=SYSTEM
    )
    create_member(session, MemberForm(name="无号", card_no="C9", birthday="农历2020年腊月三十"), actor=SYSTEM)
    gone = create_member(session, MemberForm(name="已走", phone="13600000000", birthday="2月29日"), actor=SYSTEM)
    archive_member(session, gone, actor=SYSTEM)
    session.commit()
    before = snapshot(session)
    for lang in ("zh", "en"):
        out = tmp_path / f"export-{lang}.xlsx"
        assert export_members(session, out, lang=lang, actor=SYSTEM) == 5
        session.execute(delete(MemberTag))
        session.execute(delete(Member).where(Member.referred_by_id.is_not(None)))
        session.execute(delete(Member))
        session.execute(delete(AuditEntry))
        session.commit()
        result = import_members(session, out, actor=SYSTEM)
        session.commit()
        assert (result.created, result.rejected, result.warnings) == (5, 0, ())
        assert snapshot(session) == before, lang
    sheet = load_workbook(tmp_path / "export-zh.xlsx").active
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["姓名", "手机", "卡号", "性别"] and "鞋码" in header
    rows = [
        {h: c.value for h, c in zip(header, r, strict=True)} for r in sheet.iter_rows(min_row=2)
    ]
    row = next(r for r in rows if r["姓名"] == "张三")
    assert next(r for r in rows if r["手机"] == "+85291234567")["姓名"] == "=SUM(A1)"
    assert isinstance(row["生日"], datetime) and row["鞋码"] == 37.5
    assert sheet.freeze_panes == "A2"


def test_export_is_owner_only(session, tmp_path):
    with pytest.raises(ShopError, match="Only the owner"):
        export_members(
            session, tmp_path / "x.xlsx", actor=Actor(staff_id=None, name="前台", role="staff")
        )
    assert not (tmp_path / "x.xlsx").exists()


# ------------------------------------------------------------------ property tests

CELL = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.text(alphabet="0123456789 +-.()", max_size=16),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.datetimes(min_value=datetime(1800, 1, 1)),
    st.sampled_from(
        [
            "'; DROP TABLE members;--",
            "=1+1",
            "🙂" * 50,
            "x" * 6000,
            "13800138000",
            "农历闰二月三十",
            "2月30日",
            "\x00\x1f",
            "NULL",
        ]
    ),
)
COLUMNS = [
    "姓名",
    "手机",
    "生日",
    "性别",
    "卡号",
    "标签",
    "接受推送",
    "状态",
    "入会日期",
    "发质",
    "推荐人手机",
]


def _check_no_leak(session, path):
    before = snapshot(session)
    try:
        result = import_members(session, path, actor=SYSTEM)
    except ShopError:
        session.rollback()
        assert snapshot(session) == before
        return
    after = snapshot(session)
    touched = result.created + result.updated
    changed = {k for k in set(before) | set(after) if before.get(k) != after.get(k)}
    assert len(changed) <= touched
    if touched == 0:
        assert after == before
    session.rollback()


@pytest.fixture
def existing(session):
    create_member(session, MemberForm(name="老会员", phone="13800138000", card_no="A1"), actor=SYSTEM)
    session.commit()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.lists(CELL, min_size=len(COLUMNS), max_size=len(COLUMNS)), min_size=1, max_size=4)
)
def test_property_xlsx_cells_never_crash_and_rejected_rows_write_nothing(
    session, tmp_path, existing, rows
):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    wb = Workbook()
    wb.active.append(COLUMNS)
    for row in rows:
        wb.active.append(
            [
                ILLEGAL_CHARACTERS_RE.sub("", v)[:32000]
                if isinstance(v, str)
                else (None if isinstance(v, float) and v != v else v)
                for v in row
            ]
        )
    path = tmp_path / "p.xlsx"
    wb.save(path)
    _check_no_leak(session, path)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.lists(
            st.text(max_size=20) | st.sampled_from(["13800138000", "张三"]),
            min_size=0,
            max_size=len(COLUMNS) + 2,
        ),
        min_size=0,
        max_size=4,
    ),
    st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
)
def test_property_csv_text_never_crashes(session, tmp_path, existing, rows, encoding):
    buf = io.StringIO()
    csv.writer(buf).writerows([COLUMNS, *rows])
    path = tmp_path / "p.csv"
    try:
        path.write_bytes(buf.getvalue().encode(encoding))
    except UnicodeEncodeError:
        return
    _check_no_leak(session, path)


def test_money_untouched_by_import(session, tmp_path):
    """Import never writes derived stats (those come from visits)."""
    path = messy_workbook(tmp_path / "m.xlsx")
    import_members(session, path, actor=SYSTEM)
    spend = session.scalars(select(Member.lifetime_spend)).all()
    assert set(spend) == {Decimal("0.00")}
