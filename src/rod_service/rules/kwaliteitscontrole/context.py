"""What every KW check gets: the facts the batch looked up first (rules stay pure; they
never read the store or the clock), and the dates of the control period.

Handbook 000 ch. 16: "Periode van de kwaliteitscontrole: studiejaar jjjj/jjjj inclusief 90
dagen voorafgaand aan het studiejaar"; "De controles op de examenresultaten in het KWC
vinden plaats in de periode van 1 augustus tot 1 februari … van het afgelopen
examenregime".
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from ...domain.examenresultaat import Examenresultaat
from ...domain.inschrijving import Inschrijvingsstand
from ...domain.kalender import Schooljaar
from ...domain.referentiedata import (
    ExterneInschrijving,
    Opleiding,
    Referentiedata,
)
from ...domain.signalen import Signaal
from ..examen.context import InschrijvingOpSchool

DAGEN_VOORAF = 90


@dataclass(frozen=True)
class Kwccontext:
    referentiedata: Referentiedata
    vandaag: date

    @property
    def schooljaar(self) -> Schooljaar:
        """The current schooljaar (1 August – 31 July)."""
        return Schooljaar.van(self.vandaag)

    @property
    def controle_van(self) -> date:
        """90 days before the schooljaar."""
        return self.schooljaar.begin - timedelta(days=DAGEN_VOORAF)

    @property
    def controle_tot(self) -> date:
        return self.schooljaar.einde

    @property
    def examenregime(self) -> int:
        """"Het afgelopen examenregime": the exams of the school year that ended on the 31 July
        before the current one (a run on 2026-11-23 judges examenregime 2026)."""
        return self.schooljaar.begin_jaar

    def opleiding(self, code: str) -> Opleiding | None:
        return self.referentiedata.opleiding(code)


@dataclass(frozen=True)
class AndereInschrijving:
    """A VO inschrijving of the same person at another school (KW19)."""

    brin: str
    datum_inschrijving: date
    datum_uitschrijving: date | None = None


@dataclass(frozen=True)
class KwcInschrijving:
    """One inschrijving of the school and what the checks need about its person.
    ``met_onderwijsnummer``: ROD knows no BSN for the person; ``eerste_inschrijving``: the
    first datumInschrijving of any PO or VO inschrijving known to ROD; ``gewijzigd_op``: the
    day the stand was last stored; ``examenresultaten``: the person's results at this school."""

    stand: Inschrijvingsstand
    geboortedatum: date
    gewijzigd_op: date
    datum_overlijden: date | None = None
    met_onderwijsnummer: bool = False
    eerste_inschrijving: date | None = None
    andere_vo: tuple[AndereInschrijving, ...] = ()
    externe: tuple[ExterneInschrijving, ...] = ()
    examenresultaten: tuple[Examenresultaat, ...] = ()


@dataclass(frozen=True)
class KwcExamenresultaat:
    """One examenresultaat of the school; ``inschrijvingen``: the person's inschrijvingen at
    this school; ``vorig_regime_geleverd``: the school delivered a result for the person in
    the examenregime before this one (KW26's gespreid/eerder-leerjaar exceptions)."""

    resultaat: Examenresultaat
    inschrijvingen: tuple[InschrijvingOpSchool, ...] = ()
    vorig_regime_geleverd: bool = False


InschrijvingRegel = Callable[[KwcInschrijving, Kwccontext], list[Signaal]]
ExamenRegel = Callable[[KwcExamenresultaat, Kwccontext], list[Signaal]]
