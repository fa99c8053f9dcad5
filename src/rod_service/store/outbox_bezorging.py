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

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from ..outbox.toestanden import WACHTEND
from .models import OutboxBericht
from .outbox import utc


@dataclass(frozen=True)
class Claim:
    """A claimed message, detached from its session: what a delivery needs."""

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


def claim_koppen(sessie: Session, *, nu: datetime, oins: Collection[str], limiet: int,
                 claimduur: float) -> list[Claim]:
    """Claim the due heads of the queues of ``oins`` (those with an endpoint and not
    paused), at most ``limiet``, longest waiting first."""
    if not oins:
        return []
    ander = aliased(OutboxBericht)
    koppen = (select(func.min(ander.id)).where(ander.status.in_(WACHTEND))
              .group_by(ander.administratie_oin))
    b = OutboxBericht
    vraag = (
        select(b)
        .where(b.id.in_(koppen), b.status.in_(WACHTEND), b.administratie_oin.in_(list(oins)),
               # due; or the clock was moved back past when it was scheduled (PUT
               # /admin/datum), which would otherwise park it until that date comes again
               or_(b.volgende_poging_op <= nu, func.coalesce(b.laatste_poging_op, b.aangemaakt_op) > nu),
               # no live lease (one further ahead than a fresh one means the clock went back)
               or_(b.geclaimd_tot.is_(None), b.geclaimd_tot <= nu, b.geclaimd_tot > nu + timedelta(seconds=claimduur)))
        .order_by(b.volgende_poging_op, b.id)
        .limit(limiet)
        .with_for_update(skip_locked=True)
    )
    claims = []
    for bericht in sessie.scalars(vraag):
        bericht.claim, bericht.geclaimd_tot = str(uuid.uuid4()), nu + timedelta(seconds=claimduur)
        claims.append(Claim(bericht.id, bericht.administratie_oin, bericht.operatie, bericht.identificatiecode,
                            bericht.message_id, bericht.body, bericht.pogingen, utc(bericht.reeks_begin_op),
                            bericht.claim, bericht.request_id))
    return claims


def geclaimd_bericht(sessie: Session, claim: Claim) -> OutboxBericht | None:
    """The message, locked, if ``claim`` still holds it (not taken over after its lease ran out)."""
    bericht = sessie.get(OutboxBericht, claim.id, with_for_update=True)
    return bericht if bericht is not None and bericht.claim == claim.token else None
