"""Render SOAP 1.1 answers: the envelope, WS-Addressing answer headers and Faults (spec section 2).

Only the generic parts live here; business bodies are built by the operation's renderer
and handed to :func:`envelope`.
"""
from __future__ import annotations

import copy
import functools
import uuid
from collections.abc import Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from xml.sax.saxutils import escape

from lxml import etree

from rod_service.soap.envelope import SOAP11, WSA, Addressing, oin_uit
from rod_service.soap.schema import Schemafout

ROD = "urn:rod-service:vo:v1"
WSA_FAULT_ACTION = "http://www.w3.org/2005/08/addressing/soap/fault"
ANONIEM = "http://www.w3.org/2005/08/addressing/anonymous"
# Stand-ins when the request did not say who it came from or was sent to.
STANDAARD_ADMINISTRATIE = "urn:rod-service:administratie"
STANDAARD_ROD = "urn:rod-service:rod"


def envelope(body: etree._Element, *, addressing_antwoord: Addressing | None = None) -> bytes:
    """A SOAP 1.1 envelope around ``body`` (copied, the caller's tree is left alone), UTF-8."""
    env = etree.Element(f"{{{SOAP11}}}Envelope", nsmap={"soap": SOAP11})
    if addressing_antwoord is not None:
        _wsa_header(etree.SubElement(env, f"{{{SOAP11}}}Header", nsmap={"wsa": WSA}), addressing_antwoord)
    inhoud = copy.deepcopy(body)
    inhoud.tail = None
    etree.SubElement(env, f"{{{SOAP11}}}Body").append(inhoud)
    return etree.tostring(env, xml_declaration=True, encoding="UTF-8")


_ENVELOPPE_OPEN = ("<?xml version='1.0' encoding='UTF-8'?>\n"
                   f'<soap:Envelope xmlns:soap="{SOAP11}">').encode()
_KOP_OPEN = f'<soap:Header xmlns:wsa="{WSA}">'.encode()
_ROMP = (b"<soap:Body>", b"</soap:Body></soap:Envelope>")


def envelope_om(body: bytes, *, addressing_antwoord: Addressing | None = None) -> bytes:
    """:func:`envelope` of an answer that is already bytes (as the operation rendered and
    stored it: one element, ``etree.tostring``), without parsing it and serialising it
    again: the envelope and headers are written around it, as lxml writes them. The same
    XML; the body stays as it was written, so an empty element written ``<a></a>`` stays
    so, where the round trip made it ``<a/>``. A body that does not start with its element
    (an XML declaration, a comment) takes :func:`envelope`."""
    if not body.startswith(b"<") or body[1:2] in (b"?", b"!"):
        return envelope(etree.fromstring(body), addressing_antwoord=addressing_antwoord)
    delen = [_ENVELOPPE_OPEN]
    if addressing_antwoord is not None:
        delen.append(_wsa_header_bytes(addressing_antwoord))
    delen += [_ROMP[0], body, _ROMP[1]]
    return b"".join(delen)


def _wsa_header_bytes(addressing: Addressing) -> bytes:
    """``<soap:Header>`` as :func:`_wsa_header` builds it and lxml writes it."""
    velden = [f"<wsa:{naam}>{_tekst(waarde)}</wsa:{naam}>"
              for naam, waarde in (("To", addressing.to), ("Action", addressing.action),
                                   ("MessageID", addressing.message_id), ("RelatesTo", addressing.relates_to))
              if waarde]
    if addressing.from_:
        velden.append(f"<wsa:From><wsa:Address>{_tekst(addressing.from_)}</wsa:Address></wsa:From>")
    if not velden:
        return _KOP_OPEN[:-1] + b"/>"
    return _KOP_OPEN + "".join(velden).encode() + b"</soap:Header>"


def _tekst(waarde: str) -> str:
    """Element text escaped as lxml writes it (``&``, ``<``, ``>``, carriage return)."""
    return escape(waarde).replace("\r", "&#13;")


