"""Overviews a school asks for (spec 4.1 `aanvragenRegistratieoverzichtVO`, `aanvragenOBOVO`,
section 8; handbook 000 ch. 09 "OBO aanvragen", ch. 11 "Registratie Overzicht aanvragen").

The commands carry what the request holds; the answer is a :class:`Bestand` (and for a
second or later OBO of a schooljaar a verschillenlijst): a UTF-8 pipe-delimited file whose
records are described in docs/bestanden.md and built by ``rod_service.bestanden.records``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .bedrijfsdocument import Bedrijfsdocument
from .signalen import Signaal


@dataclass(frozen=True)
class Bestand:
    """`bestand` / `verschillenlijst`: a file name and the file's bytes (UTF-8)."""

    bestandsnaam: str
    inhoud: bytes


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


@dataclass(frozen=True)
class VraagRegistratieoverzichtAan:
    """`aanvragenRegistratieoverzichtVO_Request`: both dates optional in the XSD (RO01)."""

    document: Bedrijfsdocument
    brin: str
    datum_begin: date | None = None
    datum_einde: date | None = None
    pgn = None  # no person: the pipeline's audit masks nothing


@dataclass(frozen=True)
class VraagOboAan:
    """`aanvragenOBOVO_Request`."""

    document: Bedrijfsdocument
    brin: str
    schooljaar: Schooljaar
    pgn = None


@dataclass
class Overzichtresultaat:
    """Outcome of both requests: signals (RO01–RO03, OB01–OB02 or the AL ones), and on
    success the file and, for a second or later OBO of a schooljaar, the verschillenlijst."""

    signalen: list[Signaal] = field(default_factory=list)
    bestand: Bestand | None = None
    verschillenlijst: Bestand | None = None
