"""Prometheus metrics (spec sections 11 and 12): ``GET /metrics`` in the text format.

Two kinds, on purpose:

- **Per process** (counters and histograms in this process's registry): SOAP requests per
  operation and outcome, their duration, signals per code, Faults per code, and delivery
  attempts and latency of the dispatcher running in this process. Scrape each process
  (``serve``; a separate ``rod-service dispatch`` with ``--metrics-port``) and sum.
- **At scrape time from the store** (:class:`WachtrijCollector`): the outbox as every
  process sees it: depth per state and administratie, the age of the oldest *due*
  message, dead letters, flagged failures, paused administraties and those without an
  endpoint. Right whichever process delivers.

Label sets are bounded: ``operatie`` is an operation of the WSDL (else ``onbekend``),
``code`` a signal of the catalogue or a Fault code of the edge, ``administratie`` an OIN
from the reference data in force (anything else is summed under ``overig``).
"""
from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from ..domain.signalen import CATALOGUS
from .werkers import MULTIPROC

if TYPE_CHECKING:
    from ..bootstrap import Register

log = logging.getLogger(__name__)

ONBEKEND = "onbekend"
OVERIG = "overig"
FAULT_CODES = frozenset({"AL01", "AL02", "INTERN", "NIET_GEIMPLEMENTEERD"})
DUUR_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
#: From the push's creation to its acknowledgement: seconds on a test bench, days when a LAS is down.
LATENTIE_BUCKETS = (0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0, 900.0, 3600.0, 21600.0,
                    86400.0, 432000.0)
BEZORG_UITKOMSTEN = frozenset({"bezorgd", "tijdelijk", "afgewezen", "dood"})


def _wsdl_operaties() -> frozenset[str]:
    """Every operation name of our WSDLs: the bounded set of ``operatie`` labels."""
    from ..paden import wsdl_map
    from ..soap.xml import parse_xml

    namen: set[str] = set()
    for bestand in wsdl_map().glob("*.wsdl"):
        root = parse_xml(bestand.read_bytes())
        namen.update(op.get("name") for op in root.iter("{http://schemas.xmlsoap.org/wsdl/}operation")
                     if op.get("name"))
    return frozenset(namen)


