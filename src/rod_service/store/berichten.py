"""Repository for processed bedrijfsdocumenten (idempotency). The audit trail's
repository lives in ``store/audit.py`` (imported here for older imports)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Row, bindparam, insert, select
from sqlalchemy.orm import Session

from .audit import AuditRepository  # noqa: F401  (re-exported)
from .models import Bedrijfsdocument
from .snel import Snel

_B = Bedrijfsdocument.__table__
# Core statements built once, run on the driver's cursor (the hot path of every request;
# bench/RESULTS.md, store/snel.py)
_ZOEK = Snel(select(_B.c.operatie, _B.c.payload_hash, _B.c.antwoord).where(
    _B.c.verzendende_instantie == bindparam("oin"), _B.c.identificatiecode == bindparam("code")))
_BEWAAR = Snel(insert(_B))


class BedrijfsdocumentRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def zoek(self, verzendende_instantie: str, identificatiecode: str) -> Row | None:
        """The processed document's ``operatie``, ``payload_hash`` and ``antwoord``, or None."""
        return _ZOEK.voer_uit(self.session, {"oin": verzendende_instantie, "code": identificatiecode}).first()

    def bewaar(self, *, verzendende_instantie: str, identificatiecode: str, operatie: str,
               payload_hash: str, antwoord: bytes, ontvangen_op: datetime) -> None:
        _BEWAAR.voer_uit(self.session, dict(
            verzendende_instantie=verzendende_instantie, identificatiecode=identificatiecode,
            operatie=operatie, payload_hash=payload_hash, antwoord=antwoord, ontvangen_op=ontvangen_op,
        ))

