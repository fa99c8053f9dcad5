"""The dispatcher: deliver due outbox messages, in order per administratie.

Each round claims the due *head* of every deliverable administratie's queue (see
``store.outbox_bezorging``), delivers those heads in parallel (different administraties,
so ordering holds) and records each attempt in its own short transaction. A round that
delivered something is followed at once by the next; an idle one waits ``interval``
(0.5 s), so new rows are picked up within a second. Runs as a background thread in
``serve`` (:meth:`start`/:meth:`stop`) or in its own process (``rod-service dispatch``,
:meth:`run_forever`).

Delivery is at least once: a worker killed after the LAS acknowledged but before the
commit delivers again once its lease runs out; the LAS deduplicates on the unchanged
identificatiecodeBedrijfsdocument / wsa:MessageID.
"""
from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Protocol

from sqlalchemy.orm import Session, sessionmaker

from ..store.outbox import utc
from ..store.outbox_bezorging import Claim, claim_koppen, geclaimd_bericht
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

    def run_once(self) -> int:
        """One round; returns the number of delivery attempts made."""
        with self.sessies() as sessie, sessie.begin():
            stand = self._ontvangers.stand(sessie)
            claims = claim_koppen(sessie, nu=self.klok.nu(), oins=stand.bezorgbaar(),
                                  limiet=self.instellingen.parallel, claimduur=self.instellingen.claim)
        list(self._pool.map(lambda claim: self._bezorg(claim, stand), claims))
        return len(claims)

    def run_forever(self) -> None:
        """Rounds until :meth:`stop`; a failing round (e.g. the database away) is logged
        and retried after ``interval``, it never ends the loop."""
        try:
            while not self._stop.is_set():
                try:
                    bezig = self.run_once()
                except Exception:
                    log.exception("outbox-ronde mislukt; opnieuw over %s s", self.instellingen.interval)
                    bezig = 0
                if not bezig:
                    self._stop.wait(self.instellingen.interval)
        finally:
            self._pool.shutdown(wait=False, cancel_futures=True)

    def start(self) -> "Dispatcher":
        self._stop.clear()
        self._draad = threading.Thread(target=self.run_forever, name="outbox-dispatcher", daemon=True)
        self._draad.start()
        return self

    def stop(self, timeout: float | None = None) -> None:
        """Finish the round in progress (bounded by the HTTP timeout) and stop; also safe
        from a signal handler while :meth:`run_forever` runs in the main thread."""
        self._stop.set()
        if self._draad is not None and self._draad is not threading.current_thread():
            self._draad.join(timeout if timeout is not None else self.instellingen.timeout + 5)

    def _bezorg(self, claim: Claim, stand: Ontvangersstand) -> None:
        uitkomst = self.bezorger.bezorg(claim, endpoint=stand.get(claim.administratie_oin).endpoint,
                                        rod_oin=stand.rod_oin)
        log.info("push %s %s naar %s: %s (request_id=%s)", claim.identificatiecode, claim.operatie,
                 claim.administratie_oin, "bezorgd" if uitkomst.bezorgd else uitkomst.melding, claim.request_id)
        try:
            vastgelegd = self._leg_vast(claim, uitkomst)
        except Exception:  # the lease runs out and the message is tried again: nothing is lost
            log.exception("poging voor outbox %s niet vastgelegd", claim.id)
            return
        if vastgelegd is not None and self._bij_poging is not None:
            try:
                self._bij_poging(claim.administratie_oin, *vastgelegd)
            except Exception:  # metrics must never disturb delivery
                log.exception("bij_poging mislukt")

    def _leg_vast(self, claim: Claim, uitkomst: Uitkomst) -> tuple[str, float | None] | None:
        """Record the attempt; returns (uitkomst, latency) for ``bij_poging``."""
        nu = self.klok.nu()
        with self.sessies() as sessie, sessie.begin():
            bericht = geclaimd_bericht(sessie, claim)
            if bericht is None:
                log.warning("outbox %s: claim verlopen en overgenomen; poging niet vastgelegd", claim.id)
                return None
            bericht.pogingen += 1
            bericht.laatste_poging_op, bericht.claim, bericht.geclaimd_tot = nu, None, None
            if uitkomst.bezorgd:
                bericht.status, bericht.bezorgd_op = overgang(bericht.status, Status.BEZORGD), nu
                return Status.BEZORGD.value, (nu - utc(bericht.aangemaakt_op)).total_seconds()
            besluit = na_mislukking(self.instellingen, pogingen=bericht.pogingen,
                                    reeks_begin_op=utc(bericht.reeks_begin_op), nu=nu, rng=self._rng)
            bericht.status = overgang(bericht.status, besluit.status)
            bericht.fout_soort = uitkomst.foutsoort
            bericht.laatste_fout = f"[{uitkomst.foutsoort}] {uitkomst.melding}"[:2000]
            if besluit.volgende_poging_op is not None:
                bericht.volgende_poging_op = besluit.volgende_poging_op
                return uitkomst.foutsoort.value, None
            bericht.laatste_fout += f" | dood: {besluit.reden}"
            return Status.DOOD.value, None


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
