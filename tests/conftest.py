"""Shared fixtures: a migrated database per test, on SQLite or on PostgreSQL.

Set SHOPCRM_TEST_PG_URL (an admin URL such as postgresql+psycopg://postgres@127.0.0.1:5432/postgres)
to run the database tests against PostgreSQL: a template database is migrated once and each
test gets a fresh copy (CREATE DATABASE ... TEMPLATE). Otherwise a migrated SQLite file is
built once and copied per test.
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.orm import Session

# Tests never touch the real user's data folder (database, backups, logs, QSettings).
_SANDBOX = tempfile.mkdtemp(prefix="shopcrm-tests-")
os.environ["XDG_DATA_HOME"] = os.path.join(_SANDBOX, "data")
os.environ["XDG_CONFIG_HOME"] = os.path.join(_SANDBOX, "config")
os.environ.pop("SHOPCRM_DB", None)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SHOPCRM_LANG", "en")

# Hypothesis: the same examples on every run (CI red means a real bug, never a lucky draw).
# `SHOPCRM_HYPOTHESIS=explore` draws fresh random examples for a local hunt (and keeps
# failures in .hypothesis/); a failure found that way becomes an `@example`
# (docs/testing.md). Profiles load here, before any test module is imported, because
# `@settings(...)` inherits from the profile loaded at decoration time.
settings.register_profile(
    "repeatable",
    derandomize=True,
    database=None,
    deadline=None,  # a shared, loaded machine must not turn a slow example into a failure
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile("explore", deadline=None, print_blob=True)
settings.load_profile(os.environ.get("SHOPCRM_HYPOTHESIS", "repeatable"))


@pytest.fixture(autouse=True)
def _fast_pins(monkeypatch: pytest.MonkeyPatch) -> None:
    """PIN hashes at a low scrypt cost in tests (the shop's cost is ~0.5 s per hash);
    test_auth checks the real cost's constant and the upgrade of older hashes."""
    from shopcrm.services import auth

    monkeypatch.setattr(auth, "SCRYPT_COST", (2**10, 8, 1))


PG_ADMIN_URL = os.environ.get("SHOPCRM_TEST_PG_URL", "")
# One template per xdist worker (gw0, gw1, ...): workers must not drop each other's.
PG_TEMPLATE = "shopcrm_test_template" + os.environ.get("PYTEST_XDIST_WORKER", "")


def backend_name() -> str:
    return "postgresql" if PG_ADMIN_URL else "sqlite"


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from shopcrm.db import open_database

    path = tmp_path_factory.mktemp("template") / "template.db"
    engine = open_database(str(path))
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


def _pg_admin() -> Engine:
    return create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def _pg_template() -> Iterator[str]:
    from shopcrm.db import open_database

    admin = _pg_admin()
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {PG_TEMPLATE}"))
        conn.execute(text(f"CREATE DATABASE {PG_TEMPLATE}"))
    url = make_url(PG_ADMIN_URL).set(database=PG_TEMPLATE).render_as_string(hide_password=False)
    open_database(url).dispose()
    yield PG_TEMPLATE
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {PG_TEMPLATE}"))
    admin.dispose()


@pytest.fixture
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """URL of a freshly migrated, empty shop database for this test."""
    if not PG_ADMIN_URL:
        template: Path = request.getfixturevalue("_sqlite_template")
        path = tmp_path / "shop.db"
        shutil.copyfile(template, path)
        yield str(path)
        return
    template_name = request.getfixturevalue("_pg_template")
    name = f"shopcrm_t_{uuid.uuid4().hex[:12]}"
    admin = _pg_admin()
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {template_name}"))
    yield make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    admin.dispose()


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    from shopcrm.db import make_engine

    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on the test database; tests commit where the behaviour needs it."""
    sess = Session(bind=engine, expire_on_commit=False)
    yield sess
    sess.rollback()
    sess.close()


_BUILT_SHOPS: dict[str, tuple[Path, object]] = {}


@pytest.fixture
def demo_shop(engine: Engine) -> Callable[[object], object]:
    """`demo_shop(options)` fills the test's empty database like
    `create_demo_shop(engine, options)`: built once per session for the same options, then
    copied (SQLite's backup API), since a demo shop takes seconds to build and many tests
    only read one. Returns the build's DemoSummary. On PostgreSQL it is built each time."""
    return lambda options: _demo_shop(engine, options)


def _demo_shop(engine: Engine, options: object) -> object:
    from shopcrm.db import sqlite_path
    from shopcrm.services.demo import create_demo_shop

    path = sqlite_path(engine)
    if path is None:
        return create_demo_shop(engine, options)  # type: ignore[arg-type]
    key = repr(options)  # DemoOptions: members, months, seed, today, kind
    if key not in _BUILT_SHOPS:
        summary = create_demo_shop(engine, options)  # type: ignore[arg-type]
        copy = Path(tempfile.mkdtemp(prefix="demo-", dir=_SANDBOX)) / "shop.db"
        _sqlite_copy(path, copy)
        _BUILT_SHOPS[key] = (copy, summary)
        return summary
    copy, summary = _BUILT_SHOPS[key]
    with engine.connect() as conn:  # the copy must land on an empty, migrated shop
        assert conn.exec_driver_sql("SELECT count(*) FROM members").scalar() == 0
    engine.dispose()
    _sqlite_copy(copy, path)
    return summary


def _sqlite_copy(source: Path, target: Path) -> None:
    import sqlite3

    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


# The day the date-sensitive tests live in: fixed, so a test gives the same answer on any
# day (a birthday "today", a care call "in 5 days", a month that is not over yet).
FIXED_NOW = "2026-11-23 10:00"


@pytest.fixture
def frozen_clock() -> Iterator[datetime]:
    """The shop's clock frozen at FIXED_NOW for the test (see shopcrm/clock.py)."""
    from shopcrm import clock

    with clock.frozen(FIXED_NOW) as moment:
        yield moment


@pytest.fixture(autouse=True)
def _collect_garbage_between_tests() -> Iterator[None]:
    """Once a UI test made an OpRunner, automatic cycle collection is off for the process
    (shopcrm/ui/ops/runner.py: only the GUI thread collects, on a timer). Between tests is a
    safe moment to collect what is due, so later tests in the worker don't pile up cycles."""
    yield
    if gc.isenabled():
        return
    # Only a runner turns it off, so Qt is loaded already: the runner's own rule decides.
    from shopcrm.ui.ops.runner import collect_if_due

    collect_if_due()


# The longest files start first, so that under pytest-xdist (`bootstrap.py test` runs one
# worker per core, a file kept on one worker) they don't begin last and leave one worker
# busy while the other has nothing to do. Order within a file is unchanged.
LONG_FILES_FIRST = ("tests/test_console_gbk.py",)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    def first(item: pytest.Item) -> int:
        return 0 if item.nodeid.split("::")[0] in LONG_FILES_FIRST else 1

    items.sort(key=first)  # stable: everything else keeps its order
