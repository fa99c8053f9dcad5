"""Reading a school's register state in chunks (registratieoverzicht, OBO, KWC), and the
tables of the overviews: stored OBOs, KWC state and run history, generated files.

Never the whole register: every query names one brin, and :func:`deelnemers` streams that
school's persons in chunks of ``per`` (default 500) with everything a file or a check needs
about them, loaded in a fixed number of queries per chunk (persons, inschrijvingen, their
periods, OPPs, VAIs and verzuimmeldingen, examenresultaten, BRP rows; for the KWC also the
persons' other VO inschrijvingen and their first datumInschrijving). Memory is bounded by
the chunk, time is O(school size), queries O(school size / per).

The chunks are read with SQLAlchemy Core, not the ORM: a national KWC reads a million
inschrijvingen, and building, tracking and expiring ORM objects for them cost about half
of the batch (bench/B2.md). The rows keep the models' attribute names, so
``store.inschrijvingen.naar_domein`` and the rules take them as they took the ORM objects.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import Row, String, bindparam, delete, func, or_, select, type_coerce, union
from sqlalchemy.orm import Session

from ..domain.persoon import BrpPersoon
from . import models as m

PER = 500

_P, _I, _E, _B = (m.Persoon.__table__, m.Inschrijving.__table__, m.Examenresultaat.__table__,
                  m.BrpPersoonRij.__table__)
_PERIODE, _OPP, _VAI, _VERZUIM = (m.InschrijvingPeriode.__table__, m.Ontwikkelingsperspectief.__table__,
                                  m.VerblijfAndereInstelling.__table__, m.Verzuimmelding.__table__)


# Decoding. Dates, timestamps and JSON lists are fetched as the driver gives them and decoded
# here: on SQLite that is ISO text and '[]', and the dialect's own per-value processors (a
# regular expression per date, json.loads per list) were a fifth of a national KWC. On
# PostgreSQL the driver already returns dates and lists, which pass through unchanged.

def _rauw(kolom):
    """``kolom`` without SQLAlchemy's result processing (decoded by the functions below)."""
    return type_coerce(kolom, String()).label(kolom.name)


def _datum(waarde):
    return date.fromisoformat(waarde) if waarde.__class__ is str else waarde


def _moment(waarde):
    return datetime.fromisoformat(waarde) if waarde.__class__ is str else waarde


def _lijst(waarde):
    """A JSON list column; the common empty one as a shared ``()`` (read only, like every
    row here: a million new empty lists are garbage-collector work)."""
    if waarde.__class__ is not str:
        return waarde
    return () if waarde == "[]" else json.loads(waarde)


class PersoonRij(NamedTuple):
    """What the overviews read of a ``persoon`` row."""

    id: int
    burgerservicenummer: str | None
    geboortedatum: date
    geslacht: str


class PeriodeRij(NamedTuple):
    """An ``inschrijving_periode`` row (``store.inschrijvingen._periode`` reads it)."""

    inschrijving_id: int
    datum_begin: date
    onderwijsaanbieder: str | None
    onderwijslocatie: str | None
    opleidingcode: str
    vestiging: str
    leerjaar: int | None
    indicatie_bekostigbaar: bool
    indicatie_nieuwkomersbekostiging: bool | None
    aanvullende_opleidingen: list
    experimenten: list
    opleidingskenmerken: list


class LooptijdRij(NamedTuple):
    """An ``ontwikkelingsperspectief`` or ``verzuimmelding`` row."""

    inschrijving_id: int
    datum_begin: date
    datum_eind: date | None


class VerblijfRij(NamedTuple):
    """A ``verblijf_andere_instelling`` row."""

    inschrijving_id: int
    datum_begin: date
    datum_eind: date | None
    brin: str
    vestiging: str | None
    verblijfsoort: str


class AndereInschrijvingRij(NamedTuple):
    persoon_id: int
    brin: str
    datum_inschrijving: date
    datum_uitschrijving: date | None


@dataclass(slots=True, eq=False)
class InschrijvingRij:
    """An ``inschrijving`` row with its child rows, ordered as the ORM relationships order
    them: periods by datumBegin, the others as stored (``naar_domein`` takes it)."""

    id: int
    persoon_id: int
    brin: str
    inschrijvingvolgnummer: str
    pgn_soort: str
    pgn_nummer: str
    administratie_oin: str
    datum_inschrijving: date
    datum_uitschrijving: date | None
    standsleutel: str
    opgeslagen_op: datetime
    perioden: list[PeriodeRij] = field(default_factory=list)
    ontwikkelingsperspectieven: list[LooptijdRij] = field(default_factory=list)
    verblijven: list[VerblijfRij] = field(default_factory=list)
    verzuimmeldingen: list[LooptijdRij] = field(default_factory=list)


