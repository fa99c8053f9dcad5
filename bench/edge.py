"""Figures for docs/architecture.md: what the ROD edge and the identificatie path cost.

Prints, for a beperkte-set identificatie request (~700 bytes):
  1. lxml parse + XSD validate per request (in-process, one core),
  2. the full path in-process through the WSGI app (parse, validate, checks, SQLite
     write of bedrijfsdocument + audit, answer) — no HTTP,
  3. the same over HTTP on loopback with waitress and a bounded thread load generator
     (requests/s, p50, p99).
Loopback only, bounded in count. Run: .venv/bin/python bench/edge.py [--aantal N]
"""
from __future__ import annotations

import argparse
import io
import logging
import statistics
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import requests
from verdeling import percentiel
from waitress import create_server

from rod_service.bootstrap import bootstrap
from rod_service.config import Instellingen
from rod_service.http import maak_wsgi_app
from rod_service.paden import wsdl_map
from rod_service.soap.envelope import parse_envelope
from rod_service.soap.schema import Contract
from rod_service.soap.xml import parse_xml

ENVELOP = """<?xml version="1.0" encoding="UTF-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:rod="urn:rod-service:vo:v1">
  <soap:Body>
    <rod:aanleverenIdentificerenPersoonVO_Request>
      <rod:identificatiecodeBedrijfsdocument>{code}</rod:identificatiecodeBedrijfsdocument>
      <rod:verzendendeInstantie>00000009900000000101</rod:verzendendeInstantie>
      <rod:ontvangendeInstantie>00000009900000000001</rod:ontvangendeInstantie>
      <rod:datumTijdBedrijfsdocument>2026-11-23T09:00:00Z</rod:datumTijdBedrijfsdocument>
      <rod:geboorteDatum>2012-03-14</rod:geboorteDatum>
      <rod:geslacht>M</rod:geslacht>
      <rod:metPGN><rod:burgerservicenummer>999990007</rod:burgerservicenummer></rod:metPGN>
    </rod:aanleverenIdentificerenPersoonVO_Request>
  </soap:Body>
</soap:Envelope>"""


def bericht() -> bytes:
    return ENVELOP.format(code=uuid.uuid4()).encode()


def parse_en_valideer(aantal: int) -> float:
    contract = Contract(wsdl_map() / "xsd" / "rod-vo-register.xsd")
    data = bericht()
    start = time.perf_counter()
    for _ in range(aantal):
        assert not contract.valideer(parse_envelope(parse_xml(data)).body)
    return (time.perf_counter() - start) / aantal


def in_proces(app, aantal: int) -> float:
    def roep(data: bytes) -> None:
        environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/rod/vo", "CONTENT_LENGTH": str(len(data)),
                   "wsgi.input": io.BytesIO(data), "wsgi.url_scheme": "http", "SERVER_NAME": "bench",
                   "SERVER_PORT": "80", "REMOTE_ADDR": "127.0.0.1"}
        status = []
        app(environ, lambda s, h: status.append(s))
        assert status[0].startswith("200")

    berichten = [bericht() for _ in range(aantal)]
    start = time.perf_counter()
    for data in berichten:
        roep(data)
    return (time.perf_counter() - start) / aantal


def over_http(app, aantal: int, gelijktijdig: int) -> tuple[float, float, float]:
    server = create_server(app, host="127.0.0.1", port=0, threads=gelijktijdig)
    threading.Thread(target=server.run, daemon=True).start()
    url = f"http://127.0.0.1:{server.effective_port}/rod/vo"
    lokaal = threading.local()

    def roep(data: bytes) -> float:
        sessie = getattr(lokaal, "sessie", None) or setattr(lokaal, "sessie", requests.Session()) or lokaal.sessie
        t = time.perf_counter()
        r = sessie.post(url, data=data, headers={"Content-Type": "text/xml"}, timeout=30)
        assert r.status_code == 200
        return time.perf_counter() - t

    berichten = [bericht() for _ in range(aantal)]
    start = time.perf_counter()
    with ThreadPoolExecutor(gelijktijdig) as pool:
        duren = sorted(pool.map(roep, berichten))
    totaal = time.perf_counter() - start
    server.close()
    return aantal / totaal, statistics.median(duren), percentiel(duren)


def main() -> None:
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--aantal", type=int, default=2000, help="requests per measurement (bounded)")
    n = args.parse_args().aantal
    with tempfile.TemporaryDirectory() as tmp:
        register = bootstrap(Instellingen(database_url=f"sqlite:///{tmp}/bench.sqlite3", datum=date(2026, 11, 23)))
        app = maak_wsgi_app(register)
        print(f"1. lxml parse + XSD validate:            {parse_en_valideer(n) * 1e6:8.1f} µs/request")
        print(f"2. full path in-process (WSGI, SQLite):  {in_proces(app, n) * 1e3:8.2f} ms/request")
        for gelijktijdig in (1, 4):
            rps, p50, p99 = over_http(app, n, gelijktijdig)
            print(f"3. HTTP loopback, {gelijktijdig} concurrent:          {rps:8.0f} req/s  "
                  f"p50 {p50 * 1e3:.2f} ms  p99 {p99 * 1e3:.2f} ms")


if __name__ == "__main__":
    main()
