"""aanleverenIdentificerenPersoonVO: the beperkte set (metPGN) checked against the BRP, the
uitgebreide set (zonderPGN) matched to a BSN or an onderwijsnummer (spec 4.1, 5 ID;
handbook 003 stap 2)."""
from __future__ import annotations

from datetime import datetime

from ..domain.adres import BinnenlandsAdres, BuitenlandsAdres
from ..domain.identificatie import IdentificeerPersoon, Identificatieresultaat, UitgebreideSet
from ..domain.persoon import BrpPersoon, Persoonsgegevens
from ..domain.pgn import bsn, onderwijsnummer
from ..domain.signalen import afgekeurd, signaal
from ..rules.identificatie.attenties import attenties_brp
from ..rules.identificatie.controles import controleer_set, normaliseer_postcode
from ..rules.identificatie.matching import (
    Kandidaat,
    Zoeksleutel,
    eerste_voornaam,
    enige_match,
    volledige_achternaam,
)
from ..store.models import Persoon
from .omgeving import Omgeving
from .unit_of_work import UnitOfWork


def identificeer(bericht: IdentificeerPersoon, uow: UnitOfWork, omgeving: Omgeving) -> Identificatieresultaat:
    signalen = controleer_set(bericht, omgeving.klok.vandaag())
    if not afgekeurd(signalen) and bericht.huidig_onderwijsnummer:
        if uow.personen.op_onderwijsnummer(bericht.huidig_onderwijsnummer) is None:
            signalen.append(signaal("ID03", element="huidigOnderwijsnummer"))
    if afgekeurd(signalen):
        return Identificatieresultaat(signalen)
    nu = omgeving.klok.nu()
    if bericht.pgn is None:
        return _uitgebreide_set(bericht, uow, nu)
    if bericht.pgn.is_bsn:
        return _beperkte_set_bsn(bericht, uow, nu)
    return _beperkte_set_onderwijsnummer(bericht, uow)


def _beperkte_set_bsn(bericht: IdentificeerPersoon, uow: UnitOfWork, nu: datetime) -> Identificatieresultaat:
    """ID02 when the combination BSN, geboortedatum, geslacht is not in the BRP."""
    brp = uow.brp.op_bsn(bericht.pgn.nummer)
    if brp is None or (brp.geboortedatum, brp.geslacht) != (bericht.geboortedatum, bericht.geslacht):
        return Identificatieresultaat([signaal("ID02", element="metPGN/burgerservicenummer")])
    return _bsn_bekend(brp, bericht, uow, nu, [])


def _beperkte_set_onderwijsnummer(bericht: IdentificeerPersoon, uow: UnitOfWork) -> Identificatieresultaat:
    """An OWN ROD issued, with the geboortedatum and geslacht it was issued for. When ROD
    has since learned the pupil's BSN, that BSN is returned (ID51) so the LAS switches."""
    persoon = uow.personen.op_onderwijsnummer(bericht.pgn.nummer)
    if persoon is None:
        return Identificatieresultaat([signaal("ID03", element="metPGN/onderwijsnummer")])
    if (persoon.geboortedatum, persoon.geslacht) != (bericht.geboortedatum, bericht.geslacht):
        return Identificatieresultaat([signaal("ID02", element="geboorteDatum")])
    if persoon.burgerservicenummer:
        brp = uow.brp.op_bsn(persoon.burgerservicenummer)
        return Identificatieresultaat(
            [signaal("ID51", element="persoon/burgerservicenummer"), *(attenties_brp(brp) if brp else [])],
            Persoonsgegevens(bsn(persoon.burgerservicenummer), brp),
        )
    return Identificatieresultaat([], Persoonsgegevens(bericht.pgn))


