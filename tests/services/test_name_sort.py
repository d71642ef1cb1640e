"""Names sort by the surname's syllable first (issue 25): 陈 chén before 程 chéng, all the
陈 together, then by the given name — in the key, the member list and the export.

Sorting the stored full pinyin (chenchen, chengjun, chengli, chenli, chenzhiqiang) mixes
the two surnames; these tests fail on that order.
"""

from __future__ import annotations

from openpyxl import load_workbook

from shopcrm.db import session_scope
from shopcrm.services.auth import SYSTEM
from shopcrm.services.members import MemberForm, create_member
from shopcrm.services.members.exporter import export_members
from shopcrm.services.members.listing import MemberFilter, member_ids, member_rows
from shopcrm.services.names import name_sort_key

MIXED = ["程丽", "陈志强", "程军", "陈丽", "陈晨"]
BY_SURNAME = ["陈晨", "陈丽", "陈志强", "程军", "程丽"]


def test_the_issue_example():
    assert sorted(MIXED, key=name_sort_key) == BY_SURNAME
    # the old key (the stored pinyin run together) put 程 among the 陈
    assert (
        sorted(
            MIXED,
            key=lambda n: {
                "程丽": "chengli",
                "陈志强": "chenzhiqiang",
                "程军": "chengjun",
                "陈丽": "chenli",
                "陈晨": "chenchen",
            }[n],
        )
        != BY_SURNAME
    )


def test_surname_first_then_given_name():
    names = ["李四", "黎明", "林丽", "李娜娜", "Anna", "曾凡", "欧阳娜", "欧丽", "谌小华", "陈小华"]
    ordered = sorted(names, key=name_sort_key)
    assert ordered.index("黎明") < ordered.index("李四")  # lí before lǐ
    assert ordered.index("李娜娜") < ordered.index("李四") < ordered.index("林丽")  # li before lin
    assert ordered.index("欧丽") < ordered.index("欧阳娜")  # the surname 欧, then 欧阳
    assert ordered[-1] == "曾凡"  # 曾 as a surname is zēng, not céng
    # two surnames read chén stay in their own groups
    chen = [n for n in ordered if name_sort_key(n).startswith("chen2")]
    assert set(chen) == {"谌小华", "陈小华"}
    assert name_sort_key("") == ""


def test_member_list_sorts_by_surname(engine):
    with session_scope(engine, write=True) as s:
        for name in MIXED:
            create_member(s, MemberForm(name=name), actor=SYSTEM)
    with session_scope(engine) as s:
        ids = member_ids(s, MemberFilter(), "name")
        rows = member_rows(s, ids)
        assert [rows[i].name for i in ids] == BY_SURNAME
        back = member_ids(s, MemberFilter(), "name", descending=True)
        assert [rows[i].name for i in back] == BY_SURNAME[::-1]


def test_export_sorts_by_surname(engine, tmp_path):
    with session_scope(engine, write=True) as s:
        for name in MIXED:
            create_member(s, MemberForm(name=name), actor=SYSTEM)
    path = tmp_path / "members.xlsx"
    with session_scope(engine, write=True) as s:
        assert export_members(s, path, lang="zh", actor=SYSTEM) == len(MIXED)
    sheet = load_workbook(path, read_only=True).worksheets[0]
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == BY_SURNAME


def test_staff_pickers_sort_by_surname_too(session):
    """The staff list (pickers, Settings), commission's choices and the Bookings columns."""
    from shopcrm.services.bookings.queries import COLUMNS_STAFF, _columns
    from shopcrm.services.commission.rules import rule_choices
    from shopcrm.services.staff import create_staff, list_staff

    for name in MIXED:
        create_staff(session, name, actor=SYSTEM)
    session.flush()
    assert [s.name for s in list_staff(session) if s.name in MIXED] == BY_SURNAME
    assert [n for _, n in rule_choices(session).staff if n in MIXED] == BY_SURNAME
    columns = _columns(session, COLUMNS_STAFF)
    assert [c.name for c in columns if c.name in MIXED] == BY_SURNAME
