"""B1: the full aanleverenInschrijvingVO path (3 periods) over HTTP on loopback, on SQLite
and PostgreSQL, plus the in-process B1 ceiling (parse + XSD validate + canned answer).

Each measured request is a real change: persons of the default BRP, identified first,
get their inschrijving (12AB, three periods) delivered with the third period's
opleidingskenmerk flipped every time, so every request rewrites the stand, writes the
bedrijfsdocument and the audit record (not the cheap "unchanged" path). A bounded thread
load generator (requests.Session per thread) against serve's HTTP server (granian,
``rod_service.server``, one worker process, threads = concurrency) in a forked child process, so client and server do not share a GIL. bench/peers.py measures
the same path with wrk, next to its peers.
Results are printed as a Markdown table (bench/RESULTS.md).

Run: .venv/bin/python bench/b1.py [--rondes N] [--postgres postgresql+psycopg://.../EMPTY_DB]
"""
from __future__ import annotations

import argparse
import io
import itertools
import logging
import os
import signal
import statistics
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import requests
import zeep
from lxml import etree
from verdeling import percentiel

from rod_service.bootstrap import bootstrap
from rod_service.config import Instellingen
from rod_service.http import maak_wsgi_app
from rod_service.paden import wsdl_map
from rod_service.referentiedata import loader
from rod_service.server import luisteraar, serveer
from rod_service.soap.envelope import parse_envelope
from rod_service.soap.schema import Contract
from rod_service.soap.xml import parse_xml

VANDAAG = date(2026, 11, 23)
A = "00000009900000000101"
ROD = "00000009900000000001"
CODE = "0d0d0d0d-0000-4000-8000-000000000000"  # replaced per request


def _document() -> dict:
    return {"identificatiecodeBedrijfsdocument": CODE, "verzendendeInstantie": A, "ontvangendeInstantie": ROD,
            "datumTijdBedrijfsdocument": "2026-11-23T09:00:00Z"}


def _periode(begin: date, leerjaar: int, **kw) -> dict:
    return {"datumBegin": begin, "onderwijsaanbieder": "101A001", "onderwijslocatie": "101X001",
            "opleidingcode": "3121", "vestiging": "12AB00", "leerjaar": leerjaar, "indicatieBekostigbaar": True, **kw}


class Berichten:
    """Request bodies rendered once by zeep from our own WSDL; only the code changes per request."""

    def __init__(self) -> None:
        self.client = zeep.Client(str(wsdl_map() / "RegisterOnderwijsdeelnemersVO.wsdl"))

    def _render(self, operatie: str, **waarden) -> str:
        envelop = self.client.create_message(self.client.service, operatie, **_document(), **waarden)
        return etree.tostring(envelop, encoding="unicode")

    def identificatie(self, bsn: str, geboren: date, geslacht: str) -> str:
        return self._render("aanleverenIdentificerenPersoonVO", geboorteDatum=geboren, geslacht=geslacht,
                            metPGN={"burgerservicenummer": bsn})

    def inschrijving(self, bsn: str, variant: int) -> str:
        return self._render(
            "aanleverenInschrijvingVO", burgerservicenummer=bsn, brin="12AB", inschrijvingvolgnummer="B1",
            datumInschrijving=date(2024, 8, 1),
            inschrijvingPeriodeVO=[_periode(date(2024, 8, 1), 1), _periode(date(2025, 8, 1), 2),
                                   _periode(date(2026, 8, 1), 3, opleidingskenmerk=["TTO"] if variant else [])])


def personen(aantal: int) -> list[tuple[str, date, str]]:
    gekozen = []
    for p in loader.lees(loader.standaard_pad())["personen"][19:]:
        geboren = date.fromisoformat(p["geboorteDatum"])
        if not p.get("geheim") and date(2010, 9, 1) <= geboren <= date(2013, 7, 31) and p["geslacht"] in "MV":
            gekozen.append((p["burgerservicenummer"], geboren, p["geslacht"]))
    return gekozen[:aantal]


def _met_code(sjabloon: str) -> bytes:
    return sjabloon.replace(CODE, str(uuid.uuid4())).encode()


def _wacht_op(url: str, seconden: float = 60) -> None:
    """Until the server answers (its worker binds the port once its app is built)."""
    einde = time.monotonic() + seconden
    while True:
        try:
            requests.get(url, timeout=5)
            return
        except requests.ConnectionError:
            if time.monotonic() > einde:
                raise
            time.sleep(0.05)