class Metrieken:
    """The metrics of one process (one registry; tests make one per app)."""

    def __init__(self, register: "Register | None" = None, *,
                 administraties: Callable[[], Iterable[str]] | None = None) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.operaties = _wsdl_operaties()
        if administraties is None and register is not None:
            administraties = lambda: (a.oin for a in register.referentiedata.administraties)  # noqa: E731
        self._administraties = administraties or (lambda: ())
        r = self.registry
        self.verzoeken = Counter("rod_verzoeken", "SOAP requests per operation and outcome "
                                 "(GOEDGEKEURD, AFGEKEURD, ONTVANGEN when only acknowledged, FOUT for a Fault).",
                                 ["operatie", "uitkomst"], registry=r)
        self.duur = Histogram("rod_verzoek_duur_seconden", "Time to process a schema-valid SOAP request "
                              "(pipeline, store, answer), per operation.", ["operatie"], buckets=DUUR_BUCKETS,
                              registry=r)
        self.signalen = Counter("rod_signalen", "Signals in answers, per code and soort (AFKEUR/ATTENTIE).",
                                ["code", "soort"], registry=r)
        self.faults = Counter("rod_faults", "SOAP Faults answered, per fout code (AL01 malformed or refused, "
                              "AL02 schema-invalid, INTERN, NIET_GEIMPLEMENTEERD).", ["code"], registry=r)
        self.bezorgingen = Counter("rod_outbox_bezorgingen", "Delivery attempts of pushes by this process, "
                                   "per administratie and outcome (bezorgd, tijdelijk, afgewezen, dood).",
                                   ["administratie", "uitkomst"], registry=r)
        self.latentie = Histogram("rod_outbox_bezorg_latentie_seconden", "From a push's creation to its "
                                  "acknowledged delivery, per administratie (deliveries by this process).",
                                  ["administratie"], buckets=LATENTIE_BUCKETS, registry=r)
        self.herhalingen = Counter("rod_verzoek_herhalingen", "Requests run again from the start because "
                                   "their transaction lost a race with a concurrent one (PostgreSQL: "
                                   "serialization failure, unique violation, deadlock), per SQLSTATE.",
                                   ["sqlstate"], registry=r)
        ProcessCollector(registry=r)  # process_cpu_seconds_total, process_resident_memory_bytes, ...
        PlatformCollector(registry=r)  # python_info
        self._wachtrij = WachtrijCollector(register, self.administratie_label) if register is not None else None
        if self._wachtrij is not None:
            r.register(self._wachtrij)

    # labels ------------------------------------------------------------------------------
    def operatie_label(self, naam: str | None) -> str:
        naam = (naam or "").removesuffix("_Request")
        return naam if naam in self.operaties else ONBEKEND

    def administratie_label(self, oin: str | None) -> str:
        return oin if oin and oin in set(self._administraties()) else OVERIG

    # hooks -------------------------------------------------------------------------------
    def antwoord(self, operatie: str, status: str | None, signalen: Iterable[tuple[str, str]], duur: float) -> None:
        """A processed request: ``status`` from its terugkoppeling (None: only acknowledged)."""
        label = self.operatie_label(operatie)
        self.verzoeken.labels(label, status or "ONTVANGEN").inc()
        self.duur.labels(label).observe(duur)
        for code, soort in signalen:
            if code in CATALOGUS:
                self.signalen.labels(code, soort if soort in ("AFKEUR", "ATTENTIE") else ONBEKEND).inc()
            else:
                self.signalen.labels(ONBEKEND, ONBEKEND).inc()

    def herhaald(self, sqlstate: str) -> None:
        """A request's unit of work lost a race and runs again (store/db.py met_herhaling)."""
        self.herhalingen.labels(sqlstate).inc()

    def fout(self, operatie: str | None, code: str) -> None:
        """A Fault answered (AL01/AL02/server)."""
        self.verzoeken.labels(self.operatie_label(operatie), "FOUT").inc()
        self.faults.labels(code if code in FAULT_CODES else ONBEKEND).inc()

    def bezorging(self, administratie_oin: str, uitkomst: str, latentie: float | None = None) -> None:
        """One delivery attempt by the dispatcher: ``bezorgd`` (with its latency),
        ``tijdelijk`` (retryable failure), ``afgewezen`` (flagged failure) or ``dood``."""
        label = self.administratie_label(administratie_oin)
        self.bezorgingen.labels(label, uitkomst if uitkomst in BEZORG_UITKOMSTEN else ONBEKEND).inc()
        if uitkomst == "bezorgd" and latentie is not None:
            self.latentie.labels(label).observe(max(latentie, 0.0))

    # exposition --------------------------------------------------------------------------
    def tekst(self) -> bytes:
        map_ = os.environ.get(MULTIPROC)
        if not map_:
            return generate_latest(self.registry)
        # serve --workers: every worker's counters summed, plus the outbox from the store
        # (process_* series are per process and left out here)
        r = CollectorRegistry()
        multiprocess.MultiProcessCollector(r, path=map_)
        if self._wachtrij is not None:
            r.register(self._wachtrij)
        return generate_latest(r)

    def route(self, environ: dict):
        """``GET /metrics``."""
        return "200 OK", [("Content-Type", CONTENT_TYPE_LATEST)], self.tekst()


