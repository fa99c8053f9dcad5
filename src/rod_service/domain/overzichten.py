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
from .kalender import Schooljaar
from .signalen import Signaal


@dataclass(frozen=True)
class Bestand:
    """`bestand` / `verschillenlijst`: a file name and the file's bytes (UTF-8)."""

    bestandsnaam: str
    inhoud: bytes


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
