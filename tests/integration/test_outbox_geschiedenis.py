"""The delivered history of the outbox: a retention (``ROD_OUTBOX_BEWAREN``, ``queue
purge``) that removes only what was delivered long enough ago, and a queue status whose
reads do not grow with that history (issue "Scale and performance")."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event
from typer.testing import CliRunner

from rod_service.cli import app as cli
from rod_service.store.outbox import OutboxRepository, ruim_bezorgd_op

from ..conftest import ADMINISTRATIE_A, ADMINISTRATIE_B, wacht
from .test_outbox import KAPOT, HandKlok, Script, dispatcher, draai, plaats, rijen

DAG = 24 * 3600
#: Indexes that lead only to messages in the queue (by waiting or dead state) or with an error
BEGRENSD = ("ix_outbox_status_volgende (status=", "ix_outbox_laatste_fout")


@pytest.fixture
def klok():
    return HandKlok()


def test_de_dispatcher_verwijdert_alleen_wat_langer_dan_de_bewaartermijn_bezorgd_is(register, klok):
    script = Script(**{ADMINISTRATIE_A: [KAPOT]})
    dood, oud = plaats(register, klok, ADMINISTRATIE_A), plaats(register, klok, ADMINISTRATIE_A)
    wachtend = plaats(register, klok, ADMINISTRATIE_B)  # B has no endpoint: it stays in the queue
    draai(dispatcher(register, klok, script, max_pogingen=1), klok, rondes=2)
    klok.verder(2 * DAG)
    nieuw = plaats(register, klok, ADMINISTRATIE_A)
    d = dispatcher(register, klok, script, max_pogingen=1, bewaren=DAG, interval=0.05)
    d.run_once()
    assert {c: r.status for c, r in rijen(register).items()} == {
        oud: "bezorgd", dood: "dood", wachtend: "nieuw", nieuw: "bezorgd"}

    d.start()
    try:
        wacht(lambda: oud not in rijen(register), seconden=10, wat="the old delivered message removed")
    finally:
        d.stop()
    # two days old too, but dead (replayable by ops) or still to deliver; the new one was
    # delivered just now
    assert {c: r.status for c, r in rijen(register).items()} == {dood: "dood", wachtend: "nieuw", nieuw: "bezorgd"}
    with register.lezen() as sessie:
        stand = OutboxRepository(sessie).status_per_administratie(nu=klok.nu())
    assert stand[ADMINISTRATIE_A].aantallen == {"bezorgd": 1, "dood": 1}
    assert stand[ADMINISTRATIE_B].aantallen == {"nieuw": 1}


def test_zonder_bewaartermijn_blijft_de_geschiedenis(register, klok):
    oud = plaats(register, klok, ADMINISTRATIE_A)
    draai(dispatcher(register, klok, Script()), klok, rondes=1)
    klok.verder(400 * DAG)
    d = dispatcher(register, klok, Script(), interval=0.05).start()
    try:
        nieuw = plaats(register, klok, ADMINISTRATIE_A)
        wacht(lambda: rijen(register)[nieuw].status == "bezorgd", seconden=10, wat="delivered")
    finally:
        d.stop()
    assert rijen(register)[oud].status == "bezorgd"


def test_opruimen_gaat_in_porties_van_korte_transacties(register, klok):
    codes = [plaats(register, klok, ADMINISTRATIE_A) for _ in range(5)]
    draai(dispatcher(register, klok, Script()), klok, rondes=6, stap=1)
    assert all(r.status == "bezorgd" for r in rijen(register).values())
    voor = klok.nu() + timedelta(seconds=1)
    transacties = []
    event.listen(register.engine, "commit", lambda _: transacties.append(1))
    assert ruim_bezorgd_op(register.sessies, voor=voor, portie=2, porties=1) == 2
    assert set(rijen(register)) == set(codes[2:])  # the oldest first
    assert ruim_bezorgd_op(register.sessies, voor=voor, portie=2) == 3
    assert rijen(register) == {}
    assert len(transacties) == 1 + 2  # 2 + (2, 1): one transaction per portion
    assert ruim_bezorgd_op(register.sessies, voor=voor, portie=2) == 0


def test_queue_purge(register):
    """The command works on the deployment's clock: here the real date (no --datum)."""
    url = register.instellingen.database_url
    runner = CliRunner()
    klok = HandKlok()
    klok.moment = datetime.now(UTC) - timedelta(days=10)
    oud = plaats(register, klok, ADMINISTRATIE_A)
    draai(dispatcher(register, klok, Script()), klok, rondes=1)
    klok.moment = datetime.now(UTC) - timedelta(hours=1)
    recent = plaats(register, klok, ADMINISTRATIE_A)
    draai(dispatcher(register, klok, Script()), klok, rondes=1)

    for fout in (["--older-than", "-1"], ["--older-than", "twee"], []):
        uit = runner.invoke(cli, ["queue", "purge", *fout, "--database", url])
        assert uit.exit_code == 2 and "--older-than" in uit.output, uit.output
    assert set(rijen(register)) == {oud, recent}  # a refused command removes nothing

    uit = runner.invoke(cli, ["queue", "purge", "--older-than", "2", "--database", url])
    assert uit.exit_code == 0 and "1 delivered message(s)" in uit.output, uit.output
    assert set(rijen(register)) == {recent}
    uit = runner.invoke(cli, ["queue", "purge", "--older-than", "0.5", "--database", url])
    assert uit.exit_code == 0 and "0 delivered message(s)" in uit.output, uit.output
    assert set(rijen(register)) == {recent}


def test_de_wachtrijstand_leest_de_bezorgde_geschiedenis_niet(sqlite_register, klok):
    """SQLite's plan for every query of the queue status: the outbox table itself (with the
    message bodies) is read only for messages still in the queue or with an error, through
    an index; over the whole history only index-only scans. Before ``0005`` the counts and the last error
    read every row, and a scrape took 230 ms at 121 000 delivered messages
    (bench/RESULTS.md, seventh pass)."""
    register = sqlite_register
    script = Script(**{ADMINISTRATIE_A: [KAPOT]})  # its last error stays on the delivered message
    for oin in (ADMINISTRATIE_A, ADMINISTRATIE_B, ADMINISTRATIE_A):  # B: no endpoint, waits
        plaats(register, klok, oin)
    draai(dispatcher(register, klok, script), klok, rondes=3)
    vragen = []

    def onthoud(_verbinding, _cursor, sql, params, _context, _executemany):
        vragen.append((sql, params))

    with register.lezen() as sessie:
        verbinding = sessie.connection()
        event.listen(verbinding, "before_cursor_execute", onthoud)
        stand = OutboxRepository(sessie).status_per_administratie(nu=klok.nu())
        event.remove(verbinding, "before_cursor_execute", onthoud)
        plannen = {sql: [r[3] for r in verbinding.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params)]
                   for sql, params in vragen if " outbox " in f"{sql} "}
    assert stand[ADMINISTRATIE_A].aantallen == {"bezorgd": 2} and stand[ADMINISTRATIE_B].aantallen == {"nieuw": 1}
    assert stand[ADMINISTRATIE_A].mislukte_pogingen == 1
    assert stand[ADMINISTRATIE_A].laatste_fout.startswith("[afgewezen]")  # the partial index answers it
    assert len(plannen) == 4, plannen
    for sql, plan in plannen.items():
        for stap in plan:
            if stap.startswith(("SCAN outbox ", "SEARCH outbox ")) or stap == "SCAN outbox":
                assert "COVERING INDEX" in stap or any(b in stap for b in BEGRENSD), f"{stap}\n  in {sql}"

