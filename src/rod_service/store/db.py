"""Engine and schema: SQLite (WAL, foreign keys on) by default, any SQLAlchemy URL otherwise.
The schema is only ever created by alembic (``migreer``), also for tests."""
from __future__ import annotations

import fcntl
import os
import random
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from ..paden import migraties_map
from .snel import als_sqlalchemy_fout

T = TypeVar("T")


def maak_engine(url: str) -> Engine:
    u = make_url(url)
    if u.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if u.database and u.database != ":memory:":
        Path(u.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _sqlite_begin_immediate)
    return engine


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    # pysqlite's own transaction handling is switched off so that BEGIN IMMEDIATE below
    # takes the write lock at the start: concurrent requests then queue on busy_timeout
    # instead of failing with "database is locked" when a reader upgrades to a writer.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _sqlite_begin_immediate(conn) -> None:
    # A connection marked ``rod_lezen`` (``Register.lezen``) only reads: a deferred BEGIN,
    # a snapshot of the WAL without the write lock, and ``query_only`` on, so a write made
    # there by mistake fails at once instead of turning the snapshot into a writer (which
    # waits for the lock, or fails with SQLITE_BUSY_SNAPSHOT once another one committed).
    # The pragma is only sent when a pooled connection changes between the two uses.
    # On the driver itself: every unit of work begins, and exec_driver_sql's machinery
    # cost ten times SQLite's own BEGIN (bench/RESULTS.md, fourth pass)
    lezen = bool(conn.get_execution_options().get("rod_lezen"))
    sql = "BEGIN" if lezen else "BEGIN IMMEDIATE"
    verbinding = conn.connection
    try:
        if verbinding.info.get("rod_lezen", False) is not lezen:
            verbinding.driver_connection.execute(f"PRAGMA query_only={int(lezen)}")
            verbinding.info["rod_lezen"] = lezen
        verbinding.driver_connection.execute(sql)
    except conn.dialect.loaded_dbapi.Error as fout:  # e.g. busy: SQLAlchemy's error, as before
        raise als_sqlalchemy_fout(conn.dialect, sql, (), fout) from fout


class _SqliteSchrijfslot:
    """One writer at a time on a SQLite file, decided before BEGIN IMMEDIATE: the threads of
    a process on an RLock, the processes (``serve --workers``) on an ``flock`` of
    ``<database>-schrijfslot``. Both wake a waiter the moment the holder lets go."""

    def __init__(self, pad: Path | None) -> None:
        self._draad = threading.RLock()
        self._pad = pad  # None: an in-memory database, one process
        self._fd: int | None = None
        self._pid: int | None = None
        self._diepte = 0  # only the thread holding _draad changes it

    def __enter__(self) -> "_SqliteSchrijfslot":
        self._draad.acquire()
        try:
            if self._pad is not None and self._diepte == 0:
                fcntl.flock(self._bestand(), fcntl.LOCK_EX)
            self._diepte += 1
        except BaseException:
            self._draad.release()
            raise
        return self

    def __exit__(self, *exc) -> None:
        try:
            self._diepte -= 1
            if self._pad is not None and self._diepte == 0:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._draad.release()

    def _bestand(self) -> int:
        if self._pid != os.getpid():  # a forked worker opens its own (flock is per open file)
            self._fd = os.open(self._pad, os.O_RDWR | os.O_CREAT, 0o600)
            self._pid = os.getpid()
        return self._fd


_SCHRIJFSLOTEN: "weakref.WeakKeyDictionary[Engine, _SqliteSchrijfslot]" = weakref.WeakKeyDictionary()
_SLOTEN_LOCK = threading.Lock()


