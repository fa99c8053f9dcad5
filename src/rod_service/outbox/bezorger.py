"""Deliver ONE outbox message to a LAS endpoint with zeep, by our own LeerlingadministratieVO
WSDL, and say what came of it (never raises: every failure is an :class:`Uitkomst`).

The stored body element goes into a SOAP 1.1 envelope with WS-Addressing headers
(MessageID = the stored one, Action = the operation's soapAction, To = the endpoint,
From = ROD with ``?oin=``). The answer counts as an acknowledgement only on HTTP 200 with
a ``<operatie>_Response`` that zeep's binding reads (``process_reply``) *and* that is
valid against ``rod-vo-las.xsd`` with ``ontvangstBevestiging`` J: zeep alone accepts a
wrong element name or a missing field.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import requests
import zeep
from lxml import etree
from zeep.transports import Transport

from ..soap.envelope import Addressing, parse_envelope
from ..soap.render import ROD, STANDAARD_ROD, envelope
from ..soap.schema import Contract
from ..soap.xml import XmlFout, parse_xml
from ..store.outbox_bezorging import Claim
from .beleid import Foutsoort, classificeer

log = logging.getLogger(__name__)
SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"


@dataclass(frozen=True)
class Uitkomst:
    bezorgd: bool
    melding: str
    foutsoort: Foutsoort | None = None
    http_status: int | None = None


class Bezorger:
    """One ``zeep.Client`` per endpoint, built on first use and kept: its requests
    session keeps connections to that LAS alive, and the WSDL is parsed once, not per push.
    ``sessie`` makes that session (``ops.tls.requests_sessie``: our client certificate and
    the CA to trust for HTTPS endpoints)."""

    def __init__(self, *, wsdl: Path, contract: Contract, timeout: float,
                 sessie: Callable[[], requests.Session] = requests.Session) -> None:
        self._wsdl, self._contract, self._timeout, self._sessie = wsdl, contract, timeout, sessie
        self._clients: dict[str, zeep.Client] = {}
        self._lock = threading.Lock()

    def bezorg(self, claim: Claim, *, endpoint: str, rod_oin: str) -> Uitkomst:
        try:
            return self._bezorg(claim, endpoint, rod_oin)
        except (requests.ConnectionError, requests.Timeout) as fout:
            return Uitkomst(False, f"geen verbinding met {endpoint}: {type(fout).__name__}: {fout}",
                            classificeer(None))
        except Exception as fout:  # a bug must not stop the queue: record it on the message
            log.exception("bezorging van outbox %s mislukt", claim.id)
            return Uitkomst(False, f"interne fout: {type(fout).__name__}: {fout}", Foutsoort.AFGEWEZEN)

    def _client(self, endpoint: str) -> zeep.Client:
        with self._lock:
            if endpoint not in self._clients:
                transport = Transport(session=self._sessie(), operation_timeout=self._timeout)
                self._clients[endpoint] = zeep.Client(str(self._wsdl), transport=transport)
            return self._clients[endpoint]

    def _bezorg(self, claim: Claim, endpoint: str, rod_oin: str) -> Uitkomst:
        client = self._client(endpoint)
        binding = client.wsdl.services["LeerlingadministratieVO"].ports["LeerlingadministratieVOPort"].binding
        operatie = binding.get(claim.operatie)
        headers = Addressing(message_id=claim.message_id, action=operatie.soapaction, to=endpoint,
                             from_=f"{STANDAARD_ROD}?oin={rod_oin}")
        bericht = envelope(etree.fromstring(claim.body), addressing_antwoord=headers)
        http_koppen = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{operatie.soapaction}"'}
        if claim.request_id:  # lets a LAS (and our logs) tie the push to the request that caused it
            http_koppen["X-Request-Id"] = claim.request_id
        antwoord = client.transport.post(endpoint, bericht, http_koppen)
        if antwoord.status_code != 200:
            faultstring = _client_fault(antwoord.content)
            melding = f"HTTP {antwoord.status_code} {antwoord.reason}" + (f": {faultstring}" if faultstring else "")
            return Uitkomst(False, melding, classificeer(antwoord.status_code, client_fault=bool(faultstring)),
                            antwoord.status_code)
        fout = self._controleer_antwoord(client, binding, operatie, antwoord, claim.operatie)
        if fout:
            return Uitkomst(False, f"ongeldig antwoord (HTTP 200): {fout}", Foutsoort.AFGEWEZEN, 200)
        return Uitkomst(True, "HTTP 200, ontvangstBevestiging J", None, 200)

    def _controleer_antwoord(self, client, binding, operatie, antwoord, naam: str) -> str | None:
        """None for a valid acknowledgement, else what is wrong with the answer."""
        try:
            body = parse_envelope(parse_xml(antwoord.content)).body  # hardened: no DTD, size, depth
            binding.process_reply(client, operatie, antwoord)
        except (XmlFout, zeep.exceptions.Error, etree.LxmlError, LookupError, ValueError) as fout:
            return f"{type(fout).__name__}: {fout}"
        if body.tag != f"{{{ROD}}}{naam}_Response":
            return f"{etree.QName(body).localname} in plaats van {naam}_Response"
        if fouten := self._contract.valideer(body):
            return f"niet geldig volgens {self._contract.xsd.name}: " + "; ".join(f.als_tekst() for f in fouten)
        bevestiging = body.findtext(f"{{{ROD}}}ontvangstBevestiging")
        return None if bevestiging == "J" else f"ontvangstBevestiging is {bevestiging!r}, niet 'J'"


def _client_fault(inhoud: bytes) -> str | None:
    """The faultstring when ``inhoud`` is a SOAP 1.1 Fault with a Client faultcode."""
    try:
        fault = parse_xml(inhoud).find(f"{{{SOAP11}}}Body/{{{SOAP11}}}Fault")
    except XmlFout:
        return None
    if fault is None or not (fault.findtext("faultcode") or "").split(":")[-1].startswith("Client"):
        return None
    return (fault.findtext("faultstring") or "soap:Client Fault").strip()[:500]
