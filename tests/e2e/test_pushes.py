"""Pushes end to end on loopback: a real register, the dispatcher (thread, or
``rod-service dispatch``/``serve`` processes) delivering with zeep, and the reference LAS
receiver (spyne behind our XSD gate) logging what it got. Short retry settings throughout."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
import requests
from typer.testing import CliRunner

from rod_service.bootstrap import bootstrap
from rod_service.cli import app as cli
from rod_service.config import Instellingen
from rod_service.las import start_ontvanger
from rod_service.outbox.instellingen import OutboxInstellingen
from rod_service.paden import wsdl_map
from rod_service.store.models import OutboxBericht

from ..conftest import ADMINISTRATIE_A, ROD_OIN, VANDAAG, op_postgres, wacht

pytestmark = pytest.mark.e2e
ROD_SERVICE = Path(sys.executable).parent / "rod-service"
SNEL = {"ROD_OUTBOX_INTERVAL": "0.1", "ROD_OUTBOX_BASIS": "0.2", "ROD_OUTBOX_MINIMUM": "0.05",
        "ROD_OUTBOX_PLAFOND": "0.5", "ROD_OUTBOX_TIMEOUT": "5", "ROD_OUTBOX_CLAIM": "6"}
VOORBEELDEN = {"verstrekkenBekostigingsberichtVO": "verstrekkenBekostigingsberichtVO_Request.xml",
               "verstrekkenDigitaalInUitschrijfbewijsVO": "verstrekkenDigitaalInUitschrijfbewijsVO_Request.xml",
               "verstrekkenTerugkoppelingVO": "verstrekkenTerugkoppelingVO_Request.xml"}


def snelle_instellingen(**extra) -> OutboxInstellingen:
    return OutboxInstellingen.uit_omgeving({**SNEL, **{f"ROD_OUTBOX_{k.upper()}": str(v) for k, v in extra.items()}})


def body(operatie: str, code: str) -> bytes:
    """A realistic push body: the contract's example, addressed ROD → administratie A."""
    tekst = (wsdl_map() / "voorbeelden" / VOORBEELDEN[operatie]).read_text(encoding="utf-8")
    _, _, element = tekst.partition("?>")
    oud_id = element.split("<identificatiecodeBedrijfsdocument>")[1].split("<")[0]
    element = element.replace(oud_id, code).replace("00000009900000000101", ADMINISTRATIE_A)
    return element.replace("00000009900000000001", ROD_OIN).strip().encode()


def plaats(register, operatie: str = "verstrekkenBekostigingsberichtVO") -> str:
    code = str(uuid.uuid4())
    with register.uow() as uow:
        uow.outbox.plaats(administratie_oin=ADMINISTRATIE_A, operatie=operatie, body=body(operatie, code),
                          identificatiecode=code, request_id="e2e", nu=register.klok.nu())
        uow.commit()
    return code


def rijen(register) -> dict[str, OutboxBericht]:
    with register.sessies() as sessie:
        return {b.identificatiecode: b for b in sessie.query(OutboxBericht)}


def alle_codes(ontvanger) -> list[str]:
    return [r["identificatiecode"] for r in ontvanger.ontvangen()]


@pytest.fixture
def ontvanger(tmp_path):
    handle = start_ontvanger(port=0, bestand=tmp_path / "ontvangen.jsonl")
    yield handle
    handle.stop()


def maak_register(tmp_path, ontvanger, **outbox):
    # the date of the deployment, as serve does: the queue commands below work on it too
    register = bootstrap(Instellingen(database_url=f"sqlite:///{tmp_path / 'rod.sqlite3'}", datum=VANDAAG,
                                      outbox=snelle_instellingen(**outbox)), deelt_datum=True)
    with register.uow() as uow:
        uow.outbox.zet_endpoint(ADMINISTRATIE_A, ontvanger.url, nu=register.klok.nu())
        uow.commit()
    return register


def test_ontvanger_plat_dan_wachten_de_pushes_en_komen_ze_daarna_elk_eenmaal_in_volgorde(tmp_path, ontvanger):
    register = maak_register(tmp_path, ontvanger)
    ontvanger.zet_fout(503)
    codes = [plaats(register, operatie) for operatie in VOORBEELDEN]
    dispatcher = register.dispatcher().start()
    try:
        wacht(lambda: rijen(register)[codes[0]].pogingen >= 3, wat="herhaalde pogingen op de eerste push")
        stand = rijen(register)
        assert ontvanger.ontvangen() == []
        assert stand[codes[0]].status == "opnieuw" and "[tijdelijk] HTTP 503" in stand[codes[0]].laatste_fout
        assert [stand[c].pogingen for c in codes[1:]] == [0, 0]  # later pushes wait their turn

        ontvanger.zet_fout(None)
        wacht(lambda: all(r.status == "bezorgd" for r in rijen(register).values()), wat="alles bezorgd")
    finally:
        dispatcher.stop()
    assert alle_codes(ontvanger) == codes  # in order, each exactly once
    stand = rijen(register)
    for regel in ontvanger.ontvangen():
        assert regel["message_id"] == stand[regel["identificatiecode"]].message_id  # kept on retries
        assert regel["ontvangendeInstantie"] == ADMINISTRATIE_A
    assert len((tmp_path / "ontvangen.jsonl").read_text().splitlines()) == 3