def over_http(register, app, sjablonen: list[str], aantal: int,
              gelijktijdig: int) -> tuple[list[float], float, int]:
    """Serve ``app`` from a forked child process (the server must not share a GIL with the
    load generator's threads), send ``aantal`` requests; returns the durations, the wall
    time and the reruns the server counted (read from its /metrics)."""
    register.engine.dispose()  # the child opens its own connections
    sock = luisteraar("127.0.0.1", 0)
    kind = os.fork()
    if kind == 0:
        try:
            serveer(lambda: (app, None), sock, threads=gelijktijdig, workers=1)
        finally:
            os._exit(0)
    basis = f"http://127.0.0.1:{sock.getsockname()[1]}"
    sock.close()
    _wacht_op(f"{basis}/health")
    lokaal = threading.local()

    def roep(data: bytes) -> float:
        if not hasattr(lokaal, "sessie"):
            lokaal.sessie = requests.Session()
        t = time.perf_counter()
        r = lokaal.sessie.post(f"{basis}/rod/vo", data=data, headers={"Content-Type": "text/xml; charset=utf-8"},
                               timeout=60)
        assert r.status_code == 200 and b"GOEDGEKEURD" in r.content, r.content[:500]
        return time.perf_counter() - t

    try:
        berichten = [_met_code(s) for s in itertools.islice(itertools.cycle(sjablonen), aantal)]
        start = time.perf_counter()
        with ThreadPoolExecutor(gelijktijdig) as pool:
            duren = list(pool.map(roep, berichten))
        totaal = time.perf_counter() - start
        herhaald = _herhalingen(requests.get(f"{basis}/metrics", timeout=10).text)
    finally:
        os.kill(kind, signal.SIGKILL)
        os.waitpid(kind, 0)
    return duren, totaal, herhaald


def plafond(sjabloon: str, aantal: int) -> float:
    """Parse + XSD validate + a canned answer, in-process: what B1 costs before any rule or store."""
    contract = Contract(wsdl_map() / "xsd" / "rod-vo-register.xsd")
    antwoord = b"<canned/>"
    berichten = [_met_code(sjabloon) for _ in range(aantal)]
    start = time.perf_counter()
    for data in berichten:
        assert not contract.valideer(parse_envelope(parse_xml(data)).body)
        uit = io.BytesIO(antwoord).getvalue()
    assert uit
    return (time.perf_counter() - start) / aantal


def meet(naam: str, url: str, berichten: Berichten, rondes: int, niveaus: list[int]) -> list[str]:
    register = bootstrap(Instellingen(database_url=url, datum=VANDAAG))
    app = maak_wsgi_app(register, soap_tegelijk=1)  # as serve (--soap-tegelijk 1)
    leerlingen = personen(50)
    # identify and enrol each person once (not measured), then the measured stream of changes
    over_http(register, app, [berichten.identificatie(*p) for p in leerlingen] +
              [berichten.inschrijving(p[0], 0) for p in leerlingen], 2 * len(leerlingen), 1)
    regels, variant = [], 1
    for gelijktijdig in niveaus:
        # rounds of one variant, persons in turn: every request changes its person's stand,
        # and no two requests of a round touch the same person at once
        duren, totaal, herhaald = [], 0.0, 0
        for _ in range(rondes):
            sjablonen = [berichten.inschrijving(p[0], variant) for p in leerlingen]
            d, t, h = over_http(register, app, sjablonen, len(sjablonen), gelijktijdig)
            duren += d
            totaal += t
            herhaald += h
            variant = 1 - variant
        duren.sort()
        p50, p99 = statistics.median(duren), percentiel(duren)
        regels.append(f"| {naam} | {gelijktijdig} | {len(duren)} | {len(duren) / totaal:.0f} | "
                      f"{p50 * 1e3:.1f} | {p99 * 1e3:.1f} | {herhaald} |")
        print(regels[-1], flush=True)
    register.engine.dispose()
    return regels


def _herhalingen(metrics: str) -> int:
    """Requests rerun after losing a race (PostgreSQL), from the server's /metrics text."""
    return int(sum(float(regel.rsplit(" ", 1)[1]) for regel in metrics.splitlines()
                   if regel.startswith("rod_verzoek_herhalingen_total{")))


def main() -> None:
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--rondes", type=int, default=6, help="rounds of 50 requests per concurrency level")
    args.add_argument("--postgres", help="an EMPTY PostgreSQL database (postgresql+psycopg://...)")
    opties = args.parse_args()
    berichten = Berichten()
    niveaus = [1, 4, 8]
    print(f"B1 ceiling (parse + XSD validate + canned answer, in-process): "
          f"{plafond(berichten.inschrijving('999990007', 1), 500) * 1e3:.2f} ms/request", flush=True)
    print("| store | concurrency | requests | req/s | p50 ms | p99 ms | reruns |\n| --- | --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp:
        meet("SQLite", f"sqlite:///{tmp}/b1.sqlite3", berichten, opties.rondes, niveaus)
    if opties.postgres:
        meet("PostgreSQL", opties.postgres, berichten, opties.rondes, niveaus)


if __name__ == "__main__":
    main()
