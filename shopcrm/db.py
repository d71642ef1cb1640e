"""Engine, sessions and schema upgrades.

The database is a SQLite file in the user's data folder by default (WAL, foreign keys on);
any SQLAlchemy URL (e.g. ``postgresql+psycopg://user@host/shop``) can be given by ``--db`` or
the ``SHOPCRM_DB`` variable. The schema is only ever built and upgraded by the Alembic
migrations in ``shopcrm/migrations``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.orm import Session, sessionmaker

from .i18n import ShopError, define
from .paths import ENV_DB, default_db_path, resolve_db_url  # noqa: F401 - kept here too

E_NO_SHOP = define(
    "db.no_shop",
    en="No shop in {db} yet: open the app or run a write command (e.g. shopcrm demo) to make one.",
    zh="{db} 中还没有店铺数据：请打开应用或运行一个写入命令（如 shopcrm demo）来创建。",
)
E_SCHEMA_BEHIND = define(
    "db.schema_behind",
    en="The database {db} is at schema {current}, this ShopCRM needs {head}: "
    "run any write command or open the app to upgrade it.",
    zh="数据库 {db} 的结构版本为 {current}，本版 ShopCRM 需要 {head}："
    "请运行任一写入命令或打开应用来升级。",
)
E_FOREIGN = define(
    "db.foreign",
    en="{db} was not made by ShopCRM (no schema version found).",
    zh="{db} 不是 ShopCRM 创建的数据库（找不到结构版本）。",
)


def is_sqlite(engine_or_url: Engine | str) -> bool:
    url = engine_or_url.url if isinstance(engine_or_url, Engine) else make_url(engine_or_url)
    return url.get_backend_name() == "sqlite"


def sqlite_path(engine: Engine) -> Path | None:
    """The file behind a SQLite engine, or None for other backends and in-memory databases."""
    if not is_sqlite(engine):
        return None
    database = engine.url.database
    if not database or database == ":memory:":
        return None
    return Path(database)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the driver, decide when transactions begin (see _on_begin).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # A writing transaction takes the write lock at BEGIN, so that what it read stays
        # true until it commits (no lost updates between two counters on one file).
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def _json_dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def make_engine(url: str | None = None, **kwargs: Any) -> Engine:
    """An engine for `url` (resolved with resolve_db_url); creates the SQLite folder."""
    resolved = resolve_db_url(url)
    kwargs.setdefault("json_serializer", _json_dumps)
    if is_sqlite(resolved):
        path = make_url(resolved).database
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        kwargs.setdefault("connect_args", {"timeout": 10})
        engine = create_engine(resolved, **kwargs)
        _configure_sqlite(engine)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(resolved, **kwargs)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def session_scope(engine: Engine, *, write: bool = False) -> Iterator[Session]:
    """A session whose work commits on success and rolls back on any error.

    With ``write=True`` on SQLite the transaction starts with BEGIN IMMEDIATE: it waits for
    the write lock up front instead of failing half-way when another counter writes.
    """
    session = Session(bind=engine, expire_on_commit=False)
    try:
        if write and is_sqlite(engine):
            session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def open_database(url: str | None = None, *, upgrade: bool = True, **kwargs: Any) -> Engine:
    """Engine for `url` with the schema brought up to date by the migrations.

    For the app and the commands that write; read commands use `open_for_reading`.
    """
    engine = make_engine(url, **kwargs)
    if upgrade:
        from .migrate import upgrade_to_head

        upgrade_to_head(engine)
    return engine


def open_for_reading(url: str | None = None, **kwargs: Any) -> Engine:
    """Engine for `url` with nothing run: no migration, no backup, no file made.

    Refused with a one-line `ShopError` when there is no shop there yet or its schema is not
    the one this version reads (the app or any write command upgrades it). The revision is
    read with plain SQL, so Alembic is not loaded.
    """
    from .migrate import SCHEMA_HEAD, has_user_tables, stored_revision

    resolved = resolve_db_url(url)
    shown = make_url(resolved).render_as_string(hide_password=True)
    if is_sqlite(resolved):
        path = make_url(resolved).database
        if path and path.startswith("file:"):  # a URI filename (e.g. ?mode=ro&uri=true)
            path = path[len("file:") :].split("?", 1)[0]
        if path and path != ":memory:":
            shown = path
            if not Path(path).exists():
                raise ShopError(E_NO_SHOP, db=path)
    engine = make_engine(resolved, **kwargs)
    try:
        current = stored_revision(engine)
        if current == SCHEMA_HEAD:
            return engine
        if current is not None:
            raise ShopError(E_SCHEMA_BEHIND, db=shown, current=current, head=SCHEMA_HEAD)
        if has_user_tables(engine):
            raise ShopError(E_FOREIGN, db=shown)
        raise ShopError(E_NO_SHOP, db=shown)
    except BaseException:
        engine.dispose()
        raise
