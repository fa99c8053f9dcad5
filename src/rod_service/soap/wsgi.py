"""The WSGI edge: SOAP endpoint, WSDL/XSD publication and /health, dispatched through one table.

The business side is a ``verwerk(verzoek, context)`` callback; this module only turns
HTTP into a validated :class:`Verzoek` and any failure into a SOAP 1.1 Fault (HTTP 500),
never an HTML page.
"""
from __future__ import annotations

import json
import logging
import os
import uuid
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote, urljoin
from wsgiref.util import application_uri

from lxml import etree

from rod_service.soap.envelope import Addressing, Verzoek, parse_envelope
from rod_service.soap.render import fault, fault_addressing, schema_fault
from rod_service.soap.schema import Contract
from rod_service.soap.xml import MAX_BYTES, XmlFout, parse_xml

log = logging.getLogger(__name__)

XSD = "http://www.w3.org/2001/XMLSchema"
WSDL = "http://schemas.xmlsoap.org/wsdl/"
# Attributes that point at another contract file; soap:address is handled apart.
VERWIJZINGEN = {f"{{{XSD}}}{naam}": "schemaLocation"
                for naam in ("import", "include", "redefine", "override")}
VERWIJZINGEN[f"{{{WSDL}}}import"] = "location"
SOAP_ADRESSEN = ("{http://schemas.xmlsoap.org/wsdl/soap/}address",
                 "{http://schemas.xmlsoap.org/wsdl/soap12/}address")
XML_TYPE = ("Content-Type", "text/xml; charset=utf-8")

Antwoord = tuple[str, list[tuple[str, str]], bytes]  # status, headers, body
Route = Callable[[dict], Antwoord]


@dataclass(frozen=True)
class Context:
    """Who sent the request, as far as the transport knows."""

    remote_addr: str | None
    client_cert_oin: str | None  # from the TLS client certificate (or a WS-Security signature)
    request_id: str


Verwerk = Callable[[Verzoek, Context], tuple[bytes, Addressing | None]]
#: Called for every Fault answered: (context, verzoek or None, fault code, omschrijving).
BijFout = Callable[[Context, "Verzoek | None", str, str], None]


#: The environ key under which a middleware may hand the edge its request id (ops/logging.py).
REQUEST_ID = "rod.request_id"


class Berichtbeveiliging:
    """Optional message security (WS-Security, ops/wss.py) plugged into the edge:
    ``controleer`` sees every parsed envelope before the XSD gate (raise XmlFout AL01 to
    refuse; return the signer's OIN or None) and ``onderteken`` every SOAP answer."""

    def controleer(self, envelop: etree._Element) -> str | None:  # pragma: no cover - interface
        return None

    def onderteken(self, antwoord: bytes) -> bytes:  # pragma: no cover - interface
        return antwoord


class ServerFout(Exception):
    """Raised by ``verwerk`` for a schema-valid request the server cannot serve (e.g. an
    operation not built yet): a ``soap:Server`` Fault with this code and text."""

    def __init__(self, code: str, omschrijving: str) -> None:
        super().__init__(code, omschrijving)
        self.code, self.omschrijving = code, omschrijving


