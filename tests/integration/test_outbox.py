"""The outbox against a real store (migrated SQLite) with a scripted deliverer and a
clock the test moves: ordering per administratie, independence between administraties,
no endpoint, pause/resume, dead letters and replay, leases, the admin route and the CLI."""
from __future__ import annotations

import json
import random
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import event, text
from typer.testing import CliRunner

from rod_service.cli import app as cli
from rod_service.http import maak_wsgi_app
from rod_service.outbox.beleid import Foutsoort
from rod_service.outbox.bezorger import Uitkomst
from rod_service.outbox.dispatcher import Dispatcher
from rod_service.outbox.instellingen import OutboxInstellingen
from rod_service.paden import wsdl_map
from rod_service.service.pushes import plaats_push
from rod_service.store.db import verloor_race
from rod_service.store.models import OutboxBericht
from rod_service.store.outbox_bezorging import claim_koppen, leg_poging_vast

from ..conftest import ADMINISTRATIE_A, ADMINISTRATIE_B, op_postgres, wacht, wsgi_roep

OK = Uitkomst(True, "HTTP 200, ontvangstBevestiging J", None, 200)
WEG = Uitkomst(False, "HTTP 503 Service Unavailable", Foutsoort.TIJDELIJK, 503)
KAPOT = Uitkomst(False, "HTTP 400 Bad Request", Foutsoort.AFGEWEZEN, 400)


class HandKlok:
    def __init__(self) -> None:
        self.moment = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

    def nu(self) -> datetime:
        return self.moment

    def verder(self, seconden: float) -> None:
        self.moment += timedelta(seconds=seconden)


class Script:
    """Answers per administratie from a list (then ``standaard``); records every call."""

    def __init__(self, standaard: Uitkomst = OK, **per_oin: list[Uitkomst]) -> None:
        self.standaard, self.per_oin, self.pogingen = standaard, per_oin, []

    def bezorg(self, claim, *, endpoint, rod_oin):
        self.pogingen.append((claim.administratie_oin, claim.identificatiecode))
        rij = self.per_oin.get(claim.administratie_oin)
        return rij.pop(0) if rij else self.standaard


@pytest.fixture
def klok():
    return HandKlok()


def dispatcher(register, klok, bezorger, **instellingen) -> Dispatcher:
    inst = OutboxInstellingen(**{"max_pogingen": 5, "parallel": 4, **instellingen})
    return Dispatcher(sessies=register.sessies, klok=klok, instellingen=inst, bezorger=bezorger, rng=random.Random(3))


def plaats(register, klok, oin: str, code: str | None = None) -> str:
    code = code or str(uuid.uuid4())
    with register.uow() as uow:
        uow.outbox.plaats(administratie_oin=oin, operatie="verstrekkenBekostigingsberichtVO",
                          body=b"<niet-gebruikt/>", identificatiecode=code, nu=klok.nu())
        uow.commit()
    return code


def rijen(register) -> dict[str, OutboxBericht]:
    with register.sessies() as sessie:
        return {b.identificatiecode: b for b in sessie.query(OutboxBericht)}


def draai(d: Dispatcher, klok: HandKlok, rondes: int = 20, stap: float = 120) -> None:
    for _ in range(rondes):
        d.run_once()
        klok.verder(stap)


def zet_endpoint(register, klok, oin, url="http://127.0.0.1:1/las"):
    with register.uow() as uow:
        uow.outbox.zet_endpoint(oin, url, nu=klok.nu())
        uow.commit()


def test_strikt_in_volgorde_per_administratie(register, klok):
    codes = [plaats(register, klok, ADMINISTRATIE_A) for _ in range(3)]
    script = Script(**{ADMINISTRATIE_A: [WEG, WEG]})
    d = dispatcher(register, klok, script)
    d.run_once()
    klok.verder(1)  # still backing off: nothing, and certainly not the second message
    d.run_once()
    assert script.pogingen == [(ADMINISTRATIE_A, codes[0])]
    draai(d, klok)
    assert script.pogingen == [(ADMINISTRATIE_A, c) for c in (codes[0], codes[0], codes[0], codes[1], codes[2])]
    assert {r.status for r in rijen(register).values()} == {"bezorgd"}


