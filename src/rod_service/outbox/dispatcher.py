"""The dispatcher: deliver due outbox messages, in order per administratie.

Each administratie's queue is delivered by one *chain* at a time: claim its due head
(see ``store.outbox_bezorging``), deliver it, and record the attempt in a short
transaction that also claims the next head of the same queue, so a backlog costs one
transaction per push and an administratie never waits for another's answer. Different
administraties run side by side (at most ``parallel`` chains per worker). A chain hands
back after ``interval`` (0.5 s) or when its queue has nothing due; the main loop then
claims again, longest waiting heads first, so every administratie gets its turn, and
pause and endpoint changes (read at least every ``interval``) take effect. The main loop
wakes when a push is committed in this process (``store.outbox.Wekker``: under ``serve``
a push leaves within milliseconds; on PostgreSQL also when another process commits one,
``outbox/luisteraar.py``), when a chain hands back, and every ``interval`` for rows queued
by other processes on SQLite. Runs as a background thread in ``serve``
(:meth:`start`/:meth:`stop`) or in its own process (``rod-service dispatch``,
:meth:`run_forever`); :meth:`run_once` is one synchronous round without chains (tests,
tools).

Delivery is at least once: a worker killed after the LAS acknowledged but before the
commit delivers again once its lease runs out; the LAS deduplicates on the unchanged
identificatiecodeBedrijfsdocument / wsa:MessageID.

On PostgreSQL the dispatcher's transactions run READ COMMITTED whatever the database's
default: its safety rests on row locks (``FOR UPDATE SKIP LOCKED``, the lease token in
the UPDATE), and under REPEATABLE READ or SERIALIZABLE two workers claiming at once would
abort each other. A transaction that still loses a race (deadlock, serialization
failure) runs again (``met_herhaling``) instead of costing a round, or, when recording,
a lease period and a second delivery.

With ``ROD_OUTBOX_BEWAREN`` set, the main loop also removes the messages delivered longer
ago than that (every ``ROD_OUTBOX_OPRUIMEN``, one portion per round): without it the
delivered history only grows. Waiting and dead messages are never removed.
"""
from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from datetime import timedelta
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import Connection
from sqlalchemy.orm import Session, sessionmaker

from ..store.db import met_herhaling, schrijfslot, schrijvend
from ..store.outbox import OPRUIMPORTIE, Wekker, ruim_bezorgd_op
from ..store.outbox_bezorging import Claim, claim_koppen, leg_poging_vast
from .beleid import na_mislukking
from .bezorger import Uitkomst
from .instellingen import OutboxInstellingen
from .ontvangers import Ontvangers, Ontvangersstand
from .toestanden import Status, overgang

if TYPE_CHECKING:
    from ..bootstrap import Register
    from ..klok import Klok

log = logging.getLogger(__name__)


class Bezorgt(Protocol):
    def bezorg(self, claim: Claim, *, endpoint: str, rod_oin: str) -> Uitkomst: ...


#: Told of every recorded attempt: (administratie_oin, uitkomst, latency in seconds from
#: creation to acknowledgement or None); uitkomst is bezorgd, tijdelijk, afgewezen or dood.
BijPoging = Callable[[str, str, "float | None"], None]


