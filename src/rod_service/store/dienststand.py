"""The ``dienststand`` row (models.Dienststand): what all processes of one deployment share
besides the store itself — the clock's fixed date and the reference-data version."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Connection, Row, insert, select, update
from sqlalchemy.orm import Session

from .models import Dienststand
from .snel import Snel

RIJ_ID = 1
_D = Dienststand.__table__
_LEES = select(_D.c.datum_versie, _D.c.vaste_datum, _D.c.referentiedata_versie).where(_D.c.id == RIJ_ID)


_LEES_SNEL = Snel(_LEES)  # every unit of work reads it first (store/snel.py)


def lees(verbinding: Connection | Session) -> Row | None:
    """(datum_versie, vaste_datum, referentiedata_versie), or None before the first write."""
    if isinstance(verbinding, Session):
        return _LEES_SNEL.voer_uit(verbinding, {}).first()
    return verbinding.execute(_LEES).first()


def zet_datum(sessie: Session, datum: date | None, nu: datetime) -> Row:
    """Put ``datum`` (None: the real date) in force for every process; returns the new state."""
    return _wijzig(sessie, nu, {"datum_versie": _D.c.datum_versie + 1, "vaste_datum": datum})


def nieuwe_referentiedata(sessie: Session, nu: datetime, *, na_versie: int | None = None) -> Row | None:
    """Record that new reference data is in force; returns the new state. With ``na_versie``
    only if the version in force is still that one (a merge built on it), else None and
    nothing changes. On PostgreSQL the row stays locked to the end of the transaction, so
    concurrent loads take turns here (a second one waits, then finds the version moved on)."""
    if na_versie is None:
        return _wijzig(sessie, nu, {"referentiedata_versie": _D.c.referentiedata_versie + 1})
    verhoogd = sessie.execute(update(_D).where(_D.c.id == RIJ_ID, _D.c.referentiedata_versie == na_versie)
                              .values(gewijzigd_op=nu, referentiedata_versie=_D.c.referentiedata_versie + 1))
    return lees(sessie) if verhoogd.rowcount else None


def _wijzig(sessie: Session, nu: datetime, waarden: dict) -> Row:
    # one UPDATE with version + 1: concurrent changes from two processes both count
    if not sessie.execute(update(_D).where(_D.c.id == RIJ_ID).values(gewijzigd_op=nu, **waarden)).rowcount:
        sessie.execute(insert(_D).values(id=RIJ_ID, datum_versie=1, referentiedata_versie=1, gewijzigd_op=nu,
                                         vaste_datum=waarden.get("vaste_datum")))
    return lees(sessie)