def maak_app(*, wsdl_dir: Path, wsdl_bestand: str, pad: str = "/rod/vo", contract: Contract,
             verwerk: Verwerk, extra_routes: Mapping[tuple[str, str], Route] | None = None,
             max_bytes: int = MAX_BYTES, bij_fout: BijFout | None = None,
             certificaat_oin: Callable[[dict], str | None] | None = None,
             beveiliging: Berichtbeveiliging | None = None,
             beurt: AbstractContextManager | None = None) -> Callable:
    """The WSGI application; ``verwerk`` returns (complete response envelope, its wsa headers).

    ``certificaat_oin(environ)`` reads the OIN of a TLS client certificate (ops/tls.py);
    ``beveiliging`` checks and signs messages (ops/wss.py); a SOAP request is handled
    inside ``beurt`` (``serve``: a lock, ``--soap-tegelijk``; the other routes not)."""
    wsdl_dir = Path(wsdl_dir).resolve()
    beurt = beurt or nullcontext()

    def soap(environ: dict) -> Antwoord:
        try:  # before the turn: a client sending its body slowly must not hold up the others
            data: bytes | Exception = _lees_body(environ, max_bytes)  # (granian streams the body)
        except Exception as fout:  # noqa: BLE001 (answered inside, as any failure of the request)
            data = fout
        with beurt:
            status, headers, body = _soap(environ, data)
            if beveiliging is not None:
                try:
                    body = beveiliging.onderteken(body)
                except Exception:  # an unsigned answer beats none; the log says why
                    log.exception("ondertekenen van het antwoord mislukt")
        return status, headers, body

    def _soap(environ: dict, data: bytes | Exception) -> Antwoord:
        context = Context(remote_addr=environ.get("REMOTE_ADDR"),
                          client_cert_oin=certificaat_oin(environ) if certificaat_oin else None,
                          request_id=environ.get(REQUEST_ID) or uuid.uuid4().hex)
        verzoek: Verzoek | None = None
        try:
            if isinstance(data, Exception):
                raise data
            verzoek = parse_envelope(parse_xml(data, max_bytes=max_bytes),
                                     soap_action=environ.get("HTTP_SOAPACTION"))
            if beveiliging is not None:
                ondertekenaar = beveiliging.controleer(verzoek.body.getroottree().getroot())
                if ondertekenaar and context.client_cert_oin is None:
                    context = replace(context, client_cert_oin=ondertekenaar)
            if fouten := contract.valideer(verzoek.body):
                log.info("AL02 %s %s: %d schemafout(en): %s", context.request_id, verzoek.operatie, len(fouten),
                         "; ".join(f.als_tekst() for f in fouten[:10]))
                _meld(context, verzoek, "AL02", f"{len(fouten)} schemafout(en)")
                return _fault_antwoord(schema_fault(fouten, addressing_antwoord=_wsa_bij_fault(verzoek)))
            antwoord, addressing = verwerk(verzoek, context)
            # debug: the access line (ops/logging.py) already has the request id, the audit the rest
            log.debug("verwerkt %s %s message_id=%s", context.request_id, verzoek.operatie,
                     addressing.message_id if addressing else None)
            return "200 OK", [XML_TYPE], antwoord
        except XmlFout as fout:
            log.info("%s %s: %s", fout.code, context.request_id, fout)
            _meld(context, verzoek, fout.code, fout.omschrijving)
            return _fault_antwoord(fault(fout.code, fout.omschrijving, element=fout.element,
                                         regel=fout.regel, addressing_antwoord=_wsa_bij_fault(verzoek)))
        except ServerFout as fout:
            _meld(context, verzoek, fout.code, fout.omschrijving)
            return _fault_antwoord(fault(fout.code, fout.omschrijving, faultcode="soap:Server",
                                         addressing_antwoord=_wsa_bij_fault(verzoek)))
        except Exception:  # the client still gets SOAP, the traceback goes to the log
            log.exception("interne fout bij verzoek %s", context.request_id)
            _meld(context, verzoek, "INTERN", "interne fout")
            return _fault_antwoord(fault("INTERN", f"Interne fout; verzoek {context.request_id}.",
                                         faultcode="soap:Server", addressing_antwoord=_wsa_bij_fault(verzoek)))

    def _meld(context: Context, verzoek: Verzoek | None, code: str, omschrijving: str) -> None:
        if bij_fout is None:
            return
        try:
            bij_fout(context, verzoek, code, omschrijving)
        except Exception:  # recording a refusal must never turn it into a different answer
            log.exception("fout bij vastleggen van %s voor %s", code, context.request_id)

    def wsdl(environ: dict) -> Antwoord:
        endpoint = _basis_url(environ, pad)
        return _publiceer(wsdl_dir, wsdl_bestand, endpoint, endpoint=endpoint)

    def bestand(environ: dict) -> Antwoord:
        relatief = environ.get("PATH_INFO", "")[len(pad) + 1:]
        try:
            doel = (wsdl_dir / relatief).resolve()
        except (OSError, ValueError):
            return _niet_gevonden()
        if not (doel.is_relative_to(wsdl_dir) and doel.suffix in (".xsd", ".wsdl") and doel.is_file()):
            return _niet_gevonden()  # path traversal included: nothing outside wsdl_dir is served
        relatief, basis = doel.relative_to(wsdl_dir).as_posix(), _basis_url(environ, pad)
        return _publiceer(wsdl_dir, relatief, basis, endpoint=basis if relatief == wsdl_bestand else None)

    routes: dict[tuple[str, str], Route] = {
        ("POST", pad): soap,
        ("GET", pad): wsdl,  # with or without ?wsdl: there is nothing else to GET here
        # pid: which process answered (``serve --workers``: one per worker; keep-alive stays on one)
        ("GET", "/health"): lambda environ: json_antwoord("200 OK", {"status": "ok", "pid": os.getpid()}),
        **(extra_routes or {}),
    }

    def app(environ: dict, start_response: Callable) -> list[bytes]:
        methode, pad_info = environ["REQUEST_METHOD"], environ.get("PATH_INFO") or "/"
        route = routes.get((methode, pad_info))
        if route is None and pad_info.startswith(pad + "/"):
            route = bestand if methode == "GET" else _niet_toegestaan("GET")
        elif route is None:
            toegestaan = sorted(m for m, p in routes if p == pad_info)
            route = _niet_toegestaan(*toegestaan) if toegestaan else lambda environ: _niet_gevonden()
        try:
            status, headers, body = route(environ)
        except Exception:  # non-SOAP routes: a plain 500, still no HTML and no traceback to the client
            log.exception("interne fout op %s %s", methode, pad_info)
            status, headers, body = "500 Internal Server Error", [("Content-Type", "text/plain")], b"fout\n"
        start_response(status, [*headers, ("Content-Length", str(len(body)))])
        return [body]

    return app


