"""The composition root: CLI, server and tests build the service here and nowhere else.
Nothing is wired at import time."""
from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from sqlalchemy import Engine, Row, func, select
from sqlalchemy.orm import Session, sessionmaker

from .config import Instellingen
from .domain.referentiedata import Referentiedata
from .klok import Klok
from .referentiedata import loader
from .service.omgeving import Omgeving
from .service.unit_of_work import UnitOfWork
from .store import dienststand
from .store import referentiedata as opslag
from .store.db import maak_engine, migreer, opstartslot, schrijfslot, sessiefabriek
from .store.models import BrpPersoonRij
from .store.personen import BrpCache, BrpRepository

#: how often a merge is made again when another load came in between (``voeg_referentiedata_samen``)
SAMENVOEGPOGINGEN = 10


class SamenvoegenIngehaald(RuntimeError):
    """A merge was overtaken by other loads every time it tried: nothing of it is stored."""


class _Ingehaald(Exception):
    """The reference data in force is no longer the version a merge was made on."""


@dataclass
class Register:
    instellingen: Instellingen
    engine: Engine
    sessies: sessionmaker[Session]
    klok: Klok
    _referentiedata: Referentiedata | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _metrieken: object | None = None
    _gezien: tuple[int, int] | None = None  # (datum_versie, referentiedata_versie) taken over here
    _brp_cache: BrpCache = field(default_factory=BrpCache)  # BRP persons read, per reference-data version

    @property
    def metrieken(self):
        """This process's Prometheus metrics (ops/metrics.py), shared by the HTTP app and a
        dispatcher in the same process; made on first use."""
        with self._lock:
            if self._metrieken is None:
                from .ops.metrics import Metrieken

                self._metrieken = Metrieken(self)
            return self._metrieken

    @property
    def referentiedata(self) -> Referentiedata:
        return self._referentiedata

    def lezen(self) -> Session:
        """A session that only reads (monitoring, listings, the KWC's read phase). On SQLite a
        snapshot without the write lock (store/db.py): it neither waits for the deliveries
        nor holds them up, and a write in it fails. On PostgreSQL an ordinary session."""
        return self.sessies(bind=self._leesengine)

    @cached_property
    def _leesengine(self) -> Engine:
        return self.engine.execution_options(rod_lezen=True)

    def uow(self) -> UnitOfWork:
        """A unit of work that first takes over what other processes changed (``ververs``)."""
        return UnitOfWork(self.sessies, loader.persoon_naar_domein, bij_begin=self.ververs, brp_cache=self._brp_cache)

    def omgeving(self) -> Omgeving:
        """Rules' view of the service: the reference data in force when a handler first
        looks (after its unit of work began, so after ``ververs``)."""
        return Omgeving(referentiedata=lambda: self.referentiedata, klok=self.klok)

    def ververs(self, sessie: Session | None = None) -> int | None:
        """Take over a date or reference data another process of this deployment put in
        force (``serve --workers``, replicas). Every unit of work does this first, in its own
        transaction (one small read: bench/RESULTS.md); ``volg`` also between requests.
        Returns the reference-data version read (None before the first load)."""
        if sessie is not None:
            stand = dienststand.lees(sessie)
        else:
            with self._leesengine.connect() as verbinding:
                stand = dienststand.lees(verbinding)
        if stand is None:
            return None
        if (stand.datum_versie, stand.referentiedata_versie) == self._gezien:
            return stand.referentiedata_versie
        with self._lock:
            datum_versie, referentiedata_versie = self._gezien or (None, None)
            if stand.referentiedata_versie != referentiedata_versie:
                if sessie is not None:
                    rij = opslag.lees_document(sessie)
                else:
                    with self.lezen() as eigen:
                        rij = opslag.lees_document(eigen)
                if rij is not None:
                    self._referentiedata = loader.naar_domein_zonder_personen(rij.document)
            if stand.datum_versie != datum_versie:
                self.klok.zet(stand.vaste_datum)
            self._gezien = (stand.datum_versie, stand.referentiedata_versie)
        return stand.referentiedata_versie

    def volg(self, interval: float = 0.5) -> threading.Thread:
        """Also take over changes between requests (a daemon thread): the dispatcher and the
        KWC planner of this process read the clock without a request coming in."""
        def lus() -> None:
            while True:
                time.sleep(interval)
                try:
                    self.ververs()
                except Exception:  # noqa: BLE001 (a database hiccup: the next round tries again)
                    pass

        draad = threading.Thread(target=lus, name="dienststand-volger", daemon=True)
        draad.start()
        return draad

    def zet_datum(self, datum: date | None) -> None:
        """Fix "today" (None: the real date) for every process of this deployment."""
        with self._schrijvend() as sessie:
            stand = dienststand.zet_datum(sessie, datum, self.klok.nu())
            self.klok.zet(datum)
            self._gezien = (stand.datum_versie, stand.referentiedata_versie)

    def dispatcher(self):
        """A new outbox dispatcher on this register's store and clock (``serve`` runs one
        in a thread, ``rod-service dispatch`` in its own process); zeep loads only here."""
        from .outbox.dispatcher import maak_dispatcher

        return maak_dispatcher(self)

    def laad_referentiedata(self, document: dict, bron: str = "geladen") -> Referentiedata:
        """Validate, store (document + BRP copy, one transaction) and put in force. The
        persons live only in the store (``brp_persoon``): a national-size BRP does not
        belong in every process's memory."""
        with self._laden() as (sessie, stand):
            BrpRepository(sessie, loader.persoon_naar_domein).vervang_alles(loader.personen_met_gegevens(document))
            return self._in_werking(sessie, stand, document, bron)

    def voeg_referentiedata_samen(self, extra: dict, bron: str = "geladen") -> Referentiedata:
        """Merge ``extra`` (``loader.lees(..., gedeeltelijk=True)``) into the reference data in
        force and put the result in force, as ``loader.samenvoegen`` merges: list items on
        their natural key, so a person of ``extra`` replaces the stored one with its BSN or
        is added. The stored document (which holds no persons) with ``extra``'s persons is
        checked as one complete document; the BRP copy is neither read nor rewritten, so a
        merge costs what ``extra`` and the document hold, not what a national BRP holds.

        The document is read and checked outside the write transaction (on SQLite the
        deliveries would wait for the check). The write then goes ahead only if the
        reference data in force is still the version read; if another load or merge came in
        between, the merge is made again on that one, so concurrent merges both count."""
        personen = loader.samenvoegen({}, {"personen": extra.get("personen", [])})["personen"]  # last one per BSN
        overig = {k: v for k, v in extra.items() if k != "personen"}
        for _ in range(SAMENVOEGPOGINGEN):
            with self.lezen() as sessie:  # the version first: a document newer than it only costs a retry
                gelezen = dienststand.lees(sessie)
                rij = opslag.lees_document(sessie)
                huidig = rij.document if rij else {}
            samen = loader.samenvoegen(huidig, overig)
            loader.valideer({**samen, "personen": personen})
            try:
                with self._laden(na_versie=gelezen.referentiedata_versie if gelezen else None) as (sessie, stand):
                    BrpRepository(sessie, loader.persoon_naar_domein).vervang(
                        loader.personen_met_gegevens({"personen": personen}))
                    return self._in_werking(sessie, stand, samen, bron)
            except _Ingehaald:
                continue
        raise SamenvoegenIngehaald(f"the reference data changed {SAMENVOEGPOGINGEN} times while this merge was "
                                   "being made; nothing of it is stored, try again")

    def laad_referentiedata_stroom(self, pad: str | Path, bron: str = "geladen") -> Referentiedata:
        """``laad_referentiedata(loader.lees(pad))`` for a national-size file in flat memory:
        the file is checked while it is read (``loader.lees_stroom``) and the persons go to
        the store in blocks, in the same one transaction, which a refused file rolls back."""
        stroom = loader.lees_stroom(pad)
        with self._laden() as (sessie, stand):
            BrpRepository(sessie, loader.persoon_naar_domein).vervang_alles(stroom.personen_met_gegevens())
            # stroom.document() raises every problem of the file, or gives it without persons
            return self._in_werking(sessie, stand, stroom.document(), bron)

    @contextmanager
    def _laden(self, na_versie: int | None = None) -> Iterator[tuple[Session, Row]]:
        """The transaction of a reference-data load: first the new version in the dienststand
        (only after ``na_versie``, else ``_Ingehaald``), so loads from several processes take
        turns on that row in one order (PostgreSQL) and a merge sees whether it was overtaken."""
        with self._schrijvend() as sessie:
            stand = dienststand.nieuwe_referentiedata(sessie, self.klok.nu(), na_versie=na_versie)
            if stand is None:
                raise _Ingehaald
            yield sessie, stand

    @contextmanager
    def _schrijvend(self) -> Iterator[Session]:
        """A writing transaction of the register itself (a date, a load), under its lock; on
        SQLite in its turn on the write slot, as the deliveries, the dispatcher and the KWC
        take it: they wait for each other without SQLite's busy handler (which sleeps in
        steps of up to 100 ms, and gives up after 30 s, store/db.py). The slot first, then
        the lock: a unit of work takes them in that order too (``ververs``)."""
        with schrijfslot(self.engine), self._lock, self.sessies() as sessie, sessie.begin():
            yield sessie

    def _in_werking(self, sessie: Session, stand: Row, document: dict, bron: str) -> Referentiedata:
        """In the loading transaction: store the document (without persons), then use it here
        (the other processes take it over from the dienststand's new version, ``stand``)."""
        referentiedata = loader.naar_domein_zonder_personen(document)
        opslag.bewaar_document(sessie, document, bron, self.klok.nu())
        self._referentiedata = referentiedata
        gezien_datum = self._gezien[0] if self._gezien else stand.datum_versie
        self._gezien = (gezien_datum, stand.referentiedata_versie)
        return referentiedata

    def aantal_brp_personen(self) -> int:
        with self.lezen() as sessie:
            return sessie.scalar(select(func.count()).select_from(BrpPersoonRij))

    def huidig_document(self) -> dict:
        """The reference data in force as a file-format document, persons included: it reads
        the whole BRP copy, so it is for looking (tests, a small register), not for merging
        (``voeg_referentiedata_samen``)."""
        with self.lezen() as sessie:
            rij = opslag.lees_document(sessie)
            personen = [r.gegevens for r in sessie.scalars(select(BrpPersoonRij))]
        return {**(rij.document if rij else {}), "personen": personen}