class Dispatcher:
    def __init__(self, *, sessies: sessionmaker[Session], klok: "Klok", instellingen: OutboxInstellingen,
                 bezorger: Bezorgt, rng: random.Random | None = None, bij_poging: BijPoging | None = None) -> None:
        self.sessies, self.klok, self.instellingen, self.bezorger = sessies, klok, instellingen, bezorger
        self._bij_poging = bij_poging
        self._rng = rng or random.Random()
        self._ontvangers = Ontvangers()
        self._pool = ThreadPoolExecutor(instellingen.parallel, thread_name_prefix="outbox-bezorging")
        self._stop = threading.Event()
        self._draad: threading.Thread | None = None
        self._stand: Ontvangersstand | None = None  # the receivers as last read by the main loop
        self._wekker = Wekker()

    def run_once(self) -> int:
        """One synchronous round: claim the due heads, deliver them in parallel, record each
        (no chains); returns the number of delivery attempts made."""
        stand, claims = self._claim(set(), self.instellingen.parallel)
        list(self._pool.map(lambda claim: self._bezorg(claim, stand), claims))
        return len(claims)

    def run_forever(self) -> None:
        """Chains until :meth:`stop`; a failing round (e.g. the database away) is logged
        and retried after ``interval``, it never ends the loop."""
        bezig: dict[Future, str] = {}  # running chains → their administratie
        oins: set[str] | None = None  # woken for these administraties only (None: look at all)
        luisteraar = self._luisteraar()
        opruimen_op = time.monotonic()  # when to look for delivered messages past ``bewaren``
        try:
            while not self._stop.is_set():
                if self.instellingen.bewaren and time.monotonic() >= opruimen_op:
                    # one portion per round, so a long history never holds up the claims;
                    # while portions come back full, the next round goes on with it
                    opruimen_op = time.monotonic() + (0 if self._ruim_op() else self.instellingen.opruimen)
                # a push queued for an administratie whose chain runs here is that chain's:
                # no round needed (when the chain hands back, the round comes anyway)
                if oins is None or not oins <= set(bezig.values()):
                    try:
                        stand, claims = self._claim(set(bezig.values()), self.instellingen.parallel - len(bezig))
                    except Exception:
                        log.exception("outbox-ronde mislukt; opnieuw over %s s", self.instellingen.interval)
                        claims = []
                    for claim in claims:
                        future = self._pool.submit(self._keten, claim, stand)
                        future.add_done_callback(lambda _: self._wekker.wek())
                        bezig[future] = claim.administratie_oin
                # wake when a push is committed in this process, a chain hands back, or
                # after interval (rows from other processes, pause and endpoint changes)
                oins = self._wekker.wacht(self.instellingen.interval)
                for future in [f for f in bezig if f.done()]:
                    del bezig[future]
        finally:
            if luisteraar is not None:
                luisteraar.stop()
            wait(bezig, timeout=self.instellingen.timeout + 1)  # the deliveries under way
            self._pool.shutdown(wait=False, cancel_futures=True)

    def _ruim_op(self) -> bool:
        """Remove one portion of the messages delivered longer than ``bewaren`` ago; True
        when the portion was full (more may be left)."""
        voor = self.klok.nu() - timedelta(seconds=self.instellingen.bewaren)
        try:
            verwijderd = ruim_bezorgd_op(self.sessies, voor=voor, porties=1)
        except Exception:
            log.exception("outbox opruimen mislukt; opnieuw over %s s", self.instellingen.opruimen)
            return False
        if verwijderd:
            log.info("outbox: %d bezorgde berichten van voor %s verwijderd", verwijderd, voor.isoformat())
        return verwijderd == OPRUIMPORTIE

    def _luisteraar(self):
        """PostgreSQL: also wake when another process commits a push (outbox/luisteraar.py)."""
        engine = self.sessies.kw.get("bind")
        if engine is None or engine.dialect.name != "postgresql":
            return None
        from .luisteraar import Luisteraar

        return Luisteraar(engine, self._wekker, self.instellingen.interval).start()

    def start(self) -> "Dispatcher":
        self._stop.clear()
        self._draad = threading.Thread(target=self.run_forever, name="outbox-dispatcher", daemon=True)
        self._draad.start()
        return self

    def stop(self, timeout: float | None = None) -> None:
        """Finish the deliveries in progress (bounded by the HTTP timeout) and stop; also
        safe from a signal handler while :meth:`run_forever` runs in the main thread."""
        self._stop.set()
        self._wekker.wek()
        if self._draad is not None and self._draad is not threading.current_thread():
            self._draad.join(timeout if timeout is not None else self.instellingen.timeout + 5)

    @contextmanager
    def _transactie(self) -> Iterator[Session]:
        """One short transaction (committed when the block ends without an exception); on
        SQLite in its turn with the deliveries (``schrijfslot``: waiting on SQLite's busy
        handler instead, under delivery load a claim waited p90 55 ms, up to 431 ms: bench/schrijfslot.py)."""
        with schrijvend(self.sessies) as sessie:
            if sessie.get_bind().dialect.name == "postgresql":  # set before the first statement
                sessie.connection(execution_options={"isolation_level": "READ COMMITTED"})
            yield sessie

    @contextmanager
    def _verbinding(self) -> Iterator[Connection]:
        """A connection for a chain's transactions (one checkout, not one per push)."""
        engine = self.sessies.kw["bind"]
        with engine.connect() as verbinding:
            if engine.dialect.name == "postgresql":
                verbinding = verbinding.execution_options(isolation_level="READ COMMITTED")
            yield verbinding

    def _claim(self, bezig: set[str], limiet: int) -> tuple[Ontvangersstand, list[Claim]]:
        """Read the receivers and claim the due heads of the deliverable administraties
        that have no chain running here."""
        def werk() -> tuple[Ontvangersstand, list[Claim]]:
            with self._transactie() as sessie:
                stand = self._ontvangers.stand(sessie)
                return stand, claim_koppen(sessie, nu=self.klok.nu(), oins=stand.bezorgbaar() - bezig,
                                           limiet=limiet, claimduur=self.instellingen.claim)

        stand, claims = met_herhaling(werk)
        self._stand = stand
        return stand, claims

    def _keten(self, claim: Claim, stand: Ontvangersstand) -> None:
        """Deliver ``claim`` and the messages after it in its administratie's queue, while
        they are due, the administratie stays deliverable and ``interval`` has not passed."""
        einde = time.monotonic() + self.instellingen.interval
        try:
            with self._verbinding() as verbinding:
                volgende: Claim | None = claim
                while volgende is not None:
                    stand = self._stand or stand
                    verder = (not self._stop.is_set() and time.monotonic() < einde
                              and volgende.administratie_oin in stand.bezorgbaar())
                    volgende = self._bezorg(volgende, stand, verder, verbinding)
        except Exception:  # e.g. no connection: the lease runs out and the message is tried again
            log.exception("outbox-keten van %s afgebroken", claim.administratie_oin)

    def _bezorg(self, claim: Claim, stand: Ontvangersstand, verder: bool = False,
                verbinding: Connection | None = None) -> Claim | None:
        """Deliver one claimed message and record the attempt; with ``verder``, the same
        transaction claims the next due head of the administratie, which is returned."""
        uitkomst = self.bezorger.bezorg(claim, endpoint=stand.get(claim.administratie_oin).endpoint,
                                        rod_oin=stand.rod_oin)
        log.info("push %s %s naar %s: %s (request_id=%s)", claim.identificatiecode, claim.operatie,
                 claim.administratie_oin, "bezorgd" if uitkomst.bezorgd else uitkomst.melding, claim.request_id)
        try:
            if verbinding is None:
                with self._verbinding() as eigen:
                    vastgelegd, volgende = self._leg_vast(claim, uitkomst, eigen, verder)
            else:
                vastgelegd, volgende = self._leg_vast(claim, uitkomst, verbinding, verder)
        except Exception:  # the lease runs out and the message is tried again: nothing is lost
            log.exception("poging voor outbox %s niet vastgelegd", claim.id)
            return None
        if vastgelegd is not None and self._bij_poging is not None:
            try:
                self._bij_poging(claim.administratie_oin, *vastgelegd)
            except Exception:  # metrics must never disturb delivery
                log.exception("bij_poging mislukt")
        return volgende

    def _leg_vast(self, claim: Claim, uitkomst: Uitkomst, verbinding: Connection,
                  verder: bool = False) -> tuple[tuple[str, float | None] | None, Claim | None]:
        """Record the attempt (and with ``verder`` claim the next head of the queue) in one
        transaction; returns ((uitkomst, latency) for ``bij_poging``, or None when the lease
        was lost; the next claim or None)."""
        nu = self.klok.nu()
        waarden: dict = {"pogingen": claim.pogingen + 1, "laatste_poging_op": nu}
        if uitkomst.bezorgd:
            waarden |= {"status": overgang(claim.status, Status.BEZORGD), "bezorgd_op": nu}
            latentie = (nu - claim.aangemaakt_op).total_seconds() if claim.aangemaakt_op else None
            poging = (Status.BEZORGD.value, latentie)
        else:
            besluit = na_mislukking(self.instellingen, pogingen=claim.pogingen + 1,
                                    reeks_begin_op=claim.reeks_begin_op, nu=nu, rng=self._rng)
            fout = f"[{uitkomst.foutsoort}] {uitkomst.melding}"[:2000]
            waarden |= {"status": overgang(claim.status, besluit.status), "fout_soort": uitkomst.foutsoort,
                        "laatste_fout": fout}
            if besluit.volgende_poging_op is not None:
                waarden["volgende_poging_op"] = besluit.volgende_poging_op
                poging = (uitkomst.foutsoort.value, None)
            else:
                waarden["laatste_fout"] = f"{fout} | dood: {besluit.reden}"
                poging = (Status.DOOD.value, None)

        def werk() -> tuple[tuple[str, float | None] | None, Claim | None]:
            with schrijfslot(verbinding.engine), verbinding.begin():
                if not leg_poging_vast(verbinding, claim, **waarden):
                    log.warning("outbox %s: claim verlopen en overgenomen; poging niet vastgelegd", claim.id)
                    return None, None
                if not verder:
                    return poging, None
                claims = claim_koppen(verbinding, nu=self.klok.nu(), oins={claim.administratie_oin}, limiet=1,
                                      claimduur=self.instellingen.claim)
                return poging, (claims[0] if claims else None)

        return met_herhaling(werk)


def maak_dispatcher(register: "Register") -> Dispatcher:
    """The dispatcher of a register, delivering with zeep by our own WSDL."""
    from ..ops.tls import requests_sessie
    from ..paden import wsdl_map
    from ..soap.schema import Contract
    from .bezorger import Bezorger

    r = register.instellingen
    bezorger = Bezorger(wsdl=wsdl_map() / "LeerlingadministratieVO.wsdl",
                        contract=Contract(wsdl_map() / "xsd" / "rod-vo-las.xsd"), timeout=r.outbox.timeout,
                        sessie=lambda: requests_sessie(cert=r.push_tls_cert, key=r.push_tls_key, ca=r.push_ca))
    return Dispatcher(sessies=register.sessies, klok=register.klok, instellingen=r.outbox, bezorger=bezorger,
                      bij_poging=register.metrieken.bezorging)