def antwoord_addressing(verzoek: Addressing, action: str, rod_oin: str, administratie_oin: str) -> Addressing:
    """Answer headers: RelatesTo the request, a fresh MessageID, and From/To swapped.

    To is where the request came from (its From, else a non-anonymous ReplyTo, keeping the
    sender's own ``?oin=``);
    From is the address the request was sent to, carrying ROD's OIN.
    """
    return Addressing(
        message_id=nieuw_message_id(),
        action=action,
        relates_to=verzoek.message_id,
        to=_met_oin(verzoek.from_ or _echt_adres(verzoek.reply_to) or STANDAARD_ADMINISTRATIE,
                    administratie_oin, vervang=False),
        from_=_met_oin(verzoek.to or STANDAARD_ROD, rod_oin, vervang=True),
    )


def fault_addressing(verzoek: Addressing) -> Addressing:
    """Headers for a Fault answer, when the OINs are not (yet) known: the request's own, swapped."""
    return antwoord_addressing(
        verzoek, WSA_FAULT_ACTION,
        rod_oin=oin_uit(verzoek.to) or "", administratie_oin=oin_uit(verzoek.from_) or "",
    )


def fault(code: str, omschrijving: str, *, element: str | None = None, regel: int | None = None,
          faultcode: str = "soap:Client", addressing_antwoord: Addressing | None = None) -> bytes:
    """A SOAP 1.1 Fault whose detail holds ``rod:fout`` (code, omschrijving, element?, regel?).

    ``faultcode`` is a QName in the envelope's ``soap`` prefix: ``soap:Client`` or ``soap:Server``.
    """
    soap_fault = etree.Element(f"{{{SOAP11}}}Fault", nsmap={"soap": SOAP11})
    etree.SubElement(soap_fault, "faultcode").text = faultcode
    etree.SubElement(soap_fault, "faultstring").text = f"{code}: {omschrijving}"
    fout = etree.SubElement(etree.SubElement(soap_fault, "detail"), f"{{{ROD}}}fout", nsmap={"rod": ROD})
    velden = {"code": code, "omschrijving": omschrijving, "element": element,
              "regel": None if regel is None else str(regel)}
    for naam, waarde in velden.items():
        if waarde is not None:
            etree.SubElement(fout, f"{{{ROD}}}{naam}").text = waarde
    return envelope(soap_fault, addressing_antwoord=addressing_antwoord)


def schema_fault(fouten: Sequence[Schemafout], *, addressing_antwoord: Addressing | None = None) -> bytes:
    """AL02 listing every schema error, one per line; element and regel point at the first."""
    regels = "\n".join(fout.als_tekst() for fout in fouten)
    eerste = fouten[0] if fouten else Schemafout(None, None, "")
    return fault(
        "AL02", f"Het bericht voldoet niet aan het XSD ({len(fouten)} fout(en)):\n{regels}",
        element=eerste.element, regel=eerste.regel, addressing_antwoord=addressing_antwoord,
    )


def nieuw_message_id() -> str:
    return f"urn:uuid:{uuid.uuid4()}"


def _wsa_header(header: etree._Element, addressing: Addressing) -> None:
    for naam, waarde in (("To", addressing.to), ("Action", addressing.action),
                         ("MessageID", addressing.message_id), ("RelatesTo", addressing.relates_to)):
        if waarde:
            etree.SubElement(header, f"{{{WSA}}}{naam}").text = waarde
    if addressing.from_:
        van = etree.SubElement(header, f"{{{WSA}}}From")
        etree.SubElement(van, f"{{{WSA}}}Address").text = addressing.from_


def _echt_adres(uri: str | None) -> str | None:
    """A ReplyTo that names a place (not wsa's "anonymous" = this HTTP connection)."""
    return uri if uri and not uri.startswith(ANONIEM) else None


@functools.lru_cache(maxsize=4096)  # every answer asks it twice, for the few addresses a LAS uses
def _met_oin(uri: str, oin: str, *, vervang: bool) -> str:
    """``uri`` with ``?oin=<oin>``; an existing oin is kept unless ``vervang``; no OIN, no change."""
    delen = urlsplit(uri)
    query = parse_qsl(delen.query, keep_blank_values=True)
    if not oin or (not vervang and any(k == "oin" for k, _ in query)):
        return uri
    query = [(k, v) for k, v in query if k != "oin"] + [("oin", oin)]
    return urlunsplit(delen._replace(query=urlencode(query)))
