"""Addresses as the contract has them (section 4.1, identificeren / persoon)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BinnenlandsAdres:
    straatnaam: str | None = None
    huisnummer: int | None = None
    huisletter: str | None = None
    huisnummer_toevoeging: str | None = None
    huisnummer_aanduiding: str | None = None
    locatie_omschrijving: str | None = None
    postcode: str | None = None
    plaatsnaam: str | None = None

    @property
    def is_puntadres(self) -> bool:
        """Handbook ch. 07 'Status adres onbetrouwbaar = Puntadres': the BRP street is '.'."""
        return self.straatnaam == "."


@dataclass(frozen=True)
class BuitenlandsAdres:
    adresregel1: str
    landcode: str
    adresregel2: str | None = None
    adresregel3: str | None = None


Adres = BinnenlandsAdres | BuitenlandsAdres
