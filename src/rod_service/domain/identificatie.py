"""Identificatie: the command (beperkte or uitgebreide set) and its outcome (section 4.1)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .adres import Adres
from .bedrijfsdocument import Bedrijfsdocument
from .persoon import Persoonsgegevens
from .pgn import Pgn
from .signalen import Signaal


@dataclass(frozen=True)
class UitgebreideSet:
    """`zonderPGN`: name and address, for a pupil whose BSN the school does not have."""

    achternaam: str
    adres: Adres
    voorvoegsels: str | None = None
    voornamen: str | None = None


@dataclass(frozen=True)
class IdentificeerPersoon:
    """`aanleverenIdentificerenPersoonVO_Request`: exactly one of ``pgn`` (metPGN, the beperkte
    set) and ``uitgebreide_set`` (zonderPGN) is set."""

    document: Bedrijfsdocument
    geboortedatum: date
    geslacht: str
    pgn: Pgn | None = None
    uitgebreide_set: UitgebreideSet | None = None
    huidig_onderwijsnummer: str | None = None


@dataclass
class Identificatieresultaat:
    signalen: list[Signaal] = field(default_factory=list)
    persoon: Persoonsgegevens | None = None
