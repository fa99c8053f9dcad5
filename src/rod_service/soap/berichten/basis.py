"""Structures every message shares (rod-vo-basis.xsd): Bedrijfsdocument, PGN,
terugkoppeling, persoon and addresses."""
from __future__ import annotations

from lxml import etree

from ...domain.adres import Adres, BinnenlandsAdres, BuitenlandsAdres
from ...domain.bedrijfsdocument import Bedrijfsdocument
from ...domain.persoon import Persoonsgegevens
from ...domain.pgn import Nummersoort, Pgn
from ...domain.signalen import Signaal, afgekeurd
from .lezen import datumtijd, geheel, kind, tekst
from .schrijven import element, veld


def lees_bedrijfsdocument(el: etree._Element) -> Bedrijfsdocument:
    """<identificatiecodeBedrijfsdocument/> <verzendendeInstantie/> <ontvangendeInstantie/>
    <datumTijdBedrijfsdocument/> — the four fields every request opens with."""
    return Bedrijfsdocument(
        identificatiecode=tekst(el, "identificatiecodeBedrijfsdocument"),
        verzendende_instantie=tekst(el, "verzendendeInstantie"),
        ontvangende_instantie=tekst(el, "ontvangendeInstantie"),
        datum_tijd=datumtijd(el, "datumTijdBedrijfsdocument"),
    )


def lees_pgn(el: etree._Element | None) -> Pgn | None:
    """The flat choice <burgerservicenummer/> | <onderwijsnummer/>."""
    for soort in Nummersoort:
        nummer = tekst(el, soort.value)
        if nummer is not None:
            return Pgn(soort, nummer)
    return None


def lees_adres(el: etree._Element) -> Adres | None:
    binnen, buiten = kind(el, "binnenlandsAdres"), kind(el, "buitenlandsAdres")
    if binnen is not None:
        return BinnenlandsAdres(
            straatnaam=tekst(binnen, "straatnaam"), huisnummer=geheel(binnen, "huisnummer"),
            huisletter=tekst(binnen, "huisletter"), huisnummer_toevoeging=tekst(binnen, "huisnummerToevoeging"),
            huisnummer_aanduiding=tekst(binnen, "huisnummerAanduiding"),
            locatie_omschrijving=tekst(binnen, "locatieOmschrijving"), postcode=tekst(binnen, "postcode"),
            plaatsnaam=tekst(binnen, "plaatsnaam"),
        )
    if buiten is not None:
        return BuitenlandsAdres(
            adresregel1=tekst(buiten, "adresregelBuitenland1"), adresregel2=tekst(buiten, "adresregelBuitenland2"),
            adresregel3=tekst(buiten, "adresregelBuitenland3"), landcode=tekst(buiten, "landcode"),
        )
    return None


def antwoord_element(naam: str, antwoord: Bedrijfsdocument) -> etree._Element:
    """``<naam>`` opened with the Bedrijfsdocument fields and ontvangstBevestiging J."""
    el = element(naam)
    veld(el, "identificatiecodeBedrijfsdocument", antwoord.identificatiecode)
    veld(el, "verzendendeInstantie", antwoord.verzendende_instantie)
    veld(el, "ontvangendeInstantie", antwoord.ontvangende_instantie)
    veld(el, "datumTijdBedrijfsdocument", antwoord.datum_tijd)
    veld(el, "ontvangstBevestiging", "J")
    return el


def schrijf_signaal(ouder: etree._Element, s: Signaal) -> None:
    el = element("signaal", ouder)
    veld(el, "code", s.code)
    veld(el, "soort", s.soort.value)
    veld(el, "omschrijving", s.omschrijving)
    veld(el, "element", s.element)
    veld(el, "brin", s.brin)


def schrijf_terugkoppeling(ouder: etree._Element, verzoek: Bedrijfsdocument, signalen: list[Signaal]) -> None:
    el = element("terugkoppeling", ouder)
    veld(el, "identificatiecodeAanlevering", verzoek.identificatiecode)
    veld(el, "status", "AFGEKEURD" if afgekeurd(signalen) else "GOEDGEKEURD")
    for s in signalen:
        schrijf_signaal(el, s)


def schrijf_adres(ouder: etree._Element, adres: Adres) -> None:
    if isinstance(adres, BinnenlandsAdres):
        el = element("binnenlandsAdres", ouder)
        for naam, waarde in (
            ("straatnaam", adres.straatnaam), ("huisnummer", adres.huisnummer), ("huisletter", adres.huisletter),
            ("huisnummerToevoeging", adres.huisnummer_toevoeging),
            ("huisnummerAanduiding", adres.huisnummer_aanduiding),
            ("locatieOmschrijving", adres.locatie_omschrijving), ("postcode", adres.postcode),
            ("plaatsnaam", adres.plaatsnaam),
        ):
            veld(el, naam, waarde)
    else:
        el = element("buitenlandsAdres", ouder)
        veld(el, "adresregelBuitenland1", adres.adresregel1)
        veld(el, "adresregelBuitenland2", adres.adresregel2)
        veld(el, "adresregelBuitenland3", adres.adresregel3)
        veld(el, "landcode", adres.landcode)


def schrijf_persoon(ouder: etree._Element, persoon: Persoonsgegevens, naam: str = "persoon") -> etree._Element:
    """The number, and BRP data only when the person is in the BRP (spec 4.1 `persoon`)."""
    el = element(naam, ouder)
    veld(el, persoon.pgn.soort.value, persoon.pgn.nummer)
    brp = persoon.brp
    if brp is not None:
        veld(el, "achternaam", brp.achternaam)
        veld(el, "voorvoegsels", brp.voorvoegsels)
        veld(el, "voornamen", brp.voornamen)
        veld(el, "geboorteDatum", brp.geboortedatum)
        veld(el, "geslacht", brp.geslacht)
        if persoon.adres is not None:
            schrijf_adres(el, persoon.adres)
        veld(el, "datumOverlijden", brp.datum_overlijden)
    return el
