"""The reference data in the store: the document (without persons) and the BRP copy."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from .models import ReferentiedataDocument

DOCUMENT_ID = 1


def lees_document(session: Session) -> ReferentiedataDocument | None:
    return session.get(ReferentiedataDocument, DOCUMENT_ID)


def bewaar_document(session: Session, document: dict, bron: str, nu: datetime) -> None:
    zonder_personen = {k: v for k, v in document.items() if k != "personen"}
    rij = session.get(ReferentiedataDocument, DOCUMENT_ID)
    if rij is None:
        session.add(ReferentiedataDocument(id=DOCUMENT_ID, document=zonder_personen, bron=bron, geladen_op=nu))
    else:
        rij.document, rij.bron, rij.geladen_op = zonder_personen, bron, nu
