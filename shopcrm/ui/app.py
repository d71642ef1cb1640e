"""Start the desktop app: style, translations, first run, the main window.

``SHOPCRM_SCREENSHOT=/path/shot.png`` makes the app save the window (once its first data
has loaded) and quit: used by the screenshot script and CI checks.
``SHOPCRM_STARTUP_PROBE=/path/probe.json`` makes it write when the counter became usable and
the memory it holds once the start-up work is done, then quit: the cold-start benchmark.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from .. import APP_NAME, __version__
from . import translations
from .errors import install_excepthook, setup_logging, show_error
from .i18n import LanguageManager, resolve_language
from .resources_util import app_icon, style_sheet
from .startup_shell import StartupShell

if TYPE_CHECKING:  # the data layers load after the first paint (see run_app)
    from .app_context import AppContext
    from .main_window import MainWindow

log = logging.getLogger(__name__)
ENV_SCREENSHOT = "SHOPCRM_SCREENSHOT"
ENV_STARTUP_PROBE = "SHOPCRM_STARTUP_PROBE"
UI_FONTS = [
    "Noto Sans CJK SC",
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
]


def keep_no_sources_read_by_pyside() -> None:
    """PySide6 asks of every module imported after it whether its source mentions
    "PySide6" (its ``__feature__`` switch, ``shibokensupport.feature._mod_uses_pyside``),
    reading the source with ``inspect.getsource``: every line then stays in ``linecache``,
    about 24 MB for the modules the app imports (SQLAlchemy, the models, the services). The
    same question is asked, and the lines are dropped once answered. A PySide6 without that
    function is left alone."""
    import linecache

    feature = sys.modules.get("shibokensupport.feature")
    asks = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or asks is None or getattr(asks, "_shopcrm_forgets", False):
        return

    def uses_pyside(module: object) -> bool:
        try:
            return bool(asks(module))
        finally:
            source = getattr(module, "__file__", None)
            if source:
                linecache.cache.pop(source, None)

    uses_pyside._shopcrm_forgets = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]
    for name, entry in list(linecache.cache.items()):  # read before this: files only
        if len(entry) == 4 and entry[1] is not None:  # (size, mtime, lines, name)
            linecache.cache.pop(name, None)


keep_no_sources_read_by_pyside()


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("shopcrm")  # matches installer/linux/shopcrm.desktop
    app.setOrganizationName(APP_NAME)
    app.setWindowIcon(app_icon())
    apply_style(app)
    return app  # type: ignore[return-value]


def apply_style(app: QApplication) -> None:
    """The calm look: Fusion, our style sheet, and fonts that read well in Chinese."""
    app.setStyle("Fusion")
    font = QFont(app.font())
    font.setFamilies([*UI_FONTS, font.family()])
    font.setPointSize(10)
    app.setFont(font)
    app.setStyleSheet(style_sheet())


class AppController(QObject):
    """Owns the open shop (engine + AppContext) and its window; switches databases."""

    def __init__(self, languages: LanguageManager) -> None:
        super().__init__()
        self.languages = languages
        self.ctx: AppContext | None = None
        self.window: MainWindow | None = None
        self.shell: StartupShell | None = None  # up until the main window replaces it
        self.started = False  # start() has returned (the probe waits for it)

    def open(self, db_url: str) -> AppContext | None:
        """Open and upgrade `db_url`; a clear dialog and None if that fails."""
        from ..db import open_database
        from .app_context import AppContext

        try:
            engine = open_database(db_url)  # migrations stay synchronous
        except Exception as exc:  # any failure to open becomes a dialog
            show_error(self.window, exc)
            return None
        return AppContext(engine, self.languages)

    def apply_shop_language(self, ctx: AppContext) -> None:
        from ..db import session_scope
        from ..services.settings import get_setting

        with session_scope(ctx.engine) as session:
            wanted = get_setting(session, "ui.language")
        self.languages.apply(resolve_language(wanted))

    def start(self, db_url: str) -> bool:
        from ..db import session_scope
        from ..services.shop_setup import needs_first_run

        ctx = self.open(db_url)
        if ctx is None:
            return False
        self.apply_shop_language(ctx)
        with session_scope(ctx.engine) as session:
            first = needs_first_run(session)
        if first:
            self._close_shell(None)  # the first-run dialog stands alone, as before
            self.first_run(ctx)
        else:
            self.show_window(ctx)
        return True

    def first_run(self, ctx: AppContext) -> None:
        from .first_run import CHOICE_DEMO, CHOICE_NEW, FirstRunDialog

        dialog = FirstRunDialog(self.languages)
        accepted = dialog.exec()
        if accepted and dialog.choice == CHOICE_NEW:
            self.finish_new_shop(ctx, *dialog.values(), starter=dialog.starter_choice())
        elif accepted and dialog.choice == CHOICE_DEMO:
            self.finish_demo(ctx)
        else:
            self.show_window(ctx)

    def finish_new_shop(
        self, ctx: AppContext, name: str, kind: str, language: str, starter: object = None
    ) -> None:
        from .first_run import save_new_shop

        save_new_shop(
            ctx,
            None,
            name,
            kind,
            language,
            lambda: self.show_window(ctx),
            starter,  # type: ignore[arg-type]
        )

    def finish_demo(self, fallback: AppContext, **demo_kwargs: object) -> None:
        from .first_run import open_demo_shop

        def done(demo: AppContext | None) -> None:
            if demo is None:
                self.show_window(fallback)
                return
            self._dispose(fallback)
            self.apply_shop_language(demo)
            self.show_window(demo)

        open_demo_shop(self.languages, self.window, done, **demo_kwargs)  # type: ignore[arg-type]

    def show_shell(self) -> None:
        """The window's outline with the search box focused, before anything heavy loads."""
        self.shell = StartupShell()
        self.shell.show_focused()

    def _close_shell(self, window: MainWindow | None) -> None:
        shell, self.shell = self.shell, None
        if shell is not None:
            shell.hand_over(window)

    def show_window(self, ctx: AppContext) -> MainWindow | None:
        from .main_window import MainWindow
        from .settings.session import sign_in

        if not sign_in(ctx, self.window):  # roles on: who is at the counter? (cancel: stay)
            if ctx is not self.ctx:
                self._dispose(ctx)
            if self.window is None:
                self._close_shell(None)
                QTimer.singleShot(0, QApplication.quit)
            return None
        old_window, old_ctx = self.window, self.ctx
        self.ctx = ctx
        self.window = MainWindow(ctx)
        ctx.reopen_requested.connect(self.reopen)
        self.window.show()
        self._close_shell(self.window)
        if old_window is not None:
            old_window.close()
            old_window.deleteLater()
        if old_ctx is not None and old_ctx is not ctx:
            self._dispose(old_ctx)
        if old_ctx is not ctx:
            self.run_open_hooks(ctx)
        return self.window

    def run_open_hooks(self, ctx: AppContext) -> None:
        """The start-up catch-up work (daily backup, today's follow-ups, level downgrades)
        after the window is up: a background job on the long-job lane, so the first searches
        do not wait for it; the screens refresh their follow-up figures when it is done.
        Its changes are announced as the shop's own start-up work (``START_UP_WORK``): they
        do not call for a backup on close. Failures are logged (hooks.on_open logs its
        own), never shown."""
        from ..services import hooks
        from ..services.close_backup import change_mark
        from .ops import Job, JobOp
        from .settings.session import START_UP_WORK

        session_ui = getattr(self.window, "session", None)

        def work(job: Job) -> int:
            hooks.on_open(job.engine)
            return change_mark(job.engine)  # later audited changes are someone's

        def done(mark: int) -> None:
            if session_ui is not None:
                session_ui.start_up_done(mark)
            ctx.changes.announce({"followups", "members"}, origin=START_UP_WORK)

        def failed(exc: BaseException) -> None:
            log.error("start-up hooks failed: %s", exc, exc_info=exc)
            ctx.changes.announce({"followups"}, origin=START_UP_WORK)

        JobOp(
            ctx,
            None,
            "open-hooks",
            "hooks.on_open",
            work,
            success=done,
            failure=failed,
            cancellable=False,
            show_progress=False,
        ).run()

    def reopen(self, db_url: str) -> None:
        """Switch the window to another database (File > Open database…)."""
        ctx = self.open(db_url)
        if ctx is None:
            return
        self.apply_shop_language(ctx)
        self.show_window(ctx)

    @staticmethod
    def _dispose(ctx: AppContext) -> None:
        ctx.shutdown()
        ctx.engine.dispose()


