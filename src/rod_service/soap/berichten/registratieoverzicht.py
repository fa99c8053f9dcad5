"""aanvragenRegistratieoverzichtVO_Request / _Response (rod-vo-overzichten.xsd): the
selection period in, the pipe-delimited file out as ``bestand`` (bestandsnaam + base64)."""
from __future__ import annotations

import base64

from lxml import etree

from ...domain.bedrijfsdocument import Bedrijfsdocument
from ...domain.overzichten import Bestand, Overzichtresultaat, VraagRegistratieoverzichtAan
from .basis import antwoord_element, lees_bedrijfsdocument, schrijf_terugkoppeling
from .lezen import datum, tekst
from .schrijven import element, naar_bytes, veld


def lees(el: etree._Element) -> VraagRegistratieoverzichtAan:
    """[Bedrijfsdocument] <brin/> <datumBeginPeriode/>? <datumEindePeriode/>?"""
    return VraagRegistratieoverzichtAan(
        document=lees_bedrijfsdocument(el),
        brin=tekst(el, "brin"),
        datum_begin=datum(el, "datumBeginPeriode"),
        datum_einde=datum(el, "datumEindePeriode"),
    )


def schrijf(resultaat: Overzichtresultaat, verzoek: Bedrijfsdocument, antwoord: Bedrijfsdocument) -> bytes:
    """[OntvangstBevestiging] <terugkoppeling/>? <bestand/>?"""
    el = antwoord_element("aanvragenRegistratieoverzichtVO_Response", antwoord)
    schrijf_terugkoppeling(el, verzoek, resultaat.signalen)
    schrijf_bestand(el, "bestand", resultaat.bestand)
    return naar_bytes(el)


def schrijf_bestand(ouder: etree._Element, naam: str, bestand: Bestand | None) -> None:
    """<naam><bestandsnaam/><inhoud>base64</inhoud></naam> (type rod:Bestand)."""
    if bestand is None:
        return
    el = element(naam, ouder)
    veld(el, "bestandsnaam", bestand.bestandsnaam)
    veld(el, "inhoud", base64.b64encode(bestand.inhoud).decode("ascii"))

