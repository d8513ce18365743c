"""What the import dialog shows before anything is written: the file's columns as recognised,
and the file parsed as it would be imported.

Pure (no Qt, no database); run it off the GUI thread, it reads the whole file. The column
reading reuses the spreadsheet parser's own reader and header rules, so that what the preview
shows is what ``read_sheet`` will do with the same mapping.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from core.intake import read_file, spec_for_file
from core.intake_model import FeedFormatError, ParseResult
from core.intake_orders import IntakeSpec
from core.intake_ports import IntakeKind
from core.sheet_import import HEADER_ALIASES, HEADER_SEARCH_ROWS

FIELDS = tuple(HEADER_ALIASES)  # the fields a column can be mapped to


@dataclass(frozen=True)
class SheetColumns:
    """The header row of a spreadsheet: its texts, and the field each column feeds (after the
    mapping; a column without a field is not imported)."""

    header_row: int  # 1-based, as Excel shows it
    headers: tuple[str, ...]
    fields: Mapping[int, str]  # column index -> field name
    recognised: frozenset[int]  # columns recognised by their header alone


@dataclass(frozen=True)
class FilePreview:
    path: Path
    spec: IntakeSpec
    mapping: Mapping[str, str] = field(default_factory=dict)
    columns: SheetColumns | None = None  # spreadsheets only
    parsed: ParseResult | None = None  # None when the file cannot be imported as it is mapped
    problem_zh: str = ""
    problem_en: str = ""

    @property
    def total(self) -> int:
        return 0 if self.parsed is None else len(self.parsed.messages) + len(self.parsed.rejected)


def preview_file(path: Path, source: str | None = None,
                 mapping: Mapping[str, str] | None = None) -> FilePreview:
    """Read ``path`` for the import dialog. Never raises for a bad file: the problem is in the
    preview (a bad ``source`` name raises ``ValidationError``)."""
    path = Path(path)
    spec = spec_for_file(path, source)
    mapping = dict(mapping or {})
    columns = None
    try:
        if spec.kind is IntakeKind.SHEET:
            columns = sheet_columns(path, mapping)
        parsed = read_file(path, spec, mapping)
    except FeedFormatError as exc:
        return FilePreview(path, spec, mapping, columns, None, exc.message_zh, exc.message_en)
    return FilePreview(path, spec, mapping, columns, parsed)


def sheet_columns(path: Path, mapping: Mapping[str, str] | None = None) -> SheetColumns:
    """The header row the import will use: the first of the top rows with two columns it knows
    (by name or by ``mapping``), else the top row with the most filled cells, so that the user
    can map unknown headers. Raises :class:`FeedFormatError` for an unreadable file."""
    from core.sheet_import import (  # the parser's own reader and header rules
        _cell_text,
        _ColumnRules,
        _read_rows,
        detect_columns,
    )

    path = Path(path)
    rules = _ColumnRules(path.name, mapping or {})
    rows = _read_rows(path)[:HEADER_SEARCH_ROWS]
    top = [(number, tuple(_cell_text(c).strip() for c in cells)) for number, cells in rows]
    chosen = next(((n, h) for n, h in top if len(rules.columns(h)) >= 2), None)
    if chosen is None:
        chosen = max(top, key=lambda t: (sum(1 for x in t[1] if x), -t[0]))
    number, headers = chosen
    fields = {index: name for name, index in rules.columns(headers).items()}
    recognised = frozenset(detect_columns(headers).values())
    return SheetColumns(number, headers, fields, recognised)