def schedule_screenshot(controller: AppController, path: str, delay_ms: int = 1200) -> None:
    """Save the window to `path` once loaded, then quit (SHOPCRM_SCREENSHOT)."""

    def shoot() -> None:
        window = controller.window or QApplication.activeModalWidget()
        if window is None:
            QTimer.singleShot(300, shoot)
            return
        if controller.ctx is not None:
            controller.ctx.runner.wait(10_000)
        QApplication.processEvents()
        window.grab().save(path)
        log.info("screenshot saved to %s", path)
        QApplication.quit()

    QTimer.singleShot(delay_ms, shoot)


def schedule_startup_probe(controller: AppController, path: str) -> None:
    """Write {usable: epoch seconds, focus, rss_mb, modules} to `path` and quit.

    Runs from the event loop's first turn, so the window has been shown and painted; the
    focus says whether the counter's search box has the keyboard (usable). The memory is
    read after the background start-up work (backup, follow-ups) has finished.
    """
    import json
    import time

    seen: dict[str, object] = {}

    def probe() -> None:
        seen["usable"] = time.time()
        window = controller.window or controller.shell
        focus = window.focusWidget() if window is not None else None
        seen["window"] = window is not None and window.isVisible()
        seen["focus"] = focus.objectName() if focus is not None else ""
        seen["usable_mb"] = _resident_mb()
        finish()

    def finish() -> None:
        if not controller.started:  # the database is still opening: look again shortly
            QTimer.singleShot(20, finish)
            return
        seen["ready"] = time.time()  # the main window (with the shop's data layers) is up
        if controller.ctx is not None:
            controller.ctx.runner.wait(60_000)
        QApplication.processEvents()
        data = {
            **seen,
            "ready_focus": _focus_name(controller.window),
            "rss_mb": _resident_mb(),
            "modules": sorted(sys.modules),
        }
        with open(path, "w", encoding="utf-8") as out:
            json.dump(data, out)
        QApplication.quit()

    QTimer.singleShot(0, probe)


