"""Repository for inschrijvingen: full stands under persoon + brin + inschrijvingvolgnummer.

A stand is replaced as a whole inside the unit of work (the pipeline commits it together
with the answer and the audit record, or rolls everything back). A removal leaves a
``verwijdering`` row holding the removed stand, written before the rows go.

The delivery hot path (``kop``, ``vervang_stand``, ``standen``) runs SQLAlchemy Core
statements in the session's transaction: no ORM objects, one DELETE and one INSERT per
child table instead of loading and diffing collections (bench/RESULTS.md). The ORM
methods (``zoek``, ``van_persoon``, ``verwijder``, ``verhuis``) serve the rest.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import bindparam, delete, exists, insert, select, update
from sqlalchemy.orm import Session

from ..domain.inschrijving import (
    Inschrijvingsstand,
    Ontwikkelingsperspectief,
    Periode,
    VerblijfAndereInstelling,
    Verzuimmelding,
)
from ..domain.pgn import Nummersoort, Pgn
from . import models as m
from .snel import Snel, in_een_keer

SOORT = "inschrijving"
_KINDEREN = (m.InschrijvingPeriode, m.Ontwikkelingsperspectief, m.VerblijfAndereInstelling, m.Verzuimmelding)

# Core statements of the hot path, built once (bench/RESULTS.md: building them per request
# cost more than running them on SQLite) and run on the driver's cursor (store/snel.py)
_I = m.Inschrijving.__table__
_HEEFT = tuple(exists().where(k.__table__.c.inschrijving_id == _I.c.id).label(f"heeft_{k.__tablename__}")
               for k in _KINDEREN)  # which child tables hold rows of an inschrijving: the last columns
_KOP = Snel(select(_I.c.id, _I.c.standsleutel, _I.c.datum_inschrijving, _I.c.datum_uitschrijving, *_HEEFT).where(
    _I.c.persoon_id == bindparam("persoon_id"), _I.c.brin == bindparam("brin"),
    _I.c.inschrijvingvolgnummer == bindparam("volgnummer")))
_VAN_PERSOON = Snel(select(_I, *_HEEFT).where(  # but the one this unit of work wrote (0: none)
    _I.c.persoon_id == bindparam("persoon_id"), _I.c.id != bindparam("behalve")))
_NIEUW = Snel(insert(_I).returning(_I.c.id))
_WIJZIG = Snel(update(_I).where(_I.c.id == bindparam("rij_id")))
_KIND_LEES = {k: Snel(select(k.__table__).where(k.__table__.c.inschrijving_id.in_(
    select(_I.c.id).where(_I.c.persoon_id == bindparam("persoon_id"))))  # all of the person's: no expanding IN
    .order_by(k.__table__.c.inschrijving_id, k.__table__.c.datum_begin, k.__table__.c.id)) for k in _KINDEREN}
_KIND_WEG = {k: Snel(delete(k.__table__).where(k.__table__.c.inschrijving_id == bindparam("rij_id"))) for k in _KINDEREN}
_KIND_NIEUW = {k: Snel(insert(k.__table__)) for k in _KINDEREN}


@dataclass(frozen=True)
class InschrijvingKop:
    """The stored inschrijving without its children: enough to tell new, changed, unchanged."""

    id: int
    standsleutel: str
    datum_inschrijving: date
    datum_uitschrijving: date | None
    kinderen: tuple[bool, ...] = (True,) * len(_KINDEREN)  # per child table: has rows (as _KINDEREN)


class InschrijvingRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._standen: dict[int, list[tuple[int, Inschrijvingsstand]]] = {}
        # persoon id → (row id, stand) this unit of work last wrote: known, so not read back
        self._geschreven: dict[int, tuple[int, Inschrijvingsstand]] = {}

    def kop(self, persoon_id: int, brin: str, volgnummer: str) -> InschrijvingKop | None:
        rij = _KOP.voer_uit(self.session, {"persoon_id": persoon_id, "brin": brin, "volgnummer": volgnummer}).first()
        return InschrijvingKop(*rij[:4], kinderen=_heeft(rij)) if rij else None

    def standen(self, persoon_id: int) -> list[tuple[int, Inschrijvingsstand]]:
        """(row id, stand) of every inschrijving of the person, oldest datumInschrijving
        first; read once per unit of work (a write in it reads again)."""
        if persoon_id not in self._standen:
            self._standen[persoon_id] = self._lees_standen(persoon_id)
        return self._standen[persoon_id]

    def _lees_standen(self, persoon_id: int) -> list[tuple[int, Inschrijvingsstand]]:
        geschreven = self._geschreven.get(persoon_id)
        koppen = _VAN_PERSOON.voer_uit(self.session, {"persoon_id": persoon_id,
                                                      "behalve": geschreven[0] if geschreven else 0}).all()
        kinderen: dict = defaultdict(lambda: defaultdict(list))
        for model, heeft_rijen in zip(_KINDEREN, map(any, zip(*map(_heeft, koppen)))):
            if heeft_rijen:  # only tables that hold rows of them
                per = kinderen[model]
                for r in _KIND_LEES[model].voer_uit(self.session, {"persoon_id": persoon_id}).all():
                    per[r.inschrijving_id].append(r)
        standen = [(k.id, _stand(k, *(kinderen[model][k.id] for model in _KINDEREN))) for k in koppen]
        return sorted([*standen, *([geschreven] if geschreven else [])], key=_inschrijvingsvolgorde)

    def zoek(self, persoon_id: int, brin: str, volgnummer: str) -> m.Inschrijving | None:
        return self.session.scalar(select(m.Inschrijving).where(
            m.Inschrijving.persoon_id == persoon_id,
            m.Inschrijving.brin == brin,
            m.Inschrijving.inschrijvingvolgnummer == volgnummer,
        ))

    def van_persoon(self, persoon_id: int) -> list[m.Inschrijving]:
        """All inschrijvingen of a person, at any school, oldest datumInschrijving first."""
        return list(self.session.scalars(
            select(m.Inschrijving).where(m.Inschrijving.persoon_id == persoon_id)
            .order_by(m.Inschrijving.datum_inschrijving, m.Inschrijving.id)
        ))

    def vervang_stand(self, persoon_id: int, stand: Inschrijvingsstand, *, administratie_oin: str,
                      standsleutel: str, nu: datetime, bestaand: InschrijvingKop | None = None) -> int:
        """Store ``stand`` as the whole of the inschrijving: its periods, OPP, VAI and
        verzuimmeldingen replace whatever was stored under the same key (``bestaand``: its
        ``kop``, when the caller already looked it up). Returns the row id."""
        kop = bestaand or self.kop(persoon_id, stand.brin, stand.inschrijvingvolgnummer)
        waarden = dict(pgn_soort=stand.pgn.soort.value, pgn_nummer=stand.pgn.nummer,
                       administratie_oin=administratie_oin, datum_inschrijving=stand.datum_inschrijving,
                       datum_uitschrijving=stand.datum_uitschrijving, standsleutel=standsleutel, opgeslagen_op=nu)
        if kop is None:  # a new inschrijving: its row id is needed for the children
            rij_id = _NIEUW.voer_uit(self.session, dict(
                persoon_id=persoon_id, brin=stand.brin, inschrijvingvolgnummer=stand.inschrijvingvolgnummer,
                **waarden)).scalar_one()
        else:
            rij_id = kop.id
        with in_een_keer(self.session):  # PostgreSQL: the writes below in one round trip
            if kop is not None:
                _WIJZIG.voer_uit(self.session, {"rij_id": rij_id, **waarden})
                for model, heeft_rijen in zip(_KINDEREN, kop.kinderen):
                    if heeft_rijen:  # the kop read says which child tables hold rows of this one
                        _KIND_WEG[model].voer_uit(self.session, {"rij_id": rij_id})
            for model, rijen in zip(_KINDEREN, _kindrijen(stand)):
                if rijen:
                    _KIND_NIEUW[model].voer_uit_veel(self.session, [{"inschrijving_id": rij_id, **r} for r in rijen])
        self._standen.pop(persoon_id, None)
        self._geschreven[persoon_id] = (rij_id, replace(stand, perioden=tuple(sorted(stand.perioden,
                                                                                     key=_datum_begin))))
        return rij_id

    def verwijder(self, rij: m.Inschrijving, *, administratie_oin: str, nu: datetime) -> None:
        """Remove the inschrijving and its children; the audit trail keeps the stand as JSON."""
        self.session.add(m.Verwijdering(
            soort=SOORT, brin=rij.brin, volgnummer=rij.inschrijvingvolgnummer, persoon_id=rij.persoon_id,
            administratie_oin=administratie_oin, stand=naar_domein(rij).als_dict(), verwijderd_op=nu,
        ))
        self.session.delete(rij)
        self.session.flush()
        self._standen.pop(rij.persoon_id, None)
        self._geschreven.pop(rij.persoon_id, None)

    def verhuis(self, van_persoon_id: int, naar_persoon_id: int) -> int:
        """Move a person's inschrijvingen to another person (an onderwijsnummer linked to a
        BSN person, ID51). A stand the target already has under the same brin + volgnummer
        stays where it is (the target's own delivery is the newer truth). Returns the number moved."""
        verhuisd = 0
        for rij in self.van_persoon(van_persoon_id):
            if self.zoek(naar_persoon_id, rij.brin, rij.inschrijvingvolgnummer) is None:
                rij.persoon_id = naar_persoon_id
                verhuisd += 1
        self.session.flush()
        self._standen.clear()
        self._geschreven.clear()
        return verhuisd


def naar_domein(rij: m.Inschrijving) -> Inschrijvingsstand:
    """The stored stand as the domain has it (periods in datumBegin order)."""
    return _stand(rij, rij.perioden, rij.ontwikkelingsperspectieven, rij.verblijven, rij.verzuimmeldingen)


def _datum_begin(p: Periode) -> date:
    return p.datum_begin


def _inschrijvingsvolgorde(opgeslagen: tuple[int, Inschrijvingsstand]) -> tuple[date, int]:
    """Oldest datumInschrijving first, then storage order (row id)."""
    rij_id, stand = opgeslagen
    return stand.datum_inschrijving, rij_id


def _kindrijen(stand: Inschrijvingsstand) -> tuple[list[dict], ...]:
    """The stand's children as row values, in the order of ``_KINDEREN``."""
    return (
        [dict(datum_begin=p.datum_begin, onderwijsaanbieder=p.onderwijsaanbieder,
              onderwijslocatie=p.onderwijslocatie, opleidingcode=p.opleidingcode, vestiging=p.vestiging,
              leerjaar=p.leerjaar, indicatie_bekostigbaar=p.indicatie_bekostigbaar,
              indicatie_nieuwkomersbekostiging=p.indicatie_nieuwkomersbekostiging,
              aanvullende_opleidingen=list(p.aanvullende_opleidingen), experimenten=list(p.experimenten),
              opleidingskenmerken=list(p.opleidingskenmerken)) for p in stand.perioden],
        [dict(datum_begin=o.datum_begin, datum_eind=o.datum_eind) for o in stand.ontwikkelingsperspectieven],
        [dict(datum_begin=v.datum_begin, datum_eind=v.datum_eind, brin=v.brin, vestiging=v.vestiging,
              verblijfsoort=v.verblijfsoort) for v in stand.verblijven],
        [dict(datum_begin=v.datum_begin, datum_eind=v.datum_eind) for v in stand.verzuimmeldingen],
    )


def _heeft(rij) -> tuple[bool, ...]:
    """Per child table (``_KINDEREN``): does it hold rows of this inschrijving (``_HEEFT``)."""
    return tuple(bool(h) for h in rij[-len(_KINDEREN):])


def _stand(kop, perioden, opps, verblijven, verzuim) -> Inschrijvingsstand:
    """A stand from its row and child rows (ORM objects or Core rows alike)."""
    return Inschrijvingsstand(
        pgn=Pgn(Nummersoort(kop.pgn_soort), kop.pgn_nummer), brin=kop.brin,
        inschrijvingvolgnummer=kop.inschrijvingvolgnummer, datum_inschrijving=kop.datum_inschrijving,
        datum_uitschrijving=kop.datum_uitschrijving, perioden=tuple(_periode(p) for p in perioden),
        ontwikkelingsperspectieven=tuple(Ontwikkelingsperspectief(o.datum_begin, o.datum_eind) for o in opps),
        verblijven=tuple(VerblijfAndereInstelling(v.datum_begin, v.datum_eind, brin=v.brin, vestiging=v.vestiging,
                                                  verblijfsoort=v.verblijfsoort) for v in verblijven),
        verzuimmeldingen=tuple(Verzuimmelding(v.datum_begin, v.datum_eind) for v in verzuim),
    )


def _periode(r: m.InschrijvingPeriode) -> Periode:
    return Periode(
        datum_begin=r.datum_begin, opleidingcode=r.opleidingcode, vestiging=r.vestiging,
        indicatie_bekostigbaar=r.indicatie_bekostigbaar, onderwijsaanbieder=r.onderwijsaanbieder,
        onderwijslocatie=r.onderwijslocatie, aanvullende_opleidingen=tuple(r.aanvullende_opleidingen or ()),
        leerjaar=r.leerjaar, experimenten=tuple(r.experimenten or ()),
        opleidingskenmerken=tuple(r.opleidingskenmerken or ()),
        indicatie_nieuwkomersbekostiging=r.indicatie_nieuwkomersbekostiging,
    )
