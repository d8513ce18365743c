"""What the registration form holds, and its draft on disk so a crash loses nothing.

:class:`FormState` is the form's content as plain values (no widgets); :class:`DraftStore`
keeps one JSON file per user under ``<data_dir>/drafts``. A save writes a temporary file in the
same folder and moves it over the draft with ``os.replace``, so a crash mid-write leaves either
the old draft or the new one, never half a file. A draft that cannot be read is set aside
(renamed ``*.broken``) and treated as absent. Plain file work, safe to call on the GUI thread.
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from core.model import RequestType, Urgency
from core.services import Registration

log = logging.getLogger(__name__)

DRAFT_VERSION = 1


@dataclass(frozen=True)
class FormState:
    """The registration form's fields. ``request_type``/``urgency`` hold the enum values."""

    channel_id: int | None = None
    caller_phone: str = ""
    caller_name: str = ""
    anonymous: bool = False
    address: str = ""
    category_id: int | None = None
    request_type: str = RequestType.CONSULTATION.value
    urgency: str = Urgency.NORMAL.value
    title: str = ""
    content: str = ""
    answer: str = ""

    def is_blank(self) -> bool:
        """Nothing typed that would be lost (the channel and the default choices don't count)."""
        typed = (self.caller_phone, self.caller_name, self.address, self.title, self.content,
                 self.answer)
        return not any(t.strip() for t in typed) and self.category_id is None

    def registration(self) -> Registration:
        """The service's input (it validates and normalises every field)."""
        return Registration(
            channel_id=self.channel_id or 0,
            content=self.content,
            request_type=_member(RequestType, self.request_type, RequestType.CONSULTATION),
            urgency=_member(Urgency, self.urgency, Urgency.NORMAL),
            caller_phone=self.caller_phone,
            caller_name=self.caller_name,
            anonymous=self.anonymous,
            address=self.address,
            category_id=self.category_id,
            title=self.title,
        )

    def to_json(self) -> dict[str, Any]:
        return {"version": DRAFT_VERSION, **asdict(self)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FormState:
        """Tolerant of missing or wrongly typed fields (they take their defaults)."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            value = data.get(f.name)
            default = f.default
            if f.name in ("channel_id", "category_id"):
                ok = value is None or (isinstance(value, int) and not isinstance(value, bool))
            elif isinstance(default, bool):
                ok = isinstance(value, bool)
            else:
                ok = isinstance(value, str)
            if ok:
                values[f.name] = value
        return cls(**values)


def _member(enum: Any, value: str, default: Any) -> Any:
    try:
        return enum(value)
    except ValueError:
        return default


def draft_path(data_dir: Path, username: str) -> Path:
    """One draft per user of the workstation."""
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", username) or "user"
    return data_dir / "drafts" / f"register-{safe}.json"


class DraftStore:
    def __init__(self, path: Path) -> None:
        self.path = path

    def save(self, state: FormState, saved_at: str) -> None:
        """Write the draft atomically; failures are logged, never raised (a draft is a help,
        not a reason to interrupt a call)."""
        data = {**state.to_json(), "saved_at": saved_at}
        tmp = self.path.with_name(self.path.name + ".tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "w", encoding="utf-8") as f:
                json.dump(data, f, ensure_ascii=False, indent=1)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except OSError:
            log.exception("could not write the registration draft %s", self.path)

    def load(self) -> tuple[FormState, str] | None:
        """The draft and when it was saved, or ``None`` when there is none (or it is broken)."""
        if not self.path.is_file():
            return None
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
        except (OSError, ValueError):
            log.exception("unreadable registration draft %s; set aside", self.path)
            try:
                os.replace(self.path, self.path.with_name(self.path.name + ".broken"))
            except OSError:
                log.exception("could not set the draft aside")
            return None
        saved_at = data.get("saved_at")
        state = FormState.from_json(data)
        if state.is_blank():
            return None
        return state, saved_at if isinstance(saved_at, str) else ""

    def clear(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            log.exception("could not delete the registration draft %s", self.path)
