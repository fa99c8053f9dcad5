"""The 120-day rule of KW05/KW06 (handbook 000 ch. 16: "Klopt de leeftijd bij betreffende
leerling, dan hoeft u niets te doen. (signaal verdwijnt na 120 dagen)")."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Eerder:
    """What the previous runs left: the stand's fingerprint and when it was first raised."""

    kenmerk: str
    eerst_gezien: date


def eerst_gezien(eerder: Eerder | None, kenmerk: str, vandaag: date) -> date:
    """The first-raised date after this run: kept while the stand is unchanged, today for a
    new signal or a changed stand ("when nothing changed")."""
    return eerder.eerst_gezien if eerder is not None and eerder.kenmerk == kenmerk else vandaag


def zichtbaar(eerst: date, vandaag: date, dagen: int) -> bool:
    """Shown until ``dagen`` days after it was first raised (on day 120 it is gone)."""
    return (vandaag - eerst).days < dagen