def bootstrap(instellingen: Instellingen, *, migreren: bool = True, als_worker: bool = False,
              deelt_datum: bool = False) -> Register:
    """``deelt_datum`` (``serve``): this process's ``--datum`` (or the real date) holds for
    every process of the deployment. Other commands keep a ``--datum`` of their own to
    themselves; without one they work on the deployment's date (``queue replay`` run
    beside ``serve --datum 2026-10-01`` makes dead letters due on that date, not on the
    real one, which the fixed clock would never reach).
    ``als_worker``: a ``serve --workers`` process whose parent already migrated and put the
    date and the reference data in force; it takes over what is stored."""
    engine = maak_engine(instellingen.database_url)
    register = Register(instellingen, engine, sessiefabriek(engine), Klok(instellingen.datum))
    if als_worker:
        register.ververs()
        if register.referentiedata is None:
            raise RuntimeError("no reference data stored: the parent process starts first")
        return register
    with opstartslot(engine):  # PostgreSQL: replicas starting together take turns here
        if migreren:
            migreer(instellingen.database_url)
        _referentiedata_in_werking(register)
        if deelt_datum:
            register.zet_datum(instellingen.datum)
        else:  # from here on, only what others change later is taken over
            with register.lezen() as sessie:
                stand = dienststand.lees(sessie)
            register._gezien = (stand.datum_versie, stand.referentiedata_versie) if stand else None
            if stand is not None and instellingen.datum is None:
                register.klok.zet(stand.vaste_datum)  # no date of its own: the deployment's
    return register