class WachtrijCollector(Collector):
    """The outbox read from the store at every scrape (through ``OutboxRepository``)."""

    def __init__(self, register: "Register", administratie_label: Callable[[str | None], str]) -> None:
        self.register = register
        self.label = administratie_label
        self._lock = threading.Lock()  # Ontvangers caches per instance and is not thread-safe
        self._ontvangers = None

    def describe(self):
        return []  # collected live; nothing to check at registration

    def collect(self):
        from ..outbox.ontvangers import Ontvangers
        from ..outbox.toestanden import Status
        from ..store.outbox import OutboxRepository

        fout = GaugeMetricFamily("rod_outbox_uitlezen_mislukt", "1 when the outbox could not be read "
                                 "from the store at this scrape (the rod_outbox_* series are then missing).")
        try:
            with self._lock, self.register.lezen() as sessie:
                standen = OutboxRepository(sessie).status_per_administratie(nu=self.register.klok.nu())
                if self._ontvangers is None:
                    self._ontvangers = Ontvangers()
                ontvangers = self._ontvangers.stand(sessie).ontvangers
        except Exception:
            log.exception("outbox niet uit te lezen voor /metrics")
            fout.add_metric([], 1)
            yield fout
            return
        fout.add_metric([], 0)
        yield fout

        bekend = sorted({a.oin for a in self.register.referentiedata.administraties})
        diepte: dict[tuple[str, str], int] = {(oin, s.value): 0 for oin in bekend for s in Status}
        oudste = dict.fromkeys(bekend, 0.0)
        afgewezen = dict.fromkeys(bekend, 0)
        mislukt = dict.fromkeys(bekend, 0)
        for oin, stand in standen.items():
            label = self.label(oin)
            for status, aantal in stand.aantallen.items():
                diepte[(label, status)] = diepte.get((label, status), 0) + aantal
            oudste[label] = max(oudste.get(label, 0.0), stand.oudste_due_seconden)
            afgewezen[label] = afgewezen.get(label, 0) + stand.afgewezen
            mislukt[label] = mislukt.get(label, 0) + stand.mislukte_pogingen

        g = GaugeMetricFamily("rod_outbox_berichten", "Outbox messages per administratie and state "
                              "(nieuw, opnieuw, bezorgd, dood); nieuw + opnieuw is the queue depth.",
                              labels=["administratie", "status"])
        for (oin, status), aantal in sorted(diepte.items()):
            g.add_metric([oin, status], aantal)
        yield g
        g = GaugeMetricFamily("rod_outbox_wachtend", "Queue depth: messages still to deliver (nieuw + opnieuw).",
                              labels=["administratie"])
        for oin in sorted({o for o, _ in diepte}):
            g.add_metric([oin], diepte.get((oin, "nieuw"), 0) + diepte.get((oin, "opnieuw"), 0))
        yield g
        g = GaugeMetricFamily("rod_outbox_oudste_due_seconden", "Age of the oldest message that is due now "
                              "(0 when none; messages parked for backoff do not count).", labels=["administratie"])
        for oin, seconden in sorted(oudste.items()):
            g.add_metric([oin], seconden)
        yield g
        g = GaugeMetricFamily("rod_outbox_dood", "Dead letters (replayable with rod-service queue replay).",
                              labels=["administratie"])
        for oin in sorted({o for o, _ in diepte}):
            g.add_metric([oin], diepte.get((oin, "dood"), 0))
        yield g
        g = GaugeMetricFamily("rod_outbox_afgewezen", "Waiting or dead messages whose last failure is flagged "
                              "(4xx or an invalid answer from the LAS).", labels=["administratie"])
        for oin, aantal in sorted(afgewezen.items()):
            g.add_metric([oin], aantal)
        yield g
        g = GaugeMetricFamily("rod_outbox_mislukte_pogingen", "Failed delivery attempts of the messages "
                              "in the store.", labels=["administratie"])
        for oin, aantal in sorted(mislukt.items()):
            g.add_metric([oin], aantal)
        yield g
        gepauzeerd = GaugeMetricFamily("rod_outbox_gepauzeerd", "1 when the administratie's pushes are "
                                       "paused (rod-service queue pause).", labels=["administratie"])
        zonder = GaugeMetricFamily("rod_outbox_zonder_endpoint", "1 when no endpoint is known for the "
                                   "administratie: its pushes wait.", labels=["administratie"])
        for oin in bekend:
            ontvanger = ontvangers.get(oin)
            gepauzeerd.add_metric([oin], 1 if ontvanger is not None and ontvanger.gepauzeerd else 0)
            zonder.add_metric([oin], 1 if ontvanger is None or not ontvanger.endpoint else 0)
        yield gepauzeerd
        yield zonder
