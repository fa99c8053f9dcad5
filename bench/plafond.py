"""B1-ceiling over HTTP: our edge and our HTTP server, but no rules and no store.

The same WSGI edge as ``rod-service serve`` (``soap/wsgi.py maak_app``: bounded read,
hardened parse, envelope, XSD validation against ``wsdl/xsd/rod-vo-register.xsd``, faults),
the same request-id/access-log middleware and JSON logging, served by the same server code
(``rod_service.server``: granian with W worker processes on one port). Its
``verwerk`` callback does what soap/dispatch.py does around the business pipeline and
nothing else: it takes a canned answer element (the real service's answer to the bench's
inschrijving), echoes the request's identificatiecodeBedrijfsdocument in
terugkoppeling/identificatiecodeAanlevering, renders the WS-Addressing answer headers and
serialises the envelope, so the per-request XML work on the way out is comparable to B1's.

What B1 adds on top of this is the cost of rules + store (+ dispatch's domain mapping).

    .venv/bin/python bench/plafond.py [--port 8090] [--threads 8] [--workers 1] [--antwoord FILE]

``--statisch`` serves only the canned envelope as bytes (no parse, no validation, no log):
what the HTTP server itself costs.

Without ``--antwoord`` the canned answer is made first by the real service in this process
(a temp SQLite register: identify a person, deliver the bench's inschrijving, keep the answer
element). bench/peers.py starts this as a subprocess. SIGTERM/SIGINT stop it.
"""
from __future__ import annotations

import argparse
import io
import sys
import tempfile
import threading
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/ (b1.py), also when imported

from rod_service.paden import wsdl_map
from rod_service.soap.envelope import SOAP11, Verzoek
from rod_service.soap.operaties import antwoord_actie
from rod_service.soap.render import antwoord_addressing, envelope
from rod_service.soap.schema import Contract
from rod_service.soap.wsgi import Context, ServerFout, maak_app

NS = "urn:rod-service:vo:v1"
OPERATIE = "aanleverenInschrijvingVO"

#: The canned answer element (bytes) the app's verwerk returns; set by ``zet_antwoord``
#: (or made on first use by ``canned_antwoord``).
_ANTWOORD: bytes | None = None


def canned_antwoord() -> bytes:
    """The real service's ``aanleverenInschrijvingVO_Response`` element for the bench's
    inschrijving (b1.py's message, first bench person, third period with a kenmerk): made
    in-process on a temp SQLite register (identify, then deliver). GOEDGEKEURD, with the
    bekostigingsbericht."""
    from b1 import VANDAAG, Berichten, _met_code, personen

    from rod_service.bootstrap import bootstrap
    from rod_service.config import Instellingen
    from rod_service.http import maak_wsgi_app

    berichten, persoon = Berichten(), personen(1)[0]
    with tempfile.TemporaryDirectory() as tmp:
        register = bootstrap(Instellingen(database_url=f"sqlite:///{tmp}/plafond.sqlite3", datum=VANDAAG))
        try:
            app = maak_wsgi_app(register)
            _post(app, _met_code(berichten.identificatie(*persoon)))
            antwoord = _post(app, _met_code(berichten.inschrijving(persoon[0], 1)))
        finally:
            register.engine.dispose()
    element = etree.fromstring(antwoord).find(f"{{{SOAP11}}}Body/{{{NS}}}{OPERATIE}_Response")
    if element is None or element.findtext(f"{{{NS}}}terugkoppeling/{{{NS}}}status") != "GOEDGEKEURD":
        raise RuntimeError(f"unexpected answer of the real service: {antwoord[:600]!r}")
    return etree.tostring(element)


def _post(app, data: bytes) -> bytes:
    return _vraag(app, "POST", "/rod/vo", data)


def _vraag(app, methode: str, pad: str, data: bytes = b"") -> bytes:
    """One request to the in-process WSGI ``app``; its body, or RuntimeError if not 200."""
    environ = {"REQUEST_METHOD": methode, "PATH_INFO": pad, "QUERY_STRING": "", "CONTENT_LENGTH": str(len(data)),
               "wsgi.input": io.BytesIO(data), "wsgi.url_scheme": "http", "SERVER_NAME": "127.0.0.1",
               "SERVER_PORT": "80", "REMOTE_ADDR": "127.0.0.1"}
    status: list[str] = []
    body = b"".join(app(environ, lambda s, h, *_: status.append(s)))
    if not status[0].startswith("200"):
        raise RuntimeError(f"{methode} {pad}: {status[0]}: {body[:600]!r}")
    return body


