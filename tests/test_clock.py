"""The shop's clock: frozen, overridden by SHOPCRM_NOW, cutting days and months locally."""

from datetime import UTC, date, datetime

from shopcrm import clock


def test_frozen_clock_gives_local_time_and_day():
    with clock.frozen("2026-11-01 03:00"):
        assert clock.now() == datetime(2026, 11, 1, 3, 0)
        assert clock.today() == date(2026, 11, 1)
    assert clock.now() != datetime(2026, 11, 1, 3, 0)


def test_environment_fixes_the_time_for_child_processes(monkeypatch):
    monkeypatch.setenv(clock.ENV_NOW, "2027-02-06T09:30")
    assert clock.now() == datetime(2027, 2, 6, 9, 30)


def test_month_bounds_cut_at_local_midnight():
    assert clock.month_bounds(2026, 12) == (datetime(2026, 12, 1), datetime(2027, 1, 1))
    start, end = clock.day_bounds(date(2026, 10, 31))
    assert start == datetime(2026, 10, 31) and end == datetime(2026, 11, 1)


def test_utc_to_local_uses_the_machine_zone(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        assert clock.utc_to_local(datetime(2026, 10, 31, 19, 0)) == datetime(2026, 11, 1, 3, 0)
        aware = datetime(2026, 10, 31, 19, 0, tzinfo=UTC)
        with clock.frozen(aware):
            assert clock.today() == date(2026, 11, 1)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_no_module_but_the_clock_reads_the_system_clock():
    """Every 'now' and 'today' in shopcrm/ comes from shopcrm.clock (see its docstring)."""
    import re
    from pathlib import Path

    root = Path(clock.__file__).parent
    pattern = re.compile(r"\b(date\.today|datetime\.(now|today|utcnow)|utcnow)\(")
    offenders = [
        f"{path.relative_to(root.parent)}:{n}: {line.strip()}"
        for path in sorted(root.rglob("*.py"))
        if path != Path(clock.__file__)
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert offenders == []
