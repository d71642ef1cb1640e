"""Screenshots of the Bookings screen (issue 19), in each language:

- ``bookings-day``: a salon's day with a dozen bookings across the stylists;
- ``bookings-week``: the week;
- ``bookings-restaurant``: a restaurant's evening by table;
- ``bookings-new``: the new-booking dialog;
- ``bookings-arrive``: the visit dialog a booking's arrival opens, pre-filled;
- ``bookings-move``: moving a booking (改约) onto a taken slot: refused, the nearest free
  time offered;
- ``bookings-rebook``: the counter's "rebook?" bar after a visit;
- ``settings-hours``: Settings → Opening hours and tables (the restaurant's, with tables).

Run by ``scripts/screenshots.py`` (``--only bookings`` makes just these).
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

SIZE = (1366, 768)


def _shop(folder: Path, kind: str, members: int):  # noqa: ANN202
    from shopcrm.db import open_database
    from shopcrm.services import hooks
    from shopcrm.services.demo import DemoOptions, create_demo_shop

    engine = open_database(str(folder / f"bookings-{kind}.db"))
    hooks.on_open(engine)
    create_demo_shop(
        engine, DemoOptions(members=members, months=6, kind=kind, today=date.today(), seed=11)
    )
    hooks.after_demo(engine)
    return engine


def bookings_shots(app, tmp: Path, out: Path, langs: list[str]) -> list[Path]:  # noqa: ANN001
    from screenshots import settle  # the main script's helper  # noqa: I001

    from shopcrm.ui.app_context import AppContext
    from shopcrm.ui.i18n import LanguageManager
    from shopcrm.ui.main_window import MainWindow

    languages = LanguageManager(app)
    written: list[Path] = []
    salon = _shop(tmp, "salon", 200)
    restaurant = _shop(tmp, "restaurant", 200)
    for lang in langs:
        languages.apply(lang)
        for engine, kind in ((salon, "salon"), (restaurant, "restaurant")):
            ctx = AppContext(engine, languages)
            window = MainWindow(ctx)
            window.resize(*SIZE)
            window.show()
            screen = window.screen("bookings")
            window.show_screen(window.screens.index(screen))
            settle(ctx)

            def shot(name: str, widget=None, ctx=ctx, window=window, lang=lang) -> None:  # noqa: ANN001
                settle(ctx)
                path = out / f"{name}-{lang}.png"
                (widget or window).grab().save(str(path))
                written.append(path)

            if kind == "restaurant":
                screen.scroll.verticalScrollBar().setValue(
                    screen.scroll.verticalScrollBar().maximum()
                )
                shot("bookings-restaurant")
                _hours_shot(window, shot, ctx)
            else:
                _salon_shots(screen, shot, ctx)
                _rebook_shot(window, shot, ctx)
            window.session.dirty = False
            window.close()
            ctx.shutdown()
    salon.dispose()
    restaurant.dispose()
    return written


def _salon_shots(screen, shot, ctx) -> None:  # noqa: ANN001
    from screenshots import settle

    grid = screen.grid
    grid.setFocus()
    view = screen.view
    booked = [r for r in view.bookings if r.state == "booked" and r.services]
    if booked:
        grid.select_booking(booked[0].id)
    shot("bookings-day")
    screen.set_week(True)
    shot("bookings-week")
    screen.set_week(False)
    settle(ctx)
    column = view.columns[min(1, len(view.columns) - 1)].id
    screen.new_booking(column, datetime.combine(view.day, time(17, 0)))
    settle(ctx)
    dialog = screen.dialog
    dialog.member_search.setText("138")
    dialog.find_member("138")
    settle(ctx)
    dialog.find_service("")
    settle(ctx)
    dialog.pick_service(0)
    dialog.show()
    dialog.resize(620, dialog.sizeHint().height())
    shot("bookings-new", dialog)
    dialog.reject()
    settle(ctx)
    if booked:
        screen.start_visit(booked[0])  # what Arrive opens (the booking itself stays booked)
        settle(ctx)
        visit = screen.dialog
        visit.resize(980, 640)
        visit.show()
        shot("bookings-arrive", visit)
        visit.reject()
        settle(ctx)
        _move_shot(screen, booked, shot, ctx)


def _move_shot(screen, booked, shot, ctx) -> None:  # noqa: ANN001
    """The move dialog after asking for a slot another booking holds with the same person."""
    from PySide6.QtCore import QDateTime
    from screenshots import settle

    moving = booked[0]
    other = next(
        (r for r in booked[1:] if r.staff_id == moving.staff_id and r.staff_id is not None),
        None,
    )
    screen.move_booking(moving)
    settle(ctx)
    dialog = screen.dialog
    if other is not None:
        dialog.when_edit.setDateTime(QDateTime(other.starts_at))
        dialog.save()
        settle(ctx)
    dialog.resize(560, dialog.sizeHint().height())
    shot("bookings-move", dialog)
    dialog.reject()
    settle(ctx)


def _rebook_shot(window, shot, ctx) -> None:  # noqa: ANN001
    """The bar as the counter shows it after the latest visit with a member and staff."""
    from screenshots import settle
    from sqlalchemy import select

    from shopcrm.db import session_scope
    from shopcrm.models import Visit, VisitLine
    from shopcrm.services.bookings import rebook_offer

    with session_scope(ctx.engine) as s:
        recent = s.scalars(
            select(Visit.id)
            .join(VisitLine, VisitLine.visit_id == Visit.id)
            .where(Visit.member_id.is_not(None), VisitLine.staff_id.is_not(None))
            .order_by(Visit.visited_at.desc())
            .limit(40)
        ).all()
        visit_id = next((v for v in recent if rebook_offer(s, v) is not None), None)
        member_id = s.get(Visit, visit_id).member_id if visit_id else None
    if visit_id is None:
        return
    counter = window.screen("counter")
    window.show_screen(window.screens.index(counter))
    counter.open_member(member_id)
    settle(ctx)
    counter.rebook.offer_for(visit_id, lambda: True)
    settle(ctx)
    shot("bookings-rebook")
    counter.rebook.close_offer()


def _hours_shot(window, shot, ctx) -> None:  # noqa: ANN001
    from screenshots import settle

    settings = window.screen("settings")
    window.show_screen(window.screens.index(settings))
    settings.show_page("hours")
    settle(ctx)
    shot("settings-hours")
