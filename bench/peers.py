"""B1-peers: our aanleverenInschrijvingVO path next to a static stub, a generic SOAP stack and
our own ceiling, with one load generator (wrk) and one message, in one run.

Targets (each started here as a subprocess on a free loopback port, stopped at the end):

- **WireMock** 3 standalone (the jar shipped in the npm package ``wiremock``): a static
  stub mapping for POST /rod/vo returning a canned SOAP answer (text/xml). No parsing at
  all: the upper bound of "an HTTP server answering bytes" on this machine (JVM, warmed up).
- **node-soap** (npm ``soap``, ``bench/peers/node_soap_server.js``) built from OUR WSDL;
  its aanleverenInschrijvingVO handler returns a canned answer (the same content as ours).
  node-soap parses the envelope into objects and serialises the answer, but validates
  nothing: a generic SOAP stack's cost.
- **B1-ceiling** (``bench/plafond.py``): our edge (bounded read, hardened parse, envelope,
  XSD validation, request id + JSON access log) and our HTTP server
  (``rod_service.server``: granian, W worker processes × T threads), answering the real
  service's answer element for this request (echoed code, WS-Addressing headers,
  serialised envelope). No rules, no store.
- **B1**: the real service, ``rod-service serve --workers W --threads T
  --zonder-dispatcher --kwc-weekdag uit --datum 2026-11-23`` on a fresh temp SQLite file
  (and with ``--postgres URL`` on that EMPTY PostgreSQL database). Prepared as bench/b1.py
  does (persons of the default BRP identified and enrolled once, not measured); then every
  measured request is a real change: a fresh identificatiecodeBedrijfsdocument (never
  answered from the idempotency store) and a third-period opleidingskenmerk the stand never
  had, persons in turn (``bench/peers/stroom.lua``). After each run the audit table must
  hold exactly the run's requests as GOEDGEKEURD and every person's stand must carry the
  run's kenmerk.

Optional (``--alleen statisch ...``, not in the default run): **server static**, the same
server code answering the canned envelope as bytes without looking at the request: what
the HTTP server alone costs, below the ceiling.

Load: ``wrk -t1 -cC -dNs --latency`` with ``bench/peers/stroom.lua`` for every target (the
same bodies, ~2.3 KB: b1.py's zeep-rendered inschrijving with WS-Addressing headers and
three periods), a warm-up run per target first (longer for the JVM). WireMock and
node-soap at C = 4 and 8, ours also at 1 and 2 for B1 (to find half its max load).

Run (2 cores shared: keep it short; the default run takes ~3.5 minutes, ~5 with --postgres;
``--sekonden 5`` ~2 / ~3):

    npm ci --prefix bench/peers          # once: node-soap + the WireMock jar (no node_modules in git)
    apt-get install -y wrk               # once, if missing
    .venv/bin/python bench/peers.py [--sekonden 10] [--workers 1 2] [--postgres postgresql+psycopg://.../EMPTY_DB]
    .venv/bin/python bench/peers.py --alleen plafond b1 --workers 2 --sekonden 5   # a subset

Exit status 1 when any run (warm-up included) had non-2xx answers or failed the store check (the
table marks them); ``--bewaar`` keeps the work folder (server logs, wrk output, SQLite).

What the figures mean: req/s and p50/p99 latency (ms) as wrk reports them, load generator
and server on the same 2 cores over loopback (wrk takes part of a core). The ratios compare
B1's best req/s with node-soap's and WireMock's best (targets: ≥ 0.5, ≥ 0.25) and with the
ceiling's best at the same worker count (≥ 0.7: rules + store may cost at most ~30 % on
top of the edge), and give B1's p99 at the concurrency whose throughput is closest to half
its max (wrk cannot pace a fixed rate). Read them as relative figures on a shared machine.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import requests
from lxml import etree

HIER = Path(__file__).resolve().parent
sys.path.insert(0, str(HIER))

import plafond
from b1 import CODE, Berichten, personen

from rod_service.soap.envelope import SOAP11, parse_envelope
from rod_service.soap.xml import parse_xml

ROOT = HIER.parent
PEERS = HIER / "peers"
LUA = PEERS / "stroom.lua"
NODE_SERVER = PEERS / "node_soap_server.js"
WSDL = ROOT / "wsdl" / "RegisterOnderwijsdeelnemersVO.wsdl"
ROD_SERVICE = Path(sys.executable).with_name("rod-service")
NS = "urn:rod-service:vo:v1"
SOAP_ACTION = '"urn:rod-service:vo:v1:RegisterOnderwijsdeelnemersVO:aanleverenInschrijvingVO"'
KENMERK = "TTO"  # b1.py's variant-1 kenmerk: the slot the stream fills per request
DERDE_PERIODE = date(2026, 8, 1)


class Afgebroken(BaseException):
    """SIGTERM/SIGHUP: stop like on Ctrl-C (every started process is stopped)."""


# --- messages -------------------------------------------------------------------------------

class Stroom:
    """The request bodies: one template per person (b1.py's inschrijving, rendered by zeep from
    our WSDL) with a slot for the code and one for the kenmerk; a data file per run for wrk."""

    def __init__(self, aantal_personen: int, map_: Path) -> None:
        self.berichten = Berichten()
        self.personen = personen(aantal_personen)
        if len(self.personen) < aantal_personen:
            raise SystemExit(f"the default BRP has only {len(self.personen)} suitable persons")
        self.map = map_
        self.sjablonen = []
        for bsn, _, _ in self.personen:
            tekst = self.berichten.inschrijving(bsn, 1)
            if tekst.count(CODE) != 1 or tekst.count(f">{KENMERK}<") != 1 or "\n" in tekst:
                raise SystemExit("b1.py's inschrijving no longer has one code and one kenmerk slot")
            self.sjablonen.append(tekst.replace(CODE, "@@CODE@@").replace(f">{KENMERK}<", ">@@KENMERK@@<"))
        self.runs = 0

    def nieuwe_run(self) -> tuple[Path, str, str]:
        """A data file for one wrk run: fresh code and kenmerk prefixes (so no run repeats a
        code or a kenmerk of another run). Returns (file, code prefix, kenmerk prefix)."""
        self.runs += 1
        code_prefix = str(uuid.uuid4())[:24]  # 8-4-4-4-: + 2 hex thread + 10 hex counter
        kenmerk_prefix = f"K{uuid.uuid4().hex[:8]}-"
        pad = self.map / f"stroom-{self.runs:03d}.txt"
        pad.write_text("\n".join([code_prefix, kenmerk_prefix, *self.sjablonen]) + "\n")
        return pad, code_prefix, kenmerk_prefix

    def bericht(self, persoon: int, code_prefix: str, kenmerk_prefix: str, n: int) -> bytes:
        """What stroom.lua sends as request n (thread 0), for the checks made from Python."""
        return (self.sjablonen[persoon].replace("@@CODE@@", f"{code_prefix}00{n:010x}")
                .replace("@@KENMERK@@", f"{kenmerk_prefix}{n:010x}").encode())

    def grootte(self) -> int:
        """Bytes of one request body (the same for every request of the stream)."""
        return len(self.bericht(0, "0" * 24, "K00000000-", 0))

    def identificatie(self, persoon: int) -> bytes:
        return self.berichten.identificatie(*self.personen[persoon]).replace(CODE, str(uuid.uuid4())).encode()

    def eerste_inschrijving(self, persoon: int) -> bytes:
        return self.berichten.inschrijving(self.personen[persoon][0], 0).replace(CODE, str(uuid.uuid4())).encode()


def als_json(element: etree._Element):
    """An answer element as node-soap's object form: leaves are text, repeated names lists."""
    kinderen = [k for k in element if isinstance(k.tag, str)]
    if not kinderen:
        return element.text or ""
    uit: dict = {}
    for kind in kinderen:
        naam, waarde = etree.QName(kind).localname, als_json(kind)
        if naam in uit:
            uit[naam] = (uit[naam] if isinstance(uit[naam], list) else [uit[naam]]) + [waarde]
        else:
            uit[naam] = waarde
    return uit


