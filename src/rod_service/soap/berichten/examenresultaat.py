"""aanleverenExamenresultaatVO_Request / _Response (rod-vo-examenresultaat.xsd), and the
group ExamenresultaatGegevens both ways: the leerlingdossier writes it back "as delivered"."""
from __future__ import annotations

from typing import Any

from lxml import etree

from ...domain.bedrijfsdocument import Bedrijfsdocument
from ...domain.examenresultaat import (
    Beoordeeld,
    CentraalExamen,
    Cijferlijst,
    Combinatiecijfer,
    Examenresultaat,
    Examenresultaatresultaat,
    Examenvak,
    Herkansing,
    LeverExamenresultaatAan,
    Uitslag,
    Werkstuk,
)
from .basis import antwoord_element, lees_bedrijfsdocument, lees_pgn, schrijf_terugkoppeling
from .lezen import booleaans, datum, geheel, kind, kinderen, tekst
from .schrijven import element, naar_bytes, veld


def lees(el: etree._Element) -> LeverExamenresultaatAan:
    """[Bedrijfsdocument] (<burgerservicenummer/> | <onderwijsnummer/>) [ExamenresultaatGegevens]"""
    return LeverExamenresultaatAan(document=lees_bedrijfsdocument(el), pgn=lees_pgn(el), **lees_gegevens(el))


def schrijf(resultaat: Examenresultaatresultaat, verzoek: Bedrijfsdocument, antwoord: Bedrijfsdocument) -> bytes:
    """[OntvangstBevestiging] <terugkoppeling/>?"""
    el = antwoord_element("aanleverenExamenresultaatVO_Response", antwoord)
    schrijf_terugkoppeling(el, verzoek, resultaat.signalen)
    return naar_bytes(el)


# reading ------------------------------------------------------------------------------

def lees_gegevens(el: etree._Element) -> dict[str, Any]:
    """<xs:group name="ExamenresultaatGegevens">: <brin/> <examenresultaatvolgnummer/>
    <inschrijvingvolgnummer/>? <onderwijsaanbieder/>? <vestiging/> <examenregime/> <niveau/>
    <indicatieTeruggetrokken/> <indicatieEerderLeerjaar/> <indicatieGespreidExamen/>
    <indicatieDoorlopendeLeerlijn/> <uitslag/>? <cijferlijst/>* <herkansing/>*"""
    uitslag = kind(el, "uitslag")
    return dict(
        brin=tekst(el, "brin"),
        examenresultaatvolgnummer=tekst(el, "examenresultaatvolgnummer"),
        inschrijvingvolgnummer=tekst(el, "inschrijvingvolgnummer"),
        onderwijsaanbieder=tekst(el, "onderwijsaanbieder"),
        vestiging=tekst(el, "vestiging"),
        examenregime=geheel(el, "examenregime"),
        niveau=tekst(el, "niveau"),
        indicatie_teruggetrokken=booleaans(el, "indicatieTeruggetrokken"),
        indicatie_eerder_leerjaar=booleaans(el, "indicatieEerderLeerjaar"),
        indicatie_gespreid_examen=booleaans(el, "indicatieGespreidExamen"),
        indicatie_doorlopende_leerlijn=booleaans(el, "indicatieDoorlopendeLeerlijn"),
        uitslag=lees_uitslag(uitslag) if uitslag is not None else None,
        cijferlijsten=tuple(lees_cijferlijst(c) for c in kinderen(el, "cijferlijst")),
        herkansingen=tuple(
            Herkansing(tekst(h, "vakcode"), geheel(h, "examenregime"), geheel(h, "tijdvak"))
            for h in kinderen(el, "herkansing")
        ),
    )


def lees_uitslag(el: etree._Element) -> Uitslag:
    """<datumUitslag/>? <resultaat/> <soortWaardedocument/> <indicatieCumLaude/>"""
    return Uitslag(resultaat=tekst(el, "resultaat"), soort_waardedocument=tekst(el, "soortWaardedocument"),
                   indicatie_cum_laude=booleaans(el, "indicatieCumLaude"), datum_uitslag=datum(el, "datumUitslag"))


def lees_beoordeeld(el: etree._Element) -> Beoordeeld:
    """<xs:choice> <cijfer/> | <beoordeling/> </xs:choice>"""
    return Beoordeeld(cijfer=geheel(el, "cijfer"), beoordeling=tekst(el, "beoordeling"))


def lees_cijferlijst(el: etree._Element) -> Cijferlijst:
    """<opleidingcode/> <vak/>* <werkstuk/>? <combinatiecijfer/>?"""
    werkstuk, combinatie = kind(el, "werkstuk"), kind(el, "combinatiecijfer")
    return Cijferlijst(
        opleidingcode=tekst(el, "opleidingcode"),
        vakken=tuple(lees_vak(v) for v in kinderen(el, "vak")),
        werkstuk=None if werkstuk is None else Werkstuk(
            tekst(werkstuk, "volgnummerResultaat"), tekst(werkstuk, "titel"), lees_beoordeeld(werkstuk)),
        combinatiecijfer=None if combinatie is None else Combinatiecijfer(
            tekst(combinatie, "volgnummerResultaat"), geheel(combinatie, "eindcijfer")),
    )


