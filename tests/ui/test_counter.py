# ruff: noqa: F811 - the shared fixtures are imported by name and used as arguments
"""The counter loop with real widgets: find by phone tail → card → F2 visit paid by stored
value → balance and history → the care follow-up on its day → done on the Follow-ups screen.
Also focus, stale search answers, errors, edit conflicts, new member, top-up, language."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from PySide6.QtCore import QDate, Qt

from shopcrm import clock
from shopcrm.db import session_scope
from shopcrm.services import wallet
from shopcrm.services.auth import SYSTEM
from shopcrm.services.followups import followup_history, raise_due
from shopcrm.services.members import get_member, update_member
from shopcrm.services.visits import member_visits

from .shop_fixtures import PHONE, shop, window  # noqa: F401 - fixtures


def counter_of(window):
    return window.screen("counter")


def find_and_open(qtbot, counter, text=PHONE[-6:]):
    qtbot.keyClicks(counter.search, text)
    counter.search.flush()
    assert counter.results.count() >= 1
    qtbot.keyClick(counter.search, Qt.Key.Key_Down)
    assert counter.results.hasFocus()
    qtbot.keyClick(counter.results, Qt.Key.Key_Return)


def balance(engine, member_id):
    with session_scope(engine) as s:
        return wallet.balances(s, member_id).stored_value


def test_whole_counter_loop(window, qtbot, engine, shop):
    counter = counter_of(window)
    assert window.current_screen() is counter
    assert window.focusWidget() is counter.search  # focus at start

    find_and_open(qtbot, counter)
    assert counter.hits[0].id == shop
    card = counter.card
    assert card.name_label.text() == "王测试"
    assert card.balance_value.text() == "¥1,000.00"
    assert counter.stack.currentWidget() is card

    qtbot.keyClick(counter.visit_button, Qt.Key.Key_F2)
    dialog = counter.dialog
    assert dialog is not None and dialog.isVisible() and dialog.member_id == shop
    for typed in ("xjc", "tphl"):  # 洗剪吹 by initials, 头皮护理 by initials
        qtbot.keyClicks(dialog.service_search, typed)
        dialog.service_search.flush()
        qtbot.keyClick(dialog.service_search, Qt.Key.Key_Return)
    assert [line.service.name for line in dialog.lines.lines] == ["洗剪吹", "头皮护理"]
    total = dialog.lines.total()
    assert total == Decimal("236.00")
    assert dialog.total_label.text() == "Total ¥236.00"
    assert dialog.pay_edits["cash"].value() == total  # new member: the rest goes to cash
    qtbot.keyClicks(dialog.pay_edits["stored_value"], "236")
    assert dialog.pay_edits["cash"].value() == 0
    assert dialog.remaining_label.text() == "Fully allocated"
    qtbot.keyClick(dialog.pay_edits["stored_value"], Qt.Key.Key_Return)  # Enter saves

    assert not dialog.isVisible()
    assert balance(engine, shop) == Decimal("1000") - total
    assert card.balance_value.text() == "¥764.00"
    assert card.visits.item(0, 1).text() == "洗剪吹, 头皮护理"
    assert card.visits.item(0, 3).text() == "¥236.00"
    # the "rebook?" offer takes the keys (nothing typed yet); Esc skips it, back to search
    assert counter.rebook.isVisible() and window.focusWidget() is counter.rebook
    qtbot.keyClick(counter.rebook, Qt.Key.Key_Escape)
    assert not counter.rebook.isVisible()
    assert window.focusWidget() is counter.search  # focus back after the save
    with session_scope(engine) as s:
        history = member_visits(s, shop)
    assert history[0].total_amount == total and history[0].payments == (("stored_value", total),)

    # the care call for the cut comes up 5 days later; mark it done on the Follow-ups screen
    care_day = clock.today() + timedelta(days=5)
    with session_scope(engine, write=True) as s:
        raise_due(s, care_day, actor=SYSTEM)
    index = [sc.screen_id for sc in window.screens].index("followups")
    window.show_screen(index)
    screen = window.current_screen()
    screen.day_edit.setDate(QDate(care_day))
    ours = [i for i in screen.items.values() if i.member_id == shop]
    assert [i.rule_kind for i in ours] == ["aftercare"]
    assert "洗剪吹" in ours[0].reason
    screen.select(ours[0].id)
    assert screen.outcome_buttons["done_call"].isEnabled()
    qtbot.mouseClick(screen.outcome_buttons["done_call"], Qt.MouseButton.LeftButton)
    assert ours[0].id not in screen.items
    with session_scope(engine) as s:
        events = followup_history(s, ours[0].id, "en")
    assert [(e.action, e.channel) for e in events] == [("done", "call")]


def test_stale_search_answers_are_discarded(window, ctx):
    counter = counter_of(window)
    parked = []

    class Deferred:
        def submit(self, fn, done, *, lane="quick"):
            parked.append((fn, done))

        def wait(self, msecs=-1, *, lanes=()):
            return True

    ctx.runner = Deferred()
    counter.search.setText("王")
    counter.run_search("王")
    counter.search.setText(PHONE[-6:])
    counter.run_search(PHONE[-6:])
    from shopcrm.ui.ops import capture as _call

    newer_fn, newer_done = parked[1]
    newer_done(_call(newer_fn))  # the newer query finishes first
    older_fn, older_done = parked[0]
    older_done(_call(older_fn))  # the slow older answer arrives late: ignored
    assert [h.name for h in counter.hits] == ["王测试"]
    assert counter.results.count() == 1


def test_enter_in_the_search_opens_the_first_hit(window, qtbot, shop):
    counter = counter_of(window)
    qtbot.keyClicks(counter.search, PHONE[-6:])
    qtbot.keyClick(counter.search, Qt.Key.Key_Return)
    assert counter.member_id == shop and counter.card.name_label.text() == "王测试"
    qtbot.keyClick(counter.visit_button, Qt.Key.Key_Escape)
    assert window.focusWidget() is counter.search
    qtbot.keyClick(counter.search, Qt.Key.Key_Escape)  # clears the text
    assert counter.search.text() == ""
    qtbot.keyClick(counter.search, Qt.Key.Key_Escape)  # nothing typed: back to today's figures
    assert counter.stack.currentWidget() is counter.idle and counter.member_id is None


def test_insufficient_balance_is_explained_and_nothing_saved(window, qtbot, engine, shop):
    with session_scope(engine, write=True) as s:
        wallet.adjust(s, shop, "stored_value", Decimal("-990"), reason="test", actor=SYSTEM)
    counter = counter_of(window)
    find_and_open(qtbot, counter)
    qtbot.keyClick(counter.visit_button, Qt.Key.Key_F2)
    dialog = counter.dialog
    qtbot.keyClicks(dialog.service_search, "xjc")
    dialog.service_search.flush()
    qtbot.keyClick(dialog.service_search, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.pay_edits["stored_value"], "68")
    qtbot.keyClick(dialog.service_search, Qt.Key.Key_Return)  # empty search: Enter saves
    assert dialog.isVisible()
    assert dialog.error_label.text() == "Stored value balance ¥10.00 is less than ¥68.00."
    assert balance(engine, shop) == Decimal("10.00")


def test_walk_in_visit_from_the_idle_counter(window, qtbot, engine):
    counter = counter_of(window)
    qtbot.keyClick(counter.search, Qt.Key.Key_F2)
    dialog = counter.dialog
    assert dialog.member_id is None and "walk-in" in dialog.who.text()
    assert not dialog.pay_edits["stored_value"].isEnabled()
    qtbot.keyClicks(dialog.service_search, "xjc")
    dialog.service_search.flush()
    qtbot.keyClick(dialog.service_search, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.service_search, Qt.Key.Key_Return)
    assert dialog.visit_id is not None and not dialog.isVisible()
    assert counter.idle.cards["visits_today"].value.text() != "—"


def test_top_up_with_bonus(window, qtbot, engine, shop):
    counter = counter_of(window)
    find_and_open(qtbot, counter)
    qtbot.keyClick(counter.visit_button, Qt.Key.Key_F3)
    dialog = counter.dialog
    qtbot.keyClicks(dialog.amount, "500")
    qtbot.keyClicks(dialog.bonus, "50")
    assert dialog.balance_label.text() == "¥1,550.00"
    qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
    assert balance(engine, shop) == Decimal("1550.00")
    assert counter.card.balance_value.text() == "¥1,550.00"
    assert window.focusWidget() is counter.search


def test_new_member_from_typed_phone(window, qtbot, engine):
    counter = counter_of(window)
    qtbot.keyClicks(counter.search, "13955556666")
    counter.search.flush()
    assert counter.results.count() == 0 and counter.empty_label.isVisible()
    qtbot.keyClick(counter.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = counter.dialog
    assert dialog.phone.text() == "13955556666" and dialog.name.text() == ""
    dialog.name.setText("李新")  # QTest types ASCII only
    dialog.birthday.kind.setCurrentIndex(dialog.birthday.kind.findData("solar"))
    dialog.birthday.month.setValue(2)
    dialog.birthday.day.setValue(30)
    assert dialog.birthday.message.text() == "February has no 30th"
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.error_label.text() == "February has no 30th"
    dialog.birthday.day.setValue(28)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert counter.card.name_label.text() == "李新"
    with session_scope(engine) as s:
        card = get_member(s, counter.member_id)
    assert card.phone == "+8613955556666" and (card.birthday.month, card.birthday.day) == (2, 28)


def test_new_member_from_typed_name(window, qtbot):
    counter = counter_of(window)
    qtbot.keyClicks(counter.search, "zhaowuming")
    qtbot.keyClick(counter.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert counter.dialog.name.text() == "zhaowuming" and counter.dialog.phone.text() == ""


def test_edit_conflict_says_so_and_reloads(window, qtbot, engine, shop):
    counter = counter_of(window)
    find_and_open(qtbot, counter)
    qtbot.keyClick(counter.visit_button, Qt.Key.Key_F4)
    dialog = counter.dialog
    assert dialog.name.text() == "王测试" and dialog.level.text() == "老客"
    with session_scope(engine, write=True) as s:  # another counter saves first
        card = get_member(s, shop)
        update_member(s, shop, card.version, level="钻石卡", actor=SYSTEM)
    dialog.level.setText("银卡")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error_label.text().startswith("Changed at another counter — reloaded")
    assert dialog.level.text() == "钻石卡"  # the form shows the current data
    dialog.level.setText("银卡")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    with session_scope(engine) as s:
        assert get_member(s, shop).level == "银卡"
    assert counter.card.level_label.text() == "银卡"


def test_edit_profile_fields_and_allergy_badge(window, qtbot, engine, shop):
    counter = counter_of(window)
    find_and_open(qtbot, counter)
    assert counter.card.allergy_label.isHidden()
    qtbot.keyClick(counter.visit_button, Qt.Key.Key_F4)
    dialog = counter.dialog
    dialog.profile_edits["allergies"].setText("染发剂")
    dialog.profile_edits["hair_type"].setText("细软")
    dialog.tags.setText("VIP, 学生")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    card = counter.card
    assert not card.allergy_label.isHidden()
    assert card.allergy_label.text() == "Allergies: 染发剂"
    assert card.profile_form.rowCount() == 1
    with session_scope(engine) as s:
        member = get_member(s, shop)
    assert member.tags == ("VIP", "学生") and member.profile["hair_type"] == "细软"


def test_language_switch_retranslates_the_counter(window, languages, qtbot):
    counter = counter_of(window)
    find_and_open(qtbot, counter)
    assert counter.visit_button.text() == "New visit  F2"
    assert "F2" in counter.visit_button.toolTip()
    languages.apply("zh")
    assert counter.visit_button.text() == "新增消费  F2"
    assert counter.topup_button.text() == "充值  F3"
    assert counter.card.visits_title.text() == "最近到店"
    assert counter.card.balance_caption.text() == "储值余额"
    assert window.nav.item(0).text() == "前台"
    languages.apply("en")
    assert counter.card.visits_title.text() == "Last visits"


def test_quick_done_on_the_card(window, qtbot, engine, shop):
    from shopcrm.services.birthdays import SOLAR, Birthday

    today = clock.today()
    with session_scope(engine, write=True) as s:
        card = get_member(s, shop)
        update_member(s, shop, card.version, birthday=Birthday(SOLAR, today.month, today.day), actor=SYSTEM)
        raise_due(s, today, actor=SYSTEM)
    counter = counter_of(window)
    find_and_open(qtbot, counter)
    followups = counter.card.panel.followups
    assert [f.rule_kind for f in followups] == ["birthday"]
    button = counter.card.done_buttons[0]
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    with session_scope(engine) as s:
        events = followup_history(s, followups[0].id, "en")
    assert [(e.action, e.channel) for e in events] == [("done", "in_person")]
    assert counter.card.panel.followups == ()


def test_staff_and_method_remembered_and_capped_at_the_balance(window, qtbot, engine, shop):
    from shopcrm.services.catalog import service_by_name
    from shopcrm.services.staff import staff_by_name
    from shopcrm.services.visits import LineDraft, PaymentDraft, VisitDraft, record_visit

    with session_scope(engine, write=True) as s:
        cut, tony = service_by_name(s, "洗剪吹"), staff_by_name(s, "Tony")
        record_visit(
            s,
            VisitDraft(
                shop,
                (LineDraft(cut.id, staff_id=tony.id),),
                (PaymentDraft("stored_value", cut.list_price),),
            ),
            actor=SYSTEM,
        )
        left = wallet.balances(s, shop).stored_value
        wallet.adjust(s, shop, "stored_value", Decimal("50") - left, reason="test", actor=SYSTEM)
    counter = counter_of(window)
    find_and_open(qtbot, counter)
    qtbot.keyClick(counter.visit_button, Qt.Key.Key_F2)
    dialog = counter.dialog
    assert dialog.staff_combo.currentText() == "Tony"
    qtbot.keyClicks(dialog.service_search, "xjc")
    dialog.service_search.flush()
    qtbot.keyClick(dialog.service_search, Qt.Key.Key_Return)
    assert dialog.lines.lines[0].staff.currentText() == "Tony"
    assert dialog.pay_edits["stored_value"].value() == Decimal("50.00")  # all there is
    assert dialog.remaining_label.text() == "Remaining to allocate: ¥18.00"
    qtbot.keyClicks(dialog.pay_edits["cash"], "18")
    assert dialog.remaining_label.text() == "Fully allocated"
    qtbot.keyClick(dialog.pay_edits["cash"], Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert balance(engine, shop) == Decimal("0.00")
    with session_scope(engine) as s:
        latest = member_visits(s, shop)[0]
    assert dict(latest.payments) == {"stored_value": Decimal("50.00"), "cash": Decimal("18.00")}
    assert latest.staff_text == "Tony"


def test_member_dialog_follows_a_language_switch(window, qtbot, languages, shop):
    counter = counter_of(window)
    find_and_open(qtbot, counter)
    qtbot.keyClick(counter.visit_button, Qt.Key.Key_F4)
    dialog = counter.dialog
    assert dialog.profile_labels["hair_type"].text() == "Hair type:"
    languages.apply("zh")
    assert dialog.windowTitle() == "编辑会员"
    assert dialog.profile_labels["hair_type"].text() == "发质："
    assert dialog.birthday.month.prefix() == "" and dialog.birthday.month.suffix() == "月"
    languages.apply("en")
    assert dialog.birthday.month.prefix() == "month "
