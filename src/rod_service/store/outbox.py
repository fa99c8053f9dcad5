"""The outbox in the store: producers place pushes (inside their unit of work, so a push
commits with its cause), ops read and steer the queue. The dispatcher's own queries
(claiming, recording an attempt) live in ``outbox_bezorging``."""
from __future__ import annotations

import threading
import uuid
import weakref
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import delete, event, func, select, text, update
from sqlalchemy.orm import Session, sessionmaker

from ..outbox.toestanden import WACHTEND, Status, overgang
from .db import schrijvend
from .models import OutboxBericht, OutboxOntvanger

#: The operations of LeerlingadministratieVO (wsdl/LeerlingadministratieVO.wsdl).
LAS_OPERATIES = ("verstrekkenDigitaalInUitschrijfbewijsVO", "verstrekkenBekostigingsberichtVO",
                 "verstrekkenTerugkoppelingVO")
ALLE: Literal["alle"] = "alle"
OPRUIMPORTIE = 1000  # delivered messages removed per transaction (``ruim_bezorgd_op``)


def utc(moment: datetime | None) -> datetime | None:
    """SQLite hands DateTime(timezone=True) back without a zone; everything here is UTC."""
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


@dataclass
class Wachtrijstand:
    """One administratie's queue as ops see it (``rod-service queue status``)."""

    administratie_oin: str
    aantallen: dict[str, int] = field(default_factory=dict)  # per Status value
    oudste_due_seconden: float = 0.0  # age of the oldest message that is due; 0 when none
    mislukte_pogingen: int = 0
    afgewezen: int = 0  # waiting or dead messages whose last failure is flagged
    laatste_fout: str | None = None
    laatste_fout_op: datetime | None = None
    gepauzeerd: bool = False
    endpoint_override: str | None = None


class Wekker:
    """Wakes a dispatcher of *this* process as soon as a transaction that queued pushes
    commits (``OutboxRepository.plaats`` arranges it), instead of at its next poll: under
    ``serve`` a push then leaves within milliseconds. Dispatchers of other processes are
    woken on PostgreSQL by ``NOTIFY`` (outbox/luisteraar.py); on SQLite they find new
    rows by polling (``ROD_OUTBOX_INTERVAL``)."""

    def __init__(self) -> None:
        self._conditie = threading.Condition()
        self._gewekt, self._oins = False, set()
        with _WEKKERS_LOCK:
            _WEKKERS.add(self)

    def wek(self, oins: frozenset[str] | None = None) -> None:
        """Wake the waiter; ``oins``: the administraties that got pushes (None: look at all)."""
        with self._conditie:
            self._gewekt = True
            self._oins = None if oins is None or self._oins is None else self._oins | oins
            self._conditie.notify_all()

    def wacht(self, timeout: float) -> set[str] | None:
        """Wait until woken or ``timeout``; returns the administraties that got pushes since
        the last wait, or None (timed out, or woken for another reason: look at all), and
        resets."""
        with self._conditie:
            self._conditie.wait_for(lambda: self._gewekt, timeout)
            oins = self._oins if self._gewekt else None
            self._gewekt, self._oins = False, set()
            return oins


_WEKKERS: weakref.WeakSet[Wekker] = weakref.WeakSet()
_WEKKERS_LOCK = threading.Lock()
_GEPLAATST = "rod_outbox_geplaatst"  # session.info: the administraties pushes were queued for
_WEKT = "rod_outbox_wekt"  # session.info: _na_commit listens to this session
#: PostgreSQL: the channel a committed push is announced on (outbox/luisteraar.py)
NOTIFY_KANAAL = "rod_outbox"
_NOTIFY = text("SELECT pg_notify(:kanaal, :oin)")


def _na_commit(sessie: Session) -> None:
    oins = frozenset(sessie.info.pop(_GEPLAATST, ()))
    if oins:
        with _WEKKERS_LOCK:
            wekkers = list(_WEKKERS)
        for wekker in wekkers:
            wekker.wek(oins)


class OutboxRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def plaats(self, *, administratie_oin: str, operatie: str, body: bytes, identificatiecode: str,
               request_id: str | None = None, nu: datetime) -> OutboxBericht:
        """Queue one push. ``body`` is the serialised ``<operatie>_Request`` element; its
        wsa:MessageID is fixed here, so retries and replays carry the same one."""
        if operatie not in LAS_OPERATIES:
            raise ValueError(f"{operatie!r} is no LeerlingadministratieVO operation")
        bericht = OutboxBericht(
            administratie_oin=administratie_oin, operatie=operatie, identificatiecode=identificatiecode,
            message_id=f"urn:uuid:{uuid.uuid4()}", body=body, status=Status.NIEUW, pogingen=0,
            volgende_poging_op=nu, request_id=request_id, aangemaakt_op=nu, reeks_begin_op=nu)
        self.session.add(bericht)
        if not self.session.info.get(_WEKT):
            self.session.info[_WEKT] = True
            event.listen(self.session, "after_commit", _na_commit)
        geplaatst = self.session.info.setdefault(_GEPLAATST, set())
        if administratie_oin not in geplaatst and self.session.get_bind().dialect.name == "postgresql":
            # delivered at commit (never for a rollback) to the dispatchers of other processes
            self.session.execute(_NOTIFY, {"kanaal": NOTIFY_KANAAL, "oin": administratie_oin})
        geplaatst.add(administratie_oin)
        return bericht

    def lijst(self, status: Status | None = None, *, administratie_oin: str | None = None,
              limiet: int = 100) -> list[OutboxBericht]:
        """The newest ``limiet`` messages (optionally of one state/administratie), oldest first."""
        vraag = select(OutboxBericht).order_by(OutboxBericht.id.desc()).limit(limiet)
        if status is not None:
            vraag = vraag.where(OutboxBericht.status == status)
        if administratie_oin is not None:
            vraag = vraag.where(OutboxBericht.administratie_oin == administratie_oin)
        return list(reversed(self.session.scalars(vraag).all()))

    def replay(self, doel: int | Literal["alle"], *, nu: datetime) -> int:
        """Dead letter ``doel`` (or all of them) back in the queue, due now, with the same
        identificatiecode and MessageID; attempts and age start over. Returns how many."""
        vraag = select(OutboxBericht).where(OutboxBericht.status == Status.DOOD)
        if doel != ALLE:
            vraag = vraag.where(OutboxBericht.id == int(doel))
        berichten = self.session.scalars(vraag).all()
        for bericht in berichten:
            bericht.status = overgang(bericht.status, Status.OPNIEUW)
            bericht.pogingen, bericht.reeks_begin_op, bericht.volgende_poging_op = 0, nu, nu
        return len(berichten)

    def nu_opnieuw(self, administratie_oin: str | None, *, nu: datetime) -> int:
        """The LAS is back: the administratie's (None: every) waiting messages whose retry
        lies in the future are due now, instead of when the back-off would try them (after a
        long outage up to hours later). Attempts and age go on; returns how many."""
        vraag = (update(OutboxBericht).where(OutboxBericht.status.in_(WACHTEND),
                                             OutboxBericht.volgende_poging_op > nu)
                 .values(volgende_poging_op=nu))
        if administratie_oin is not None:
            vraag = vraag.where(OutboxBericht.administratie_oin == administratie_oin)
        return self.session.execute(vraag, execution_options={"synchronize_session": False}).rowcount

    def verwijder_bezorgd(self, *, voor: datetime, limiet: int) -> int:
        """Remove at most ``limiet`` messages delivered before ``voor`` (the oldest first);
        waiting and dead messages are never removed. Returns how many."""
        b = OutboxBericht
        # a delivered message was due before it was delivered, so the range on
        # ix_outbox_status_volgende reads the messages to remove (and the few delivered after
        # ``voor`` that were due before it), never the rest of the history. One that was due
        # after its delivery (the clock was set back) stays until ``voor`` passes that too.
        ids = (select(b.id).where(b.status == Status.BEZORGD, b.volgende_poging_op < voor, b.bezorgd_op < voor)
               .order_by(b.volgende_poging_op).limit(limiet))
        return self.session.execute(delete(b).where(b.id.in_(ids.scalar_subquery())),
                                    execution_options={"synchronize_session": False}).rowcount

    def pauzeer(self, administratie_oin: str, *, nu: datetime) -> None:
        self._ontvanger(administratie_oin, nu).gepauzeerd = True

    def hervat(self, administratie_oin: str, *, nu: datetime) -> None:
        self._ontvanger(administratie_oin, nu).gepauzeerd = False

    def zet_endpoint(self, administratie_oin: str, endpoint: str | None, *, nu: datetime) -> None:
        """Override the reference data's endpoint; ``None`` drops the override."""
        self._ontvanger(administratie_oin, nu).endpoint = endpoint

    def ontvangers(self) -> dict[str, OutboxOntvanger]:
        return {o.administratie_oin: o for o in self.session.scalars(select(OutboxOntvanger))}

    def status_per_administratie(self, *, nu: datetime) -> dict[str, Wachtrijstand]:
        standen: dict[str, Wachtrijstand] = {}

        def stand(oin: str) -> Wachtrijstand:
            return standen.setdefault(oin, Wachtrijstand(oin))

        b = OutboxBericht
        for oin, status, aantal, pogingen in self.session.execute(
                select(b.administratie_oin, b.status, func.count(), func.sum(b.pogingen))
                .group_by(b.administratie_oin, b.status)):
            s = stand(oin)
            s.aantallen[status] = aantal
            # a delivered message's last attempt succeeded; every other attempt failed
            s.mislukte_pogingen += (pogingen or 0) - (aantal if status == Status.BEZORGD else 0)
        for oin, oudste in self.session.execute(
                select(b.administratie_oin, func.min(b.aangemaakt_op))
                .where(b.status.in_(WACHTEND), b.volgende_poging_op <= nu).group_by(b.administratie_oin)):
            stand(oin).oudste_due_seconden = max((nu - utc(oudste)).total_seconds(), 0.0)
        for oin, aantal in self.session.execute(
                select(b.administratie_oin, func.count())
                .where(b.status.in_((Status.OPNIEUW, Status.DOOD)), b.fout_soort == "afgewezen")
                .group_by(b.administratie_oin)):
            stand(oin).afgewezen = aantal
        self._laatste_fouten(stand)
        for oin, ontvanger in self.ontvangers().items():
            s = stand(oin)
            s.gepauzeerd, s.endpoint_override = ontvanger.gepauzeerd, ontvanger.endpoint
        return standen

    def _laatste_fouten(self, stand) -> None:
        # both sides only look at messages with an error (``ix_outbox_laatste_fout``), not
        # at the delivered history
        b = OutboxBericht
        laatste = (select(b.administratie_oin, func.max(b.laatste_poging_op).label("op"))
                   .where(b.laatste_fout.is_not(None)).group_by(b.administratie_oin).subquery())
        for oin, fout, op in self.session.execute(
                select(b.administratie_oin, b.laatste_fout, b.laatste_poging_op)
                .join(laatste, (laatste.c.administratie_oin == b.administratie_oin) & (laatste.c.op == b.laatste_poging_op))
                .where(b.laatste_fout.is_not(None))):
            s = stand(oin)
            s.laatste_fout, s.laatste_fout_op = fout, utc(op)

    def _ontvanger(self, administratie_oin: str, nu: datetime) -> OutboxOntvanger:
        ontvanger = self.session.get(OutboxOntvanger, administratie_oin)
        if ontvanger is None:
            ontvanger = OutboxOntvanger(administratie_oin=administratie_oin, gepauzeerd=False, gewijzigd_op=nu)
            self.session.add(ontvanger)
        ontvanger.gewijzigd_op = nu
        return ontvanger


def ruim_bezorgd_op(sessies: sessionmaker[Session], *, voor: datetime, portie: int = OPRUIMPORTIE,
                    porties: int | None = None) -> int:
    """Remove the messages delivered before ``voor``, ``portie`` at a time, each portion in
    its own short transaction (on SQLite in the write slot), so deliveries and requests go
    on in between; stop after ``porties`` portions (None: when all are gone). Returns how
    many were removed."""
    totaal = gedaan = 0
    while porties is None or gedaan < porties:
        with schrijvend(sessies) as sessie:
            verwijderd = OutboxRepository(sessie).verwijder_bezorgd(voor=voor, limiet=portie)
        totaal, gedaan = totaal + verwijderd, gedaan + 1
        if verwijderd < portie:
            break
    return totaal
