"""aanleverenInschrijvingVO_Request / _Response and aanleverenVerwijderingInschrijvingVO_Request
/ _Response (rod-vo-inschrijving.xsd), and the bekostigingsbericht both responses carry
(also pushed by leerlingadministratie.py).

``verwijdering`` bundles the removal's reader and writer for the dispatch table.
"""
from __future__ import annotations

from types import SimpleNamespace

from lxml import etree

from ...domain.bedrijfsdocument import Bedrijfsdocument
from ...domain.bekostiging import Bekostigingsbericht
from ...domain.inschrijving import (
    Inschrijvingresultaat,
    LeverInschrijvingAan,
    Ontwikkelingsperspectief,
    Periode,
    VerblijfAndereInstelling,
    Verzuimmelding,
    VerwijderInschrijving,
)
from .basis import antwoord_element, lees_bedrijfsdocument, lees_pgn, schrijf_signaal, schrijf_terugkoppeling
from .lezen import booleaans, datum, geheel, kinderen, tekst
from .schrijven import element, naar_bytes, veld


def lees(el: etree._Element) -> LeverInschrijvingAan:
    """[Bedrijfsdocument] (<burgerservicenummer/> | <onderwijsnummer/>) <brin/>
    <inschrijvingvolgnummer/> <datumInschrijving/> <datumUitschrijving/>?
    <inschrijvingPeriodeVO/>{1,100} <ontwikkelingsperspectief/>{0,100}
    <verblijfAndereInstelling/>{0,100} <verzuimmelding/>{0,100}"""
    return LeverInschrijvingAan(
        document=lees_bedrijfsdocument(el),
        pgn=lees_pgn(el),
        brin=tekst(el, "brin"),
        inschrijvingvolgnummer=tekst(el, "inschrijvingvolgnummer"),
        datum_inschrijving=datum(el, "datumInschrijving"),
        datum_uitschrijving=datum(el, "datumUitschrijving"),
        perioden=tuple(lees_periode(p) for p in kinderen(el, "inschrijvingPeriodeVO")),
        ontwikkelingsperspectieven=tuple(
            Ontwikkelingsperspectief(datum(o, "datumBegin"), datum(o, "datumEind"))
            for o in kinderen(el, "ontwikkelingsperspectief")
        ),
        verblijven=tuple(lees_verblijf(v) for v in kinderen(el, "verblijfAndereInstelling")),
        verzuimmeldingen=tuple(
            Verzuimmelding(datum(v, "datumBegin"), datum(v, "datumEind")) for v in kinderen(el, "verzuimmelding")
        ),
    )


def lees_periode(el: etree._Element) -> Periode:
    """<datumBegin/> <onderwijsaanbieder/>? <onderwijslocatie/>? <opleidingcode/>
    <aanvullendeOpleiding><opleidingcode/></aanvullendeOpleiding>{0,100} <vestiging/>
    <leerjaar/>? <indicatieBekostigbaar/> <experiment><naam/></experiment>{0,100}
    <opleidingskenmerk/>{0,100} <indicatieNieuwkomersbekostiging/>?"""
    return Periode(
        datum_begin=datum(el, "datumBegin"),
        onderwijsaanbieder=tekst(el, "onderwijsaanbieder"),
        onderwijslocatie=tekst(el, "onderwijslocatie"),
        opleidingcode=tekst(el, "opleidingcode"),
        aanvullende_opleidingen=tuple(tekst(a, "opleidingcode") for a in kinderen(el, "aanvullendeOpleiding")),
        vestiging=tekst(el, "vestiging"),
        leerjaar=geheel(el, "leerjaar"),
        indicatie_bekostigbaar=booleaans(el, "indicatieBekostigbaar"),
        experimenten=tuple(tekst(e, "naam") for e in kinderen(el, "experiment")),
        opleidingskenmerken=tuple((k.text or "").strip() for k in kinderen(el, "opleidingskenmerk")),
        indicatie_nieuwkomersbekostiging=booleaans(el, "indicatieNieuwkomersbekostiging"),
    )


def lees_verblijf(el: etree._Element) -> VerblijfAndereInstelling:
    """<datumBegin/> <datumEind/>? <brin/> <vestiging/>? <verblijfsoort/> (OPDC | VAVO)"""
    return VerblijfAndereInstelling(
        datum(el, "datumBegin"), datum(el, "datumEind"), brin=tekst(el, "brin"),
        vestiging=tekst(el, "vestiging"), verblijfsoort=tekst(el, "verblijfsoort"),
    )


def schrijf(resultaat: Inschrijvingresultaat, verzoek: Bedrijfsdocument, antwoord: Bedrijfsdocument) -> bytes:
    """[OntvangstBevestiging] <terugkoppeling/>? <bekostigingsbericht/>?"""
    el = antwoord_element("aanleverenInschrijvingVO_Response", antwoord)
    schrijf_terugkoppeling(el, verzoek, resultaat.signalen)
    if resultaat.bekostigingsbericht is not None:
        schrijf_bekostigingsbericht(el, resultaat.bekostigingsbericht)
    return naar_bytes(el)


def schrijf_bekostigingsbericht(ouder, bericht: Bekostigingsbericht):
    """(<burgerservicenummer/> | <onderwijsnummer/>) <brin/> <inschrijvingvolgnummer/>
    <datumEersteInschrijvingNederland/>? <indicatieNieuwkomersbekostiging/>
    <teldatum><datum/> <indicatieBekostigd/> <signaal/>*</teldatum>*"""
    el = element("bekostigingsbericht", ouder)
    veld(el, bericht.pgn.soort.value, bericht.pgn.nummer)
    veld(el, "brin", bericht.brin)
    veld(el, "inschrijvingvolgnummer", bericht.inschrijvingvolgnummer)
    veld(el, "datumEersteInschrijvingNederland", bericht.datum_eerste_inschrijving_nederland)
    veld(el, "indicatieNieuwkomersbekostiging", bericht.indicatie_nieuwkomersbekostiging)
    for status in bericht.teldata:
        teldatum = element("teldatum", el)
        veld(teldatum, "datum", status.datum)
        veld(teldatum, "indicatieBekostigd", status.indicatie_bekostigd)
        for s in status.signalen:
            schrijf_signaal(teldatum, s)
    return el


def lees_verwijdering(el: etree._Element) -> VerwijderInschrijving:
    """[Bedrijfsdocument] (<burgerservicenummer/> | <onderwijsnummer/>) <brin/> <inschrijvingvolgnummer/>"""
    return VerwijderInschrijving(
        document=lees_bedrijfsdocument(el),
        pgn=lees_pgn(el),
        brin=tekst(el, "brin"),
        inschrijvingvolgnummer=tekst(el, "inschrijvingvolgnummer"),
    )


def schrijf_verwijdering(resultaat: Inschrijvingresultaat, verzoek: Bedrijfsdocument,
                         antwoord: Bedrijfsdocument) -> bytes:
    """[OntvangstBevestiging] <terugkoppeling/>? <bekostigingsbericht/>? (no teldatum)"""
    el = antwoord_element("aanleverenVerwijderingInschrijvingVO_Response", antwoord)
    schrijf_terugkoppeling(el, verzoek, resultaat.signalen)
    if resultaat.bekostigingsbericht is not None:
        schrijf_bekostigingsbericht(el, resultaat.bekostigingsbericht)
    return naar_bytes(el)


#: The removal as the dispatch table wants a message module: ``lees`` and ``schrijf``.
verwijdering = SimpleNamespace(lees=lees_verwijdering, schrijf=schrijf_verwijdering)
