"""The pushes ROD sends to a LAS (rod-vo-leerlingadministratie.xsd, spec 4.2):
verstrekkenDigitaalInUitschrijfbewijsVO_Request, verstrekkenBekostigingsberichtVO_Request
and verstrekkenTerugkoppelingVO_Request, each opened with a Bedrijfsdocument of its own
(ROD → administratie).

:func:`splits_asynchroon` is the asynchroon answer mode (spec section 2) for every
operation alike: the synchronous answer keeps the Bedrijfsdocument and the
ontvangstBevestiging, and everything after it moves, unchanged, into a
verstrekkenTerugkoppelingVO_Request.
"""
from __future__ import annotations

from lxml import etree

from ...domain.bedrijfsdocument import Bedrijfsdocument
from ...domain.bekostiging import Bekostigingsbericht
from ...domain.bewijs import Bewijs
from ...domain.push import BEKOSTIGINGSBERICHT, BEWIJS, TERUGKOPPELING, Push
from .inschrijving import schrijf_bekostigingsbericht
from .lezen import q
from .schrijven import element, naar_bytes, veld

XSI = "http://www.w3.org/2001/XMLSchema-instance"


def verzoek_element(operatie: str, document: Bedrijfsdocument) -> etree._Element:
    """``<operatie>_Request`` opened with the four Bedrijfsdocument fields."""
    el = element(f"{operatie}_Request")
    veld(el, "identificatiecodeBedrijfsdocument", document.identificatiecode)
    veld(el, "verzendendeInstantie", document.verzendende_instantie)
    veld(el, "ontvangendeInstantie", document.ontvangende_instantie)
    veld(el, "datumTijdBedrijfsdocument", document.datum_tijd)
    return el


def schrijf_bewijs(bewijs: Bewijs, document: Bedrijfsdocument) -> bytes:
    """[Bedrijfsdocument] (<burgerservicenummer/> | <onderwijsnummer/>) <eigenBrin/>
    <eigenInschrijvingvolgnummer/> <soortBewijs/> <inschrijving> <brin/>
    <onderwijsaanbieder/> <onderwijslocatie/> (<datumInschrijving/> | <datumUitschrijving/>)
    </inschrijving>; the date is xsi:nil="true" when it was removed."""
    el = verzoek_element(BEWIJS, document)
    veld(el, bewijs.pgn.soort.value, bewijs.pgn.nummer)
    veld(el, "eigenBrin", bewijs.eigen_brin)
    veld(el, "eigenInschrijvingvolgnummer", bewijs.eigen_inschrijvingvolgnummer)
    veld(el, "soortBewijs", bewijs.soort.value)
    inschrijving = element("inschrijving", el)
    veld(inschrijving, "brin", bewijs.brin)
    veld(inschrijving, "onderwijsaanbieder", bewijs.onderwijsaanbieder)
    veld(inschrijving, "onderwijslocatie", bewijs.onderwijslocatie)
    naam = "datumInschrijving" if bewijs.soort.value == "INSCHRIJFBEWIJS" else "datumUitschrijving"
    if bewijs.datum is None:
        etree.SubElement(inschrijving, q(naam), nsmap={"xsi": XSI}).set(f"{{{XSI}}}nil", "true")
    else:
        veld(inschrijving, naam, bewijs.datum)
    return naar_bytes(el)


def schrijf_bekostigingsbericht_push(bericht: Bekostigingsbericht, document: Bedrijfsdocument) -> bytes:
    """[Bedrijfsdocument] <bekostigingsbericht/> (a spontaneous bekostigingsbericht)."""
    el = verzoek_element(BEKOSTIGINGSBERICHT, document)
    schrijf_bekostigingsbericht(el, bericht)
    return naar_bytes(el)


_SCHRIJVERS = {BEWIJS: schrijf_bewijs, BEKOSTIGINGSBERICHT: schrijf_bekostigingsbericht_push}


def schrijf_push(push: Push, document: Bedrijfsdocument) -> bytes:
    """The request element of ``push`` under ``document`` (the pipeline's push writer)."""
    return _SCHRIJVERS[push.operatie](push.bericht, document)


def splits_asynchroon(antwoord: bytes, document: Bedrijfsdocument) -> tuple[bytes, bytes]:
    """(the short synchronous answer, the verstrekkenTerugkoppelingVO_Request body).
    The short answer ends with ontvangstBevestiging; the elements after it (terugkoppeling,
    persoon, bekostigingsbericht, in XSD order already) move to the push as they are."""
    wortel = etree.fromstring(antwoord)
    bevestiging = wortel.find(q("ontvangstBevestiging"))
    rest = list(bevestiging.itersiblings())
    push = verzoek_element(TERUGKOPPELING, document)
    for kind in rest:
        push.append(kind)  # moves it out of the answer
    return naar_bytes(wortel), naar_bytes(push)