def zet_antwoord(antwoord: bytes) -> None:
    """Use ``antwoord`` (an ``aanleverenInschrijvingVO_Response`` element) as the canned answer."""
    global _ANTWOORD
    element = etree.fromstring(antwoord)
    if element.tag != f"{{{NS}}}{OPERATIE}_Response":
        raise ValueError(f"not an {OPERATIE}_Response element: {element.tag}")
    _ANTWOORD = antwoord


def _verwerk(verzoek: Verzoek, context: Context):
    """soap/dispatch.py's work around the pipeline, with the pipeline replaced by the canned
    answer: the answer element parsed from bytes, the document code echoed, WS-Addressing
    answer headers when the request had them, the envelope serialised."""
    if verzoek.operatie != f"{OPERATIE}_Request":
        raise ServerFout("NIET_GEIMPLEMENTEERD", f"plafond answers {OPERATIE} only, not {verzoek.operatie}")
    antwoord = etree.fromstring(_ANTWOORD)
    antwoord.find(f"{{{NS}}}terugkoppeling/{{{NS}}}identificatiecodeAanlevering").text = \
        verzoek.body.findtext(f"{{{NS}}}identificatiecodeBedrijfsdocument")
    addressing = None
    if verzoek.addressing is not None:
        addressing = antwoord_addressing(verzoek.addressing, antwoord_actie(OPERATIE),
                                         verzoek.body.findtext(f"{{{NS}}}ontvangendeInstantie") or "",
                                         verzoek.body.findtext(f"{{{NS}}}verzendendeInstantie") or "")
    return envelope(antwoord, addressing_antwoord=addressing), addressing


def maak_plafond_app():
    """A worker's WSGI app (for the ``maak_werker`` callback of ``server.serveer``): our
    edge with the canned-answer ``verwerk``, wrapped like ``http.maak_wsgi_app`` wraps it."""
    from rod_service.ops.logging import met_request_id

    if _ANTWOORD is None:
        zet_antwoord(canned_antwoord())
    app = maak_app(
        wsdl_dir=wsdl_map(),
        wsdl_bestand="RegisterOnderwijsdeelnemersVO.wsdl",
        contract=Contract(wsdl_map() / "xsd" / "rod-vo-register.xsd"),
        verwerk=_verwerk,
        beurt=threading.Lock(),  # as serve's default --soap-tegelijk 1 (http.py)
    )
    return met_request_id(app)


def maak_statische_app():
    """Only the HTTP server: read the body, answer the canned envelope as bytes (no parse, no
    validation, no logging middleware). What the HTTP server itself costs per request."""
    antwoord = envelope(etree.fromstring(_ANTWOORD))

    def app(environ: dict, start_response):
        environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        start_response("200 OK", [("Content-Type", "text/xml; charset=utf-8"), ("Content-Length", str(len(antwoord)))])
        return [antwoord]

    return app


def main() -> None:
    from rod_service.ops.logging import configureer
    from rod_service.server import luisteraar, serveer

    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--host", default="127.0.0.1")
    args.add_argument("--port", type=int, default=8090)
    args.add_argument("--threads", type=int, default=8, help="threads per worker process")
    args.add_argument("--workers", type=int, default=1, help="worker processes sharing the port")
    args.add_argument("--antwoord", type=Path, help="the canned answer element (XML file); default: "
                      "made by the real service in-process at start")
    args.add_argument("--log-formaat", default="json", choices=["json", "tekst", "uit"],
                      help="logging as `rod-service serve` does it (json, INFO) or off")
    args.add_argument("--statisch", action="store_true", help="only the HTTP server: answer the canned "
                      "envelope as bytes without parsing the request (the HTTP server's own cost)")
    opties = args.parse_args()
    if opties.log_formaat != "uit":
        configureer(formaat=opties.log_formaat, niveau="INFO")
    # before the fork: every worker inherits the canned answer
    zet_antwoord(opties.antwoord.read_bytes() if opties.antwoord else canned_antwoord())
    sock = luisteraar(opties.host, opties.port)
    print(f"http://{opties.host}:{sock.getsockname()[1]}/rod/vo", flush=True)
    maak_app = maak_statische_app if opties.statisch else maak_plafond_app
    serveer(lambda: (maak_app(), None), sock,
            threads=opties.threads, workers=opties.workers)


if __name__ == "__main__":
    main()