_PERSOON = select(_P.c.id, _P.c.burgerservicenummer, _rauw(_P.c.geboortedatum), _P.c.geslacht)
_INSCHRIJVING = select(_I.c.id, _I.c.persoon_id, _I.c.brin, _I.c.inschrijvingvolgnummer, _I.c.pgn_soort,
                       _I.c.pgn_nummer, _I.c.administratie_oin, _rauw(_I.c.datum_inschrijving),
                       _rauw(_I.c.datum_uitschrijving), _I.c.standsleutel, _rauw(_I.c.opgeslagen_op))
_PERIODEN = select(_PERIODE.c.inschrijving_id, _rauw(_PERIODE.c.datum_begin), _PERIODE.c.onderwijsaanbieder,
                   _PERIODE.c.onderwijslocatie, _PERIODE.c.opleidingcode, _PERIODE.c.vestiging, _PERIODE.c.leerjaar,
                   _PERIODE.c.indicatie_bekostigbaar, _PERIODE.c.indicatie_nieuwkomersbekostiging,
                   *(_rauw(_PERIODE.c[k]) for k in ("aanvullende_opleidingen", "experimenten", "opleidingskenmerken")))


def _inschrijving(r) -> InschrijvingRij:
    return InschrijvingRij(r[0], r[1], r[2], r[3], r[4], r[5], r[6], _datum(r[7]),
                           r[8] and _datum(r[8]), r[9], _moment(r[10]))


def _periode(r) -> PeriodeRij:
    return PeriodeRij(r[0], _datum(r[1]), r[2], r[3], r[4], r[5], r[6], r[7], r[8],
                      _lijst(r[9]), _lijst(r[10]), _lijst(r[11]))


def _looptijd(r) -> LooptijdRij:
    return LooptijdRij(r[0], _datum(r[1]), r[2] and _datum(r[2]))


def _verblijf(r) -> VerblijfRij:
    return VerblijfRij(r[0], _datum(r[1]), r[2] and _datum(r[2]), r[3], r[4], r[5])


def _kinderen(vraag, tabel, *volgorde):
    return vraag.where(tabel.c.inschrijving_id.in_(bindparam("inschrijvingen", expanding=True))).order_by(
        tabel.c.inschrijving_id, *volgorde)


#: child query (bound to the chunk's inschrijving ids), InschrijvingRij attribute, row decoder
_KINDEREN = (
    (_kinderen(_PERIODEN, _PERIODE, _PERIODE.c.datum_begin, _PERIODE.c.id), "perioden", _periode),
    (_kinderen(select(_OPP.c.inschrijving_id, _rauw(_OPP.c.datum_begin), _rauw(_OPP.c.datum_eind)), _OPP, _OPP.c.id),
     "ontwikkelingsperspectieven", _looptijd),
    (_kinderen(select(_VAI.c.inschrijving_id, _rauw(_VAI.c.datum_begin), _rauw(_VAI.c.datum_eind), _VAI.c.brin,
                      _VAI.c.vestiging, _VAI.c.verblijfsoort), _VAI, _VAI.c.id), "verblijven", _verblijf),
    (_kinderen(select(_VERZUIM.c.inschrijving_id, _rauw(_VERZUIM.c.datum_begin), _rauw(_VERZUIM.c.datum_eind)),
               _VERZUIM, _VERZUIM.c.id), "verzuimmeldingen", _looptijd),
)


@dataclass
class Deelnemer:
    """One person as an overview of one school sees them. ``inschrijvingen`` and
    ``examenresultaten`` are those at the school (within the asked selection); for the KWC
    ``andere_vo`` holds the person's VO inschrijvingen at other schools and ``eerste_vo``
    the earliest datumInschrijving of any VO inschrijving of the person. Rows, not ORM
    objects, with the models' attribute names."""

    persoon: PersoonRij
    brp: BrpPersoon | None = None
    inschrijvingen: list[InschrijvingRij] = field(default_factory=list)
    examenresultaten: list[Row] = field(default_factory=list)
    andere_vo: list[AndereInschrijvingRij] = field(default_factory=list)
    eerste_vo: date | None = None

    @property
    def nummers(self) -> tuple[str | None, str | None]:
        """(burgerservicenummer, onderwijsnummer) as the files show them: the BSN when ROD
        knows it, else the onderwijsnummer the school delivered with."""
        if self.persoon.burgerservicenummer:
            return self.persoon.burgerservicenummer, None
        for rij in (*self.inschrijvingen, *self.examenresultaten):
            if rij.pgn_soort == "onderwijsnummer":
                return None, rij.pgn_nummer
        return None, None


