"""Issue 14 part 4: every service call that changes data takes an explicit actor."""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

import pytest
from rel_helpers import add_member

from shopcrm.models import Member
from shopcrm.services import wallet
from shopcrm.services.auth import SYSTEM
from shopcrm.services.members import archive_member
from shopcrm.services.wallet.reading import account_balances

SERVICES = Path(__file__).resolve().parents[2] / "shopcrm" / "services"


def test_public_services_take_actor_as_a_required_keyword():
    loose = []
    for path in sorted(SERVICES.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            args = node.args
            positional = [a.arg for a in args.posonlyargs + args.args]
            keywords = [a.arg for a in args.kwonlyargs]
            if "actor" in keywords:
                if args.kw_defaults[keywords.index("actor")] is not None:
                    loose.append(f"{path.name}:{node.name} (has a default)")
            elif "actor" in positional:
                index = positional.index("actor") - len(positional)
                defaults = args.defaults
                if defaults and -index <= len(defaults):
                    loose.append(f"{path.name}:{node.name} (positional with a default)")
    assert loose == []


def test_a_missing_or_none_actor_is_refused_and_nothing_changes(session):
    member = add_member(session)
    session.commit()
    with pytest.raises(TypeError):
        wallet.topup(session, member, "10")  # type: ignore[call-arg]
    # None fails before the transaction commits (write_session rolls it back)
    for call in (
        lambda: wallet.topup(session, member, "10", actor=None),  # type: ignore[arg-type]
        lambda: archive_member(session, member, actor=None),  # type: ignore[arg-type]
    ):
        with pytest.raises(TypeError, match="explicit Actor"):
            call()
        session.rollback()
    assert session.get(Member, member).status == "active"
    assert account_balances(session, member)[0] == Decimal("0")
    wallet.topup(session, member, "10", actor=SYSTEM)
    assert account_balances(session, member)[0] == Decimal("10")