def test_een_vastgelopen_administratie_houdt_een_andere_niet_op(register, klok):
    zet_endpoint(register, klok, ADMINISTRATIE_B)
    a1, a2 = plaats(register, klok, ADMINISTRATIE_A), plaats(register, klok, ADMINISTRATIE_A)
    b1, b2 = plaats(register, klok, ADMINISTRATIE_B), plaats(register, klok, ADMINISTRATIE_B)
    script = Script(**{ADMINISTRATIE_A: [WEG] * 100})
    draai(dispatcher(register, klok, script, max_pogingen=100), klok, rondes=5)
    stand = rijen(register)
    assert stand[b1].status == stand[b2].status == "bezorgd"
    assert stand[a1].status == "opnieuw" and stand[a1].pogingen >= 2 and stand[a1].fout_soort == "tijdelijk"
    assert stand[a2].status == "nieuw" and stand[a2].pogingen == 0  # never overtakes a1


def test_zonder_endpoint_blijft_het_bericht_zichtbaar_in_de_wachtrij(register, klok):
    code = plaats(register, klok, ADMINISTRATIE_B)  # B has no endpoint in the default data
    script = Script()
    d = dispatcher(register, klok, script)
    draai(d, klok, rondes=3, stap=24 * 3600)
    assert script.pogingen == [] and rijen(register)[code].status == "nieuw"
    with register.uow() as uow:
        stand = uow.outbox.status_per_administratie(nu=klok.nu())[ADMINISTRATIE_B]
    assert stand.aantallen == {"nieuw": 1} and stand.oudste_due_seconden == 3 * 24 * 3600
    zet_endpoint(register, klok, ADMINISTRATIE_B)
    d.run_once()
    assert rijen(register)[code].status == "bezorgd"


def test_pauzeren_en_hervatten(register, klok):
    with register.uow() as uow:
        uow.outbox.pauzeer(ADMINISTRATIE_A, nu=klok.nu())
        uow.commit()
    code = plaats(register, klok, ADMINISTRATIE_A)
    script = Script()
    d = dispatcher(register, klok, script)
    draai(d, klok, rondes=3)
    assert script.pogingen == [] and rijen(register)[code].status == "nieuw"
    with register.uow() as uow:
        assert uow.outbox.status_per_administratie(nu=klok.nu())[ADMINISTRATIE_A].gepauzeerd
        uow.outbox.hervat(ADMINISTRATIE_A, nu=klok.nu())
        uow.commit()
    d.run_once()
    assert rijen(register)[code].status == "bezorgd"


def test_dood_na_de_pogingen_blokkeert_niet_en_replay_bezorgt_met_dezelfde_ids(register, klok):
    dood, volgend = plaats(register, klok, ADMINISTRATIE_A), plaats(register, klok, ADMINISTRATIE_A)
    script = Script(**{ADMINISTRATIE_A: [KAPOT, KAPOT]})
    d = dispatcher(register, klok, script, max_pogingen=2)
    draai(d, klok, rondes=4)
    stand = rijen(register)
    assert stand[dood].status == "dood" and stand[dood].pogingen == 2
    assert stand[dood].laatste_fout.startswith("[afgewezen] HTTP 400") and "dood: 2 pogingen" in stand[dood].laatste_fout
    assert stand[volgend].status == "bezorgd"  # a dead letter no longer holds the queue
    with register.uow() as uow:
        s = uow.outbox.status_per_administratie(nu=klok.nu())[ADMINISTRATIE_A]
        assert (s.aantallen, s.mislukte_pogingen, s.afgewezen) == ({"dood": 1, "bezorgd": 1}, 2, 1)
        assert s.laatste_fout.startswith("[afgewezen]")
        assert uow.outbox.replay(stand[volgend].id, nu=klok.nu()) == 0  # only dead letters
        assert uow.outbox.replay(stand[dood].id, nu=klok.nu()) == 1
        uow.commit()
    d.run_once()
    na = rijen(register)[dood]
    assert (na.status, na.pogingen, na.message_id) == ("bezorgd", 1, stand[dood].message_id)
    assert script.pogingen.count((ADMINISTRATIE_A, dood)) == 3


