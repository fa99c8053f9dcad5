"""Register.lezen (store/db.py): on SQLite a session that only reads is a snapshot of the
WAL without the write lock, so a delivery never waits for monitoring, a listing or the
KWC's read phase, and a write made in a reading session by mistake fails at once."""
from __future__ import annotations

import json
import threading
import time

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError
from typer.testing import CliRunner

from rod_service.cli import app as cli
from rod_service.store.models import OutboxOntvanger
from rod_service.store.outbox import OutboxRepository

from ..conftest import ADMINISTRATIE_A


def _pauzeer_in_een_andere_draad(register) -> float:
    """A short unit of work (it pauses administratie A) in a thread of its own; how long it took."""
    duur = []

    def werk():
        begin = time.perf_counter()
        with register.uow() as uow:
            uow.outbox.pauzeer(ADMINISTRATIE_A, nu=register.klok.nu())
            uow.commit()
        duur.append(time.perf_counter() - begin)

    draad = threading.Thread(target=werk)
    draad.start()
    draad.join(5)
    assert duur, "the unit of work waited more than 5 s for the reader"
    return duur[0]


def test_een_unit_of_work_wacht_niet_op_een_open_leessessie(sqlite_register):
    with sqlite_register.lezen() as sessie:
        assert sessie.scalars(select(OutboxOntvanger)).all() == []  # the snapshot is taken
        assert _pauzeer_in_een_andere_draad(sqlite_register) < 1
        assert sessie.scalars(select(OutboxOntvanger)).all() == []  # still its own snapshot
    with sqlite_register.lezen() as sessie:
        assert [o.gepauzeerd for o in sessie.scalars(select(OutboxOntvanger))] == [True]


def test_schrijven_in_een_leessessie_faalt_en_de_verbinding_schrijft_daarna_weer(sqlite_register):
    """``query_only`` is switched per pooled connection as it changes use: every reading
    session refuses a write, every unit of work after it can write again."""
    for ronde in range(6):  # more rounds than the pool has connections in use here
        with sqlite_register.lezen() as sessie, pytest.raises(OperationalError, match="readonly"):
            sessie.execute(text("DELETE FROM outbox_ontvanger"))
        with sqlite_register.uow() as uow:
            uow.outbox.pauzeer(ADMINISTRATIE_A, nu=sqlite_register.klok.nu())
            uow.commit()
        with sqlite_register.uow() as uow:
            uow.outbox.hervat(ADMINISTRATIE_A, nu=sqlite_register.klok.nu())
            uow.commit()
    with sqlite_register.lezen() as sessie:
        assert [o.gepauzeerd for o in sessie.scalars(select(OutboxOntvanger))] == [False]


def test_queue_status_houdt_geen_unit_of_work_op(sqlite_register, monkeypatch):
    """``rod-service queue status`` next to a busy serve: a delivery made while it reads
    goes on at once (before, the command read inside a unit of work and held the lock)."""
    echte = OutboxRepository.status_per_administratie
    duren = []

    def status_per_administratie(self, **kw):
        standen = echte(self, **kw)
        duren.append(_pauzeer_in_een_andere_draad(sqlite_register))
        return standen

    monkeypatch.setattr(OutboxRepository, "status_per_administratie", status_per_administratie)
    url = sqlite_register.instellingen.database_url
    uit = CliRunner().invoke(cli, ["queue", "status", "--json", "--database", url])
    assert uit.exit_code == 0, uit.output
    assert len(duren) == 1 and duren[0] < 1
    rijen = {r["administratie"]: r for r in json.loads(uit.output)}
    assert rijen[ADMINISTRATIE_A]["gepauzeerd"] is False  # what it read: before the pause
