"""The unit of work: one per user action or scheduler job (see STYLE.md).

Entering opens a session (and, for SQLite writers, an immediate transaction); ``commit()``
makes the changes durable; leaving without a commit rolls back; the session always closes.
A unit of work must not be shared between threads.
"""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.orm import Session, sessionmaker

from db.engine import WRITE
from db.repository import (
    SqlLeaseRepository,
    SqlOrderRepository,
    SqlReferenceRepository,
    SqlUserRepository,
)


class SqlUnitOfWork:
    """``write=False`` for a unit of work that only reads: on SQLite it then starts a deferred
    transaction and does not take the write lock."""

    def __init__(self, session_factory: sessionmaker[Session], *, write: bool = True) -> None:
        self._factory = session_factory
        self._write = write
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("the unit of work is not entered")
        return self._session

    def __enter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError("the unit of work is already entered")
        self._session = self._factory()
        # Writers take the lock up front on SQLite (no failed lock upgrade later); harmless
        # elsewhere.
        self._session.connection(execution_options={WRITE: self._write})
        self.orders = SqlOrderRepository(self._session)
        self.reference = SqlReferenceRepository(self._session)
        self.users = SqlUserRepository(self._session)
        self.leases = SqlLeaseRepository(self._session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session, self._session = self._session, None
        if session is None:
            return
        try:
            session.rollback()
        finally:
            session.close()

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
