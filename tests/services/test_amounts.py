"""The one money parser: what it reads, what it refuses and in which words."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shopcrm.i18n import ShopError
from shopcrm.services import amounts
from shopcrm.services.amounts import AmountError, check_amount, parse_amount, within_ceiling


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("300", "300.00"),
        ("300.5", "300.50"),
        ("¥1,000", "1000.00"),
        ("￥1,234.56", "1234.56"),
        ("１２０", "120.00"),
        ("120元", "120.00"),
        (" 0.01 ", "0.01"),
        (".5", "0.50"),
        ("1000000", "1000000.00"),
    ],
)
def test_reads_amounts_people_type(text, value):
    assert parse_amount(text) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "msg_id"),
    [
        ("NaN", amounts.E_NOT_AMOUNT),
        ("Infinity", amounts.E_NOT_AMOUNT),
        ("-Infinity", amounts.E_NOT_AMOUNT),
        ("sNaN", amounts.E_NOT_AMOUNT),
        ("abc", amounts.E_NOT_AMOUNT),
        ("1e20", amounts.E_NOT_AMOUNT),
        ("1,00", amounts.E_NOT_AMOUNT),
        ("", amounts.E_EMPTY),
        ("   ", amounts.E_EMPTY),
        ("-5", amounts.E_NEGATIVE),
        ("1.234", amounts.E_DECIMALS),
        ("1000000.01", amounts.E_CEILING),
        ("90000000000000000", amounts.E_CEILING),
    ],
)
def test_refuses_in_words(text, msg_id):
    with pytest.raises(AmountError) as exc:
        parse_amount(text)
    assert exc.value.msg_id == msg_id
    assert exc.value.message("en") != msg_id and exc.value.message("zh") != msg_id


def test_ceiling_is_named_in_the_message():
    with pytest.raises(AmountError) as exc:
        parse_amount("2000000")
    assert "¥1,000,000.00" in exc.value.message("en")
    assert "¥1,000,000.00" in exc.value.message("zh")


def test_options_zero_and_negative():
    assert parse_amount("-5", allow_negative=True) == Decimal("-5.00")
    with pytest.raises(AmountError):
        parse_amount("-2000000", allow_negative=True)
    with pytest.raises(AmountError) as exc:
        parse_amount("0", allow_zero=False)
    assert exc.value.msg_id == amounts.E_ZERO


def test_numbers_handed_to_services():
    assert check_amount(Decimal("12.30")) == Decimal("12.30")
    assert check_amount(5) == Decimal("5.00")
    for bad in (Decimal("NaN"), Decimal("Infinity"), float("nan"), True, None):
        with pytest.raises(AmountError):
            check_amount(bad)
    assert within_ceiling(Decimal("-3.333")) == Decimal("-3.333")  # sign/decimals: caller's
    with pytest.raises(AmountError):
        within_ceiling(Decimal("1e20"))


def test_services_refuse_nan_and_huge_amounts(session):
    """The service layer refuses too, so imports and screens are covered whatever path."""
    from rel_helpers import add_member, count

    from shopcrm.models import Visit, WalletEntry
    from shopcrm.services import wallet
    from shopcrm.services.auth import SYSTEM
    from shopcrm.services.visits import LineDraft, PaymentDraft, VisitDraft, record_visit

    member = add_member(session)
    session.commit()
    for bad in ("NaN", Decimal("Infinity"), "abc", "1e20", Decimal("90000000000000000")):
        with pytest.raises(ShopError):
            wallet.topup(session, member, bad, actor=SYSTEM)
        with pytest.raises(ShopError):
            wallet.topup(session, member, "100", bonus=bad, actor=SYSTEM)
        with pytest.raises(ShopError):
            record_visit(
                session,
                VisitDraft(
                    member,
                    (LineDraft(item_name="洗发水", amount=bad),),
                    (PaymentDraft("cash", Decimal("1")),),
                ),
                actor=SYSTEM,
            )
        session.rollback()
    assert count(session, WalletEntry) == 0 and count(session, Visit) == 0
