"""ID01–ID05: checks on the delivered set, before any lookup. Pure functions."""
from __future__ import annotations

import re
from datetime import date

from ...domain.adres import BinnenlandsAdres
from ...domain.identificatie import IdentificeerPersoon
from ...domain.kalender import leeftijd
from ...domain.pgn import is_geldig_bsn, is_geldig_onderwijsnummer
from ...domain.signalen import Signaal, signaal

POSTCODE = re.compile(r"[1-9][0-9]{3}[A-Z]{2}")
MAX_LEEFTIJD = 100


def controleer_bsn(bericht: IdentificeerPersoon) -> list[Signaal]:
    """ID01: the burgerservicenummer must pass the elfproef.
    Handbook 004 ('Wat is het verschil tussen een onderwijsnummer, sofinummer en BSN')."""
    if bericht.pgn and bericht.pgn.is_bsn and not is_geldig_bsn(bericht.pgn.nummer):
        return [signaal("ID01", element="metPGN/burgerservicenummer")]
    return []


def controleer_onderwijsnummer_vorm(bericht: IdentificeerPersoon) -> list[Signaal]:
    """ID03 (form part): an onderwijsnummer must pass the OWN check (starts with 10,
    weighted sum mod 11 = 5). Also applied to ``huidigOnderwijsnummer``: a school cannot
    hold an OWN that was never valid. Handbook 003 stap 2 (toekenning onderwijsnummer)."""
    gevonden = []
    if bericht.pgn and not bericht.pgn.is_bsn and not is_geldig_onderwijsnummer(bericht.pgn.nummer):
        gevonden.append(signaal("ID03", element="metPGN/onderwijsnummer"))
    if bericht.huidig_onderwijsnummer and not is_geldig_onderwijsnummer(bericht.huidig_onderwijsnummer):
        gevonden.append(signaal("ID03", element="huidigOnderwijsnummer"))
    return gevonden


def controleer_geboortedatum(bericht: IdentificeerPersoon, vandaag: date) -> list[Signaal]:
    """ID04: geboortedatum not in the future and the person not older than 100.
    Handbook 004 ('Kan de geboortedatum van leerlingen aangepast worden?')."""
    if bericht.geboortedatum > vandaag or leeftijd(bericht.geboortedatum, vandaag) > MAX_LEEFTIJD:
        return [signaal("ID04", element="geboorteDatum")]
    return []


def normaliseer_postcode(postcode: str | None) -> str | None:
    return postcode.replace(" ", "").upper() if postcode else None


def controleer_postcode(bericht: IdentificeerPersoon) -> list[Signaal]:
    """ID05: a binnenlandsAdres postcode must be a Dutch postcode (1234AB; a space and
    lower case are tolerated). The BRP can only be queried with a Dutch postcode:
    handbook 003 'Identificatieproblemen'."""
    adres = bericht.uitgebreide_set.adres if bericht.uitgebreide_set else None
    if isinstance(adres, BinnenlandsAdres) and adres.postcode is not None:
        if not POSTCODE.fullmatch(normaliseer_postcode(adres.postcode) or ""):
            return [signaal("ID05", element="zonderPGN/binnenlandsAdres/postcode")]
    return []


def controleer_set(bericht: IdentificeerPersoon, vandaag: date) -> list[Signaal]:
    """All checks on the delivered set together, so the LAS sees every fault at once."""
    return [
        *controleer_bsn(bericht),
        *controleer_onderwijsnummer_vorm(bericht),
        *controleer_geboortedatum(bericht, vandaag),
        *controleer_postcode(bericht),
    ]
