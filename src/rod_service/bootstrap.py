"""The composition root: CLI, server and tests build the service here and nowhere else.
Nothing is wired at import time."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from .config import Instellingen
from .domain.referentiedata import Referentiedata
from .klok import Klok
from .referentiedata import loader
from .service.omgeving import Omgeving
from .service.unit_of_work import UnitOfWork
from .store import referentiedata as opslag
from .store.models import BrpPersoonRij
from .store.personen import BrpRepository
from .store.db import maak_engine, migreer, opstartslot, sessiefabriek


@dataclass
class Register:
    instellingen: Instellingen
    engine: Engine
    sessies: sessionmaker[Session]
    klok: Klok
    _referentiedata: Referentiedata | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _metrieken: object | None = None

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

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.sessies, loader.persoon_naar_domein)

    def omgeving(self) -> Omgeving:
        return Omgeving(referentiedata=self.referentiedata, klok=self.klok)

    def dispatcher(self):
        """A new outbox dispatcher on this register's store and clock (``serve`` runs one
        in a thread, ``rod-service dispatch`` in its own process); zeep loads only here."""
        from .outbox.dispatcher import maak_dispatcher

        return maak_dispatcher(self)

    def laad_referentiedata(self, document: dict, bron: str = "geladen") -> Referentiedata:
        """Validate, store (document + BRP copy, one transaction) and put in force. The
        persons live only in the store (``brp_persoon``): a national-size BRP does not
        belong in every process's memory."""
        zonder_personen = loader.naar_domein({**document, "personen": []})
        personen = [(loader.persoon_naar_domein(p), p) for p in document.get("personen", [])]
        with self._lock, self.sessies() as sessie, sessie.begin():
            opslag.bewaar_document(sessie, document, bron, self.klok.nu())
            BrpRepository(sessie, loader.persoon_naar_domein).vervang_alles(personen)
        self._referentiedata = zonder_personen
        return zonder_personen

    def huidig_document(self) -> dict:
        """The reference data in force as a file-format document (for merging)."""
        with self.sessies() as sessie:
            rij = opslag.lees_document(sessie)
            personen = [r.gegevens for r in sessie.scalars(select(BrpPersoonRij))]
        return {**(rij.document if rij else {}), "personen": personen}


def bootstrap(instellingen: Instellingen, *, migreren: bool = True) -> Register:
    engine = maak_engine(instellingen.database_url)
    with opstartslot(engine):  # PostgreSQL: replicas starting together take turns here
        if migreren:
            migreer(instellingen.database_url)
        register = Register(instellingen, engine, sessiefabriek(engine), Klok(instellingen.datum))
        _referentiedata_in_werking(register)
    return register


def _referentiedata_in_werking(register: Register) -> None:
    """--referentiedata FILE replaces everything; else the data loaded earlier with the CLI
    stays in force; else (first start, or still the default) the shipped default."""
    pad: Path | None = register.instellingen.referentiedata
    if pad is not None:
        register.laad_referentiedata(loader.lees(pad))
        return
    with register.sessies() as sessie:
        rij = opslag.lees_document(sessie)
        bron, document = (rij.bron, rij.document) if rij else (None, None)
    if bron == "geladen":
        register._referentiedata = loader.naar_domein({**document, "personen": []})
        return
    register.laad_referentiedata(loader.lees(loader.standaard_pad()), bron="standaard")
