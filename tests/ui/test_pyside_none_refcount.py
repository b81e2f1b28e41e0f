"""Guard against the PySide6 6.12.0 defect that leaks references to None.

On Python 3.11 (where None is not immortal) PySide6 6.12.0 drops a reference to None each
time Qt calls a Python override that returns None; scrolling the customer list returns
None thousands of times, and the interpreter aborts when the count runs out.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt


class _NoneModel(QAbstractTableModel):
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        return None


def test_returning_none_to_qt_keeps_nones_refcount(qapp: object) -> None:
    model = _NoneModel()
    index = model.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(2000):
        index.data()  # Qt calls the Python override, which returns None
    # Other code may take or drop a few references meanwhile; a leak loses all 2000.
    assert sys.getrefcount(None) > before - 100
