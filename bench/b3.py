"""B3: push throughput from the outbox to the reference LAS receiver, and the catch-up
after a receiver outage, on loopback (SQLite by default, optionally an empty PostgreSQL).

Every part runs on one fresh register (``bootstrap``: migrations, default reference data)
with both administraties of the default data (…0101 and …0202) pointed at a reference LAS
receiver (``rod-service las-ontvanger``: spyne behind our XSD gate), started as its own
process on a free loopback port, as a remote LAS would be. The pushes are the three push
kinds in turn (the contract's example bodies with a fresh identificatiecode), alternating
over the two administraties, **placed directly with the service layer's ``plaats_push``**
in units of work (``--per-uow`` each; not produced by SOAP deliveries: that cost is B1's).

1. ``plafond``: the dispatcher's own ceiling: N pushes drained by the in-process
   dispatcher against a stub LAS that acknowledges at once (no HTTP): claims, records, loop.
2. ``claim``: one claim transaction (read the receivers, claim the heads of both
   administraties, rolled back) behind a backlog of N waiting + N delivered rows
   (inserted with SQLAlchemy Core): does a claim get dearer as the backlog grows?
3. ``doorvoer`` (throughput): N pushes placed while both administraties are paused; then
   the dispatcher starts (``--werkers``: 0 = a thread in-process as ``serve`` runs it,
   k = k ``rod-service dispatch`` processes); reported: the time from the resume to the last
   acknowledgement recorded in the store, deliveries/s between the first and the last
   acknowledgement (without the pickup, up to one 0.5 s poll), and CPU per push of the
   dispatcher (a worker process's own CPU from /proc; for the thread, this whole process)
   and of the receiver process.
4. ``latentie``: a producer places one push per unit of work at ``--tempo``/s for
   ``--duur`` s while the dispatcher runs: placement (``aangemaakt_op``) to recorded
   acknowledgement (``bezorgd_op``), p50/p99.
5. ``uitval`` (catch-up): the endpoints point at a closed port while M pushes are placed
   and the dispatcher (thread) tries and backs off for ``--uitval`` s with the default
   policy (``outbox/beleid.py``: after failed attempt n, a wait drawn uniformly between 1 s
   and min(30 s, 4 s * 2^(n-1))); then the receiver starts on that port. Per
   administratie: the head's attempts during the outage, when its next retry was due (set
   by the back-off when the receiver came back, not by the receiver), its first delivery,
   when its queue was empty, and the drain rate after the first delivery. Then the policy
   alone, simulated (``beleid.na_mislukking``, no I/O): how long after the receiver's
   return the head is retried, by outage length from 15 s to a day.

Checks (printed with the figures; the script exits 1 if one fails): every push received
exactly once per identificatiecode (POSTs at the receiver minus distinct codes =
duplicates = 0, nothing unknown), in order of placement per administratie, every row of
the run ``bezorgd`` (one attempt each outside the outage) and no row left waiting.

Run: .venv/bin/python bench/b3.py [--aantal 2000] [--uitval 15] [--scenario doorvoer uitval]
         [--postgres postgresql+psycopg://.../EMPTY_DB]
About 80 s on SQLite with the defaults (a 2-core machine); --postgres adds the same
parts on PostgreSQL, with 1 and 2 worker processes (one dispatcher per SQLite file).
Results: bench/B3.md.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import requests
from sqlalchemy import delete, func, insert, select
from verdeling import percentiel

from rod_service.bootstrap import bootstrap
from rod_service.config import Instellingen
from rod_service.outbox.bezorger import Uitkomst
from rod_service.outbox.dispatcher import Dispatcher
from rod_service.outbox.toestanden import WACHTEND, Status
from rod_service.paden import wsdl_map
from rod_service.service.pushes import plaats_push
from rod_service.store.models import OutboxBericht
from rod_service.store.outbox_bezorging import claim_koppen

ROD_OIN = "00000009900000000001"
ADMINISTRATIES = ("00000009900000000101", "00000009900000000202")
OPERATIES = ("verstrekkenBekostigingsberichtVO", "verstrekkenDigitaalInUitschrijfbewijsVO",
             "verstrekkenTerugkoppelingVO")
ROD_SERVICE = Path(sys.executable).parent / "rod-service"
FOUTEN: list[str] = []


def _sjabloon(operatie: str) -> tuple[str, str]:
    """The contract's example body (ROD → …0101) and its identificatiecode."""
    tekst = (wsdl_map() / "voorbeelden" / f"{operatie}_Request.xml").read_text(encoding="utf-8")
    element = tekst.partition("?>")[2]
    element = element[element.index(f"<{operatie}_Request"):].strip()  # without the comment
    return element, element.split("<identificatiecodeBedrijfsdocument>")[1].split("<")[0]


