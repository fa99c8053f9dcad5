"""A push ROD owes a LAS (spec 4.2, section 12): a handler decides it as plain values, the
pipeline renders it and places it in the outbox in the same transaction as its cause."""
from __future__ import annotations

from dataclasses import dataclass

from .bekostiging import Bekostigingsbericht
from .bewijs import Bewijs

BEWIJS = "verstrekkenDigitaalInUitschrijfbewijsVO"
BEKOSTIGINGSBERICHT = "verstrekkenBekostigingsberichtVO"
TERUGKOPPELING = "verstrekkenTerugkoppelingVO"


@dataclass(frozen=True)
class Push:
    """``bericht`` to the administratie ``administratie_oin`` as operation ``operatie``."""

    administratie_oin: str
    operatie: str
    bericht: Bewijs | Bekostigingsbericht


def bewijs_push(administratie_oin: str, bewijs: Bewijs) -> Push:
    return Push(administratie_oin, BEWIJS, bewijs)


def bekostiging_push(administratie_oin: str, bericht: Bekostigingsbericht) -> Push:
    return Push(administratie_oin, BEKOSTIGINGSBERICHT, bericht)