def _overlapt(kolom_begin, kolom_einde, van: date, tot: date):
    return (kolom_begin <= tot) & or_(kolom_einde.is_(None), kolom_einde >= van)


def deelnemers(session: Session, brin: str, van: date, tot: date, *,
               brp_naar_domein: Callable[[dict], BrpPersoon],
               examenregimes: tuple[int, int] | None = None, kwc: bool = False,
               per: int = PER) -> Iterator[list[Deelnemer]]:
    """The persons of ``brin`` with an inschrijving overlapping [van, tot] or (when
    ``examenregimes`` = (eerste, laatste) is given) an examenresultaat of one of those
    examenregimes, in chunks of ``per``; persons with a BSN first, by BSN, then by id."""
    bronnen = [select(_I.c.persoon_id).where(
        _I.c.brin == brin, _overlapt(_I.c.datum_inschrijving, _I.c.datum_uitschrijving, van, tot))]
    if examenregimes is not None:
        bronnen.append(select(_E.c.persoon_id).where(_E.c.brin == brin, _E.c.examenregime.between(*examenregimes)))
    ids = list(session.scalars(
        select(_P.c.id).where(_P.c.id.in_(union(*bronnen) if len(bronnen) > 1 else bronnen[0]))
        .order_by(_P.c.burgerservicenummer.is_(None), _P.c.burgerservicenummer, _P.c.id)
    ))
    for begin in range(0, len(ids), per):
        yield _laad(session, brin, ids[begin:begin + per], van, tot, brp_naar_domein, examenregimes, kwc)


_IDS, _SLEUTELS, _BSNS = (bindparam(n, expanding=True) for n in ("ids", "inschrijvingen", "bsns"))
_B_GEGEVENS = select(_B.c.burgerservicenummer, _B.c.gegevens).where(_B.c.burgerservicenummer.in_(_BSNS))
_ALLE_VO = (select(_I.c.persoon_id, _I.c.brin, _rauw(_I.c.datum_inschrijving), _rauw(_I.c.datum_uitschrijving))
            .where(_I.c.persoon_id.in_(_IDS)).order_by(_I.c.persoon_id, _I.c.datum_inschrijving))


def _laad(session, brin, ids, van, tot, brp_naar_domein, examenregimes, kwc) -> list[Deelnemer]:
    """One chunk. The id lists are bound as one expanding parameter each (a literal
    ``in_(list)`` costs SQLAlchemy a coercion per element, 500 per query)."""
    personen = {r[0]: Deelnemer(PersoonRij(r[0], r[1], _datum(r[2]), r[3]))
                for r in session.execute(_PERSOON.where(_P.c.id.in_(_IDS)), {"ids": ids})}
    inschrijvingen: dict[int, InschrijvingRij] = {}
    for r in session.execute(
        _INSCHRIJVING.where(_I.c.persoon_id.in_(_IDS), _I.c.brin == brin,
                            _overlapt(_I.c.datum_inschrijving, _I.c.datum_uitschrijving, van, tot))
        .order_by(_I.c.persoon_id, _I.c.inschrijvingvolgnummer), {"ids": ids}
    ):
        rij = inschrijvingen[r[0]] = _inschrijving(r)
        personen[rij.persoon_id].inschrijvingen.append(rij)
    if inschrijvingen:
        sleutels = {"inschrijvingen": list(inschrijvingen)}
        for vraag, naam, decodeer in _KINDEREN:
            for r in session.execute(vraag, sleutels):
                getattr(inschrijvingen[r[0]], naam).append(decodeer(r))
    if examenregimes is not None:
        for rij in session.execute(
            select(_E).where(_E.c.persoon_id.in_(_IDS), _E.c.brin == brin, _E.c.examenregime.between(*examenregimes))
            .order_by(_E.c.persoon_id, _E.c.examenregime, _E.c.examenresultaatvolgnummer), {"ids": ids}
        ):
            personen[rij.persoon_id].examenresultaten.append(rij)
    bsns = {d.persoon.burgerservicenummer: d for d in personen.values() if d.persoon.burgerservicenummer}
    if bsns:
        for bsn, gegevens in session.execute(_B_GEGEVENS, {"bsns": list(bsns)}):
            bsns[bsn].brp = brp_naar_domein(gegevens)
    if kwc:  # every VO inschrijving of the persons: the others, and the first of all
        for r in session.execute(_ALLE_VO, {"ids": ids}):
            d, begin = personen[r[0]], _datum(r[2])
            if d.eerste_vo is None or begin < d.eerste_vo:
                d.eerste_vo = begin
            if r[1] != brin:
                d.andere_vo.append(AndereInschrijvingRij(r[0], r[1], begin, r[3] and _datum(r[3])))
    return [personen[i] for i in ids]


