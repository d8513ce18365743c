"""The unit of work: one per user action or scheduler job (see STYLE.md).

Entering opens a session (and, for SQLite writers, an immediate transaction); ``commit()``
makes the changes durable; leaving without a commit rolls back; the session always closes.
A unit of work must not be shared between threads.
"""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from core.errors import ConcurrencyConflict
from db.audit_repository import SqlAuditRepository
from db.engine import WRITE
from db.repository import (
    SqlAccessLogRepository,
    SqlLeaseRepository,
    SqlOrderRepository,
    SqlReferenceRepository,
    SqlUserRepository,
)
from db.take_next import SqlClaimRepository

# PostgreSQL's "someone else got there first": serialization failure, deadlock, lock not
# available. Like a stale version they mean "nothing was done, look again".
_CONFLICT_SQLSTATES = frozenset({"40001", "40P01", "55P03"})


def is_conflict(exc: BaseException | None) -> bool:
    """Whether ``exc`` means another transaction changed or held the same rows first."""
    if isinstance(exc, StaleDataError):
        return True
    if isinstance(exc, DBAPIError):
        return getattr(exc.orig, "sqlstate", None) in _CONFLICT_SQLSTATES
    return False


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
        self.claims = SqlClaimRepository(self._session)
        self.access_log = SqlAccessLogRepository(self._session)
        self.audit = SqlAuditRepository(self._session)
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
        if is_conflict(exc):
            raise self._conflict() from exc

    def _conflict(self) -> ConcurrencyConflict:
        return ConcurrencyConflict(ticket=self.orders.last_ticket or "—")

    def commit(self) -> None:
        try:
            self.session.commit()
        except (StaleDataError, DBAPIError) as exc:
            if is_conflict(exc):
                raise self._conflict() from exc
            raise

    def rollback(self) -> None:
        self.session.rollback()
