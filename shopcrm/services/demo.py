"""A believable demo shop: members, staff, a catalogue, years of visits, wallets.

Seeded, so the same options give the same shop. Written with bulk Core inserts in one
transaction: a cancelled or failed run leaves the database as it was. At 100,000 members
and a million visits it takes a few minutes.
"""

from __future__ import annotations

import bisect
import math
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import accumulate
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, text

from .. import clock
from ..i18n import ShopError, define, translate
from ..models import (
    ACCOUNT_POINTS,
    ACCOUNT_STORED_VALUE,
    MEMBER_ACTIVE,
    MEMBER_ARCHIVED,
    VISIT_OK,
    VISIT_VOIDED,
    Base,
    LevelDiscount,
    Member,
    MemberLevel,
    MemberTag,
    Service,
    ServiceCategory,
    Setting,
    Staff,
    TopupOffer,
    Visit,
    VisitLine,
    VisitPayment,
)
from ..models.money import KIND_TOPUP, KIND_VISIT_PAYMENT, KIND_VOID_REVERSAL
from . import demo_data as data
from .bookings.demo import demo_bookings
from .bulk import insert_rows
from .cards.demo import write_demo_cards
from .commission.demo import add_demo_commission
from .members import name_grams
from .money import ledger
from .names import name_keys
from .settings import SHOP_RESTAURANT, SHOP_SALON
from .visits.bills import M_BILL
from .wallet import insert_batch as insert_wallet_entries

E_NOT_EMPTY = define(
    "demo.not_empty",
    en="This database already holds {members} members; the demo shop is only made in an "
    "empty database. Use a new file (--db demo.db).",
    zh="此数据库已有 {members} 位会员；演示店只能在空数据库中生成。请换一个新文件（--db demo.db）。",
)
E_CANCELLED = define("demo.cancelled", en="Demo data cancelled; nothing was written.",
                     zh="已取消生成演示数据，未写入任何内容。")

Progress = Callable[[float, str], None]
CHUNK_MEMBERS = 2000
TOPUP_TIERS = [(Decimal(500), Decimal(50)), (Decimal(1000), Decimal(150)),
               (Decimal(2000), Decimal(400)), (Decimal(3000), Decimal(700))]
# The restaurant demo keeps most visits as quick bills (a few with dish lines, from before).
QUICK_BILL_SHARE = 0.85
LEVEL_DISCOUNT = {"普通会员": Decimal("0"), "银卡": Decimal("0.05"), "金卡": Decimal("0.10"),
                  "钻石卡": Decimal("0.15")}


@dataclass(frozen=True)
class DemoOptions:
    kind: str = SHOP_SALON
    members: int = 800
    months: int = 24
    seed: int = 2026
    visits: int | None = None  # aim for about this many visits by scaling cadences
    today: date = field(default_factory=clock.today)


@dataclass(frozen=True)
class DemoSummary:
    members: int
    visits: int
    lines: int
    wallet_entries: int
    seconds: float


class _Cancelled(Exception):
    pass


@dataclass
class _Catalogue:
    services: list[dict[str, Any]]
    staff_ids: list[int]
    owner_id: int
    levels: dict[str, int] = field(default_factory=dict)  # level name -> id


class _Picker:
    """Weighted choice from a fixed table, fast (bisect on cumulative weights)."""

    def __init__(self, items: list[tuple[Any, float]]):
        self.values = [v for v, _ in items]
        self.cum = list(accumulate(w for _, w in items))

    def __call__(self, rng: random.Random) -> Any:
        return self.values[bisect.bisect_right(self.cum, rng.random() * self.cum[-1])]


SURNAMES = _Picker(data.SURNAME_FREQUENCIES)
LEVELS = _Picker(data.LEVELS)
HOURS = _Picker([(10, 4), (11, 6), (12, 4), (13, 6), (14, 9), (15, 10), (16, 10), (17, 9),
                 (18, 10), (19, 9), (20, 6)])