def test_na_de_pogingen_dood_en_queue_replay_bezorgt_ze(tmp_path, ontvanger):
    register = maak_register(tmp_path, ontvanger, max_pogingen=2)
    ontvanger.zet_fout(503)
    codes = [plaats(register), plaats(register)]
    dispatcher = register.dispatcher().start()
    try:
        wacht(lambda: all(r.status == "dood" for r in rijen(register).values()), wat="beide dood")
        ontvanger.zet_fout(None)
        time.sleep(0.5)
        assert ontvanger.ontvangen() == []  # dead letters stay dead until replayed
        uit = CliRunner().invoke(cli, ["queue", "replay", "--all", "--database", register.instellingen.database_url])
        assert uit.exit_code == 0, uit.output
        wacht(lambda: all(r.status == "bezorgd" for r in rijen(register).values()), wat="na replay bezorgd")
    finally:
        dispatcher.stop()
    assert alle_codes(ontvanger) == codes


def dispatch_proces(url: str) -> subprocess.Popen:
    env = {**os.environ, **SNEL, "ROD_DATABASE_URL": url}
    proces = subprocess.Popen([str(ROD_SERVICE), "dispatch"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env)
    assert proces.stdout.readline().startswith("dispatcher running"), proces.stderr.read()
    return proces


def test_een_gedode_dispatcher_verliest_niets_en_bezorgt_precies_eenmaal(tmp_path, ontvanger):
    register = maak_register(tmp_path, ontvanger)
    url = register.instellingen.database_url
    ontvanger.zet_traag(3)  # the LAS takes its time: the worker dies while waiting for the answer
    code = plaats(register)
    eerste = dispatch_proces(url)
    try:
        wacht(lambda: ontvanger.verzoeken >= 1, wat="de push is onderweg")
        eerste.send_signal(signal.SIGKILL)
        eerste.wait(5)
    finally:
        eerste.kill()
    assert rijen(register)[code].status == "nieuw"  # committed, not acknowledged: still owed

    ontvanger.zet_traag(0)
    tweede = dispatch_proces(url)
    try:
        wacht(lambda: rijen(register)[code].status == "bezorgd", wat="bezorgd door de tweede dispatcher")
    finally:
        tweede.send_signal(signal.SIGTERM)
        tweede.wait(10)
    wacht(lambda: ontvanger.verzoeken >= 2 and len(ontvanger.ontvangen()) == 1, seconden=5)
    time.sleep(3.2)  # let the first, slow request finish too: it must not log a second copy
    assert alle_codes(ontvanger) == [code]
    assert len((tmp_path / "ontvangen.jsonl").read_text().splitlines()) == 1


@contextmanager
def serve_naar(tmp_path, ontvanger, *opties: str, **omgeving: str) -> Iterator[tuple]:
    """A real ``rod-service serve`` on its own SQLite file whose pushes for administratie A
    go to ``ontvanger`` (set over HTTP); yields (a register on the same file, the base URL)."""
    url = f"sqlite:///{tmp_path / 'rod.sqlite3'}"
    register = bootstrap(Instellingen(database_url=url, datum=VANDAAG))
    env = {**os.environ, **SNEL, "ROD_DATABASE_URL": url, "ROD_HOME": str(tmp_path), **omgeving}
    proces = subprocess.Popen([str(ROD_SERVICE), "serve", "--port", "0", *opties], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env)
    try:
        wsdl = proces.stdout.readline().strip()
        assert wsdl.endswith("/rod/vo?wsdl"), proces.stderr.read()
        basis = wsdl.removesuffix("/rod/vo?wsdl")
        antwoord = requests.put(f"{basis}/admin/administraties/{ADMINISTRATIE_A}/endpoint",
                                json={"endpoint": ontvanger.url}, timeout=5)
        assert antwoord.status_code == 200 and antwoord.json()["bron"] == "override", antwoord.text
        yield register, basis
    finally:
        proces.terminate()
        proces.wait(10)


def test_serve_bezorgt_naar_het_via_http_gezette_endpoint(tmp_path, ontvanger):
    with serve_naar(tmp_path, ontvanger) as (register, _):
        code = plaats(register, "verstrekkenDigitaalInUitschrijfbewijsVO")
        wacht(lambda: rijen(register)[code].status == "bezorgd", wat="bezorgd door serve")
    [regel] = ontvanger.ontvangen()
    assert regel["velden"]["soortBewijs"] == "UITSCHRIJFBEWIJS" and regel["identificatiecode"] == code


def test_serve_ruimt_bezorgde_berichten_op_na_de_bewaartermijn(tmp_path, ontvanger):
    """``ROD_OUTBOX_BEWAREN``: a push stays in the store while it is younger, and goes once
    the deployment's clock (here moved a day on with ``PUT /admin/datum``) passes it; the
    queue status in ``/metrics`` counts it no more."""
    with serve_naar(tmp_path, ontvanger, "--datum", VANDAAG.isoformat(),
                    ROD_OUTBOX_BEWAREN="3600", ROD_OUTBOX_OPRUIMEN="0.2") as (register, basis):

        def bezorgd_in_metrics() -> float:
            tekst = requests.get(f"{basis}/metrics", timeout=10).text
            regel = f'rod_outbox_berichten{{administratie="{ADMINISTRATIE_A}",status="bezorgd"}} '
            return float(next(r for r in tekst.splitlines() if r.startswith(regel)).split()[-1])

        code = plaats(register)
        wacht(lambda: code in rijen(register) and rijen(register)[code].status == "bezorgd", wat="bezorgd")
        time.sleep(1.0)  # five looks of the dispatcher: an hour has not passed
        assert code in rijen(register) and bezorgd_in_metrics() == 1
        morgen = (VANDAAG + timedelta(days=1)).isoformat()
        antwoord = requests.put(f"{basis}/admin/datum", json={"datum": morgen}, timeout=5)
        assert antwoord.status_code == 200, antwoord.text
        wacht(lambda: code not in rijen(register), seconden=10, wat="removed after the retention")
        assert bezorgd_in_metrics() == 0
    assert alle_codes(ontvanger) == [code]  # delivered once, only removed afterwards


def test_queue_retry_bezorgt_wachtende_berichten_nu_in_plaats_van_na_de_backoff(tmp_path, ontvanger):
    """After an outage the back-off can put the next try far ahead (here: a minute at least);
    `queue retry OIN` says the LAS is back and the waiting messages go out at once, in order."""
    register = maak_register(tmp_path, ontvanger, basis=120, minimum=60, plafond=600)
    ontvanger.zet_fout(503)
    codes = [plaats(register), plaats(register)]
    dispatcher = register.dispatcher().start()
    try:
        wacht(lambda: rijen(register)[codes[0]].pogingen >= 1, wat="the first try failed")
        ontvanger.zet_fout(None)
        time.sleep(1.0)
        assert ontvanger.ontvangen() == []  # waiting for the back-off, a minute away at least
        url = register.instellingen.database_url
        fout = CliRunner().invoke(cli, ["queue", "retry", "--database", url])
        assert fout.exit_code != 0 and "OIN or --all" in fout.output
        uit = CliRunner().invoke(cli, ["queue", "retry", ADMINISTRATIE_A, "--database", url])
        # the head had a retry ahead; the second (never tried, behind it) was due already
        assert uit.exit_code == 0 and "1 message(s) due now" in uit.output, uit.output
        wacht(lambda: all(r.status == "bezorgd" for r in rijen(register).values()), seconden=10,
              wat="delivered after queue retry")
    finally:
        dispatcher.stop()
    assert alle_codes(ontvanger) == codes


@op_postgres
def test_op_postgresql_wekt_een_push_uit_een_ander_proces_de_dispatch_worker(database_url, ontvanger):
    """NOTIFY at commit, LISTEN in the worker: a `rod-service dispatch` process whose next
    poll is 30 s away delivers a push another process committed within seconds."""
    register = bootstrap(Instellingen(database_url=database_url, datum=VANDAAG, outbox=snelle_instellingen()),
                         deelt_datum=True)
    with register.uow() as uow:
        uow.outbox.zet_endpoint(ADMINISTRATIE_A, ontvanger.url, nu=register.klok.nu())
        uow.commit()
    env = {**os.environ, **SNEL, "ROD_OUTBOX_INTERVAL": "30", "ROD_DATABASE_URL": database_url}
    proces = subprocess.Popen([str(ROD_SERVICE), "dispatch"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env=env)
    try:
        assert proces.stdout.readline().startswith("dispatcher running"), proces.stderr.read()
        time.sleep(3)  # its first round is done (nothing due) and it listens; the next poll is 30 s away
        code = plaats(register)
        wacht(lambda: alle_codes(ontvanger) == [code], seconden=10, wat="woken by NOTIFY, not by the poll")
    finally:
        proces.terminate()
        proces.wait(15)
        register.engine.dispose()