def lees_vak(el: etree._Element) -> Examenvak:
    """<volgnummerResultaat/> <vakcode/> <examendeel/> <schoolexamen/>?
    <centraalExamen><tijdvak/><cijfer/></centraalExamen>{0,3} (<eindcijfer/> | <eindbeoordeling/>)?
    <indicatieDiplomavak/> <indicatieCombinatiecijfer/> <indicatieWerkstuk/>
    <redenNietDeelname/>? <indicatieInruil/> <vervangenVak/>?"""
    schoolexamen = kind(el, "schoolexamen")
    return Examenvak(
        volgnummer_resultaat=tekst(el, "volgnummerResultaat"),
        vakcode=tekst(el, "vakcode"),
        examendeel=tekst(el, "examendeel"),
        schoolexamen=lees_beoordeeld(schoolexamen) if schoolexamen is not None else None,
        centraal_examens=tuple(CentraalExamen(geheel(c, "tijdvak"), geheel(c, "cijfer"))
                               for c in kinderen(el, "centraalExamen")),
        eindcijfer=geheel(el, "eindcijfer"),
        eindbeoordeling=tekst(el, "eindbeoordeling"),
        indicatie_diplomavak=booleaans(el, "indicatieDiplomavak"),
        indicatie_combinatiecijfer=booleaans(el, "indicatieCombinatiecijfer"),
        indicatie_werkstuk=booleaans(el, "indicatieWerkstuk"),
        reden_niet_deelname=tekst(el, "redenNietDeelname"),
        indicatie_inruil=booleaans(el, "indicatieInruil"),
        vervangen_vak=tekst(el, "vervangenVak"),
    )


# writing (leerlingdossier) ----------------------------------------------------------------

def schrijf_gegevens(ouder: etree._Element, er: Examenresultaat, naam: str = "examenresultaat") -> etree._Element:
    """``<naam>`` holding the group ExamenresultaatGegevens, in XSD order."""
    el = element(naam, ouder)
    for veldnaam, waarde in (
        ("brin", er.brin), ("examenresultaatvolgnummer", er.examenresultaatvolgnummer),
        ("inschrijvingvolgnummer", er.inschrijvingvolgnummer), ("onderwijsaanbieder", er.onderwijsaanbieder),
        ("vestiging", er.vestiging), ("examenregime", er.examenregime), ("niveau", er.niveau),
        ("indicatieTeruggetrokken", er.indicatie_teruggetrokken),
        ("indicatieEerderLeerjaar", er.indicatie_eerder_leerjaar),
        ("indicatieGespreidExamen", er.indicatie_gespreid_examen),
        ("indicatieDoorlopendeLeerlijn", er.indicatie_doorlopende_leerlijn),
    ):
        veld(el, veldnaam, waarde)
    if er.uitslag is not None:
        u = element("uitslag", el)
        veld(u, "datumUitslag", er.uitslag.datum_uitslag)
        veld(u, "resultaat", er.uitslag.resultaat)
        veld(u, "soortWaardedocument", er.uitslag.soort_waardedocument)
        veld(u, "indicatieCumLaude", er.uitslag.indicatie_cum_laude)
    for lijst in er.cijferlijsten:
        _schrijf_cijferlijst(el, lijst)
    for h in er.herkansingen:
        hk = element("herkansing", el)
        veld(hk, "vakcode", h.vakcode)
        veld(hk, "examenregime", h.examenregime)
        veld(hk, "tijdvak", h.tijdvak)
    return el


def _schrijf_beoordeeld(el: etree._Element, b: Beoordeeld) -> None:
    veld(el, "cijfer", b.cijfer)
    veld(el, "beoordeling", b.beoordeling)


def _schrijf_cijferlijst(ouder: etree._Element, lijst: Cijferlijst) -> None:
    el = element("cijferlijst", ouder)
    veld(el, "opleidingcode", lijst.opleidingcode)
    for vak in lijst.vakken:
        _schrijf_vak(el, vak)
    if lijst.werkstuk is not None:
        ws = element("werkstuk", el)
        veld(ws, "volgnummerResultaat", lijst.werkstuk.volgnummer_resultaat)
        veld(ws, "titel", lijst.werkstuk.titel)
        _schrijf_beoordeeld(ws, lijst.werkstuk.resultaat)
    if lijst.combinatiecijfer is not None:
        cc = element("combinatiecijfer", el)
        veld(cc, "volgnummerResultaat", lijst.combinatiecijfer.volgnummer_resultaat)
        veld(cc, "eindcijfer", lijst.combinatiecijfer.eindcijfer)


def _schrijf_vak(ouder: etree._Element, vak: Examenvak) -> None:
    el = element("vak", ouder)
    veld(el, "volgnummerResultaat", vak.volgnummer_resultaat)
    veld(el, "vakcode", vak.vakcode)
    veld(el, "examendeel", vak.examendeel)
    if vak.schoolexamen is not None:
        _schrijf_beoordeeld(element("schoolexamen", el), vak.schoolexamen)
    for ce in vak.centraal_examens:
        c = element("centraalExamen", el)
        veld(c, "tijdvak", ce.tijdvak)
        veld(c, "cijfer", ce.cijfer)
    veld(el, "eindcijfer", vak.eindcijfer)
    veld(el, "eindbeoordeling", vak.eindbeoordeling)
    veld(el, "indicatieDiplomavak", vak.indicatie_diplomavak)
    veld(el, "indicatieCombinatiecijfer", vak.indicatie_combinatiecijfer)
    veld(el, "indicatieWerkstuk", vak.indicatie_werkstuk)
    veld(el, "redenNietDeelname", vak.reden_niet_deelname)
    veld(el, "indicatieInruil", vak.indicatie_inruil)
    veld(el, "vervangenVak", vak.vervangen_vak)
