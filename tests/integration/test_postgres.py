"""PostgreSQL only (``ROD_TEST_DATABASE_URL``; .ci/run sets it for its second run): what
SQLite's single writer gives for free has to hold with concurrent transactions too.
Concurrent deliveries for the same person and inschrijving, and several dispatcher
workers on one outbox."""
from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from rod_service.las import start_ontvanger
from rod_service.store import models as m
from tests.conftest import ADMINISTRATIE_A, ADMINISTRATIE_B, op_postgres, tel, wacht
from tests.e2e.test_inschrijving import identificeer_bsn, lever, signalen, stand
from tests.e2e.test_pushes import body, rijen, snelle_instellingen

pytestmark = [op_postgres, pytest.mark.e2e]


def test_gelijktijdige_aanleveringen_verliezen_geen_race(rod, register):
    """Eight deliveries at once: four repeats of one bedrijfsdocument and four new ones
    with the same stand of the same inschrijving. Each is answered GOEDGEKEURD (they take
    turns on the person's row lock; a repeat that lost the race on its bedrijfsdocument
    runs again), one inschrijving, one document per code."""
    bsn = identificeer_bsn(rod)
    waarden = stand({"burgerservicenummer": bsn})
    codes = ["a0000000-0000-4000-8000-000000000001"] * 4 + [None] * 4
    with ThreadPoolExecutor(8) as pool:
        antwoorden = list(pool.map(lambda code: lever(rod, waarden, code=code), codes))
    assert [a.terugkoppeling.status for a in antwoorden] == ["GOEDGEKEURD"] * 8, [signalen(a) for a in antwoorden]
    assert tel(register, m.Inschrijving) == 1
    assert tel(register, m.InschrijvingPeriode) == 3


def test_drie_dispatchers_bezorgen_elk_bericht_eenmaal_in_volgorde_per_administratie(register, tmp_path):
    """Three dispatcher workers (each its own connection pool and thread pool, as three
    ``rod-service dispatch`` processes would be) on one outbox with two administraties:
    FOR UPDATE SKIP LOCKED on the queue heads means every message is sent exactly once
    (no second HTTP request at all) and in insert order per administratie."""
    register.instellingen.outbox = snelle_instellingen(parallel=2)
    ontvanger = start_ontvanger(port=0, bestand=tmp_path / "ontvangen.jsonl")
    try:
        with register.uow() as uow:
            for oin in (ADMINISTRATIE_A, ADMINISTRATIE_B):
                uow.outbox.zet_endpoint(oin, ontvanger.url, nu=register.klok.nu())
            uow.commit()
        verwacht: dict[str, list[str]] = {ADMINISTRATIE_A: [], ADMINISTRATIE_B: []}
        for i in range(60):
            oin = (ADMINISTRATIE_A, ADMINISTRATIE_B)[i % 2]
            code = str(uuid.uuid4())
            with register.uow() as uow:
                uow.outbox.plaats(administratie_oin=oin, operatie="verstrekkenBekostigingsberichtVO",
                                  body=_body(oin, code), identificatiecode=code, request_id="pg",
                                  nu=register.klok.nu())
                uow.commit()
            verwacht[oin].append(code)
        werkers = [register.dispatcher() for _ in range(3)]
        for werker in werkers:
            werker.start()
        try:
            wacht(lambda: all(r.status == "bezorgd" for r in rijen(register).values()), seconden=60,
                  wat="alle 60 bezorgd")
        finally:
            for werker in werkers:
                werker.stop()
        ontvangen = ontvanger.ontvangen()
        assert ontvanger.verzoeken == 60  # not one message sent twice
        assert sorted(r["identificatiecode"] for r in ontvangen) == sorted(verwacht[ADMINISTRATIE_A] +
                                                                           verwacht[ADMINISTRATIE_B])
        for oin, codes in verwacht.items():
            assert [r["identificatiecode"] for r in ontvangen if r["ontvangendeInstantie"] == oin] == codes
        assert {r.pogingen for r in rijen(register).values()} == {1}
    finally:
        ontvanger.stop()


def _body(oin: str, code: str) -> bytes:
    return body("verstrekkenBekostigingsberichtVO", code).replace(ADMINISTRATIE_A.encode(), oin.encode())


def test_replicas_die_tegelijk_starten_migreren_om_de_beurt(_pg_sjabloon, tmp_path):
    """Three processes' start-up (migrations, default reference data) at once on one empty
    database: the start-up lock lets them take turns, all three come up."""
    from sqlalchemy.engine import make_url

    from rod_service.bootstrap import bootstrap
    from rod_service.config import Instellingen
    from tests.conftest import PG_URL, VANDAAG

    beheer, _ = _pg_sjabloon
    naam = f"rod_leeg_{uuid.uuid4().hex[:8]}"
    with beheer.connect() as c:
        c.exec_driver_sql(f'CREATE DATABASE "{naam}"')
    url = make_url(PG_URL).set(database=naam).render_as_string(hide_password=False)
    try:
        with ThreadPoolExecutor(3) as pool:
            registers = list(pool.map(lambda _: bootstrap(Instellingen(database_url=url, datum=VANDAAG)), range(3)))
        assert tel(registers[0], m.BrpPersoonRij) == 300
        for register in registers:
            register.engine.dispose()
    finally:
        with beheer.connect() as c:
            c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)')