def _uitgebreide_set(bericht: IdentificeerPersoon, uow: UnitOfWork, nu: datetime) -> Identificatieresultaat:
    """Match the BRP (binnenlandsAdres with postcode only); else the OWN this person got
    before (the huidigOnderwijsnummer, or the same set delivered earlier); else a new OWN."""
    sleutel = _zoeksleutel(bericht.uitgebreide_set)
    if sleutel.postcode is not None:
        kandidaten = uow.brp.kandidaten(bericht.geboortedatum, bericht.geslacht, sleutel.postcode)
        brp = enige_match(sleutel, (Kandidaat(_sleutel_brp(p), p) for p in kandidaten))
        if brp is not None:
            return _bsn_bekend(brp, bericht, uow, nu, [signaal("ID51", element="persoon/burgerservicenummer")])
    if bericht.huidig_onderwijsnummer:
        persoon = uow.personen.op_onderwijsnummer(bericht.huidig_onderwijsnummer)
        nummer = bericht.huidig_onderwijsnummer
    else:
        bekenden = uow.personen.zonder_bsn(bericht.geboortedatum, bericht.geslacht)
        persoon = enige_match(sleutel, (Kandidaat(_sleutel_bekend(p), p) for p in bekenden))
        nummer = uow.personen.eerste_onderwijsnummer(persoon) if persoon else None
    if persoon is None or nummer is None:
        persoon = uow.personen.voeg_toe(_nieuwe_persoon(bericht, sleutel, nu))
        nummer = uow.personen.geef_onderwijsnummer(persoon, nu)
    return Identificatieresultaat(
        [signaal("ID52", element="persoon/onderwijsnummer")], Persoonsgegevens(onderwijsnummer(nummer))
    )


def _bsn_bekend(brp: BrpPersoon, bericht: IdentificeerPersoon, uow: UnitOfWork, nu: datetime,
                signalen: list) -> Identificatieresultaat:
    """The BSN person becomes known to ROD; a huidigOnderwijsnummer is linked to it, and the
    stands delivered under that OWN follow the pupil."""
    if not bericht.huidig_onderwijsnummer:  # the common case: no ORM object needed (bench/RESULTS.md)
        uow.personen.zorg_voor_bsn_persoon(_persoon_uit_brp(brp, nu))
    else:
        persoon = (uow.personen.op_bsn(brp.burgerservicenummer)
                   or uow.personen.voeg_toe(Persoon(**_persoon_uit_brp(brp, nu))))
        vorige = uow.personen.koppel_onderwijsnummer(bericht.huidig_onderwijsnummer, persoon)
        if vorige is not None:
            uow.inschrijvingen.verhuis(vorige, persoon.id)
            uow.examenresultaten.verhuis(vorige, persoon.id)
    return Identificatieresultaat(
        [*signalen, *attenties_brp(brp)], Persoonsgegevens(bsn(brp.burgerservicenummer), brp)
    )


def _zoeksleutel(uitgebreid: UitgebreideSet) -> Zoeksleutel:
    adres = uitgebreid.adres
    return Zoeksleutel(
        achternaam=volledige_achternaam(uitgebreid.voorvoegsels, uitgebreid.achternaam),
        voornaam=eerste_voornaam(uitgebreid.voornamen),
        postcode=normaliseer_postcode(adres.postcode) if isinstance(adres, BinnenlandsAdres) else None,
        landcode=adres.landcode if isinstance(adres, BuitenlandsAdres) else None,
    )


def _sleutel_brp(p: BrpPersoon) -> Zoeksleutel:
    return Zoeksleutel(volledige_achternaam(p.voorvoegsels, p.achternaam), eerste_voornaam(p.voornamen),
                       normaliseer_postcode(getattr(p.adres, "postcode", None)))


def _sleutel_bekend(p: Persoon) -> Zoeksleutel:
    return Zoeksleutel(p.naamsleutel or "", p.voornaamsleutel or "", p.postcode, p.landcode)


def _nieuwe_persoon(bericht: IdentificeerPersoon, sleutel: Zoeksleutel, nu: datetime) -> Persoon:
    return Persoon(geboortedatum=bericht.geboortedatum, geslacht=bericht.geslacht,
                   naamsleutel=sleutel.achternaam, voornaamsleutel=sleutel.voornaam,
                   postcode=sleutel.postcode, landcode=sleutel.landcode, bekend_sinds=nu)


def _persoon_uit_brp(brp: BrpPersoon, nu: datetime) -> dict:
    """The persoon row's values for a BRP person."""
    return dict(burgerservicenummer=brp.burgerservicenummer, geboortedatum=brp.geboortedatum,
                geslacht=brp.geslacht, naamsleutel=volledige_achternaam(brp.voorvoegsels, brp.achternaam),
                voornaamsleutel=eerste_voornaam(brp.voornamen),
                postcode=normaliseer_postcode(getattr(brp.adres, "postcode", None)), landcode=None,
                bekend_sinds=nu)

