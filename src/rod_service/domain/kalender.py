"""Calendar arithmetic every rule package shares: the school year (1 August – 31 July, spec
section 3), the VO teldatum (1 October), birthdays, ages and "one year later". One place, so
that e.g. IS15 and its weekly twin KW01 agree on 29 February."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Schooljaar:
    """1 August ``begin_jaar`` – 31 July ``begin_jaar + 1``, written ``2025-2026``."""

    begin_jaar: int

    @classmethod
    def uit_tekst(cls, tekst: str) -> "Schooljaar":
        """``2025-2026``; ValueError unless the second year is the first plus one."""
        eerste, _, tweede = tekst.partition("-")
        if not (eerste.isdigit() and tweede.isdigit() and int(tweede) == int(eerste) + 1):
            raise ValueError(f"schooljaar {tekst!r} is geen jjjj-jjjj met opeenvolgende jaren")
        return cls(int(eerste))

    @classmethod
    def van(cls, datum: date) -> "Schooljaar":
        return cls(datum.year if datum.month >= 8 else datum.year - 1)

    @property
    def begin(self) -> date:
        return date(self.begin_jaar, 8, 1)

    @property
    def einde(self) -> date:
        return date(self.begin_jaar + 1, 7, 31)

    @property
    def teldatum(self) -> date:
        """1 October: the VO teldatum (spec section 3)."""
        return date(self.begin_jaar, 10, 1)

    @property
    def binnenland_peildata(self) -> tuple[date, date, date, date]:
        """The PER record's binnenland dates in record order: 1-1, 1-4, 1-7, 1-10 (the
        1 October that opens the schooljaar and the next three quarter starts)."""
        j = self.begin_jaar
        return date(j + 1, 1, 1), date(j + 1, 4, 1), date(j + 1, 7, 1), date(j, 10, 1)

    def __str__(self) -> str:
        return f"{self.begin_jaar}-{self.begin_jaar + 1}"

    @property
    def examenregime(self) -> int:
        """The examenregime of this school year: the calendar year in which it ends."""
        return self.begin_jaar + 1


def verjaardag(geboortedatum: date, jaren: int) -> date:
    """The ``jaren``-th birthday (29 February → 1 March in a common year)."""
    try:
        return geboortedatum.replace(year=geboortedatum.year + jaren)
    except ValueError:
        return date(geboortedatum.year + jaren, 3, 1)


def leeftijd(geboortedatum: date, op: date) -> int:
    """Age in whole years on ``op`` (a 29 February child turns a year older on 1 March)."""
    jaren = op.year - geboortedatum.year
    return jaren if verjaardag(geboortedatum, jaren) <= op else jaren - 1


def een_jaar_na(datum: date) -> date:
    """The same date a year later; 29 February becomes 28 February (IS15, KW01, KW14–KW16)."""
    try:
        return datum.replace(year=datum.year + 1)
    except ValueError:
        return datum.replace(year=datum.year + 1, day=28)


WEEKDAGEN = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def weekdag(tekst: str | None) -> int | None:
    """``maandag``..``zondag`` or ``0``..``6`` → 0..6; ``uit`` (or empty) → None."""
    if tekst is None or tekst.strip().lower() in ("", "uit", "off", "none"):
        return None
    waarde = tekst.strip().lower()
    if waarde.isdigit() and 0 <= int(waarde) <= 6:
        return int(waarde)
    if waarde in WEEKDAGEN:
        return WEEKDAGEN.index(waarde)
    raise ValueError(f"{tekst!r} is geen weekdag (maandag..zondag, 0..6 of uit)")
