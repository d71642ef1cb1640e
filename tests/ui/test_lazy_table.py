"""The lazy id-list model: valid for Qt's tester, fetches a page at a time, sorts via SQL."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from shopcrm.ui.models.lazy_table import ID_ROLE, Column, LazyTableModel


@dataclass(frozen=True)
class Row:
    id: int
    name: str
    spend: int


def make_model(n: int = 1000, page: int = 100, deleted: frozenset[int] = frozenset()):
    calls: list[list[int]] = []

    def fetch(ids):
        calls.append(list(ids))
        return {i: Row(i, f"member {i}", i * 10) for i in ids if i not in deleted}

    def sorter(key, descending):
        ids = list(range(1, n + 1))
        return sorted(
            ids, key=lambda i: i * 10 if key == "spend" else f"member {i}", reverse=descending
        )

    model = LazyTableModel(
        [
            Column("name", lambda: "Name"),
            Column("spend", lambda: "Spend", lambda v: f"¥{v}", align_right=True),
        ],
        fetch,
        sorter=sorter,
        page_size=page,
    )
    model.set_ids(range(1, n + 1))
    return model, calls


def test_model_passes_qt_model_tester(qtbot):
    model, _ = make_model(300, page=50)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.mark_stale()
    model.sort(1, Qt.SortOrder.DescendingOrder)
    model.set_ids([5, 4, 3])


def test_pages_are_fetched_lazily(qtbot):
    model, calls = make_model(1000, page=100)
    assert calls == []
    for row in range(10):
        assert model.data(model.index(row, 0)) == f"member {row + 1}"
    assert len(calls) == 1 and calls[0] == list(range(1, 101))
    assert model.data(model.index(550, 1)) == "¥5510"
    assert len(calls) == 2 and calls[1] == list(range(501, 601))
    model.data(model.index(599, 0))
    assert len(calls) == 2
    model.mark_stale()
    model.data(model.index(3, 0))
    assert len(calls) == 3


def test_deleted_rows_show_empty_and_are_not_refetched(qtbot):
    model, calls = make_model(10, page=10, deleted=frozenset({3}))
    assert model.data(model.index(2, 0)) is None
    assert model.data(model.index(2, 0)) is None
    assert len(calls) == 1
    assert model.data(model.index(2, 0), ID_ROLE) == 3


def test_sort_asks_the_sorter_and_keeps_cache(qtbot):
    model, calls = make_model(200, page=200)
    model.data(model.index(0, 0))
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert model.id_at(0) == 200
    assert model.data(model.index(0, 1)) == "¥2000"
    assert len(calls) == 1  # rows came from the cache
    assert model.data(model.index(0, 1), Qt.ItemDataRole.TextAlignmentRole) & int(
        Qt.AlignmentFlag.AlignRight
    )
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Spend"
