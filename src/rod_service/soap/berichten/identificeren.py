"""aanleverenIdentificerenPersoonVO_Request / _Response (rod-vo-identificeren.xsd)."""
from __future__ import annotations

from lxml import etree

from ...domain.bedrijfsdocument import Bedrijfsdocument
from ...domain.identificatie import IdentificeerPersoon, Identificatieresultaat, UitgebreideSet
from .basis import antwoord_element, lees_adres, lees_bedrijfsdocument, lees_pgn, schrijf_persoon, schrijf_terugkoppeling
from .lezen import datum, kind, tekst
from .schrijven import naar_bytes


def lees(el: etree._Element) -> IdentificeerPersoon:
    """[Bedrijfsdocument] <huidigOnderwijsnummer/>? <geboorteDatum/> <geslacht/>
    (<metPGN>(bsn|own)</metPGN> | <zonderPGN><achternaam/><voorvoegsels/>?<voornamen/>?
    (buitenlandsAdres|binnenlandsAdres)</zonderPGN>)"""
    met, zonder = kind(el, "metPGN"), kind(el, "zonderPGN")
    uitgebreid = None
    if zonder is not None:
        uitgebreid = UitgebreideSet(
            achternaam=tekst(zonder, "achternaam"), voorvoegsels=tekst(zonder, "voorvoegsels"),
            voornamen=tekst(zonder, "voornamen"), adres=lees_adres(zonder),
        )
    return IdentificeerPersoon(
        document=lees_bedrijfsdocument(el),
        geboortedatum=datum(el, "geboorteDatum"),
        geslacht=tekst(el, "geslacht"),
        pgn=lees_pgn(met) if met is not None else None,
        uitgebreide_set=uitgebreid,
        huidig_onderwijsnummer=tekst(el, "huidigOnderwijsnummer"),
    )


def schrijf(resultaat: Identificatieresultaat, verzoek: Bedrijfsdocument, antwoord: Bedrijfsdocument) -> bytes:
    el = antwoord_element("aanleverenIdentificerenPersoonVO_Response", antwoord)
    schrijf_terugkoppeling(el, verzoek, resultaat.signalen)
    if resultaat.persoon is not None:
        schrijf_persoon(el, resultaat.persoon)
    return naar_bytes(el)
