"""display_phone's fast path for mainland mobiles gives what phonenumbers gives."""

from __future__ import annotations

import random

import phonenumbers

from shopcrm.services.phones import display_phone


def _by_phonenumbers(e164: str, region: str = "CN") -> str:
    parsed = phonenumbers.parse(e164, None)
    if phonenumbers.region_code_for_number(parsed) == region:
        national = str(parsed.national_number)
        if len(national) == 11:
            return f"{national[:3]} {national[3:7]} {national[7:]}"
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def test_fast_path_agrees_with_phonenumbers():
    rng = random.Random(7)
    numbers = [
        "+8613800138000",
        "+8617951234567",
        "+8612593123456",
        "+8611812345678",
        "+8601012345678",
        "+861012345678",
        "+85291234567",
        "+14155550123",
    ]
    for _ in range(3000):
        numbers.append("+86" + "1" + "".join(rng.choice("0123456789") for _ in range(10)))
    for e164 in numbers:
        assert display_phone(e164) == _by_phonenumbers(e164), e164
        assert display_phone(e164, "HK") == _by_phonenumbers(e164, "HK"), e164


def test_blank():
    assert display_phone(None) == "" and display_phone("") == ""
