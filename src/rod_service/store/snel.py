"""The delivery hot path's statements on the driver's cursor.

A request of the hot path runs about a dozen small statements. Through
``Session.execute`` each costs ~18 µs of SQLAlchemy's execution machinery on top of
~2 µs in SQLite itself (bench/RESULTS.md). ``Snel`` compiles a Core statement once per
dialect and set of parameter names, with SQLAlchemy, and then runs it on the DB-API
cursor of the session's own connection, in the session's transaction, converting values
with SQLAlchemy's own bind and result processors: the same SQL, the same stored values,
the same errors (driver errors are wrapped as SQLAlchemy's ``DBAPIError``, so
``db.met_herhaling`` sees a lost race as before).

What it does not do, it leaves to ``Session.execute`` (the statement still runs, the
SQLAlchemy way): expanding ``IN`` parameters and columns whose default SQLAlchemy has to
compute in Python.
"""
from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable


@dataclass(frozen=True)
class _Vorm:
    """A statement compiled for one dialect and one set of parameter names."""

    sql: str
    namen: tuple[str, ...] | None  # positional drivers: the parameters in order; else None (named)
    bind: tuple[tuple[str, Any], ...]  # (name, processor) of the parameters that need one
    vast: dict[str, Any]  # parameters whose value is part of the statement
    rij: type | None  # namedtuple of the result columns, None without result
    resultaat: tuple[Any, ...]  # per result column its processor or None


class Snel:
    """One Core statement, run on the session's driver cursor (see the module text)."""

    def __init__(self, statement: Executable) -> None:
        self.statement = statement
        self._vormen: dict[tuple[str, frozenset[str]], _Vorm | None] = {}

    def voer_uit(self, sessie: Session, waarden: Mapping[str, Any]) -> "Resultaat":
        driver, dialect = _verbinding(sessie)
        vorm = self._vorm(dialect, waarden)
        if vorm is None:
            return _SqlalchemyResultaat(sessie.execute(self.statement, waarden))
        cursor = driver.cursor()
        _run(dialect, vorm, cursor.execute, self._parameters(vorm, waarden))
        resultaat = Resultaat(vorm, cursor)
        if vorm.rij is None:  # nothing to fetch: done with the cursor
            cursor.close()
        return resultaat

    def voer_uit_veel(self, sessie: Session, rijen: Sequence[Mapping[str, Any]]) -> None:
        """executemany: every row has the same keys (as ``Session.execute`` with a list)."""
        driver, dialect = _verbinding(sessie)
        vorm = self._vorm(dialect, rijen[0])
        if vorm is None:
            sessie.execute(self.statement, list(rijen))
            return
        cursor = driver.cursor()
        _run(dialect, vorm, cursor.executemany, [self._parameters(vorm, r) for r in rijen])
        cursor.close()

    @staticmethod
    def _parameters(vorm: _Vorm, waarden: Mapping[str, Any]):
        if vorm.bind or vorm.vast:
            waarden = {**vorm.vast, **waarden}
            for naam, processor in vorm.bind:
                if waarden[naam] is not None:
                    waarden[naam] = processor(waarden[naam])
        if vorm.namen is not None:
            return [waarden[n] for n in vorm.namen]
        return waarden

    def _vorm(self, dialect: Dialect, waarden: Mapping[str, Any]) -> _Vorm | None:
        sleutel = (dialect.name, frozenset(waarden))
        try:
            return self._vormen[sleutel]
        except KeyError:
            vorm = self._vormen[sleutel] = _compileer(self.statement, dialect, list(waarden))
            return vorm


def _verbinding(sessie: Session) -> tuple[Any, Dialect]:
    """The driver connection of the session's transaction (begun here if need be: on SQLite
    BEGIN IMMEDIATE), and its dialect. Pending ORM changes are flushed first, as
    ``Session.execute`` does (autoflush)."""
    if sessie.new or sessie.dirty or sessie.deleted:
        sessie.flush()
    verbinding = sessie.connection()
    return verbinding.connection.driver_connection, verbinding.dialect