def _referentiedata_in_werking(register: Register) -> None:
    """--referentiedata FILE replaces everything; else the data loaded earlier with the CLI
    stays in force; else the shipped default: stored on first start, and again only when
    the stored one is not the shipped one (an upgrade changed it). Storing it on every
    start made each one-off command (``queue status``) rewrite the BRP copy and made every
    running worker re-read the reference data."""
    pad: Path | None = register.instellingen.referentiedata
    if pad is not None:
        register.laad_referentiedata_stroom(pad)  # flat memory, also for a national-size file
        return
    with register.lezen() as sessie:
        rij = opslag.lees_document(sessie)
        bron, document = (rij.bron, rij.document) if rij else (None, None)
        standaard = loader.lees(loader.standaard_pad()) if bron != "geladen" else None
        ongewijzigd = bron == "standaard" and _is_standaard(sessie, document, standaard)
    if bron == "geladen" or ongewijzigd:
        register._referentiedata = loader.naar_domein_zonder_personen(document)
        return
    register.laad_referentiedata(standaard, bron="standaard")


def _is_standaard(sessie: Session, opgeslagen: dict, standaard: dict) -> bool:
    """The stored document and BRP copy are exactly the shipped default's."""
    if opgeslagen != {k: v for k, v in standaard.items() if k != "personen"}:
        return False
    personen = {p["burgerservicenummer"]: p for p in standaard.get("personen", [])}
    return dict(sessie.execute(select(BrpPersoonRij.burgerservicenummer, BrpPersoonRij.gegevens)).all()) == personen