def test_een_claim_houdt_andere_werkers_weg_tot_hij_verloopt(register, klok):
    code = plaats(register, klok, ADMINISTRATIE_A)
    with register.sessies() as sessie, sessie.begin():
        [claim] = claim_koppen(sessie, nu=klok.nu(), oins={ADMINISTRATIE_A}, limiet=5, claimduur=60)
    assert claim.identificatiecode == code
    # the worker "crashes" here: nothing recorded
    script = Script()
    d = dispatcher(register, klok, script)
    d.run_once()
    assert script.pogingen == []
    klok.verder(61)
    d.run_once()
    assert script.pogingen == [(ADMINISTRATIE_A, code)] and rijen(register)[code].status == "bezorgd"


def test_een_teruggezette_klok_parkeert_niets_tot_die_datum(register, klok):
    code = plaats(register, klok, ADMINISTRATIE_A)
    script = Script(**{ADMINISTRATIE_A: [WEG]})
    d = dispatcher(register, klok, script)
    d.run_once()
    klok.verder(-30 * 24 * 3600)  # PUT /admin/datum a month back
    d.run_once()
    assert rijen(register)[code].status == "bezorgd"


class Traag(Script):
    """Every answer for ``oin`` takes ``seconden`` (a slow LAS); the others are instant."""

    def __init__(self, oin: str, seconden: float) -> None:
        super().__init__()
        self.oin, self.seconden = oin, seconden

    def bezorg(self, claim, *, endpoint, rod_oin):
        if claim.administratie_oin == self.oin:
            time.sleep(self.seconden)
        return super().bezorg(claim, endpoint=endpoint, rod_oin=rod_oin)


def test_een_trage_las_houdt_de_wachtrij_van_een_andere_administratie_niet_op(register, klok):
    """Each administratie's backlog is delivered by its own chain (claim the next head in
    the transaction that records the last): B's twenty pushes go out while A's LAS takes
    0.7 s per answer, still one at a time and in order per administratie. (With rounds
    that wait for every delivery of the round, B got one push per slow answer of A.)"""
    zet_endpoint(register, klok, ADMINISTRATIE_B)
    a = [plaats(register, klok, ADMINISTRATIE_A) for _ in range(3)]
    b = [plaats(register, klok, ADMINISTRATIE_B) for _ in range(20)]
    script = Traag(ADMINISTRATIE_A, 0.7)
    d = dispatcher(register, klok, script, interval=0.5).start()
    try:
        wacht(lambda: sum(oin == ADMINISTRATIE_B for oin, _ in script.pogingen) == 20, seconden=10)
        assert sum(oin == ADMINISTRATIE_A for oin, _ in script.pogingen) <= 2  # B did not wait for A
        wacht(lambda: len(script.pogingen) == 23, seconden=10)
    finally:
        d.stop()
    for oin, codes in ((ADMINISTRATIE_A, a), (ADMINISTRATIE_B, b)):
        assert [code for o, code in script.pogingen if o == oin] == codes
    assert {r.status for r in rijen(register).values()} == {"bezorgd"}


def test_een_push_uit_dit_proces_wekt_de_dispatcher_meteen(register, klok):
    """Under ``serve`` the request that queues a push and the dispatcher share a process:
    the commit wakes the dispatcher, so the push does not wait for the next poll
    (here 30 s; bench/b3.py: p50 5 ms instead of 270 ms at the default 0.5 s)."""
    script = Script()
    d = dispatcher(register, klok, script, interval=30, timeout=30, claim=60).start()
    try:
        time.sleep(0.2)  # the dispatcher has looked, found nothing and waits
        code = plaats(register, klok, ADMINISTRATIE_A)
        wacht(lambda: script.pogingen == [(ADMINISTRATIE_A, code)], seconden=5)
    finally:
        d.stop(timeout=5)