@contextmanager
def in_een_keer(sessie: Session) -> Iterator[None]:
    """On PostgreSQL, the statements run inside go to the server as one pipeline: one round
    trip for all of them instead of one each. Only for statements whose results nobody
    reads inside (a write's errors surface at the end of the block, as SQLAlchemy's
    ``DBAPIError``). Elsewhere: nothing."""
    driver, dialect = _verbinding(sessie)
    if dialect.name != "postgresql":
        yield
        return
    try:
        with driver.pipeline():
            yield
    except dialect.loaded_dbapi.Error as fout:
        raise als_sqlalchemy_fout(dialect, "(pipeline)", None, fout) from fout


def _run(dialect: Dialect, vorm: _Vorm, uitvoeren, parameters) -> None:
    try:
        uitvoeren(vorm.sql, parameters)
    except dialect.loaded_dbapi.Error as fout:
        raise als_sqlalchemy_fout(dialect, vorm.sql, parameters, fout) from fout


def als_sqlalchemy_fout(dialect: Dialect, sql: str, parameters, fout: Exception) -> DBAPIError:
    """A driver error as SQLAlchemy raises it (``IntegrityError``, ``OperationalError``, …,
    the driver's error as ``.orig``) for SQL run past SQLAlchemy's execution: what
    ``db.met_herhaling`` and the rest of the code catch."""
    return DBAPIError.instance(sql, parameters, fout, dialect.loaded_dbapi.Error, dialect=dialect)


def _compileer(statement: Executable, dialect: Dialect, namen: list[str]) -> _Vorm | None:
    gecompileerd = statement.compile(dialect=dialect, column_keys=namen)
    if (getattr(gecompileerd, "insert_prefetch", None) or getattr(gecompileerd, "update_prefetch", None)
            or gecompileerd.post_compile_params or gecompileerd.literal_execute_params):
        return None  # Python-side defaults, expanding IN: SQLAlchemy's own path
    vast = {}  # parameters with a value in the statement itself (where(c.id == 1))
    for bind, naam in gecompileerd.bind_names.items():
        if naam not in namen:
            if bind.required or bind.callable is not None:
                return None  # no value given: SQLAlchemy's own path says so
            vast[naam] = bind.value
    processors = gecompileerd._bind_processors
    positioneel = tuple(gecompileerd.positiontup) if dialect.positional else None
    kolommen = gecompileerd._result_columns
    rij = namedtuple("Rij", [k.keyname for k in kolommen], rename=True) if kolommen else None
    resultaat = tuple(k.type._cached_result_processor(dialect, None) for k in kolommen)
    return _Vorm(gecompileerd.string, positioneel, tuple((n, p) for n, p in processors.items()),
                 vast, rij, resultaat)


class Resultaat:
    """The part of SQLAlchemy's ``Result`` the hot path uses; rows are named tuples."""

    def __init__(self, vorm: _Vorm, cursor) -> None:
        self._vorm = vorm
        self._cursor = cursor
        self.rowcount = cursor.rowcount

    def _rij(self, ruw):
        verwerk = self._vorm.resultaat
        return self._vorm.rij._make(v if p is None or v is None else p(v) for p, v in zip(verwerk, ruw))

    def first(self):
        ruw = self._cursor.fetchone()
        self._cursor.close()
        return None if ruw is None else self._rij(ruw)

    def all(self) -> list:
        rijen = [self._rij(r) for r in self._cursor.fetchall()]
        self._cursor.close()
        return rijen

    def __iter__(self) -> Iterator:
        return iter(self.all())

    def scalar(self):
        rij = self.first()
        return None if rij is None else rij[0]

    def scalar_one(self):
        rijen = self.all()
        if len(rijen) != 1:
            raise ValueError(f"expected one row, got {len(rijen)}")
        return rijen[0][0]

    def scalars(self) -> list:
        return [r[0] for r in self.all()]


class _SqlalchemyResultaat(Resultaat):
    """SQLAlchemy's own result behind the same methods (the statements ``Snel`` leaves to it)."""

    def __init__(self, resultaat) -> None:
        self._resultaat = resultaat
        self.rowcount = getattr(resultaat, "rowcount", -1)

    def first(self):
        return self._resultaat.first()

    def all(self) -> list:
        return self._resultaat.all()

    def scalar(self):
        return self._resultaat.scalar()

    def scalar_one(self):
        return self._resultaat.scalar_one()

    def scalars(self) -> list:
        return list(self._resultaat.scalars())
