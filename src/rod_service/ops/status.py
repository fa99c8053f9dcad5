"""The ops page (spec sections 11 and 12): ``GET /ops`` and ``GET /ops/status.json``.

The page is one self-contained HTML file (``ops/ops.html``: inline CSS and JS, the charts
drawn as inline SVG, nothing from a CDN) that polls ``/ops/status.json`` every few
seconds. The JSON holds the queue per administratie as the store has it now (through
``OutboxRepository``) and a bounded ring of samples of the last hour kept in this process:
queue depth and the mean delivery latency of the pushes acknowledged since the previous
sample, per administratie. Samples are taken on each poll (at most one per interval) and,
under ``serve``, by a background thread, so the chart has history when someone opens it.
"""
from __future__ import annotations

import logging
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from importlib import resources
from typing import TYPE_CHECKING

from sqlalchemy import select

from ..soap.wsgi import json_antwoord

if TYPE_CHECKING:
    from ..bootstrap import Register

log = logging.getLogger(__name__)

INTERVAL = 5.0  # seconds between samples
VENSTER = 3600.0  # the chart's window: the last hour


@dataclass(frozen=True)
class Monster:
    tijd: float  # epoch seconds (wall clock)
    wachtend: dict[str, int] = field(default_factory=dict)
    latentie: dict[str, float] = field(default_factory=dict)  # mean seconds of deliveries since the previous sample
    bezorgd: dict[str, int] = field(default_factory=dict)  # deliveries since the previous sample

    def als_dict(self) -> dict:
        return {"t": round(self.tijd, 3), "wachtend": self.wachtend, "latentie": self.latentie,
                "bezorgd": self.bezorgd}


class Opsstatus:
    def __init__(self, register: "Register", *, interval: float = INTERVAL, venster: float = VENSTER) -> None:
        self.register = register
        self.interval = interval
        self._ring: deque[Monster] = deque(maxlen=max(int(venster / interval), 1) + 1)
        self._lock = threading.Lock()
        self._vorige: tuple[float, datetime] | None = None  # (wall time, store time) of the last sample
        self._ontvangers = None
        self._stop = threading.Event()
        self._draad: threading.Thread | None = None

    # reading the store --------------------------------------------------------------------
    def _lees(self, sessie, nu: datetime) -> dict:
        from ..outbox.ontvangers import Ontvangers
        from ..outbox.toestanden import Status
        from ..store.outbox import OutboxRepository

        standen = OutboxRepository(sessie).status_per_administratie(nu=nu)
        if self._ontvangers is None:
            self._ontvangers = Ontvangers()
        ontvangers = self._ontvangers.stand(sessie).ontvangers
        oins = sorted({*(a.oin for a in self.register.referentiedata.administraties), *standen})
        rijen = []
        for oin in oins:
            stand, ontvanger = standen.get(oin), ontvangers.get(oin)
            aantallen = {s.value: (stand.aantallen.get(s.value, 0) if stand else 0) for s in Status}
            rijen.append({
                "oin": oin,
                "aantallen": aantallen,
                "wachtend": aantallen["nieuw"] + aantallen["opnieuw"],
                "oudste_due_seconden": round(stand.oudste_due_seconden, 1) if stand else 0.0,
                "mislukte_pogingen": stand.mislukte_pogingen if stand else 0,
                "afgewezen": stand.afgewezen if stand else 0,
                "laatste_fout": stand.laatste_fout if stand else None,
                "laatste_fout_op": stand.laatste_fout_op.isoformat() if stand and stand.laatste_fout_op else None,
                "gepauzeerd": bool(ontvanger and ontvanger.gepauzeerd),
                "endpoint": ontvanger.endpoint if ontvanger else None,
            })
        return {"administraties": rijen}

    def _bezorgd_sinds(self, sessie, sinds: datetime) -> tuple[dict[str, float], dict[str, int]]:
        """Mean latency (creation → acknowledgement) and count of deliveries after ``sinds``."""
        from ..store.models import OutboxBericht
        from ..store.outbox import utc

        b = OutboxBericht
        totaal: dict[str, float] = {}
        aantal: dict[str, int] = {}
        for oin, aangemaakt, bezorgd in sessie.execute(
                select(b.administratie_oin, b.aangemaakt_op, b.bezorgd_op)
                .where(b.status == "bezorgd", b.bezorgd_op > sinds)):
            totaal[oin] = totaal.get(oin, 0.0) + max((utc(bezorgd) - utc(aangemaakt)).total_seconds(), 0.0)
            aantal[oin] = aantal.get(oin, 0) + 1
        return {oin: round(totaal[oin] / aantal[oin], 3) for oin in aantal}, aantal

    # sampling -----------------------------------------------------------------------------
    def bemonster(self, *, altijd: bool = False) -> None:
        """Take a sample if the last one is at least one interval old (or ``altijd``)."""
        with self._lock:
            nu_muur = time.time()
            if not altijd and self._vorige is not None and nu_muur - self._vorige[0] < self.interval * 0.95:
                return
            nu = self.register.klok.nu()
            sinds = self._vorige[1] if self._vorige else nu - timedelta(seconds=self.interval)
            with self.register.lezen() as sessie:
                stand = self._lees(sessie, nu)
                latentie, bezorgd = self._bezorgd_sinds(sessie, min(sinds, nu))
            self._ring.append(Monster(nu_muur, {r["oin"]: r["wachtend"] for r in stand["administraties"]},
                                      latentie, bezorgd))
            self._vorige = (nu_muur, nu)

    def start(self) -> None:
        """Sample in a daemon thread every interval (``serve``); tests poll instead."""
        if self._draad is not None:
            return

        def loop() -> None:
            while not self._stop.wait(self.interval):
                try:
                    self.bemonster()
                except Exception:
                    log.exception("ops: bemonsteren mislukt")

        self._draad = threading.Thread(target=loop, name="ops-bemonsteraar", daemon=True)
        self._draad.start()

    def stop(self) -> None:
        self._stop.set()

    # answers ------------------------------------------------------------------------------
    def status(self) -> dict:
        self.bemonster()
        nu = self.register.klok.nu()
        with self._lock:  # _lees uses one Ontvangers cache, which is not thread-safe
            with self.register.lezen() as sessie:
                stand = self._lees(sessie, nu)
            reeks = [m.als_dict() for m in self._ring]
        return {"nu": nu.isoformat(), "interval": self.interval, "venster": VENSTER, **stand,
                "reeks": reeks, "verzoeken": _verzoeken(self.register)}

    def status_route(self, environ: dict):
        return json_antwoord("200 OK", self.status(), ("Cache-Control", "no-store"))

    def pagina_route(self, environ: dict):
        return "200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store"),
                          ("Content-Security-Policy", "default-src 'self'; style-src 'unsafe-inline'; "
                           "script-src 'unsafe-inline'; img-src 'self' data:")], pagina()


def _verzoeken(register: "Register") -> dict:
    """This process's SOAP request counts per outcome (from the Prometheus counters)."""
    totaal: dict[str, float] = {}
    metrieken = register.metrieken
    for familie in metrieken.verzoeken.collect():
        for monster in familie.samples:
            if monster.name.endswith("_total"):
                uitkomst = monster.labels["uitkomst"]
                totaal[uitkomst] = totaal.get(uitkomst, 0) + monster.value
    return {k: int(v) for k, v in sorted(totaal.items())}


_PAGINA: bytes | None = None


def pagina() -> bytes:
    global _PAGINA
    if _PAGINA is None:
        _PAGINA = resources.files(__package__).joinpath("ops.html").read_bytes()
    return _PAGINA
