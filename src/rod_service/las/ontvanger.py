"""The receiver's WSGI stack and its handle.

    POST /las     faal?  → that HTTP status (a LAS that is down)
                  traag? → sleep first (a slow LAS)
                  the project's SOAP edge (soap.wsgi.maak_app): size limit, hardened XML,
                  SOAP 1.1 envelope, XSD gate on rod-vo-las.xsd (AL01/AL02 Faults)
                  → spyne (dienst.py): log once per identificatiecode, acknowledge J
    GET  /las?wsdl our WSDL with resolvable XSDs      GET /health
    GET|PUT /beheer {"faal": 503 | null, "traag": seconds}: switch failure/slowness at runtime
"""
from __future__ import annotations

import io
import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from spyne import Application
from spyne.protocol.soap import Soap11
from spyne.server.wsgi import WsgiApplication
from waitress import create_server

from ..paden import wsdl_map
from ..soap.schema import Contract
from ..soap.wsgi import ServerFout, json_antwoord, maak_app
from ..soap.xml import XmlFout
from .dienst import NS, LeerlingadministratieVO
from .logboek import Logboek

PAD = "/las"
OPERATIES = {f"{naam}_Request" for naam in LeerlingadministratieVO.public_methods}


@dataclass
class Beheer:
    """Runtime switches; ``faal`` = the HTTP status to answer with (None: work normally)."""

    faal: int | None = None
    traag: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def zet(self, **waarden) -> dict:
        with self._lock:
            if "faal" in waarden:
                faal = waarden["faal"]
                self.faal = None if faal in (None, 0) else int(faal)
                if self.faal is not None and not 100 <= self.faal <= 599:
                    raise ValueError(f"faal {faal!r} is no HTTP status")
            if "traag" in waarden:
                self.traag = max(float(waarden["traag"] or 0.0), 0.0)
            return {"faal": self.faal, "traag": self.traag}


def maak_ontvanger_app(logboek: Logboek, beheer: Beheer):
    spyne_app = Application([LeerlingadministratieVO], tns=NS, in_protocol=Soap11(validator=None),
                            out_protocol=Soap11())
    spyne_app.event_manager.add_listener("method_call", lambda ctx: setattr(ctx, "udc", logboek))
    spyne_wsgi = WsgiApplication(spyne_app)

    def naar_spyne(verzoek, context):
        if verzoek.operatie not in OPERATIES or etree.QName(verzoek.body).namespace != NS:
            raise XmlFout("AL02", f"{verzoek.operatie} is geen verzoek van LeerlingadministratieVO.",
                          element=verzoek.operatie)
        data = etree.tostring(verzoek.body.getroottree(), xml_declaration=True, encoding="UTF-8")
        status, antwoord = _roep(spyne_wsgi, data, verzoek.soap_action)
        if not status.startswith("200"):
            raise ServerFout("LAS", f"spyne antwoordde {status}")
        return antwoord, None

    def beheer_route(environ):
        if environ["REQUEST_METHOD"] == "PUT":
            lengte = int(environ.get("CONTENT_LENGTH") or 0)
            try:
                beheer.zet(**json.loads(environ["wsgi.input"].read(lengte) or b"{}"))
            except (ValueError, TypeError) as fout:
                return json_antwoord("400 Bad Request", {"fout": str(fout)})
        stand = {"faal": beheer.faal, "traag": beheer.traag, "ontvangen": len(logboek.ontvangen()),
                 "verzoeken": logboek.verzoeken}
        return json_antwoord("200 OK", stand)

    kern = maak_app(wsdl_dir=wsdl_map(), wsdl_bestand="LeerlingadministratieVO.wsdl", pad=PAD,
                    contract=Contract(wsdl_map() / "xsd" / "rod-vo-las.xsd"), verwerk=naar_spyne,
                    extra_routes={("GET", "/beheer"): beheer_route, ("PUT", "/beheer"): beheer_route})

    def app(environ, start_response):
        if environ["REQUEST_METHOD"] == "POST" and environ.get("PATH_INFO") == PAD:
            logboek.tel_verzoek()
            if beheer.faal is not None:
                start_response(f"{beheer.faal} LAS faalt (beheer)", [("Content-Type", "text/plain")])
                return [b"de LAS is (bewust) niet beschikbaar\n"]
            if beheer.traag:
                time.sleep(beheer.traag)
        return kern(environ, start_response)

    return app


def _roep(wsgi, data: bytes, soap_action: str | None) -> tuple[str, bytes]:
    """Hand spyne the checked envelope as a POST of its own."""
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/", "QUERY_STRING": "", "SERVER_NAME": "las",
               "SERVER_PORT": "80", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(data),
               "CONTENT_TYPE": "text/xml; charset=utf-8", "CONTENT_LENGTH": str(len(data)),
               "HTTP_SOAPACTION": f'"{soap_action or ""}"'}
    status: list[str] = []
    body = b"".join(wsgi(environ, lambda s, headers, exc_info=None: status.append(s)))
    return status[0], body


@dataclass
class Ontvanger:
    """A running receiver (tests, ``rod-service las-ontvanger``)."""

    url: str
    logboek: Logboek
    beheer: Beheer
    _server: object
    _draad: threading.Thread | None = None

    def ontvangen(self) -> list[dict]:
        return self.logboek.ontvangen()

    @property
    def verzoeken(self) -> int:
        return self.logboek.verzoeken

    def zet_fout(self, status: int | None) -> None:
        self.beheer.zet(faal=status)

    def zet_traag(self, seconden: float) -> None:
        self.beheer.zet(traag=seconden)

    def run(self) -> None:
        self._server.run()

    def stop(self) -> None:
        self._server.close()
        if self._draad is not None:
            self._draad.join(5)


def maak(*, host: str = "127.0.0.1", port: int = 0, bestand: Path | None = None,
         faal: int | None = None, traag: float = 0.0, threads: int = 8) -> Ontvanger:
    logboek, beheer = Logboek(bestand), Beheer()
    beheer.zet(faal=faal, traag=traag)
    server = create_server(maak_ontvanger_app(logboek, beheer), host=host, port=port, threads=threads)
    return Ontvanger(f"http://{host}:{server.effective_port}{PAD}", logboek, beheer, server)


def start(**opties) -> Ontvanger:
    """:func:`maak` and serve in a daemon thread."""
    ontvanger = maak(**opties)
    ontvanger._draad = threading.Thread(target=ontvanger.run, name="las-ontvanger", daemon=True)
    ontvanger._draad.start()
    return ontvanger