def test_een_klok_die_iets_voorloopt_is_geen_teruggezette_klok(register, klok):
    """A worker whose clock reads a little later (it read it just after us, or its host runs
    ahead) writes a lease and a retry moment a little further ahead than ours would be:
    that is no clock moved back, so its lease holds (no second delivery) and the backoff
    holds (no early retry). Found by bench/b3.py's three-worker runs on PostgreSQL."""
    code = plaats(register, klok, ADMINISTRATIE_A)
    later = klok.nu() + timedelta(seconds=2)
    with register.sessies() as sessie, sessie.begin():
        [claim] = claim_koppen(sessie, nu=later, oins={ADMINISTRATIE_A}, limiet=5, claimduur=60)
    with register.sessies() as sessie, sessie.begin():
        assert claim_koppen(sessie, nu=klok.nu(), oins={ADMINISTRATIE_A}, limiet=5, claimduur=60) == []
    # that worker's attempt fails: recorded with its clock, next try 3 s after its "now"
    with register.sessies() as sessie, sessie.begin():
        assert leg_poging_vast(sessie, claim, status="opnieuw", pogingen=1, laatste_poging_op=later,
                               volgende_poging_op=later + timedelta(seconds=3))
    script = Script()
    dispatcher(register, klok, script).run_once()
    assert script.pogingen == []  # due at later + 3 s, not now
    klok.verder(6)
    dispatcher(register, klok, script).run_once()
    assert script.pogingen == [(ADMINISTRATIE_A, code)]


class VerlorenRace(Exception):
    sqlstate = "40001"  # what psycopg reports for a serialization failure


def test_een_verloren_race_bij_het_vastleggen_wordt_herhaald(register, klok, monkeypatch):
    """On PostgreSQL a dispatcher transaction can lose a race (serialization failure,
    deadlock). Recording an attempt is then run again at once: not logged and dropped,
    which would hold the administratie's queue for a lease period and send the push a
    second time."""
    from sqlalchemy.exc import OperationalError

    from rod_service.outbox import dispatcher as module

    code = plaats(register, klok, ADMINISTRATIE_A)
    echt, fouten = module.leg_poging_vast, []

    def eerst_verloren(verbinding, claim, **waarden):
        if not fouten:
            fouten.append(claim.id)
            raise OperationalError("UPDATE outbox ...", {}, VerlorenRace("could not serialize access"))
        return echt(verbinding, claim, **waarden)

    monkeypatch.setattr(module, "leg_poging_vast", eerst_verloren)
    script = Script()
    dispatcher(register, klok, script).run_once()
    stand = rijen(register)[code]
    assert fouten and (stand.status, stand.pogingen, stand.claim) == ("bezorgd", 1, None)
    assert script.pogingen == [(ADMINISTRATIE_A, code)]


@op_postgres
def test_op_postgresql_claimen_werkers_read_committed_ook_als_de_database_serializable_is(register, klok):
    """The dispatcher's safety rests on row locks (FOR UPDATE SKIP LOCKED, the lease token),
    not on isolation. Where a DBA made SERIALIZABLE the database's default, three workers
    claiming heads at once would abort each other's transactions (each reads the heads
    the others lease); the dispatcher pins READ COMMITTED, so none is lost."""
    with register.engine.connect() as verbinding:
        naam = verbinding.exec_driver_sql("SELECT current_database()").scalar()
        verbinding.exec_driver_sql(f'ALTER DATABASE "{naam}" SET default_transaction_isolation = \'serializable\'')
        verbinding.commit()
    register.engine.dispose()  # new connections start SERIALIZABLE
    with register.sessies() as sessie:
        assert sessie.execute(text("SHOW transaction_isolation")).scalar() == "serializable"
    verloren = []
    event.listen(register.engine, "handle_error",
                 lambda context: verloren.append(context.original_exception)
                 if verloor_race(context.sqlalchemy_exception) else None)
    zet_endpoint(register, klok, ADMINISTRATIE_B)
    verwacht = {ADMINISTRATIE_A: [], ADMINISTRATIE_B: []}
    for i in range(60):
        oin = (ADMINISTRATIE_A, ADMINISTRATIE_B)[i % 2]
        verwacht[oin].append(plaats(register, klok, oin))
    script = Script()
    werkers = [dispatcher(register, klok, script, interval=0.05).start() for _ in range(3)]
    try:
        wacht(lambda: len(script.pogingen) >= 60 and {r.status for r in rijen(register).values()} == {"bezorgd"},
                  seconden=30)
    finally:
        for werker in werkers:
            werker.stop()
    assert verloren == []
    assert len(script.pogingen) == 60  # none sent twice
    for oin, codes in verwacht.items():
        assert [code for o, code in script.pogingen if o == oin] == codes


