"""Date arithmetic only the KW checks need: a date some months later and the windows in
which the checks run (handbook 000 ch. 16). Ages and "a year later": domain/kalender.py."""
from __future__ import annotations

import calendar
from datetime import date


def plus_maanden(d: date, maanden: int) -> date:
    """``d`` plus ``maanden`` calendar months (31 August + 6 → 28/29 February)."""
    index = d.year * 12 + d.month - 1 + maanden
    jaar, maand = divmod(index, 12)
    return date(jaar, maand + 1, min(d.day, calendar.monthrange(jaar, maand + 1)[1]))


def in_examenvenster(vandaag: date, examenregime: int) -> bool:
    """KW23–KW26, KW28–KW30: "De controles op de examenresultaten in het KWC vinden plaats in
    de periode van 1 augustus tot 1 februari … ná 1 februari niet meer": 1 August of the
    examenregime up to and including 1 February of the next year."""
    return date(examenregime, 8, 1) <= vandaag <= date(examenregime + 1, 2, 1)


def in_kw22_venster(vandaag: date, examenregime: int) -> bool:
    """KW22: "tussen 1 sept van het betreffende examenregime tot 1 februari van het
    opvolgende jaar"."""
    return date(examenregime, 9, 1) <= vandaag <= date(examenregime + 1, 2, 1)
