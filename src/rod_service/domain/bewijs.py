"""Digitaal in- en uitschrijfbewijs (spec 4.2 `verstrekkenDigitaalInUitschrijfbewijsVO`,
section 7; handbook 000 ch. 08)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from .pgn import Pgn


class SoortBewijs(str, Enum):
    INSCHRIJFBEWIJS = "INSCHRIJFBEWIJS"
    UITSCHRIJFBEWIJS = "UITSCHRIJFBEWIJS"


@dataclass(frozen=True)
class Bewijsstand:
    """What the bewijs rules need of one inschrijving: the dates, and onderwijsaanbieder and
    onderwijslocatie of its first period (the contract's `InschrijvingBewijs`)."""

    pgn: Pgn
    brin: str
    inschrijvingvolgnummer: str
    datum_inschrijving: date
    datum_uitschrijving: date | None = None
    onderwijsaanbieder: str | None = None
    onderwijslocatie: str | None = None

    @property
    def sleutel(self) -> tuple[str, str]:
        return self.brin, self.inschrijvingvolgnummer


@dataclass(frozen=True)
class Bewijs:
    """One bewijs to the school of ``eigen_brin`` about the inschrijving at ``brin``.
    ``datum`` None: the date was removed (or the inschrijving deleted), sent as xsi:nil."""

    pgn: Pgn
    eigen_brin: str
    eigen_inschrijvingvolgnummer: str
    soort: SoortBewijs
    brin: str
    onderwijsaanbieder: str | None
    onderwijslocatie: str | None
    datum: date | None
