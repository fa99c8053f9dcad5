"""Teldata: which 1 Octobers a bekostigingsbericht reports (spec 3 "The school year runs
1 August – 31 July; the VO teldatum is 1 October", 4.1 "One teldatum per 1 October that
falls inside the inschrijving and not after the current school year. A deleted
inschrijving's bekostigingsbericht has no teldatum"; 003 "alle leerlingen die op de
teldatum 1 oktober op de school staan ingeschreven"; 004 "De leerling moet op 1 oktober
zijn ingeschreven")."""
from __future__ import annotations

from datetime import date

from ...domain.kalender import Schooljaar


def schooljaar(datum: date) -> int:
    """The year the school year of ``datum`` starts in (1 August – 31 July)."""
    return Schooljaar.van(datum).begin_jaar


def teldatum_van_schooljaar(jaar: int) -> date:
    return Schooljaar(jaar).teldatum


def huidige_teldatum(vandaag: date) -> date:
    """1 October of the current school year (it may still lie ahead in August/September)."""
    return teldatum_van_schooljaar(schooljaar(vandaag))


def loopt_op(datum_inschrijving: date, datum_uitschrijving: date | None, op: date) -> bool:
    """Enrolled on ``op``: from datumInschrijving up to and including datumUitschrijving
    (a period ends *on* datumUitschrijving, spec 4.1)."""
    return datum_inschrijving <= op and (datum_uitschrijving is None or op <= datum_uitschrijving)


def teldata(datum_inschrijving: date, datum_uitschrijving: date | None, vandaag: date, *,
            verwijderd: bool = False) -> list[date]:
    """Every 1 October inside the inschrijving and not after the current school year's;
    none for a deleted inschrijving."""
    if verwijderd:
        return []
    laatste = huidige_teldatum(vandaag)
    jaren = range(schooljaar(datum_inschrijving), schooljaar(laatste) + 1)
    return [t for t in map(teldatum_van_schooljaar, jaren)
            if t <= laatste and loopt_op(datum_inschrijving, datum_uitschrijving, t)]