# --- processes ------------------------------------------------------------------------------

class Processen:
    """Every process this script starts, each in its own session (process group), stopped by
    its own group id: SIGTERM, then SIGKILL after a grace period."""

    def __init__(self, logmap: Path) -> None:
        self.logmap = logmap
        self.lopend: list[tuple[str, subprocess.Popen]] = []

    def start(self, naam: str, cmd: list[str], **kw) -> tuple[subprocess.Popen, Path]:
        log = self.logmap / f"{naam}.log"
        with open(log, "ab") as uit:
            proces = subprocess.Popen(cmd, stdout=uit, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                      start_new_session=True, **kw)
        self.lopend.append((naam, proces))
        return proces, log

    def stop(self, proces: subprocess.Popen) -> None:
        """SIGTERM to the process's group (also forked workers), SIGKILL after 10 s."""
        for sein, wacht in ((signal.SIGTERM, 10.0), (signal.SIGKILL, 5.0)):
            try:
                os.killpg(proces.pid, sein)
            except ProcessLookupError:
                break
            einde = time.monotonic() + wacht
            while time.monotonic() < einde:
                proces.poll()  # reap the leader, or the group never empties
                try:
                    os.killpg(proces.pid, 0)
                except ProcessLookupError:
                    break
                time.sleep(0.05)
            else:
                continue
            break
        proces.poll()
        self.lopend = [(n, p) for n, p in self.lopend if p is not proces]

    def stop_alle(self) -> None:
        for _, proces in reversed(list(self.lopend)):
            self.stop(proces)


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wacht_op_poort(proces: subprocess.Popen, poort: int, log: Path, tijd: float = 120) -> None:
    einde = time.monotonic() + tijd
    while time.monotonic() < einde:
        if proces.poll() is not None:
            raise RuntimeError(f"process stopped with {proces.returncode} before listening; log {log}:\n"
                               + log.read_text(errors="replace")[-3000:])
        try:
            with socket.create_connection(("127.0.0.1", poort), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on {poort} after {tijd:.0f} s; log {log}")


def post(url: str, data: bytes, sessie: requests.Session | None = None) -> requests.Response:
    return (sessie or requests).post(url, data=data, timeout=60, headers={
        "Content-Type": "text/xml; charset=utf-8", "SOAPAction": SOAP_ACTION})


def controleer_antwoord(naam: str, antwoord: requests.Response, *, goedgekeurd: bool) -> None:
    """Status 200, a SOAP 1.1 envelope with an aanleverenInschrijvingVO_Response in its body;
    for our targets also GOEDGEKEURD."""
    fout = None
    try:
        root = etree.fromstring(antwoord.content)
        body = root.find(f"{{{SOAP11}}}Body")
        if root.tag != f"{{{SOAP11}}}Envelope" or body is None:
            fout = "no SOAP 1.1 envelope with a Body"
        elif body.find(f"{{{NS}}}aanleverenInschrijvingVO_Response") is None:
            fout = "no rod:aanleverenInschrijvingVO_Response in the Body"
    except etree.XMLSyntaxError as e:
        fout = f"not XML: {e}"
    if antwoord.status_code != 200:
        fout = f"HTTP {antwoord.status_code}"
    elif goedgekeurd and b"GOEDGEKEURD" not in antwoord.content:
        fout = "no GOEDGEKEURD"
    if fout:
        raise RuntimeError(f"{naam}: bad answer ({fout}):\n{antwoord.content[:1500].decode(errors='replace')}")


# --- wrk ------------------------------------------------------------------------------------

@dataclass
class Meting:
    target: str
    opzet: str  # workers/threads
    verbindingen: int
    requests: int = 0
    rps: float = 0.0
    p50: float = float("nan")
    p99: float = float("nan")
    non_2xx: int = 0
    socket_fouten: int = 0
    opmerking: list[str] = field(default_factory=list)
    groep: str = ""  # which ratio group (target + store + workers)
    workers: int = 0


EENHEID = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def _ms(waarde: str, eenheid: str) -> float:
    return float(waarde) * EENHEID[eenheid]


def wrk(url: str, data: Path, verbindingen: int, sekonden: float, logmap: Path, label: str) -> dict:
    cmd = ["wrk", "-t1", f"-c{verbindingen}", f"-d{max(1, round(sekonden))}s", "--latency", "--timeout", "10s",
           "-s", str(LUA), url, "--", str(data)]
    uit = subprocess.run(cmd, capture_output=True, text=True, timeout=sekonden + 60, check=False)
    (logmap / f"wrk-{label}.txt").write_text(" ".join(cmd) + "\n" + uit.stdout + uit.stderr)
    if uit.returncode != 0 or "Requests/sec" not in uit.stdout:
        raise RuntimeError(f"wrk failed ({uit.returncode}):\n{uit.stdout}\n{uit.stderr}")
    tekst = uit.stdout
    percentiel = {p: _ms(w, e) for p, w, e in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s|m)\s*$", tekst, re.MULTILINE)}
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", tekst)
    return {
        "requests": int(re.search(r"(\d+) requests in", tekst).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", tekst).group(1)),
        "p50": percentiel.get("50", float("nan")), "p99": percentiel.get("99", float("nan")),
        "non_2xx": int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", tekst)) else 0,
        # read errors at the very end are wrk closing its connections; connect/write/timeout are real
        "socket_fouten": sum(int(sock.group(i)) for i in (1, 3, 4)) if sock else 0,
    }


# --- the run --------------------------------------------------------------------------------

class Bank:
    def __init__(self, opties, werkmap: Path) -> None:
        self.opties, self.werkmap = opties, werkmap
        self.logmap = werkmap / "logs"
        self.logmap.mkdir()
        self.processen = Processen(self.logmap)
        self.stroom = Stroom(opties.personen, werkmap)
        self.metingen: list[Meting] = []
        self.fouten: list[str] = []

    def log(self, tekst: str) -> None:
        print(tekst, file=sys.stderr, flush=True)

    # -- targets

    def canned(self) -> None:
        """The canned answer: the real service's answer element for the bench's request
        (plafond.canned_antwoord), as XML for the ceiling, as a complete envelope for WireMock
        (exactly what the ceiling answers to that request) and as JSON for node-soap."""
        self.log("making the canned answer with the real service (in-process, temp SQLite) ...")
        element = plafond.canned_antwoord()
        plafond.zet_antwoord(element)
        (self.werkmap / "antwoord.xml").write_bytes(element)
        _, code, kenmerk = self.stroom.nieuwe_run()
        verzoek = parse_envelope(parse_xml(self.stroom.bericht(0, code, kenmerk, 0)))
        self.envelop, _ = plafond._verwerk(verzoek, None)
        (self.werkmap / "antwoord.json").write_text(json.dumps(als_json(etree.fromstring(element))))

    def wiremock(self) -> None:
        jars = sorted((PEERS / "node_modules" / "wiremock" / "build").glob("wiremock-standalone-*.jar"))
        root = self.werkmap / "wiremock"
        (root / "mappings").mkdir(parents=True)
        (root / "__files").mkdir()
        (root / "mappings" / "rod-vo.json").write_text(json.dumps({
            "request": {"method": "POST", "url": "/rod/vo"},
            "response": {"status": 200, "headers": {"Content-Type": "text/xml; charset=utf-8"},
                         "body": self.envelop.decode()},
        }, indent=2))
        poort = vrije_poort()
        cmd = ["java", "-Xms256m", "-Xmx512m", "-jar", str(jars[-1]), "--port", str(poort), "--bind-address",
               "127.0.0.1", "--root-dir", str(root), "--no-request-journal", "--disable-request-logging",
               "--disable-banner"]
        self.target("WireMock", jars[-1].stem.removeprefix("wiremock-standalone-") + ", static stub",
                    cmd, poort, goedgekeurd=False, opwarmen=self.opties.opwarmen_jvm,
                    verbindingen=self.opties.verbindingen, groep="WireMock")

    def node_soap(self) -> None:
        poort = vrije_poort()
        versie = json.loads((PEERS / "node_modules" / "soap" / "package.json").read_text())["version"]
        cmd = ["node", str(NODE_SERVER), str(poort), str(self.werkmap / "antwoord.json"), str(WSDL)]
        self.target("node-soap", f"soap {versie}, 1 process", cmd, poort, goedgekeurd=True,
                    opwarmen=self.opties.opwarmen, verbindingen=self.opties.verbindingen, groep="node-soap")

    def plafond(self, workers: int) -> None:
        poort = vrije_poort()
        cmd = [sys.executable, str(HIER / "plafond.py"), "--port", str(poort), "--threads", str(self.opties.threads),
               "--workers", str(workers), "--antwoord", str(self.werkmap / "antwoord.xml")]
        self.target("B1-ceiling", f"{workers}×{self.opties.threads}", cmd, poort, goedgekeurd=True,
                    opwarmen=self.opties.opwarmen, verbindingen=self.opties.verbindingen,
                    groep=f"ceiling/{workers}", workers=workers)

    def statisch(self, workers: int) -> None:
        poort = vrije_poort()
        cmd = [sys.executable, str(HIER / "plafond.py"), "--port", str(poort), "--threads", str(self.opties.threads),
               "--workers", str(workers), "--antwoord", str(self.werkmap / "antwoord.xml"), "--statisch"]
        self.target("server static", f"{workers}×{self.opties.threads}", cmd, poort, goedgekeurd=True,
                    opwarmen=self.opties.opwarmen, verbindingen=self.opties.verbindingen,
                    groep=f"statisch/{workers}", workers=workers)

    def b1(self, store: str, url: str, workers: int, voorbereid: bool) -> None:
        poort = vrije_poort()
        cmd = [str(ROD_SERVICE), "serve", "--port", str(poort), "--database", url, "--datum", "2026-11-23",
               "--workers", str(workers), "--threads", str(self.opties.threads), "--zonder-dispatcher",
               "--kwc-weekdag", "uit"]
        self.target(f"B1 {store}", f"{workers}×{self.opties.threads}", cmd, poort, goedgekeurd=True,
                    opwarmen=self.opties.opwarmen, verbindingen=self.opties.b1_verbindingen,
                    groep=f"B1 {store}/{workers}", workers=workers,
                    voorbereiding=None if voorbereid else self.voorbereiden, database=url)

    def voorbereiden(self, url: str) -> None:
        """As bench/b1.py: identify each person and deliver their first inschrijving (not measured)."""
        start = time.perf_counter()
        with requests.Session() as sessie:
            for i in range(len(self.stroom.personen)):
                for data in (self.stroom.identificatie(i), self.stroom.eerste_inschrijving(i)):
                    antwoord = post(url, data, sessie)
                    if antwoord.status_code != 200 or b"GOEDGEKEURD" not in antwoord.content:
                        raise RuntimeError(f"preparation failed:\n{antwoord.content[:1500]!r}")
        self.log(f"  prepared {len(self.stroom.personen)} persons in {time.perf_counter() - start:.1f} s")

    def target(self, naam: str, opzet: str, cmd: list[str], poort: int, *, goedgekeurd: bool, opwarmen: float,
               verbindingen: list[int], groep: str, workers: int = 0, voorbereiding=None,
               database: str | None = None) -> None:
        url = f"http://127.0.0.1:{poort}/rod/vo"
        self.log(f"{naam} ({opzet}): starting on port {poort}")
        proces, log = self.processen.start(re.sub(r"\W+", "-", f"{naam}-{opzet}").strip("-"), cmd, cwd=ROOT)
        try:
            wacht_op_poort(proces, poort, log)
            if voorbereiding is not None:
                voorbereiding(url)
            _, code, kenmerk = self.stroom.nieuwe_run()
            controleer_antwoord(naam, post(url, self.stroom.bericht(0, code, kenmerk, 0)), goedgekeurd=goedgekeurd)
            data, code, kenmerk = self.stroom.nieuwe_run()
            self.log(f"  warm-up {opwarmen:.0f} s")
            warm = wrk(url, data, max(verbindingen), opwarmen, self.logmap, f"{groep}-opwarmen".replace("/", "-"))
            if warm["non_2xx"]:
                self.fouten.append(f"{naam} {opzet} warm-up c={max(verbindingen)}: {warm['non_2xx']} non-2xx answers")
                self.log(f"  warm-up: {warm['non_2xx']} non-2xx answers (see {log})")
            for c in verbindingen:
                data, code, kenmerk = self.stroom.nieuwe_run()
                uitkomst = wrk(url, data, c, self.opties.sekonden, self.logmap, f"{groep}-c{c}".replace("/", "-"))
                meting = Meting(naam, opzet, c, **uitkomst, groep=groep, workers=workers)
                if meting.non_2xx:
                    meting.opmerking.append(f"{meting.non_2xx} non-2xx")
                    self.fouten.append(f"{naam} {opzet} c={c}: {meting.non_2xx} non-2xx answers")
                if meting.socket_fouten:
                    meting.opmerking.append(f"{meting.socket_fouten} socket errors")
                self.log(f"  c={c}: {meting.rps:.0f} req/s, p50 {meting.p50:.2f} ms, p99 {meting.p99:.2f} ms"
                         f"{'; ' + '; '.join(meting.opmerking) if meting.opmerking else ''}")
                if database:
                    self.controleer_store(database, meting, code, kenmerk)
                self.metingen.append(meting)
        finally:
            self.processen.stop(proces)

    def controleer_store(self, database: str, meting: Meting, code: str, kenmerk: str) -> None:
        """The run really went through the full path: the audit table holds the run's
        requests (by their code prefix): as many GOEDGEKEURD as wrk got 2xx answers and as
        many other outcomes (FOUT) as non-2xx (plus at most one per connection still in flight
        when wrk stopped), and every person's third period now carries a kenmerk of this run.
        Non-2xx answers themselves are reported as errors by the caller."""
        from sqlalchemy import create_engine, text

        engine = create_engine(database)
        try:
            with engine.connect() as verbinding:
                per_uitkomst = dict(verbinding.execute(text(
                    "SELECT uitkomst, count(*) FROM audit WHERE identificatiecode LIKE :p GROUP BY uitkomst"),
                    {"p": code + "%"}).all())
                kenmerken = verbinding.execute(text(
                    "SELECT p.opleidingskenmerken FROM inschrijving_periode p JOIN inschrijving i "
                    "ON p.inschrijving_id = i.id WHERE i.brin = '12AB' AND i.inschrijvingvolgnummer = 'B1' "
                    "AND p.datum_begin = :d"), {"d": DERDE_PERIODE}).scalars().all()
        finally:
            engine.dispose()
        goed = per_uitkomst.pop("GOEDGEKEURD", 0)
        verwacht = meting.requests - meting.non_2xx
        gewijzigd = sum(1 for k in kenmerken if any(str(x).startswith(kenmerk)
                                                   for x in (json.loads(k) if isinstance(k, str) else k or [])))
        self.log(f"    store check: {goed} audited GOEDGEKEURD (other outcomes: {per_uitkomst or 'none'}) for "
                 f"{verwacht} completed 2xx; {gewijzigd} of {len(self.stroom.personen)} stands carry this run's kenmerk")
        fouten = []
        # in flight when wrk stopped: at most one request per connection, answered after wrk left
        anders = sum(per_uitkomst.values())
        if not (verwacht <= goed <= verwacht + meting.verbindingen
                and meting.non_2xx <= anders <= meting.non_2xx + meting.verbindingen):
            fouten.append(f"audit holds {goed} GOEDGEKEURD + {per_uitkomst or 'nothing else'} for "
                          f"{verwacht} completed 2xx + {meting.non_2xx} non-2xx")
        if gewijzigd != min(len(self.stroom.personen), goed):
            fouten.append(f"only {gewijzigd} of {len(self.stroom.personen)} stands carry this run's kenmerk")
        for fout in fouten:
            meting.opmerking.append(fout)
            self.fouten.append(f"{meting.target} {meting.opzet} c={meting.verbindingen}: {fout}")

    # -- report

    def tabel(self) -> str:
        regels = ["| target | workers×threads | connections | requests | req/s | p50 ms | p99 ms | notes |",
                  "| --- | --- | --- | --- | --- | --- | --- | --- |"]
        for m in self.metingen:
            regels.append(f"| {m.target} | {m.opzet} | {m.verbindingen} | {m.requests} | {m.rps:,.0f} | "
                          f"{m.p50:.2f} | {m.p99:.2f} | {'; '.join(m.opmerking)} |")
        return "\n".join(regels)

    def verhoudingen(self) -> str:
        def beste(groep_begin: str) -> Meting | None:
            kandidaten = [m for m in self.metingen if m.groep.startswith(groep_begin)]
            return max(kandidaten, key=lambda m: m.rps) if kandidaten else None

        def deel(a: float, b: Meting | None, doel: float) -> str:
            if b is None or not b.rps:
                return "–"
            r = a / b.rps
            return f"{r:.2f} {'✓' if r >= doel else '✗'}"

        node, wiremock = beste("node-soap"), beste("WireMock")
        regels = [("| B1 | best req/s (c) | ÷ node-soap (≥ 0.5) | ÷ WireMock (≥ 0.25) | ÷ B1-ceiling same workers "
                   "(≥ 0.7) | p99 ms at ~½ max (c, req/s) |"),
                  "| --- | --- | --- | --- | --- | --- |"]
        groepen = sorted({m.groep for m in self.metingen if m.groep.startswith("B1 ")},
                         key=lambda g: [m.groep for m in self.metingen].index(g))
        for groep in groepen:
            punten = [m for m in self.metingen if m.groep == groep]
            top = max(punten, key=lambda m: m.rps)
            half = min(punten, key=lambda m: abs(m.rps - top.rps / 2))
            plafond_ = beste(f"ceiling/{top.workers}")
            regels.append(f"| {top.target} {top.opzet} | {top.rps:,.0f} (c={top.verbindingen}) | "
                          f"{deel(top.rps, node, 0.5)} | {deel(top.rps, wiremock, 0.25)} | "
                          f"{deel(top.rps, plafond_, 0.7)} | {half.p99:.1f} (c={half.verbindingen}, "
                          f"{half.rps:,.0f}) |")
        peers = [f"node-soap best {node.rps:,.0f} req/s (c={node.verbindingen})" if node else None,
                 f"WireMock best {wiremock.rps:,.0f} req/s (c={wiremock.verbindingen})" if wiremock else None]
        plafonds = [f"B1-ceiling {m.opzet} best {m.rps:,.0f} req/s (c={m.verbindingen})"
                    for w in self.opties.workers if (m := beste(f"ceiling/{w}"))]
        vergeleken = "; ".join(p for p in peers + plafonds if p)
        return "\n".join(regels) + (f"\n\n{vergeleken}." if vergeleken else "")


def vereisten(opties) -> None:
    ontbreekt = []
    if shutil.which("wrk") is None:
        ontbreekt.append("wrk (the load generator) is not installed: apt-get install -y wrk  (Debian package 'wrk')")
    doelen = set(opties.alleen)
    if doelen & {"wiremock", "node-soap"}:
        if shutil.which("node") is None:
            ontbreekt.append("node is not installed (apt-get install -y nodejs npm)")
        if not (PEERS / "node_modules" / "soap" / "package.json").is_file() or not list(
                (PEERS / "node_modules" / "wiremock" / "build").glob("wiremock-standalone-*.jar")):
            ontbreekt.append("node-soap / the WireMock jar are not installed: npm ci --prefix bench/peers")
    if "wiremock" in doelen and shutil.which("java") is None:
        ontbreekt.append("java (17+) is not installed for WireMock (apt-get install -y openjdk-17-jre-headless)")
    if "b1" in doelen and not ROD_SERVICE.is_file():
        ontbreekt.append(f"{ROD_SERVICE} not found: run with the project's venv (.venv/bin/python bench/peers.py)")
    if ontbreekt:
        raise SystemExit("bench/peers.py cannot run:\n  " + "\n  ".join(ontbreekt))


def main() -> int:
    doelen = ["wiremock", "node-soap", "statisch", "plafond", "b1"]
    args = argparse.ArgumentParser(description=__doc__.split("\n\n")[0].replace("\n", " "),
                                   formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    args.add_argument("--sekonden", type=float, default=10, help="duration of each measured wrk run")
    args.add_argument("--opwarmen", type=float, default=5, help="warm-up run per target")
    args.add_argument("--opwarmen-jvm", type=float, default=20,
                      help="warm-up run for WireMock (the JVM's JIT needs ~15-20 s to reach its pace)")
    args.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker processes of our targets")
    args.add_argument("--threads", type=int, default=8,
                      help="threads per worker process (serve's default until the ninth pass; serve now starts 32)")
    args.add_argument("--verbindingen", type=int, nargs="+", default=[4, 8], help="wrk connections per point")
    args.add_argument("--b1-verbindingen", type=int, nargs="+", default=[1, 2, 4, 8],
                      help="wrk connections for B1 (low ones to find half its max load)")
    args.add_argument("--personen", type=int, default=50, help="persons in turn in the B1 stream")
    args.add_argument("--postgres", help="also B1 on this EMPTY PostgreSQL database (postgresql+psycopg://...)")
    args.add_argument("--alleen", nargs="+", choices=doelen, default=[d for d in doelen if d != "statisch"],
                      help="only these targets (statisch: our HTTP server answering bytes, not in the default run)")
    args.add_argument("--bewaar", action="store_true", help="keep the work folder (logs, wrk output, databases)")
    opties = args.parse_args()
    vereisten(opties)

    def afbreken(signum, _frame):
        raise Afgebroken(signal.Signals(signum).name)

    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C: KeyboardInterrupt
    signal.signal(signal.SIGTERM, afbreken)
    signal.signal(signal.SIGHUP, afbreken)
    werkmap = Path(tempfile.mkdtemp(prefix="rod-peers-"))
    bank = None
    start = time.monotonic()
    try:
        bank = Bank(opties, werkmap)
        bank.canned()
        if "wiremock" in opties.alleen:
            bank.wiremock()
        if "node-soap" in opties.alleen:
            bank.node_soap()
        if "statisch" in opties.alleen:
            for w in opties.workers:
                bank.statisch(w)
        if "plafond" in opties.alleen:
            for w in opties.workers:
                bank.plafond(w)
        if "b1" in opties.alleen:
            stores = [("SQLite", f"sqlite:///{werkmap}/b1.sqlite3")]
            if opties.postgres:
                stores.append(("PostgreSQL", opties.postgres))
            for store, url in stores:
                for i, w in enumerate(opties.workers):
                    bank.b1(store, url, w, voorbereid=i > 0)
    except (KeyboardInterrupt, Afgebroken) as e:
        print(f"\ninterrupted ({e!r}); stopping what was started", file=sys.stderr)
        if bank is not None:
            bank.processen.stop_alle()
        return 130
    finally:
        if bank is not None:
            bank.processen.stop_alle()
            if bank.metingen:
                print(f"\nbench/peers.py, {date.today()}, wrk -t1, {opties.sekonden:.0f} s per point, "
                      f"{bank.stroom.grootte()} byte requests, {os.cpu_count()} cores, "
                      f"load average {os.getloadavg()[0]:.2f}, {time.monotonic() - start:.0f} s in all\n")
                print(bank.tabel() + "\n")
                if any(m.groep.startswith("B1 ") for m in bank.metingen):
                    print(bank.verhoudingen() + "\n")
                for fout in bank.fouten:
                    print(f"ERROR: {fout}")
        if opties.bewaar:
            print(f"work folder kept: {werkmap}", file=sys.stderr)
        else:
            shutil.rmtree(werkmap, ignore_errors=True)
    return 1 if bank and bank.fouten else 0


if __name__ == "__main__":
    sys.exit(main())
