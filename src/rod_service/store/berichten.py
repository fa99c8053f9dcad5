"""Repository for processed bedrijfsdocumenten (idempotency). The audit trail's
repository lives in ``store/audit.py`` (imported here for older imports)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from .audit import AuditRepository  # noqa: F401  (re-exported)
from .models import Bedrijfsdocument


class BedrijfsdocumentRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def zoek(self, verzendende_instantie: str, identificatiecode: str) -> Bedrijfsdocument | None:
        return self.session.get(Bedrijfsdocument, (verzendende_instantie, identificatiecode))

    def bewaar(self, *, verzendende_instantie: str, identificatiecode: str, operatie: str,
               payload_hash: str, antwoord: bytes, ontvangen_op: datetime) -> None:
        self.session.add(Bedrijfsdocument(
            verzendende_instantie=verzendende_instantie, identificatiecode=identificatiecode,
            operatie=operatie, payload_hash=payload_hash, antwoord=antwoord, ontvangen_op=ontvangen_op,
        ))

