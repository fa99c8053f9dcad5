"""store/db.py schrijfslot: on SQLite the units of work of one process take turns on a
lock of their own, so a waiting request starts the moment the previous one ends (SQLite's
busy handler would sleep in steps of up to 100 ms), and the lock never outlives a unit of
work that failed; a BEGIN SQLite refuses is SQLAlchemy's error."""
from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError

from rod_service.store.db import maak_engine, schrijfslot


def _mediane_vertraging(register, werk) -> float:
    """Five rounds: ``werk(i)`` starts in a thread while a unit of work holds the slot for
    0.5 s (long enough for SQLite's busy handler to sleep in steps of 100 ms); the median of
    how long after that unit of work ended ``werk`` was done. SQLite's own wait gives ~50 ms."""
    vertragingen = []
    for i in range(5):
        klaar, gedaan = [], []
        draad = threading.Thread(target=lambda i=i: (werk(i), gedaan.append(time.perf_counter())))
        with register.uow():
            draad.start()
            time.sleep(0.5)
            assert not gedaan
            klaar.append(time.perf_counter())
        draad.join(10)
        vertragingen.append(gedaan[0] - klaar[0])
    return sorted(vertragingen)[2]


def test_een_wachtende_unit_of_work_begint_zodra_de_vorige_klaar_is(sqlite_register):
    def tweede(_):
        with sqlite_register.uow():
            pass

    assert _mediane_vertraging(sqlite_register, tweede) < 0.015


def test_de_dispatcher_neemt_zijn_beurt_in_het_slot(sqlite_register):
    """The dispatcher's short transactions (claim, record an attempt) wait on the same slot
    as the deliveries: they start the moment a delivery ends, instead of on SQLite's busy
    handler, which under delivery load kept a claim waiting up to 431 ms (bench/schrijfslot.py)."""
    from rod_service.outbox.dispatcher import maak_dispatcher

    dispatcher = maak_dispatcher(sqlite_register)
    assert _mediane_vertraging(sqlite_register, lambda _: dispatcher.run_once()) < 0.015


def test_een_mislukte_unit_of_work_geeft_het_slot_vrij(sqlite_register):
    with pytest.raises(RuntimeError):
        with sqlite_register.uow():
            raise RuntimeError("kapot")
    vrij = []

    def probeer():
        with schrijfslot(sqlite_register.engine):
            vrij.append(True)

    draad = threading.Thread(target=probeer)
    draad.start()
    draad.join(5)
    assert vrij == [True]
    # one lock per engine, the same every time
    assert schrijfslot(sqlite_register.engine) is schrijfslot(sqlite_register.engine)


def test_ook_een_ander_proces_wacht_op_het_slot(sqlite_register):
    """``serve --workers``: a second process on the same file waits on the same slot (flock)
    and starts the moment the first lets go."""
    import multiprocessing

    from rod_service.store.db import maak_engine

    url = sqlite_register.instellingen.database_url

    def ander_proces(uit):
        with schrijfslot(maak_engine(url)):
            uit.send(time.time())

    context = multiprocessing.get_context("fork")
    vertragingen = []
    for _ in range(3):
        ontvanger, zender = context.Pipe(duplex=False)
        with schrijfslot(sqlite_register.engine):
            kind = context.Process(target=ander_proces, args=(zender,))
            kind.start()
            assert not ontvanger.poll(0.5)  # held here: the other process waits
            losgelaten = time.time()
        assert ontvanger.poll(10)
        vertragingen.append(ontvanger.recv() - losgelaten)
        kind.join(10)
    assert all(v >= 0 for v in vertragingen) and sorted(vertragingen)[1] < 0.015, vertragingen


def test_een_mislukte_begin_is_een_sqlalchemy_fout(tmp_path):
    """BEGIN IMMEDIATE goes straight to the driver (store/db.py); when SQLite refuses it
    (another program holds the write lock past busy_timeout), the error is still
    SQLAlchemy's, as every other database error of a unit of work."""
    pad = tmp_path / "bezet.sqlite3"
    engine = maak_engine(f"sqlite:///{pad}")
    event.listen(engine, "connect", lambda verbinding, _: verbinding.execute("PRAGMA busy_timeout=50"))
    buiten = sqlite3.connect(pad, isolation_level=None)
    try:
        with engine.begin() as verbinding:  # first: the file and WAL mode exist
            verbinding.execute(text("CREATE TABLE t (x INTEGER)"))
        buiten.execute("BEGIN IMMEDIATE")
        with pytest.raises(OperationalError, match="locked"):
            with engine.begin() as verbinding:
                verbinding.execute(text("INSERT INTO t VALUES (1)"))
        buiten.execute("ROLLBACK")
        with engine.begin() as verbinding:  # the connection is usable again
            verbinding.execute(text("INSERT INTO t VALUES (1)"))
    finally:
        buiten.close()
        engine.dispose()


@pytest.mark.parametrize("schrijver", ["datum", "samenvoegen"])
def test_de_eigen_schrijvers_van_het_register_nemen_hun_beurt_in_het_slot(sqlite_register, schrijver):
    """``PUT /admin/datum`` and a reference-data load or merge wait on the same slot as the
    deliveries: they start the moment a delivery ends. Before, they met the deliveries on
    SQLite's busy handler (~50 ms late in this test; a load longer than its 30 s, such as a
    national one, made the deliveries beside it fail with "database is locked")."""
    from datetime import date

    from rod_service.referentiedata import loader

    administratie = sqlite_register.huidig_document()["administraties"][0]
    doe = {"datum": lambda i: sqlite_register.zet_datum(date(2026, 10, 1 + i)),
           "samenvoegen": lambda i: sqlite_register.voeg_referentiedata_samen(loader.lees(
               {"administraties": [{**administratie, "endpoint": f"http://127.0.0.1:9/{i}"}]}, gedeeltelijk=True))}
    assert _mediane_vertraging(sqlite_register, doe[schrijver]) < 0.015
