"""The audit trail (spec section 13): every accepted and refused request, who (OIN and
certificate OIN), what (operation, brin, masked PGN), when, outcome and signal codes.
Written by the request pipeline and the Fault hook, read by ``rod-service audit``."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import insert, or_, select
from sqlalchemy.orm import Session

from .models import Audit
from .snel import Snel

_LEG_VAST = Snel(insert(Audit.__table__))  # every request writes one (bench/RESULTS.md, store/snel.py)
_VELDEN = ("tijdstip", "request_id", "oin", "certificaat_oin", "operatie", "identificatiecode", "brin",
           "pgn_gemaskeerd", "uitkomst", "signaalcodes", "duur_ms")


@dataclass(frozen=True)
class Auditregel:
    """One audit record as read back (detached from the session)."""

    tijdstip: datetime
    request_id: str
    oin: str | None
    certificaat_oin: str | None
    operatie: str | None
    identificatiecode: str | None
    brin: str | None
    pgn_gemaskeerd: str | None
    uitkomst: str
    signaalcodes: tuple[str, ...]
    duur_ms: float | None

    def als_dict(self) -> dict:
        return {"tijdstip": self.tijdstip.isoformat(), "request_id": self.request_id, "oin": self.oin,
                "certificaat_oin": self.certificaat_oin, "operatie": self.operatie,
                "identificatiecode": self.identificatiecode, "brin": self.brin,
                "pgn": self.pgn_gemaskeerd, "uitkomst": self.uitkomst,
                "signaalcodes": list(self.signaalcodes), "duur_ms": self.duur_ms}


class AuditRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def leg_vast(self, **velden) -> None:
        onbekend = set(velden) - set(_VELDEN)
        if onbekend:
            raise TypeError(f"onbekende auditvelden: {sorted(onbekend)}")
        _LEG_VAST.voer_uit(self.session, {**dict.fromkeys(_VELDEN), "signaalcodes": "", **velden})

    def zoek(self, *, oin: str | None = None, van: datetime | None = None, tot: datetime | None = None,
             request_id: str | None = None, limiet: int | None = 1000) -> Sequence[Auditregel]:
        """Records oldest first; ``oin`` matches the sender or the certificate's OIN;
        ``van`` inclusive, ``tot`` exclusive; the newest ``limiet`` when there are more."""
        vraag = select(Audit).order_by(Audit.tijdstip.desc(), Audit.id.desc())
        if oin:
            vraag = vraag.where(or_(Audit.oin == oin, Audit.certificaat_oin == oin))
        if van is not None:
            vraag = vraag.where(Audit.tijdstip >= van)
        if tot is not None:
            vraag = vraag.where(Audit.tijdstip < tot)
        if request_id:
            vraag = vraag.where(Audit.request_id == request_id)
        if limiet:
            vraag = vraag.limit(limiet)
        return [_regel(a) for a in reversed(self.session.scalars(vraag).all())]


def _regel(a: Audit) -> Auditregel:
    return Auditregel(
        tijdstip=a.tijdstip, request_id=a.request_id, oin=a.oin, certificaat_oin=a.certificaat_oin,
        operatie=a.operatie, identificatiecode=a.identificatiecode, brin=a.brin,
        pgn_gemaskeerd=a.pgn_gemaskeerd, uitkomst=a.uitkomst,
        signaalcodes=tuple(c for c in (a.signaalcodes or "").split(",") if c), duur_ms=a.duur_ms)