SJABLONEN = {operatie: _sjabloon(operatie) for operatie in OPERATIES}


def body(operatie: str, oin: str, code: str) -> bytes:
    element, oude_code = SJABLONEN[operatie]
    return element.replace(oude_code, code).replace("00000009900000000101", oin).encode()


# -- the receiver, in its own process -----------------------------------------------------

@dataclass
class Ontvanger:
    proces: subprocess.Popen
    url: str
    bestand: Path

    @classmethod
    def start(cls, map_: Path, port: int = 0) -> Ontvanger:
        bestand = map_ / f"ontvangen-{uuid.uuid4().hex[:8]}.jsonl"
        proces = subprocess.Popen([str(ROD_SERVICE), "las-ontvanger", "--port", str(port), "--bestand", str(bestand)],
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        url = proces.stdout.readline().strip()
        if not url.startswith("http://"):
            proces.kill()
            raise RuntimeError(f"las-ontvanger did not start (port {port})")
        return cls(proces, url, bestand)

    def beheer(self) -> dict:
        return requests.get(self.url.removesuffix("/las") + "/beheer", timeout=5).json()

    def wacht_op(self, aantal: int, seconden: float) -> None:
        einde = time.monotonic() + seconden
        while self.beheer()["ontvangen"] < aantal:
            if time.monotonic() > einde:
                raise RuntimeError(f"receiver got {self.beheer()['ontvangen']} of {aantal} within {seconden} s")
            time.sleep(0.1)

    def regels(self) -> list[dict]:
        return [json.loads(r) for r in self.bestand.read_text(encoding="utf-8").splitlines() if r.strip()]

    def stop(self) -> None:
        self.proces.send_signal(signal.SIGINT)
        try:
            self.proces.wait(10)
        except subprocess.TimeoutExpired:
            self.proces.kill()


def vrije_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- the register ------------------------------------------------------------------------

@dataclass
class Partij:
    """One scenario's pushes: store ids and identificatiecodes in placement order per administratie."""

    ids: list[int] = field(default_factory=list)
    per_oin: dict[str, list[str]] = field(default_factory=lambda: {oin: [] for oin in ADMINISTRATIES})

    @property
    def aantal(self) -> int:
        return len(self.ids)


def plaats(register, partij: Partij, aantal: int, per_uow: int, start: int = 0) -> None:
    omgeving = register.omgeving()
    for blok in range(start, start + aantal, per_uow):
        with register.uow() as uow:
            berichten = []
            for i in range(blok, min(blok + per_uow, start + aantal)):
                oin, operatie, code = ADMINISTRATIES[i % 2], OPERATIES[(i // 2) % 3], str(uuid.uuid4())
                berichten.append(plaats_push(uow, omgeving, oin, operatie, body(operatie, oin, code), f"b3-{i}"))
                partij.per_oin[oin].append(code)
            uow.commit()
        partij.ids += [b.id for b in berichten]


def zet(register, *, endpoint: str | None = None, pauze: bool | None = None) -> None:
    with register.uow() as uow:
        for oin in ADMINISTRATIES:
            if endpoint is not None:
                uow.outbox.zet_endpoint(oin, endpoint, nu=register.klok.nu())
            if pauze is True:
                uow.outbox.pauzeer(oin, nu=register.klok.nu())
            elif pauze is False:
                uow.outbox.hervat(oin, nu=register.klok.nu())
        uow.commit()


def rijen(register, partij: Partij) -> list[OutboxBericht]:
    with register.sessies() as sessie:
        return list(sessie.scalars(select(OutboxBericht).where(OutboxBericht.id.in_(partij.ids))
                                   .order_by(OutboxBericht.id)))


def wacht_op_store(register, partij: Partij, seconden: float = 30) -> list[OutboxBericht]:
    """Poll (a count over the batch's id range: no other rows are placed meanwhile) until
    every row of the batch is bezorgd or ``seconden`` pass; then the rows."""
    b, einde = OutboxBericht, time.monotonic() + seconden
    while time.monotonic() < einde:
        with register.sessies() as sessie:
            open_ = sessie.scalar(select(func.count()).select_from(b).where(
                b.id.between(min(partij.ids), max(partij.ids)), b.status != Status.BEZORGD))
        if not open_:
            break
        time.sleep(0.05)
    return rijen(register, partij)


def controleer(naam: str, register, partij: Partij, ontvanger: Ontvanger) -> str:
    """The checks of one scenario; returns a short summary and records failures."""
    regels, beheer = ontvanger.regels(), ontvanger.beheer()
    stand = wacht_op_store(register, partij)
    codes = [r["identificatiecode"] for r in regels]
    dubbel = beheer["verzoeken"] - len(set(codes))
    onbekend = set(codes) - {c for lijst in partij.per_oin.values() for c in lijst}
    volgorde = all([r["identificatiecode"] for r in regels if r["ontvangendeInstantie"] == oin] == lijst
                   for oin, lijst in partij.per_oin.items())
    niet_bezorgd = sum(r.status != Status.BEZORGD for r in stand)
    with register.sessies() as sessie:
        wachtend = sessie.scalar(select(func.count()).select_from(OutboxBericht)
                                 .where(OutboxBericht.status.in_(WACHTEND)))
    fouten = []
    if len(codes) != partij.aantal or onbekend:
        fouten.append(f"{len(codes)} distinct received of {partij.aantal}, {len(onbekend)} unknown")
    if dubbel:
        fouten.append(f"{dubbel} duplicate POST(s)")
    if not volgorde:
        fouten.append("out of order")
    if niet_bezorgd or wachtend:
        fouten.append(f"{niet_bezorgd} rows not bezorgd, {wachtend} waiting")
    FOUTEN.extend(f"{naam}: {f}" for f in fouten)
    return "ok" if not fouten else "FAILED: " + "; ".join(fouten)


def _cpu(pid: int) -> float:
    velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(velden[11]) + int(velden[12])) / os.sysconf("SC_CLK_TCK")


def _latentie(stand: list[OutboxBericht]) -> tuple[float, float]:
    duren = sorted((r.bezorgd_op - r.aangemaakt_op).total_seconds() for r in stand if r.bezorgd_op)
    return statistics.median(duren), percentiel(duren)


def _afvoer(stand: list[OutboxBericht], begin: datetime) -> tuple[float, float]:
    """(seconds from ``begin`` (the resume) to the last acknowledgement, deliveries/s
    between the first and the last acknowledgement: without the pickup after the resume,
    up to one poll interval)."""
    momenten = sorted(_utc(r.bezorgd_op) for r in stand if r.bezorgd_op)
    tussen = max((momenten[-1] - momenten[0]).total_seconds(), 1e-6)
    return (momenten[-1] - begin).total_seconds(), (len(momenten) - 1) / tussen


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# -- scenarios -----------------------------------------------------------------------------

class Dispatchers:
    """The dispatcher under test: ``werkers`` 0 = a thread in this process (as ``serve``
    runs it), k > 0 = k ``rod-service dispatch`` processes (as docs/deploy.md scales out)."""

    def __init__(self, register, werkers: int) -> None:
        self.werkers, self.processen, self.draad = werkers, [], None
        if werkers:
            env = {**os.environ, "ROD_DATABASE_URL": register.instellingen.database_url}
            for _ in range(werkers):
                p = subprocess.Popen([str(ROD_SERVICE), "dispatch"], stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True, env=env)
                self.processen.append(p)
                if not p.stdout.readline().startswith("dispatcher running"):
                    self.stop()
                    raise RuntimeError("rod-service dispatch did not start")
        else:
            self.draad = register.dispatcher().start()

    @property
    def naam(self) -> str:
        return f"{self.werkers} × `rod-service dispatch`" if self.werkers else "thread in-process"

    def cpu(self) -> float:
        """CPU seconds so far: the worker processes', or this whole process's."""
        return sum(_cpu(p.pid) for p in self.processen) if self.werkers else time.process_time()

    def stop(self) -> None:
        if self.draad is not None:
            self.draad.stop()
        for p in self.processen:
            p.send_signal(signal.SIGTERM)
        for p in self.processen:
            try:
                p.wait(15)
            except subprocess.TimeoutExpired:
                p.kill()


def doorvoer(register, map_: Path, store: str, werkers: int, aantal: int, per_uow: int) -> str:
    """Throughput: fill while paused, start the dispatcher(s), resume, time until drained."""
    ontvanger = Ontvanger.start(map_)
    dispatchers = None
    try:
        zet(register, endpoint=ontvanger.url, pauze=True)
        partij = Partij()
        t = time.perf_counter()
        plaats(register, partij, aantal, per_uow)
        vullen = aantal / (time.perf_counter() - t)
        dispatchers = Dispatchers(register, werkers)
        cpu, begin = dispatchers.cpu(), datetime.now(UTC)
        zet(register, pauze=False)
        ontvanger.wacht_op(aantal, seconden=max(60.0, aantal / 10))
        stand = wacht_op_store(register, partij)
        cpu = dispatchers.cpu() - cpu
        ontvanger_cpu = _cpu(ontvanger.proces.pid)
        checks = controleer(f"doorvoer {store} {werkers}", register, partij, ontvanger)
    finally:
        if dispatchers is not None:
            dispatchers.stop()
        ontvanger.stop()
    duur, tempo = _afvoer(stand, begin)
    pogingen = sum(r.pogingen for r in stand) / len(stand)
    regel = (f"| {store} | {dispatchers.naam} | {aantal} | {vullen:.0f} | {duur:.1f} | {tempo:.0f} | "
             f"{cpu / aantal * 1e3:.1f} | {ontvanger_cpu / aantal * 1e3:.1f} | {pogingen:.2f} | {checks} |")
    print(regel, flush=True)
    return regel


def latentie(register, map_: Path, store: str, werkers: int, tempo: float, seconden: float) -> str:
    """Steady load: one push per unit of work at ``tempo``/s while the dispatcher runs."""
    ontvanger = Ontvanger.start(map_)
    dispatchers = Dispatchers(register, werkers)
    try:
        zet(register, endpoint=ontvanger.url, pauze=False)
        partij, aantal = Partij(), int(tempo * seconden)
        begin = time.perf_counter()
        for i in range(aantal):
            wacht = begin + i / tempo - time.perf_counter()
            if wacht > 0:
                time.sleep(wacht)
            plaats(register, partij, 1, 1, start=i)
        ontvanger.wacht_op(aantal, seconden=60)
        checks = controleer(f"latentie {store} {werkers}", register, partij, ontvanger)
        stand = rijen(register, partij)
    finally:
        dispatchers.stop()
        ontvanger.stop()
    p50, p99 = _latentie(stand)
    regel = (f"| {store} | {dispatchers.naam} | {tempo:g}/s for {seconden:g} s | {aantal} | {p50 * 1e3:.0f} | "
             f"{p99 * 1e3:.0f} | {checks} |")
    print(regel, flush=True)
    return regel


def uitval(register, map_: Path, store: str, aantal: int, per_uow: int, duur: float) -> list[str]:
    """Catch-up: receiver down (port closed) for ``duur`` s while the pushes wait, then up."""
    port = vrije_port()
    zet(register, endpoint=f"http://127.0.0.1:{port}/las", pauze=False)
    draad = register.dispatcher().start()
    ontvanger = None
    try:
        partij = Partij()
        plaats(register, partij, aantal, per_uow)
        time.sleep(duur)
        ontvanger = Ontvanger.start(map_, port)  # returns once it listens
        op = datetime.now(UTC)
        # the heads as the receiver came up: an attempt made while it was starting failed
        # and set the retry that counts (one in flight now may already succeed)
        koppen = {}
        for r in rijen(register, partij):
            koppen.setdefault(r.administratie_oin, r)
        ontvanger.wacht_op(aantal, seconden=120)
        checks = controleer(f"uitval {store}", register, partij, ontvanger)
        stand = rijen(register, partij)
    finally:
        draad.stop()
        if ontvanger is not None:
            ontvanger.stop()
    regels = []
    for oin in ADMINISTRATIES:
        hunne, kop = [r for r in stand if r.administratie_oin == oin], koppen[oin]
        andere = sum(r.pogingen for r in stand if r.administratie_oin == oin and r.id != kop.id) - (len(hunne) - 1)
        if kop.status == Status.BEZORGD:  # its retry fell right on the receiver's start
            mislukt, gepland, grens = kop.pogingen - 1, (_utc(kop.bezorgd_op) - op).total_seconds(), "-"
        else:
            mislukt = kop.pogingen
            gepland = (_utc(kop.volgende_poging_op) - op).total_seconds()
            grens = f"{min(30.0, 4.0 * 2 ** (mislukt - 1)):g}"
        eerste = min(_utc(r.bezorgd_op) for r in hunne)
        laatste = max(_utc(r.bezorgd_op) for r in hunne)
        tempo = (len(hunne) - 1) / max((laatste - eerste).total_seconds(), 1e-6)
        regel = (f"| {store} | …{oin[-4:]} | {len(hunne)} | {duur:g} | {mislukt} ({andere}) | "
                 f"{gepland:.1f} (≤ {grens}) | {(eerste - op).total_seconds():.1f} | "
                 f"{(laatste - op).total_seconds():.1f} | {tempo:.0f} | {checks} |")
        print(regel, flush=True)
        regels.append(regel)
    return regels


def terugkomst(duren: list[float], reeksen: int = 1000) -> list[str]:
    """How long after a receiver comes back its head is retried, by outage length: the
    default policy (``beleid.na_mislukking``) simulated on a message that fails from the
    start of the outage until ``duur`` (no I/O; attempts themselves take no time)."""
    from datetime import timedelta

    from rod_service.outbox.beleid import na_mislukking
    from rod_service.outbox.instellingen import OutboxInstellingen

    beleid, rng, begin, regels = OutboxInstellingen(), random.Random(3), datetime(2026, 11, 23, tzinfo=UTC), []
    for duur in duren:
        wachten, pogingen = [], []
        for _ in range(reeksen):
            nu, n = begin, 0
            while nu < begin + timedelta(seconds=duur):
                n += 1
                besluit = na_mislukking(beleid, pogingen=n, reeks_begin_op=begin, nu=nu, rng=rng)
                if besluit.volgende_poging_op is None:  # dead: ops must replay
                    break
                nu = besluit.volgende_poging_op
            wachten.append((nu - begin).total_seconds() - duur)
            pogingen.append(n)
        wachten.sort()
        regels.append(f"| {_duur(duur)} | {statistics.median(pogingen):.0f} | {_duur(wachten[len(wachten) // 2])} | "
                      f"{_duur(wachten[int(len(wachten) * 0.9)])} | {_duur(wachten[-1])} |")
        print(regels[-1], flush=True)
    return regels


def _duur(seconden: float) -> str:
    for eenheid, grootte in (("h", 3600), ("min", 60)):
        if seconden >= grootte:
            return f"{seconden / grootte:.1f} {eenheid}"
    return f"{seconden:.1f} s"


class Onmiddellijk:
    """A LAS that acknowledges at once without a byte on the wire: what is left is the
    dispatcher's own cost (claims, records, the loop)."""

    def bezorg(self, claim, *, endpoint, rod_oin):
        return Uitkomst(True, "direct", None, 200)


def plafond(register, store: str, aantal: int, per_uow: int) -> str:
    """The dispatcher's ceiling: a backlog drained against :class:`Onmiddellijk`."""
    zet(register, endpoint="http://127.0.0.1:9/niet-gebruikt", pauze=True)
    partij = Partij()
    plaats(register, partij, aantal, per_uow)
    r = register.instellingen
    dispatcher = Dispatcher(sessies=register.sessies, klok=register.klok, instellingen=r.outbox,
                            bezorger=Onmiddellijk()).start()
    try:
        cpu, begin = time.process_time(), datetime.now(UTC)
        zet(register, pauze=False)
        stand = wacht_op_store(register, partij, seconden=120)
        cpu = time.process_time() - cpu
    finally:
        dispatcher.stop()
    duur, tempo = _afvoer(stand, begin)
    goed = all(r.status == Status.BEZORGD and r.pogingen == 1 for r in stand)
    if not goed:
        FOUTEN.append(f"plafond {store}: not every row bezorgd after one attempt")
    regel = (f"| {store} | {aantal} | {duur:.2f} | {tempo:.0f} | {cpu / aantal * 1e3:.2f} | "
             f"{'ok' if goed else 'FAILED'} |")
    print(regel, flush=True)
    return regel


def claimkosten(register, store: str, groottes: list[int]) -> list[str]:
    """One claim transaction (read the receivers, claim the heads of both administraties,
    rolled back) behind a backlog of ``grootte`` waiting rows plus as many delivered ones,
    inserted directly with SQLAlchemy Core (bodies of 4 bytes: only the row count matters)."""
    from rod_service.outbox.ontvangers import Ontvangers

    regels = []
    nu = register.klok.nu()
    zet(register, endpoint="http://127.0.0.1:9/niet-gebruikt", pauze=False)
    gevuld = 0
    for grootte in groottes:
        with register.sessies() as sessie, sessie.begin():
            for status in (Status.BEZORGD, Status.NIEUW):
                for blok in range(gevuld, grootte, 10000):
                    bezorgd = status == Status.BEZORGD
                    sessie.execute(insert(OutboxBericht), [
                        {"administratie_oin": ADMINISTRATIES[i % 2], "operatie": OPERATIES[0],
                         "identificatiecode": str(uuid.uuid4()), "message_id": "urn:uuid:b3", "body": b"<x/>",
                         "status": status, "pogingen": int(bezorgd), "volgende_poging_op": nu, "aangemaakt_op": nu,
                         "reeks_begin_op": nu, "bezorgd_op": nu if bezorgd else None}
                        for i in range(blok, min(blok + 10000, grootte))])
        gevuld = grootte
        if register.engine.dialect.name == "postgresql":
            with register.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                c.exec_driver_sql("ANALYZE outbox")
        ontvangers, duren = Ontvangers(), []
        for _ in range(40):
            t = time.perf_counter()
            with register.sessies() as sessie, sessie.begin():
                stand = ontvangers.stand(sessie)
                claims = claim_koppen(sessie, nu=register.klok.nu(), oins=stand.bezorgbaar(), limiet=4, claimduur=60)
                sessie.rollback()
            duren.append(time.perf_counter() - t)
        if len(claims) != 2:
            FOUTEN.append(f"claimkosten {store} {grootte}: {len(claims)} heads claimed, not 2")
        regel = f"| {store} | {grootte} | {statistics.median(duren) * 1e3:.2f} | {'ok' if len(claims) == 2 else 'FAILED'} |"
        print(regel, flush=True)
        regels.append(regel)
    with register.sessies() as sessie, sessie.begin():  # the later scenarios check "outbox empty"
        sessie.execute(delete(OutboxBericht).where(OutboxBericht.message_id == "urn:uuid:b3"))
    return regels


def meet(store: str, url: str, map_: Path, opties) -> None:
    register = bootstrap(Instellingen(database_url=url))
    print(f"\n### {store}", flush=True)
    if "plafond" in opties.scenario:
        print(f"\nThe dispatcher's own ceiling ({opties.aantal} pushes placed as below, drained by the "
              "in-process dispatcher against a LAS stub that acknowledges at once, no HTTP):\n")
        print("| store | pushes | resume → empty s | deliveries/s | CPU ms/push | checks |\n"
              "| --- | ---: | ---: | ---: | ---: | --- |")
        plafond(register, store, opties.aantal, opties.per_uow)
    if "claim" in opties.scenario:
        print("\nOne claim transaction (receivers + heads of both administraties) behind a backlog of N "
              "waiting and N delivered rows (median of 40):\n")
        print("| store | N | claim ms | checks |\n| --- | ---: | ---: | --- |")
        claimkosten(register, store, opties.backlog)
    if "doorvoer" in opties.scenario:
        _doorvoeren(register, map_, store, url, opties)
    if "latentie" in opties.scenario:
        print("\nLatency from placement to recorded acknowledgement under steady load (one push per unit "
              "of work, placed in this process):\n")
        print("| store | dispatcher | load | pushes | p50 ms | p99 ms | checks |\n"
              "| --- | --- | --- | ---: | ---: | ---: | --- |")
        for werkers in sorted({min(k, 1) for k in opties.werkers}):
            latentie(register, map_, store, werkers, opties.tempo, opties.duur)
    if "uitval" in opties.scenario:
        print(f"\nCatch-up after an outage ({opties.uitval_aantal} pushes, receiver port closed for {opties.uitval:g} s, "
              "default back-off; times in s after the receiver came up):\n")
        print("| store | administratie | pushes | outage s | failed attempts of the head (of the others) "
              "| head's retry due (wait bound) | first delivery | queue empty | drain/s | checks |")
        print("| --- | --- | ---: | ---: | --- | --- | ---: | ---: | ---: | --- |")
        uitval(register, map_, store, opties.uitval_aantal, opties.per_uow, opties.uitval)
        if store == "SQLite":  # the policy alone, the same for every store
            print("\nThe head's first retry after the receiver is back, by outage length (the default policy "
                  "simulated: outbox/beleid.py's na_mislukking on a push failing from the outage's start, "
                  "1000 series):\n")
            print("| outage | failed attempts | retry after return p50 | p90 | max |\n| ---: | ---: | ---: | ---: | ---: |")
            terugkomst([15, 60, 600, 3600, 4500, 5400, 7200, 86400])
    register.engine.dispose()


def _doorvoeren(register, map_: Path, store: str, url: str, opties) -> None:
    print(f"\nThroughput ({opties.aantal} pushes placed with plaats_push, {opties.per_uow} per unit "
          f"of work, then drained):\n", flush=True)
    print("| store | dispatcher | pushes | placed/s | resume → empty s | deliveries/s | dispatcher CPU ms/push "
          "| receiver CPU ms/push | attempts/push | checks |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for werkers in [k for k in opties.werkers if k <= 1 or not url.startswith("sqlite")]:
        doorvoer(register, map_, store, werkers, opties.aantal, opties.per_uow)


def main() -> None:
    logging.disable(logging.WARNING)  # the dispatcher logs every failed attempt during the outage
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--aantal", type=int, default=2000, help="pushes per throughput run")
    args.add_argument("--per-uow", type=int, default=10, help="pushes placed per unit of work")
    args.add_argument("--werkers", type=int, nargs="*", default=[0, 1, 2],
                      help="throughput runs: 0 = the dispatcher as a thread in-process, k = k `rod-service dispatch` "
                      "processes (on SQLite at most 1: one dispatcher per SQLite file)")
    args.add_argument("--tempo", type=float, default=50, help="pushes/s of the steady-load latency run")
    args.add_argument("--duur", type=float, default=10, help="seconds of the steady-load latency run")
    args.add_argument("--uitval", type=float, default=15, help="seconds the receiver is down")
    args.add_argument("--uitval-aantal", type=int, default=500, help="pushes waiting during the outage")
    args.add_argument("--postgres", help="an EMPTY PostgreSQL database (postgresql+psycopg://...)")
    args.add_argument("--backlog", type=int, nargs="*", default=[1000, 10000, 100000],
                      help="backlog sizes for the claim cost")
    delen = ["plafond", "claim", "doorvoer", "latentie", "uitval"]
    args.add_argument("--scenario", nargs="*", choices=delen, default=delen, help="which parts to run (default all)")
    opties = args.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        map_ = Path(tmp)
        meet("SQLite", f"sqlite:///{map_}/b3.sqlite3", map_, opties)
        if opties.postgres:
            meet("PostgreSQL", opties.postgres, map_, opties)
    if FOUTEN:
        print("\nCHECKS FAILED:\n" + "\n".join(f"- {f}" for f in FOUTEN), file=sys.stderr)
        sys.exit(1)
    print("\nAll checks passed: each push received exactly once, in order per administratie, outbox empty.")


if __name__ == "__main__":
    main()
