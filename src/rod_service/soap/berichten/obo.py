"""aanvragenOBOVO_Request / _Response (rod-vo-overzichten.xsd): brin and schooljaar in; the
OBO as ``bestand`` and, from the second OBO of a schooljaar on, the ``verschillenlijst``."""
from __future__ import annotations

from lxml import etree

from ...domain.bedrijfsdocument import Bedrijfsdocument
from ...domain.overzichten import Overzichtresultaat, Schooljaar, VraagOboAan
from ..xml import XmlFout
from .basis import antwoord_element, lees_bedrijfsdocument, schrijf_terugkoppeling
from .lezen import kind, tekst
from .registratieoverzicht import schrijf_bestand
from .schrijven import naar_bytes


def lees(el: etree._Element) -> VraagOboAan:
    """[Bedrijfsdocument] <brin/> <schooljaar/>. The XSD checks ``[0-9]{4}-[0-9]{4}``; two
    years that do not follow each other (``2025-2027``) are no schooljaar either: an AL02
    Fault like any other format error, since no OB code exists for it."""
    waarde = tekst(el, "schooljaar")
    try:
        schooljaar = Schooljaar.uit_tekst(waarde)
    except ValueError:
        raise XmlFout("AL02", f"schooljaar {waarde!r}: het tweede jaar moet het eerste plus één zijn "
                      "(bijvoorbeeld 2025-2026).", regel=kind(el, "schooljaar").sourceline, element="schooljaar")
    return VraagOboAan(document=lees_bedrijfsdocument(el), brin=tekst(el, "brin"), schooljaar=schooljaar)


def schrijf(resultaat: Overzichtresultaat, verzoek: Bedrijfsdocument, antwoord: Bedrijfsdocument) -> bytes:
    """[OntvangstBevestiging] <terugkoppeling/>? <bestand/>? <verschillenlijst/>?"""
    el = antwoord_element("aanvragenOBOVO_Response", antwoord)
    schrijf_terugkoppeling(el, verzoek, resultaat.signalen)
    schrijf_bestand(el, "bestand", resultaat.bestand)
    schrijf_bestand(el, "verschillenlijst", resultaat.verschillenlijst)
    return naar_bytes(el)
