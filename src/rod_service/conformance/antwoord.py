"""What an answer, a Fault or a push says, read from the XML on the wire (not from zeep's
objects), so that the runner judges any implementation by what a LAS receives.

Signals are plain dicts: ``code``, ``soort``, ``element``, ``brin``, ``omschrijving``,
``bron`` (``terugkoppeling``, ``bekostigingsbericht`` or ``fault``) and, for a signal
inside a bekostigingsbericht, ``teldatum`` (that teldatum's ``datum``). Fields are read by
path of local element names with 1-based indexes: ``persoon/burgerservicenummer``,
``bekostigingsbericht/teldatum[3]/indicatieBekostigd``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
PADDEEL = re.compile(r"^(?P<naam>[A-Za-z_][A-Za-z0-9_]*)(?:\[(?P<index>[0-9]+)\])?$")


class _Ontbreekt:
    """The element at a path is not there (compared equal to an expected null)."""

    def __repr__(self) -> str:
        return "(ontbreekt)"


ONTBREEKT = _Ontbreekt()


def lokaal(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def kinderen(element: etree._Element, naam: str) -> list[etree._Element]:
    return [k for k in element if isinstance(k.tag, str) and lokaal(k) == naam]


def kind_tekst(element: etree._Element, naam: str) -> str | None:
    gevonden = kinderen(element, naam)
    return (gevonden[0].text or "").strip() if gevonden else None


def veld(element: etree._Element | None, pad: str) -> Any:
    """The text at ``pad`` under ``element``: a string, None for ``xsi:nil``, or
    :data:`ONTBREEKT`. An element with children gives its serialised XML."""
    if element is None:
        return ONTBREEKT
    huidig = element
    for deel in pad.strip("/").split("/"):
        treffer = PADDEEL.match(deel)
        if not treffer:
            raise ValueError(f"ongeldig pad {pad!r}")
        index = int(treffer.group("index") or 1)
        gevonden = kinderen(huidig, treffer.group("naam"))
        if len(gevonden) < index:
            return ONTBREEKT
        huidig = gevonden[index - 1]
    if huidig.get(XSI_NIL) in ("true", "1"):
        return None
    if len(huidig):
        return etree.tostring(huidig, encoding="unicode")
    return (huidig.text or "").strip()


def aantal(element: etree._Element | None, pad: str) -> int:
    """How many elements match ``pad`` (the last part counted without an index)."""
    if element is None:
        return 0
    *ouders, laatste = pad.strip("/").split("/")
    huidig = element
    for deel in ouders:
        treffer = PADDEEL.match(deel)
        gevonden = kinderen(huidig, treffer.group("naam")) if treffer else []
        index = int(treffer.group("index") or 1) if treffer else 1
        if len(gevonden) < index:
            return 0
        huidig = gevonden[index - 1]
    return len(kinderen(huidig, laatste))


def signalen(body: etree._Element | None) -> list[dict]:
    """Every ``signaal`` under the body (terugkoppeling and bekostigingsbericht, also inside
    a pushed message), in document order."""
    if body is None:
        return []
    uit = []
    for s in body.iter():
        if not isinstance(s.tag, str) or lokaal(s) != "signaal":
            continue
        ouder = s.getparent()
        teldatum = kind_tekst(ouder, "datum") if ouder is not None and lokaal(ouder) == "teldatum" else None
        bron = "bekostigingsbericht" if teldatum is not None else "terugkoppeling"
        uit.append({"code": kind_tekst(s, "code"), "soort": kind_tekst(s, "soort"),
                    "element": kind_tekst(s, "element"), "brin": kind_tekst(s, "brin"),
                    "omschrijving": kind_tekst(s, "omschrijving"), "teldatum": teldatum, "bron": bron})
    return uit


@dataclass
class Antwoord:
    """One answer as received: HTTP status, the body's first element (the ``_Response`` or
    the ``Fault``) and the raw text for the report."""

    http_status: int | None
    body: etree._Element | None
    tekst: str = ""
    leesfout: str | None = None  # the bytes were no SOAP envelope
    extra_signalen: list[dict] = field(default_factory=list)

    @property
    def is_fault(self) -> bool:
        return self.body is not None and lokaal(self.body) == "Fault"

    @property
    def fout(self) -> dict:
        """faultcode and the ``detail/fout`` of a Fault (empty for an answer)."""
        if not self.is_fault:
            return {}
        detail = next(iter(kinderen(self.body, "detail")), None)
        fout = next(iter(kinderen(detail, "fout")), None) if detail is not None else None
        return {"faultcode": kind_tekst(self.body, "faultcode"), "faultstring": kind_tekst(self.body, "faultstring"),
                "code": kind_tekst(fout, "code") if fout is not None else None,
                "omschrijving": kind_tekst(fout, "omschrijving") if fout is not None else None,
                "element": kind_tekst(fout, "element") if fout is not None else None}

    @property
    def status(self) -> str:
        """GOEDGEKEURD/AFGEKEURD (the terugkoppeling), ONTVANGEN (only an
        ontvangstBevestiging: the asynchroon answer), FAULT:<code>, or GEEN (unreadable)."""
        if self.body is None:
            return "GEEN"
        if self.is_fault:
            code = self.fout.get("code")
            return f"FAULT:{code}" if code else "FAULT"
        status = veld(self.body, "terugkoppeling/status")
        if isinstance(status, str) and status:
            return status
        return "ONTVANGEN" if veld(self.body, "ontvangstBevestiging") == "J" else "GEEN"

    @property
    def signalen(self) -> list[dict]:
        if self.is_fault:
            fout = self.fout
            return [{"code": fout.get("code"), "soort": "AFKEUR", "element": fout.get("element"), "brin": None,
                     "omschrijving": fout.get("omschrijving"), "teldatum": None, "bron": "fault"}]
        return signalen(self.body) + self.extra_signalen

    def veld(self, pad: str) -> Any:
        return veld(self.body, pad)

    def samenvatting(self) -> str:
        """``AFGEKEURD: IS07@inschrijvingPeriodeVO[2]/onderwijsaanbieder, ...``"""
        delen = [beschrijf_signaal(s) for s in self.signalen if s.get("code")]
        if self.leesfout:
            return f"{self.status} ({self.leesfout})"
        return f"{self.status}: {', '.join(delen)}" if delen else self.status


def beschrijf_signaal(s: dict) -> str:
    tekst = s.get("code") or "?"
    if s.get("element"):
        tekst += f"@{s['element']}"
    extra = [f"{k} {s[k]}" for k in ("teldatum", "brin", "pgn", "volgnummer") if s.get(k)]
    return f"{tekst} ({', '.join(extra)})" if extra else tekst


def uit_envelop(data: bytes, http_status: int | None = None) -> Antwoord:
    """Read a SOAP 1.1 envelope; anything else is an Antwoord without a body."""
    tekst = data.decode("utf-8", errors="replace")
    try:
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True,
                                                             remove_blank_text=True))
    except etree.XMLSyntaxError as fout:
        return Antwoord(http_status, None, tekst, leesfout=f"geen XML: {fout}")
    body = root.find(f"{{{SOAP}}}Body")
    if body is None or not len(body):
        return Antwoord(http_status, None, tekst, leesfout="geen SOAP 1.1-envelop met een Body")
    return Antwoord(http_status, body[0], mooi(root))


def uit_element(body: etree._Element) -> Antwoord:
    """An Antwoord around a body element (a push as the receiver logged it)."""
    return Antwoord(200, body, mooi(body))


def mooi(element: etree._Element) -> str:
    kopie = etree.fromstring(etree.tostring(element), parser=etree.XMLParser(remove_blank_text=True))
    return etree.tostring(kopie, pretty_print=True, encoding="unicode")
