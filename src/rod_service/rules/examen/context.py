"""What every EX rule gets besides the delivery: the facts the handler looked up first.

Rules stay pure: the handler reads the store (is the person known, which inschrijvingen
does this person have at this school) and the clock, puts it here, and every rule of the
package has the one signature :data:`Regel`.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ...domain.examenresultaat import LeverExamenresultaatAan
from ...domain.referentiedata import Referentiedata, is_geldig_op
from ...domain.signalen import Signaal


@dataclass(frozen=True)
class InschrijvingOpSchool:
    """An inschrijving of this person at the delivering school (EX07, EX54)."""

    inschrijvingvolgnummer: str
    datum_inschrijving: date
    datum_uitschrijving: date | None = None

    def loopt_op(self, op: date) -> bool:
        return is_geldig_op(self.datum_inschrijving, self.datum_uitschrijving, op)


@dataclass(frozen=True)
class Examencontext:
    referentiedata: Referentiedata
    vandaag: date
    persoon_bekend: bool = True
    inschrijvingen: tuple[InschrijvingOpSchool, ...] = ()


#: The signature of every EX rule, afkeur (EX01–EX09) and attentie (EX51–EX57) alike.
Regel = Callable[[LeverExamenresultaatAan, Examencontext], list[Signaal]]
