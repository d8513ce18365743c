"""Import online messages as work orders: files, saved Open311 responses, feed polls.

``import_parsed`` takes a :class:`ParseResult` (from ``core.open311`` or
``core.sheet_import``) and an :class:`IntakeSpec`, and writes ``CHUNK`` items per transaction:
a crash or a cancel loses nothing that was committed, and importing the same data again creates
nothing new (see ``core/intake_orders.py`` for what becomes of each message). Every import is
an import batch with its counts and its rejected rows, and ends with an :class:`ImportReport`.

A file or response that cannot be read at all raises :class:`FeedFormatError` before anything
is written. Permission: operators, supervisors and administrators may import.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from core.clock import Clock
from core.errors import DeskError, invalid
from core.intake_model import FeedFormatError, IncomingMessage, ParseResult, RejectedRow
from core.intake_orders import (
    Importer,
    ImportReport,
    IntakeSpec,
    Setup,
    content_hash,
    external_ref,
)
from core.intake_ports import (
    BatchCounts,
    BatchStatus,
    IntakeKind,
    IntakeUnitOfWork,
    RejectedRecord,
)
from core.model import Actor, RequestType, Role
from core.permissions import permit

__all__ = [
    "CHUNK",
    "ImportReport",
    "IntakeSpec",
    "StopImport",
    "content_hash",
    "external_ref",
    "import_file",
    "import_parsed",
    "read_file",
    "rejected_csv",
    "write_rejected_csv",
    "source_label",
    "spec_for_file",
]

CHUNK = 200
MAX_SOURCE = 100
OPEN311_SUFFIXES = (".json", ".xml")
INTAKE_ROLES = (Role.OPERATOR, Role.SUPERVISOR, Role.ADMINISTRATOR)

Progress = Callable[[int, int], None]
IntakeUowFactory = Callable[[], IntakeUnitOfWork]

_SOURCE = re.compile(r"^[^\s:][^\s]*$")
_SPACE = re.compile(r"\s+")


class StopImport(Exception):  # noqa: N818 - a request, not an error
    """Raise from the ``progress`` callback to stop after the chunk just committed; the import
    then returns its report with status ``cancelled``."""


# --- sources ----------------------------------------------------------------------------------


def source_label(kind: IntakeKind, name: str | None, default: str) -> str:
    """``"<kind>:<name>"``; a name that already starts with ``"<kind>:"`` is kept as it is."""
    text = (name or "").strip() or default
    if not text.startswith(f"{kind.value}:") and text != kind.value:
        text = f"{kind.value}:{text}"
    if len(text) > MAX_SOURCE or not _SOURCE.match(text):
        raise invalid("source name", "来源名称",
                      f"use 1 to {MAX_SOURCE} characters without spaces",
                      f"须为 1 至 {MAX_SOURCE} 个字符，不能包含空格")
    return text


def spec_for_file(path: Path, name: str | None = None) -> IntakeSpec:
    """How a file is imported.

    ``.json``/``.xml`` is a saved Open311 response: source ``open311:<name or file stem>``
    (name it after a configured feed and the feed's service-code mapping applies). Anything
    else is a spreadsheet: source ``sheet:<name>``, or ``sheet`` without a name; a name that
    is an online channel's code (``portal``, ``people``, ``opinion`` ...) sends the orders to
    that channel, otherwise they go to ``sheet``. The source, not the file name, is part of
    each message's reference, so the next export of the same portal is recognised.
    """
    path = Path(path)
    if path.suffix.lower() in OPEN311_SUFFIXES:
        stem = _SPACE.sub("-", path.stem.strip()) or "file"
        source = source_label(IntakeKind.OPEN311, name, stem)
        return IntakeSpec(source, IntakeKind.OPEN311, "open311", file_name=path.name)
    text = (name or "").strip()
    if text and text != IntakeKind.SHEET.value:
        source = source_label(IntakeKind.SHEET, text, "")
        channel = source.partition(":")[2]
    else:
        source, channel = IntakeKind.SHEET.value, "sheet"
    return IntakeSpec(source, IntakeKind.SHEET, channel, file_name=path.name,
                      request_type=RequestType.CONSULTATION)


def read_file(path: Path, spec: IntakeSpec, mapping: Mapping[str, str] | None = None
              ) -> ParseResult:
    """Parse the file as ``spec`` says. Raises only :class:`FeedFormatError`."""
    from core.open311 import parse_requests
    from core.sheet_import import read_sheet

    path = Path(path)
    if spec.kind is IntakeKind.SHEET:
        return read_sheet(path, spec.source, mapping=mapping)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FeedFormatError(source=path.name,
                              problem_zh=f"无法读取文件（{exc.strerror or exc}）",
                              problem_en=f"cannot read the file ({exc})") from None
    return parse_requests(data, spec.source, fmt="xml" if path.suffix.lower() == ".xml"
                          else "json")


# --- the import -------------------------------------------------------------------------------


def import_parsed(
    uow_factory: IntakeUowFactory,
    actor: Actor,
    clock: Clock,
    parsed: ParseResult,
    spec: IntakeSpec,
    *,
    progress: Progress | None = None,
    chunk_size: int = CHUNK,
) -> ImportReport:
    """Register ``parsed`` as ``spec`` says, ``chunk_size`` items per transaction.

    ``progress(done, total)`` is called before the first chunk and after each committed one,
    on the calling thread; raising :class:`StopImport` from it stops the import there. Any
    other error in the middle marks the batch failed and is raised; what was committed stays
    and is recognised when the import is run again.
    """
    permit(actor, "register", *INTAKE_ROLES)
    source = source_label(spec.kind, spec.source, spec.kind.value)
    items = _ordered(parsed)
    with uow_factory() as uow:
        setup = Setup.load(uow, spec, source)
    importer = Importer(actor, clock, spec, source, setup)
    total = len(items)
    batch_id: int | None = None
    try:
        if progress is not None:
            progress(0, total)
        for start in range(0, max(total, 1), chunk_size):
            last = start + chunk_size >= total
            with uow_factory() as uow:
                if batch_id is None:
                    batch_id = uow.intake.start_batch(
                        source, spec.kind, spec.file_name, setup.feed_id, actor.user_id,
                        clock.now(), total)
                counts = importer.take(uow, batch_id, items[start:start + chunk_size])
                uow.intake.add_to_batch(batch_id, counts,
                                        BatchStatus.DONE if last else BatchStatus.RUNNING,
                                        clock.now() if last else None)
                uow.commit()
            importer.commit_chunk()
            if progress is not None:
                progress(min(start + chunk_size, total), total)
    except StopImport:
        finished = importer.done >= total
        if batch_id is not None and not finished:
            _set_status(uow_factory, clock, batch_id, BatchStatus.CANCELLED, "")
        return importer.report(batch_id, BatchStatus.DONE if finished
                               else BatchStatus.CANCELLED, total)
    except BaseException as exc:
        if batch_id is not None:
            _set_status(uow_factory, clock, batch_id, BatchStatus.FAILED,
                        exc.bilingual() if isinstance(exc, DeskError) else type(exc).__name__)
        raise
    return importer.report(batch_id, BatchStatus.DONE, total)


def import_file(
    uow_factory: IntakeUowFactory,
    actor: Actor,
    clock: Clock,
    path: Path,
    *,
    source: str | None = None,
    mapping: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Read ``path`` (see :func:`spec_for_file`) and import it."""
    permit(actor, "register", *INTAKE_ROLES)
    spec = spec_for_file(path, source)
    parsed = read_file(path, spec, mapping)
    return import_parsed(uow_factory, actor, clock, parsed, spec, progress=progress)


def _set_status(uow_factory: IntakeUowFactory, clock: Clock, batch_id: int,
                status: BatchStatus, error: str) -> None:
    try:
        with uow_factory() as uow:
            uow.intake.add_to_batch(batch_id, BatchCounts(), status, clock.now(), error)
            uow.commit()
    except Exception:  # noqa: BLE001 - best effort: the original error is the one to report
        return


def _ordered(parsed: ParseResult) -> list[IncomingMessage | RejectedRow]:
    """Messages and refusals in source order (by row number; unnumbered last)."""
    items: list[IncomingMessage | RejectedRow] = [*parsed.messages, *parsed.rejected]
    return sorted(items, key=lambda i: (i.row is None, i.row or 0))


# --- rejected rows ----------------------------------------------------------------------------


class FileWriteError(DeskError):
    code = "file_write"
    en = "Cannot write {path}: {detail}"
    zh = "无法写入文件 {path}：{detail}"


def write_rejected_csv(rows: Sequence[RejectedRecord], path: Path) -> Path:
    """Write :func:`rejected_csv` to ``path``; raises :class:`FileWriteError`."""
    path = Path(path)
    try:
        path.write_bytes(rejected_csv(rows))
    except OSError as exc:
        raise FileWriteError(path=str(path), detail=exc.strerror or str(exc)) from None
    return path


REASON_HEADER = "拒收原因 / reason"
ROW_HEADER = "原行号 / row"


def rejected_csv(rows: Sequence[RejectedRecord]) -> bytes:
    """The rejected rows as a CSV to fix in Excel and import again: the columns as they were
    written in the source, then the row number and the reason (which the import ignores).
    UTF-8 with a byte-order mark, so that Excel shows the Chinese text."""
    headers: list[str] = []
    for row in rows:
        headers += [k for k in row.raw if k not in headers]
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([*headers, ROW_HEADER, REASON_HEADER])
    for row in rows:
        writer.writerow([*(row.raw.get(h, "") for h in headers),
                         "" if row.row is None else row.row,
                         f"{row.reason_zh} / {row.reason_en}"])
    return out.getvalue().encode("utf-8-sig")