def tel_deelnemers(session: Session, brin: str, van: date, tot: date) -> int:
    """How many inschrijvingen of ``brin`` overlap [van, tot] (progress bars)."""
    Ins = m.Inschrijving
    return session.scalar(select(func.count()).select_from(Ins).where(
        Ins.brin == brin, _overlapt(Ins.datum_inschrijving, Ins.datum_uitschrijving, van, tot))) or 0


def scholen_met_inschrijvingen(session: Session) -> list[str]:
    """Every brin the register holds inschrijvingen or examenresultaten of."""
    return sorted(set(session.scalars(select(m.Inschrijving.brin).distinct()))
                  | set(session.scalars(select(m.Examenresultaat.brin).distinct())))


def verwijderde_examenresultaten(session: Session, brin: str,
                                 sinds: datetime) -> list[tuple[m.Verwijdering, m.Persoon | None]]:
    """Examenresultaten of ``brin`` deleted on or after ``sinds`` (KW27), with their person."""
    V = m.Verwijdering
    rijen = list(session.scalars(select(V).where(V.soort == "examenresultaat", V.brin == brin,
                                                 V.verwijderd_op >= sinds).order_by(V.verwijderd_op)))
    ids = {r.persoon_id for r in rijen}
    personen = {p.id: p for p in session.scalars(select(m.Persoon).where(m.Persoon.id.in_(ids)))}
    return [(r, personen.get(r.persoon_id)) for r in rijen]


class OboRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def gemaakt_op(self, brin: str, datum: date) -> bool:
        """Was an OBO of ``brin`` made on ``datum`` (OB02)?"""
        return self.session.scalar(select(m.OboOverzicht.id).where(
            m.OboOverzicht.brin == brin, m.OboOverzicht.datum == datum).limit(1)) is not None

    def vorige(self, brin: str, schooljaar: str) -> m.OboOverzicht | None:
        """The latest OBO of ``brin`` for ``schooljaar`` (the verschillenlijst's base)."""
        return self.session.scalar(select(m.OboOverzicht).where(
            m.OboOverzicht.brin == brin, m.OboOverzicht.schooljaar == schooljaar)
            .order_by(m.OboOverzicht.id.desc()).limit(1))

    def bewaar(self, *, brin: str, schooljaar: str, datum: date, nu: datetime, bestandsnaam: str,
               inhoud: bytes) -> m.OboOverzicht:
        rij = m.OboOverzicht(brin=brin, schooljaar=schooljaar, datum=datum, aangemaakt_op=nu,
                             bestandsnaam=bestandsnaam, inhoud=inhoud)
        self.session.add(rij)
        self.session.flush()
        return rij


@dataclass(frozen=True)
class Bestandsinfo:
    naam: str
    soort: str
    grootte: int
    aangemaakt_op: datetime