def _focus_name(window: QWidget | None) -> str:
    focus = window.focusWidget() if window is not None else None
    return focus.objectName() if focus is not None else ""


def _resident_mb() -> float:
    """Peak resident memory of this process in MB (Linux VmHWM, else getrusage)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# The start's data layers (no Qt in them): imported off the GUI thread, see run_app.
WARM_UP_MODULES = (
    "shopcrm.db",
    "shopcrm.models",
    "shopcrm.services.settings",
    "shopcrm.services.shop_setup",
    "shopcrm.services.auth",
    "shopcrm.services.hooks",
    "shopcrm.services.counter",
    "shopcrm.services.members",
    "shopcrm.services.followups",
    "shopcrm.services.reports.overview",
)


def _import_data_layers() -> None:
    """Import WARM_UP_MODULES; a failure is left for the real start to meet and show."""
    import importlib

    for name in WARM_UP_MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - start() imports it again and reports in words
            log.debug("warm-up import of %s failed", name, exc_info=True)


def run_app(db_url: str, argv: list[str] | None = None) -> int:
    """Open the main window on `db_url`; returns the exit code."""
    app = make_application(argv)
    setup_logging()
    install_excepthook()
    translations.compile_translations()  # fallback when the build did not compile them
    languages = LanguageManager(app)
    controller = AppController(languages)
    shot = os.environ.get(ENV_SCREENSHOT)
    if shot:
        schedule_screenshot(controller, shot)
    probe = os.environ.get(ENV_STARTUP_PROBE)
    if probe:
        schedule_startup_probe(controller, probe)
    # The shell first, painted by the event loop's first turn. SQLAlchemy, the models and the
    # services are then imported on a worker thread while the shell takes keys; once they are
    # in, the database is opened and the main window built on this thread (keys typed
    # meanwhile are handed to the counter's search box).
    controller.show_shell()
    warm_up = threading.Thread(target=_import_data_layers, name="shopcrm-warm-up", daemon=True)

    def start() -> None:
        if warm_up.is_alive():
            QTimer.singleShot(15, start)
            return
        ok = controller.start(db_url)
        controller.started = True
        if not ok:
            controller._close_shell(None)
            app.exit(1)

    def begin() -> None:
        warm_up.start()
        start()

    QTimer.singleShot(0, begin)
    code = app.exec()
    if controller.ctx is not None:
        controller._dispose(controller.ctx)
    return code


def main(argv: list[str] | None = None) -> int:
    """The desktop app's own entry point (``shopcrm-app``, ``python -m shopcrm.ui``).

    ``--db PATH_OR_URL`` picks the shop (else ``SHOPCRM_DB``, else the default file); other
    arguments go to Qt. ``shopcrm`` without a command starts this in a process of its own,
    so that the CLI never imports the UI.
    """
    import argparse

    from ..paths import resolve_db_url

    args = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="shopcrm-app", description="ShopCRM desktop app")
    parser.add_argument("--db", metavar="PATH_OR_URL", default=None)
    known, qt_args = parser.parse_known_args(args)
    return run_app(db_url=resolve_db_url(known.db), argv=[sys.argv[0], *qt_args])


__all__ = ["AppController", "main", "run_app"]