def test_plaats_push_leest_en_controleert_de_kop(register):
    tekst = (wsdl_map() / "voorbeelden" / "verstrekkenBekostigingsberichtVO_Request.xml").read_bytes()
    body = tekst.replace(b"00000009900000000101", ADMINISTRATIE_A.encode())
    with register.uow() as uow:
        omgeving = register.omgeving()
        with pytest.raises(ValueError, match="addressed to"):
            plaats_push(uow, omgeving, ADMINISTRATIE_B, "verstrekkenBekostigingsberichtVO", body)
        with pytest.raises(ValueError, match="not .*verstrekkenTerugkoppelingVO_Request"):
            plaats_push(uow, omgeving, ADMINISTRATIE_A, "verstrekkenTerugkoppelingVO", body)
        bericht = plaats_push(uow, omgeving, ADMINISTRATIE_A, "verstrekkenBekostigingsberichtVO", body, "req-1")
        uow.commit()
    assert bericht.identificatiecode == "9c3e7a15-4b8d-4f62-a0e9-6d2b8f1c4a73"
    assert bericht.message_id.startswith("urn:uuid:") and bericht.request_id == "req-1"


def roep(app, methode, pad, inhoud=None, **environ):
    status, _, body = wsgi_roep(app, methode, pad, inhoud, **environ)
    return status, json.loads(body)


def test_admin_endpoint_override(register):
    app = maak_wsgi_app(register)
    pad = f"/admin/administraties/{ADMINISTRATIE_A}/endpoint"
    assert roep(app, "GET", pad) == ("200", {"oin": ADMINISTRATIE_A, "endpoint": "http://127.0.0.1:8090/las",
                                             "bron": "referentiedata", "gepauzeerd": False})
    status, antwoord = roep(app, "PUT", pad, {"endpoint": "https://las.example/push"})
    assert status == "200" and (antwoord["endpoint"], antwoord["bron"]) == ("https://las.example/push", "override")
    assert roep(app, "PUT", pad, {"endpoint": "ftp://x"})[0] == "400"
    assert roep(app, "PUT", pad, {"url": "http://x"})[0] == "400"
    assert roep(app, "DELETE", pad)[0] == "405"
    assert roep(app, "PUT", "/admin/administraties/00000009900000009999/endpoint", {"endpoint": "http://x"})[0] == "404"
    assert roep(app, "PUT", pad, {"endpoint": None})[1]["bron"] == "referentiedata"


def test_de_ontvangers_volgen_een_lading_uit_een_ander_proces(register, database_url):
    """The dispatcher's receivers (``Ontvangers``, cached per thread) follow reference data
    loaded by another process, by the one version every load sets in the dienststand. They
    followed the document's ``geladen_op`` before: a second load at the same instant (two
    clocks that agree, a clock held still) went unseen, and the pushes kept the old endpoint."""
    from rod_service.bootstrap import bootstrap
    from rod_service.config import Instellingen
    from rod_service.outbox.ontvangers import Ontvangers
    from rod_service.referentiedata import loader
    from rod_service.store.models import ReferentiedataDocument

    administratie = next(a for a in register.huidig_document()["administraties"] if a["oin"] == ADMINISTRATIE_A)
    ander_proces = bootstrap(Instellingen(database_url=database_url), migreren=False)

    def laad_in_ander_proces(endpoint: str) -> None:
        ander_proces.voeg_referentiedata_samen(loader.lees(
            {"administraties": [{**administratie, "endpoint": endpoint}]}, gedeeltelijk=True))

    ontvangers = Ontvangers()
    try:
        for endpoint in ("http://127.0.0.1:9/eerste", "http://127.0.0.1:9/tweede"):
            laad_in_ander_proces(endpoint)
            with register.lezen() as sessie:
                assert ontvangers.stand(sessie).get(ADMINISTRATIE_A).endpoint == endpoint
                geladen_op = sessie.get(ReferentiedataDocument, 1).geladen_op
            # the next load comes at the very instant of this one
            ander_proces.klok.nu = lambda t=geladen_op: t if t.tzinfo else t.replace(tzinfo=UTC)
    finally:
        ander_proces.engine.dispose()


