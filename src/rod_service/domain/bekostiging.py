"""Bekostigingsbericht: the voorlopige bekostigingsstatus of one inschrijving (spec 4.1
"bekostigingsbericht", 6.1; handbook 000 ch. 03 'Bekostigingsbericht', ch. 13 'Controles
vanuit de beslisboom van bekostiging').

Plain values: the rules in ``rules/bekostiging`` make them, the edge writes them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .pgn import Pgn
from .signalen import Signaal


@dataclass(frozen=True)
class Teldatumstatus:
    """`teldatum`: one 1 October inside the inschrijving, with its BK signals."""

    datum: date
    indicatie_bekostigd: bool
    signalen: tuple[Signaal, ...] = ()


@dataclass(frozen=True)
class Bekostigingsbericht:
    pgn: Pgn
    brin: str
    inschrijvingvolgnummer: str
    indicatie_nieuwkomersbekostiging: bool
    datum_eerste_inschrijving_nederland: date | None = None
    teldata: tuple[Teldatumstatus, ...] = ()

    def teldatum(self, datum: date) -> Teldatumstatus | None:
        return next((t for t in self.teldata if t.datum == datum), None)


@dataclass(frozen=True)
class Deelname:
    """Another VO inschrijving of the same person, as the bekostiging and bewijs rules see
    it: where, from when to when, and ``volgorde`` (the order in which ROD first stored the
    inschrijvingen, for ties on datumInschrijving)."""

    brin: str
    inschrijvingvolgnummer: str
    datum_inschrijving: date
    datum_uitschrijving: date | None = None
    volgorde: int = 0

    def loopt_op(self, datum: date) -> bool:
        """Enrolled on ``datum``: datumUitschrijving is the last day (spec 4.1: a period
        ends on datumUitschrijving)."""
        return self.datum_inschrijving <= datum and (self.datum_uitschrijving is None
                                                     or datum <= self.datum_uitschrijving)
