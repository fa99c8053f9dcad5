"""One unit of work per request: checks, store, outbox messages and the audit record
commit together or not at all (rolled back when the block ends without commit)."""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from ..domain.persoon import BrpPersoon
from ..store.berichten import AuditRepository, BedrijfsdocumentRepository
from ..store.db import schrijfslot, serialiseerbaar
from ..store.examenresultaten import ExamenresultaatRepository
from ..store.inschrijvingen import InschrijvingRepository
from ..store.outbox import OutboxRepository
from ..store.personen import BrpCache, BrpRepository, PersonenRepository


class UnitOfWork:
    def __init__(self, sessies: sessionmaker[Session], brp_naar_domein: Callable[[dict], BrpPersoon],
                 bij_begin: Callable[[Session], int | None] | None = None, brp_cache: BrpCache | None = None) -> None:
        """``bij_begin(session)`` runs first in the transaction (the register's ``ververs``) and
        returns the reference-data version it runs on; with it, ``brp_cache`` keeps the BRP
        persons read under that version for the next units of work."""
        self._sessies = sessies
        self._brp_naar_domein = brp_naar_domein
        self._bij_begin = bij_begin
        self._brp_cache = brp_cache
        self._per_persoon = False

    def per_persoon_vergrendeld(self) -> "UnitOfWork":
        """The handler locks the person it works on first (``personen.kop_op_pgn(...,
        vergrendel=True)``), so on PostgreSQL this unit of work can run READ COMMITTED
        instead of SERIALIZABLE: deliveries for one person take turns on that row lock,
        deliveries for different persons never abort each other (bench/RESULTS.md)."""
        self._per_persoon = True
        return self

    def __enter__(self) -> "UnitOfWork":
        self._slot = schrijfslot(self._sessies.kw["bind"])  # SQLite: this process's writers take turns
        self._slot.__enter__()
        try:
            self.session = self._sessies()
            if not self._per_persoon:
                serialiseerbaar(self.session)
            versie = self._bij_begin(self.session) if self._bij_begin is not None else None
        except BaseException:
            self._slot.__exit__(None, None, None)
            raise
        cache = self._brp_cache.voor(versie) if self._brp_cache is not None and versie is not None else None
        self.brp = BrpRepository(self.session, self._brp_naar_domein, cache)
        self.personen = PersonenRepository(self.session)
        self.examenresultaten = ExamenresultaatRepository(self.session)
        self.inschrijvingen = InschrijvingRepository(self.session)
        self.bedrijfsdocumenten = BedrijfsdocumentRepository(self.session)
        self.audit = AuditRepository(self.session)
        self.outbox = OutboxRepository(self.session)
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.session.rollback()
            self.session.close()
        finally:
            self._slot.__exit__(None, None, None)

    def commit(self) -> None:
        self.session.commit()