def create_demo_shop(
    engine: Engine,
    options: DemoOptions,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> DemoSummary:
    """Fill an empty database with a demo shop; refuses a database that has members."""
    started = time.perf_counter()
    report = progress or (lambda _f, _m: None)
    with engine.begin() as conn:
        existing = conn.scalar(select(func.count()).select_from(Member)) or 0
        if existing:
            raise ShopError(E_NOT_EMPTY, members=existing)
        try:
            counts = _fill(conn, options, report, cancel)
            add_demo_commission(conn, options.kind != SHOP_RESTAURANT, datetime(2000, 1, 1))
        except _Cancelled:
            conn.rollback()
            raise ShopError(E_CANCELLED) from None
        _reset_sequences(conn)
    report(1.0, "done")
    return DemoSummary(*counts, seconds=time.perf_counter() - started)


def _fill(conn: Connection, opt: DemoOptions, report: Progress,
          cancel: threading.Event | None) -> tuple[int, int, int, int]:
    rng = random.Random(opt.seed)
    catalogue = _write_catalogue(conn, opt.kind)
    catalogue.levels = _write_levels(conn)
    _write_settings(conn, opt)
    start = opt.today - timedelta(days=round(opt.months * 30.44))
    cadence_scale = _cadence_scale(opt, start)
    ids = _IdCounter()
    phones: set[str] = set()
    totals = [0, 0, 0, 0]
    for first in range(0, opt.members, CHUNK_MEMBERS):
        if cancel is not None and cancel.is_set():
            raise _Cancelled
        batch = _Batch()
        for n in range(first, min(first + CHUNK_MEMBERS, opt.members)):
            _make_member(rng, n + 1, opt, start, cadence_scale, catalogue, phones, ids, batch)
        batch.write(conn)
        for i, count in enumerate(batch.counts()):
            totals[i] += count
        report(min(first + CHUNK_MEMBERS, opt.members) / max(opt.members, 1),
               f"{totals[0]} members, {totals[1]} visits")
    _reset_sequences(conn)  # the cards below are written through the services (ids by the db)
    write_demo_cards(conn, opt.today, opt.seed)  # count cards (services/cards/demo.py)
    demo_bookings(conn, opt.kind, opt.today, opt.seed)  # the book (services/bookings/demo)
    return totals[0], totals[1], totals[2], totals[3]


class _IdCounter:
    def __init__(self) -> None:
        self.visit = 0
        self.line = 0
        self.payment = 0
        self.wallet = 0


@dataclass
class _Batch:
    members: list[dict[str, Any]] = field(default_factory=list)
    tags: list[dict[str, Any]] = field(default_factory=list)
    visits: list[dict[str, Any]] = field(default_factory=list)
    lines: list[dict[str, Any]] = field(default_factory=list)
    payments: list[dict[str, Any]] = field(default_factory=list)
    wallet: list[dict[str, Any]] = field(default_factory=list)

    def write(self, conn: Connection) -> None:
        for table, rows in ((Member, self.members), (MemberTag, self.tags), (Visit, self.visits),
                            (VisitLine, self.lines), (VisitPayment, self.payments)):
            if rows:
                insert_rows(conn, table.__table__, rows)
        name_grams.add_new(conn, self.members)  # the names' 1–2 character index
        insert_wallet_entries(conn, self.wallet)  # the wallet splits principal and bonus
        ledger.post_batch(conn, self.movements())

    def movements(self) -> list[dict[str, Any]]:
        """The money ledger's rows for this batch: visit payments (and voided visits'
        reversals, booked on the visit's day) and top-ups."""
        visits = {v["id"]: v for v in self.visits}
        bonus = {w["visit_id"]: -w["bonus"] for w in self.wallet if w["entry_type"] == "spend"}
        rows: list[dict[str, Any]] = []
        for p in self.payments:
            v = visits[p["visit_id"]]
            drawn = bonus.get(v["id"], Decimal(0)) if p["method"] == "stored_value" else 0
            common = {"method": p["method"], "member_id": v["member_id"], "visit_id": v["id"]}
            rows.append({"occurred_at": v["visited_at"], "kind": KIND_VISIT_PAYMENT,
                         "amount": p["amount"], "bonus_part": drawn,
                         "staff_id": v["created_by_id"], **common})
            if v["status"] == VISIT_VOIDED:
                rows.append({"occurred_at": v["voided_at"], "booked_on": v["visited_at"].date(),
                             "kind": KIND_VOID_REVERSAL, "amount": -p["amount"],
                             "bonus_part": -drawn, "staff_id": v["voided_by_id"], **common})
        for w in self.wallet:
            if w["entry_type"] == "topup":
                rows.append({"occurred_at": w["created_at"], "kind": KIND_TOPUP,
                             "method": w["payment_method"], "amount": w["paid_amount"],
                             "member_id": w["member_id"], "wallet_entry_id": w["id"]})
        rows.sort(key=lambda r: r["occurred_at"])
        return rows

    def counts(self) -> tuple[int, int, int, int]:
        return len(self.members), len(self.visits), len(self.lines), len(self.wallet)


def _write_catalogue(conn: Connection, kind: str) -> _Catalogue:
    source = data.RESTAURANT_CATALOGUE if kind == SHOP_RESTAURANT else data.SALON_CATALOGUE
    services: list[dict[str, Any]] = []
    for order, (category, items) in enumerate(source, start=1):
        cat_id = conn.execute(
            insert(ServiceCategory.__table__).values(name=category, sort_order=order)
        ).inserted_primary_key[0]
        for name, price, minutes, offsets in items:
            full, initials = name_keys(name)
            row = {"category_id": cat_id, "name": name, "name_pinyin": f"{initials} {full}",
                   "list_price": Decimal(price), "duration_min": minutes, "active": True,
                   "care_offsets": offsets, "description": ""}
            row["id"] = conn.execute(insert(Service.__table__).values(**row)).inserted_primary_key[0]
            row["category"] = category
            services.append(row)
    staff_src = data.RESTAURANT_STAFF if kind == SHOP_RESTAURANT else data.SALON_STAFF
    staff_ids, owner_id = [], 0
    for name, role, title in staff_src:
        sid = conn.execute(insert(Staff.__table__).values(
            name=name, role=role, title=title, active=True)).inserted_primary_key[0]
        staff_ids.append(sid)
        if role == "owner":
            owner_id = sid
    return _Catalogue(services=services, staff_ids=staff_ids, owner_id=owner_id)


# name, default rate, {category: rate}, upgrade rule (kind, amount, window days)
DEMO_LEVELS = [
    ("普通会员", "1", {}, ("none", None, None)),
    ("银卡", "0.95", {}, ("topup", "2000", None)),
    ("金卡", "0.9", {"剪发": "0.88"}, ("spend", "5000", 365)),
    ("钻石卡", "0.85", {"剪发": "0.85"}, ("single", "5000", None)),
]


def _write_levels(conn: Connection) -> dict[str, int]:
    """The demo's levels (with discounts and upgrade rules) and its top-up offers."""
    cats = dict(conn.execute(select(ServiceCategory.name, ServiceCategory.id)).all())
    ids: dict[str, int] = {}
    for rank, (name, rate, per_cat, (kind, amount, days)) in enumerate(DEMO_LEVELS, start=1):
        ids[name] = conn.execute(insert(MemberLevel.__table__).values(
            name=name, rank=rank, discount=Decimal(rate), points_rate=Decimal(1),
            upgrade_kind=kind, upgrade_amount=Decimal(amount) if amount else None,
            window_days=days, downgrade=False, reverse_on_refund=True, active=True,
            created_at=clock.now().replace(microsecond=0),
        )).inserted_primary_key[0]
        for cat, cat_rate in per_cat.items():
            if cat in cats:
                conn.execute(insert(LevelDiscount.__table__).values(
                    level_id=ids[name], category_id=cats[cat], discount=Decimal(cat_rate)))
    for topup, bonus in TOPUP_TIERS:
        conn.execute(insert(TopupOffer.__table__).values(
            topup_amount=topup, bonus=bonus, active=True,
            level_id=ids["钻石卡"] if topup >= 3000 else None,
            created_at=clock.now().replace(microsecond=0),
        ))
    return ids


def _write_settings(conn: Connection, opt: DemoOptions) -> None:
    name = "老街坊家常菜（演示）" if opt.kind == SHOP_RESTAURANT else "悦色发型沙龙（演示）"
    values = {"shop.name": name, "shop.kind": opt.kind, "setup.done": True,
              "demo.seed": opt.seed, "points.per_yuan": 1}
    values["setup.checklist_dismissed"] = True  # a demo is not a new shop: no first steps
    for key, value in values.items():
        conn.execute(Setting.__table__.delete().where(Setting.key == key))
        conn.execute(insert(Setting.__table__).values(key=key, value=value))


def _cadence_scale(opt: DemoOptions, start: date) -> float:
    """Factor on every cadence so that the shop gets about `opt.visits` visits.

    Found on a pilot sample of members drawn like the real ones: the count of visits after
    the first is close to inversely proportional to the factor, so a few fixed-point steps
    converge.
    """
    if not opt.visits or opt.members <= 0:
        return 1.0
    target = opt.visits / opt.members
    pilot_rng = random.Random(opt.seed + 1)
    plans = [_member_plan(pilot_rng, opt, start) for _ in range(min(opt.members, 3000))]
    scale = 1.0
    for _ in range(4):
        counts = random.Random(opt.seed + 2)
        per_member = sum(
            sum(1 for _d in _visit_dates(counts, join, opt.today, archetype, scale))
            for join, archetype in plans) / len(plans)
        firsts = sum(1 for join, _a in plans if join <= opt.today) / len(plans)
        repeat_now, repeat_wanted = per_member - firsts, max(target - firsts, 0.01)
        scale = max(scale * repeat_now / repeat_wanted, 0.02)
    return scale


def _member_plan(rng: random.Random, opt: DemoOptions, start: date) -> tuple[date, str]:
    """When a member joined and how they come back."""
    span = max((opt.today - start).days, 1)
    join = (start + timedelta(days=rng.randint(0, 20)) if rng.random() < 0.3
            else start + timedelta(days=int(span * rng.random() ** 0.8)))
    archetype = rng.choices(["regular", "occasional", "once", "lapsed"], [35, 25, 25, 15])[0]
    return min(join, opt.today), archetype


def _name(rng: random.Random, gender: str) -> str:
    pool = data.GIVEN_FEMALE if gender == "F" else data.GIVEN_MALE
    given = rng.choice(pool) + (rng.choice(pool) if rng.random() < 0.72 else "")
    return SURNAMES(rng) + given


def _phone(rng: random.Random, used: set[str]) -> str:
    while True:
        number = rng.choice(data.MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
        if number not in used:
            used.add(number)
            return number


def _birthday(rng: random.Random, today: date) -> dict[str, Any]:
    if rng.random() < 0.12:
        return {"birthday_kind": None, "birth_year": None, "birth_month": None,
                "birth_day": None, "birth_leap": False}
    year = rng.randint(today.year - 65, today.year - 16) if rng.random() < 0.7 else None
    if rng.random() < 0.25:
        return {"birthday_kind": "lunar", "birth_year": year, "birth_month": rng.randint(1, 12),
                "birth_day": rng.randint(1, 30 if rng.random() < 0.05 else 29),
                "birth_leap": False}
    month = rng.randint(1, 12)
    days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    if year and month == 2 and not (year % 4 == 0 and (year % 100 or year % 400 == 0)):
        days = 28
    return {"birthday_kind": "solar", "birth_year": year, "birth_month": month,
            "birth_day": rng.randint(1, days), "birth_leap": False}


def _profile(rng: random.Random, kind: str, staff_name: str) -> dict[str, Any]:
    choices = (data.RESTAURANT_PROFILE_CHOICES if kind == SHOP_RESTAURANT
               else data.SALON_PROFILE_CHOICES)
    profile: dict[str, Any] = {}
    for key, options in choices.items():
        chance = 0.08 if key == "allergies" else 0.5
        if rng.random() < chance:
            profile[key] = rng.choice(options)
    if kind == SHOP_RESTAURANT:
        if rng.random() < 0.6:
            profile["party_size"] = rng.choice([1, 2, 2, 3, 4, 4, 6, 8])
    elif rng.random() < 0.6:
        profile["preferred_stylist"] = staff_name
    return profile


def _visit_dates(rng: random.Random, join: date, today: date, archetype: str,
                 scale: float) -> Iterator[date]:
    if archetype == "once":
        yield join
        return
    cadence = {"regular": rng.uniform(21, 42), "occasional": rng.uniform(50, 110),
               "lapsed": rng.uniform(21, 42)}[archetype] * scale
    stop = today
    if archetype == "lapsed":
        stop = min(today - timedelta(days=90), join + timedelta(days=rng.randint(60, 600)))
    day = join
    while day <= stop:
        yield day
        step = max(1, round(cadence * math.exp(rng.gauss(0, 0.22))))
        day += timedelta(days=step)
        if rng.random() < 0.3 and day.weekday() < 5:  # drift towards the weekend
            day += timedelta(days=min(5 - day.weekday(), 2))


def _make_member(rng: random.Random, member_id: int, opt: DemoOptions, start: date,
                 scale: float, cat: _Catalogue, phones: set[str], ids: _IdCounter,
                 batch: _Batch) -> None:
    gender = "F" if rng.random() < (0.75 if opt.kind == SHOP_SALON else 0.5) else "M"
    name = _name(rng, gender)
    full, initials = name_keys(name)
    phone = _phone(rng, phones)
    join, archetype = _member_plan(rng, opt, start)
    level = LEVELS(rng)
    stylist = rng.choice(cat.staff_ids)
    wallet = _Wallet(member_id, ids, batch)
    holds_card = rng.random() < (0.45 if level != "普通会员" else 0.15)
    visit_count, spend = 0, Decimal(0)
    first_visit: date | None = None
    last_visit: date | None = None
    for day in _visit_dates(rng, join, opt.today, archetype, scale):
        when = datetime.combine(day, datetime.min.time()).replace(
            hour=HOURS(rng), minute=rng.randrange(0, 60, 5))
        amount, voided = _make_visit(rng, member_id, when, opt.kind, level, stylist, cat,
                                     holds_card, wallet, ids, batch)
        if not voided:
            visit_count += 1
            spend += amount
            first_visit = first_visit or day
            last_visit = day
    archived = archetype == "lapsed" and rng.random() < 0.05
    batch.members.append({
        "id": member_id, "name": name, "name_pinyin": full, "name_initials": initials,
        "phone": "+86" + phone, "phone_digits": phone, "phone_rev": phone[::-1],
        "card_no": f"88{member_id:06d}" if rng.random() < 0.7 else None, "gender": gender,
        **_birthday(rng, opt.today), "level": level, "level_id": cat.levels.get(level),
        "join_date": join,
        "source": rng.choice(data.SOURCES),
        "referred_by_id": (rng.randint(1, member_id - 1)
                           if member_id > 1 and rng.random() < 0.08 else None),
        "notes": "", "consent_marketing": rng.random() < 0.88,
        "profile": _profile(rng, opt.kind, ""), "status": MEMBER_ARCHIVED if archived
        else MEMBER_ACTIVE, "merged_into_id": None, "first_visit_on": first_visit,
        "last_visit_on": last_visit, "visit_count": visit_count, "lifetime_spend": spend,
        "created_at": datetime.combine(join, datetime.min.time()).replace(hour=9),
        "updated_at": datetime.combine(join, datetime.min.time()).replace(hour=9),
        "version": 1,
    })
    tags = data.TAGS_RESTAURANT if opt.kind == SHOP_RESTAURANT else data.TAGS_SALON
    for tag in rng.sample(tags, k=rng.choice([0, 0, 1, 1, 2])):
        batch.tags.append({"member_id": member_id, "tag": tag})


class _Wallet:
    """Running stored-value and points ledgers for one member."""

    def __init__(self, member_id: int, ids: _IdCounter, batch: _Batch):
        self.member_id, self.ids, self.batch = member_id, ids, batch
        self.balance = {ACCOUNT_STORED_VALUE: Decimal(0), ACCOUNT_POINTS: Decimal(0)}
        self.seq = {ACCOUNT_STORED_VALUE: 0, ACCOUNT_POINTS: 0}

    def add(self, account: str, entry_type: str, amount: Decimal, when: datetime,
            visit_id: int | None = None, paid: Decimal | None = None,
            method: str | None = None) -> None:
        self.ids.wallet += 1
        self.seq[account] += 1
        self.balance[account] += amount
        self.batch.wallet.append({
            "id": self.ids.wallet, "member_id": self.member_id, "account": account,
            "seq": self.seq[account], "entry_type": entry_type, "amount": amount,
            "balance_after": self.balance[account], "visit_id": visit_id, "reverses_id": None,
            "paid_amount": paid, "payment_method": method, "reason": "", "staff_id": None,
            "created_at": when,
        })


def _pick_lines(rng: random.Random, kind: str, cat: _Catalogue) -> list[tuple[dict, int]]:
    services = cat.services
    if kind == SHOP_RESTAURANT:
        dishes = [s for s in services if s["category"] != "宴席"]
        lines = [(s, 1) for s in rng.sample(dishes, k=rng.randint(2, 6))]
        if rng.random() < 0.02:
            lines.append((rng.choice([s for s in services if s["category"] == "宴席"]), 1))
        return lines
    by_cat = {s["category"]: [] for s in services}
    for s in services:
        by_cat[s["category"]].append(s)
    main = rng.choices(["剪发", "烫发", "染发", "护理", "造型"], [60, 12, 14, 9, 5])[0]
    lines = [(rng.choice(by_cat[main]), 1)]
    if main != "剪发" and rng.random() < 0.5:
        lines.append((by_cat["剪发"][0], 1))
    if rng.random() < 0.15:
        lines.append((rng.choice(by_cat["护理"]), 1))
    return lines


def _make_visit(rng: random.Random, member_id: int, when: datetime, kind: str, level: str,
                stylist: int, cat: _Catalogue, holds_card: bool, wallet: _Wallet,
                ids: _IdCounter, batch: _Batch) -> tuple[Decimal, bool]:
    ids.visit += 1
    visit_id = ids.visit
    rate = LEVEL_DISCOUNT.get(level, Decimal(0))
    total_list = total_discount = Decimal(0)
    lines = []
    for line_no, (service, qty) in enumerate(_pick_lines(rng, kind, cat), start=1):
        gross = service["list_price"] * qty
        discount = (gross * rate).quantize(Decimal(1))
        staff = stylist if rng.random() < 0.7 else rng.choice(cat.staff_ids)
        lines.append({
            "visit_id": visit_id, "line_no": line_no,
            "service_id": service["id"], "item_name": service["name"], "quantity": qty,
            "unit_price": service["list_price"], "discount": discount,
            "amount": gross - discount, "staff_id": staff,
            "discount_rate": 1 - rate if rate else None,
            "level_id": cat.levels.get(level) if rate else None,
        })
        total_list += gross
        total_discount += discount
    if kind == SHOP_RESTAURANT and rng.random() < QUICK_BILL_SHARE:
        # the POS has the dishes; the counter keeps the bill (services/visits/bills.py)
        lines = [{
            "visit_id": visit_id, "line_no": 1, "service_id": None,
            "item_name": translate(M_BILL, "zh"), "quantity": 1, "unit_price": total_list,
            "discount": total_discount, "amount": total_list - total_discount,
            "staff_id": stylist,
        }]
    for line in lines:
        ids.line += 1
        batch.lines.append({"id": ids.line, **line})
    total = total_list - total_discount
    voided = rng.random() < 0.003
    payments = _pay(rng, total, when, visit_id, holds_card and not voided, wallet)
    for method, amount in payments:
        ids.payment += 1
        batch.payments.append({"id": ids.payment, "visit_id": visit_id, "method": method,
                               "amount": amount})
    if not voided and total > 0:
        wallet.add(ACCOUNT_POINTS, "earn", Decimal(int(total)), when, visit_id)
    satisfaction, complaint = None, ""
    if rng.random() < 0.4:
        satisfaction = rng.choices([5, 4, 3, 2, 1], [60, 28, 8, 3, 1])[0]
        if satisfaction <= 2:
            complaint = rng.choice(
                data.RESTAURANT_COMPLAINTS if kind == SHOP_RESTAURANT else data.SALON_COMPLAINTS
            )
    batch.visits.append({
        "id": visit_id, "member_id": member_id, "visited_at": when, "total_list": total_list,
        "total_discount": total_discount, "total_amount": total,
        "status": VISIT_VOIDED if voided else VISIT_OK,
        "note": rng.choice(data.VISIT_NOTES) if rng.random() < 0.05 else "",
        "satisfaction": satisfaction, "complaint": complaint,
        "party_size": rng.randint(1, 8) if kind == SHOP_RESTAURANT else None,
        "table_no": str(rng.randint(1, 24)) if kind == SHOP_RESTAURANT else None,
        "created_by_id": cat.owner_id, "created_at": when, "updated_at": when,
        "voided_at": when + timedelta(minutes=10) if voided else None,
        "voided_by_id": cat.owner_id if voided else None,
        "void_reason": "录错了，重新登记" if voided else "", "replaces_id": None,
        "source_ref": None, "version": 1,
    })
    return total, voided


def _pay(rng: random.Random, total: Decimal, when: datetime, visit_id: int, card: bool,
         wallet: _Wallet) -> list[tuple[str, Decimal]]:
    if total <= 0:
        return []
    balance = wallet.balance[ACCOUNT_STORED_VALUE]
    if card and balance < total and rng.random() < 0.6:
        paid, bonus = rng.choice(TOPUP_TIERS[:3] if total < 500 else TOPUP_TIERS[1:])
        method = rng.choice(["wechat", "wechat", "alipay", "card", "cash"])
        top_time = when - timedelta(minutes=2)
        wallet.add(ACCOUNT_STORED_VALUE, "topup", paid, top_time, paid=paid, method=method)
        wallet.add(ACCOUNT_STORED_VALUE, "bonus", bonus, top_time)
        balance = wallet.balance[ACCOUNT_STORED_VALUE]
    if card and balance > 0:
        from_card = min(balance, total)
        wallet.add(ACCOUNT_STORED_VALUE, "spend", -from_card, when, visit_id)
        rest = total - from_card
        rest_by = rng.choice(["wechat", "alipay"])
        return [("stored_value", from_card)] + ([(rest_by, rest)] if rest else [])
    method = rng.choices(["wechat", "alipay", "cash", "card"], [38, 22, 22, 18])[0]
    return [(method, total)]


def _reset_sequences(conn: Connection) -> None:
    """PostgreSQL sequences do not follow explicit ids; move them past the demo rows."""
    if conn.dialect.name != "postgresql":
        return
    for table in Base.metadata.sorted_tables:
        if "id" in table.c and table.c.id.primary_key:
            conn.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"))
