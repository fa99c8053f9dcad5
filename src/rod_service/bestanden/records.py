"""The pipe-delimited records of the registratieoverzicht (RO) and the OBO (spec section 8;
field by field in docs/bestanden.md).

One record per line, fields separated by ``|``, UTF-8, ``\\n`` line ends, the record type
first. PER, ISG and ISP have the same layout in both files, so :func:`lees` reads both (and
the verschillenlijst, :func:`lees_verschillenlijst`). Dates are ``YYYY-MM-DD``, flags ``J``/``N``,
an absent value is the empty string. A value never holds ``|`` or a line break (they are
replaced by a space; none of the contract's codes can contain them).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

Record = tuple[str, ...]

PGN = ("burgerservicenummer", "onderwijsnummer")

#: Record type → its fields after the type, in file order.
VELDEN: dict[str, tuple[str, ...]] = {
    "PER": (*PGN, "geboortedatum", "geslacht", "binnenland1-1", "binnenland1-4", "binnenland1-7",
            "binnenland1-10"),
    "ISG": (*PGN, "inschrijvingvolgnummer", "datumInschrijving", "datumUitschrijving", "geldig1-10"),
    "ISP": (*PGN, "inschrijvingvolgnummer", "datumBegin", "elementcode", "leerjaar", "vestiging",
            "indicatieBekostigbaar", "indicatieNieuwkomersbekostiging", "geldig1-10"),
    "OPP": (*PGN, "inschrijvingvolgnummer", "datumBegin", "datumEind"),
    "VAI": (*PGN, "inschrijvingvolgnummer", "datumBegin", "datumEind", "brin", "vestiging", "verblijfsoort"),
    "EXR": (*PGN, "examenresultaatvolgnummer", "inschrijvingvolgnummer", "vestiging", "onderwijsaanbieder",
            "examenregime", "niveau", "indicatieTeruggetrokken", "indicatieEerderLeerjaar",
            "indicatieGespreidExamen", "indicatieDoorlopendeLeerlijn", "datumUitslag", "resultaat",
            "soortWaardedocument", "indicatieCumLaude"),
    "VAK": (*PGN, "examenresultaatvolgnummer", "opleidingcode", "volgnummerResultaat", "vakcode", "examendeel",
            "schoolexamen", "centraalExamen1", "centraalExamen2", "centraalExamen3", "eindcijfer",
            "eindbeoordeling", "indicatieDiplomavak", "indicatieCombinatiecijfer", "indicatieWerkstuk",
            "redenNietDeelname", "indicatieInruil", "vervangenVak"),
}

#: How many leading fields (after the type) identify a record: a person by number, an
#: inschrijving by person + volgnummer, a period by inschrijving + datumBegin (spec 8: "The
#: begin date is part of an ISP key"), and so on.
SLEUTELLENGTE = {"PER": 2, "ISG": 3, "ISP": 4, "OPP": 4, "VAI": 4, "EXR": 3, "VAK": 5}

#: The record types of the OBO, in file order per person.
OBO_TYPEN = ("PER", "ISG", "ISP")

SOORTEN_WIJZIGING = ("T", "V", "W")


class Recordfout(ValueError):
    """A line that is no record of a known type with the right number of fields."""


_GEEN_SCHEIDING = str.maketrans("|\r\n", "   ")


def waarde(w: object) -> str:
    """One field: booleans J/N, dates ISO, None empty, anything else as text."""
    if w is None:
        return ""
    if w is True or w is False:
        return "J" if w else "N"
    if isinstance(w, date):
        return w.isoformat()
    tekst = str(w)
    if "|" in tekst or "\r" in tekst or "\n" in tekst:  # rare: only then a copy
        return tekst.translate(_GEEN_SCHEIDING)
    return tekst


def record(soort: str, *velden: object) -> Record:
    """A record of ``soort`` from its field values in :data:`VELDEN` order."""
    if len(velden) != len(VELDEN[soort]):
        raise Recordfout(f"{soort} heeft {len(VELDEN[soort])} velden, niet {len(velden)}")
    return (soort, *(waarde(v) for v in velden))


def regel(r: Record) -> str:
    return "|".join(r)


def als_tekst(records: Iterable[Record]) -> bytes:
    """The file: one line per record, each ending in ``\\n``, UTF-8."""
    return "".join(regel(r) + "\n" for r in records).encode("utf-8")


def sleutel(r: Record) -> tuple[str, ...]:
    """Type and identifying fields of a record."""
    return r[: 1 + SLEUTELLENGTE[r[0]]]


def _regels(inhoud: bytes | str) -> Iterator[tuple[int, list[str]]]:
    tekst = inhoud.decode("utf-8") if isinstance(inhoud, bytes) else inhoud
    for nummer, lijn in enumerate(tekst.splitlines(), start=1):
        if lijn.strip():
            yield nummer, lijn.split("|")


def lees(inhoud: bytes | str) -> Iterator[Record]:
    """The one parser of RO and OBO files: every record, checked for type and field count."""
    for nummer, velden in _regels(inhoud):
        soort = velden[0]
        if soort not in VELDEN or len(velden) != 1 + len(VELDEN[soort]):
            raise Recordfout(f"regel {nummer}: geen geldig record: {'|'.join(velden)[:80]}")
        yield tuple(velden)


def lees_verschillenlijst(inhoud: bytes | str) -> Iterator[Record]:
    """A verschillenlijst row: type, the previous stand's fields, the new stand's fields,
    soort wijziging (T, V or W) last."""
    for nummer, velden in _regels(inhoud):
        soort = velden[0]
        if (soort not in VELDEN or len(velden) != 2 + 2 * len(VELDEN[soort])
                or velden[-1] not in SOORTEN_WIJZIGING):
            raise Recordfout(f"regel {nummer}: geen geldige verschilregel: {'|'.join(velden)[:80]}")
        yield tuple(velden)


def als_dict(r: Record) -> dict[str, str]:
    """A record's fields by name (``{"type": "ISG", "burgerservicenummer": ..., ...}``)."""
    return {"type": r[0], **dict(zip(VELDEN[r[0]], r[1:], strict=True))}