def test_queue_cli(register, klok, tmp_path):
    url = register.instellingen.database_url
    runner = CliRunner()
    dood = plaats(register, klok, ADMINISTRATIE_A)
    draai(dispatcher(register, klok, Script(KAPOT), max_pogingen=1), klok, rondes=1)

    uit = runner.invoke(cli, ["queue", "status", "--json", "--database", url])
    assert uit.exit_code == 0, uit.output
    per_oin = {r["administratie"]: r for r in json.loads(uit.output)}
    assert per_oin[ADMINISTRATIE_A]["dood"] == 1 and per_oin[ADMINISTRATIE_A]["laatste_fout"].startswith("[afgewezen]")
    assert per_oin[ADMINISTRATIE_B]["endpoint"] is None  # known administratie, empty queue
    assert runner.invoke(cli, ["queue", "status", "--database", url]).exit_code == 0  # the rich table

    uit = runner.invoke(cli, ["queue", "list", "--state", "dead", "--json", "--database", url])
    assert [r["identificatiecode"] for r in json.loads(uit.output)] == [dood]
    assert runner.invoke(cli, ["queue", "list", "--state", "weg", "--database", url]).exit_code == 2
    assert runner.invoke(cli, ["queue", "replay", "--database", url]).exit_code == 2  # ID or --all
    uit = runner.invoke(cli, ["queue", "replay", "--all", "--database", url])
    assert uit.exit_code == 0 and "1 dead letter" in uit.output
    assert rijen(register)[dood].status == "opnieuw"

    assert runner.invoke(cli, ["queue", "pause", ADMINISTRATIE_A, "--database", url]).exit_code == 0
    with register.uow() as uow:
        assert uow.outbox.ontvangers()[ADMINISTRATIE_A].gepauzeerd
    assert runner.invoke(cli, ["queue", "resume", ADMINISTRATIE_A, "--database", url]).exit_code == 0
    with register.uow() as uow:
        assert not uow.outbox.ontvangers()[ADMINISTRATIE_A].gepauzeerd


def _bevestiging(element: str = "verstrekkenBekostigingsberichtVO_Response", bevestiging: str = "J") -> bytes:
    veld = f"<r:ontvangstBevestiging>{bevestiging}</r:ontvangstBevestiging>" if bevestiging else ""
    return (f'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>'
            f'<r:{element} xmlns:r="urn:rod-service:vo:v1">'
            f"<r:identificatiecodeBedrijfsdocument>{uuid.uuid4()}</r:identificatiecodeBedrijfsdocument>"
            f"<r:verzendendeInstantie>{ADMINISTRATIE_A}</r:verzendendeInstantie>"
            f"<r:ontvangendeInstantie>00000009900000000001</r:ontvangendeInstantie>"
            f"<r:datumTijdBedrijfsdocument>2026-11-23T10:00:00Z</r:datumTijdBedrijfsdocument>{veld}"
            f"</r:{element}></s:Body></s:Envelope>").encode()


CLIENT_FAULT = (b'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>'
                b"<faultcode>s:Client</faultcode><faultstring>AL02: ongeldig</faultstring></s:Fault></s:Body></s:Envelope>")