def schrijfslot(engine: Engine) -> AbstractContextManager:
    """SQLite: units of work take turns before BEGIN IMMEDIATE, in this process and across
    the processes on the same file (_SqliteSchrijfslot), without delay. Waiting on SQLite's
    own busy handler instead sleeps in growing steps (up to 100 ms) between tries, which
    under load turned a 2 ms request into a p99 of several hundred ms, and of seconds with
    two worker processes (bench/RESULTS.md). The dispatcher, the KWC's write phase and the
    outbox's retention take it too (``schrijvend``), and so do the register's own writes (a
    date, a reference-data load or merge: ``Register._schrijvend``); only the migrations at
    start-up still meet writers on SQLite's lock. Reading transactions
    (``Register.lezen``) take no write lock at all. PostgreSQL: nothing (row locks do this)."""
    if engine.dialect.name != "sqlite":
        return nullcontext()
    with _SLOTEN_LOCK:
        slot = _SCHRIJFSLOTEN.get(engine)
        if slot is None:
            database = engine.url.database
            pad = Path(f"{database}-schrijfslot") if database and database != ":memory:" else None
            slot = _SCHRIJFSLOTEN[engine] = _SqliteSchrijfslot(pad)
    return slot


#: SQLSTATEs of a PostgreSQL transaction that lost a race with a concurrent one and can
#: simply be run again: unique violation, serialization failure, deadlock.
_HERHAALBAAR = frozenset({"23505", "40001", "40P01"})


@contextmanager
def schrijvend(sessies: sessionmaker[Session]) -> Iterator[Session]:
    """A short writing transaction outside a unit of work (the dispatcher, the KWC's write
    phase, the outbox's retention), committed when the block ends without an exception;
    on SQLite in its turn on the write slot."""
    with schrijfslot(sessies.kw["bind"]), sessies() as sessie, sessie.begin():
        yield sessie


def verloor_race(fout: BaseException) -> bool:
    """True when ``fout`` means the transaction lost a race (PostgreSQL only: SQLite's
    BEGIN IMMEDIATE serialises writers, so there a unique violation is a real error)."""
    orig = getattr(fout, "orig", None)
    return isinstance(fout, DBAPIError) and getattr(orig, "sqlstate", None) in _HERHAALBAAR


def met_herhaling(werk: Callable[[], T], pogingen: int = 8,
                  bij_herhaling: Callable[[str], None] | None = None) -> T:
    """Run ``werk`` (a whole unit of work: it opens, and commits or rolls back, its own
    transaction) again when it lost a race, with a short jittered back-off;
    ``bij_herhaling(sqlstate)`` hears of every rerun (the retry counter in /metrics)."""
    for poging in range(1, pogingen + 1):
        try:
            return werk()
        except DBAPIError as fout:
            if poging == pogingen or not verloor_race(fout):
                raise
            if bij_herhaling is not None:
                bij_herhaling(fout.orig.sqlstate)
            time.sleep(random.uniform(0, 0.005 * 2 ** poging))
    raise AssertionError("onbereikbaar")


def serialiseerbaar(sessie: Session) -> None:
    """On PostgreSQL, run the session's transaction SERIALIZABLE: the request pipeline
    reads, decides and writes as if it were alone (as SQLite's single writer gives for
    free); a conflict surfaces as SQLSTATE 40001 and ``met_herhaling`` runs it again."""
    if sessie.get_bind().dialect.name == "postgresql":
        sessie.connection(execution_options={"isolation_level": "SERIALIZABLE"})


#: pg_advisory_lock key held while a process migrates and puts the reference data in force.
_OPSTARTSLOT = 0x524F44  # "ROD"


@contextmanager
def opstartslot(engine: Engine) -> Iterator[None]:
    """On PostgreSQL, one process at a time through start-up (migrations, reference data):
    several ``serve`` replicas and ``dispatch`` workers may start at once on one database.
    SQLite needs nothing here (BEGIN IMMEDIATE; one machine)."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as verbinding:
        verbinding.exec_driver_sql(f"SELECT pg_advisory_lock({_OPSTARTSLOT})")
        verbinding.commit()
        try:
            yield
        finally:
            verbinding.exec_driver_sql(f"SELECT pg_advisory_unlock({_OPSTARTSLOT})")
            verbinding.commit()


def sessiefabriek(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migraties_map()))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def migreer(url: str) -> None:
    """Bring the database at ``url`` to the newest revision (``rod-service db upgrade``)."""
    command.upgrade(alembic_config(url), "head")


def controleer(url: str) -> None:
    """Fail when the models and the migrations disagree (``rod-service db check``)."""
    command.check(alembic_config(url))
