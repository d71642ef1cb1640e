"""Member names' single characters and character pairs: 1–2 characters "anywhere in the name".

The trigram index of 0013 (FTS5 on SQLite, pg_trgm on PostgreSQL) cannot answer fewer than
3 characters, so a given name typed alone ("思馨") scanned the name index: 35–55 ms at
100,000 members. ``member_name_grams`` holds, per member, each distinct character and each
pair of adjacent characters of the name (ASCII letters in lower case, as SQLite's ``LIKE``
compares them; nothing with a space), primary key ``(gram, member_id)``: a 1–2 character
query is one seek plus ``LIMIT``, the same on SQLite and PostgreSQL. Filled here for the
members already there (executemany in chunks: a few seconds at 100,000 members) and kept in
step by ``services.members.name_grams`` wherever a name is written. At 100,000 members
(442,674 rows) the upgrade took 14 s on a loaded 2-core machine (about 3 s of it making the
grams in Python, most of the rest the inserts); the member index is built after the rows.

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

TABLE = "member_name_grams"
CHUNK = 20_000  # members read and written per step


def _fold(name: str) -> str:
    """ASCII letters lower case (SQLite's LIKE folds those only). The same rule as
    services.members.name_grams.fold (a test checks the two agree)."""
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in name)


def _grams(name: str) -> set[str]:
    text = _fold(name or "")
    found = set(text)
    found.update(text[i : i + 2] for i in range(len(text) - 1))
    return {g for g in found if not any(c.isspace() for c in g)}


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("gram", sa.String(length=2), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_member_name_grams_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("gram", "member_id", name=op.f("pk_member_name_grams")),
        sqlite_with_rowid=False,
    )
    conn = op.get_bind()
    members = sa.table("members", sa.column("id", sa.Integer), sa.column("name", sa.String))
    grams = sa.table(TABLE, sa.column("gram", sa.String), sa.column("member_id", sa.Integer))
    insert = f"INSERT INTO {TABLE} (gram, member_id) VALUES (?, ?)"
    last = 0
    while True:
        found = conn.execute(
            sa.select(members.c.id, members.c.name)
            .where(members.c.id > last)
            .order_by(members.c.id)
            .limit(CHUNK)
        ).all()
        if not found:
            break
        rows = [(g, mid) for mid, name in found for g in _grams(name)]
        if conn.dialect.name == "sqlite":  # the driver's executemany on plain tuples
            conn.exec_driver_sql(insert, rows)
        elif rows:
            conn.execute(grams.insert(), [{"gram": g, "member_id": m} for g, m in rows])
        last = found[-1][0]
    # the member index after the rows: built once from sorted keys
    op.create_index("ix_member_name_grams_member_id", TABLE, ["member_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_member_name_grams_member_id", table_name=TABLE)
    op.drop_table(TABLE)