class BestandenRepository:
    """Generated files per school (``/bestanden/{brin}``). A file with the same name
    replaces the earlier one (a KWC run repeated on the same day, the same RO period)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def bewaar(self, *, brin: str, soort: str, naam: str, inhoud: bytes, nu: datetime) -> None:
        B = m.Overzichtbestand
        self.session.execute(delete(B).where(B.brin == brin, B.naam == naam))
        self.session.add(B(brin=brin, soort=soort, naam=naam, inhoud=inhoud, aangemaakt_op=nu))
        self.session.flush()

    def lijst(self, brin: str, sinds: datetime) -> list[Bestandsinfo]:
        B = m.Overzichtbestand
        return [Bestandsinfo(*r) for r in self.session.execute(
            select(B.naam, B.soort, func.length(B.inhoud), B.aangemaakt_op)
            .where(B.brin == brin, B.aangemaakt_op >= sinds).order_by(B.aangemaakt_op.desc(), B.naam))]

    def lees(self, brin: str, naam: str, sinds: datetime) -> bytes | None:
        B = m.Overzichtbestand
        return self.session.scalar(select(B.inhoud).where(B.brin == brin, B.naam == naam, B.aangemaakt_op >= sinds))

    def ruim_op(self, voor: datetime) -> int:
        """Delete every file created before ``voor``; returns how many."""
        B = m.Overzichtbestand
        return self.session.execute(delete(B).where(B.aangemaakt_op < voor)).rowcount or 0


@dataclass
class Toestand:
    """A ``kwc_toestand`` row as plain data: the run changes it in memory while it reads
    and checks (no write lock), and ``KwcRepository.schrijf_toestanden`` stores the changes
    afterwards in one short transaction. ``id`` None: new in this run."""

    brin: str
    code: str
    sleutel: str
    kenmerk: str
    eerst_gezien: date
    laatst_gezien: date
    id: int | None = None
    _gelezen: tuple | None = field(default=None, repr=False, compare=False)

    @property
    def is_gewijzigd(self) -> bool:
        return (self.kenmerk, self.eerst_gezien, self.laatst_gezien) != self._gelezen


class KwcRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def toestanden(self, brin: str, codes: tuple[str, ...]) -> dict[tuple[str, str], Toestand]:
        T = m.KwcToestand  # the columns in Toestand's field order
        rijen = self.session.execute(select(T.brin, T.code, T.sleutel, T.kenmerk, T.eerst_gezien, T.laatst_gezien,
                                            T.id).where(T.brin == brin, T.code.in_(codes)))
        return {(r.code, r.sleutel): Toestand(*r, _gelezen=(r.kenmerk, r.eerst_gezien, r.laatst_gezien))
                for r in rijen}

    def schrijf_toestanden(self, toestanden: Iterable[Toestand], weg: list[int]) -> None:
        """Store a run's changes: the new rows, the changed ones, and delete ``weg`` (ids)."""
        T = m.KwcToestand.__table__
        nieuw, gewijzigd, verwijderd = [], [], set(weg)
        for t in toestanden:
            if t.id is None:
                nieuw.append({"brin": t.brin, "code": t.code, "sleutel": t.sleutel, "kenmerk": t.kenmerk,
                              "eerst_gezien": t.eerst_gezien, "laatst_gezien": t.laatst_gezien})
            elif t.is_gewijzigd and t.id not in verwijderd:
                gewijzigd.append({"b_id": t.id, "kenmerk": t.kenmerk, "eerst_gezien": t.eerst_gezien,
                                  "laatst_gezien": t.laatst_gezien})
        if weg:
            self.session.execute(delete(T).where(T.c.id == bindparam("b_id")), [{"b_id": i} for i in weg])
        if gewijzigd:
            self.session.execute(T.update().where(T.c.id == bindparam("b_id")), gewijzigd)
        if nieuw:
            self.session.execute(T.insert(), nieuw)

    def laatste_run(self, brin: str) -> int | None:
        """The id of the school's newest stored run: a run that reads first and writes later
        sees by it whether another run of the school was stored in between."""
        return self.session.scalar(select(func.max(m.KwcRun.id)).where(m.KwcRun.brin == brin))

    def vergrendel_school(self, brin: str) -> None:
        """PostgreSQL: KWC runs of one school write one at a time (a lock until the
        transaction ends). SQLite: the write lock already does this."""
        if self.session.get_bind().dialect.name == "postgresql":
            self.session.execute(select(func.pg_advisory_xact_lock(func.hashtext("kwc:" + brin))))

    def bewaar_run(self, *, brin: str, datum: date, nu: datetime, tellingen: dict[str, int],
                   inschrijvingen_1okt: int, met_nieuwe_periode: int) -> m.KwcRun:
        R = m.KwcRun
        self.session.execute(delete(R).where(R.brin == brin, R.datum == datum))  # a rerun that day replaces
        rij = R(brin=brin, datum=datum, uitgevoerd_op=nu, tellingen=tellingen,
                inschrijvingen_1okt=inschrijvingen_1okt, met_nieuwe_periode=met_nieuwe_periode)
        self.session.add(rij)
        self.session.flush()
        return rij

    def runs(self, brin: str, aantal: int) -> list[m.KwcRun]:
        """The last ``aantal`` runs of ``brin``, oldest first."""
        R = m.KwcRun
        rijen = list(self.session.scalars(select(R).where(R.brin == brin).order_by(R.datum.desc()).limit(aantal)))
        return rijen[::-1]

    def laatste_rundatum(self) -> date | None:
        return self.session.scalar(select(func.max(m.KwcRun.datum)))
