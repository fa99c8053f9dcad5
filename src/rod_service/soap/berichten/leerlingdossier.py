"""raadplegenLeerlingdossierVO_Request / _Response (rod-vo-leerlingdossier.xsd). A
``deelname`` reuses the inschrijving's element names (rod-vo-inschrijving.xsd), an
``examenresultaat`` the group ExamenresultaatGegevens (rod-vo-examenresultaat.xsd)."""
from __future__ import annotations

from lxml import etree

from ...domain.bedrijfsdocument import Bedrijfsdocument
from ...domain.inschrijving import Periode
from ...domain.leerlingdossier import Deelname, Leerlingdossier, Leerlingdossierresultaat, RaadpleegLeerlingdossier
from .basis import antwoord_element, lees_bedrijfsdocument, schrijf_persoon, schrijf_terugkoppeling
from .examenresultaat import schrijf_gegevens
from .lezen import tekst
from .schrijven import element, naar_bytes, veld


def lees(el: etree._Element) -> RaadpleegLeerlingdossier:
    """[Bedrijfsdocument] <xs:element name="brin" type="t:Brin"/>
    <xs:element name="burgerservicenummer" type="t:PGN" minOccurs="0"/>
    <xs:element name="onderwijsnummer" type="t:PGN" minOccurs="0"/>"""
    return RaadpleegLeerlingdossier(
        document=lees_bedrijfsdocument(el),
        brin=tekst(el, "brin"),
        burgerservicenummer=tekst(el, "burgerservicenummer"),
        onderwijsnummer=tekst(el, "onderwijsnummer"),
    )


def schrijf(resultaat: Leerlingdossierresultaat, verzoek: Bedrijfsdocument, antwoord: Bedrijfsdocument) -> bytes:
    """[OntvangstBevestiging] <terugkoppeling/>? <leerlingdossier/>?"""
    el = antwoord_element("raadplegenLeerlingdossierVO_Response", antwoord)
    schrijf_terugkoppeling(el, verzoek, resultaat.signalen)
    if resultaat.leerlingdossier is not None:
        schrijf_leerlingdossier(el, resultaat.leerlingdossier)
    return naar_bytes(el)


def schrijf_leerlingdossier(ouder: etree._Element, dossier: Leerlingdossier) -> None:
    """<persoonsgegevens type="rod:Persoon"/> <deelname/>* <examenresultaat/>*"""
    el = element("leerlingdossier", ouder)
    schrijf_persoon(el, dossier.persoonsgegevens, naam="persoonsgegevens")
    for deelname in dossier.deelnames:
        schrijf_deelname(el, deelname)
    for er in dossier.examenresultaten:
        schrijf_gegevens(el, er, naam="examenresultaat")


def schrijf_deelname(ouder: etree._Element, d: Deelname) -> None:
    """<brin/> <inschrijvingvolgnummer/>? <datumInschrijving/> <datumUitschrijving/>?
    <inschrijvingPeriodeVO/>* <ontwikkelingsperspectief/>* <verblijfAndereInstelling/>*"""
    el = element("deelname", ouder)
    veld(el, "brin", d.brin)
    veld(el, "inschrijvingvolgnummer", d.inschrijvingvolgnummer)
    veld(el, "datumInschrijving", d.datum_inschrijving)
    veld(el, "datumUitschrijving", d.datum_uitschrijving)
    for p in d.perioden:
        schrijf_periode(el, p)
    for o in d.ontwikkelingsperspectieven:
        opp = element("ontwikkelingsperspectief", el)
        veld(opp, "datumBegin", o.datum_begin)
        veld(opp, "datumEind", o.datum_eind)
    for v in d.verblijven:
        vai = element("verblijfAndereInstelling", el)
        veld(vai, "datumBegin", v.datum_begin)
        veld(vai, "datumEind", v.datum_eind)
        veld(vai, "brin", v.brin)
        veld(vai, "vestiging", v.vestiging)
        veld(vai, "verblijfsoort", v.verblijfsoort)


def schrijf_periode(ouder: etree._Element, p: Periode) -> None:
    """<datumBegin/> <onderwijsaanbieder/>? <onderwijslocatie/>? <opleidingcode/>
    <aanvullendeOpleiding><opleidingcode/></aanvullendeOpleiding>* <vestiging/> <leerjaar/>?
    <indicatieBekostigbaar/> <experiment><naam/></experiment>* <opleidingskenmerk/>*
    <indicatieNieuwkomersbekostiging/>?"""
    el = element("inschrijvingPeriodeVO", ouder)
    veld(el, "datumBegin", p.datum_begin)
    veld(el, "onderwijsaanbieder", p.onderwijsaanbieder)
    veld(el, "onderwijslocatie", p.onderwijslocatie)
    veld(el, "opleidingcode", p.opleidingcode)
    for code in p.aanvullende_opleidingen:
        veld(element("aanvullendeOpleiding", el), "opleidingcode", code)
    veld(el, "vestiging", p.vestiging)
    veld(el, "leerjaar", p.leerjaar)
    veld(el, "indicatieBekostigbaar", p.indicatie_bekostigbaar)
    for naam in p.experimenten:
        veld(element("experiment", el), "naam", naam)
    for kenmerk in p.opleidingskenmerken:
        veld(el, "opleidingskenmerk", kenmerk)
    veld(el, "indicatieNieuwkomersbekostiging", p.indicatie_nieuwkomersbekostiging)
