"""PIN hashing: a self-describing scrypt string ``scrypt$n=..,r=..,p=..$salt$hash`` (base64),
so the cost can be raised later without breaking old hashes."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import sys

from sqlalchemy.orm import Session

from ...i18n import ShopError, define
from .roles import ROLE_OWNER

# PIN hashing: scrypt with n=2**17, r=8, p=1 (128 MB, about 0.4-0.7 s per try on the shop's
# two-core machine, so trying all 10**6 six-digit PINs of a copied file takes days: see
# docs/reliability.md). Older hashes carry their own parameters, keep verifying and are
# re-hashed with these on the next good login. Tests lower SCRYPT_COST (tests/conftest.py).
SCRYPT_COST_DEFAULT = (2**17, 8, 1)
SCRYPT_COST = SCRYPT_COST_DEFAULT
PIN_RE = re.compile(r"[0-9]{4,12}")
OWNER_PIN_MIN, STAFF_PIN_MIN, SHORT_STAFF_PIN_MIN = 6, 6, 4
SETTING_SHORT_STAFF_PINS = "auth.short_staff_pins"  # the owner allows 4-digit staff PINs

E_PIN_FORMAT = define(
    "auth.pin_format", en="A PIN is 4 to 12 digits.", zh="PIN 码须为 4 到 12 位数字。"
)
E_PIN_LENGTH = define(
    "auth.pin_length",
    en="{name}'s PIN needs at least {digits} digits.",
    zh="{name} 的 PIN 码至少需要 {digits} 位数字。",
)


def scrypt_cost() -> tuple[int, int, int]:
    """Today's cost: the package's ``auth.SCRYPT_COST`` (which tests lower), else the default."""
    package = sys.modules.get(__package__ or "")
    return getattr(package, "SCRYPT_COST", SCRYPT_COST)


def check_pin_format(pin: object) -> str:
    if not isinstance(pin, str) or not PIN_RE.fullmatch(pin):
        raise ShopError(E_PIN_FORMAT)
    return pin


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _scrypt(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        pin.encode("utf-8"),
        salt=salt,
        n=n,
        r=r,
        p=p,
        maxmem=256 * n * r * p + 1024 * 1024,
        dklen=32,
    )


def hash_pin(pin: str) -> str:
    """A salted scrypt hash as ``scrypt$n=131072,r=8,p=1$<salt b64>$<hash b64>``."""
    check_pin_format(pin)
    salt = os.urandom(16)
    n, r, p = scrypt_cost()
    digest = _scrypt(pin, salt, n, r, p)
    return f"scrypt$n={n},r={r},p={p}${_b64(salt)}${_b64(digest)}"


def needs_rehash(stored: str) -> bool:
    """Whether `stored` was hashed with other parameters than today's SCRYPT_COST."""
    n, r, p = scrypt_cost()
    return not stored.startswith(f"scrypt$n={n},r={r},p={p}$")


def pin_min_digits(session: Session, role: str) -> int:
    """Six digits for an owner; six for staff unless the owner allows four (a setting)."""
    from ..settings import get_setting

    if role == ROLE_OWNER:
        return OWNER_PIN_MIN
    short = bool(get_setting(session, SETTING_SHORT_STAFF_PINS, default=False))
    return SHORT_STAFF_PIN_MIN if short else STAFF_PIN_MIN


def verify_pin(pin: str, stored: str | None) -> bool:
    """Whether `pin` matches `stored` (constant-time compare; malformed hashes never match)."""
    if not stored or not isinstance(pin, str):
        return False
    try:
        scheme, params, salt_b64, digest_b64 = stored.split("$")
        values = dict(item.split("=") for item in params.split(","))
        n, r, p = int(values["n"]), int(values["r"]), int(values["p"])
        salt, expected = base64.b64decode(salt_b64), base64.b64decode(digest_b64)
    except (ValueError, KeyError):
        return False
    if scheme != "scrypt" or not (2 <= n <= 2**20 and 1 <= r <= 32 and 1 <= p <= 16):
        return False
    try:
        actual = _scrypt(pin, salt, n, r, p)
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(actual, expected)
