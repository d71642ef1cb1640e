"""The counter's figure of follow-ups due (`due_count`) is the length of the day's list,
counted without keeping the rows: consent, snoozes, expiry and done follow-ups alike."""

from __future__ import annotations

from datetime import date, timedelta

from followup_helpers import add_member, add_service, add_visit

from shopcrm import clock
from shopcrm.services.auth import SYSTEM
from shopcrm.services.counter import counter_today
from shopcrm.services.followups import due_count, due_ids, raise_due, record_outcome

ON = date(2026, 11, 20)


def test_the_count_is_the_lists_length_on_every_day(session):
    with clock.frozen("2026-11-20 10:00"):  # snoozing looks at today
        care = add_service(session, "数码烫", [3, 30])
        for n in range(4):
            member = add_member(session, f"顾客{n}", kind="solar", month=11, day=21 + n,
                                consent=n != 3)  # fmt: skip
            add_visit(session, member, ON - timedelta(days=3 + n), [care])
        raise_due(session, ON, actor=SYSTEM)
        listed = due_ids(session, ON)
        assert len(listed) >= 4  # care calls and greetings (not the one without consent)
        assert due_count(session, ON) == len(listed)
        record_outcome(session, listed[0], "snooze", snooze_to=ON + timedelta(days=5), actor=SYSTEM)
        record_outcome(session, listed[1], "done", channel="call", actor=SYSTEM)
        assert due_count(session, ON) == len(listed) - 2
        for day in (ON + timedelta(days=d) for d in (1, 5, 20, 60)):
            assert due_count(session, day) == len(due_ids(session, day)), day
        assert counter_today(session, ON).followups_due == len(listed) - 2
