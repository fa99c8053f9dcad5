"""The dispatcher's queries: claim the next message of each administratie, record an attempt.

Ordering: only the *head* of an administratie's queue (its oldest message still
``nieuw``/``opnieuw``) is ever claimed, so a later message never overtakes an earlier
one that is not yet delivered or dead. Safety with several workers: the claim is a
lease (``claim`` token + ``geclaimd_tot``) written in a short transaction that selects
with ``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so two workers never claim the same head
and no worker waits for another; the HTTP call itself runs outside any transaction.
SQLite ignores ``FOR UPDATE`` (SQLAlchemy renders nothing) but serialises writers
(``BEGIN IMMEDIATE``); one dispatcher per SQLite database is the supported setup there.
"""
from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, bindparam, func, or_, select, union_all, update
from sqlalchemy.orm import Session

from ..outbox.toestanden import WACHTEND
from .models import OutboxBericht
from .outbox import utc


@dataclass(frozen=True)
class Claim:
    """A claimed message, detached from its session: what a delivery and its record need.
    Under the lease nobody else changes the row, so ``status``, ``pogingen`` and the dates
    are still the row's when the attempt is recorded."""

    id: int
    administratie_oin: str
    operatie: str
    identificatiecode: str
    message_id: str
    body: bytes
    pogingen: int
    reeks_begin_op: datetime
    token: str
    request_id: str | None = None  # the request that caused the push: logs and X-Request-Id
    status: str = WACHTEND[0]
    aangemaakt_op: datetime | None = None


_T = OutboxBericht.__table__
_DATUM = _T.c.volgende_poging_op.type
_NU = bindparam("nu", type_=_DATUM)
#: The statements are built once (building them per claim cost more than running them).
_KOPPEN: dict[int, object] = {}  # per number of administraties
_KOLOMMEN = (_T.c.id, _T.c.administratie_oin, _T.c.operatie, _T.c.identificatiecode, _T.c.message_id, _T.c.body,
             _T.c.pogingen, _T.c.reeks_begin_op, _T.c.request_id, _T.c.status, _T.c.aangemaakt_op,
             _T.c.volgende_poging_op)
#: Lease the due, unleased ones among the heads ``ids``, longest waiting first, in one
#: statement: the inner SELECT locks them (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite
#: has one writer at a time) and the UPDATE writes the lease and hands the rows back.
_CLAIM = (
    update(_T)
    .where(_T.c.id.in_(
        select(_T.c.id)
        # the status is checked again here: on PostgreSQL a row another worker recorded
        # since the heads were read is re-checked under its lock and left out
        .where(_T.c.id.in_(bindparam("ids", expanding=True)), _T.c.status.in_(WACHTEND),
               # due; or the clock was moved back (PUT /admin/datum) past when it was last
               # tried or made, which would otherwise park it until that date comes again
               or_(_T.c.volgende_poging_op <= _NU,
                   func.coalesce(_T.c.laatste_poging_op, _T.c.aangemaakt_op) > bindparam("terug", type_=_DATUM)),
               # no live lease; a lease further ahead than any fresh one means the clock went back
               or_(_T.c.geclaimd_tot.is_(None), _T.c.geclaimd_tot <= _NU,
                   _T.c.geclaimd_tot > bindparam("verlopen", type_=_DATUM)))
        .order_by(_T.c.volgende_poging_op, _T.c.id)
        .limit(bindparam("limiet"))
        .with_for_update(skip_locked=True)))
    .values(claim=bindparam("token"), geclaimd_tot=bindparam("tot", type_=_DATUM))
    .returning(*_KOLOMMEN)
)
_POGING = (update(_T).where(_T.c.id == bindparam("poging_id"), _T.c.claim == bindparam("poging_token"),
                            _T.c.status.in_(WACHTEND))
           .values(claim=None, geclaimd_tot=None))


def koppen(aantal: int):
    """The ids of the heads of the queues of ``aantal`` administraties (parameters
    ``oin_0`` …): per administratie the lowest id that is ``nieuw`` or ``opnieuw``, NULL
    for an empty queue.

    Two index seeks per administratie on ``ix_outbox_administratie_status`` (administratie,
    status, id): ``min(id)`` with equality on both leading columns is the first index entry
    on SQLite and PostgreSQL alike, so a head costs the same behind ten or a million waiting
    rows. (A ``GROUP BY`` over the waiting rows, or ``status IN (...)`` inside the ``min``,
    reads every waiting row, or on PostgreSQL walks the primary key past the delivered
    history: the claim then grows with the backlog, exactly when catching up.)"""
    vraag = _KOPPEN.get(aantal)
    if vraag is None:
        a = _T.alias("kop")
        per_oin = []
        for i in range(aantal):
            per_status = union_all(*(select(func.min(a.c.id).label("kop"))
                                     .where(a.c.administratie_oin == bindparam(f"oin_{i}"), a.c.status == status)
                                     for status in WACHTEND)).subquery()
            per_oin.append(select(func.min(per_status.c.kop)))
        vraag = _KOPPEN[aantal] = per_oin[0] if aantal == 1 else union_all(*per_oin)
    return vraag


def claim_koppen(sessie: Session | Connection, *, nu: datetime, oins: Collection[str], limiet: int,
                 claimduur: float) -> list[Claim]:
    """Claim the due heads of the queues of ``oins`` (those with an endpoint and not
    paused), at most ``limiet``, longest waiting first."""
    if not oins or limiet < 1:
        return []
    ids = [kop for kop in sessie.scalars(koppen(len(oins)), {f"oin_{i}": oin for i, oin in enumerate(sorted(oins))})
           if kop is not None]
    if not ids:
        return []
    duur = timedelta(seconds=claimduur)
    token = str(uuid.uuid4())  # one lease per claim; recording an attempt checks id and token
    # "The clock went back" only past a margin of one lease: another worker may have written
    # its lease or attempt with a ``nu`` a little later than ours (it read its clock after
    # we did, or its clock runs ahead); without the margin its fresh lease would look
    # stale and the message would go out twice
    rijen = sessie.execute(_CLAIM, {"ids": ids, "nu": nu, "terug": nu + duur, "verlopen": nu + 2 * duur,
                                    "limiet": limiet, "token": token, "tot": nu + duur}).all()
    rijen.sort(key=lambda r: (utc(r.volgende_poging_op), r.id))  # RETURNING keeps no order
    return [Claim(r.id, r.administratie_oin, r.operatie, r.identificatiecode, r.message_id, r.body, r.pogingen,
                  utc(r.reeks_begin_op), token, r.request_id, r.status, utc(r.aangemaakt_op)) for r in rijen]


def leg_poging_vast(sessie: Session | Connection, claim: Claim, **waarden) -> bool:
    """Write the outcome of ``claim``'s attempt (``waarden``: the columns that change) and
    release the lease, in one UPDATE that only matches while the lease is still ours.
    False when it ran out and another worker took the message over: nothing is written."""
    resultaat = sessie.execute(_POGING, {"poging_id": claim.id, "poging_token": claim.token, **waarden})
    return resultaat.rowcount == 1
