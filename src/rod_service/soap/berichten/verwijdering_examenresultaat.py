"""aanleverenVerwijderingExamenresultaatVO_Request / _Response (rod-vo-examenresultaat.xsd)."""
from __future__ import annotations

from lxml import etree

from ...domain.bedrijfsdocument import Bedrijfsdocument
from ...domain.examenresultaat import Examenresultaatresultaat, VerwijderExamenresultaat
from .basis import antwoord_element, lees_bedrijfsdocument, lees_pgn, schrijf_terugkoppeling
from .lezen import tekst
from .schrijven import naar_bytes


def lees(el: etree._Element) -> VerwijderExamenresultaat:
    """[Bedrijfsdocument] <xs:group ref="rod:PersoonsgebondenNummer"/>
    <xs:element name="brin" type="t:Brin"/>
    <xs:element name="examenresultaatvolgnummer" type="t:Volgnummer"/>"""
    return VerwijderExamenresultaat(
        document=lees_bedrijfsdocument(el),
        pgn=lees_pgn(el),
        brin=tekst(el, "brin"),
        examenresultaatvolgnummer=tekst(el, "examenresultaatvolgnummer"),
    )


def schrijf(resultaat: Examenresultaatresultaat, verzoek: Bedrijfsdocument, antwoord: Bedrijfsdocument) -> bytes:
    """[OntvangstBevestiging] <xs:element name="terugkoppeling" type="rod:Terugkoppeling" minOccurs="0"/>"""
    el = antwoord_element("aanleverenVerwijderingExamenresultaatVO_Response", antwoord)
    schrijf_terugkoppeling(el, verzoek, resultaat.signalen)
    return naar_bytes(el)
