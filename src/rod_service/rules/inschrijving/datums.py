"""IS03, IS04, IS05, IS12, IS15: the dates of a stand among themselves and against today.
Handbook 000 ch. 06 (a deelname: datum inschrijving/uitschrijving, perioden, OPP, VAI) and
ch. 13 'Afkeurcontroles aanlevering inschrijvingen'; IS15 anticipates ch. 16 KW01."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ...domain.inschrijving import Inschrijvingsstand, Looptijd
from ...domain.kalender import een_jaar_na
from ...domain.signalen import Signaal, signaal
from . import pad

PERIODE = "inschrijvingPeriodeVO"


def controleer_uitschrijving_na_inschrijving(stand: Inschrijvingsstand) -> list[Signaal]:
    """IS03: datumUitschrijving may not lie before datumInschrijving (the same day is a
    one-day inschrijving)."""
    if stand.datum_uitschrijving is not None and stand.datum_uitschrijving < stand.datum_inschrijving:
        return [signaal("IS03", element="datumUitschrijving")]
    return []


def controleer_eerste_periode(stand: Inschrijvingsstand) -> list[Signaal]:
    """IS04: the first period (the earliest datumBegin, whatever its place in the message)
    begins on datumInschrijving: the periods cover the inschrijving from its first day."""
    perioden = stand.perioden_met_einde()
    if perioden and perioden[0].periode.datum_begin != stand.datum_inschrijving:
        return [signaal("IS04", element=pad(PERIODE, perioden[0].nummer, "datumBegin"))]
    return []


def controleer_begin_perioden(stand: Inschrijvingsstand) -> list[Signaal]:
    """IS05: no period begins after datumUitschrijving (beginning on it is allowed: a
    one-day period), and no two periods share a datumBegin (one signal per later duplicate)."""
    gevonden, gezien = [], set()
    for nummer, periode in enumerate(stand.perioden, start=1):
        na_uitschrijving = stand.datum_uitschrijving is not None and periode.datum_begin > stand.datum_uitschrijving
        if na_uitschrijving or periode.datum_begin in gezien:
            gevonden.append(signaal("IS05", element=pad(PERIODE, nummer, "datumBegin")))
        gezien.add(periode.datum_begin)
    return gevonden


def controleer_looptijden(stand: Inschrijvingsstand) -> list[Signaal]:
    """IS12: an ontwikkelingsperspectief, verblijfAndereInstelling or verzuimmelding ends no
    earlier than it begins, and begins inside the inschrijving (datumInschrijving up to and
    including datumUitschrijving). Handbook 000 ch. 14: the VAI belongs to the VO inschrijving."""
    return [
        *_looptijden("ontwikkelingsperspectief", stand.ontwikkelingsperspectieven, stand),
        *_looptijden("verblijfAndereInstelling", stand.verblijven, stand),
        *_looptijden("verzuimmelding", stand.verzuimmeldingen, stand),
    ]


def _looptijden(naam: str, items: Iterable[Looptijd], stand: Inschrijvingsstand) -> list[Signaal]:
    gevonden = []
    for nummer, item in enumerate(items, start=1):
        if item.datum_eind is not None and item.datum_eind < item.datum_begin:
            gevonden.append(signaal("IS12", element=pad(naam, nummer, "datumEind")))
        if not _binnen_inschrijving(item.datum_begin, stand):
            gevonden.append(signaal("IS12", element=pad(naam, nummer, "datumBegin")))
    return gevonden


def _binnen_inschrijving(datum: date, stand: Inschrijvingsstand) -> bool:
    uit = stand.datum_uitschrijving
    return stand.datum_inschrijving <= datum and (uit is None or datum <= uit)


def controleer_inschrijving_niet_ver_vooruit(stand: Inschrijvingsstand, vandaag: date) -> list[Signaal]:
    """IS15 (attention): datumInschrijving more than one year after today is improbable
    (handbook 000 ch. 16 'Datum inschrijving onwaarschijnlijk ver in de toekomst'). Exactly
    one year ahead is still fine. The stand is stored; the weekly KW01 repeats it."""
    if stand.datum_inschrijving > een_jaar_na(vandaag):
        return [signaal("IS15", element="datumInschrijving")]
    return []
