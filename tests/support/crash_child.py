"""A desk process for the crash-safety test, to be killed with SIGKILL at random points.

``python -m tests.support.crash_child DB DATA_DIR RUN [TYPING_AT]`` works on the test centre in
the SQLite file DB (built by the test) as its operator, the way the registration page does:
save the form's draft (``gui.register.draft``), register, dispatch two orders of three to the
housing department, clear the draft; over and over. After each durable step it prints a line
(``draft RUN N``, ``registered ID``, ``dispatched ID``, ``cleared``), so the test knows what
was committed before the kill. With TYPING_AT it stops after saving draft number TYPING_AT
and waits on stdin, like an operator still typing, so the kill finds a form to offer back.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from core import services
from core.calendar import SHANGHAI
from core.clock import FakeClock
from core.model import Actor
from db.setup import Database, open_database
from gui.register.draft import DraftStore, FormState, draft_path

WHEN = datetime(2026, 11, 2, 9, 0, tzinfo=SHANGHAI)


def form(run: int, n: int, hotline: int, lift: int) -> FormState:
    return FormState(
        channel_id=hotline, caller_phone=f"139{run:02d}{n:06d}", caller_name="王先生",
        address=f"幸福小区{n}号楼", category_id=lift, title=f"第{run}轮第{n}件",
        content=f"第{run}轮第{n}件：来电人反映小区电梯多次困人，要求尽快维修。" * 8)


def operator(db: Database) -> Actor:
    with db.uow(write=False) as uow:
        user = uow.users.by_username("operator")
        assert user is not None
        return user.actor()


def main(argv: list[str]) -> int:
    db_path, data_dir, run = Path(argv[0]), Path(argv[1]), int(argv[2])
    typing_at = int(argv[3]) if len(argv) > 3 else None
    db = open_database(f"sqlite:///{db_path}", migrate=False)  # the test migrated it
    clock, actor = FakeClock(WHEN), operator(db)
    with db.uow(write=False) as uow:
        hotline = uow.reference.channel_by_code("hotline")
        lift = uow.reference.category_by_code("010101")
        housing = uow.reference.department_by_code("ZJJ")
        assert hotline and lift and housing
    drafts = DraftStore(draft_path(data_dir, actor.username))
    n = 0
    while True:
        n += 1
        state = form(run, n, hotline.id, lift.id)
        drafts.save(state, f"run {run} #{n}")
        print(f"draft {run} {n}", flush=True)
        if n == typing_at:
            sys.stdin.readline()  # the operator is still typing: the test kills us here
        order = services.register(db.uow(), actor, clock, state.registration())
        print(f"registered {order.id}", flush=True)
        if n % 3:
            services.dispatch(db.uow(), actor, clock, order.id, housing.id)
            print(f"dispatched {order.id}", flush=True)
        drafts.clear()
        print("cleared", flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
