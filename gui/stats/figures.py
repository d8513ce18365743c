"""The statistics' figures as the screen shows them: name, definition and formatted value.

Every figure of :class:`core.stats_model.Figures` has one :class:`FigureDef` here with its name
and its definition (DOMAIN.md section 6, the same wording as ``core.stats_model.FORMULAS_ZH``)
in the desk's language; the definition is printed wherever the number is shown (column
headers' and cells' tooltips, the totals strip, the definitions tab). Build the definitions
after the translator is installed: :func:`figure_defs` translates when it is called.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from core.stats_model import Figures

DASH = "—"  # a rate whose denominator is zero


def percent(rate: float | None) -> str:
    """``0.5`` -> ``50.0%``; ``None`` (no denominator) -> ``—``."""
    return DASH if rate is None else f"{rate:.1%}"


def count(n: int) -> str:
    return f"{n:,}"


@dataclass(frozen=True)
class FigureDef:
    """One figure: ``attr`` names an attribute or property of ``Figures``; a rate has
    ``parts`` giving its numerator and denominator."""

    attr: str
    name: str
    formula: str
    parts: Callable[[Figures], tuple[int, int]] | None = None
    per_department: bool = True

    @property
    def is_rate(self) -> bool:
        return self.parts is not None

    def value(self, f: Figures) -> int | float | None:
        value: int | float | None = getattr(f, self.attr)
        return value

    def text(self, f: Figures) -> str:
        value = self.value(f)
        if self.is_rate:
            return percent(value)
        return count(int(value or 0))

    def sort_key(self, f: Figures) -> float:
        """Numbers sort by value; a rate with no denominator sorts below 0 %."""
        value = self.value(f)
        return -1.0 if value is None else float(value)

    def detail(self, f: Figures) -> str:
        """For a rate, its numerator and denominator (``3 / 4``); else ""."""
        if self.parts is None:
            return ""
        numerator, denominator = self.parts(f)
        return f"{count(numerator)} / {count(denominator)}"

    def tooltip(self) -> str:
        """ "name: definition", for a header or a label."""
        return QCoreApplication.translate("StatsFigures", "{name}: {formula}").format(
            name=self.name, formula=self.formula
        )


def figure_defs() -> tuple[FigureDef, ...]:
    """Every figure, in the order of the weekly sheet."""
    return (
        FigureDef(
            "received",
            QCoreApplication.translate("StatsFigures", "Received"),
            QCoreApplication.translate("StatsFigures", "Orders registered in the period"),
            per_department=False,
        ),
        FigureDef(
            "direct",
            QCoreApplication.translate("StatsFigures", "Closed directly"),
            QCoreApplication.translate(
                "StatsFigures", "Of the orders received, those closed directly by the hotline"
            ),
            per_department=False,
        ),
        FigureDef(
            "direct_rate",
            QCoreApplication.translate("StatsFigures", "Direct closure rate"),
            QCoreApplication.translate("StatsFigures", "Closed directly ÷ received"),
            lambda f: (f.direct, f.received),
            per_department=False,
        ),
        FigureDef(
            "dispatched",
            QCoreApplication.translate("StatsFigures", "Dispatched"),
            QCoreApplication.translate("StatsFigures", "Assignments created in the period"),
        ),
        FigureDef(
            "signed",
            QCoreApplication.translate("StatsFigures", "Signed for"),
            QCoreApplication.translate("StatsFigures", "Assignments signed for in the period"),
        ),
        FigureDef(
            "signed_on_time",
            QCoreApplication.translate("StatsFigures", "Signed for on time"),
            QCoreApplication.translate(
                "StatsFigures", "Assignments signed for in the period on or before the sign-for due"
            ),
        ),
        FigureDef(
            "on_time_sign_rate",
            QCoreApplication.translate("StatsFigures", "On-time sign-for rate"),
            QCoreApplication.translate(
                "StatsFigures",
                "Assignments signed for in the period on or before the "
                "sign-for due ÷ assignments signed for in the period",
            ),
            lambda f: (f.signed_on_time, f.signed),
        ),
        FigureDef(
            "replied",
            QCoreApplication.translate("StatsFigures", "Replied"),
            QCoreApplication.translate("StatsFigures", "Assignments replied in the period"),
        ),
        FigureDef(
            "replied_on_time",
            QCoreApplication.translate("StatsFigures", "Replied on time"),
            QCoreApplication.translate(
                "StatsFigures",
                "Assignments replied in the period on or before the reply "
                "due in force (extensions included)",
            ),
        ),
        FigureDef(
            "on_time_reply_rate",
            QCoreApplication.translate("StatsFigures", "On-time reply rate"),
            QCoreApplication.translate(
                "StatsFigures",
                "Assignments replied in the period on or before the reply "
                "due in force (extensions included) ÷ assignments replied "
                "in the period",
            ),
            lambda f: (f.replied_on_time, f.replied),
        ),
        FigureDef(
            "overdue_open",
            QCoreApplication.translate("StatsFigures", "Overdue open"),
            QCoreApplication.translate(
                "StatsFigures",
                "Assignments still open at the end of the period whose "
                "reply due has passed (snapshot at the end of the period)",
            ),
        ),
        FigureDef(
            "returns_approved",
            QCoreApplication.translate("StatsFigures", "Returns"),
            QCoreApplication.translate("StatsFigures", "Return requests approved in the period"),
        ),
        FigureDef(
            "extensions_approved",
            QCoreApplication.translate("StatsFigures", "Extensions"),
            QCoreApplication.translate("StatsFigures", "Extension requests approved in the period"),
        ),
        FigureDef(
            "callbacks",
            QCoreApplication.translate("StatsFigures", "Callbacks"),
            QCoreApplication.translate(
                "StatsFigures",
                "Callbacks recorded in the period with the outcome "
                "satisfied, basically satisfied or unsatisfied",
            ),
        ),
        FigureDef(
            "satisfied",
            QCoreApplication.translate("StatsFigures", "Satisfied"),
            QCoreApplication.translate(
                "StatsFigures", "Callbacks recorded in the period as satisfied"
            ),
        ),
        FigureDef(
            "basically_satisfied",
            QCoreApplication.translate("StatsFigures", "Basically satisfied"),
            QCoreApplication.translate(
                "StatsFigures", "Callbacks recorded in the period as basically satisfied"
            ),
        ),
        FigureDef(
            "unsatisfied",
            QCoreApplication.translate("StatsFigures", "Unsatisfied"),
            QCoreApplication.translate(
                "StatsFigures", "Callbacks recorded in the period as unsatisfied"
            ),
        ),
        FigureDef(
            "not_reached",
            QCoreApplication.translate("StatsFigures", "Not reached"),
            QCoreApplication.translate(
                "StatsFigures",
                "Callback attempts in the period that did not reach the "
                "caller; not counted in the satisfaction rate",
            ),
        ),
        FigureDef(
            "declined",
            QCoreApplication.translate("StatsFigures", "Declined"),
            QCoreApplication.translate(
                "StatsFigures",
                "Callbacks in the period where the caller declined to "
                "rate; not counted in the satisfaction rate",
            ),
        ),
        FigureDef(
            "satisfaction_rate",
            QCoreApplication.translate("StatsFigures", "Satisfaction rate"),
            QCoreApplication.translate(
                "StatsFigures",
                "(satisfied + basically satisfied) ÷ (satisfied + "
                "basically satisfied + unsatisfied); not reached and "
                "declined are left out and shown as their own counts",
            ),
            lambda f: (f.satisfied + f.basically_satisfied, f.callbacks),
        ),
        FigureDef(
            "reopened",
            QCoreApplication.translate("StatsFigures", "Reopened"),
            QCoreApplication.translate(
                "StatsFigures", "Orders reopened in the period after an unsatisfied callback"
            ),
        ),
    )


def figure_def(attr: str) -> FigureDef:
    return next(d for d in figure_defs() if d.attr == attr)


def notes() -> tuple[tuple[str, str], ...]:
    """The rules that are not a single figure's definition, as (topic, rule)."""
    return (
        (
            QCoreApplication.translate("StatsFigures", "Period"),
            QCoreApplication.translate(
                "StatsFigures",
                "A week runs from Monday 00:00 to the next Monday 00:00, Beijing "
                "time; all times are Beijing time",
            ),
        ),
        (
            QCoreApplication.translate("StatsFigures", "Empty rates"),
            QCoreApplication.translate(
                "StatsFigures", "A rate whose denominator is zero is shown as “—”, not as 0%"
            ),
        ),
        (
            QCoreApplication.translate("StatsFigures", "Callback attribution"),
            QCoreApplication.translate(
                "StatsFigures",
                "A callback counts for the lead department of the order's latest "
                "replied assignment",
            ),
        ),
        (
            QCoreApplication.translate("StatsFigures", "Department ranking"),
            QCoreApplication.translate(
                "StatsFigures",
                "By satisfaction rate, then by on-time reply rate, both from high to low",
            ),
        ),
        (
            QCoreApplication.translate("StatsFigures", "Duplicates"),
            QCoreApplication.translate(
                "StatsFigures",
                "A duplicate order follows its original and is counted once in "
                "the department figures",
            ),
        ),
        (
            QCoreApplication.translate("StatsFigures", "Personal data"),
            QCoreApplication.translate(
                "StatsFigures",
                "Callers' names and phone numbers in the lists and exports are "
                "partly hidden; exporting them in full is a deliberate choice and is "
                "logged",
            ),
        ),
    )
