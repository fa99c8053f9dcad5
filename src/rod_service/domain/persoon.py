"""Persons: the fake BRP's records and what an answer may tell about a person."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .adres import Adres, BinnenlandsAdres
from .pgn import Pgn


@dataclass(frozen=True)
class BrpPersoon:
    """One person of the fake BRP (reference data `personen`, spec section 10)."""

    burgerservicenummer: str
    achternaam: str
    geboortedatum: date
    geslacht: str
    voorvoegsels: str | None = None
    voornamen: str | None = None
    adres: Adres | None = None
    geheim: bool = False
    nationaliteiten: tuple[str, ...] = ()
    datum_vestiging_nederland: date | None = None
    datum_overlijden: date | None = None

    @property
    def heeft_puntadres(self) -> bool:
        return isinstance(self.adres, BinnenlandsAdres) and self.adres.is_puntadres

    @property
    def is_nederlander(self) -> bool:
        return "NL" in self.nationaliteiten


@dataclass(frozen=True)
class Persoonsgegevens:
    """`persoon` in an answer: the number, and BRP data only when the person is in the BRP.
    The address is left out for a geheim adres; a puntadres is only ``straatnaam='.'``."""

    pgn: Pgn
    brp: BrpPersoon | None = None
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def adres(self) -> Adres | None:
        if self.brp is None or self.brp.geheim:
            return None
        if self.brp.heeft_puntadres:
            return BinnenlandsAdres(straatnaam=".")
        return self.brp.adres
