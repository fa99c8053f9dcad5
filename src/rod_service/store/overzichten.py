"""Reading a school's register state in chunks (registratieoverzicht, OBO, KWC), and the
tables of the overviews: stored OBOs, KWC state and run history, generated files.

Never the whole register: every query names one brin, and :func:`deelnemers` streams that
school's persons in chunks of ``per`` (default 500) with everything a file or a check needs
about them, loaded in a fixed number of queries per chunk (persons, inschrijvingen with
their children, examenresultaten, BRP rows; for the KWC also the persons' other VO
inschrijvingen and their first datumInschrijving). Memory is bounded by the chunk, time is
O(school size) queries-wise O(school size / per).
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import delete, func, or_, select, union
from sqlalchemy.orm import Session, selectinload

from ..domain.persoon import BrpPersoon
from . import models as m

PER = 500


@dataclass
class Deelnemer:
    """One person as an overview of one school sees them. ``inschrijvingen`` and
    ``examenresultaten`` are those at the school (within the asked selection); for the KWC
    ``andere_vo`` holds the person's VO inschrijvingen at other schools and ``eerste_vo``
    the earliest datumInschrijving of any VO inschrijving of the person."""

    persoon: m.Persoon
    brp: BrpPersoon | None = None
    inschrijvingen: list[m.Inschrijving] = field(default_factory=list)
    examenresultaten: list[m.Examenresultaat] = field(default_factory=list)
    andere_vo: list[m.Inschrijving] = field(default_factory=list)
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
    Ins, Exr = m.Inschrijving, m.Examenresultaat
    bronnen = [select(Ins.persoon_id).where(
        Ins.brin == brin, _overlapt(Ins.datum_inschrijving, Ins.datum_uitschrijving, van, tot))]
    if examenregimes is not None:
        bronnen.append(select(Exr.persoon_id).where(Exr.brin == brin, Exr.examenregime.between(*examenregimes)))
    ids = list(session.scalars(
        select(m.Persoon.id).where(m.Persoon.id.in_(union(*bronnen) if len(bronnen) > 1 else bronnen[0]))
        .order_by(m.Persoon.burgerservicenummer.is_(None), m.Persoon.burgerservicenummer, m.Persoon.id)
    ))
    for begin in range(0, len(ids), per):
        yield _laad(session, brin, ids[begin:begin + per], van, tot, brp_naar_domein, examenregimes, kwc)


def _laad(session, brin, ids, van, tot, brp_naar_domein, examenregimes, kwc) -> list[Deelnemer]:
    Ins, Exr = m.Inschrijving, m.Examenresultaat
    personen = {p.id: Deelnemer(p) for p in session.scalars(select(m.Persoon).where(m.Persoon.id.in_(ids)))}
    for rij in session.scalars(
        select(Ins).where(Ins.persoon_id.in_(ids), Ins.brin == brin,
                        _overlapt(Ins.datum_inschrijving, Ins.datum_uitschrijving, van, tot))
        .options(selectinload(Ins.perioden), selectinload(Ins.ontwikkelingsperspectieven),
                 selectinload(Ins.verblijven), selectinload(Ins.verzuimmeldingen))
        .order_by(Ins.persoon_id, Ins.inschrijvingvolgnummer)
    ):
        personen[rij.persoon_id].inschrijvingen.append(rij)
    if examenregimes is not None:
        for rij in session.scalars(
            select(Exr).where(Exr.persoon_id.in_(ids), Exr.brin == brin, Exr.examenregime.between(*examenregimes))
            .order_by(Exr.persoon_id, Exr.examenregime, Exr.examenresultaatvolgnummer)
        ):
            personen[rij.persoon_id].examenresultaten.append(rij)
    bsns = {d.persoon.burgerservicenummer: d for d in personen.values() if d.persoon.burgerservicenummer}
    if bsns:
        for rij in session.scalars(select(m.BrpPersoonRij).where(m.BrpPersoonRij.burgerservicenummer.in_(bsns))):
            bsns[rij.burgerservicenummer].brp = brp_naar_domein(rij.gegevens)
    if kwc:
        for rij in session.scalars(select(Ins).where(Ins.persoon_id.in_(ids), Ins.brin != brin)
                                   .order_by(Ins.persoon_id, Ins.datum_inschrijving)):
            personen[rij.persoon_id].andere_vo.append(rij)
        for persoon_id, eerste in session.execute(
            select(Ins.persoon_id, func.min(Ins.datum_inschrijving)).where(Ins.persoon_id.in_(ids))
            .group_by(Ins.persoon_id)
        ):
            personen[persoon_id].eerste_vo = eerste
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


class KwcRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def toestanden(self, brin: str, codes: tuple[str, ...]) -> dict[tuple[str, str], m.KwcToestand]:
        T = m.KwcToestand
        return {(t.code, t.sleutel): t for t in self.session.scalars(
            select(T).where(T.brin == brin, T.code.in_(codes)))}

    def voeg_toestand_toe(self, *, brin: str, code: str, sleutel: str, kenmerk: str, datum: date) -> m.KwcToestand:
        rij = m.KwcToestand(brin=brin, code=code, sleutel=sleutel, kenmerk=kenmerk,
                            eerst_gezien=datum, laatst_gezien=datum)
        self.session.add(rij)
        return rij

    def verwijder_toestand(self, rij: m.KwcToestand) -> None:
        self.session.delete(rij)

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
