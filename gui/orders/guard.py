"""Background results may arrive after the widget that asked for them was closed and deleted
(a dialog cancelled while its data loaded, a window closed). Callbacks check :func:`alive`
first and drop the result when their widget is gone."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject


def alive(obj: QObject) -> bool:
    """True while the C++ side of ``obj`` still exists."""
    return shiboken6.isValid(obj)