@pytest.mark.parametrize("status, inhoud, bezorgd, soort, in_melding", [
    ("200 OK", _bevestiging(), True, None, "J"),
    ("200 OK", _bevestiging(bevestiging="N"), False, Foutsoort.AFGEWEZEN, "rod-vo-las.xsd"),  # N is not in the XSD's enumeration
    ("200 OK", _bevestiging(bevestiging=""), False, Foutsoort.AFGEWEZEN, "ontvangstBevestiging"),
    ("200 OK", _bevestiging("verstrekkenTerugkoppelingVO_Response"), False, Foutsoort.AFGEWEZEN, "in plaats van"),
    ("200 OK", b"<html>hallo</html>", False, Foutsoort.AFGEWEZEN, "ongeldig antwoord"),
    ("202 Accepted", b"", False, Foutsoort.AFGEWEZEN, "HTTP 202"),
    ("400 Bad Request", b"nee", False, Foutsoort.AFGEWEZEN, "HTTP 400"),
    ("429 Too Many Requests", b"", False, Foutsoort.TIJDELIJK, "HTTP 429"),
    ("503 Service Unavailable", b"", False, Foutsoort.TIJDELIJK, "HTTP 503"),
    ("500 Internal Server Error", CLIENT_FAULT, False, Foutsoort.AFGEWEZEN, "AL02: ongeldig"),
])
def test_bezorger_erkent_alleen_een_geldige_bevestiging(status, inhoud, bezorgd, soort, in_melding):
    import threading

    from waitress import create_server

    from rod_service.outbox.bezorger import Bezorger
    from rod_service.soap.envelope import parse_envelope
    from rod_service.soap.schema import Contract
    from rod_service.soap.xml import parse_xml
    from rod_service.store.outbox_bezorging import Claim

    gezien, request_ids = [], []

    def las(environ, start_response):
        gezien.append((environ.get("HTTP_SOAPACTION"), environ["wsgi.input"].read(int(environ["CONTENT_LENGTH"]))))
        request_ids.append(environ.get("HTTP_X_REQUEST_ID"))
        start_response(status, [("Content-Type", "text/xml")])
        return [inhoud]

    server = create_server(las, host="127.0.0.1", port=0)
    threading.Thread(target=server.run, daemon=True).start()
    endpoint = f"http://127.0.0.1:{server.effective_port}/las"
    tekst = (wsdl_map() / "voorbeelden" / "verstrekkenBekostigingsberichtVO_Request.xml").read_bytes()
    claim = Claim(1, ADMINISTRATIE_A, "verstrekkenBekostigingsberichtVO", "9c3e7a15-4b8d-4f62-a0e9-6d2b8f1c4a73",
                  "urn:uuid:vast", tekst.partition(b"?>")[2].strip(), 0, datetime.now(UTC), "t", "verzoek-42")
    bezorger = Bezorger(wsdl=wsdl_map() / "LeerlingadministratieVO.wsdl",
                        contract=Contract(wsdl_map() / "xsd" / "rod-vo-las.xsd"), timeout=5)
    try:
        uitkomst = bezorger.bezorg(claim, endpoint=endpoint, rod_oin="00000009900000000001")
    finally:
        server.close()
    assert (uitkomst.bezorgd, uitkomst.foutsoort) == (bezorgd, soort), uitkomst
    assert in_melding in uitkomst.melding
    [(soap_action, verzonden)] = gezien
    assert request_ids == ["verzoek-42"]  # the originating request travels with the push
    actie = "urn:rod-service:vo:v1:LeerlingadministratieVO:verstrekkenBekostigingsberichtVO"
    assert soap_action == f'"{actie}"'
    wsa = parse_envelope(parse_xml(verzonden)).addressing
    assert (wsa.message_id, wsa.action, wsa.to) == ("urn:uuid:vast", actie, endpoint)
    assert wsa.from_.endswith("?oin=00000009900000000001")


def test_bezorger_zonder_verbinding_is_tijdelijk():
    from rod_service.outbox.bezorger import Bezorger
    from rod_service.soap.schema import Contract
    from rod_service.store.outbox_bezorging import Claim

    bezorger = Bezorger(wsdl=wsdl_map() / "LeerlingadministratieVO.wsdl",
                        contract=Contract(wsdl_map() / "xsd" / "rod-vo-las.xsd"), timeout=2)
    claim = Claim(1, ADMINISTRATIE_A, "verstrekkenBekostigingsberichtVO", "x", "urn:uuid:x",
                  b'<verstrekkenBekostigingsberichtVO_Request xmlns="urn:rod-service:vo:v1"/>', 0, datetime.now(UTC), "t")
    uitkomst = bezorger.bezorg(claim, endpoint="http://127.0.0.1:9/las", rod_oin="00000009900000000001")
    assert not uitkomst.bezorgd and uitkomst.foutsoort is Foutsoort.TIJDELIJK and "geen verbinding" in uitkomst.melding
