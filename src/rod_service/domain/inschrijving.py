"""Inschrijving: a full stand under persoon + brin + inschrijvingvolgnummer (spec 4.1
"inschrijving"; handbook 000 ch. 03: "De aanlevering van gegevens gaat per stand").

The stand is what a delivery carries and what the store keeps; the commands add the
Bedrijfsdocument. Collections are tuples in message order, so a rule can point at
``inschrijvingPeriodeVO[2]``; order carries no meaning otherwise (periods are ordered by
``datumBegin``), so :meth:`Inschrijvingsstand.standsleutel` ignores it.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from enum import Enum

from .bedrijfsdocument import Bedrijfsdocument
from .bekostiging import Bekostigingsbericht
from .pgn import Pgn
from .push import Push
from .signalen import Signaal


@dataclass(frozen=True)
class Periode:
    """`inschrijvingPeriodeVO`. Onderwijsaanbieder and onderwijslocatie are optional in the
    XSD only: their absence is IS07/IS08."""

    datum_begin: date
    opleidingcode: str
    vestiging: str
    indicatie_bekostigbaar: bool
    onderwijsaanbieder: str | None = None
    onderwijslocatie: str | None = None
    aanvullende_opleidingen: tuple[str, ...] = ()
    leerjaar: int | None = None
    experimenten: tuple[str, ...] = ()
    opleidingskenmerken: tuple[str, ...] = ()
    indicatie_nieuwkomersbekostiging: bool | None = None


@dataclass(frozen=True)
class Looptijd:
    """Something with a begin and an optional end (IS12 checks all of them alike)."""

    datum_begin: date
    datum_eind: date | None = None


class Ontwikkelingsperspectief(Looptijd):
    """`ontwikkelingsperspectief` (OPP)."""


class Verzuimmelding(Looptijd):
    """`verzuimmelding` (for the KWC signals)."""


@dataclass(frozen=True, kw_only=True)
class VerblijfAndereInstelling(Looptijd):
    """`verblijfAndereInstelling` (VAI): an OPDC or a VAVO (Rutte-leerling, handbook 000 ch. 14)."""

    brin: str
    verblijfsoort: str
    vestiging: str | None = None


@dataclass(frozen=True)
class GenummerdePeriode:
    """A period with its 1-based position in the message and its end date."""

    nummer: int
    periode: Periode
    einde: date | None


@dataclass(frozen=True, kw_only=True)
class Inschrijvingsstand:
    pgn: Pgn
    brin: str
    inschrijvingvolgnummer: str
    datum_inschrijving: date
    datum_uitschrijving: date | None = None
    perioden: tuple[Periode, ...] = ()
    ontwikkelingsperspectieven: tuple[Ontwikkelingsperspectief, ...] = ()
    verblijven: tuple[VerblijfAndereInstelling, ...] = ()
    verzuimmeldingen: tuple[Verzuimmelding, ...] = ()

    def perioden_met_einde(self) -> list[GenummerdePeriode]:
        """Periods by datumBegin; each ends the day before the next one's datumBegin, the
        last on datumUitschrijving (None: still running). Spec 4.1."""
        op_volgorde = sorted(enumerate(self.perioden, start=1), key=lambda np: np[1].datum_begin)
        uit = []
        for i, (nummer, periode) in enumerate(op_volgorde):
            volgende = op_volgorde[i + 1][1].datum_begin if i + 1 < len(op_volgorde) else None
            einde = volgende - timedelta(days=1) if volgende is not None else self.datum_uitschrijving
            uit.append(GenummerdePeriode(nummer, periode, einde))
        return uit

    def als_dict(self) -> dict:
        """The stand in the contract's element names, JSON-ready, collections in a canonical
        order (the verwijdering audit trail keeps this)."""
        return {
            self.pgn.soort.value: self.pgn.nummer,
            "brin": self.brin,
            "inschrijvingvolgnummer": self.inschrijvingvolgnummer,
            "datumInschrijving": _iso(self.datum_inschrijving),
            "datumUitschrijving": _iso(self.datum_uitschrijving),
            "inschrijvingPeriodeVO": _op_volgorde((_periode(p) for p in self.perioden)),
            "ontwikkelingsperspectief": _op_volgorde((_looptijd(o) for o in self.ontwikkelingsperspectieven)),
            "verblijfAndereInstelling": _op_volgorde((_verblijf(v) for v in self.verblijven)),
            "verzuimmelding": _op_volgorde((_looptijd(v) for v in self.verzuimmeldingen)),
        }

    def standsleutel(self) -> str:
        """sha256 of the canonical stand: equal exactly when nothing of the stand changed."""
        return hashlib.sha256(_json(self.als_dict()).encode()).hexdigest()

    @property
    def stand(self) -> "Inschrijvingsstand":
        """Just the stand (a command without its Bedrijfsdocument)."""
        return Inschrijvingsstand(**{f.name: getattr(self, f.name) for f in fields(Inschrijvingsstand)})


@dataclass(frozen=True, kw_only=True)
class LeverInschrijvingAan(Inschrijvingsstand):
    """`aanleverenInschrijvingVO_Request`: replace the stand under persoon + brin + volgnummer."""

    document: Bedrijfsdocument


@dataclass(frozen=True)
class VerwijderInschrijving:
    """`aanleverenVerwijderingInschrijvingVO_Request`."""

    document: Bedrijfsdocument
    pgn: Pgn
    brin: str
    inschrijvingvolgnummer: str


class Mutatie(str, Enum):
    """What a goedgekeurde delivery did to the store."""

    NIEUW = "nieuw"
    GEWIJZIGD = "gewijzigd"
    ONGEWIJZIGD = "ongewijzigd"
    VERWIJDERD = "verwijderd"


@dataclass(frozen=True)
class Inschrijvingsdatums:
    datum_inschrijving: date
    datum_uitschrijving: date | None = None


@dataclass
class Inschrijvingresultaat:
    """Outcome of a delivery or removal. ``vorige``: the dates of the stand stored before
    (None when there was none); ``huidige``: after (None after a removal or an afkeur).
    Bekostiging and in/uitschrijfbewijs pushes compare the two. ``inschrijving_id``: the
    stored row (its order of first storage breaks BK01 ties); ``bekostigingsbericht``: for
    the answer; ``pushes``: what the pipeline places in the outbox with the change."""

    signalen: list[Signaal] = field(default_factory=list)
    mutatie: Mutatie | None = None
    persoon_id: int | None = None
    stand: Inschrijvingsstand | None = None
    vorige: Inschrijvingsdatums | None = None
    huidige: Inschrijvingsdatums | None = None
    inschrijving_id: int | None = None
    bekostigingsbericht: Bekostigingsbericht | None = None
    pushes: list[Push] = field(default_factory=list)

    @property
    def datum_inschrijving_gewijzigd(self) -> bool:
        return _datum(self.vorige, "datum_inschrijving") != _datum(self.huidige, "datum_inschrijving")

    @property
    def datum_uitschrijving_gewijzigd(self) -> bool:
        return _datum(self.vorige, "datum_uitschrijving") != _datum(self.huidige, "datum_uitschrijving")


def datums_van(stand: Inschrijvingsstand) -> Inschrijvingsdatums:
    return Inschrijvingsdatums(stand.datum_inschrijving, stand.datum_uitschrijving)


def _datum(datums: Inschrijvingsdatums | None, naam: str) -> date | None:
    return getattr(datums, naam) if datums is not None else None


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _op_volgorde(items: Iterable[dict]) -> list[dict]:
    """Sorted by :func:`_volgorde`. The whole item as JSON is only made when two items share
    a datumBegin, the one case it decides: the same order for a fraction of the cost (every
    delivery's standsleutel sorts its periods)."""
    items = sorted(items, key=_begin)
    if any(a["datumBegin"] == b["datumBegin"] for a, b in zip(items, items[1:])):
        items.sort(key=_volgorde)
    return items


def _begin(item: dict) -> str:
    return item["datumBegin"]


def _volgorde(item: dict) -> tuple[str, str]:
    """By datumBegin, then by all the rest: the same items give the same order."""
    return item["datumBegin"], _json(item)


def _json(waarde) -> str:
    return json.dumps(waarde, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _periode(p: Periode) -> dict:
    return {
        "datumBegin": _iso(p.datum_begin), "onderwijsaanbieder": p.onderwijsaanbieder,
        "onderwijslocatie": p.onderwijslocatie, "opleidingcode": p.opleidingcode,
        "aanvullendeOpleiding": sorted(p.aanvullende_opleidingen), "vestiging": p.vestiging,
        "leerjaar": p.leerjaar, "indicatieBekostigbaar": p.indicatie_bekostigbaar,
        "experiment": sorted(p.experimenten), "opleidingskenmerk": sorted(p.opleidingskenmerken),
        "indicatieNieuwkomersbekostiging": p.indicatie_nieuwkomersbekostiging,
    }


def _looptijd(o: Looptijd) -> dict:
    return {"datumBegin": _iso(o.datum_begin), "datumEind": _iso(o.datum_eind)}


def _verblijf(v: VerblijfAndereInstelling) -> dict:
    return {**_looptijd(v), "brin": v.brin, "vestiging": v.vestiging, "verblijfsoort": v.verblijfsoort}
