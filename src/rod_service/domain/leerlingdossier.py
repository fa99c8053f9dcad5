"""Leerlingdossier: what ROD shows a school about one pupil (spec 4.1 "leerlingdossier";
handbook 000 ch. 06 "Raadplegen Leerlingdossier": Persoonsgegevens, Deelnames,
Examenresultaten).

A :class:`Deelname` reuses the inschrijving's element names and parts
(``domain.inschrijving``). At the asking school it is complete; of another school only
brin, datumInschrijving and datumUitschrijving are shown (:meth:`Deelname.alleen_datums`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .bedrijfsdocument import Bedrijfsdocument
from .examenresultaat import Examenresultaat
from .inschrijving import Ontwikkelingsperspectief, Periode, VerblijfAndereInstelling
from .persoon import Persoonsgegevens
from .pgn import Nummersoort, Pgn
from .referentiedata import is_geldig_op
from .signalen import Signaal


@dataclass(frozen=True)
class RaadpleegLeerlingdossier:
    """``raadplegenLeerlingdossierVO_Request``: both numbers are optional in the XSD;
    exactly one must be given (LD01 none, LD02 both)."""

    document: Bedrijfsdocument
    brin: str
    burgerservicenummer: str | None = None
    onderwijsnummer: str | None = None

    @property
    def pgn(self) -> Pgn | None:
        """The one number asked for; None when none or both were given."""
        if (self.burgerservicenummer is None) == (self.onderwijsnummer is None):
            return None
        if self.burgerservicenummer is not None:
            return Pgn(Nummersoort.BSN, self.burgerservicenummer)
        return Pgn(Nummersoort.OWN, self.onderwijsnummer)


@dataclass(frozen=True)
class Deelname:
    """``deelname``: an inschrijving of the pupil (VO from the register, or a PO/MBO/VAVO
    one ROD knows from another sector)."""

    brin: str
    datum_inschrijving: date
    datum_uitschrijving: date | None = None
    inschrijvingvolgnummer: str | None = None
    perioden: tuple[Periode, ...] = ()
    ontwikkelingsperspectieven: tuple[Ontwikkelingsperspectief, ...] = ()
    verblijven: tuple[VerblijfAndereInstelling, ...] = ()

    def overlapt(self, andere: "Deelname") -> bool:
        """Both inschrijvingen share at least one day (ends inclusive, open = still running)."""
        return (is_geldig_op(self.datum_inschrijving, self.datum_uitschrijving, andere.datum_inschrijving)
                or is_geldig_op(andere.datum_inschrijving, andere.datum_uitschrijving, self.datum_inschrijving))

    def alleen_datums(self) -> "Deelname":
        """What another school may see: brin and the two dates."""
        return Deelname(self.brin, self.datum_inschrijving, self.datum_uitschrijving)


@dataclass(frozen=True)
class Leerlingdossier:
    persoonsgegevens: Persoonsgegevens
    deelnames: tuple[Deelname, ...] = ()
    examenresultaten: tuple[Examenresultaat, ...] = ()


@dataclass
class Leerlingdossierresultaat:
    signalen: list[Signaal] = field(default_factory=list)
    leerlingdossier: Leerlingdossier | None = None
