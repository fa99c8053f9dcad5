"""Read a SOAP 1.1 envelope and its WS-Addressing 2005/08 headers (spec section 2).

    <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
      <soap:Header> wsa:MessageID? wsa:Action? wsa:To? wsa:From? wsa:ReplyTo? ... </soap:Header>?
      <soap:Body> exactly one request element </soap:Body>
    </soap:Envelope>

Matching is by namespace URI, never by prefix. Unknown headers are ignored.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from lxml import etree

from rod_service.soap.xml import XmlFout

SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
WSA = "http://www.w3.org/2005/08/addressing"


@dataclass(frozen=True)
class Addressing:
    """WS-Addressing headers of one message; every field is optional on the wire."""

    message_id: str | None = None
    action: str | None = None
    to: str | None = None
    from_: str | None = None  # wsa:From/wsa:Address
    reply_to: str | None = None  # wsa:ReplyTo/wsa:Address
    relates_to: str | None = None  # only set on answers


@dataclass(frozen=True)
class Verzoek:
    """A readable SOAP request: the body element (already parsed), its operation and headers."""

    body: etree._Element
    operatie: str  # local name of the body element, e.g. "aanleverenInschrijvingVO_Request"
    addressing: Addressing | None
    soap_action: str | None  # HTTP SOAPAction header, quotes stripped; "" counts as absent


def parse_envelope(root: etree._Element, *, soap_action: str | None = None) -> Verzoek:
    """Turn a parsed document into a :class:`Verzoek`, or raise XmlFout AL01."""
    if root.tag == f"{{{SOAP12}}}Envelope":
        raise XmlFout("AL01", "Dit is een SOAP 1.2-envelop; alleen SOAP 1.1 wordt ondersteund.",
                      regel=root.sourceline)
    if root.tag != f"{{{SOAP11}}}Envelope":
        raise XmlFout("AL01", f"Het bericht is geen SOAP 1.1-envelop (wortel {_naam(root)}).",
                      regel=root.sourceline)
    bodies = root.findall(f"{{{SOAP11}}}Body")
    if len(bodies) != 1:
        raise XmlFout("AL01", "De envelop moet precies één soap:Body hebben.", regel=root.sourceline)
    body = bodies[0]
    kinderen = [kind for kind in body if isinstance(kind.tag, str)]  # skip comments and PIs
    if len(kinderen) != 1:
        raise XmlFout("AL01", f"soap:Body moet precies één berichtelement bevatten, niet {len(kinderen)}.",
                      regel=body.sourceline)
    if _losse_tekst(body):
        raise XmlFout("AL01", "soap:Body bevat tekst buiten het berichtelement.", regel=body.sourceline)
    return Verzoek(
        body=kinderen[0],
        operatie=etree.QName(kinderen[0]).localname,
        addressing=_addressing(root.find(f"{{{SOAP11}}}Header")),
        soap_action=(soap_action or "").strip().strip('"') or None,
    )


def oin_uit(uri: str | None) -> str | None:
    """The ``oin`` query value of a Digikoppeling address (``...?oin=0000...``), if any."""
    if not uri:
        return None
    waarden = parse_qs(urlsplit(uri).query).get("oin")
    return waarden[0] if waarden else None


def _addressing(header: etree._Element | None) -> Addressing | None:
    if header is None:
        return None
    tekst = {etree.QName(kind).localname: (kind.text or "").strip()
             for kind in header if isinstance(kind.tag, str) and etree.QName(kind).namespace == WSA}
    if not tekst:
        return None
    return Addressing(
        message_id=tekst.get("MessageID") or None,
        action=tekst.get("Action") or None,
        to=tekst.get("To") or None,
        from_=_adres(header, "From"),
        reply_to=_adres(header, "ReplyTo"),
        relates_to=tekst.get("RelatesTo") or None,
    )


def _adres(header: etree._Element, naam: str) -> str | None:
    """wsa:From and wsa:ReplyTo are EndpointReferences: the URI sits in wsa:Address."""
    return (header.findtext(f"{{{WSA}}}{naam}/{{{WSA}}}Address") or "").strip() or None


def _losse_tekst(body: etree._Element) -> bool:
    return bool((body.text or "").strip()) or any((kind.tail or "").strip() for kind in body)


def _naam(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else "?"