def json_antwoord(status: str, inhoud, *extra_koppen: tuple[str, str]) -> Antwoord:
    """A JSON answer for the non-SOAP routes (health, admin, files, ops, the LAS receiver)."""
    return status, [("Content-Type", "application/json"), *extra_koppen], json.dumps(inhoud, ensure_ascii=False).encode()


def _lees_body(environ: dict, max_bytes: int) -> bytes:
    """At most max_bytes + 1 bytes: a declared or actual size over the limit is refused unread."""
    try:
        gemeld = int(environ.get("CONTENT_LENGTH") or -1)
    except ValueError:
        gemeld = -1
    if gemeld > max_bytes:
        raise XmlFout("AL01", f"Het bericht is groter dan {max_bytes} bytes.")
    te_lezen = gemeld if gemeld >= 0 else max_bytes + 1  # chunked or unknown length: read until EOF
    stukken, gelezen, invoer = [], 0, environ["wsgi.input"]
    while gelezen < te_lezen and (stuk := invoer.read(min(te_lezen - gelezen, 1 << 16))):
        stukken.append(stuk)
        gelezen += len(stuk)
    return b"".join(stukken)  # parse_xml refuses it when it is still too large


def _publiceer(wsdl_dir: Path, relatief: str, basis: str, *, endpoint: str | None) -> Antwoord:
    """A WSDL/XSD with every relative file reference made absolute under ``basis``."""
    root = parse_xml((wsdl_dir / relatief).read_bytes())
    map_url = urljoin(basis + "/", quote(relatief))  # references are relative to the file itself
    for element in root.iter(*VERWIJZINGEN):
        attribuut = VERWIJZINGEN[element.tag]
        if element.get(attribuut):
            element.set(attribuut, urljoin(map_url, element.get(attribuut)))
    if endpoint:
        for adres in root.iter(*SOAP_ADRESSEN):
            adres.set("location", endpoint)
    return "200 OK", [XML_TYPE], etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _basis_url(environ: dict, pad: str) -> str:
    """scheme://host[:port][script]/rod/vo as the client addressed us (HTTP_HOST honoured)."""
    return application_uri(environ).rstrip("/") + pad


def _wsa_bij_fault(verzoek: Verzoek | None) -> Addressing | None:
    return fault_addressing(verzoek.addressing) if verzoek and verzoek.addressing else None


def _fault_antwoord(body: bytes) -> Antwoord:
    return "500 Internal Server Error", [XML_TYPE], body  # SOAP 1.1 sends every Fault with 500


def _niet_gevonden() -> Antwoord:
    return "404 Not Found", [("Content-Type", "text/plain")], b"niet gevonden\n"


def _niet_toegestaan(*methoden: str) -> Route:
    headers = [("Allow", ", ".join(methoden)), ("Content-Type", "text/plain")]
    return lambda environ: ("405 Method Not Allowed", headers, b"methode niet toegestaan\n")
