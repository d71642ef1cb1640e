"""Member names' single characters and character pairs: 1–2 characters "anywhere in the name".

The trigram index of 0013 (FTS5 on SQLite, pg_trgm on PostgreSQL) cannot answer fewer than
3 characters, so a given name typed alone ("思馨") scanned the name index: 35–55 ms at
100,000 members. ``member_name_grams`` holds, per member, each distinct character and each
pair of adjacent characters of the name (ASCII letters in lower case, as SQLite's ``LIKE``
compares them; nothing with a space), primary key ``(gram, member_id)``: a 1–2 character
query is one seek plus ``LIMIT``, the same on SQLite and PostgreSQL. Filled here for the
members already there (executemany in chunks: a few seconds at 100,000 members) and kept in
step by ``services.members.name_grams`` wherever a name is written.

Revision ID: 0020
Revises: 0017
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020"
down_revision = "0017"
branch_labels = None
depends_on = None

TABLE = "member_name_grams"
CHUNK = 20_000  # members read per step


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
    op.create_index("ix_member_name_grams_member_id", TABLE, ["member_id"], unique=False)
    conn = op.get_bind()
    grams = sa.table(TABLE, sa.column("gram", sa.String), sa.column("member_id", sa.Integer))
    members = sa.table("members", sa.column("id", sa.Integer), sa.column("name", sa.String))
    last = 0
    while True:
        rows = conn.execute(
            sa.select(members.c.id, members.c.name)
            .where(members.c.id > last)
            .order_by(members.c.id)
            .limit(CHUNK)
        ).all()
        if not rows:
            break
        params = [{"gram": g, "member_id": mid} for mid, name in rows for g in _grams(name)]
        if params:
            conn.execute(grams.insert(), params)
        last = rows[-1][0]


def downgrade() -> None:
    op.drop_index("ix_member_name_grams_member_id", table_name=TABLE)
    op.drop_table(TABLE)
